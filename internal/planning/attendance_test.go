package planning_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

type attSheet struct {
	Session struct {
		ID      uuid.UUID `json:"id"`
		Title   string    `json:"title"`
		Status  string    `json:"status"`
		Started bool      `json:"started"`
	} `json:"session"`
	Version int           `json:"version"`
	Records []sheetRecord `json:"records"`
}

type sheetRecord struct {
	UserID          uuid.UUID `json:"userId"`
	Name            string    `json:"name"`
	EnrolmentStatus string    `json:"enrolmentStatus"`
	Status          *string   `json:"status"`
	Version         *int      `json:"version"`
	RecordedAt      *string   `json:"recordedAt"`
	RecordedByName  *string   `json:"recordedByName"`
}

func (s attSheet) record(t *testing.T, name string) sheetRecord {
	t.Helper()
	for _, r := range s.Records {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("%s is not on the sheet: %+v", name, s.Records)
	return sheetRecord{}
}

func (s attSheet) names() []string {
	var out []string
	for _, r := range s.Records {
		out = append(out, r.Name)
	}
	return out
}

type attLine struct {
	UserID  string `json:"userId"`
	Status  string `json:"status"`
	Version *int   `json:"version,omitempty"`
}

func attendancePath(session uuid.UUID) string {
	return "/api/v1/sessions/" + session.String() + "/attendance"
}

func getSheet(t *testing.T, a *testapp.App, token string, session uuid.UUID) attSheet {
	t.Helper()
	r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: attendancePath(session), Token: token})
	if r.StatusCode != 200 {
		t.Fatalf("GET sheet: %d %s", r.StatusCode, r.Body)
	}
	return sheetOf(t, r)
}

// sheetOf decodes a sheet and checks that its ETag is the version in the body.
func sheetOf(t *testing.T, r *testapp.Response) attSheet {
	t.Helper()
	var s attSheet
	r.JSON(t, &s)
	if s.Version < 1 || r.Header.Get("ETag") != fmt.Sprintf(`"%d"`, s.Version) {
		t.Fatalf("version %d with ETag %q", s.Version, r.Header.Get("ETag"))
	}
	return s
}

// putSheet saves lines as a client that has just read the register: If-Match is its current version.
func putSheet(t *testing.T, a *testapp.App, token string, session uuid.UUID, lines ...attLine) *testapp.Response {
	t.Helper()
	return putSheetAt(t, a, token, session, fmt.Sprintf(`"%d"`, registerVersion(t, a, session)), lines...)
}

// putSheetAt saves lines with ifMatch as If-Match; "" sends none.
func putSheetAt(t *testing.T, a *testapp.App, token string, session uuid.UUID, ifMatch string, lines ...attLine) *testapp.Response {
	t.Helper()
	if lines == nil {
		lines = []attLine{}
	}
	req := testapp.Request{Method: http.MethodPut, Path: attendancePath(session), Token: token,
		Body: map[string]any{"records": lines}}
	if ifMatch != "" {
		req.Headers = map[string]string{"If-Match": ifMatch}
	}
	return a.Do(t, req)
}

func registerVersion(t *testing.T, a *testapp.App, session uuid.UUID) int {
	t.Helper()
	var v int
	if err := a.DB.Raw(`SELECT attendance_version FROM sessions WHERE id = ?`, session).Row().Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func countAttendance(t *testing.T, a *testapp.App, session uuid.UUID) int {
	t.Helper()
	var n int
	if err := a.DB.Raw(`SELECT count(*) FROM attendance WHERE session_id = ?`, session).Row().Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func attVersion(v int) *int { return &v }

// attendedSession is a session of the World's cohort that ended yesterday, after the withdrawn participant had left.
func attendedSession(t *testing.T, w *testapp.World) uuid.UUID {
	t.Helper()
	s := w.App.Session(t, w.Cohort, 1, "Informatieveiligheid", time.Now().Add(-26*time.Hour), 3*time.Hour)
	w.App.Exec(t, `UPDATE enrolments SET withdrawn_at = now() - interval '30 days' WHERE user_id = ?`, w.Users["withdrawn-participant"])
	return s
}

func TestAttendanceSheetIsForTheCohortsFacilitatorsAndAdmins(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	session := attendedSession(t, w)
	want := map[string]int{
		"facilitator": 200, "programme-facilitator": 200, "admin": 200,
		"participant": 403, "other-participant": 403, "withdrawn-participant": 403, "other-cohort-participant": 403,
		"other-cohort-facilitator": 403, "other-programme-facilitator": 403, "reviewer": 403, "anonymous": 401,
	}
	for role, status := range want {
		t.Run(role, func(t *testing.T) {
			r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: attendancePath(session), Token: w.Tokens[role]})
			if r.StatusCode != status {
				t.Fatalf("status %d, want %d: %s", r.StatusCode, status, r.Body)
			}
			if status != 200 {
				if strings.Contains(string(r.Body), "participant@test.example") || strings.Contains(string(r.Body), w.Users["participant"].String()) {
					t.Fatalf("refusal leaks a participant: %s", r.Body)
				}
				r.Problem(t)
				return
			}
			s := sheetOf(t, r)
			// By name; the participant who withdrew before the session is not on it.
			if got := strings.Join(s.names(), ","); got != "other-participant,participant" {
				t.Fatalf("sheet lists %s", got)
			}
			if rec := s.record(t, "participant"); rec.Status != nil || rec.Version != nil || rec.RecordedByName != nil {
				t.Fatalf("unrecorded line %+v", rec)
			}
			if s.Session.ID != session || !s.Session.Started || s.Session.Status != "scheduled" {
				t.Fatalf("session %+v", s.Session)
			}
		})
	}
}

