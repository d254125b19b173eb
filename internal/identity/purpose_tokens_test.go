package identity

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

const speakerAudience = "leergang-speaker-response"

// testKeyRing is a key ring with one key and no database: unknown key ids are never reloaded.
func testKeyRing() *KeyRing {
	return &KeyRing{keys: map[string][]byte{"test-key-1": []byte(strings.Repeat("k", 32))}, current: "test-key-1",
		loadedAt: time.Now(), reloadWait: time.Hour}
}

func TestPurposeTokenVerifiesForItsOwnAudienceOnly(t *testing.T) {
	k := testKeyRing()
	subject, id := uuid.New(), uuid.New()
	now := time.Now()
	tok, err := k.SignPurpose(speakerAudience, subject, id, now, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}

	claims, err := k.VerifyPurpose(context.Background(), speakerAudience, tok)
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	if claims.Subject != subject || claims.ID != id || claims.ExpiresAt.Unix() != now.Add(time.Hour).Unix() {
		t.Fatalf("claims = %+v", claims)
	}
	if _, err := k.VerifyPurpose(context.Background(), "leergang-other-purpose", tok); !errors.Is(err, ErrInvalidPurposeToken) {
		t.Fatalf("other audience: %v, want ErrInvalidPurposeToken", err)
	}
	if _, err := k.Verify(context.Background(), tok); !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("as an access token: %v, want ErrInvalidToken", err)
	}
}

func TestAccessTokenIsNoPurposeToken(t *testing.T) {
	k := testKeyRing()
	access, err := k.Sign(uuid.New(), uuid.New(), time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.VerifyPurpose(context.Background(), speakerAudience, access); !errors.Is(err, ErrInvalidPurposeToken) {
		t.Fatalf("access token: %v, want ErrInvalidPurposeToken", err)
	}
	if _, err := k.SignPurpose(Audience, uuid.New(), uuid.New(), time.Now(), time.Now().Add(time.Hour)); err == nil {
		t.Fatal("signing a single-purpose token with the access-token audience succeeded")
	}
}

func TestExpiredPurposeTokenIsToldApartFromAForgedOne(t *testing.T) {
	k := testKeyRing()
	now := time.Now()
	expired, err := k.SignPurpose(speakerAudience, uuid.New(), uuid.New(), now.Add(-48*time.Hour), now.Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.VerifyPurpose(context.Background(), speakerAudience, expired); !errors.Is(err, ErrPurposeTokenExpired) {
		t.Fatalf("expired: %v, want ErrPurposeTokenExpired", err)
	}
	// Expired and meant for someone else: not merely expired.
	if _, err := k.VerifyPurpose(context.Background(), "leergang-other-purpose", expired); !errors.Is(err, ErrInvalidPurposeToken) {
		t.Fatalf("expired, other audience: %v, want ErrInvalidPurposeToken", err)
	}

	other := &KeyRing{keys: map[string][]byte{"test-key-1": []byte(strings.Repeat("x", 32))}, current: "test-key-1",
		loadedAt: time.Now(), reloadWait: time.Hour}
	forgedExpired, err := other.SignPurpose(speakerAudience, uuid.New(), uuid.New(), now.Add(-48*time.Hour), now.Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.VerifyPurpose(context.Background(), speakerAudience, forgedExpired); !errors.Is(err, ErrInvalidPurposeToken) {
		t.Fatalf("expired with a foreign key: %v, want ErrInvalidPurposeToken", err)
	}
}

func TestTamperedOrUnsignedPurposeTokenIsInvalid(t *testing.T) {
	k := testKeyRing()
	now := time.Now()
	tok, err := k.SignPurpose(speakerAudience, uuid.New(), uuid.New(), now, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(tok, ".")
	// Another subject in the payload, the original signature.
	payload := jwt.RegisteredClaims{Issuer: Issuer, Subject: uuid.NewString(), Audience: jwt.ClaimStrings{speakerAudience},
		ExpiresAt: jwt.NewNumericDate(now.Add(time.Hour)), ID: uuid.NewString()}
	altered, _ := jwt.NewWithClaims(jwt.SigningMethodNone, payload).SigningString()
	tampered := strings.Split(altered, ".")[0] + "." + strings.Split(altered, ".")[1] + "." + parts[2]
	unsigned, _ := jwt.NewWithClaims(jwt.SigningMethodNone, payload).SignedString(jwt.UnsafeAllowNoneSignatureType)

	for name, raw := range map[string]string{"tampered": tampered, "alg none": unsigned, "not a token": "abc", "empty": ""} {
		if _, err := k.VerifyPurpose(context.Background(), speakerAudience, raw); !errors.Is(err, ErrInvalidPurposeToken) {
			t.Errorf("%s: %v, want ErrInvalidPurposeToken", name, err)
		}
	}
}
