package planning_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

// Helpers for the session, speaker and booking tests.

var amsterdamTZ = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err)
	}
	return loc
}()

type sessJSON struct {
	ID             uuid.UUID `json:"id"`
	CohortID       uuid.UUID `json:"cohortId"`
	ModuleID       uuid.UUID `json:"moduleId"`
	ModulePosition int       `json:"modulePosition"`
	Title          string    `json:"title"`
	StartsAt       time.Time `json:"startsAt"`
	EndsAt         time.Time `json:"endsAt"`
	Date           string    `json:"date"`
	StartTime      string    `json:"startTime"`
	EndDate        string    `json:"endDate"`
	EndTime        string    `json:"endTime"`
	Venue          string    `json:"venue"`
	OnlineURL      *string   `json:"onlineUrl"`
	Topics         []string  `json:"topics"`
	Status         string    `json:"status"`
	Version        int       `json:"version"`
	Facilitators   []struct {
		ID   uuid.UUID `json:"id"`
		Name string    `json:"name"`
	} `json:"facilitators"`
	Speakers []map[string]any `json:"speakers"`
	Bookings *[]struct {
		ID          uuid.UUID `json:"id"`
		SpeakerID   uuid.UUID `json:"speakerId"`
		SpeakerName string    `json:"speakerName"`
		Status      string    `json:"status"`
		Version     int       `json:"version"`
	} `json:"bookings"`
	Warnings *[]sessWarning `json:"warnings"`
}

type sessWarning struct {
	Kind      string     `json:"kind"`
	Message   string     `json:"message"`
	SessionID *uuid.UUID `json:"sessionId"`
}

func (s sessJSON) warningKinds() []string {
	var out []string
	if s.Warnings != nil {
		for _, w := range *s.Warnings {
			out = append(out, w.Kind)
		}
	}
	return out
}

// sessWorld is the shared World with the cohort running from a month ago to three years ahead, so that sessions
// planned relative to today fall inside its dates whenever the tests run.
func sessWorld(t *testing.T) *testapp.World {
	t.Helper()
	w := testapp.NewWorld(t)
	w.App.Exec(t, `UPDATE cohorts SET starts_on = current_date - 30, ends_on = current_date + 1095 WHERE id = ?`, w.Cohort)
	return w
}

// sessDay is the Amsterdam date daysAhead days from today.
func sessDay(daysAhead int) string {
	return time.Now().In(amsterdamTZ).AddDate(0, 0, daysAhead).Format(time.DateOnly)
}

func sessModule(t *testing.T, a *testapp.App, cohort uuid.UUID, position int) uuid.UUID {
	t.Helper()
	var id uuid.UUID
	if err := a.DB.Raw(`SELECT id FROM modules WHERE cohort_id = ? AND position = ?`, cohort, position).Row().Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// sessBody is a valid new session in the World's first module, daysAhead days from today, 13:30–17:00.
func sessBody(t *testing.T, w *testapp.World, daysAhead int, overrides map[string]any) map[string]any {
	t.Helper()
	body := map[string]any{
		"moduleId": sessModule(t, w.App, w.Cohort, 1).String(), "title": "Informatieveiligheid als gezamenlijke opgave",
		"date": sessDay(daysAhead), "startTime": "13:30", "endTime": "17:00", "venue": "VNG, Nassaulaan 12, Den Haag",
		"onlineUrl": nil, "agenda": "13:30 Inloop\n14:00 Inleiding", "topics": []string{"Informatieveiligheid"},
		"facilitatorIds": []string{w.Users["facilitator"].String()},
	}
	for k, v := range overrides {
		if v == nil {
			delete(body, k)
		} else {
			body[k] = v
		}
	}
	return body
}

func sessPath(id uuid.UUID) string { return "/api/v1/sessions/" + id.String() }

func cohortSessionsPath(cohort uuid.UUID) string {
	return "/api/v1/cohorts/" + cohort.String() + "/sessions"
}

func createSess(t *testing.T, w *testapp.World, role string, body map[string]any) sessJSON {
	t.Helper()
	r := w.App.Do(t, testapp.Request{Method: http.MethodPost, Path: cohortSessionsPath(w.Cohort), Token: w.Tokens[role], Body: body})
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("create session as %s: %d %s", role, r.StatusCode, r.Body)
	}
	var s sessJSON
	r.JSON(t, &s)
	if r.Header.Get("ETag") != fmt.Sprintf(`"%d"`, s.Version) {
		t.Fatalf("ETag %q, version %d", r.Header.Get("ETag"), s.Version)
	}
	return s
}

