package identity

import (
	"context"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/audit"
	"github.com/vgs/leergang/internal/ratelimit"
)

// Service signs people in and out and tells who a request belongs to.
type Service struct {
	db         *gorm.DB
	store      *Store
	keys       *KeyRing
	accessTTL  time.Duration
	refreshTTL time.Duration
	log        *slog.Logger
	now        func() time.Time
	// dummyHash is compared against when no user matches, so a login for an unknown email takes as long as one
	// for a known email and does not reveal who has an account.
	dummyHash string
	// maxSessionAge is the absolute lifetime of a login session; zero: none (see LimitSessionAge).
	maxSessionAge time.Duration
	// limits locks accounts after repeated failed logins (and invitation tokens after failed uses); nil: none.
	limits *ratelimit.Limiter
	// staffSecondFactor: admins and facilitators must set up a second factor at login (RequireStaffSecondFactor).
	staffSecondFactor bool
}

// dummyHash is hashed once per process: every Service (one per test app, too) shares it.
var dummyHash = sync.OnceValues(func() (string, error) {
	return HashPassword(context.Background(), "not a real password: equalises login timing")
})

// NewService wires the identity service.
func NewService(db *gorm.DB, keys *KeyRing, accessTTL, refreshTTL time.Duration, log *slog.Logger) (*Service, error) {
	dummy, err := dummyHash()
	if err != nil {
		return nil, err
	}
	return &Service{db: db, store: NewStore(db), keys: keys, accessTTL: accessTTL, refreshTTL: refreshTTL,
		log: log, now: time.Now, dummyHash: dummy}, nil
}

// LimitSessionAge ends every login session this long after it started, however often it is used (ASVS 3.3.2);
// zero: only the idle limit (the refresh-token lifetime) applies. main and testapp call it once at start.
func (s *Service) LimitSessionAge(d time.Duration) { s.maxSessionAge = d }

// refreshExpiry is when a refresh token issued now for a login started at started stops working: after the idle
// limit, but never past the absolute one. Authenticate checks it too, so access tokens end with it.
func (s *Service) refreshExpiry(started, now time.Time) time.Time {
	end := now.Add(s.refreshTTL)
	if s.maxSessionAge > 0 && started.Add(s.maxSessionAge).Before(end) {
		end = started.Add(s.maxSessionAge)
	}
	return end
}

// UseLimiter turns on the lockouts of login and set-password; main and testapp call it once at start.
func (s *Service) UseLimiter(l *ratelimit.Limiter) { s.limits = l }

// Store exposes the user store to the wiring in main (create-admin).
func (s *Service) Store() *Store { return s.store }

// Client describes where a request comes from, recorded with refresh tokens (the user's list of devices).
type Client struct {
	UserAgent string
	IP        string
}

var errBadCredentials = apperror.Newf(apperror.Unauthenticated, "Onjuist e-mailadres of wachtwoord",
	"Controleer uw e-mailadres en wachtwoord en probeer het opnieuw.")

// LoginInput is what the login form sends.
type LoginInput struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

func (in LoginInput) validate() error {
	var v apperror.Validation
	email := strings.TrimSpace(in.Email)
	switch {
	case email == "":
		v.Add("email", "required", "Vul uw e-mailadres in.")
	case len(email) > 254:
		v.Add("email", "too_long", "Een e-mailadres is hoogstens 254 tekens.")
	default:
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
			v.Add("email", "invalid", "Vul een geldig e-mailadres in, zoals naam@gemeente.nl.")
		}
	}
	switch {
	case in.Password == "":
		v.Add("password", "required", "Vul uw wachtwoord in.")
	case len(in.Password) > 1024:
		v.Add("password", "too_long", "Een wachtwoord is hoogstens 1024 tekens.")
	}
	return v.Err()
}

