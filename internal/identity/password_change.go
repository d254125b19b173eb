package identity

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/audit"
	"github.com/vgs/leergang/internal/mail"
	"github.com/vgs/leergang/internal/nltime"
)

// PasswordChangeInput is what the change-password form sends.
type PasswordChangeInput struct {
	CurrentPassword string `json:"currentPassword"`
	NewPassword     string `json:"newPassword"`
}

// ChangePassword sets a new password for the signed-in person, who proves it is them with the current one. A
// wrong current password counts towards the same lockout as a failed login (per address), so a stolen access
// token cannot be used to guess the password. The session making the request stays; every other one ends, open
// reset and invitation links are spent, and a mail tells the person, all in one transaction.
func (s *Service) ChangePassword(ctx context.Context, p *access.Principal, in PasswordChangeInput, baseURL string) (SessionsRevoked, error) {
	if p == nil {
		return SessionsRevoked{}, errUnauthenticated
	}
	u, err := s.store.UserByID(ctx, p.UserID)
	if err != nil {
		return SessionsRevoked{}, err
	}
	var v apperror.Validation
	switch {
	case in.CurrentPassword == "":
		v.Add("currentPassword", "required", "Vul uw huidige wachtwoord in.")
	case len(in.CurrentPassword) > maxPasswordBytes:
		v.Add("currentPassword", "too_long", "Een wachtwoord is hoogstens 1024 tekens.")
	}
	if code, msg := PasswordProblem(in.NewPassword, u.Email); code != "" {
		v.Add("newPassword", code, msg)
	}
	if in.CurrentPassword == "" || len(in.CurrentPassword) > maxPasswordBytes {
		return SessionsRevoked{}, v.Err() // nothing to check against the lockout
	}

	// Keyed exactly as Login keys it, so guesses here and at the login page share one count. A locked account is
	// refused before any hashing.
	lockout, account := s.limits.Config().LoginPerAccount, strings.ToLower(strings.TrimSpace(u.Email))
	if err := s.limits.Attempt(ctx, lockout, account); err != nil {
		return SessionsRevoked{}, err
	}
	hash := s.dummyHash
	if u.PasswordHash != nil {
		hash = *u.PasswordHash
	}
	ok, err := CheckPassword(ctx, in.CurrentPassword, hash)
	if err != nil {
		return SessionsRevoked{}, err
	}
	if !ok || u.PasswordHash == nil {
		// The attempt stays counted as a failure.
		s.log.InfoContext(ctx, "password change: wrong current password", "user", u.ID)
		return SessionsRevoked{}, currentPasswordWrong(v)
	}
	if err := s.limits.Succeeded(ctx, lockout, account); err != nil {
		return SessionsRevoked{}, err
	}
	if v.Err() == nil && in.NewPassword == in.CurrentPassword {
		v.Add("newPassword", "unchanged", "Kies een ander wachtwoord dan uw huidige.")
	}
	if err := v.Err(); err != nil {
		return SessionsRevoked{}, err
	}

	// Hashing takes a moment; done before the transaction so no row stays locked meanwhile.
	newHash, err := HashPassword(ctx, in.NewPassword)
	if err != nil {
		return SessionsRevoked{}, err
	}
	var out SessionsRevoked
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		now := s.now()
		// Only if the hash is still the one checked above: of two concurrent changes, the second fails as if
		// its current password were wrong, which by then it is.
		res := tx.Exec(`UPDATE users SET password_hash = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND password_hash = ? AND erased_at IS NULL`, newHash, now, u.ID, *u.PasswordHash)
		if res.Error != nil {
			return fmt.Errorf("identity: change password: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return currentPasswordWrong(apperror.Validation{})
		}
		n, err := s.revokeSessions(tx, u.ID, nil, &p.SessionID)
		if err != nil {
			return err
		}
		// An open invitation or reset link would let whoever holds it override the new password.
		if err := tx.Exec(`DELETE FROM invitations WHERE user_id = ? AND used_at IS NULL`, u.ID).Error; err != nil {
			return fmt.Errorf("identity: change password: spend links: %w", err)
		}
		if err := audit.Record(ctx, tx, audit.Entry{ActorID: audit.Ptr(u.ID), SubjectID: audit.Ptr(u.ID),
			Action: "password.changed", ObjectType: "user", ObjectID: u.ID.String(),
			Detail: map[string]any{"otherSessionsEnded": n}}); err != nil {
			return err
		}
		out.Revoked = n
		return mail.Enqueue(tx, passwordChangedMail(u, n, now, baseURL))
	})
	if err != nil {
		return SessionsRevoked{}, err
	}
	return out, nil
}

// currentPasswordWrong is the 422 for a wrong current password, with any errors about the new password after it.
func currentPasswordWrong(v apperror.Validation) error {
	var out apperror.Validation
	out.Add("currentPassword", "wrong", "Uw huidige wachtwoord klopt niet.")
	if e, ok := apperror.As(v.Err()); ok {
		for _, f := range e.Fields {
			out.Add(f.Field, f.Code, f.Message)
		}
	}
	return out.Err()
}

// passwordChangedMail tells the person their password changed, and what to do if it was not them. It holds no
// password and no link that acts by itself: only the public forgotten-password page.
func passwordChangedMail(u User, otherSessions int, at time.Time, baseURL string) mail.Message {
	ended := ""
	switch {
	case otherSessions == 1:
		ended = "\n\nU bent daarbij op 1 ander apparaat uitgelogd."
	case otherSessions > 1:
		ended = fmt.Sprintf("\n\nU bent daarbij op %d andere apparaten uitgelogd.", otherSessions)
	}
	link := strings.TrimRight(baseURL, "/") + "/wachtwoord-vergeten"
	text := fmt.Sprintf(`Beste %s,

Het wachtwoord van uw Leergang-account (%s) is gewijzigd op %s.%s

Hebt u dit zelf gedaan? Dan hoeft u niets te doen.

Hebt u dit niet zelf gedaan? Dan kent iemand anders mogelijk uw wachtwoord. Stel dan meteen een nieuw wachtwoord in via "Wachtwoord vergeten?":

%s

Daarna wordt u op al uw apparaten uitgelogd. Meld het ook bij het programmabureau, zodat wij kunnen nagaan wat er is gebeurd.

Met vriendelijke groet,

Leergang — Vereniging van Gemeentesecretarissen en A&O-fonds Gemeenten
`, u.Name, u.Email, nltime.DayMoment(at), ended, link)
	return mail.Message{To: u.Email, ToName: u.Name, Kind: "password-changed",
		Subject: "Uw wachtwoord is gewijzigd", Text: text}
}
