package privacy

import (
	"github.com/labstack/echo/v4"
)

// Handlers are the HTTP endpoints of privacy (access log, export, erasure).
type Handlers struct{ svc *Service }

// NewHandlers returns the privacy (access log, export, erasure) handlers.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }

// AccessLog: TODO (being built).
func (h *Handlers) AccessLog(c echo.Context) error { return echo.ErrNotImplemented }

// Export: TODO (being built).
func (h *Handlers) Export(c echo.Context) error { return echo.ErrNotImplemented }

// ExportDocument: TODO (being built).
func (h *Handlers) ExportDocument(c echo.Context) error { return echo.ErrNotImplemented }

// Erase: TODO (being built).
func (h *Handlers) Erase(c echo.Context) error { return echo.ErrNotImplemented }
