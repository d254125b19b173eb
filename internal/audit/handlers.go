package audit

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

// Handlers are the HTTP endpoints of the audit log (the admins' search).
type Handlers struct{ search *Searcher }

// NewHandlers returns the audit-log handlers.
func NewHandlers(s *Searcher) *Handlers { return &Handlers{search: s} }

// Search handles GET /admin/audit-log.
func (h *Handlers) Search(c echo.Context) error {
	ctx := c.Request().Context()
	page, err := h.search.Search(ctx, access.FromContext(ctx), SearchQuery{
		Actor: c.QueryParam("actor"), Subject: c.QueryParam("subject"), Action: c.QueryParam("action"),
		ObjectType: c.QueryParam("objectType"), ObjectID: c.QueryParam("objectId"),
		From: c.QueryParam("from"), To: c.QueryParam("to"),
		Cursor: c.QueryParam("cursor"), Limit: c.QueryParam("limit"),
	})
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, page)
}
