package baseline

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The access token checks of internal/identity (tokens.go): HS256 only, issuer, audience, expiry and issued-at
// required, 30 seconds of leeway.
const (
	issuer   = "leergang"
	audience = "leergang-api"
)

var tokenParser = jwt.NewParser(
	jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
	jwt.WithIssuer(issuer),
	jwt.WithAudience(audience),
	jwt.WithExpirationRequired(),
	jwt.WithIssuedAt(),
	jwt.WithLeeway(30*time.Second),
)

type accessClaims struct {
	SessionID string `json:"sid"`
	jwt.RegisteredClaims
}

// keyRing holds the signing keys; the baseline only verifies. Like the product's, it reloads for an unknown key
// id at most once per reloadWait.
type keyRing struct {
	db *pgxpool.Pool

	mu       sync.RWMutex
	keys     map[string][]byte
	loadedAt time.Time
}

const reloadWait = 5 * time.Second

func loadKeys(ctx context.Context, db *pgxpool.Pool) (*keyRing, error) {
	k := &keyRing{db: db}
	if err := k.load(ctx); err != nil {
		return nil, err
	}
	return k, nil
}

func (k *keyRing) load(ctx context.Context) error {
	rows, err := k.db.Query(ctx, `SELECT kid, secret FROM signing_keys`)
	if err != nil {
		return fmt.Errorf("baseline: load signing keys: %w", err)
	}
	keys := map[string][]byte{}
	var kid string
	var secret []byte
	for rows.Next() {
		if err := rows.Scan(&kid, &secret); err != nil {
			return fmt.Errorf("baseline: read signing key: %w", err)
		}
		keys[kid] = secret
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("baseline: load signing keys: %w", err)
	}
	k.mu.Lock()
	k.keys, k.loadedAt = keys, time.Now()
	k.mu.Unlock()
	return nil
}

func (k *keyRing) secret(ctx context.Context, kid string) []byte {
	k.mu.RLock()
	secret, ok := k.keys[kid]
	stale := time.Since(k.loadedAt) > reloadWait
	k.mu.RUnlock()
	if ok || !stale || kid == "" {
		return secret
	}
	if err := k.load(ctx); err != nil {
		return nil
	}
	k.mu.RLock()
	defer k.mu.RUnlock()
	return k.keys[kid]
}

func (k *keyRing) verify(ctx context.Context, raw string) (*accessClaims, error) {
	var claims accessClaims
	_, err := tokenParser.ParseWithClaims(raw, &claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		if secret := k.secret(ctx, kid); secret != nil {
			return secret, nil
		}
		return nil, fmt.Errorf("unknown key id %q", kid)
	})
	if err != nil {
		return nil, err
	}
	return &claims, nil
}

// principal is the signed-in person with their roles, read on every request as the product does.
type principal struct {
	userID  uuid.UUID
	isAdmin bool
	grants  []grant
}

type grant struct {
	role        string
	programmeID uuid.UUID
	cohortID    *uuid.UUID
}

// inCohort is access.Principal.InCohort: a facilitator's programme-wide grant covers every cohort of it.
func (p *principal) inCohort(role string, programmeID, cohortID uuid.UUID) bool {
	for _, g := range p.grants {
		if g.role != role {
			continue
		}
		if g.cohortID != nil && *g.cohortID == cohortID {
			return true
		}
		if g.cohortID == nil && g.programmeID == programmeID && role != "participant" {
			return true
		}
	}
	return false
}

// authenticate is identity.Service.Authenticate: the token, then in two statements the login session and the
// grants.
func (s *server) authenticate(ctx context.Context, header string) (*principal, error) {
	token, ok := strings.CutPrefix(header, "Bearer ")
	token = strings.TrimSpace(token)
	if !ok || token == "" {
		return nil, errUnauthenticated
	}
	claims, err := s.keys.verify(ctx, token)
	if err != nil {
		return nil, errUnauthenticated
	}
	userID, err := uuid.Parse(claims.Subject)
	if err != nil {
		return nil, errUnauthenticated
	}
	sessionID, _ := uuid.Parse(claims.SessionID)
	// One query, as the product's: the user, if not erased and the login session is active, with a row per grant
	// (one row with a NULL role when there are none). The names are selected as the product selects them, although
	// only the ids decide.
	rows, err := s.db.Query(ctx, `SELECT u.id AS user_id, u.is_admin, g.role, g.programme_id, g.programme_name,
			g.cohort_id, g.cohort_name
		FROM users u LEFT JOIN (
			SELECT g.role, p.id AS programme_id, p.name AS programme_name, c.id AS cohort_id, c.name AS cohort_name
			FROM role_grants g
			LEFT JOIN cohorts c ON c.id = g.cohort_id
			JOIN programmes p ON p.id = coalesce(g.programme_id, c.programme_id)
			WHERE g.user_id = $1
			UNION ALL
			SELECT 'participant', p.id, p.name, c.id, c.name
			FROM enrolments e
			JOIN cohorts c ON c.id = e.cohort_id
			JOIN programmes p ON p.id = c.programme_id
			WHERE e.user_id = $1 AND e.status <> 'withdrawn') g ON true
		WHERE u.id = $1 AND u.erased_at IS NULL
			AND EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2 AND r.user_id = u.id AND r.revoked_at IS NULL AND r.used_at IS NULL AND r.expires_at > $3)
		ORDER BY programme_name, cohort_name NULLS FIRST, role`, userID, sessionID, time.Now())
	if err != nil {
		return nil, fmt.Errorf("baseline: user %s: %w", userID, err)
	}
	defer rows.Close()
	var p *principal
	for rows.Next() {
		var (
			g             grant
			role          *string
			programmeID   *uuid.UUID
			programmeName *string
			cohortName    *string
		)
		if p == nil {
			p = &principal{}
		}
		if err := rows.Scan(&p.userID, &p.isAdmin, &role, &programmeID, &programmeName, &g.cohortID, &cohortName); err != nil {
			return nil, fmt.Errorf("baseline: read grant of %s: %w", userID, err)
		}
		if role != nil {
			g.role, g.programmeID = *role, *programmeID
			p.grants = append(p.grants, g)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("baseline: user %s: %w", userID, err)
	}
	if p == nil {
		return nil, errUnauthenticated
	}
	return p, nil
}
