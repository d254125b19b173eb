package identity

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/audit"
)

// The login's second step. A right password for an account with a second factor gives a 'verify' challenge
// (send a code); for an admin or facilitator without one, where it is required, an 'enrol' challenge (set up the
// app, confirm with its first code). Only then is a session started, exactly as Login starts one (startSession).
// The challenge is a random token stored as its SHA-256, good once and briefly; wrong codes count on a lockout
// per account, so new challenges do not buy new guesses.

const (
	stepVerify = "verify"
	stepEnrol  = "enrol"
	// verifyChallengeTTL is the time to type a code after the password.
	verifyChallengeTTL = 5 * time.Minute
	// enrolChallengeTTL is longer: setting up means installing an app and scanning the QR code first.
	enrolChallengeTTL = pendingTTL
)

// SecondFactorChallenge is the login's answer when a second factor must follow the password.
type SecondFactorChallenge struct {
	Step      string `json:"step"`
	Challenge string `json:"challenge"`
	ExpiresIn int    `json:"expiresIn"`
}

// SecondFactorChallengeInput asks for a new authenticator secret during a login that requires one.
type SecondFactorChallengeInput struct {
	Challenge string `json:"challenge"`
}

// SecondFactorVerifyInput finishes a login: the challenge with a code from the app or a recovery code.
type SecondFactorVerifyInput struct {
	Challenge    string `json:"challenge"`
	Code         string `json:"code"`
	RecoveryCode string `json:"recoveryCode"`
}

// errChallengeGone has no field errors, unlike a wrong code's 401: a client tells the two apart by that, and
// goes back to the password step for this one.
var errChallengeGone = apperror.Newf(apperror.Unauthenticated, "Uw inlogpoging is verlopen",
	"Deze inlogpoging is verlopen of al gebruikt. Log opnieuw in met uw e-mailadres en wachtwoord.")

// errCodeRejected ends a transaction in which a code was wrong; the caller counts and reports it.
var errCodeRejected = errors.New("identity: second factor code rejected")

const (
	msgWrongCode = "Deze code klopt niet of is al gebruikt. Wacht op de volgende code in uw authenticator-app en " +
		"probeer het opnieuw."
	msgWrongRecoveryCode = "Deze herstelcode klopt niet of is al gebruikt."
)

func (in SecondFactorVerifyInput) validate(recoveryAllowed bool) (code, recovery string, err error) {
	var v apperror.Validation
	switch ch := strings.TrimSpace(in.Challenge); {
	case ch == "":
		v.Add("challenge", "required", "De inlogpoging ontbreekt. Log opnieuw in.")
	case len(ch) > 200:
		v.Add("challenge", "too_long", "Dit is geen geldige inlogpoging. Log opnieuw in.")
	}
	hasCode, hasRecovery := strings.TrimSpace(in.Code) != "", strings.TrimSpace(in.RecoveryCode) != ""
	switch {
	case hasRecovery && !recoveryAllowed:
		v.Add("recoveryCode", "not_allowed", "Bij het instellen werkt geen herstelcode: vul de code uit uw nieuwe authenticator-app in.")
		code = codeField(&v, "code", in.Code)
	case hasRecovery && hasCode:
		v.Add("recoveryCode", "exclusive", "Vul een code uit uw authenticator-app of een herstelcode in, niet allebei.")
	case hasRecovery:
		var ok bool
		if recovery, ok = normaliseRecoveryCode(in.RecoveryCode); !ok || len(in.RecoveryCode) > 40 {
			v.Add("recoveryCode", "invalid", "Een herstelcode bestaat uit 16 letters en cijfers, zoals abcd-efgh-ijkl-2345.")
		}
	default:
		if len(in.Code) > 20 {
			v.Add("code", "invalid", msgCodeFormat)
		} else {
			code = codeField(&v, "code", in.Code)
		}
	}
	return code, recovery, v.Err()
}

