package httpapi_test

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/pb33f/libopenapi"

	"github.com/vgs/leergang/api"
	"github.com/vgs/leergang/internal/testapp"
)

// keyed is a POST with an Idempotency-Key.
func keyed(token, path, key string, body any) testapp.Request {
	return testapp.Request{Method: http.MethodPost, Path: "/api/v1" + path, Token: token, Body: body,
		Headers: map[string]string{"Idempotency-Key": key}}
}

func countRows(t *testing.T, a *testapp.App, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := a.DB.Raw(sql, args...).Row().Scan(&n); err != nil {
		t.Fatalf("count: %v\n%s", err, sql)
	}
	return n
}

func wantStatus(t *testing.T, r *testapp.Response, status int) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d: %s", r.Request.Method, r.Request.URL.Path, r.StatusCode, status, r.Body)
	}
}

func replayed(r *testapp.Response) bool { return r.Header.Get("Idempotent-Replayed") == "true" }

// A retry with the same key gets the first answer again (status, body, Location, ETag) and creates nothing; the
// same key for another request is refused; neither touches what the first one made.
func TestARetryWithTheSameKeyGetsTheFirstAnswerAndCreatesOnce(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	me := w.Users["participant"]
	path := "/cohorts/" + w.Cohort.String() + "/reflections"
	body := map[string]any{"title": "Na de sessie", "bodyMarkdown": "Wat ik **meeneem**.", "visibility": "facilitators"}
	key := uuid.NewString()

	first := a.Do(t, keyed(w.Tokens["participant"], path, key, body))
	wantStatus(t, first, http.StatusCreated)
	if replayed(first) || first.Header.Get("Location") == "" || first.Header.Get("ETag") == "" {
		t.Fatalf("first answer: replayed %v, Location %q, ETag %q", replayed(first), first.Header.Get("Location"), first.Header.Get("ETag"))
	}
	for range 2 {
		again := a.Do(t, keyed(w.Tokens["participant"], path, key, body))
		wantStatus(t, again, http.StatusCreated)
		if !replayed(again) || string(again.Body) != string(first.Body) {
			t.Fatalf("retry: replayed %v, body %s, want %s", replayed(again), again.Body, first.Body)
		}
		for _, h := range []string{"Location", "ETag", "Content-Type"} {
			if again.Header.Get(h) != first.Header.Get(h) {
				t.Errorf("retry: %s %q, want %q", h, again.Header.Get(h), first.Header.Get(h))
			}
		}
		if again.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("retry: Cache-Control %q", again.Header.Get("Cache-Control"))
		}
	}
	if n := countRows(t, a, `SELECT count(*) FROM reflections WHERE author_id = ?`, me); n != 1 {
		t.Fatalf("%d reflections, want 1", n)
	}

	// The same key for another request: 422, and nothing is made.
	other := map[string]any{"bodyMarkdown": "Iets heel anders.", "visibility": "private"}
	r := a.Do(t, keyed(w.Tokens["participant"], path, key, other))
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if p := r.Problem(t); p.Title != "Idempotency-Key al gebruikt voor een ander verzoek" {
		t.Fatalf("problem %+v", p)
	}
	// Another path with the same body is another request too.
	r = a.Do(t, keyed(w.Tokens["participant"], "/cohorts/"+w.OtherCohort.String()+"/reflections", key, body))
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if n := countRows(t, a, `SELECT count(*) FROM reflections WHERE author_id = ?`, me); n != 1 {
		t.Fatalf("%d reflections after a reused key, want 1", n)
	}

	// A first request that never finished (its process died after the commit, perhaps) is not run again, however
	// old: the retry is told to wait.
	a.Exec(t, `UPDATE idempotency_keys SET status = NULL, created_at = now() - interval '23 hours' WHERE key = ?`, key)
	r = a.Do(t, keyed(w.Tokens["participant"], path, key, body))
	wantStatus(t, r, http.StatusConflict)
	if p := r.Problem(t); p.Title != "Een eerder verzoek met deze sleutel wordt nog verwerkt" || r.Header.Get("Retry-After") != "1" {
		t.Fatalf("in progress: %+v, Retry-After %q", p, r.Header.Get("Retry-After"))
	}
	// Done, but the answer was not kept (too large, or cleared by an erasure): done is done, without a Retry-After.
	a.Exec(t, `UPDATE idempotency_keys SET status = 201, body = NULL WHERE key = ?`, key)
	r = a.Do(t, keyed(w.Tokens["participant"], path, key, body))
	wantStatus(t, r, http.StatusConflict)
	if p := r.Problem(t); p.Title != "Dit verzoek is al uitgevoerd" || r.Header.Get("Retry-After") != "" {
		t.Fatalf("done without answer: %+v, Retry-After %q", p, r.Header.Get("Retry-After"))
	}
	if n := countRows(t, a, `SELECT count(*) FROM reflections WHERE author_id = ?`, me); n != 1 {
		t.Fatalf("%d reflections, want 1", n)
	}
}

