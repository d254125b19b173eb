package identity

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
	"github.com/vgs/leergang/internal/mail"
	"github.com/vgs/leergang/internal/nltime"
)

// Password reset by mail. Whoever asks gets the same 202 and the same text, whether the address has an account
// or not, so the endpoint does not tell who uses Leergang. Only an account that is not erased gets a mail: a
// link to the set-password page with a random token (the invitations table, purpose 'reset'), valid for
// ResetTTL and once. A new request replaces the person's older unused reset links but leaves a pending
// invitation alone; setting a password with either link spends both (SetPassword).

// ResetTTL is how long a reset link works: short, since the person asked for it just now.
const ResetTTL = time.Hour

const purposeReset = "reset"

// PasswordResetInput is what the forgotten-password page sends.
type PasswordResetInput struct {
	Email string `json:"email"`
}

// PasswordResetAccepted is the one answer to every well-formed request.
type PasswordResetAccepted struct {
	Message string `json:"message"`
}

var resetAccepted = PasswordResetAccepted{Message: "Als dit adres bij ons bekend is, ontvangt u binnen enkele " +
	"minuten een mail met een link om een nieuw wachtwoord in te stellen. De link is 1 uur geldig."}

// RequestPasswordReset mails a reset link to the account with the address, if there is one and the address has
// not asked too often; the answer is the same in every case.
func (s *Service) RequestPasswordReset(ctx context.Context, in PasswordResetInput, baseURL string) (PasswordResetAccepted, error) {
	email := NormaliseEmail(in.Email)
	if code, msg := EmailProblem(email); code != "" {
		var v apperror.Validation
		v.Add("email", code, msg)
		return PasswordResetAccepted{}, v.Err()
	}
	// Counted for every address, known or not, so the budget reveals nothing either. Beyond it: no mail, so no
	// one can flood a person's mailbox, but the same answer.
	if err := s.limits.Take(ctx, s.limits.Config().PasswordResetPerEmail, email); err != nil {
		if apperror.CodeOf(err) != apperror.TooMany {
			return PasswordResetAccepted{}, err
		}
		s.log.InfoContext(ctx, "password reset: per-address budget spent, no mail")
		return resetAccepted, nil
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var users []struct {
			ID   uuid.UUID
			Name string
		}
		if err := tx.Raw(`SELECT id, name FROM users WHERE email = ? AND erased_at IS NULL FOR UPDATE`, email).
			Scan(&users).Error; err != nil {
			return fmt.Errorf("identity: password reset: %w", err)
		}
		if len(users) == 0 {
			return nil
		}
		return s.issueReset(tx, users[0].ID, email, users[0].Name, baseURL)
	})
	if err != nil {
		return PasswordResetAccepted{}, err
	}
	return resetAccepted, nil
}

// issueReset stores a new reset token (replacing older unused ones) and queues the mail, both in tx.
func (s *Service) issueReset(tx *gorm.DB, userID uuid.UUID, email, name, baseURL string) error {
	token, hash, err := newRefreshToken()
	if err != nil {
		return err
	}
	now := s.now()
	expires := now.Add(ResetTTL)
	if err := tx.Exec(`DELETE FROM invitations WHERE user_id = ? AND used_at IS NULL AND purpose = 'reset'`, userID).Error; err != nil {
		return fmt.Errorf("identity: replace reset links: %w", err)
	}
	if err := tx.Exec(`INSERT INTO invitations (user_id, token_hash, created_at, expires_at, purpose) VALUES (?, ?, ?, ?, 'reset')`,
		userID, hash, now, expires).Error; err != nil {
		return fmt.Errorf("identity: insert reset link: %w", err)
	}
	link := strings.TrimRight(baseURL, "/") + "/wachtwoord-instellen?token=" + url.QueryEscape(token)
	text := fmt.Sprintf(`Beste %s,

Iemand heeft gevraagd om het wachtwoord van uw Leergang-account (%s) opnieuw in te stellen. Kies via deze link een nieuw wachtwoord:

%s

De link werkt één keer en is 1 uur geldig, tot %s. Na het instellen wordt u op al uw apparaten uitgelogd.

Hebt u dit niet aangevraagd? Dan kunt u deze mail negeren. Uw wachtwoord blijft dan zoals het is.

Met vriendelijke groet,

Leergang — Vereniging van Gemeentesecretarissen en A&O-fonds Gemeenten
`, name, email, link, nltime.DayMoment(expires))
	return mail.Enqueue(tx, mail.Message{
		To: email, ToName: name, Kind: "password-reset",
		Subject: "Wachtwoord opnieuw instellen",
		Text:    text,
	})
}

// RequestPasswordReset handles POST /auth/password-reset.
func (h *AccountHandlers) RequestPasswordReset(c echo.Context) error {
	var in PasswordResetInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	out, err := h.svc.RequestPasswordReset(c.Request().Context(), in, h.baseURL)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusAccepted, out)
}
