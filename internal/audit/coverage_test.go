package audit_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/identity"
	"github.com/vgs/leergang/internal/testapp"
)

// The coverage the log promises beyond reads of goals and reflections: role changes, enrolments, exports and an
// admin reading someone's mail each write their line, in the transaction of what they log.

type logged struct {
	ActorUserID   *uuid.UUID
	SubjectUserID *uuid.UUID
	ObjectType    string
	ObjectID      *string
	Route         string
	Detail        string
}

// only returns the one line with the action, failing the test when there is not exactly one.
func only(t *testing.T, a *testapp.App, action string) (logged, map[string]any) {
	t.Helper()
	var rows []logged
	if err := a.DB.Raw(`SELECT actor_user_id, subject_user_id, object_type, object_id, route, detail::text AS detail
		FROM audit_log WHERE action = ?`, action).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("%s: %d lines, want 1: %+v", action, len(rows), rows)
	}
	var detail map[string]any
	if err := json.Unmarshal([]byte(rows[0].Detail), &detail); err != nil {
		t.Fatal(err)
	}
	return rows[0], detail
}

func lines(t *testing.T, a *testapp.App, action string) int {
	t.Helper()
	var n int
	a.DB.Raw(`SELECT count(*) FROM audit_log WHERE action = ?`, action).Row().Scan(&n)
	return n
}

func check(t *testing.T, action string, l logged, detail map[string]any, actor, subject *uuid.UUID, objectType, objectID, route string, want map[string]any) {
	t.Helper()
	same := func(x, y *uuid.UUID) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	if !same(l.ActorUserID, actor) || !same(l.SubjectUserID, subject) || l.ObjectType != objectType ||
		(objectID == "") != (l.ObjectID == nil) || (l.ObjectID != nil && *l.ObjectID != objectID) || l.Route != route {
		t.Errorf("%s: line %+v, want actor %v subject %v object %s %s route %s", action, l, actor, subject, objectType, objectID, route)
	}
	if len(detail) != len(want) {
		t.Errorf("%s: detail %v, want %v", action, detail, want)
	}
	for k, v := range want {
		if detail[k] != v {
			t.Errorf("%s: detail %s = %v, want %v", action, k, detail[k], v)
		}
	}
}

func ptr(id uuid.UUID) *uuid.UUID { return &id }

func do(t *testing.T, a *testapp.App, token, method, path string, body any, headers map[string]string, status int) *testapp.Response {
	t.Helper()
	r := a.Do(t, testapp.Request{Method: method, Path: "/api/v1" + path, Token: token, Body: body, Headers: headers})
	if r.StatusCode != status {
		t.Fatalf("%s %s: %d, want %d: %s", method, path, r.StatusCode, status, r.Body)
	}
	return r
}

func TestGrantingAndRevokingARoleIsLogged(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, admin := w.App, w.Tokens["admin"]
	person := a.User(t, "nieuwe.begeleider@test.example", "Nieuwe Begeleider", false)

	var g struct {
		ID uuid.UUID `json:"id"`
	}
	do(t, a, admin, http.MethodPost, "/programmes/"+w.Programme.String()+"/grants",
		map[string]any{"userId": person, "role": "facilitator", "cohortId": w.Cohort}, nil, http.StatusCreated).JSON(t, &g)
	l, d := only(t, a, "role.granted")
	check(t, "role.granted", l, d, ptr(w.Users["admin"]), &person, "role_grant", g.ID.String(),
		"POST /api/v1/programmes/:programmeID/grants", map[string]any{"role": "facilitator", "cohortId": w.Cohort.String()})

	do(t, a, admin, http.MethodDelete, "/grants/"+g.ID.String(), nil, nil, http.StatusNoContent)
	l, d = only(t, a, "role.revoked")
	check(t, "role.revoked", l, d, ptr(w.Users["admin"]), &person, "role_grant", g.ID.String(),
		"DELETE /api/v1/grants/:grantID", map[string]any{"role": "facilitator", "cohortId": w.Cohort.String()})

	// A programme-wide role names the programme. A refused or failed change logs nothing.
	do(t, a, admin, http.MethodPost, "/programmes/"+w.Programme.String()+"/grants",
		map[string]any{"userId": person, "role": "reviewer"}, nil, http.StatusCreated).JSON(t, &g)
	do(t, a, admin, http.MethodPost, "/programmes/"+w.Programme.String()+"/grants",
		map[string]any{"userId": person, "role": "reviewer"}, nil, http.StatusConflict)
	do(t, a, w.Tokens["facilitator"], http.MethodDelete, "/grants/"+g.ID.String(), nil, nil, http.StatusForbidden)
	do(t, a, admin, http.MethodDelete, "/grants/"+uuid.NewString(), nil, nil, http.StatusNotFound)
	var detail string
	a.DB.Raw(`SELECT detail::text FROM audit_log WHERE action = 'role.granted' AND object_id = ?`, g.ID.String()).Row().Scan(&detail)
	if want := `{"role": "reviewer", "programmeId": "` + w.Programme.String() + `"}`; detail != want {
		t.Errorf("programme grant detail %s, want %s", detail, want)
	}
	if n, m := lines(t, a, "role.granted"), lines(t, a, "role.revoked"); n != 2 || m != 1 {
		t.Errorf("%d granted, %d revoked lines; want 2 and 1", n, m)
	}
	// The person sees both in their own access log.
	token, _ := a.Login(t, "nieuwe.begeleider@test.example")
	var own struct {
		Entries []struct {
			Action string `json:"action"`
		} `json:"entries"`
	}
	do(t, a, token, http.MethodGet, "/me/access-log", nil, nil, http.StatusOK).JSON(t, &own)
	if len(own.Entries) != 3 || own.Entries[0].Action != "role.granted" || own.Entries[1].Action != "role.revoked" {
		t.Errorf("own access log %+v", own.Entries)
	}
}

