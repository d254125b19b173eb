package goals

import (
	"github.com/labstack/echo/v4"
)

// Handlers are the HTTP endpoints of learning goals.
type Handlers struct{ svc *Service }

// NewHandlers returns the learning goals handlers.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }

// Framework: TODO (being built).
func (h *Handlers) Framework(c echo.Context) error { return echo.ErrNotImplemented }

// CreateGoal: TODO (being built).
func (h *Handlers) CreateGoal(c echo.Context) error { return echo.ErrNotImplemented }

// ParticipantGoals: TODO (being built).
func (h *Handlers) ParticipantGoals(c echo.Context) error { return echo.ErrNotImplemented }

// AspectCoverage: TODO (being built).
func (h *Handlers) AspectCoverage(c echo.Context) error { return echo.ErrNotImplemented }

// CoachingOverview: TODO (being built).
func (h *Handlers) CoachingOverview(c echo.Context) error { return echo.ErrNotImplemented }

// Goal: TODO (being built).
func (h *Handlers) Goal(c echo.Context) error { return echo.ErrNotImplemented }

// UpdateGoal: TODO (being built).
func (h *Handlers) UpdateGoal(c echo.Context) error { return echo.ErrNotImplemented }

// DeleteGoal: TODO (being built).
func (h *Handlers) DeleteGoal(c echo.Context) error { return echo.ErrNotImplemented }

// AddStep: TODO (being built).
func (h *Handlers) AddStep(c echo.Context) error { return echo.ErrNotImplemented }

// UpdateStep: TODO (being built).
func (h *Handlers) UpdateStep(c echo.Context) error { return echo.ErrNotImplemented }

// DeleteStep: TODO (being built).
func (h *Handlers) DeleteStep(c echo.Context) error { return echo.ErrNotImplemented }