// Login checks email and password and starts a new login session (a new refresh-token family), or, when a second
// factor must follow, answers with a challenge only (secondfactor_login.go).
func (s *Service) Login(ctx context.Context, in LoginInput, client Client) (Session, error) {
	if err := in.validate(); err != nil {
		return Session{}, err
	}
	// Keyed by the address as typed (normalised), whether or not it has an account, so a lock reveals nothing.
	// A locked address is refused here, before any password hashing.
	lockout, account := s.limits.Config().LoginPerAccount, strings.ToLower(strings.TrimSpace(in.Email))
	if err := s.limits.Attempt(ctx, lockout, account); err != nil {
		return Session{}, err
	}
	u, err := s.store.UserByEmail(ctx, in.Email)
	if err != nil && !isNotFound(err) {
		return Session{}, err
	}
	hash := s.dummyHash
	if err == nil && u.PasswordHash != nil && u.ErasedAt == nil {
		hash = *u.PasswordHash
	}
	ok, cerr := CheckPassword(ctx, in.Password, hash)
	if cerr != nil {
		return Session{}, cerr
	}
	if err != nil || !ok || hash == s.dummyHash {
		s.log.InfoContext(ctx, "login failed", "email_known", err == nil)
		// A failure on a real account is the account holder's business: it shows in their own access log. A
		// failure for an unknown address is logged without the address, which may be a mistyped password.
		failed := audit.Entry{Action: "login.failed", ObjectType: "login", Detail: map[string]any{"knownAccount": err == nil}}
		if err == nil {
			failed.SubjectID, failed.ObjectType, failed.ObjectID = audit.Ptr(u.ID), "user", u.ID.String()
		}
		if aerr := audit.Record(ctx, s.db, failed); aerr != nil {
			return Session{}, aerr
		}
		return Session{}, errBadCredentials
	}
	if err := s.limits.Succeeded(ctx, lockout, account); err != nil {
		return Session{}, err
	}
	// An account with a second factor, or one that must set one up, gets a challenge and no session yet.
	if ch, err := s.loginChallenge(ctx, u); err != nil || ch != nil {
		return Session{Challenge: ch}, err
	}
	now := s.now()
	var (
		family uuid.UUID
		token  string
	)
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) (err error) {
		family, token, err = s.startSession(ctx, tx, u, client, now, nil)
		return err
	})
	if err != nil {
		return Session{}, err
	}
	return s.session(ctx, u, family, token, now)
}

// startSession starts a login session (a new refresh-token family) for u within tx, with its login.succeeded
// audit line: the session and its line are stored together, or neither. detail says which second factor
// completed the login, if one did. After the commit the caller hands out the tokens with s.session.
func (s *Service) startSession(ctx context.Context, tx *gorm.DB, u User, client Client, now time.Time,
	detail map[string]any) (family uuid.UUID, token string, err error) {
	token, tokenHash, err := newRefreshToken()
	if err != nil {
		return uuid.Nil, "", err
	}
	family = uuid.New()
	if err := insertRefresh(tx, u.ID, family, tokenHash, s.refreshExpiry(now, now), client.UserAgent, client.IP); err != nil {
		return uuid.Nil, "", err
	}
	if err := audit.Record(ctx, tx, audit.Entry{ActorID: audit.Ptr(u.ID), SubjectID: audit.Ptr(u.ID),
		Action: "login.succeeded", ObjectType: "session", ObjectID: family.String(), Detail: detail}); err != nil {
		return uuid.Nil, "", err
	}
	return family, token, nil
}

var errRefreshInvalid = apperror.Newf(apperror.Unauthenticated, "Uw sessie is verlopen",
	"Log opnieuw in om verder te gaan.")

