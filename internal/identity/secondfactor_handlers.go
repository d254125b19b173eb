package identity

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

// VerifySecondFactor handles POST /auth/second-factor.
func (h *Handlers) VerifySecondFactor(c echo.Context) error {
	var in SecondFactorVerifyInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	s, err := h.svc.VerifySecondFactor(c.Request().Context(), in, clientOf(c))
	if err != nil {
		return err
	}
	return h.respond(c, s)
}

// StartLoginEnrolment handles POST /auth/second-factor/enrolment.
func (h *Handlers) StartLoginEnrolment(c echo.Context) error {
	var in SecondFactorChallengeInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	out, err := h.svc.StartLoginEnrolment(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// ConfirmLoginEnrolment handles POST /auth/second-factor/enrolment/confirm.
func (h *Handlers) ConfirmLoginEnrolment(c echo.Context) error {
	var in SecondFactorVerifyInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	s, err := h.svc.ConfirmLoginEnrolment(c.Request().Context(), in, clientOf(c))
	if err != nil {
		return err
	}
	return h.respond(c, s)
}

// MySecondFactor handles GET /me/second-factor.
func (h *Handlers) MySecondFactor(c echo.Context) error {
	ctx := c.Request().Context()
	out, err := h.svc.MySecondFactor(ctx, access.FromContext(ctx))
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// StartMyEnrolment handles POST /me/second-factor/enrolment.
func (h *Handlers) StartMyEnrolment(c echo.Context) error {
	ctx := c.Request().Context()
	out, err := h.svc.StartMyEnrolment(ctx, access.FromContext(ctx))
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// EnableMySecondFactor handles POST /me/second-factor.
func (h *Handlers) EnableMySecondFactor(c echo.Context) error {
	var in TotpCodeInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.EnableMySecondFactor(ctx, access.FromContext(ctx), in)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// DisableMySecondFactor handles POST /me/second-factor/disable.
func (h *Handlers) DisableMySecondFactor(c echo.Context) error {
	var in PasswordConfirmInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := h.svc.DisableMySecondFactor(ctx, access.FromContext(ctx), in); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// RegenerateMyRecoveryCodes handles POST /me/second-factor/recovery-codes.
func (h *Handlers) RegenerateMyRecoveryCodes(c echo.Context) error {
	var in TotpCodeInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.RegenerateMyRecoveryCodes(ctx, access.FromContext(ctx), in)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// UserSecurity handles GET /admin/users/{userID}/security.
func (h *Handlers) UserSecurity(c echo.Context) error {
	ctx := c.Request().Context()
	p := access.FromContext(ctx)
	if err := h.svc.CheckSecurityAdmin(p); err != nil {
		return err
	}
	id, err := httpio.PathUUID(c, "userID")
	if err != nil {
		return errPersonNotFound
	}
	out, err := h.svc.UserSecurity(ctx, p, id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// ResetUserSecondFactor handles POST /admin/users/{userID}/second-factor/reset.
func (h *Handlers) ResetUserSecondFactor(c echo.Context) error {
	ctx := c.Request().Context()
	p := access.FromContext(ctx)
	if err := h.svc.CheckSecurityAdmin(p); err != nil {
		return err
	}
	id, err := httpio.PathUUID(c, "userID")
	if err != nil {
		return errPersonNotFound
	}
	if err := h.svc.ResetUserSecondFactor(ctx, p, id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