func TestRecordingAttendanceIsForTheCohortsFacilitatorsAndAdmins(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	session := attendedSession(t, w)
	participant := w.Users["participant"].String()
	for _, role := range []string{"participant", "other-participant", "withdrawn-participant", "other-cohort-participant",
		"other-cohort-facilitator", "other-programme-facilitator", "reviewer", "anonymous"} {
		r := putSheet(t, w.App, w.Tokens[role], session, attLine{UserID: participant, Status: "present"})
		if want := map[bool]int{true: 401, false: 403}[role == "anonymous"]; r.StatusCode != want {
			t.Fatalf("%s: status %d, want %d", role, r.StatusCode, want)
		}
		r.Problem(t)
	}
	if n := countAttendance(t, w.App, session); n != 0 {
		t.Fatalf("refused requests saved %d records", n)
	}
	for i, role := range []string{"facilitator", "programme-facilitator", "admin"} {
		status := []string{"present", "absent", "excused"}[i]
		before := getSheet(t, w.App, w.Tokens[role], session).record(t, "participant")
		r := putSheet(t, w.App, w.Tokens[role], session, attLine{UserID: participant, Status: status, Version: before.Version})
		if r.StatusCode != 200 {
			t.Fatalf("%s: %d %s", role, r.StatusCode, r.Body)
		}
		s := sheetOf(t, r)
		rec := s.record(t, "participant")
		if rec.Status == nil || *rec.Status != status || *rec.Version != i+1 || *rec.RecordedByName != role || rec.RecordedAt == nil {
			t.Fatalf("%s: record %+v, want %s at version %d recorded by %s", role, rec, status, i+1, role)
		}
		if s.Version != i+2 {
			t.Fatalf("%s: register at version %d after %d saves, want %d", role, s.Version, i+1, i+2)
		}
	}
}

func TestTheWholeGroupIsSavedAtOnceAndOneBadLineSavesNothing(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	session := attendedSession(t, w)
	tok := w.Tokens["facilitator"]
	stranger := w.App.User(t, "stranger@test.example", "Stranger", false)

	r := putSheet(t, w.App, tok, session,
		attLine{UserID: w.Users["participant"].String(), Status: "present"},
		attLine{UserID: w.Users["other-participant"].String(), Status: "absent"},
		attLine{UserID: w.Users["withdrawn-participant"].String(), Status: "present"},
		attLine{UserID: stranger.String(), Status: "present"},
		attLine{UserID: w.Users["other-cohort-participant"].String(), Status: "excused"})
	if r.StatusCode != 422 {
		t.Fatalf("status %d, want 422: %s", r.StatusCode, r.Body)
	}
	p := r.Problem(t)
	var fields []string
	for _, e := range p.Errors {
		fields = append(fields, e.Field+":"+e.Code)
		if !strings.HasPrefix(e.Message, "Regel ") {
			t.Errorf("message %q does not name the line", e.Message)
		}
	}
	if got := strings.Join(fields, ","); got != "records[2].userId:not_enrolled,records[3].userId:not_enrolled,records[4].userId:not_enrolled" {
		t.Fatalf("errors %s", got)
	}
	if n := countAttendance(t, w.App, session); n != 0 {
		t.Fatalf("%d records saved, want none", n)
	}

	r = putSheet(t, w.App, tok, session,
		attLine{UserID: w.Users["participant"].String(), Status: "present"},
		attLine{UserID: w.Users["other-participant"].String(), Status: "absent"})
	if r.StatusCode != 200 {
		t.Fatalf("good sheet: %d %s", r.StatusCode, r.Body)
	}
	var s attSheet
	r.JSON(t, &s)
	if *s.record(t, "participant").Status != "present" || *s.record(t, "other-participant").Status != "absent" {
		t.Fatalf("sheet after save %+v", s.Records)
	}
}

func TestAStaleRecordRefusesTheSaveWithNothingChanged(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	session := attendedSession(t, w)
	participant, other := w.Users["participant"].String(), w.Users["other-participant"].String()

	// Both facilitators open the empty sheet; the admin saves first.
	if r := putSheet(t, w.App, w.Tokens["admin"], session, attLine{UserID: participant, Status: "excused"}); r.StatusCode != 200 {
		t.Fatalf("admin: %d %s", r.StatusCode, r.Body)
	}
	r := putSheet(t, w.App, w.Tokens["facilitator"], session,
		attLine{UserID: other, Status: "present"}, attLine{UserID: participant, Status: "present"})
	if r.StatusCode != 412 {
		t.Fatalf("a first record over someone else's: %d, want 412: %s", r.StatusCode, r.Body)
	}
	if p := r.Problem(t); !strings.Contains(p.Detail, "participant") || !strings.Contains(p.Detail, "niets opgeslagen") {
		t.Fatalf("problem %+v should name the participant and say nothing was saved", p)
	}
	s := getSheet(t, w.App, w.Tokens["facilitator"], session)
	if s.record(t, "other-participant").Status != nil || *s.record(t, "participant").Status != "excused" {
		t.Fatalf("after the refused save %+v", s.Records)
	}

	// An update based on version 1 after someone else made version 2.
	if r := putSheet(t, w.App, w.Tokens["admin"], session, attLine{UserID: participant, Status: "absent", Version: attVersion(1)}); r.StatusCode != 200 {
		t.Fatalf("admin update: %d %s", r.StatusCode, r.Body)
	}
	r = putSheet(t, w.App, w.Tokens["facilitator"], session,
		attLine{UserID: other, Status: "present"}, attLine{UserID: participant, Status: "present", Version: attVersion(1)})
	if r.StatusCode != 412 {
		t.Fatalf("stale version: %d, want 412: %s", r.StatusCode, r.Body)
	}
	r.Problem(t)
	s = getSheet(t, w.App, w.Tokens["facilitator"], session)
	if rec := s.record(t, "participant"); *rec.Status != "absent" || *rec.Version != 2 || s.record(t, "other-participant").Status != nil {
		t.Fatalf("after the stale save %+v", s.Records)
	}
	// A version for a line that has no record yet is stale too: the client's view is not the server's.
	r = putSheet(t, w.App, w.Tokens["facilitator"], session, attLine{UserID: other, Status: "present", Version: attVersion(1)})
	if r.StatusCode != 412 {
		t.Fatalf("version without record: %d, want 412", r.StatusCode)
	}
}

