package evaluation

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

// MyEvaluations handles GET /me/evaluations.
func (h *Handlers) MyEvaluations(c echo.Context) error {
	ctx := c.Request().Context()
	out, err := h.svc.MyEvaluations(ctx, access.FromContext(ctx))
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// MyEvaluation handles GET /me/evaluations/{formID}; the draft's version, when there is a draft, is the ETag.
func (h *Handlers) MyEvaluation(c echo.Context) error {
	id, err := httpio.PathUUID(c, "formID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.MyEvaluation(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	if out.Draft != nil {
		httpio.SetVersion(c, out.Draft.Version)
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// SaveDraft handles PUT /me/evaluations/{formID}/draft. If-Match is optional here: the first save has no
// version to name.
func (h *Handlers) SaveDraft(c echo.Context) error {
	id, err := httpio.PathUUID(c, "formID")
	if err != nil {
		return err
	}
	version := 0
	if strings.TrimSpace(c.Request().Header.Get("If-Match")) != "" {
		if version, err = httpio.IfMatchVersion(c); err != nil {
			return err
		}
	}
	var in AnswersInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	d, err := h.svc.SaveDraft(ctx, access.FromContext(ctx), id, version, in)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, d.Version)
	return httpio.JSON(c, http.StatusOK, d)
}

// Submit handles POST /me/evaluations/{formID}/submission: 201 when stored, 200 for a retry of a stored
// submission with its Idempotency-Key.
func (h *Handlers) Submit(c echo.Context) error {
	id, err := httpio.PathUUID(c, "formID")
	if err != nil {
		return err
	}
	key, err := httpio.IdempotencyKey(c)
	if err != nil {
		return err
	}
	var in AnswersInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	r, retried, err := h.svc.Submit(ctx, access.FromContext(ctx), id, key, in)
	if err != nil {
		return err
	}
	if retried {
		return httpio.JSON(c, http.StatusOK, r)
	}
	return httpio.JSON(c, http.StatusCreated, r)
}
