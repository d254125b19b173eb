package identity

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/audit"
)

// A person's own second factor (/me/second-factor), and for admins a person's sign-in state and the reset of a
// lost second factor. Every code checked here counts on the same per-account lockout as at login, so a stolen
// access token does not give unlimited guesses either.

// SecondFactorStatus is the signed-in person's second factor.
type SecondFactorStatus struct {
	Enabled           bool       `json:"enabled"`
	EnabledAt         *time.Time `json:"enabledAt"`
	Required          bool       `json:"required"`
	RecoveryCodesLeft int        `json:"recoveryCodesLeft"`
}

// TotpCodeInput is a code from the authenticator app.
type TotpCodeInput struct {
	Code string `json:"code"`
}

// PasswordConfirmInput repeats the password before a change that weakens the account.
type PasswordConfirmInput struct {
	Password string `json:"password"`
}

// UserSecurity is a person's sign-in state, for admins. LastLoginAt is the newest login.succeeded line of the
// audit log, which (unlike refresh tokens) is kept and never rewritten.
type UserSecurity struct {
	UserID               uuid.UUID  `json:"userId"`
	Name                 string     `json:"name"`
	Email                string     `json:"email"`
	SecondFactorEnabled  bool       `json:"secondFactorEnabled"`
	SecondFactorRequired bool       `json:"secondFactorRequired"`
	ActiveSessions       int        `json:"activeSessions"`
	LastLoginAt          *time.Time `json:"lastLoginAt"`
}

var (
	errSecondFactorOn = apperror.Newf(apperror.Conflict, "Tweestapsverificatie staat al aan",
		"Uw account gebruikt al een authenticator-app. Schakel tweestapsverificatie eerst uit om een andere app in te stellen.")
	errSecondFactorOff = apperror.Newf(apperror.Conflict, "Tweestapsverificatie staat niet aan",
		"Uw account gebruikt nog geen authenticator-app.")
	errNoPendingSecret = apperror.Newf(apperror.Conflict, "Vraag eerst een QR-code aan",
		"Er wordt geen authenticator-app ingesteld, of het instellen duurde te lang. Vraag een nieuwe QR-code aan en voeg die toe aan uw app.")
	errSecondFactorRequired = apperror.Newf(apperror.Conflict, "Tweestapsverificatie is voor u verplicht",
		"Beheerders en begeleiders kunnen tweestapsverificatie niet uitschakelen. Een nieuwe telefoon? Vraag een beheerder uw tweestapsverificatie te herstellen en stel bij de volgende inlog de nieuwe app in.")
	errNotSecurityAdmin = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Alleen beheerders kunnen de aanmeldgegevens van een ander inzien en herstellen.")
	errPersonNotFound = apperror.Newf(apperror.NotFound, "Persoon niet gevonden", "Deze persoon bestaat niet (meer).")
)

// staffPrincipal: admins and facilitators must use a second factor where it is required.
func staffPrincipal(p *access.Principal) bool {
	if p.IsAdmin {
		return true
	}
	for _, g := range p.Grants {
		if g.Role == access.Facilitator {
			return true
		}
	}
	return false
}

func wrongCode() error {
	var v apperror.Validation
	v.Add("code", "wrong", msgWrongCode)
	return v.Err()
}

// readTotp reads the person's second factor without locking, for the checks that come before a lockout attempt.
func (s *Service) readTotp(ctx context.Context, userID uuid.UUID) (totpRow, error) {
	var row totpRow
	if err := s.db.WithContext(ctx).Raw(`SELECT secret, enabled_at, last_used_step, pending_secret, pending_created_at
		FROM user_totp WHERE user_id = ?`, userID).Scan(&row).Error; err != nil {
		return totpRow{}, fmt.Errorf("identity: second factor of %s: %w", userID, err)
	}
	return row, nil
}