func TestAnUnchangedLineKeepsItsVersionAndRecorder(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	session := attendedSession(t, w)
	participant := w.Users["participant"].String()
	putSheet(t, w.App, w.Tokens["admin"], session, attLine{UserID: participant, Status: "present"})

	r := putSheet(t, w.App, w.Tokens["facilitator"], session, attLine{UserID: participant, Status: "present", Version: attVersion(1)})
	if r.StatusCode != 200 {
		t.Fatalf("%d %s", r.StatusCode, r.Body)
	}
	s := sheetOf(t, r)
	if rec := s.record(t, "participant"); *rec.Version != 1 || *rec.RecordedByName != "admin" {
		t.Fatalf("record %+v, want version 1 recorded by admin", rec)
	}
	// A save that changes nothing leaves the register's version alone: nobody else's open sheet turns stale.
	if s.Version != 2 || registerVersion(t, w.App, session) != 2 {
		t.Fatalf("register at version %d (stored %d) after one save and one without changes, want 2",
			s.Version, registerVersion(t, w.App, session))
	}
}

func TestACancelledSessionHasNoAttendance(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	session := attendedSession(t, w)
	w.App.Exec(t, `UPDATE sessions SET status = 'cancelled' WHERE id = ?`, session)

	r := putSheet(t, w.App, w.Tokens["facilitator"], session, attLine{UserID: w.Users["participant"].String(), Status: "present"})
	if r.StatusCode != 409 {
		t.Fatalf("status %d, want 409: %s", r.StatusCode, r.Body)
	}
	r.Problem(t)
	if v := registerVersion(t, w.App, session); v != 1 {
		t.Fatalf("a refused save moved the register to version %d", v)
	}
	if s := getSheet(t, w.App, w.Tokens["facilitator"], session); s.Session.Status != "cancelled" {
		t.Fatalf("sheet of a cancelled session: %+v", s.Session)
	}
}

func TestBeforeASessionStartsOnlyAnExcuseCanBeRecorded(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	session := w.App.Session(t, w.Cohort, 2, "Datagericht werken", time.Now().Add(72*time.Hour), 3*time.Hour)
	participant := w.Users["participant"].String()

	r := putSheet(t, w.App, w.Tokens["facilitator"], session,
		attLine{UserID: participant, Status: "present"}, attLine{UserID: w.Users["other-participant"].String(), Status: "absent"})
	if r.StatusCode != 422 {
		t.Fatalf("status %d, want 422", r.StatusCode)
	}
	if p := r.Problem(t); len(p.Errors) != 2 || p.Errors[0].Field != "records[0].status" || p.Errors[0].Code != "not_started" {
		t.Fatalf("errors %+v", p.Errors)
	}
	r = putSheet(t, w.App, w.Tokens["facilitator"], session, attLine{UserID: participant, Status: "excused"})
	if r.StatusCode != 200 {
		t.Fatalf("excuse ahead: %d %s", r.StatusCode, r.Body)
	}
	var s attSheet
	r.JSON(t, &s)
	if s.Session.Started || *s.record(t, "participant").Status != "excused" {
		t.Fatalf("sheet %+v", s)
	}
	// The withdrawn participant is still on the sheet of a future session only while enrolled: not here.
	if strings.Contains(strings.Join(s.names(), ","), "withdrawn") {
		t.Fatalf("withdrawn participant on a future sheet: %v", s.names())
	}
}

