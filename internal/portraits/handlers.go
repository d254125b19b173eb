package portraits

import (
	"net/http"
	"strings"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

// Handlers are the HTTP endpoints of portraits.
type Handlers struct{ svc *Service }

// NewHandlers returns the portraits handlers.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }

// MyPortrait handles GET /cohorts/{cohortID}/portrait.
func (h *Handlers) MyPortrait(c echo.Context) error {
	cohortID, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.Mine(ctx, access.FromContext(ctx), cohortID)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, out.Version)
	return httpio.JSON(c, http.StatusOK, out)
}

// SaveMyPortrait handles PUT /cohorts/{cohortID}/portrait: create without If-Match, update with it.
func (h *Handlers) SaveMyPortrait(c echo.Context) error {
	cohortID, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	version := 0
	if strings.TrimSpace(c.Request().Header.Get("If-Match")) != "" {
		if version, err = httpio.IfMatchVersion(c); err != nil {
			return err
		}
	}
	var in Input
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, created, err := h.svc.Save(ctx, access.FromContext(ctx), cohortID, version, in)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, out.Version)
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	return httpio.JSON(c, status, out)
}

// SubmitMyPortrait handles POST /cohorts/{cohortID}/portrait/submit with If-Match.
func (h *Handlers) SubmitMyPortrait(c echo.Context) error {
	cohortID, version, err := pathAndVersion(c, "cohortID")
	if err != nil {
		return err
	}
	var in Consent
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.Submit(ctx, access.FromContext(ctx), cohortID, version, in)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, out.Version)
	return httpio.JSON(c, http.StatusOK, out)
}

// WithdrawMyPortrait handles POST /cohorts/{cohortID}/portrait/withdraw with If-Match.
func (h *Handlers) WithdrawMyPortrait(c echo.Context) error {
	cohortID, version, err := pathAndVersion(c, "cohortID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.Withdraw(ctx, access.FromContext(ctx), cohortID, version)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, out.Version)
	return httpio.JSON(c, http.StatusOK, out)
}

// ReviewList handles GET /admin/portraits?status=.
func (h *Handlers) ReviewList(c echo.Context) error {
	ctx := c.Request().Context()
	out, err := h.svc.ReviewList(ctx, access.FromContext(ctx), c.QueryParam("status"))
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// Approve handles POST /admin/portraits/{portraitID}/approve with If-Match.
func (h *Handlers) Approve(c echo.Context) error {
	ctx := c.Request().Context()
	p := access.FromContext(ctx)
	if err := h.svc.CheckReviewer(p); err != nil {
		return err
	}
	id, version, err := pathAndVersion(c, "portraitID")
	if err != nil {
		return err
	}
	out, err := h.svc.Approve(ctx, p, id, version)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, out.Version)
	return httpio.JSON(c, http.StatusOK, out)
}

// Reject handles POST /admin/portraits/{portraitID}/reject with If-Match.
func (h *Handlers) Reject(c echo.Context) error {
	ctx := c.Request().Context()
	p := access.FromContext(ctx)
	if err := h.svc.CheckReviewer(p); err != nil {
		return err
	}
	id, version, err := pathAndVersion(c, "portraitID")
	if err != nil {
		return err
	}
	var in Rejection
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	out, err := h.svc.Reject(ctx, p, id, version, in)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, out.Version)
	return httpio.JSON(c, http.StatusOK, out)
}

// PublicPortraits handles GET /public/programmes/{slug}/portraits (no login).
func (h *Handlers) PublicPortraits(c echo.Context) error {
	out, err := h.svc.Public(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

func pathAndVersion(c echo.Context, param string) (uuid.UUID, int, error) {
	id, err := httpio.PathUUID(c, param)
	if err != nil {
		return uuid.Nil, 0, err
	}
	version, err := httpio.IfMatchVersion(c)
	return id, version, err
}
