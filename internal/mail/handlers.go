package mail

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
)

// Handlers are the HTTP endpoints of the outbox (admins only).
type Handlers struct{ svc *Service }

// NewHandlers returns the mail handlers.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }

// List handles GET /admin/outbox.
func (h *Handlers) List(c echo.Context) error {
	ctx := c.Request().Context()
	page, err := h.svc.List(ctx, access.FromContext(ctx), ListQuery{Before: c.QueryParam("before"), Limit: c.QueryParam("limit")})
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, page)
}

// Get handles GET /admin/outbox/{mailID}.
func (h *Handlers) Get(c echo.Context) error {
	ctx := c.Request().Context()
	p := access.FromContext(ctx)
	id, err := strconv.ParseInt(c.Param("mailID"), 10, 64)
	if err != nil || id < 1 {
		// Check access first, so a non-admin learns nothing from the id's shape; then an id that is no
		// number names nothing.
		if aerr := requireAdmin(p); aerr != nil {
			return aerr
		}
		return apperror.New(apperror.NotFound, "E-mail niet gevonden")
	}
	d, err := h.svc.Get(ctx, p, id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, d)
}