// MySecondFactor says whether the person's second factor is on, whether it is required, and how many recovery
// codes are left.
func (s *Service) MySecondFactor(ctx context.Context, p *access.Principal) (SecondFactorStatus, error) {
	if p == nil {
		return SecondFactorStatus{}, errUnauthenticated
	}
	var out SecondFactorStatus
	err := s.db.WithContext(ctx).Raw(`SELECT t.enabled_at,
			(SELECT count(*) FROM recovery_codes WHERE user_id = @u AND used_at IS NULL) AS recovery_codes_left
		FROM users u LEFT JOIN user_totp t ON t.user_id = u.id WHERE u.id = @u`,
		map[string]any{"u": p.UserID}).Scan(&out).Error
	if err != nil {
		return SecondFactorStatus{}, fmt.Errorf("identity: second factor status of %s: %w", p.UserID, err)
	}
	out.Enabled, out.Required = out.EnabledAt != nil, staffPrincipal(p) && s.staffSecondFactor
	return out, nil
}

// StartMyEnrolment gives the person a new secret to add to their authenticator app.
func (s *Service) StartMyEnrolment(ctx context.Context, p *access.Principal) (TotpEnrolment, error) {
	if p == nil {
		return TotpEnrolment{}, errUnauthenticated
	}
	u, err := s.store.UserByID(ctx, p.UserID)
	if err != nil {
		return TotpEnrolment{}, err
	}
	enr, ok, err := s.newEnrolment(ctx, s.db, u.ID, u.Email)
	if err != nil {
		return TotpEnrolment{}, err
	}
	if !ok {
		return TotpEnrolment{}, errSecondFactorOn
	}
	return enr, nil
}

// EnableMySecondFactor turns the second factor on with the first code of the pending secret and returns the
// recovery codes, shown this once.
func (s *Service) EnableMySecondFactor(ctx context.Context, p *access.Principal, in TotpCodeInput) (RecoveryCodes, error) {
	if p == nil {
		return RecoveryCodes{}, errUnauthenticated
	}
	code, err := validCode(in)
	if err != nil {
		return RecoveryCodes{}, err
	}
	u, err := s.store.UserByID(ctx, p.UserID)
	if err != nil {
		return RecoveryCodes{}, err
	}
	now := s.now()
	check := func(row totpRow) error {
		switch {
		case row.enabled():
			return errSecondFactorOn
		case row.pending(now) == nil:
			return errNoPendingSecret
		}
		return nil
	}
	var codes []string
	err = s.withCodeLockout(ctx, u.ID, check, func(tx *gorm.DB, row totpRow) error {
		pending := row.pending(now)
		step, ok := codeStep(pending, code, now, nil)
		if !ok {
			return errCodeRejected
		}
		if codes, err = enable(tx, u.ID, pending, step, now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{ActorID: audit.Ptr(u.ID), SubjectID: audit.Ptr(u.ID),
			Action: "second_factor.enabled", ObjectType: "user", ObjectID: u.ID.String()}); err != nil {
			return err
		}
		return secondFactorMail(tx, u, "second-factor.enabled", "Tweestapsverificatie is ingeschakeld", mailEnabledWhat, now)
	})
	if err != nil {
		return RecoveryCodes{}, err
	}
	return RecoveryCodes{RecoveryCodes: codes}, nil
}

// RegenerateMyRecoveryCodes replaces the recovery codes, for a current code from the app.
func (s *Service) RegenerateMyRecoveryCodes(ctx context.Context, p *access.Principal, in TotpCodeInput) (RecoveryCodes, error) {
	if p == nil {
		return RecoveryCodes{}, errUnauthenticated
	}
	code, err := validCode(in)
	if err != nil {
		return RecoveryCodes{}, err
	}
	now := s.now()
	check := func(row totpRow) error {
		if !row.enabled() {
			return errSecondFactorOff
		}
		return nil
	}
	var codes []string
	err = s.withCodeLockout(ctx, p.UserID, check, func(tx *gorm.DB, row totpRow) error {
		ok, err := useCode(tx, p.UserID, row, code, now)
		if err != nil {
			return err
		}
		if !ok {
			return errCodeRejected
		}
		if codes, err = newRecoveryCodes(tx, p.UserID, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{ActorID: audit.Ptr(p.UserID), SubjectID: audit.Ptr(p.UserID),
			Action: "recovery_codes.regenerated", ObjectType: "user", ObjectID: p.UserID.String()})
	})
	if err != nil {
		return RecoveryCodes{}, err
	}
	return RecoveryCodes{RecoveryCodes: codes}, nil
}