func TestUnreadableOrInvalidAttendanceIsRefusedWithTheRightProblem(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	session := attendedSession(t, w)
	tok := w.Tokens["facilitator"]
	participant := w.Users["participant"].String()
	cases := []struct {
		name        string
		path        string
		body        any
		contentType string
		status      int
		field       string
	}{
		{"not JSON", attendancePath(session), `{"records": [`, "", 400, ""},
		{"not a JSON content type", attendancePath(session), `{"records": []}`, "text/plain", 415, ""},
		{"no records", attendancePath(session), `{}`, "", 422, "records"},
		{"records not a list", attendancePath(session), `{"records": "all"}`, "", 422, "records"},
		{"unknown field", attendancePath(session), `{"records": [], "note": "x"}`, "", 422, "note"},
		{"unknown status", attendancePath(session), []attLine{{UserID: participant, Status: "late"}}, "", 422, "records[0].status"},
		{"no user", attendancePath(session), []attLine{{Status: "present"}}, "", 422, "records[0].userId"},
		{"user is no uuid", attendancePath(session), []attLine{{UserID: "nico", Status: "present"}}, "", 422, "records[0].userId"},
		{"version zero", attendancePath(session), []attLine{{UserID: participant, Status: "present", Version: attVersion(0)}}, "", 422, "records[0].version"},
		{"same participant twice", attendancePath(session), []attLine{{UserID: participant, Status: "present"}, {UserID: participant, Status: "absent"}}, "", 422, "records[1].userId"},
		{"unknown session", attendancePath(uuid.New()), []attLine{}, "", 404, ""},
		{"malformed session id", "/api/v1/sessions/1%20OR%201=1/attendance", []attLine{}, "", 404, ""},
		{"If-Match not a version", attendancePath(session), []attLine{{UserID: participant, Status: "present"}}, "", 400, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := tc.body
			if lines, ok := body.([]attLine); ok {
				body = map[string]any{"records": lines}
			}
			req := testapp.Request{Method: http.MethodPut, Path: tc.path, Token: tok, Body: body,
				Headers: map[string]string{"If-Match": `"1"`}}
			if tc.name == "If-Match not a version" {
				req.Headers["If-Match"] = `"drie"`
			}
			if tc.contentType != "" {
				req.Headers["Content-Type"] = tc.contentType
			}
			r := w.App.Do(t, req)
			if r.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", r.StatusCode, tc.status, r.Body)
			}
			p := r.Problem(t)
			if tc.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != tc.field) {
				t.Fatalf("errors %+v, want one on %s", p.Errors, tc.field)
			}
		})
	}
	if n, v := countAttendance(t, w.App, session), registerVersion(t, w.App, session); n != 0 || v != 1 {
		t.Fatalf("%d records saved, register at version %d", n, v)
	}
	for _, path := range []string{attendancePath(uuid.New()), "/api/v1/sessions/nope/attendance"} {
		if r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: path, Token: tok}); r.StatusCode != 404 {
			t.Fatalf("GET %s: %d, want 404", path, r.StatusCode)
		}
	}
}

// The fixture for the rates, computed by hand. Module 1 has S1 and S2, module 2 has S3 to S6.
//
//	        S1 (−30d)  S2 (−20d)  S3 (−10d)   S4 (−5d, cancelled)  S5 (running now)  S6 (+7d)
//	Anna    present    present    excused     present              —                 —
//	Bram    present    absent     present     —                    present           —
//	Carla   excused    —          present     —                    —                 excused
//	Dirk    absent     present    (withdrew at −15d)
//
// Held are S1, S2 and S3: S4 was cancelled, S5 has not ended, S6 lies ahead. Dirk does not count for S3.
//
//	Anna   held 3: present 2, excused 1              rate 2/3, without excused 2/2
//	Bram   held 3: present 2, absent 1               rate 2/3, without excused 2/3
//	Carla  held 3: present 1, excused 1, unrec. 1    rate 1/3, without excused 1/2
//	Dirk   held 2: present 1, absent 1               rate 1/2, without excused 1/2
//	module 1: held 8: present 4, excused 1, absent 2, unrecorded 1   rate 4/8, without excused 4/7, 4 people
//	module 2: held 3: present 2, excused 1                           rate 2/3, without excused 2/2, 3 people
//	cohort:  held 11: present 6, excused 2, absent 2, unrecorded 1   rate 6/11, without excused 6/9, 4 people
type rateFixture struct {
	a                          *testapp.App
	programme, cohort          uuid.UUID
	anna, bram, carla, dirk    uuid.UUID
	s1, s2, s3, s4, s5, s6     uuid.UUID
	facilitator, reviewer, adm string
}

func newRateFixture(t *testing.T) rateFixture {
	t.Helper()
	a := testapp.New(t)
	f := rateFixture{a: a}
	f.programme = a.Programme(t, "Leergang Digitaal Leiderschap")
	f.cohort = a.Cohort(t, f.programme, "2026–2027", "Context", "Netwerken")
	now := time.Now()
	day := 24 * time.Hour
	f.s1 = a.Session(t, f.cohort, 1, "S1", now.Add(-30*day), 3*time.Hour)
	f.s2 = a.Session(t, f.cohort, 1, "S2", now.Add(-20*day), 3*time.Hour)
	f.s3 = a.Session(t, f.cohort, 2, "S3", now.Add(-10*day), 3*time.Hour)
	f.s4 = a.Session(t, f.cohort, 2, "S4", now.Add(-5*day), 3*time.Hour)
	f.s5 = a.Session(t, f.cohort, 2, "S5", now.Add(-time.Hour), 3*time.Hour)
	f.s6 = a.Session(t, f.cohort, 2, "S6", now.Add(7*day), 3*time.Hour)
	people := map[string]*uuid.UUID{"Anna": &f.anna, "Bram": &f.bram, "Carla": &f.carla, "Dirk": &f.dirk}
	for name, id := range people {
		*id = a.User(t, strings.ToLower(name)+"@test.example", name, false)
		status := "active"
		if name == "Dirk" {
			status = "withdrawn"
		}
		a.Enrol(t, f.cohort, *id, status)
	}
	a.Exec(t, `UPDATE enrolments SET withdrawn_at = ? WHERE user_id = ?`, now.Add(-15*day), f.dirk)
	record := func(session, user uuid.UUID, status string) {
		a.Exec(t, `INSERT INTO attendance (session_id, user_id, cohort_id, status) VALUES (?, ?, ?, ?)`, session, user, f.cohort, status)
	}
	record(f.s1, f.anna, "present")
	record(f.s1, f.bram, "present")
	record(f.s1, f.carla, "excused")
	record(f.s1, f.dirk, "absent")
	record(f.s2, f.anna, "present")
	record(f.s2, f.bram, "absent")
	record(f.s2, f.dirk, "present")
	record(f.s3, f.anna, "excused")
	record(f.s3, f.bram, "present")
	record(f.s3, f.carla, "present")
	record(f.s4, f.anna, "present")
	record(f.s5, f.bram, "present")
	record(f.s6, f.carla, "excused")
	a.Exec(t, `UPDATE sessions SET status = 'cancelled' WHERE id = ?`, f.s4)

	facilitator := a.User(t, "begeleider@test.example", "Begeleider", false)
	a.Grant(t, facilitator, "facilitator", nil, &f.cohort)
	reviewer := a.User(t, "fonds@test.example", "Fonds", false)
	a.Grant(t, reviewer, "reviewer", &f.programme, nil)
	a.User(t, "beheer@test.example", "Beheer", true)
	f.facilitator, _ = a.Login(t, "begeleider@test.example")
	f.reviewer, _ = a.Login(t, "fonds@test.example")
	f.adm, _ = a.Login(t, "beheer@test.example")
	return f
}

