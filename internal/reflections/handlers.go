package reflections

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

// Handlers are the HTTP endpoints of reflections.
type Handlers struct{ svc *Service }

// NewHandlers returns the reflections handlers.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }

// MyReflections handles GET /me/reflections.
func (h *Handlers) MyReflections(c echo.Context) error {
	q := MyQuery{CohortID: c.QueryParam("cohortId"), ModuleID: c.QueryParam("moduleId"),
		GoalID: c.QueryParam("goalId"), Visibility: c.QueryParam("visibility"), Q: c.QueryParam("q"),
		Cursor: c.QueryParam("cursor"), Limit: c.QueryParam("limit")}
	ctx := c.Request().Context()
	page, err := h.svc.MyReflections(ctx, access.FromContext(ctx), q)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, page)
}

// SharedReflections handles GET /cohorts/{cohortID}/reflections.
func (h *Handlers) SharedReflections(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	q := SharedQuery{AuthorID: c.QueryParam("authorId"), ModuleID: c.QueryParam("moduleId"),
		Cursor: c.QueryParam("cursor"), Limit: c.QueryParam("limit")}
	ctx := c.Request().Context()
	page, err := h.svc.SharedReflections(ctx, access.FromContext(ctx), id, q)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, page)
}

// CreateReflection handles POST /cohorts/{cohortID}/reflections.
func (h *Handlers) CreateReflection(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	var in Input
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	r, err := h.svc.CreateReflection(ctx, access.FromContext(ctx), id, in)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, r.Version)
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/reflections/"+r.ID.String())
	return httpio.JSON(c, http.StatusCreated, r)
}

// Reflection handles GET /reflections/{reflectionID}.
func (h *Handlers) Reflection(c echo.Context) error {
	id, err := httpio.PathUUID(c, "reflectionID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	r, err := h.svc.Reflection(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, r.Version)
	return httpio.JSON(c, http.StatusOK, r)
}

// UpdateReflection handles PATCH /reflections/{reflectionID}.
func (h *Handlers) UpdateReflection(c echo.Context) error {
	id, err := httpio.PathUUID(c, "reflectionID")
	if err != nil {
		return err
	}
	version, err := httpio.IfMatchVersion(c)
	if err != nil {
		return err
	}
	var in Patch
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	r, err := h.svc.UpdateReflection(ctx, access.FromContext(ctx), id, version, in)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, r.Version)
	return httpio.JSON(c, http.StatusOK, r)
}

// DeleteReflection handles DELETE /reflections/{reflectionID}.
func (h *Handlers) DeleteReflection(c echo.Context) error {
	id, err := httpio.PathUUID(c, "reflectionID")
	if err != nil {
		return err
	}
	version, err := httpio.IfMatchVersion(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := h.svc.DeleteReflection(ctx, access.FromContext(ctx), id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// AddComment handles POST /reflections/{reflectionID}/comments.
func (h *Handlers) AddComment(c echo.Context) error {
	id, err := httpio.PathUUID(c, "reflectionID")
	if err != nil {
		return err
	}
	var in CommentInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	cm, err := h.svc.AddComment(ctx, access.FromContext(ctx), id, in)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, cm.Version)
	return httpio.JSON(c, http.StatusCreated, cm)
}

// UpdateComment handles PATCH /reflections/{reflectionID}/comments/{commentID}.
func (h *Handlers) UpdateComment(c echo.Context) error {
	reflectionID, commentID, err := commentPath(c)
	if err != nil {
		return err
	}
	version, err := httpio.IfMatchVersion(c)
	if err != nil {
		return err
	}
	var in CommentInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	cm, err := h.svc.UpdateComment(ctx, access.FromContext(ctx), reflectionID, commentID, version, in)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, cm.Version)
	return httpio.JSON(c, http.StatusOK, cm)
}

// DeleteComment handles DELETE /reflections/{reflectionID}/comments/{commentID}.
func (h *Handlers) DeleteComment(c echo.Context) error {
	reflectionID, commentID, err := commentPath(c)
	if err != nil {
		return err
	}
	version, err := httpio.IfMatchVersion(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := h.svc.DeleteComment(ctx, access.FromContext(ctx), reflectionID, commentID, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func commentPath(c echo.Context) (reflectionID, commentID uuid.UUID, err error) {
	r, err := httpio.PathUUID(c, "reflectionID")
	if err != nil {
		return uuid.Nil, uuid.Nil, err
	}
	cm, err := httpio.PathUUID(c, "commentID")
	return r, cm, err
}