// Keys belong to the person: another person's request with the same key and body runs on its own.
func TestIdempotencyKeysArePerPerson(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	path := "/cohorts/" + w.Cohort.String() + "/reflections"
	body := map[string]any{"bodyMarkdown": "Zelfde tekst.", "visibility": "private"}
	key := "gedeelde-sleutel-123"
	for _, role := range []string{"participant", "other-participant"} {
		r := a.Do(t, keyed(w.Tokens[role], path, key, body))
		wantStatus(t, r, http.StatusCreated)
		if replayed(r) {
			t.Fatalf("%s got another person's answer", role)
		}
		if n := countRows(t, a, `SELECT count(*) FROM reflections WHERE author_id = ?`, w.Users[role]); n != 1 {
			t.Fatalf("%s has %d reflections, want 1", role, n)
		}
	}
	if n := countRows(t, a, `SELECT count(*) FROM idempotency_keys WHERE key = ?`, key); n != 2 {
		t.Fatalf("%d rows for the key, want one per person", n)
	}
}

// A first attempt that fails keeps nothing: the key is free for the retry, which runs (a 4xx is the client's to
// fix; a 5xx or 503 must be retryable).
func TestAFailedFirstAttemptDoesNotUseUpTheKey(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	path := "/cohorts/" + w.Cohort.String() + "/reflections"
	key := uuid.NewString()
	bad := map[string]any{"bodyMarkdown": "Tekst", "visibility": "iedereen"}
	for range 2 { // the same failing request runs again, and fails again: failures are not replayed
		r := a.Do(t, keyed(w.Tokens["participant"], path, key, bad))
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if replayed(r) || len(r.Problem(t).Errors) == 0 {
			t.Fatalf("failure: replayed %v, %s", replayed(r), r.Body)
		}
		if n := countRows(t, a, `SELECT count(*) FROM idempotency_keys WHERE key = ?`, key); n != 0 {
			t.Fatalf("a failed request left %d rows for its key", n)
		}
	}
	good := map[string]any{"bodyMarkdown": "Tekst", "visibility": "private"}
	r := a.Do(t, keyed(w.Tokens["participant"], path, key, good))
	wantStatus(t, r, http.StatusCreated)
	if replayed(r) {
		t.Fatal("the corrected request was answered from the failure")
	}
	if n := countRows(t, a, `SELECT count(*) FROM reflections WHERE author_id = ?`, w.Users["participant"]); n != 1 {
		t.Fatalf("%d reflections, want 1", n)
	}
}

// A key that is no key is a 400, and the request does not run.
func TestAnInvalidIdempotencyKeyIsABadRequest(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	path := "/cohorts/" + w.Cohort.String() + "/reflections"
	body := map[string]any{"bodyMarkdown": "Tekst", "visibility": "private"}
	for _, key := range []string{"kort", "met spaties erin", strings.Repeat("x", 101), "sleutel-é-123456", "tab\there-12345"} {
		r := a.Do(t, keyed(w.Tokens["participant"], path, key, body))
		wantStatus(t, r, http.StatusBadRequest)
		if p := r.Problem(t); p.Title != "Ongeldige Idempotency-Key" || !strings.Contains(p.Detail, "8 tot 100") {
			t.Fatalf("key %q: %+v", key, p)
		}
	}
	for _, key := range []string{"12345678", strings.Repeat("x", 100), uuid.NewString(), "a!~{}[]:;,.<>?/|=+"} {
		wantStatus(t, a.Do(t, keyed(w.Tokens["participant"], path, key, body)), http.StatusCreated)
	}
	if n := countRows(t, a, `SELECT count(*) FROM reflections WHERE author_id = ?`, w.Users["participant"]); n != 4 {
		t.Fatalf("%d reflections, want the 4 with a valid key", n)
	}
}