// Refresh exchanges a refresh token for a new access token and a new refresh token. A token that was already
// used means it was copied: the whole family is revoked, so both the thief and the user must log in again.
func (s *Service) Refresh(ctx context.Context, token string, client Client) (Session, error) {
	if token == "" {
		return Session{}, errRefreshInvalid
	}
	now := s.now()
	var (
		row     refreshRow
		reused  bool
		newTok  string
		newHash []byte
	)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Raw(`SELECT id, user_id, family_id, created_at, expires_at, used_at, revoked_at FROM refresh_tokens
			WHERE token_hash = ? FOR UPDATE`, hashToken(token)).Scan(&row)
		if res.Error != nil {
			return fmt.Errorf("identity: find refresh token: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return errRefreshInvalid
		}
		if row.RevokedAt != nil || !now.Before(row.ExpiresAt) {
			return errRefreshInvalid
		}
		retry := false
		if row.UsedAt != nil {
			var err error
			if retry, err = answerWasLost(tx, row, now); err != nil {
				return err
			}
			if !retry {
				// Commit the revocation, then refuse.
				reused = true
				return revokeFamily(tx, row.FamilyID)
			}
		}
		var started time.Time
		if err := tx.Raw(`SELECT min(created_at) FROM refresh_tokens WHERE family_id = ?`, row.FamilyID).Row().Scan(&started); err != nil {
			return fmt.Errorf("identity: login session start: %w", err)
		}
		if s.maxSessionAge > 0 && !now.Before(started.Add(s.maxSessionAge)) {
			return errRefreshInvalid // the login is older than the absolute limit: log in again
		}
		if !retry {
			if err := tx.Exec(`UPDATE refresh_tokens SET used_at = ? WHERE id = ?`, now, row.ID).Error; err != nil {
				return fmt.Errorf("identity: mark refresh token used: %w", err)
			}
		}
		var err error
		if newTok, newHash, err = newRefreshToken(); err != nil {
			return err
		}
		return insertRefresh(tx, row.UserID, row.FamilyID, newHash, s.refreshExpiry(started, now), client.UserAgent, client.IP)
	})
	if err != nil {
		return Session{}, err
	}
	if reused {
		s.log.WarnContext(ctx, "refresh token reused; login session revoked", "user", row.UserID, "family", row.FamilyID)
		return Session{}, apperror.Newf(apperror.Unauthenticated, "Uw sessie is beëindigd",
			"Deze sessie is uit voorzorg afgesloten omdat een oude aanmeldcode opnieuw werd gebruikt. Log opnieuw in.")
	}
	u, err := s.store.UserByID(ctx, row.UserID)
	if err != nil {
		return Session{}, err
	}
	if u.ErasedAt != nil {
		return Session{}, errRefreshInvalid
	}
	return s.session(ctx, u, row.FamilyID, newTok, now)
}

// Logout revokes the login session the refresh token belongs to. Unknown tokens are ignored: logging out
// always succeeds.
func (s *Service) Logout(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row refreshRow
		res := tx.Raw(`SELECT family_id FROM refresh_tokens WHERE token_hash = ?`, hashToken(token)).Scan(&row)
		if res.Error != nil {
			return fmt.Errorf("identity: logout: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return nil
		}
		return revokeFamily(tx, row.FamilyID)
	})
}

var errUnauthenticated = apperror.Newf(apperror.Unauthenticated, "Niet ingelogd", "Log in om verder te gaan.")

// Authenticate verifies an access token and loads the person's current grants. Grants and the login session
// are read per request, so a revoked role or an ended session takes effect at once.
func (s *Service) Authenticate(ctx context.Context, accessToken string) (*access.Principal, error) {
	claims, err := s.keys.Verify(ctx, accessToken)
	if err != nil {
		return nil, errUnauthenticated
	}
	userID, err := uuid.Parse(claims.Subject)
	if err != nil {
		return nil, errUnauthenticated
	}
	sessionID, _ := uuid.Parse(claims.SessionID)
	p, ok, err := s.activePrincipal(ctx, userID, sessionID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errUnauthenticated
	}
	return p, nil
}

// Me returns the signed-in user with their grants.
func (s *Service) Me(ctx context.Context, p *access.Principal) (Me, error) {
	if p == nil {
		return Me{}, errUnauthenticated
	}
	u, err := s.store.UserByID(ctx, p.UserID)
	if err != nil {
		return Me{}, err
	}
	return toMe(u, p.Grants), nil
}

func (s *Service) session(ctx context.Context, u User, family uuid.UUID, refreshToken string, now time.Time) (Session, error) {
	grants, err := s.store.Grants(ctx, u.ID)
	if err != nil {
		return Session{}, err
	}
	at, err := s.keys.Sign(u.ID, family, s.accessTTL, now)
	if err != nil {
		return Session{}, err
	}
	return Session{AccessToken: at, ExpiresIn: s.accessTTL, RefreshToken: refreshToken, RefreshTTL: s.refreshTTL,
		Me: toMe(u, grants)}, nil
}

func toMe(u User, grants []access.Grant) Me {
	if grants == nil {
		grants = []access.Grant{}
	}
	return Me{ID: u.ID, Email: u.Email, Name: u.Name, IsAdmin: u.IsAdmin, Locale: u.Locale, Grants: grants}
}