func validCode(in TotpCodeInput) (string, error) {
	var v apperror.Validation
	if len(in.Code) > 20 {
		v.Add("code", "invalid", msgCodeFormat)
		return "", v.Err()
	}
	code := codeField(&v, "code", in.Code)
	return code, v.Err()
}

// withCodeLockout runs fn, which checks a code, in a transaction with the person's second factor locked. check
// refuses on the state first, before and again after the lockout admits the attempt (a refusal on the state is
// not a guess). fn returns errCodeRejected for a wrong code, which stays counted; a right one clears the count.
func (s *Service) withCodeLockout(ctx context.Context, userID uuid.UUID, check func(totpRow) error,
	fn func(tx *gorm.DB, row totpRow) error) error {
	row, err := s.readTotp(ctx, userID)
	if err != nil {
		return err
	}
	if err := check(row); err != nil {
		return err
	}
	lockout := s.limits.Config().SecondFactorPerAccount
	if err := s.limits.Attempt(ctx, lockout, userID.String()); err != nil {
		return err
	}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row, _, err := lockTotp(tx, userID)
		if err != nil {
			return err
		}
		if err := check(row); err != nil {
			return err
		}
		return fn(tx, row)
	})
	if errors.Is(err, errCodeRejected) {
		s.log.InfoContext(ctx, "second factor code wrong")
		return wrongCode()
	}
	if err != nil {
		return err
	}
	return s.limits.Succeeded(ctx, lockout, userID.String())
}

// DisableMySecondFactor turns the second factor off, for the right password; not for staff while it is required
// of them.
func (s *Service) DisableMySecondFactor(ctx context.Context, p *access.Principal, in PasswordConfirmInput) error {
	if p == nil {
		return errUnauthenticated
	}
	var v apperror.Validation
	switch {
	case in.Password == "":
		v.Add("password", "required", "Vul uw wachtwoord in.")
	case len(in.Password) > 1024:
		v.Add("password", "too_long", "Een wachtwoord is hoogstens 1024 tekens.")
	}
	if err := v.Err(); err != nil {
		return err
	}
	u, err := s.store.UserByID(ctx, p.UserID)
	if err != nil {
		return err
	}
	row, err := s.readTotp(ctx, u.ID)
	if err != nil {
		return err
	}
	switch {
	case !row.enabled():
		return errSecondFactorOff
	case staffPrincipal(p) && s.staffSecondFactor:
		return errSecondFactorRequired
	}
	// A wrong password here is a password guess like any other: it counts on the login's lockout.
	lockout, account := s.limits.Config().LoginPerAccount, NormaliseEmail(u.Email)
	if err := s.limits.Attempt(ctx, lockout, account); err != nil {
		return err
	}
	ok := false
	if u.PasswordHash != nil {
		if ok, err = CheckPassword(ctx, in.Password, *u.PasswordHash); err != nil {
			return err
		}
	}
	if !ok {
		v.Add("password", "wrong", "Dit wachtwoord klopt niet.")
		return v.Err()
	}
	if err := s.limits.Succeeded(ctx, lockout, account); err != nil {
		return err
	}
	now := s.now()
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := deleteSecondFactor(tx, u.ID); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{ActorID: audit.Ptr(u.ID), SubjectID: audit.Ptr(u.ID),
			Action: "second_factor.disabled", ObjectType: "user", ObjectID: u.ID.String()}); err != nil {
			return err
		}
		return secondFactorMail(tx, u, "second-factor.disabled", "Tweestapsverificatie is uitgeschakeld", mailDisabledWhat, now)
	})
}

