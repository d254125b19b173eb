package evaluation

import "github.com/labstack/echo/v4"

// MyEvaluations handles GET /me/evaluations.
func (h *Handlers) MyEvaluations(c echo.Context) error { return echo.ErrNotImplemented }

// MyEvaluation handles GET /me/evaluations/{formID}.
func (h *Handlers) MyEvaluation(c echo.Context) error { return echo.ErrNotImplemented }

// SaveDraft handles PUT /me/evaluations/{formID}/draft.
func (h *Handlers) SaveDraft(c echo.Context) error { return echo.ErrNotImplemented }

// Submit handles POST /me/evaluations/{formID}/submission.
func (h *Handlers) Submit(c echo.Context) error { return echo.ErrNotImplemented }
