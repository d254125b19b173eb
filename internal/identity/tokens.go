package identity

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

const (
	// Issuer and Audience are checked on every access token; a token minted for anything else never passes.
	Issuer   = "leergang"
	Audience = "leergang-api"
)

// AccessClaims are the claims of an access token: who (sub), which login (sid), until when (exp).
type AccessClaims struct {
	SessionID string `json:"sid"`
	jwt.RegisteredClaims
}

// KeyRing signs and verifies access tokens with HMAC keys kept in PostgreSQL, so every replica shares them.
// Every key verifies until it is deleted, which lets keys rotate without logging anyone out. The key that signs
// is the newest one that has been published for keyActivation, so every replica (reloading once a minute) knows
// a new key before anyone receives a token signed with it.
//
// NewKeyRing makes the very first key, which signs at once.
type KeyRing struct {
	db *gorm.DB

	mu         sync.RWMutex
	keys       map[string][]byte
	current    string
	loadedAt   time.Time
	reloadWait time.Duration
}

// keyActivation is how long a new key is published before it signs: longer than a replica's reload interval.
const keyActivation = 90 * time.Second

type signingKey struct {
	Kid       string
	Secret    []byte
	Published bool // older than keyActivation
	Signing   bool // not retired, or retired only in the future
}

// NewKeyRing loads the keys, creating the first one when there is none.
func NewKeyRing(ctx context.Context, db *gorm.DB) (*KeyRing, error) {
	k := &KeyRing{db: db, reloadWait: 5 * time.Second}
	if err := k.load(ctx); err != nil {
		return nil, err
	}
	if k.current == "" {
		if err := k.createFirstKey(ctx); err != nil {
			return nil, err
		}
	}
	return k, nil
}

// createFirstKey makes the key of a new installation.
func (k *KeyRing) createFirstKey(ctx context.Context) error {
	kid, secret, err := newSigningKey()
	if err != nil {
		return err
	}
	if err := k.db.WithContext(ctx).Exec(
		"INSERT INTO signing_keys (kid, secret) VALUES (?, ?)", kid, secret).Error; err != nil {
		return fmt.Errorf("identity: store signing key: %w", err)
	}
	return k.load(ctx)
}

func newSigningKey() (kid string, secret []byte, err error) {
	secret = make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return "", nil, fmt.Errorf("identity: new signing key: %w", err)
	}
	return time.Now().UTC().Format("20060102T150405") + "-" + hex.EncodeToString(secret[:4]), secret, nil
}

// RotateAndRetire is the scheduled rotation (leergang rotate-keys): a new key signs once it is published
// (keyActivation), the keys before it are retired then (they still verify what they signed, so nobody is logged
// out and no speaker link breaks), and keys retired longer than keep ago are deleted, which ends whatever they
// signed.
func (k *KeyRing) RotateAndRetire(ctx context.Context, keep time.Duration) (kid string, retired, deleted int64, err error) {
	kid, secret, err := newSigningKey()
	if err != nil {
		return "", 0, 0, err
	}
	err = k.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("INSERT INTO signing_keys (kid, secret) VALUES (?, ?)", kid, secret).Error; err != nil {
			return err
		}
		// The keys before it sign until the new one is published everywhere.
		res := tx.Exec("UPDATE signing_keys SET retired_at = now() + make_interval(secs => ?) WHERE retired_at IS NULL AND kid <> ?",
			keyActivation.Seconds(), kid)
		if res.Error != nil {
			return res.Error
		}
		retired = res.RowsAffected
		res = tx.Exec("DELETE FROM signing_keys WHERE retired_at < now() - make_interval(secs => ?)", keep.Seconds())
		deleted = res.RowsAffected
		return res.Error
	})
	if err != nil {
		return "", 0, 0, fmt.Errorf("identity: rotate signing keys: %w", err)
	}
	return kid, retired, deleted, k.load(ctx)
}

func (k *KeyRing) load(ctx context.Context) error {
	var rows []signingKey
	if err := k.db.WithContext(ctx).Raw(`SELECT kid, secret,
			created_at <= now() - make_interval(secs => ?) AS published,
			(retired_at IS NULL OR retired_at > now()) AS signing
		FROM signing_keys ORDER BY created_at, kid`, keyActivation.Seconds()).Scan(&rows).Error; err != nil {
		return fmt.Errorf("identity: load signing keys: %w", err)
	}
	keys := make(map[string][]byte, len(rows))
	current, oldest := "", ""
	for _, r := range rows {
		keys[r.Kid] = r.Secret
		if r.Signing && r.Published {
			current = r.Kid
		}
		if r.Signing && oldest == "" {
			oldest = r.Kid
		}
	}
	if current == "" {
		current = oldest // a new installation: its first key signs at once, a rotation's key still waits
	}
	k.mu.Lock()
	k.keys, k.current, k.loadedAt = keys, current, time.Now()
	k.mu.Unlock()
	return nil
}

// Sign mints an access token for the user and login session, valid for ttl.
func (k *KeyRing) Sign(userID, sessionID uuid.UUID, ttl time.Duration, now time.Time) (string, error) {
	k.refreshIfStale()
	k.mu.RLock()
	kid, secret := k.current, k.keys[k.current]
	k.mu.RUnlock()
	claims := AccessClaims{
		SessionID: sessionID.String(),
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    Issuer,
			Subject:   userID.String(),
			Audience:  jwt.ClaimStrings{Audience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
			ID:        uuid.NewString(),
		},
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	tok.Header["kid"] = kid
	s, err := tok.SignedString(secret)
	if err != nil {
		return "", fmt.Errorf("identity: sign access token: %w", err)
	}
	return s, nil
}

// refreshIfStale reloads the keys once a minute, so that every replica signs with the newest key soon after a
// rotation. A failed reload keeps the keys it has: they still sign and verify.
func (k *KeyRing) refreshIfStale() {
	k.mu.RLock()
	stale := time.Since(k.loadedAt) > time.Minute && k.db != nil
	k.mu.RUnlock()
	if stale {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = k.load(ctx)
	}
}

// ErrInvalidToken is returned for any access token that does not verify; the reason is not shown to clients.
var ErrInvalidToken = errors.New("identity: invalid access token")

// Verify checks an access token: the algorithm is pinned to HS256 (so "none" and key-confusion attacks fail),
// and issuer, audience and expiry are required.
func (k *KeyRing) Verify(ctx context.Context, raw string) (*AccessClaims, error) {
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(Issuer),
		jwt.WithAudience(Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(30*time.Second),
	)
	var claims AccessClaims
	_, err := parser.ParseWithClaims(raw, &claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		if secret := k.secret(ctx, kid); secret != nil {
			return secret, nil
		}
		return nil, fmt.Errorf("unknown key id %q", kid)
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidToken, err)
	}
	return &claims, nil
}

// secret finds a key by id; an unknown id (a key another replica just made) triggers at most one reload per
// reloadWait, so a flood of forged kids cannot hammer the database.
func (k *KeyRing) secret(ctx context.Context, kid string) []byte {
	k.mu.RLock()
	secret, ok := k.keys[kid]
	stale := time.Since(k.loadedAt) > k.reloadWait
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