// Requests with one key at the same moment: exactly one runs; the others hear that it is running (409 with
// Retry-After) or, once it is done, get its answer.
func TestConcurrentRequestsWithOneKeyCreateOnce(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	key := uuid.NewString()
	body := map[string]any{"name": "Leergang Gelijktijdig", "owner": "VGS"}
	const n = 6
	rs := make([]*testapp.Response, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			rs[i] = a.Do(t, keyed(w.Tokens["admin"], "/programmes", key, body))
		}()
	}
	close(start)
	wg.Wait()
	var ran, replays, busy int
	var created string
	for _, r := range rs {
		switch {
		case r.StatusCode == http.StatusCreated && !replayed(r):
			ran++
			created = string(r.Body)
		case r.StatusCode == http.StatusCreated:
			replays++
		case r.StatusCode == http.StatusConflict && r.Header.Get("Retry-After") == "1":
			busy++
		default:
			t.Fatalf("unexpected answer %d %s", r.StatusCode, r.Body)
		}
	}
	if ran != 1 || replays+busy != n-1 {
		t.Fatalf("%d ran, %d replays, %d busy", ran, replays, busy)
	}
	for _, r := range rs {
		if replayed(r) && string(r.Body) != created {
			t.Fatalf("replay %s, want %s", r.Body, created)
		}
	}
	if c := countRows(t, a, `SELECT count(*) FROM programmes WHERE name = 'Leergang Gelijktijdig'`); c != 1 {
		t.Fatalf("%d programmes, want 1", c)
	}
	// Afterwards every retry is a replay.
	r := a.Do(t, keyed(w.Tokens["admin"], "/programmes", key, body))
	wantStatus(t, r, http.StatusCreated)
	if !replayed(r) || string(r.Body) != created {
		t.Fatalf("retry after the race: replayed %v, %s", replayed(r), r.Body)
	}
}

// Booking a speaker, enrolling a participant, writing a reflection or a comment, creating a programme: sent
// twice with one key, each makes one row and one mail at most. Without a key the same requests make two or are
// refused, so the key is what makes the difference.
func TestCreatingTwiceWithOneKeyMakesOneRow(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	session := a.Session(t, w.Cohort, 1, "Gastcollege", time.Now().Add(7*24*time.Hour), 3*time.Hour)
	var speaker uuid.UUID
	if err := a.DB.Raw(`INSERT INTO speakers (programme_id, name, email) VALUES (?, 'Gastspreker', 'gast@bureau.example')
		RETURNING id`, w.Programme).Row().Scan(&speaker); err != nil {
		t.Fatal(err)
	}
	var reflection uuid.UUID
	if err := a.DB.Raw(`INSERT INTO reflections (author_id, cohort_id, body_markdown, visibility) VALUES (?, ?, 'Gedeeld', 'cohort')
		RETURNING id`, w.Users["other-participant"], w.Cohort).Row().Scan(&reflection); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, role, path string
		body             any
		rows             string // counts what the request makes
		args             []any
		mails            string // the mails it queues, when it does
	}{
		{"book a speaker", "facilitator", "/sessions/" + session.String() + "/bookings", map[string]any{"speakerId": speaker.String()},
			`SELECT count(*) FROM speaker_bookings WHERE session_id = ?`, []any{session},
			`SELECT count(*) FROM outbox WHERE to_address = 'gast@bureau.example'`},
		{"enrol a participant", "facilitator", "/cohorts/" + w.Cohort.String() + "/participants",
			map[string]any{"name": "Annemiek de Vries", "email": "annemiek@zwolle.example", "gemeente": "Zwolle", "jobTitle": "Gemeentesecretaris"},
			`SELECT count(*) FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.email = 'annemiek@zwolle.example'`, nil,
			`SELECT count(*) FROM outbox WHERE to_address = 'annemiek@zwolle.example'`},
		{"write a reflection", "participant", "/cohorts/" + w.Cohort.String() + "/reflections",
			map[string]any{"bodyMarkdown": "Eén keer.", "visibility": "private"},
			`SELECT count(*) FROM reflections WHERE body_markdown = 'Eén keer.'`, nil, ""},
		{"comment", "participant", "/reflections/" + reflection.String() + "/comments", map[string]any{"body": "Herkenbaar."},
			`SELECT count(*) FROM reflection_comments WHERE reflection_id = ?`, []any{reflection}, ""},
		{"create a programme", "admin", "/programmes", map[string]any{"name": "Leergang Eenmalig", "owner": "VGS"},
			`SELECT count(*) FROM programmes WHERE name = 'Leergang Eenmalig'`, nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			key := uuid.NewString()
			first := a.Do(t, keyed(w.Tokens[tc.role], tc.path, key, tc.body))
			wantStatus(t, first, http.StatusCreated)
			again := a.Do(t, keyed(w.Tokens[tc.role], tc.path, key, tc.body))
			wantStatus(t, again, http.StatusCreated)
			if !replayed(again) || string(again.Body) != string(first.Body) {
				t.Fatalf("retry: replayed %v, %s", replayed(again), again.Body)
			}
			if n := countRows(t, a, tc.rows, tc.args...); n != 1 {
				t.Fatalf("%d rows, want 1", n)
			}
			if tc.mails != "" {
				if n := countRows(t, a, tc.mails); n != 1 {
					t.Fatalf("%d mails, want 1", n)
				}
			}
		})
	}
}

