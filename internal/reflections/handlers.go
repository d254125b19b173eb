package reflections

import (
	"github.com/labstack/echo/v4"
)

// Handlers are the HTTP endpoints of reflections.
type Handlers struct{ svc *Service }

// NewHandlers returns the reflections handlers.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }

// MyReflections: TODO (being built).
func (h *Handlers) MyReflections(c echo.Context) error { return echo.ErrNotImplemented }

// SharedReflections: TODO (being built).
func (h *Handlers) SharedReflections(c echo.Context) error { return echo.ErrNotImplemented }

// CreateReflection: TODO (being built).
func (h *Handlers) CreateReflection(c echo.Context) error { return echo.ErrNotImplemented }

// Reflection: TODO (being built).
func (h *Handlers) Reflection(c echo.Context) error { return echo.ErrNotImplemented }

// UpdateReflection: TODO (being built).
func (h *Handlers) UpdateReflection(c echo.Context) error { return echo.ErrNotImplemented }

// DeleteReflection: TODO (being built).
func (h *Handlers) DeleteReflection(c echo.Context) error { return echo.ErrNotImplemented }

// AddComment: TODO (being built).
func (h *Handlers) AddComment(c echo.Context) error { return echo.ErrNotImplemented }

// UpdateComment: TODO (being built).
func (h *Handlers) UpdateComment(c echo.Context) error { return echo.ErrNotImplemented }

// DeleteComment: TODO (being built).
func (h *Handlers) DeleteComment(c echo.Context) error { return echo.ErrNotImplemented }
