package privacy

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
)

// Handlers are the HTTP endpoints of privacy (access log, export, erasure).
type Handlers struct{ svc *Service }

// NewHandlers returns the privacy (access log, export, erasure) handlers.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }

// AccessLog handles GET /me/access-log?cursor=&limit=.
func (h *Handlers) AccessLog(c echo.Context) error {
	ctx := c.Request().Context()
	page, err := h.svc.AccessLog(ctx, access.FromContext(ctx),
		AccessLogQuery{Cursor: c.QueryParam("cursor"), Limit: c.QueryParam("limit")})
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, page)
}

func attachment(c echo.Context, name string) {
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	h.Set(echo.HeaderCacheControl, "no-store")
}

// Export handles GET /me/export: the JSON file.
func (h *Handlers) Export(c echo.Context) error {
	ctx := c.Request().Context()
	out, err := h.svc.Export(ctx, access.FromContext(ctx), "json")
	if err != nil {
		return err
	}
	attachment(c, "leergang-mijn-gegevens-"+ExportDay(out.ExportedAt)+".json")
	return c.JSONPretty(http.StatusOK, out, "  ")
}

// ExportDocument handles GET /me/export/document: the same data as an HTML document. Its inline style is let in
// by hash; the policy allows nothing else, so even a script that slipped into a text could not run.
func (h *Handlers) ExportDocument(c echo.Context) error {
	ctx := c.Request().Context()
	out, err := h.svc.Export(ctx, access.FromContext(ctx), "html")
	if err != nil {
		return err
	}
	doc, err := Document(out)
	if err != nil {
		return err
	}
	attachment(c, "leergang-mijn-gegevens-"+ExportDay(out.ExportedAt)+".html")
	c.Response().Header().Set("Content-Security-Policy", DocumentCSP)
	return c.Blob(http.StatusOK, echo.MIMETextHTMLCharsetUTF8, doc)
}

// Erase handles POST /admin/users/{userID}/erase.
func (h *Handlers) Erase(c echo.Context) error {
	ctx := c.Request().Context()
	p := access.FromContext(ctx)
	if err := h.svc.CheckEraser(p); err != nil {
		return err
	}
	id, err := uuid.Parse(c.Param("userID"))
	if err != nil {
		return apperror.Newf(apperror.NotFound, "Persoon niet gevonden", "Deze persoon bestaat niet.")
	}
	var in EraseRequest
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	report, err := h.svc.Erase(ctx, p, id, in)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, report)
}
