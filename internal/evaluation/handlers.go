package evaluation

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

// Handlers are the HTTP endpoints of evaluation forms.
type Handlers struct {
	svc     *Service
	baseURL string // the product's public URL, for the links in reminder mails
}

// NewHandlers returns the evaluation form handlers.
func NewHandlers(svc *Service, baseURL string) *Handlers {
	return &Handlers{svc: svc, baseURL: baseURL}
}

// Templates handles GET /programmes/{programmeID}/evaluation-templates.
func (h *Handlers) Templates(c echo.Context) error {
	id, err := httpio.PathUUID(c, "programmeID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.Templates(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// CreateTemplate handles POST /programmes/{programmeID}/evaluation-templates.
func (h *Handlers) CreateTemplate(c echo.Context) error {
	id, err := httpio.PathUUID(c, "programmeID")
	if err != nil {
		return err
	}
	var in FormInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	f, err := h.svc.CreateTemplate(ctx, access.FromContext(ctx), id, in)
	if err != nil {
		return err
	}
	return created(c, f)
}

// Form handles GET /evaluation-forms/{formID}.
func (h *Handlers) Form(c echo.Context) error {
	id, err := httpio.PathUUID(c, "formID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	f, err := h.svc.Form(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, f.Version)
	return httpio.JSON(c, http.StatusOK, f)
}

// UpdateForm handles PUT /evaluation-forms/{formID}.
func (h *Handlers) UpdateForm(c echo.Context) error {
	id, err := httpio.PathUUID(c, "formID")
	if err != nil {
		return err
	}
	version, err := httpio.IfMatchVersion(c)
	if err != nil {
		return err
	}
	var in FormInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	f, err := h.svc.UpdateForm(ctx, access.FromContext(ctx), id, version, in)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, f.Version)
	return httpio.JSON(c, http.StatusOK, f)
}

// ReviseTemplate handles POST /evaluation-forms/{formID}/revisions.
func (h *Handlers) ReviseTemplate(c echo.Context) error {
	id, err := httpio.PathUUID(c, "formID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	f, err := h.svc.ReviseTemplate(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	return created(c, f)
}

func created(c echo.Context, f Form) error {
	httpio.SetVersion(c, f.Version)
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/evaluation-forms/"+f.ID.String())
	return httpio.JSON(c, http.StatusCreated, f)
}
