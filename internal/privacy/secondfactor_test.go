package privacy_test

import (
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/vgs/leergang/internal/testapp"
)

// The export says whether the person's second factor is on and since when, never its secret or recovery codes;
// the HTML document says the same.
func TestExportSaysWhetherTheSecondFactorIsOnButHoldsNoSecret(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, me := w.App, w.Users["participant"]
	account := func() map[string]json.RawMessage {
		t.Helper()
		r := get(t, a, w.Tokens["participant"], "/api/v1/me/export")
		expect(t, r, 200)
		var e struct {
			Account map[string]json.RawMessage `json:"account"`
		}
		r.JSON(t, &e)
		return e.Account
	}
	if acc := account(); string(acc["secondFactorEnabled"]) != "false" || string(acc["secondFactorEnabledAt"]) != "null" {
		t.Fatalf("account before %s %s", acc["secondFactorEnabled"], acc["secondFactorEnabledAt"])
	}

	secret := []byte("secret-of-twenty-byt")
	since := time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)
	a.Exec(t, `INSERT INTO user_totp (user_id, secret, enabled_at, last_used_step) VALUES (?, ?, ?, 58000000)`, me, secret, since)
	salt := randomHash()[:16]
	a.Exec(t, `INSERT INTO recovery_codes (user_id, salt, code_hash) VALUES (?, ?, ?)`, me, salt, randomHash())

	acc := account()
	var at time.Time
	if err := json.Unmarshal(acc["secondFactorEnabledAt"], &at); err != nil || string(acc["secondFactorEnabled"]) != "true" || !at.Equal(since) {
		t.Fatalf("account after %s %s", acc["secondFactorEnabled"], acc["secondFactorEnabledAt"])
	}
	r := get(t, a, w.Tokens["participant"], "/api/v1/me/export")
	for _, secretForm := range []string{string(secret), hex.EncodeToString(secret), "c2VjcmV0LW9mLXR3ZW50eS1ieXQ", hex.EncodeToString(salt)} {
		if strings.Contains(string(r.Body), secretForm) {
			t.Fatalf("the export holds a secret (%s)", secretForm)
		}
	}
	doc := get(t, a, w.Tokens["participant"], "/api/v1/me/export/document")
	expect(t, doc, 200)
	if !strings.Contains(string(doc.Body), "<dt>Tweestapsverificatie</dt><dd>aan sinds 14 maart 2026") {
		t.Fatalf("the document does not say the second factor is on:\n%s", doc.Body)
	}
}