func patchSess(t *testing.T, w *testapp.World, role string, id uuid.UUID, version int, body any) *testapp.Response {
	t.Helper()
	return w.App.Do(t, testapp.Request{Method: http.MethodPatch, Path: sessPath(id), Token: w.Tokens[role], Body: body,
		Headers: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, version)}})
}

func cancelSess(t *testing.T, w *testapp.World, role string, id uuid.UUID, version int) *testapp.Response {
	t.Helper()
	return w.App.Do(t, testapp.Request{Method: http.MethodPost, Path: sessPath(id) + "/cancel", Token: w.Tokens[role],
		Headers: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, version)}})
}

func sessVersion(t *testing.T, a *testapp.App, id uuid.UUID) int {
	t.Helper()
	var v int
	if err := a.DB.Raw(`SELECT version FROM sessions WHERE id = ?`, id).Row().Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// sessSpeaker adds a speaker to the World's programme directory (programme nil: the shared one).
func sessSpeaker(t *testing.T, a *testapp.App, programme *uuid.UUID, name string, email *string) uuid.UUID {
	t.Helper()
	var id uuid.UUID
	err := a.DB.Raw(`INSERT INTO speakers (programme_id, name, role_title, organisation, bio, topics, email, phone)
		VALUES (?, ?, 'Voormalig gemeentesecretaris', 'Gemeente Buren', 'Over de hack.', '{Informatieveiligheid}', ?, '+31 6 1234 5678')
		RETURNING id`, programme, name, email).Row().Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func strp(s string) *string { return &s }

// sessBook inserts a booking directly (for setting the scene; the API way is tested in bookings_api_test.go).
func sessBook(t *testing.T, a *testapp.App, session, speaker uuid.UUID, status string) uuid.UUID {
	t.Helper()
	responded := "NULL"
	if status == "confirmed" || status == "declined" {
		responded = "now()"
	}
	var id uuid.UUID
	err := a.DB.Raw(`INSERT INTO speaker_bookings (session_id, speaker_id, status, responded_at, token_jti)
		VALUES (?, ?, ?, `+responded+`, gen_random_uuid()) RETURNING id`, session, speaker, status).Row().Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

type sessMail struct {
	Kind, To, Subject, BodyText string
}

// sessMails lists the outbox, oldest first, optionally of one kind.
func sessMails(t *testing.T, a *testapp.App, kind string) []sessMail {
	t.Helper()
	var out []sessMail
	err := a.DB.Raw(`SELECT kind, to_address AS "to", subject, body_text FROM outbox
		WHERE ? = '' OR kind = ? ORDER BY id`, kind, kind).Scan(&out).Error
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sessRecipients(mails []sessMail) []string {
	var out []string
	for _, m := range mails {
		out = append(out, m.To)
	}
	return out
}

// sessProblem asserts a problem+json status and returns it.
func sessProblem(t *testing.T, r *testapp.Response, status int) testapp.Problem {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: %d, want %d: %s", r.Request.Method, r.Request.URL.Path, r.StatusCode, status, r.Body)
	}
	return r.Problem(t)
}

func sessFields(p testapp.Problem) []string {
	var out []string
	for _, e := range p.Errors {
		out = append(out, e.Field+":"+e.Code)
	}
	return out
}

// sessHasNoKey reports whether a JSON body mentions none of the keys anywhere.
func sessHasNoKey(t *testing.T, body []byte, keys ...string) {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, child := range x {
				for _, bad := range keys {
					if k == bad {
						t.Errorf("body has %q: %s", k, strings.TrimSpace(string(body)))
					}
				}
				walk(child)
			}
		case []any:
			for _, child := range x {
				walk(child)
			}
		}
	}
	walk(v)
}
