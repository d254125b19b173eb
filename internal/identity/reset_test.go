package identity_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/identity"
	"github.com/vgs/leergang/internal/nltime"
	"github.com/vgs/leergang/internal/testapp"
)

const resetAnswer = `{"message":"Als dit adres bij ons bekend is, ontvangt u binnen enkele minuten een mail met een link om een nieuw wachtwoord in te stellen. De link is 1 uur geldig."}`

// requestReset asks for a reset of email and checks the one answer every address gets.
func requestReset(t *testing.T, a *testapp.App, email string) {
	t.Helper()
	r := call(t, a, "", http.MethodPost, "/auth/password-reset", map[string]string{"email": email})
	expect(t, r, 202)
	if got := strings.TrimSpace(string(r.Body)); got != resetAnswer {
		t.Fatalf("answer for %s:\n%s\nwant\n%s", email, got, resetAnswer)
	}
}

type outboxMail struct {
	Kind, Subject, BodyText string
}

func resetMails(t *testing.T, a *testapp.App, email string) []outboxMail {
	t.Helper()
	var out []outboxMail
	if err := a.DB.Raw(`SELECT kind, subject, body_text FROM outbox WHERE to_address = ? AND kind = 'password-reset' ORDER BY id`, email).
		Scan(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

func tokenIn(t *testing.T, m outboxMail) string {
	t.Helper()
	match := linkInMail.FindStringSubmatch(m.BodyText)
	if match == nil {
		t.Fatalf("no link in the mail:\n%s", m.BodyText)
	}
	return match[1]
}

func TestResetAnswersAlikeForKnownUnknownAndErasedAddressesAndMailsOnlyTheKnown(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	a.Exec(t, `UPDATE users SET email = 'verwijderd-' || id || '@leergang.invalid', password_hash = NULL, erased_at = now() WHERE id = ?`,
		w.Users["other-participant"])
	tombstone := "verwijderd-" + w.Users["other-participant"].String() + "@leergang.invalid"
	var before int
	a.DB.Raw(`SELECT count(*) FROM outbox`).Row().Scan(&before)

	requestReset(t, a, "  Participant@Test.Example ") // normalised like a login
	requestReset(t, a, "niemand@gouda.example")
	requestReset(t, a, tombstone)

	var after, links int
	a.DB.Raw(`SELECT count(*) FROM outbox`).Row().Scan(&after)
	a.DB.Raw(`SELECT count(*) FROM invitations WHERE purpose = 'reset'`).Row().Scan(&links)
	if after-before != 1 || links != 1 {
		t.Fatalf("%d mails and %d reset links queued, want 1 and 1", after-before, links)
	}
	mails := resetMails(t, a, "participant@test.example")
	if len(mails) != 1 || mails[0].Subject != "Wachtwoord opnieuw instellen" {
		t.Fatalf("mails %+v", mails)
	}
	var expires time.Time
	a.DB.Raw(`SELECT expires_at FROM invitations WHERE purpose = 'reset'`).Row().Scan(&expires)
	for _, want := range []string{"Beste participant,", "(participant@test.example)",
		"1 uur geldig, tot " + nltime.DayMoment(expires) + ".",
		"Hebt u dit niet aangevraagd? Dan kunt u deze mail negeren."} {
		if !strings.Contains(mails[0].BodyText, want) {
			t.Errorf("mail lacks %q:\n%s", want, mails[0].BodyText)
		}
	}
	tokenIn(t, mails[0])
}

func TestResetValidatesTheAddress(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	cases := map[string]struct {
		body   any
		status int
		code   string
	}{
		"no address":          {map[string]string{}, 422, "required"},
		"not an address":      {map[string]string{"email": "geen adres"}, 422, "invalid"},
		"an unknown field":    {`{"email": "a@b.nl", "admin": true}`, 422, ""},
		"broken JSON":         {`{"email":`, 400, ""},
		"an address too long": {map[string]string{"email": strings.Repeat("a", 250) + "@b.nl"}, 422, "too_long"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			p := expect(t, call(t, a, "", http.MethodPost, "/auth/password-reset", tc.body), tc.status)
			if tc.code != "" && (len(p.Errors) != 1 || p.Errors[0].Field != "email" || p.Errors[0].Code != tc.code) {
				t.Fatalf("errors %+v", p.Errors)
			}
		})
	}
}

func TestAResetLinkSetsThePasswordOnceAndEndsAllLoginSessions(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	var open int
	a.DB.Raw(`SELECT count(*) FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL`, w.Users["participant"]).Row().Scan(&open)
	if open == 0 { // the world logged everyone in; otherwise this test would prove nothing
		t.Fatal("no open login session to end")
	}
	requestReset(t, a, "participant@test.example")
	token := tokenIn(t, resetMails(t, a, "participant@test.example")[0])

	r := call(t, a, "", http.MethodPost, "/auth/invitation", map[string]string{"token": token})
	expect(t, r, 200)
	var info struct{ Name, Email, Purpose string }
	r.JSON(t, &info)
	if info != (struct{ Name, Email, Purpose string }{"participant", "participant@test.example", "reset"}) {
		t.Fatalf("lookup %+v", info)
	}

	expect(t, call(t, a, "", http.MethodPost, "/auth/set-password", map[string]string{"token": token, "password": newPassword}), 200)
	a.DB.Raw(`SELECT count(*) FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL`, w.Users["participant"]).Row().Scan(&open)
	if open != 0 {
		t.Fatalf("%d login sessions still open", open)
	}
	if login(t, a, "participant@test.example", newPassword) != 200 || login(t, a, "participant@test.example", testapp.Password) != 401 {
		t.Fatal("the password did not change")
	}
	p := expect(t, call(t, a, "", http.MethodPost, "/auth/set-password", map[string]string{"token": token, "password": "nog een ander wachtwoord"}), 400)
	if p.Title != "Deze link is al gebruikt" {
		t.Fatalf("second use: %+v", p)
	}
}

func TestAResetLinkExpiresAfterOneHour(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	requestReset(t, a, "participant@test.example")
	token := tokenIn(t, resetMails(t, a, "participant@test.example")[0])
	var ttl time.Duration
	var secs float64
	a.DB.Raw(`SELECT extract(epoch FROM expires_at - created_at) FROM invitations WHERE purpose = 'reset'`).Row().Scan(&secs)
	if ttl = time.Duration(secs) * time.Second; ttl != time.Hour {
		t.Fatalf("valid for %s, want 1h", ttl)
	}
	// An hour has passed.
	a.Exec(t, `UPDATE invitations SET created_at = created_at - interval '1 hour', expires_at = expires_at - interval '1 hour' WHERE purpose = 'reset'`)

	p := expect(t, call(t, a, "", http.MethodPost, "/auth/set-password", map[string]string{"token": token, "password": newPassword}), 400)
	if p.Title != "Deze link is verlopen" || p.Detail != `Een link om uw wachtwoord opnieuw in te stellen is 1 uur geldig. Vraag via "Wachtwoord vergeten?" op de inlogpagina een nieuwe aan.` {
		t.Fatalf("problem %+v", p)
	}
	if login(t, a, "participant@test.example", testapp.Password) != 200 {
		t.Fatal("an expired link changed the password")
	}
}

func TestANewResetReplacesTheOlderLinkButNotAPendingInvitation(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	// A person who never used their invitation asks for a reset (they could not find the mail).
	invitation := invite(t, w, "sanne.visser@gouda.example", "Sanne Visser")
	requestReset(t, a, "sanne.visser@gouda.example")
	requestReset(t, a, "sanne.visser@gouda.example")
	mails := resetMails(t, a, "sanne.visser@gouda.example")
	if len(mails) != 2 {
		t.Fatalf("%d reset mails, want 2", len(mails))
	}
	first, second := tokenIn(t, mails[0]), tokenIn(t, mails[1])

	p := expect(t, call(t, a, "", http.MethodPost, "/auth/invitation", map[string]string{"token": first}), 400)
	if p.Title != "Deze link is ongeldig" {
		t.Fatalf("the replaced reset link: %+v", p)
	}
	// Both the invitation and the newest reset link still work …
	for _, tok := range []string{invitation, second} {
		expect(t, call(t, a, "", http.MethodPost, "/auth/invitation", map[string]string{"token": tok}), 200)
	}
	// … until one of them sets the password: then the other is spent as well.
	expect(t, call(t, a, "", http.MethodPost, "/auth/set-password", map[string]string{"token": second, "password": newPassword}), 200)
	p = expect(t, call(t, a, "", http.MethodPost, "/auth/set-password", map[string]string{"token": invitation, "password": "een heel ander wachtwoord"}), 400)
	if p.Title != "Deze link is ongeldig" {
		t.Fatalf("the invitation after the reset: %+v", p)
	}
	// An admin's new invitation does not break a reset link the person just asked for.
	requestReset(t, a, "sanne.visser@gouda.example")
	third := tokenIn(t, resetMails(t, a, "sanne.visser@gouda.example")[2])
	var person uuid.UUID
	a.DB.Raw(`SELECT id FROM users WHERE email = 'sanne.visser@gouda.example'`).Row().Scan(&person)
	if err := identity.Invite(a.DB, identity.Invitation{UserID: person, Email: "sanne.visser@gouda.example", Name: "Sanne Visser",
		Reason: "Opnieuw uitgenodigd.", BaseURL: "http://leergang.test"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	expect(t, call(t, a, "", http.MethodPost, "/auth/invitation", map[string]string{"token": third}), 200)
}

func TestBeyondThreeResetsPerAddressPerHourNoMailIsSentButTheAnswerIsTheSame(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	for range 5 {
		requestReset(t, a, "participant@test.example")
		requestReset(t, a, "niemand@gouda.example")
	}
	if n := len(resetMails(t, a, "participant@test.example")); n != 3 {
		t.Fatalf("%d mails, want 3", n)
	}
}

func TestSetPasswordRefusesBreachedAndContextPasswords(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	token := invite(t, w, "sanne.visser@gouda.example", "Sanne Visser")
	const breached = "Dit wachtwoord staat in een lijst van veelgebruikte of gelekte wachtwoorden. Kies een ander."
	const context = "Kies een wachtwoord zonder de naam Leergang en anders dan uw e-mailadres."
	cases := []struct {
		password, code, message string
	}{
		// Entries of the shipped list, in any case.
		{"passwordpassword", "breached", breached},
		{"PeanutButter", "breached", breached},
		{"1qaz2wsx3edc", "breached", breached},
		{"ISeeDeadPeople", "breached", breached},
		{"Mijn Leergang wachtwoord", "context", context},
		{"Sanne.Visser@Gouda.example", "context", context},
		{"sanne.visser", "context", context},
	}
	for _, tc := range cases {
		t.Run(tc.password, func(t *testing.T) {
			p := expect(t, call(t, a, "", http.MethodPost, "/auth/set-password", map[string]string{"token": token, "password": tc.password}), 422)
			if len(p.Errors) != 1 || p.Errors[0].Field != "password" || p.Errors[0].Code != tc.code || p.Errors[0].Message != tc.message {
				t.Fatalf("errors %+v", p.Errors)
			}
		})
	}
	// Seven refusals in a row did not lock the (valid) token, and a long random passphrase is fine.
	expect(t, call(t, a, "", http.MethodPost, "/auth/set-password", map[string]string{"token": token, "password": "kade-Vlinder 7 onder Zoutmeer"}), 200)
}

func TestPasswordProblem(t *testing.T) {
	t.Parallel()
	cases := []struct{ password, email, code string }{
		{"", "", "required"},
		{"elf tekens!", "", "too_short"},
		{strings.Repeat("x", 1025), "", "too_long"},
		{"welkom01welkom", "", ""}, // not on the list; its 8-character stem "welkom01" is, but is too short anyway
		{"1234567890QWERTY", "", "breached"},
		{"iloveyou123456", "", ""},
		{"administrator", "", "breached"},
		{"jan.de.vries@gemeente.nl", "jan.de.vries@gemeente.nl", "context"},
		{"jan.de.vries@gemeente.nl", "", ""},
		{"LEERGANGLEERGANG", "", "context"},
		{"paars konijn rijdt op een fiets", "jan@gemeente.nl", ""},
		{"tR7#qk2!Lp9@wZ", "jan@gemeente.nl", ""},
	}
	for _, tc := range cases {
		if code, _ := identity.PasswordProblem(tc.password, tc.email); code != tc.code {
			t.Errorf("PasswordProblem(%q, %q) = %q, want %q", tc.password, tc.email, code, tc.code)
		}
	}
}

func TestResetRequestsAreLimitedPerClientAddress(t *testing.T) {
	t.Parallel()
	limits := testapp.TestRateLimits()
	limits.PasswordResetPerIP.Limit = 2
	a := testapp.NewWith(t, testapp.Options{RateLimits: &limits})
	requestReset(t, a, "a@gouda.example")
	requestReset(t, a, "b@gouda.example")
	r := call(t, a, "", http.MethodPost, "/auth/password-reset", map[string]string{"email": "c@gouda.example"})
	p := expect(t, r, 429)
	if r.Header.Get("Retry-After") == "" || p.Title != "Te veel pogingen" {
		t.Fatalf("429 without Retry-After or title: %+v", p)
	}
}