type attTally struct {
	Held                 int      `json:"held"`
	Present              int      `json:"present"`
	Excused              int      `json:"excused"`
	Absent               int      `json:"absent"`
	Unrecorded           int      `json:"unrecorded"`
	Rate                 *float64 `json:"rate"`
	RateExcludingExcused *float64 `json:"rateExcludingExcused"`
}

// wantTally is a tally from its counts; the rates follow from them as documented: present/held and
// present/(held−excused).
func wantTally(held, present, excused, absent, unrecorded int, rate, withoutExcused [2]int) attTally {
	r := float64(rate[0]) / float64(rate[1])
	x := float64(withoutExcused[0]) / float64(withoutExcused[1])
	return attTally{held, present, excused, absent, unrecorded, &r, &x}
}

func (t attTally) String() string {
	f := func(p *float64) string {
		if p == nil {
			return "null"
		}
		return fmt.Sprintf("%.4f", *p)
	}
	return fmt.Sprintf("held %d: present %d, excused %d, absent %d, unrecorded %d; rate %s, without excused %s",
		t.Held, t.Present, t.Excused, t.Absent, t.Unrecorded, f(t.Rate), f(t.RateExcludingExcused))
}

type attRates struct {
	SessionsHeld     int       `json:"sessionsHeld"`
	ParticipantCount int       `json:"participantCount"`
	Cohort           *attTally `json:"cohort"`
	Modules          []struct {
		Title            string    `json:"title"`
		SessionsHeld     int       `json:"sessionsHeld"`
		ParticipantCount int       `json:"participantCount"`
		Tally            *attTally `json:"tally"`
	} `json:"modules"`
	Participants *[]struct {
		UserID          uuid.UUID `json:"userId"`
		Name            string    `json:"name"`
		EnrolmentStatus string    `json:"enrolmentStatus"`
		Tally           attTally  `json:"tally"`
	} `json:"participants"`
	Sessions *[]struct {
		Title      string `json:"title"`
		Held       bool   `json:"held"`
		Expected   int    `json:"expected"`
		Present    int    `json:"present"`
		Excused    int    `json:"excused"`
		Unrecorded int    `json:"unrecorded"`
	} `json:"sessions"`
	MinimumGroupSize *int `json:"minimumGroupSize"`
}

func getAttendanceRates(t *testing.T, a *testapp.App, token string, cohort uuid.UUID) (attRates, string) {
	t.Helper()
	r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/cohorts/" + cohort.String() + "/attendance", Token: token})
	if r.StatusCode != 200 {
		t.Fatalf("rates: %d %s", r.StatusCode, r.Body)
	}
	var out attRates
	r.JSON(t, &out)
	return out, string(r.Body)
}

func sameTally(t *testing.T, what string, got *attTally, want attTally) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: withheld, want %s", what, want)
		return
	}
	if got.String() != want.String() {
		t.Errorf("%s:\n got %s\nwant %s", what, got, want)
	}
}

