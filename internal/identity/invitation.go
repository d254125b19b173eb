package identity

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
	_ "time/tzdata" // the expiry in the mail is Amsterdam time, also on hosts without a zoneinfo database

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/mail"
	"github.com/vgs/leergang/internal/nltime"
)

// An invitation lets someone without a password (a newly enrolled participant, a person an admin added) set one.
// The mail links to the SPA's set-password page with a random token; only the token's SHA-256 is stored, so a
// leaked table gives no working links. A token works once and for InvitationTTL; a new invitation for the same
// person replaces the unused ones, so only the newest mail's link works. A password reset (reset.go) is a row of
// the same table with purpose 'reset'; the two kinds replace only their own kind, and setting a password with
// either spends all open links of the person.

// InvitationTTL is how long a set-password link works.
const InvitationTTL = 7 * 24 * time.Hour

// Invitation is one invitation mail to write: to whom, why, and where the link points.
type Invitation struct {
	UserID    uuid.UUID
	Email     string
	Name      string
	InvitedBy *uuid.UUID
	// Reason opens the mail and says why the person gets it, e.g. that they were enrolled in a cohort.
	Reason string
	// BaseURL is the product's public URL (config BaseURL); the link is BaseURL/wachtwoord-instellen?token=….
	BaseURL string
}

// Invite issues a new set-password token for the person and queues the invitation mail, both in tx: the mail
// exists exactly when the change that caused it is committed. Earlier unused links of the person stop working.
func Invite(tx *gorm.DB, inv Invitation, now time.Time) error {
	token, hash, err := newRefreshToken() // the same 256-bit random token and SHA-256 as refresh tokens
	if err != nil {
		return err
	}
	expires := now.Add(InvitationTTL)
	// A reset link the person asked for themselves keeps working: an admin's new invitation does not break it.
	if err := tx.Exec(`DELETE FROM invitations WHERE user_id = ? AND used_at IS NULL AND purpose = 'invitation'`, inv.UserID).Error; err != nil {
		return fmt.Errorf("identity: replace invitations: %w", err)
	}
	if err := tx.Exec(`INSERT INTO invitations (user_id, token_hash, invited_by, created_at, expires_at, purpose) VALUES (?, ?, ?, ?, ?, 'invitation')`,
		inv.UserID, hash, inv.InvitedBy, now, expires).Error; err != nil {
		return fmt.Errorf("identity: insert invitation: %w", err)
	}
	link := strings.TrimRight(inv.BaseURL, "/") + "/wachtwoord-instellen?token=" + url.QueryEscape(token)
	text := fmt.Sprintf(`Beste %s,

%s

Stel via deze link een wachtwoord in voor uw account (%s):

%s

De link werkt één keer en is 7 dagen geldig, tot %s. Daarna logt u in met uw e-mailadres en het wachtwoord dat u heeft gekozen.
Is de link verlopen? Vraag de begeleider van uw groep of het programmabureau van de VGS dan om een nieuwe uitnodiging.

Met vriendelijke groet,

Leergang — Vereniging van Gemeentesecretarissen en A&O-fonds Gemeenten
`, inv.Name, inv.Reason, inv.Email, link, nltime.DayMoment(expires))
	return mail.Enqueue(tx, mail.Message{
		To: inv.Email, ToName: inv.Name, Kind: "invitation",
		Subject: "Uw uitnodiging voor Leergang: stel uw wachtwoord in",
		Text:    text,
	})
}

// InvitationInfo tells the set-password page whose invitation a token is, so it can greet them and fill in
// their email for password managers; Purpose ("invitation" or "reset") lets it title itself.
type InvitationInfo struct {
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	ExpiresAt time.Time `json:"expiresAt"`
	Purpose   string    `json:"purpose"`
}

// InvitationToken is the body of the invitation lookup.
type InvitationToken struct {
	Token string `json:"token"`
}

// SetPasswordInput is what the set-password page sends.
type SetPasswordInput struct {
	Token    string `json:"token"`
	Password string `json:"password"`
}

// PasswordSet answers a set password with the address to log in with.
type PasswordSet struct {
	Email string `json:"email"`
}

var (
	errInvitationUnknown = apperror.Newf(apperror.BadRequest, "Deze link is ongeldig",
		"Controleer of u de hele link uit de e-mail heeft gebruikt. Werkt het niet, vraag dan om een nieuwe uitnodiging.")
	errInvitationUsed = apperror.Newf(apperror.BadRequest, "Deze link is al gebruikt",
		"Met deze link is al een wachtwoord ingesteld. Log in met uw e-mailadres en wachtwoord.")
	errInvitationExpired = apperror.Newf(apperror.BadRequest, "Deze link is verlopen",
		"Een uitnodiging is 7 dagen geldig. Vraag de begeleider van uw groep of het programmabureau van de VGS om een nieuwe uitnodiging.")
	errResetExpired = apperror.Newf(apperror.BadRequest, "Deze link is verlopen",
		"Een link om uw wachtwoord opnieuw in te stellen is 1 uur geldig. Vraag via \"Wachtwoord vergeten?\" op de inlogpagina een nieuwe aan.")
)