// CheckSecurityAdmin refuses anyone but admins; handlers call it before they read the path.
func (s *Service) CheckSecurityAdmin(p *access.Principal) error {
	switch {
	case p == nil:
		return errUnauthenticated
	case !p.IsAdmin:
		return errNotSecurityAdmin
	}
	return nil
}

// UserSecurity is a person's sign-in state, for admins.
func (s *Service) UserSecurity(ctx context.Context, p *access.Principal, userID uuid.UUID) (UserSecurity, error) {
	if err := s.CheckSecurityAdmin(p); err != nil {
		return UserSecurity{}, err
	}
	var row struct {
		UserSecurity
		IsAdmin     bool
		Facilitator bool
	}
	// A session is a refresh-token family that is still active (see sessions.go).
	res := s.db.WithContext(ctx).Raw(`SELECT u.id AS user_id, u.name, u.email, u.is_admin,
			t.enabled_at IS NOT NULL AS second_factor_enabled,
			EXISTS (SELECT 1 FROM role_grants WHERE user_id = u.id AND role = 'facilitator') AS facilitator,
			(SELECT count(DISTINCT r.family_id) FROM refresh_tokens r
				WHERE r.user_id = u.id AND `+activeToken+`) AS active_sessions,
			(SELECT max(occurred_at) FROM audit_log
				WHERE subject_user_id = u.id AND action = 'login.succeeded') AS last_login_at
		FROM users u LEFT JOIN user_totp t ON t.user_id = u.id
		WHERE u.id = @u AND u.erased_at IS NULL`, map[string]any{"u": userID, "now": s.now()}).Scan(&row)
	if res.Error != nil {
		return UserSecurity{}, fmt.Errorf("identity: security of %s: %w", userID, res.Error)
	}
	if res.RowsAffected == 0 {
		return UserSecurity{}, errPersonNotFound
	}
	out := row.UserSecurity
	out.SecondFactorRequired = (row.IsAdmin || row.Facilitator) && s.staffSecondFactor
	return out, nil
}

// ResetUserSecondFactor removes a person's second factor when they lost both their app and their recovery
// codes, and ends all their sessions; staff set up a new app at their next login.
func (s *Service) ResetUserSecondFactor(ctx context.Context, p *access.Principal, userID uuid.UUID) error {
	if err := s.CheckSecurityAdmin(p); err != nil {
		return err
	}
	now := s.now()
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var users []User
		if err := tx.Raw(`SELECT id, email, name, is_admin FROM users WHERE id = ? AND erased_at IS NULL FOR UPDATE`,
			userID).Scan(&users).Error; err != nil {
			return fmt.Errorf("identity: reset second factor of %s: %w", userID, err)
		}
		if len(users) == 0 {
			return errPersonNotFound
		}
		if userID == p.UserID {
			return apperror.Newf(apperror.Conflict, "U kunt uw eigen tweestapsverificatie niet herstellen",
				"Laat een andere beheerder dit doen.")
		}
		row, _, err := lockTotp(tx, userID)
		if err != nil {
			return err
		}
		if !row.enabled() {
			return apperror.Newf(apperror.Conflict, "Geen tweestapsverificatie",
				"Deze persoon gebruikt geen authenticator-app; er is niets te herstellen.")
		}
		if err := deleteSecondFactor(tx, userID); err != nil {
			return err
		}
		ended, err := s.revokeSessions(tx, userID, nil, nil)
		if err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{ActorID: audit.Ptr(p.UserID), SubjectID: audit.Ptr(userID),
			Action: "second_factor.reset", ObjectType: "user", ObjectID: userID.String(),
			Detail: map[string]any{"sessionsEnded": ended}}); err != nil {
			return err
		}
		staff, err := isStaff(tx, userID)
		if err != nil {
			return err
		}
		what := mailResetWhat
		if staff && s.staffSecondFactor {
			what += " " + mailResetRequired
		} else {
			what += " " + mailResetOptional
		}
		return secondFactorMail(tx, users[0], "second-factor.reset", "Uw tweestapsverificatie is verwijderd", what, now)
	})
}