func TestAttendanceRatesMatchTheHandComputedFixture(t *testing.T) {
	t.Parallel()
	f := newRateFixture(t)
	for _, tok := range []string{f.facilitator, f.adm} {
		r, _ := getAttendanceRates(t, f.a, tok, f.cohort)
		if r.SessionsHeld != 3 || r.ParticipantCount != 4 || r.MinimumGroupSize != nil {
			t.Fatalf("sessions held %d, participants %d, k %v", r.SessionsHeld, r.ParticipantCount, r.MinimumGroupSize)
		}
		sameTally(t, "cohort", r.Cohort, wantTally(11, 6, 2, 2, 1, [2]int{6, 11}, [2]int{6, 9}))
		if len(r.Modules) != 2 || r.Modules[0].Title != "Context" || r.Modules[0].SessionsHeld != 2 || r.Modules[1].SessionsHeld != 1 ||
			r.Modules[0].ParticipantCount != 4 || r.Modules[1].ParticipantCount != 3 {
			t.Fatalf("modules %+v", r.Modules)
		}
		sameTally(t, "module 1", r.Modules[0].Tally, wantTally(8, 4, 1, 2, 1, [2]int{4, 8}, [2]int{4, 7}))
		sameTally(t, "module 2", r.Modules[1].Tally, wantTally(3, 2, 1, 0, 0, [2]int{2, 3}, [2]int{2, 2}))

		wantPeople := map[string]attTally{
			"Anna":  wantTally(3, 2, 1, 0, 0, [2]int{2, 3}, [2]int{2, 2}),
			"Bram":  wantTally(3, 2, 0, 1, 0, [2]int{2, 3}, [2]int{2, 3}),
			"Carla": wantTally(3, 1, 1, 0, 1, [2]int{1, 3}, [2]int{1, 2}),
			"Dirk":  wantTally(2, 1, 0, 1, 0, [2]int{1, 2}, [2]int{1, 2}),
		}
		if r.Participants == nil || len(*r.Participants) != 4 {
			t.Fatalf("participants %+v", r.Participants)
		}
		var names []string
		for _, p := range *r.Participants {
			names = append(names, p.Name+"/"+p.EnrolmentStatus)
			sameTally(t, p.Name, &p.Tally, wantPeople[p.Name])
		}
		if got := strings.Join(names, ","); got != "Anna/active,Bram/active,Carla/active,Dirk/withdrawn" {
			t.Fatalf("participants by name: %s", got)
		}

		// Per session: everything on the sheet, held or not, so that the facilitator sees what is left to record.
		if r.Sessions == nil || len(*r.Sessions) != 6 {
			t.Fatalf("sessions %+v", r.Sessions)
		}
		var sessions []string
		for _, s := range *r.Sessions {
			sessions = append(sessions, fmt.Sprintf("%s held=%v on sheet %d: present %d excused %d unrecorded %d",
				s.Title, s.Held, s.Expected, s.Present, s.Excused, s.Unrecorded))
		}
		wantSessions := []string{
			"S1 held=true on sheet 4: present 2 excused 1 unrecorded 0",
			"S2 held=true on sheet 4: present 2 excused 0 unrecorded 1",
			"S3 held=true on sheet 3: present 2 excused 1 unrecorded 0",
			"S4 held=false on sheet 3: present 1 excused 0 unrecorded 2",
			"S5 held=false on sheet 3: present 1 excused 0 unrecorded 2",
			"S6 held=false on sheet 3: present 0 excused 1 unrecorded 2",
		}
		if strings.Join(sessions, "\n") != strings.Join(wantSessions, "\n") {
			t.Fatalf("sessions:\n%s\nwant\n%s", strings.Join(sessions, "\n"), strings.Join(wantSessions, "\n"))
		}
	}
}

func TestReviewersSeeGroupRatesWithoutNamesAndNothingBehindFewerThanK(t *testing.T) {
	t.Parallel()
	f := newRateFixture(t)
	// k = 4: the cohort (4 people) and module 1 (4) are shown; module 2 (3 people) is withheld.
	f.a.Exec(t, `UPDATE programmes SET k_anonymity = 4 WHERE id = ?`, f.programme)
	r, body := getAttendanceRates(t, f.a, f.reviewer, f.cohort)
	if r.Participants != nil || r.Sessions != nil || r.MinimumGroupSize == nil || *r.MinimumGroupSize != 4 {
		t.Fatalf("reviewer gets participants %v, sessions %v, k %v", r.Participants, r.Sessions, r.MinimumGroupSize)
	}
	for _, secret := range []string{"Anna", "Bram", "Carla", "Dirk", "userId", f.anna.String(), f.dirk.String(), "S1", "S3"} {
		if strings.Contains(body, secret) {
			t.Fatalf("the reviewer's answer contains %q: %s", secret, body)
		}
	}
	sameTally(t, "cohort", r.Cohort, wantTally(11, 6, 2, 2, 1, [2]int{6, 11}, [2]int{6, 9}))
	sameTally(t, "module 1", r.Modules[0].Tally, wantTally(8, 4, 1, 2, 1, [2]int{4, 8}, [2]int{4, 7}))
	if r.Modules[1].Tally != nil {
		t.Fatalf("module 2 has 3 participants, below k = 4, yet shows %s", r.Modules[1].Tally)
	}

	// With the default k = 5 a cohort of four shows no figures at all.
	f.a.Exec(t, `UPDATE programmes SET k_anonymity = 5 WHERE id = ?`, f.programme)
	r, _ = getAttendanceRates(t, f.a, f.reviewer, f.cohort)
	if r.Cohort != nil || r.Modules[0].Tally != nil || r.Modules[1].Tally != nil {
		t.Fatalf("below k the reviewer still sees %+v", r)
	}
}