func TestEnrollingAndWithdrawingAParticipantIsLogged(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, fac := w.App, w.Tokens["facilitator"]
	var p struct {
		ID     uuid.UUID `json:"id"`
		UserID uuid.UUID `json:"userId"`
	}
	do(t, a, fac, http.MethodPost, "/cohorts/"+w.Cohort.String()+"/participants",
		map[string]any{"name": "Sanne de Boer", "email": "sanne@kampen.example", "gemeente": "Kampen", "jobTitle": "Gemeentesecretaris"},
		nil, http.StatusCreated).JSON(t, &p)
	l, d := only(t, a, "enrolment.created")
	check(t, "enrolment.created", l, d, ptr(w.Users["facilitator"]), &p.UserID, "enrolment", p.ID.String(),
		"POST /api/v1/cohorts/:cohortID/participants", map[string]any{"cohortId": w.Cohort.String()})
	// Enrolling the same person again changes nothing and logs nothing.
	do(t, a, fac, http.MethodPost, "/cohorts/"+w.Cohort.String()+"/participants",
		map[string]any{"name": "Sanne de Boer", "email": "sanne@kampen.example", "gemeente": "Kampen", "jobTitle": ""},
		nil, http.StatusConflict)

	do(t, a, fac, http.MethodPost, "/enrolments/"+p.ID.String()+"/withdraw", nil, map[string]string{"If-Match": `"1"`}, http.StatusOK)
	l, d = only(t, a, "enrolment.withdrawn")
	check(t, "enrolment.withdrawn", l, d, ptr(w.Users["facilitator"]), &p.UserID, "enrolment", p.ID.String(),
		"POST /api/v1/enrolments/:enrolmentID/withdraw", map[string]any{"cohortId": w.Cohort.String()})
	// A stale withdrawal fails and logs nothing.
	do(t, a, fac, http.MethodPost, "/enrolments/"+p.ID.String()+"/withdraw", nil, map[string]string{"If-Match": `"1"`}, http.StatusPreconditionFailed)
	if n := lines(t, a, "enrolment.created") + lines(t, a, "enrolment.withdrawn"); n != 2 {
		t.Errorf("%d enrolment lines, want 2", n)
	}
}

func TestExportingTheEvaluationReportIsLogged(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	do(t, a, w.Tokens["reviewer"], http.MethodGet, "/programmes/"+w.Programme.String()+"/evaluation-report/export/csv", nil, nil, http.StatusOK)
	l, d := only(t, a, "evaluation_report.exported")
	check(t, "evaluation_report.exported", l, d, ptr(w.Users["reviewer"]), nil, "programme", w.Programme.String(),
		"GET /api/v1/programmes/:programmeID/evaluation-report/export/:format", map[string]any{"format": "csv", "cohortId": nil})

	do(t, a, w.Tokens["facilitator"], http.MethodGet,
		"/programmes/"+w.Programme.String()+"/evaluation-report/export/xlsx?cohortId="+w.Cohort.String(), nil, nil, http.StatusOK)
	var got []logged
	a.DB.Raw(`SELECT actor_user_id, detail::text AS detail FROM audit_log WHERE action = 'evaluation_report.exported' ORDER BY id`).Scan(&got)
	if len(got) != 2 || *got[1].ActorUserID != w.Users["facilitator"] ||
		got[1].Detail != `{"format": "xlsx", "cohortId": "`+w.Cohort.String()+`"}` {
		t.Fatalf("export lines %+v", got)
	}
	// Refused, or not a format: no file, no line. Reading the report on screen is not an export.
	do(t, a, w.Tokens["participant"], http.MethodGet, "/programmes/"+w.Programme.String()+"/evaluation-report/export/pdf", nil, nil, http.StatusForbidden)
	do(t, a, w.Tokens["admin"], http.MethodGet, "/programmes/"+w.Programme.String()+"/evaluation-report/export/docx", nil, nil, http.StatusNotFound)
	do(t, a, w.Tokens["admin"], http.MethodGet, "/programmes/"+w.Programme.String()+"/evaluation-report", nil, nil, http.StatusOK)
	if n := lines(t, a, "evaluation_report.exported"); n != 2 {
		t.Fatalf("%d export lines, want 2", n)
	}
}