type invitationRow struct {
	ID        uuid.UUID
	UserID    uuid.UUID
	ExpiresAt time.Time
	UsedAt    *time.Time
	Name      string
	Email     string
	ErasedAt  *time.Time
	Purpose   string
}

// findInvitation looks a token up (FOR UPDATE when lock is set) and refuses unknown, used and expired ones.
func (s *Service) findInvitation(tx *gorm.DB, token string, lock bool) (invitationRow, error) {
	var row invitationRow
	if token == "" || len(token) > 100 {
		return row, errInvitationUnknown
	}
	q := `SELECT i.id, i.user_id, i.expires_at, i.used_at, i.purpose, u.name, u.email, u.erased_at
		FROM invitations i JOIN users u ON u.id = i.user_id WHERE i.token_hash = ?`
	if lock {
		q += ` FOR UPDATE OF i, u`
	}
	res := tx.Raw(q, hashToken(token)).Scan(&row)
	switch {
	case res.Error != nil:
		return row, fmt.Errorf("identity: find invitation: %w", res.Error)
	case res.RowsAffected == 0 || row.ErasedAt != nil:
		return row, errInvitationUnknown
	case row.UsedAt != nil:
		return row, errInvitationUsed
	case !s.now().Before(row.ExpiresAt) && row.Purpose == purposeReset:
		return row, errResetExpired
	case !s.now().Before(row.ExpiresAt):
		return row, errInvitationExpired
	}
	return row, nil
}

// LookupInvitation tells whose invitation a token is, without using it up.
func (s *Service) LookupInvitation(ctx context.Context, in InvitationToken) (InvitationInfo, error) {
	row, err := s.findInvitation(s.db.WithContext(ctx), in.Token, false)
	if err != nil {
		return InvitationInfo{}, err
	}
	return InvitationInfo{Name: row.Name, Email: row.Email, ExpiresAt: row.ExpiresAt, Purpose: row.Purpose}, nil
}

func (in SetPasswordInput) validate() error {
	var v apperror.Validation
	if in.Token == "" {
		v.Add("token", "required", "De link uit de e-mail ontbreekt. Open de link uit de uitnodiging opnieuw.")
	}
	// The rules that need the account's address are checked once the token says whose it is.
	if code, msg := PasswordProblem(in.Password, ""); code != "" {
		v.Add("password", code, msg)
	}
	return v.Err()
}

// SetPassword uses an invitation or a reset link: the person's password is set and the token is spent, in one
// transaction, together with any other open link of the person. Any login sessions of the account end, as
// after every password change.
func (s *Service) SetPassword(ctx context.Context, in SetPasswordInput) (PasswordSet, error) {
	if err := in.validate(); err != nil {
		return PasswordSet{}, err
	}
	// A token that keeps failing (used, expired, replaced) is locked before any hashing.
	lockout := s.limits.Config().SetPasswordPerToken
	if err := s.limits.Attempt(ctx, lockout, in.Token); err != nil {
		return PasswordSet{}, err
	}
	// Whose token it is, for the context rule; looked up again, locked, in the transaction.
	row, err := s.findInvitation(s.db.WithContext(ctx), in.Token, false)
	if err != nil {
		return PasswordSet{}, err
	}
	if code, msg := PasswordProblem(in.Password, row.Email); code != "" {
		// The token was right; a poorly chosen password is no reason to lock it.
		if err := s.limits.Succeeded(ctx, lockout, in.Token); err != nil {
			s.log.WarnContext(ctx, "set password: reset rate limit", "error", err)
		}
		var v apperror.Validation
		v.Add("password", code, msg)
		return PasswordSet{}, v.Err()
	}
	// Hashing takes a moment; done before the transaction so no row stays locked meanwhile.
	hash, err := HashPassword(ctx, in.Password)
	if err != nil {
		return PasswordSet{}, err
	}
	var out PasswordSet
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row, err := s.findInvitation(tx, in.Token, true)
		if err != nil {
			return err
		}
		now := s.now()
		steps := []struct {
			sql  string
			args []any
		}{
			{`UPDATE invitations SET used_at = ? WHERE id = ?`, []any{now, row.ID}},
			{`DELETE FROM invitations WHERE user_id = ? AND used_at IS NULL`, []any{row.UserID}},
			{`UPDATE users SET password_hash = ?, updated_at = ?, version = version + 1 WHERE id = ?`, []any{hash, now, row.UserID}},
			{`UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`, []any{now, row.UserID}},
		}
		for _, st := range steps {
			if err := tx.Exec(st.sql, st.args...).Error; err != nil {
				return fmt.Errorf("identity: set password: %w", err)
			}
		}
		out = PasswordSet{Email: row.Email}
		return nil
	})
	if err != nil {
		return PasswordSet{}, err
	}
	// The password is set: a failed reset of the (spent) token's count is not the user's problem.
	if err := s.limits.Succeeded(ctx, lockout, in.Token); err != nil {
		s.log.WarnContext(ctx, "set password: reset rate limit", "error", err)
	}
	return out, nil
}