func TestCohortAttendanceRatesPerRole(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	attendedSession(t, w)
	path := "/api/v1/cohorts/" + w.Cohort.String() + "/attendance"
	want := map[string]int{
		"facilitator": 200, "programme-facilitator": 200, "admin": 200, "reviewer": 200,
		"participant": 403, "other-participant": 403, "withdrawn-participant": 403, "other-cohort-participant": 403,
		"other-cohort-facilitator": 403, "other-programme-facilitator": 403, "anonymous": 401,
	}
	for role, status := range want {
		t.Run(role, func(t *testing.T) {
			r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: path, Token: w.Tokens[role]})
			if r.StatusCode != status {
				t.Fatalf("status %d, want %d: %s", r.StatusCode, status, r.Body)
			}
			if status != 200 {
				r.Problem(t)
				return
			}
			var rates attRates
			r.JSON(t, &rates)
			named := strings.Contains(string(r.Body), `"name":"participant"`)
			if role == "reviewer" {
				if named || rates.Participants != nil || strings.Contains(string(r.Body), w.Users["participant"].String()) {
					t.Fatalf("the reviewer sees people: %s", r.Body)
				}
				return
			}
			if !named || rates.Participants == nil || len(*rates.Participants) != 3 {
				t.Fatalf("%s should see every participant: %s", role, r.Body)
			}
		})
	}
	for _, id := range []string{uuid.NewString(), "nope"} {
		if r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/cohorts/" + id + "/attendance", Token: w.Tokens["admin"]}); r.StatusCode != 404 {
			t.Fatalf("cohort %s: %d, want 404", id, r.StatusCode)
		}
	}
}

type attMine struct {
	Cohorts []struct {
		CohortID        uuid.UUID `json:"cohortId"`
		EnrolmentStatus string    `json:"enrolmentStatus"`
		Tally           attTally  `json:"tally"`
		Sessions        []struct {
			Title  string  `json:"title"`
			Held   bool    `json:"held"`
			Status *string `json:"status"`
		} `json:"sessions"`
	} `json:"cohorts"`
}

func getMyAttendance(t *testing.T, a *testapp.App, token string) (attMine, string) {
	t.Helper()
	r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/me/attendance", Token: token})
	if r.StatusCode != 200 {
		t.Fatalf("me/attendance: %d %s", r.StatusCode, r.Body)
	}
	var out attMine
	r.JSON(t, &out)
	return out, string(r.Body)
}

func TestAParticipantSeesOnlyTheirOwnAttendance(t *testing.T) {
	t.Parallel()
	f := newRateFixture(t)
	summary := func(m attMine) string {
		var out []string
		for _, s := range m.Cohorts[0].Sessions {
			st := "—"
			if s.Status != nil {
				st = *s.Status
			}
			out = append(out, fmt.Sprintf("%s:%s:%v", s.Title, st, s.Held))
		}
		return strings.Join(out, " ")
	}
	cases := []struct {
		email, sessions string
		tally           attTally
	}{
		// Anna's record on the cancelled S4 shows, but does not count.
		{"anna@test.example", "S1:present:true S2:present:true S3:excused:true S4:present:false", wantTally(3, 2, 1, 0, 0, [2]int{2, 3}, [2]int{2, 2})},
		// Carla's excuse for S6 shows ahead of the session.
		{"carla@test.example", "S1:excused:true S2:—:true S3:present:true S6:excused:false", wantTally(3, 1, 1, 0, 1, [2]int{1, 3}, [2]int{1, 2})},
		// Dirk left before S3: only what he was there for.
		{"dirk@test.example", "S1:absent:true S2:present:true", wantTally(2, 1, 0, 1, 0, [2]int{1, 2}, [2]int{1, 2})},
	}
	for _, tc := range cases {
		tok, _ := f.a.Login(t, tc.email)
		mine, body := getMyAttendance(t, f.a, tok)
		if len(mine.Cohorts) != 1 || mine.Cohorts[0].CohortID != f.cohort {
			t.Fatalf("%s: cohorts %+v", tc.email, mine.Cohorts)
		}
		if got := summary(mine); got != tc.sessions {
			t.Errorf("%s: sessions %s, want %s", tc.email, got, tc.sessions)
		}
		sameTally(t, tc.email, &mine.Cohorts[0].Tally, tc.tally)
		for _, other := range []uuid.UUID{f.anna, f.bram, f.carla, f.dirk} {
			if strings.Contains(body, other.String()) {
				t.Errorf("%s's answer names a user id: %s", tc.email, body)
			}
		}
	}

	// Someone who never took part has an empty list; anonymous callers are refused.
	if mine, _ := getMyAttendance(t, f.a, f.facilitator); len(mine.Cohorts) != 0 {
		t.Fatalf("facilitator: %+v", mine)
	}
	if r := f.a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/me/attendance"}); r.StatusCode != 401 {
		t.Fatalf("anonymous: %d", r.StatusCode)
	}
}

