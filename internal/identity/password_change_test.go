package identity_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vgs/leergang/internal/nltime"
	"github.com/vgs/leergang/internal/testapp"
)

func changePassword(t *testing.T, a *testapp.App, token, current, next string) *testapp.Response {
	t.Helper()
	return call(t, a, token, http.MethodPost, "/me/password", map[string]string{"currentPassword": current, "newPassword": next})
}

func TestChangingThePasswordEndsEveryOtherSession(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	nico := a.User(t, "nico@test.example", "Nico Middelbos", false)
	sanne := loginFromNew(t, a, "sanne@test.example")
	laptop := loginFrom(t, a, "nico@test.example", firefoxWindows)
	phone := loginFrom(t, a, "nico@test.example", safariIPhone)
	tablet := loginFrom(t, a, "nico@test.example", chromeAndroid)
	// An open reset link, asked for before the change, must not work after it.
	requestReset(t, a, "nico@test.example")
	resetLink := tokenIn(t, resetMails(t, a, "nico@test.example")[0])

	at := time.Now()
	r := changePassword(t, a, laptop.token, testapp.Password, newPassword)
	expect(t, r, 200)
	if strings.TrimSpace(string(r.Body)) != `{"revoked":2}` {
		t.Fatalf("answer %s, want the phone and the tablet ended", r.Body)
	}
	if !works(t, a, laptop.token) || !refreshes(t, a, laptop.cookie) {
		t.Fatal("the session that changed the password ended")
	}
	for name, d := range map[string]device{"phone": phone, "tablet": tablet} {
		if works(t, a, d.token) || refreshes(t, a, d.cookie) {
			t.Errorf("the %s's session still works", name)
		}
	}
	if !works(t, a, sanne) {
		t.Error("someone else's session ended")
	}
	if login(t, a, "nico@test.example", testapp.Password) != 401 || login(t, a, "nico@test.example", newPassword) != 200 {
		t.Fatal("the old password still logs in, or the new one does not")
	}
	p := expect(t, call(t, a, "", http.MethodPost, "/auth/set-password", map[string]string{"token": resetLink, "password": "nog een heel ander wachtwoord"}), 400)
	if p.Title != "Deze link is ongeldig" {
		t.Errorf("the reset link after the change: %+v", p)
	}

	var mails []outboxMail
	a.DB.Raw(`SELECT kind, subject, body_text FROM outbox WHERE to_address = 'nico@test.example' AND kind = 'password-changed'`).Scan(&mails)
	if len(mails) != 1 || mails[0].Subject != "Uw wachtwoord is gewijzigd" {
		t.Fatalf("mails %+v, want one 'Uw wachtwoord is gewijzigd'", mails)
	}
	body := mails[0].BodyText
	if when := "(nico@test.example) is gewijzigd op "; !strings.Contains(body, when+nltime.DayMoment(at)+".") &&
		!strings.Contains(body, when+nltime.DayMoment(time.Now())+".") {
		t.Errorf("the mail does not say when (%s):\n%s", nltime.DayMoment(at), body)
	}
	for _, want := range []string{"Beste Nico Middelbos,", "U bent daarbij op 2 andere apparaten uitgelogd.", "Hebt u dit niet zelf gedaan?", "\nhttp://leergang.test/wachtwoord-vergeten\n"} {
		if !strings.Contains(body, want) {
			t.Errorf("the mail lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, newPassword) || strings.Contains(body, testapp.Password) {
		t.Errorf("the mail holds a password:\n%s", body)
	}

	lines := auditLines(t, a, "password.changed")
	if len(lines) != 1 || *lines[0].ActorUserID != nico || *lines[0].SubjectUserID != nico || lines[0].ObjectType != "user" ||
		*lines[0].ObjectID != nico.String() || lines[0].Detail != `{"otherSessionsEnded": 2}` {
		t.Fatalf("audit %+v", lines)
	}
	var leaks int
	a.DB.Raw(`SELECT count(*) FROM audit_log WHERE detail::text ILIKE '%wachtwoord voor%' OR detail::text ILIKE '%horse%'`).Row().Scan(&leaks)
	if leaks != 0 {
		t.Errorf("a password is in the audit log %d times", leaks)
	}
}

// loginFromNew creates a person and logs them in, for a bystander whose session must survive.
func loginFromNew(t *testing.T, a *testapp.App, email string) string {
	t.Helper()
	a.User(t, email, "Omstander", false)
	tok, _ := a.Login(t, email)
	return tok
}

func TestAWrongCurrentPasswordCountsTowardsTheLoginLockout(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	a.User(t, "nico@test.example", "Nico Middelbos", false)
	tok, _ := a.Login(t, "nico@test.example")

	wrong := func() {
		t.Helper()
		p := expect(t, changePassword(t, a, tok, "niet mijn wachtwoord", newPassword), 422)
		if len(p.Errors) != 1 || p.Errors[0].Field != "currentPassword" || p.Errors[0].Code != "wrong" ||
			p.Errors[0].Message != "Uw huidige wachtwoord klopt niet." {
			t.Fatalf("errors %+v", p.Errors)
		}
	}
	// A right current password forgets earlier failures, as a login does.
	for i := 0; i < 4; i++ {
		wrong()
	}
	expect(t, changePassword(t, a, tok, testapp.Password, "Een tussentijds wachtwoord"), 200)
	expect(t, changePassword(t, a, tok, "Een tussentijds wachtwoord", testapp.Password), 200)

	// Failures at the login page and here add up: the address is locked after five.
	if login(t, a, "Nico@Test.example ", "fout wachtwoord") != 401 || login(t, a, "nico@test.example", "fout") != 401 {
		t.Fatal("a wrong login was not refused")
	}
	for i := 0; i < 3; i++ {
		wrong()
	}
	r := changePassword(t, a, tok, testapp.Password, newPassword)
	expect(t, r, 429)
	if r.Header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	if login(t, a, "nico@test.example", testapp.Password) != 429 {
		t.Error("the login page is not locked too")
	}
	if !works(t, a, tok) {
		t.Error("the lockout ended the session")
	}
	// The lock refused without changing anything.
	a.Exec(t, `DELETE FROM rate_limits`)
	if login(t, a, "nico@test.example", testapp.Password) != 200 {
		t.Fatal("the password changed while locked")
	}
}

func TestPasswordChangeChecksEachField(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	a.User(t, "sanne.visser@gouda.example", "Sanne Visser", false)
	tok, _ := a.Login(t, "sanne.visser@gouda.example")
	const breached = "Dit wachtwoord staat in een lijst van veelgebruikte of gelekte wachtwoorden. Kies een ander."
	type fieldError struct{ field, code string }
	cases := []struct {
		name          string
		current, next string
		want          []fieldError
	}{
		{"no current password", "", newPassword, []fieldError{{"currentPassword", "required"}}},
		{"current too long", strings.Repeat("x", 1025), newPassword, []fieldError{{"currentPassword", "too_long"}}},
		{"no current and no new", "", "", []fieldError{{"currentPassword", "required"}, {"newPassword", "required"}}},
		{"no new password", testapp.Password, "", []fieldError{{"newPassword", "required"}}},
		{"too short", testapp.Password, "elf tekens!", []fieldError{{"newPassword", "too_short"}}},
		{"too long", testapp.Password, strings.Repeat("x", 1025), []fieldError{{"newPassword", "too_long"}}},
		{"breached", testapp.Password, "PeanutButter", []fieldError{{"newPassword", "breached"}}},
		{"the product's name", testapp.Password, "Mijn Leergang wachtwoord", []fieldError{{"newPassword", "context"}}},
		{"the address", testapp.Password, "Sanne.Visser@Gouda.example", []fieldError{{"newPassword", "context"}}},
		{"unchanged", testapp.Password, testapp.Password, []fieldError{{"newPassword", "unchanged"}}},
		{"wrong current and too short", "niet mijn wachtwoord", "kort", []fieldError{{"currentPassword", "wrong"}, {"newPassword", "too_short"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := expect(t, changePassword(t, a, tok, tc.current, tc.next), 422)
			if len(p.Errors) != len(tc.want) {
				t.Fatalf("errors %+v, want %v", p.Errors, tc.want)
			}
			for i, e := range p.Errors {
				if e.Field != tc.want[i].field || e.Code != tc.want[i].code || e.Message == "" {
					t.Fatalf("errors %+v, want %v", p.Errors, tc.want)
				}
				if e.Code == "breached" && e.Message != breached {
					t.Errorf("message %q", e.Message)
				}
			}
		})
	}
	expect(t, call(t, a, tok, http.MethodPost, "/me/password",
		`{"currentPassword": "`+testapp.Password+`", "newPassword": "`+newPassword+`", "admin": true}`), 422)
	expect(t, call(t, a, tok, http.MethodPost, "/me/password", `{"currentPassword":`), 400)
	expect(t, call(t, a, tok, http.MethodPost, "/me/password", `{"currentPassword": 12}`), 422)

	// None of it changed the password, ended the session, logged a change or sent a mail.
	if login(t, a, "sanne.visser@gouda.example", testapp.Password) != 200 || !works(t, a, tok) {
		t.Fatal("a refused change changed something")
	}
	var mails int
	a.DB.Raw(`SELECT count(*) FROM outbox WHERE kind = 'password-changed'`).Row().Scan(&mails)
	if n := len(auditLines(t, a, "password.changed")); n != 0 || mails != 0 {
		t.Fatalf("%d audit lines and %d mails for refused changes", n, mails)
	}
}

func TestAPasswordChangeWithNoOtherSessionsSaysSoInTheMail(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	a.User(t, "nico@test.example", "Nico Middelbos", false)
	tok, _ := a.Login(t, "nico@test.example")
	r := changePassword(t, a, tok, testapp.Password, newPassword)
	expect(t, r, 200)
	if strings.TrimSpace(string(r.Body)) != `{"revoked":0}` {
		t.Fatalf("answer %s", r.Body)
	}
	var body string
	a.DB.Raw(`SELECT body_text FROM outbox WHERE kind = 'password-changed'`).Row().Scan(&body)
	if body == "" || strings.Contains(body, "U bent daarbij") {
		t.Fatalf("mail %q: without other sessions it says nothing about devices logged out", body)
	}
}
