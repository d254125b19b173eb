package identity

import (
	"crypto/sha256"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

// UseClock sets the service's clock, for the tests (in identity_test too) of time steps and expiry.
func (s *Service) UseClock(now func() time.Time) { s.now = now }

func TestCodeStepAcceptsOneStepOfDriftAndNothingUsedBefore(t *testing.T) {
	secret := []byte("12345678901234567890") // the RFC 6238 test secret
	key := b32.EncodeToString(secret)
	now := time.Unix(59+30*1000, 0) // 15 s before the end of step 1001
	step := now.Unix() / 30
	codeAt := func(at time.Time) string {
		c, err := totp.GenerateCode(key, at)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	// RFC 6238, appendix B: T = 59 s gives 94287082, whose last 6 digits are the 6-digit code.
	if c := codeAt(time.Unix(59, 0)); c != "287082" {
		t.Fatalf("RFC 6238 vector: %s, want 287082", c)
	}
	for _, tc := range []struct {
		off    int64
		ok     bool
		stepIs int64
	}{{-2, false, 0}, {-1, true, step - 1}, {0, true, step}, {1, true, step + 1}, {2, false, 0}} {
		got, ok := codeStep(secret, codeAt(now.Add(time.Duration(tc.off)*30*time.Second)), now, nil)
		if ok != tc.ok || got != tc.stepIs {
			t.Errorf("offset %d steps: (%d, %v), want (%d, %v)", tc.off, got, ok, tc.stepIs, tc.ok)
		}
	}
	// A step once used, and any before it, never works again.
	last := step
	for _, off := range []int64{-1, 0} {
		if _, ok := codeStep(secret, codeAt(now.Add(time.Duration(off)*30*time.Second)), now, &last); ok {
			t.Errorf("offset %d accepted after step %d was used", off, last)
		}
	}
	if got, ok := codeStep(secret, codeAt(now.Add(30*time.Second)), now, &last); !ok || got != step+1 {
		t.Errorf("the next step after a used one: (%d, %v)", got, ok)
	}
	near := map[string]bool{}
	for _, off := range []int64{-1, 0, 1} {
		near[codeAt(now.Add(time.Duration(off)*30*time.Second))] = true
	}
	for _, wrong := range []string{"000000", "111111", "222222", "333333"} {
		if near[wrong] {
			continue
		}
		if _, ok := codeStep(secret, wrong, now, nil); ok {
			t.Errorf("the wrong code %s was accepted", wrong)
		}
		break
	}
}

func TestCodesAreReadAsPeopleTypeThem(t *testing.T) {
	for in, want := range map[string]bool{"123456": true, " 123 456 ": true, "12345": false, "1234567": false,
		"12345a": false, "": false, "１２３４５６": false} {
		if _, ok := normaliseTotpCode(in); ok != want {
			t.Errorf("normaliseTotpCode(%q) ok = %v, want %v", in, ok, want)
		}
	}
	for in, want := range map[string]string{
		"abcd-efgh-ijkl-mnop":     "abcdefghijklmnop",
		"ABCD EFGH IJKL MNOP":     "abcdefghijklmnop",
		" abcd-efgh - ijkl-2345 ": "abcdefghijkl2345",
	} {
		if got, ok := normaliseRecoveryCode(in); !ok || got != want {
			t.Errorf("normaliseRecoveryCode(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"abcd-efgh-ijkl", "abcd-efgh-ijkl-mnop-q", "abcd-efgh-ijkl-mno1", "abcd-efgh-ijkl-mno8"} {
		if _, ok := normaliseRecoveryCode(in); ok {
			t.Errorf("normaliseRecoveryCode(%q) accepted", in)
		}
	}
}

func TestRecoveryCodeHashesAreSaltedSHA256(t *testing.T) {
	code := "abcdefghijklmnop"
	h1, h2 := recoveryHash([]byte("0123456789abcdef"), code), recoveryHash([]byte("fedcba9876543210"), code)
	want := sha256.Sum256([]byte("0123456789abcdef" + code))
	if string(h1) != string(want[:]) || string(h1) == string(h2) {
		t.Fatalf("hash %x, want SHA-256(salt || code) %x, different per salt (%x)", h1, want, h2)
	}
}