func TestFacilitatorsSavingAtTheSameMomentNeverOverwriteEachOther(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	session := attendedSession(t, w)
	participant, other := w.Users["participant"].String(), w.Users["other-participant"].String()
	save := func(token string, ifMatch int, line attLine) int {
		body, _ := json.Marshal(map[string]any{"records": []attLine{line}})
		req, _ := http.NewRequest(http.MethodPut, w.App.URL+attendancePath(session), bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("If-Match", fmt.Sprintf(`"%d"`, ifMatch))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	// race sends six saves at once, all based on register version ifMatch; line(i) is the i-th one's line.
	race := func(ifMatch int, line func(i int) attLine) map[int]int {
		roles := []string{"facilitator", "programme-facilitator", "admin"}
		answers := make(chan int, len(roles)*2)
		for i := 0; i < 2; i++ {
			for j, role := range roles {
				go func() { answers <- save(w.Tokens[role], ifMatch, line(i*len(roles)+j)) }()
			}
		}
		got := map[int]int{}
		for range len(roles) * 2 {
			got[<-answers]++
		}
		return got
	}
	statuses := []string{"present", "absent", "excused"}
	// Six first records of the same participant at once: one wins, the others learn that someone else was first.
	if got := race(1, func(i int) attLine { return attLine{UserID: participant, Status: statuses[i%3]} }); got[200] != 1 || got[412] != 5 {
		t.Fatalf("first records: %v, want one 200 and five 412", got)
	}
	// Six changes of version 1 at once, each to another status than the recorded one: again exactly one wins.
	// (Asking for the status that is already recorded is no change, and succeeds.)
	current := *getSheet(t, w.App, w.Tokens["admin"], session).record(t, "participant").Status
	var others []string
	for _, s := range statuses {
		if s != current {
			others = append(others, s)
		}
	}
	change := func(i int) attLine {
		return attLine{UserID: participant, Status: others[i%len(others)], Version: attVersion(1)}
	}
	if got := race(2, change); got[200] != 1 || got[412] != 5 {
		t.Fatalf("updates: %v, want one 200 and five 412", got)
	}
	// Saves of different participants on the same register version: the lines do not collide, the registers do.
	// Exactly one is saved; the others were based on a register that no longer is, and must look again.
	split := func(i int) attLine {
		if i%2 == 0 {
			return attLine{UserID: other, Status: statuses[i%3]}
		}
		return attLine{UserID: participant, Status: current, Version: attVersion(2)}
	}
	if got := race(3, split); got[200] != 1 || got[412] != 5 {
		t.Fatalf("saves of different lines on one register version: %v, want one 200 and five 412", got)
	}
	s := getSheet(t, w.App, w.Tokens["admin"], session)
	// One first record, one change, one save of either line: the register moved three times.
	if s.Version != 4 {
		t.Fatalf("register at version %d, want 4", s.Version)
	}
	rec, oth := s.record(t, "participant"), s.record(t, "other-participant")
	if (*rec.Version == 3) == (oth.Status != nil) || *rec.Version < 2 {
		t.Fatalf("records %+v and %+v: want exactly one of the last race's lines saved", rec, oth)
	}
}

func TestTheRegisterVersionGuardsEverySave(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	session := attendedSession(t, w)
	tok := w.Tokens["facilitator"]
	participant, other := w.Users["participant"].String(), w.Users["other-participant"].String()

	if s := getSheet(t, w.App, tok, session); s.Version != 1 {
		t.Fatalf("a register nobody saved is at version %d, want 1", s.Version)
	}
	// Without If-Match: 428, as every other update.
	r := putSheetAt(t, w.App, tok, session, "", attLine{UserID: participant, Status: "present"})
	if r.StatusCode != 428 {
		t.Fatalf("no If-Match: %d, want 428: %s", r.StatusCode, r.Body)
	}
	r.Problem(t)
	if n := countAttendance(t, w.App, session); n != 0 {
		t.Fatalf("a save without If-Match saved %d records", n)
	}

	r = putSheetAt(t, w.App, tok, session, `"1"`, attLine{UserID: participant, Status: "present"})
	if r.StatusCode != 200 {
		t.Fatalf("save on version 1: %d %s", r.StatusCode, r.Body)
	}
	if s := sheetOf(t, r); s.Version != 2 || *s.record(t, "participant").Status != "present" {
		t.Fatalf("after the save: version %d, records %+v", s.Version, s.Records)
	}

	// Someone who read version 1 saves another participant's line: refused, though the lines do not overlap.
	r = putSheetAt(t, w.App, w.Tokens["admin"], session, `"1"`, attLine{UserID: other, Status: "absent"})
	if r.StatusCode != 412 {
		t.Fatalf("save on stale version 1: %d, want 412: %s", r.StatusCode, r.Body)
	}
	if p := r.Problem(t); p.Title != "Iemand anders heeft dit intussen gewijzigd" || !strings.Contains(p.Detail, "niets opgeslagen") {
		t.Fatalf("problem %+v", p)
	}
	s := getSheet(t, w.App, tok, session)
	if s.Version != 2 || s.record(t, "other-participant").Status != nil || *s.record(t, "participant").Version != 1 {
		t.Fatalf("the stale save changed something: version %d, records %+v", s.Version, s.Records)
	}
	// A newer version than there is is no better: it is not what the client read.
	if r := putSheetAt(t, w.App, tok, session, `"7"`, attLine{UserID: other, Status: "absent"}); r.StatusCode != 412 {
		t.Fatalf("save on version 7: %d, want 412", r.StatusCode)
	}
	// A bad line rolls the whole save back, version included.
	stranger := w.App.User(t, "stranger@test.example", "Stranger", false)
	r = putSheetAt(t, w.App, tok, session, `"2"`, attLine{UserID: other, Status: "absent"}, attLine{UserID: stranger.String(), Status: "present"})
	if r.StatusCode != 422 {
		t.Fatalf("save with a stranger: %d, want 422", r.StatusCode)
	}
	// Read again, saved on the current version: the new version comes back in the body and as ETag.
	r = putSheetAt(t, w.App, w.Tokens["admin"], session, `W/"2"`, attLine{UserID: other, Status: "absent"})
	if r.StatusCode != 200 {
		t.Fatalf("save on version 2: %d %s", r.StatusCode, r.Body)
	}
	if s := sheetOf(t, r); s.Version != 3 || *s.record(t, "other-participant").Status != "absent" {
		t.Fatalf("after the second save: version %d, records %+v", s.Version, s.Records)
	}
	if v := registerVersion(t, w.App, session); v != 3 {
		t.Fatalf("stored register version %d, want 3", v)
	}
}
