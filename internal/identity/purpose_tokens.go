package identity

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

// A single-purpose token is a JWT that does one job for someone without an account, such as the link in a
// speaker's invitation. It is signed with the same key ring as access tokens but names its own audience, so an
// access token never passes as a single-purpose token and the other way round. Its subject is what it is about
// (a booking) and its id (jti) is stored by the feature, which makes it usable once.

var (
	// ErrInvalidPurposeToken is any single-purpose token that does not verify: forged, altered, meant for another
	// audience or not a token at all. The reason is not shown to clients.
	ErrInvalidPurposeToken = errors.New("identity: invalid single-purpose token")
	// ErrPurposeTokenExpired is a genuine token whose time has run out, so its holder can be told just that.
	ErrPurposeTokenExpired = errors.New("identity: single-purpose token expired")
)

// PurposeClaims is what a verified single-purpose token says.
type PurposeClaims struct {
	Subject   uuid.UUID
	ID        uuid.UUID
	ExpiresAt time.Time
}

// SignPurpose mints a single-purpose token for audience about subject, with id as its jti, valid until expires.
func (k *KeyRing) SignPurpose(audience string, subject, id uuid.UUID, now, expires time.Time) (string, error) {
	if audience == Audience {
		return "", errors.New("identity: a single-purpose token cannot have the access-token audience")
	}
	if !expires.After(now) {
		return "", errors.New("identity: a single-purpose token must expire after it is issued")
	}
	k.mu.RLock()
	kid, secret := k.current, k.keys[k.current]
	k.mu.RUnlock()
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{
		Issuer:    Issuer,
		Subject:   subject.String(),
		Audience:  jwt.ClaimStrings{audience},
		IssuedAt:  jwt.NewNumericDate(now),
		NotBefore: jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(expires),
		ID:        id.String(),
	})
	tok.Header["kid"] = kid
	s, err := tok.SignedString(secret)
	if err != nil {
		return "", fmt.Errorf("identity: sign single-purpose token: %w", err)
	}
	return s, nil
}

// VerifyPurpose checks a single-purpose token for audience: HS256 only, our issuer, that audience, an expiry
// that has not passed, and a subject and id that are uuids. A token that fails only because it has expired gives
// ErrPurposeTokenExpired; any other failure gives ErrInvalidPurposeToken.
func (k *KeyRing) VerifyPurpose(ctx context.Context, audience, raw string) (PurposeClaims, error) {
	claims, err := k.parsePurpose(ctx, audience, raw, time.Now())
	if errors.Is(err, jwt.ErrTokenExpired) && claims.ExpiresAt != nil {
		// Expired; would it have passed just before it ran out? Then expiry is the only fault.
		if _, again := k.parsePurpose(ctx, audience, raw, claims.ExpiresAt.Add(-time.Second)); again == nil {
			return PurposeClaims{}, fmt.Errorf("%w: %v", ErrPurposeTokenExpired, err)
		}
	}
	if err != nil {
		return PurposeClaims{}, fmt.Errorf("%w: %v", ErrInvalidPurposeToken, err)
	}
	subject, serr := uuid.Parse(claims.Subject)
	id, ierr := uuid.Parse(claims.ID)
	if serr != nil || ierr != nil {
		return PurposeClaims{}, fmt.Errorf("%w: subject or id is not a uuid", ErrInvalidPurposeToken)
	}
	return PurposeClaims{Subject: subject, ID: id, ExpiresAt: claims.ExpiresAt.Time}, nil
}

func (k *KeyRing) parsePurpose(ctx context.Context, audience, raw string, at time.Time) (jwt.RegisteredClaims, error) {
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(Issuer),
		jwt.WithAudience(audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(func() time.Time { return at }),
	)
	var claims jwt.RegisteredClaims
	_, err := parser.ParseWithClaims(raw, &claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		if secret := k.secret(ctx, kid); secret != nil {
			return secret, nil
		}
		return nil, fmt.Errorf("unknown key id %q", kid)
	})
	return claims, err
}

// SigningKeys gives features that sign single-purpose tokens (speaker invitations) the key ring.
func (s *Service) SigningKeys() *KeyRing { return s.keys }
