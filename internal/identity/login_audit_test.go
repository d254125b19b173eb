package identity_test

import (
	"net/http"
	"testing"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

type auditLine struct {
	ActorUserID   *uuid.UUID
	SubjectUserID *uuid.UUID
	Action        string
	ObjectType    string
	ObjectID      *string
	IP            *string
	Detail        string
}

// Logins are in the audit log (issue 6): a success with the session it started, a failure on a real account for
// that account's holder to see, and a failure for an unknown address without that address.
func TestLoginsAreInTheAuditLog(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	nico := a.User(t, "nico@test.example", "Nico Middelbos", false)

	lines := func() []auditLine {
		t.Helper()
		var out []auditLine
		if err := a.DB.Raw(`SELECT actor_user_id, subject_user_id, action, object_type, object_id, host(ip) AS ip,
			detail::text AS detail FROM audit_log WHERE action LIKE 'login.%' ORDER BY id`).Scan(&out).Error; err != nil {
			t.Fatal(err)
		}
		return out
	}
	login := func(email, password string, want int) {
		t.Helper()
		r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
			Body: map[string]string{"email": email, "password": password}})
		if r.StatusCode != want {
			t.Fatalf("login %s: %d, want %d: %s", email, r.StatusCode, want, r.Body)
		}
	}

	login("nico@test.example", testapp.Password, http.StatusOK)
	login("nico@test.example", "not the password at all", http.StatusUnauthorized)
	login("typo-secret-pass@test.example", "not the password at all", http.StatusUnauthorized)

	got := lines()
	if len(got) != 3 {
		t.Fatalf("audit lines %+v, want 3", got)
	}
	ok, failed, unknown := got[0], got[1], got[2]
	var family string
	if err := a.DB.Raw(`SELECT family_id::text FROM refresh_tokens WHERE user_id = ?`, nico).Row().Scan(&family); err != nil {
		t.Fatal(err)
	}
	if ok.Action != "login.succeeded" || *ok.ActorUserID != nico || *ok.SubjectUserID != nico ||
		ok.ObjectType != "session" || *ok.ObjectID != family || ok.IP == nil || *ok.IP != "127.0.0.1" {
		t.Errorf("success line %+v, want login.succeeded by and about Nico, session %s, from 127.0.0.1", ok, family)
	}
	if failed.Action != "login.failed" || failed.ActorUserID != nil || *failed.SubjectUserID != nico ||
		failed.ObjectType != "user" || *failed.ObjectID != nico.String() || failed.Detail != `{"knownAccount": true}` {
		t.Errorf("failure line %+v, want login.failed about Nico, no actor", failed)
	}
	if unknown.Action != "login.failed" || unknown.ActorUserID != nil || unknown.SubjectUserID != nil ||
		unknown.ObjectType != "login" || unknown.ObjectID != nil || unknown.Detail != `{"knownAccount": false}` {
		t.Errorf("unknown-address line %+v, want login.failed about nobody, without the address", unknown)
	}
	var leaks int
	if err := a.DB.Raw(`SELECT count(*) FROM audit_log WHERE detail::text LIKE '%typo-secret%' OR object_id LIKE '%typo-secret%'`).
		Scan(&leaks).Error; err != nil {
		t.Fatal(err)
	}
	if leaks != 0 {
		t.Errorf("the unknown address is in the audit log %d times", leaks)
	}

	// Nico sees the failed attempt on his account in his own access log; not his own successful login.
	token, _ := a.Login(t, "nico@test.example")
	r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/me/access-log", Token: token})
	if r.StatusCode != http.StatusOK {
		t.Fatalf("access log: %d %s", r.StatusCode, r.Body)
	}
	var log struct {
		Entries []struct {
			Action string `json:"action"`
			Actor  *struct {
				Name string `json:"name"`
			} `json:"actor"`
		} `json:"entries"`
	}
	r.JSON(t, &log)
	if len(log.Entries) != 1 || log.Entries[0].Action != "login.failed" || log.Entries[0].Actor != nil {
		t.Errorf("access log %+v, want exactly the failed attempt, by no known actor", log.Entries)
	}
}
