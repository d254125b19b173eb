package portraits

import (
	"github.com/labstack/echo/v4"
)

// Handlers are the HTTP endpoints of portraits.
type Handlers struct{ svc *Service }

// NewHandlers returns the portraits handlers.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }

// MyPortrait: TODO (being built).
func (h *Handlers) MyPortrait(c echo.Context) error { return echo.ErrNotImplemented }

// SaveMyPortrait: TODO (being built).
func (h *Handlers) SaveMyPortrait(c echo.Context) error { return echo.ErrNotImplemented }

// SubmitMyPortrait: TODO (being built).
func (h *Handlers) SubmitMyPortrait(c echo.Context) error { return echo.ErrNotImplemented }

// WithdrawMyPortrait: TODO (being built).
func (h *Handlers) WithdrawMyPortrait(c echo.Context) error { return echo.ErrNotImplemented }

// ReviewList: TODO (being built).
func (h *Handlers) ReviewList(c echo.Context) error { return echo.ErrNotImplemented }

// Approve: TODO (being built).
func (h *Handlers) Approve(c echo.Context) error { return echo.ErrNotImplemented }

// Reject: TODO (being built).
func (h *Handlers) Reject(c echo.Context) error { return echo.ErrNotImplemented }

// PublicPortraits: TODO (being built).
func (h *Handlers) PublicPortraits(c echo.Context) error { return echo.ErrNotImplemented }