// Every operation that declares the IdempotencyKey parameter is guarded: a malformed key is refused there (400)
// before anything else is looked at, which only the middleware does. And the list is the one routes.go guards.
func TestEveryOperationThatDeclaresTheKeyIsGuarded(t *testing.T) {
	t.Parallel()
	doc, err := libopenapi.NewDocument(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	model, err := doc.BuildV3Model()
	if err != nil {
		t.Fatal(err)
	}
	// References are resolved in the model: an operation's parameter is the shared one when it has its name and
	// description (evaluation's submission has a key of its own, with its own description).
	shared, ok := model.Model.Components.Parameters.Get("IdempotencyKey")
	if !ok || shared.Name != "Idempotency-Key" {
		t.Fatal("api/openapi.yaml has no components/parameters/IdempotencyKey")
	}
	type op struct{ id, method, path string }
	var guarded []op
	for path, item := range model.Model.Paths.PathItems.FromOldest() {
		for method, o := range item.GetOperations().FromOldest() {
			for _, p := range o.Parameters {
				if p.Name == shared.Name && p.Description == shared.Description {
					guarded = append(guarded, op{o.OperationId, strings.ToUpper(method), path})
				}
			}
		}
	}
	var ids []string
	for _, o := range guarded {
		ids = append(ids, o.id)
	}
	slices.Sort(ids)
	want := []string{"addGoalStep", "addReflectionComment", "approvePortrait", "attachEvaluationForm", "bookSpeaker",
		"cancelBooking", "cancelSession", "changeCohortStatus", "createCohort", "createEvaluationTemplate", "createGoal",
		"createGrant", "createProgramme", "createReflection", "createSession", "createSpeaker", "createUser",
		"enrolParticipant", "importParticipants", "rejectPortrait", "remindEvaluation", "resendInvitation",
		"reviseEvaluationTemplate", "submitMyPortrait", "withdrawMyPortrait", "withdrawParticipant"}
	if !slices.Equal(ids, want) {
		t.Fatalf("operations with the IdempotencyKey parameter:\n  %v\nwant\n  %v", ids, want)
	}

	a := testapp.New(t)
	a.User(t, "beheer@test.example", "Beheer", true)
	token, _ := a.Login(t, "beheer@test.example")
	for _, o := range guarded {
		t.Run(o.id, func(t *testing.T) {
			path := o.path
			for strings.Contains(path, "{") {
				i, j := strings.Index(path, "{"), strings.Index(path, "}")
				path = path[:i] + uuid.NewString() + path[j+1:]
			}
			r := a.Do(t, testapp.Request{Method: o.method, Path: "/api/v1" + path, Token: token, Body: map[string]any{},
				Headers: map[string]string{"Idempotency-Key": "kort"}})
			wantStatus(t, r, http.StatusBadRequest)
			if p := r.Problem(t); p.Title != "Ongeldige Idempotency-Key" {
				t.Fatalf("%s %s is not guarded: %+v", o.method, o.path, p)
			}
		})
	}
	if n := countRows(t, a, `SELECT count(*) FROM idempotency_keys`); n != 0 {
		t.Fatalf("refused keys left %d rows", n)
	}
}

// A one-way action retried after its answer was lost gets that answer again instead of a 412 for the version it
// itself raised, and does its work (the cancellation mails) once.
func TestARetriedCancellationGetsItsAnswerNotAConflict(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	session := a.Session(t, w.Cohort, 1, "Werkbezoek", time.Now().Add(7*24*time.Hour), 3*time.Hour)
	cancel := testapp.Request{Method: http.MethodPost, Path: "/api/v1/sessions/" + session.String() + "/cancel",
		Token: w.Tokens["facilitator"], Headers: map[string]string{"Idempotency-Key": uuid.NewString(), "If-Match": `"1"`}}
	first := a.Do(t, cancel)
	wantStatus(t, first, http.StatusOK)
	mails := countRows(t, a, `SELECT count(*) FROM outbox`)
	again := a.Do(t, cancel)
	wantStatus(t, again, http.StatusOK)
	if !replayed(again) || string(again.Body) != string(first.Body) || again.Header.Get("ETag") != first.Header.Get("ETag") {
		t.Fatalf("retry: replayed %v, ETag %q, %s", replayed(again), again.Header.Get("ETag"), again.Body)
	}
	if n := countRows(t, a, `SELECT count(*) FROM outbox`); n != mails {
		t.Fatalf("the retry queued %d more mails", n-mails)
	}
	// Without the key the same request is what it always was: refused, the session is cancelled already.
	delete(cancel.Headers, "Idempotency-Key")
	wantStatus(t, a.Do(t, cancel), http.StatusConflict)
}
