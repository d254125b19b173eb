package identity

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

// AccountHandlers are the endpoints around accounts that are not about signing in: admins finding and adding
// people, and invitees setting their password.
type AccountHandlers struct {
	svc     *Service
	baseURL string // for the set-password link in invitation mails
}

// NewAccountHandlers returns the account handlers.
func NewAccountHandlers(svc *Service, baseURL string) *AccountHandlers {
	return &AccountHandlers{svc: svc, baseURL: baseURL}
}

type peopleResponse struct {
	Users []Person `json:"users"`
}

// SearchPeople handles GET /users?query=.
func (h *AccountHandlers) SearchPeople(c echo.Context) error {
	ctx := c.Request().Context()
	people, err := h.svc.SearchPeople(ctx, access.FromContext(ctx), c.QueryParam("query"))
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, peopleResponse{Users: people})
}

// CreatePerson handles POST /users.
func (h *AccountHandlers) CreatePerson(c echo.Context) error {
	var in NewPersonInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	person, err := h.svc.CreatePerson(ctx, access.FromContext(ctx), in, h.baseURL)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusCreated, person)
}
