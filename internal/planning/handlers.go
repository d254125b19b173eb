package planning

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
)

// Handlers are the HTTP endpoints of planning.
type Handlers struct {
	svc     *Service
	baseURL string // for the links the API hands out (calendar feeds)
}

// NewHandlers returns the planning handlers.
func NewHandlers(svc *Service, baseURL string) *Handlers {
	return &Handlers{svc: svc, baseURL: baseURL}
}

// Cohort handles GET /cohorts/{cohortID}.
func (h *Handlers) Cohort(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	ov, err := h.svc.CohortOverview(c.Request().Context(), access.FromContext(c.Request().Context()), id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, ov)
}

// CalendarFeedStatus handles GET /me/calendar-feed.
func (h *Handlers) CalendarFeedStatus(c echo.Context) error {
	feed, err := h.svc.CalendarFeedStatus(c.Request().Context(), access.FromContext(c.Request().Context()))
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, feed)
}

// ResetCalendarFeed handles POST /me/calendar-feed: a new secret URL, shown this once.
func (h *Handlers) ResetCalendarFeed(c echo.Context) error {
	feed, err := h.svc.ResetCalendarFeed(c.Request().Context(), access.FromContext(c.Request().Context()), h.baseURL)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusCreated, feed)
}

// CalendarICS handles GET /calendar/{token}.ics, the feed calendar apps subscribe to (no login: the URL is the key).
func (h *Handlers) CalendarICS(c echo.Context) error {
	token, ok := strings.CutSuffix(c.Param("file"), ".ics")
	if !ok {
		return apperror.New(apperror.NotFound, "Agenda niet gevonden")
	}
	body, err := h.svc.CalendarICS(c.Request().Context(), token)
	if err != nil {
		return err
	}
	hd := c.Response().Header()
	// Private: the feed is personal. Calendar apps poll it; five minutes of caching spares the database.
	hd.Set(echo.HeaderCacheControl, "private, max-age=300")
	hd.Set(echo.HeaderContentDisposition, `inline; filename="leergang.ics"`)
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", body)
}