// loginChallenge decides whether the login of u (whose password was right) needs a second step, and if so
// stores a challenge for it.
func (s *Service) loginChallenge(ctx context.Context, u User) (*SecondFactorChallenge, error) {
	var st struct {
		Enabled     bool
		Facilitator bool
	}
	if err := s.db.WithContext(ctx).Raw(`SELECT
			EXISTS (SELECT 1 FROM user_totp WHERE user_id = @u AND enabled_at IS NOT NULL) AS enabled,
			EXISTS (SELECT 1 FROM role_grants WHERE user_id = @u AND role = 'facilitator') AS facilitator`,
		map[string]any{"u": u.ID}).Scan(&st).Error; err != nil {
		return nil, fmt.Errorf("identity: second factor of %s: %w", u.ID, err)
	}
	step, ttl := stepVerify, verifyChallengeTTL
	switch {
	case st.Enabled:
	case (u.IsAdmin || st.Facilitator) && s.staffSecondFactor:
		step, ttl = stepEnrol, enrolChallengeTTL
	default:
		return nil, nil
	}
	token, hash, err := newRefreshToken() // 256 random bits, stored as SHA-256
	if err != nil {
		return nil, err
	}
	now := s.now()
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// The person's spent and expired challenges go, so the table stays as small as the logins in progress.
		if err := tx.Exec(`DELETE FROM login_challenges WHERE user_id = ? AND (used_at IS NOT NULL OR expires_at <= ?)`,
			u.ID, now).Error; err != nil {
			return fmt.Errorf("identity: clear login challenges of %s: %w", u.ID, err)
		}
		// (A []byte right after "(" would be spread into a list by gorm: the user id comes first.)
		if err := tx.Exec(`INSERT INTO login_challenges (user_id, token_hash, step, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?)`, u.ID, hash, step, now, now.Add(ttl)).Error; err != nil {
			return fmt.Errorf("identity: store login challenge of %s: %w", u.ID, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &SecondFactorChallenge{Step: step, Challenge: token, ExpiresIn: int(ttl / time.Second)}, nil
}

type challengeRow struct {
	ID        uuid.UUID
	UserID    uuid.UUID
	Step      string
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// challenge finds an unused, unexpired challenge of the step by its token, locking it when lock is set (within
// the transaction that spends it).
func (s *Service) challenge(db *gorm.DB, token, step string, lock bool) (challengeRow, error) {
	q := `SELECT id, user_id, step, expires_at, used_at FROM login_challenges WHERE token_hash = ?`
	if lock {
		q += ` FOR UPDATE`
	}
	var row challengeRow
	res := db.Raw(q, hashToken(strings.TrimSpace(token))).Scan(&row)
	if res.Error != nil {
		return challengeRow{}, fmt.Errorf("identity: login challenge: %w", res.Error)
	}
	if res.RowsAffected == 0 || row.Step != step || row.UsedAt != nil || !s.now().Before(row.ExpiresAt) {
		return challengeRow{}, errChallengeGone
	}
	return row, nil
}

func spendChallenge(tx *gorm.DB, id uuid.UUID, now time.Time) error {
	if err := tx.Exec(`UPDATE login_challenges SET used_at = ? WHERE id = ?`, now, id).Error; err != nil {
		return fmt.Errorf("identity: spend login challenge: %w", err)
	}
	return nil
}

// challengeUser finds the challenge and its person, and lets the attempt pass the per-account lockout: while
// the account is locked nothing is checked.
func (s *Service) challengeUser(ctx context.Context, token, step string) (challengeRow, User, error) {
	ch, err := s.challenge(s.db.WithContext(ctx), token, step, false)
	if err != nil {
		return challengeRow{}, User{}, err
	}
	if err := s.limits.Attempt(ctx, s.limits.Config().SecondFactorPerAccount, ch.UserID.String()); err != nil {
		return challengeRow{}, User{}, err
	}
	u, err := s.store.UserByID(ctx, ch.UserID)
	if err != nil {
		return challengeRow{}, User{}, err
	}
	if u.ErasedAt != nil {
		return challengeRow{}, User{}, errChallengeGone
	}
	return ch, u, nil
}

// loginCodeFailed records a wrong code at login for the account holder to see in their access log (never the
// code), and returns the error to answer with.
func (s *Service) loginCodeFailed(ctx context.Context, userID uuid.UUID, method string, answer error) error {
	s.log.InfoContext(ctx, "login second factor failed", "method", method)
	if err := audit.Record(ctx, s.db, audit.Entry{SubjectID: audit.Ptr(userID), Action: "login.second_factor_failed",
		ObjectType: "user", ObjectID: userID.String(), Detail: map[string]any{"method": method}}); err != nil {
		return err
	}
	return answer
}

// VerifySecondFactor finishes a login with a code from the authenticator app or a recovery code.
func (s *Service) VerifySecondFactor(ctx context.Context, in SecondFactorVerifyInput, client Client) (Session, error) {
	code, recovery, err := in.validate(true)
	if err != nil {
		return Session{}, err
	}
	ch, u, err := s.challengeUser(ctx, in.Challenge, stepVerify)
	if err != nil {
		return Session{}, err
	}
	method, field, msg := "totp", "code", msgWrongCode
	if recovery != "" {
		method, field, msg = "recovery_code", "recoveryCode", msgWrongRecoveryCode
	}
	now := s.now()
	var (
		family uuid.UUID
		token  string
	)
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := s.challenge(tx, in.Challenge, stepVerify, true); err != nil {
			return err
		}
		row, found, err := lockTotp(tx, u.ID)
		if err != nil {
			return err
		}
		if !found || !row.enabled() {
			return errChallengeGone // reset by an admin meanwhile
		}
		ok := false
		if recovery == "" {
			ok, err = useCode(tx, u.ID, row, code, now)
		} else {
			var left int
			if left, ok, err = useRecoveryCode(tx, u.ID, recovery, now); err == nil && ok {
				err = audit.Record(ctx, tx, audit.Entry{ActorID: audit.Ptr(u.ID), SubjectID: audit.Ptr(u.ID),
					Action: "recovery_code.used", ObjectType: "user", ObjectID: u.ID.String(),
					Detail: map[string]any{"left": left}})
			}
		}
		if err != nil {
			return err
		}
		if !ok {
			return errCodeRejected
		}
		if err := spendChallenge(tx, ch.ID, now); err != nil {
			return err
		}
		family, token, err = s.startSession(ctx, tx, u, client, now, map[string]any{"secondFactor": method})
		return err
	})
	if errors.Is(err, errCodeRejected) {
		return Session{}, s.loginCodeFailed(ctx, u.ID, method, &apperror.Error{Code: apperror.Unauthenticated,
			Title: "Onjuiste code", Detail: msg, Fields: []apperror.FieldError{{Field: field, Code: "wrong", Message: msg}}})
	}
	if err != nil {
		return Session{}, err
	}
	if err := s.limits.Succeeded(ctx, s.limits.Config().SecondFactorPerAccount, u.ID.String()); err != nil {
		return Session{}, err
	}
	return s.session(ctx, u, family, token, now)
}

// StartLoginEnrolment gives a person who must set up a second factor, halfway through their login, a new
// secret for the authenticator app.
func (s *Service) StartLoginEnrolment(ctx context.Context, in SecondFactorChallengeInput) (TotpEnrolment, error) {
	switch ch := strings.TrimSpace(in.Challenge); {
	case ch == "":
		var v apperror.Validation
		v.Add("challenge", "required", "De inlogpoging ontbreekt. Log opnieuw in.")
		return TotpEnrolment{}, v.Err()
	case len(ch) > 200:
		return TotpEnrolment{}, errChallengeGone
	}
	ch, err := s.challenge(s.db.WithContext(ctx), in.Challenge, stepEnrol, false)
	if err != nil {
		return TotpEnrolment{}, err
	}
	u, err := s.store.UserByID(ctx, ch.UserID)
	if err != nil {
		return TotpEnrolment{}, err
	}
	if u.ErasedAt != nil {
		return TotpEnrolment{}, errChallengeGone
	}
	enr, ok, err := s.newEnrolment(ctx, s.db, u.ID, u.Email)
	if err != nil {
		return TotpEnrolment{}, err
	}
	if !ok {
		return TotpEnrolment{}, errChallengeGone // turned on meanwhile: a new login asks for a code
	}
	return enr, nil
}

// ConfirmLoginEnrolment turns the second factor on with the first code of the new secret, and completes the
// login with the recovery codes, shown this once.
func (s *Service) ConfirmLoginEnrolment(ctx context.Context, in SecondFactorVerifyInput, client Client) (Session, error) {
	code, _, err := in.validate(false)
	if err != nil {
		return Session{}, err
	}
	ch, u, err := s.challengeUser(ctx, in.Challenge, stepEnrol)
	if err != nil {
		return Session{}, err
	}
	now := s.now()
	var (
		family uuid.UUID
		token  string
		codes  []string
	)
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := s.challenge(tx, in.Challenge, stepEnrol, true); err != nil {
			return err
		}
		row, found, err := lockTotp(tx, u.ID)
		if err != nil {
			return err
		}
		if found && row.enabled() {
			return errChallengeGone
		}
		pending := row.pending(now)
		if pending == nil {
			var v apperror.Validation
			v.Add("code", "not_started", "Vraag eerst een nieuwe QR-code aan en voeg die toe aan uw authenticator-app.")
			return v.Err()
		}
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
		if err := secondFactorMail(tx, u, "second-factor.enabled", "Tweestapsverificatie is ingeschakeld",
			mailEnabledWhat, now); err != nil {
			return err
		}
		if err := spendChallenge(tx, ch.ID, now); err != nil {
			return err
		}
		family, token, err = s.startSession(ctx, tx, u, client, now, map[string]any{"secondFactor": "enrolled"})
		return err
	})
	if errors.Is(err, errCodeRejected) {
		var v apperror.Validation
		v.Add("code", "wrong", "Deze code klopt niet. Controleer of u de code van het nieuwe Leergang-account in uw "+
			"authenticator-app overneemt, en probeer het opnieuw.")
		return Session{}, s.loginCodeFailed(ctx, u.ID, "totp", v.Err())
	}
	if err != nil {
		return Session{}, err
	}
	if err := s.limits.Succeeded(ctx, s.limits.Config().SecondFactorPerAccount, u.ID.String()); err != nil {
		return Session{}, err
	}
	sess, err := s.session(ctx, u, family, token, now)
	sess.RecoveryCodes = codes
	return sess, err
}