func TestAnAdminReadingAMailIsLoggedAboutItsRecipient(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, admin := w.App, w.Tokens["admin"]
	// A mail to someone with an account, and one to an address without.
	var toUser, toNobody int64
	a.DB.Raw(`INSERT INTO outbox (kind, to_address, subject, body_text) VALUES ('enrolment', 'participant@test.example', 'Ingeschreven', 'Tekst')
		RETURNING id`).Row().Scan(&toUser)
	a.DB.Raw(`INSERT INTO outbox (kind, to_address, subject, body_text) VALUES ('speaker-invitation', 'spreker@buren.example', 'Uitnodiging', 'Tekst')
		RETURNING id`).Row().Scan(&toNobody)

	do(t, a, admin, http.MethodGet, "/admin/outbox/"+itoa64(toUser), nil, nil, http.StatusOK)
	l, d := only(t, a, "outbox_mail.read")
	check(t, "outbox_mail.read", l, d, ptr(w.Users["admin"]), ptr(w.Users["participant"]), "outbox_mail", itoa64(toUser),
		"GET /api/v1/admin/outbox/:mailID", map[string]any{"kind": "enrolment"})

	do(t, a, admin, http.MethodGet, "/admin/outbox/"+itoa64(toNobody), nil, nil, http.StatusOK)
	var subject *uuid.UUID
	a.DB.Raw(`SELECT subject_user_id FROM audit_log WHERE action = 'outbox_mail.read' AND object_id = ?`, itoa64(toNobody)).Row().Scan(&subject)
	if subject != nil {
		t.Errorf("a mail to an address without an account is about %v", subject)
	}
	// The list shows no bodies and is not logged; a refused or missing mail neither.
	do(t, a, admin, http.MethodGet, "/admin/outbox", nil, nil, http.StatusOK)
	do(t, a, w.Tokens["facilitator"], http.MethodGet, "/admin/outbox/"+itoa64(toUser), nil, nil, http.StatusForbidden)
	do(t, a, admin, http.MethodGet, "/admin/outbox/999999", nil, nil, http.StatusNotFound)
	if n := lines(t, a, "outbox_mail.read"); n != 2 {
		t.Fatalf("%d read lines, want 2", n)
	}
}

func TestCreatingAnAccountIsLoggedWithItsAdminRights(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	var p struct {
		ID uuid.UUID `json:"id"`
	}
	do(t, a, w.Tokens["admin"], http.MethodPost, "/users", map[string]any{"name": "Nieuw Persoon", "email": "nieuw@test.example"},
		nil, http.StatusCreated).JSON(t, &p)
	l, d := only(t, a, "user.created")
	check(t, "user.created", l, d, ptr(w.Users["admin"]), &p.ID, "user", p.ID.String(), "POST /api/v1/users", map[string]any{"admin": false})

	// From the command line: a new admin, an existing person made admin, a new password for an admin. Nobody
	// is the actor.
	store := identity.NewStore(a.DB)
	ctx := context.Background()
	created, err := store.CreateAdmin(ctx, "Beheer@Test.example", "Nieuwe Beheerder", "hash")
	if err != nil {
		t.Fatal(err)
	}
	promoted, err := store.CreateAdmin(ctx, "participant@test.example", "participant", "hash")
	if err != nil || promoted != w.Users["participant"] {
		t.Fatal(promoted, err)
	}
	if again, err := store.CreateAdmin(ctx, "beheer@test.example", "Nieuwe Beheerder", "hash2"); err != nil || again != created {
		t.Fatal(again, err)
	}
	var got []struct {
		Action        string
		SubjectUserID uuid.UUID
		ActorUserID   *uuid.UUID
		Detail        string
	}
	a.DB.Raw(`SELECT action, subject_user_id, actor_user_id, detail::text AS detail FROM audit_log
		WHERE object_type = 'user' AND subject_user_id IN (?, ?) ORDER BY id`, created, promoted).Scan(&got)
	want := []struct {
		action  string
		subject uuid.UUID
		detail  string
	}{
		{"user.created", created, `{"admin": true}`},
		{"role.granted", promoted, `{"role": "admin"}`},
		{"user.updated", created, `{"fields": ["password"]}`},
	}
	if len(got) != len(want) {
		t.Fatalf("lines %+v", got)
	}
	for i, g := range got {
		if g.Action != want[i].action || g.SubjectUserID != want[i].subject || g.ActorUserID != nil || g.Detail != want[i].detail {
			t.Errorf("line %d: %+v, want %+v", i, g, want[i])
		}
	}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
