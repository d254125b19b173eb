package goals

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

// Handlers are the HTTP endpoints of learning goals.
type Handlers struct{ svc *Service }

// NewHandlers returns the learning goals handlers.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }

// Framework handles GET /cohorts/{cohortID}/framework.
func (h *Handlers) Framework(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	f, err := h.svc.Framework(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, f)
}

// CreateGoal handles POST /cohorts/{cohortID}/goals.
func (h *Handlers) CreateGoal(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	var in GoalInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	g, err := h.svc.CreateGoal(ctx, access.FromContext(ctx), id, in)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, g.Version)
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/goals/"+g.ID.String())
	return httpio.JSON(c, http.StatusCreated, g)
}

// ParticipantGoals handles GET /cohorts/{cohortID}/participants/{userID}/goals.
func (h *Handlers) ParticipantGoals(c echo.Context) error {
	cohortID, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	userID, err := httpio.PathUUID(c, "userID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.ParticipantGoals(ctx, access.FromContext(ctx), cohortID, userID)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// AspectCoverage handles GET /cohorts/{cohortID}/goal-aspects.
func (h *Handlers) AspectCoverage(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.AspectCoverage(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// CoachingOverview handles GET /cohorts/{cohortID}/coaching.
func (h *Handlers) CoachingOverview(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.CoachingOverview(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// Goal handles GET /goals/{goalID}.
func (h *Handlers) Goal(c echo.Context) error {
	id, err := httpio.PathUUID(c, "goalID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	g, err := h.svc.Goal(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	return writeGoal(c, g)
}

// UpdateGoal handles PATCH /goals/{goalID} (If-Match).
func (h *Handlers) UpdateGoal(c echo.Context) error {
	id, version, err := goalAndVersion(c)
	if err != nil {
		return err
	}
	var patch GoalPatch
	if err := httpio.DecodeJSON(c, &patch); err != nil {
		return err
	}
	ctx := c.Request().Context()
	g, err := h.svc.UpdateGoal(ctx, access.FromContext(ctx), id, version, patch)
	if err != nil {
		return err
	}
	return writeGoal(c, g)
}

// DeleteGoal handles DELETE /goals/{goalID} (If-Match).
func (h *Handlers) DeleteGoal(c echo.Context) error {
	id, version, err := goalAndVersion(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := h.svc.DeleteGoal(ctx, access.FromContext(ctx), id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// AddStep handles POST /goals/{goalID}/steps (If-Match with the goal's version).
func (h *Handlers) AddStep(c echo.Context) error {
	id, version, err := goalAndVersion(c)
	if err != nil {
		return err
	}
	var in StepInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	g, err := h.svc.AddStep(ctx, access.FromContext(ctx), id, version, in)
	if err != nil {
		return err
	}
	return writeGoal(c, g)
}

// UpdateStep handles PATCH /goals/{goalID}/steps/{stepID} (If-Match with the goal's version).
func (h *Handlers) UpdateStep(c echo.Context) error {
	id, version, err := goalAndVersion(c)
	if err != nil {
		return err
	}
	stepID, err := httpio.PathUUID(c, "stepID")
	if err != nil {
		return err
	}
	var patch StepPatch
	if err := httpio.DecodeJSON(c, &patch); err != nil {
		return err
	}
	ctx := c.Request().Context()
	g, err := h.svc.UpdateStep(ctx, access.FromContext(ctx), id, stepID, version, patch)
	if err != nil {
		return err
	}
	return writeGoal(c, g)
}

// DeleteStep handles DELETE /goals/{goalID}/steps/{stepID} (If-Match with the goal's version).
func (h *Handlers) DeleteStep(c echo.Context) error {
	id, version, err := goalAndVersion(c)
	if err != nil {
		return err
	}
	stepID, err := httpio.PathUUID(c, "stepID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	g, err := h.svc.DeleteStep(ctx, access.FromContext(ctx), id, stepID, version)
	if err != nil {
		return err
	}
	return writeGoal(c, g)
}

// goalAndVersion reads the goal id and the If-Match version every write on a goal is based on.
func goalAndVersion(c echo.Context) (uuid.UUID, int, error) {
	id, err := httpio.PathUUID(c, "goalID")
	if err != nil {
		return uuid.Nil, 0, err
	}
	version, err := httpio.IfMatchVersion(c)
	if err != nil {
		return uuid.Nil, 0, err
	}
	return id, version, nil
}

func writeGoal(c echo.Context, g Goal) error {
	httpio.SetVersion(c, g.Version)
	return httpio.JSON(c, http.StatusOK, g)
}
