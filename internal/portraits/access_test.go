package portraits_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

// Only the author reads a portrait before it is published: not fellow participants, facilitators or admins.
func TestOwnPortraitIsReadByItsAuthorAlone(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	r := save(t, w.App, w.Tokens["participant"], w.Cohort, 0, "Mijn geheime concept", "Nog niet af.")
	expect(t, r, http.StatusCreated)
	mine := decode(t, r)

	want := map[string]int{
		"participant": 200, "other-participant": 404, // the other participant has none of their own
		"withdrawn-participant": 403, "other-cohort-participant": 403,
		"facilitator": 403, "programme-facilitator": 403, "other-cohort-facilitator": 403,
		"other-programme-facilitator": 403, "reviewer": 403, "admin": 403, "anonymous": 401,
	}
	for role, status := range want {
		t.Run(role, func(t *testing.T) {
			r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: myPath(w.Cohort), Token: w.Tokens[role]})
			expect(t, r, status)
			if status != 200 {
				if strings.Contains(string(r.Body), "geheime concept") || strings.Contains(string(r.Body), mine.ID.String()) {
					t.Fatalf("refusal leaks the portrait: %s", r.Body)
				}
				return
			}
			got := decode(t, r)
			if got.ID != mine.ID || got.Title != "Mijn geheime concept" || got.Status != "draft" || got.CohortID != w.Cohort {
				t.Fatalf("got %+v", got)
			}
		})
	}
}

// Writing a portrait is for the cohort's participants (active or completed, not withdrawn); others are refused
// and nothing is stored.
func TestOnlyParticipantsOfTheCohortWriteAPortrait(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	want := map[string]int{
		"participant": 201, "other-participant": 201,
		"withdrawn-participant": 403, "other-cohort-participant": 403,
		"facilitator": 403, "programme-facilitator": 403, "other-cohort-facilitator": 403,
		"other-programme-facilitator": 403, "reviewer": 403, "admin": 403, "anonymous": 401,
	}
	for role, status := range want {
		t.Run(role, func(t *testing.T) {
			expect(t, save(t, w.App, w.Tokens[role], w.Cohort, 0, "Portret", "Tekst"), status)
		})
	}
	if n := count(t, w.App, `SELECT count(*) FROM portraits WHERE cohort_id = ?`, w.Cohort); n != 2 {
		t.Fatalf("%d portraits stored, want 2", n)
	}
	// The completed participant of the other cohort writes one there.
	expect(t, save(t, w.App, w.Tokens["other-cohort-participant"], w.OtherCohort, 0, "Terugblik", "Tekst"), 201)
	// A second first save finds the portrait and needs If-Match.
	expect(t, save(t, w.App, w.Tokens["participant"], w.Cohort, 0, "Nog eens", "Tekst"), http.StatusPreconditionRequired)
	// An unknown or malformed cohort is not found.
	expect(t, save(t, w.App, w.Tokens["participant"], uuid.New(), 0, "Portret", "Tekst"), 404)
	r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/cohorts/nope/portrait", Token: w.Tokens["participant"]})
	expect(t, r, 404)
}

// A draft is the participant's own work: the programme office's list never shows it, whatever the filter.
func TestDraftPortraitIsNeverSeenByAdmin(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	expect(t, save(t, w.App, w.Tokens["participant"], w.Cohort, 0, "Concept", "Nog niet af."), 201)
	other := submitted(t, w, "other-participant", "deelnemer", w.Cohort)

	for _, status := range []string{"", "submitted", "all"} {
		got := reviewList(t, w.App, w.Tokens["admin"], status)
		if !slices.Equal(ids(got), []uuid.UUID{other.ID}) {
			t.Fatalf("status=%q: %v, want only %s", status, ids(got), other.ID)
		}
		if got[0].Author == nil || got[0].Author.ID != w.Users["other-participant"] || got[0].Gemeente != "Kampen" ||
			got[0].ProgrammeSlug != slugOf(t, w.App, w.Programme) {
			t.Fatalf("review item: %+v", got[0])
		}
	}
	for _, status := range []string{"approved", "rejected"} {
		if got := reviewList(t, w.App, w.Tokens["admin"], status); len(got) != 0 {
			t.Fatalf("status=%s: %v", status, ids(got))
		}
	}
	r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/admin/portraits?status=draft", Token: w.Tokens["admin"]})
	expect(t, r, 422)
	if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != "status" {
		t.Fatalf("problem %+v", p)
	}
	// Three lists showed the submitted portrait: each is a read of its author's text, logged for them; the
	// draft's author appears in no read.
	if n := count(t, w.App, `SELECT count(*) FROM audit_log WHERE action = 'portrait.read' AND subject_user_id = ?
		AND actor_user_id = ? AND object_id = ?`, w.Users["other-participant"], w.Users["admin"], other.ID.String()); n != 3 {
		t.Fatalf("%d portrait.read entries for the submitted portrait, want 3", n)
	}
	if n := count(t, w.App, `SELECT count(*) FROM audit_log WHERE action = 'portrait.read' AND subject_user_id = ?`,
		w.Users["participant"]); n != 0 {
		t.Fatalf("the draft's author has %d read entries", n)
	}
}

// The review list and the review decisions are the programme office's (admins) alone.
func TestReviewingPortraitsIsForAdminsOnly(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	p := submitted(t, w, "participant", "deelnemer", w.Cohort)
	for _, role := range append(testapp.Roles, "anonymous") {
		want := 403
		switch role {
		case "admin":
			continue
		case "anonymous":
			want = 401
		}
		t.Run(role, func(t *testing.T) {
			r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/admin/portraits", Token: w.Tokens[role]})
			expect(t, r, want)
			if strings.Contains(string(r.Body), p.ID.String()) {
				t.Fatalf("refusal leaks the portrait: %s", r.Body)
			}
			expect(t, approve(t, w.App, w.Tokens[role], p.ID, p.Version), want)
			expect(t, reject(t, w.App, w.Tokens[role], p.ID, p.Version, "Nee"), want)
			// Even a malformed id tells a non-admin nothing but no.
			r = w.App.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/admin/portraits/x/approve",
				Token: w.Tokens[role], Headers: ifMatch(1)})
			expect(t, r, want)
		})
	}
	if got := reviewList(t, w.App, w.Tokens["admin"], ""); len(got) != 1 || got[0].Status != "submitted" || got[0].Version != p.Version {
		t.Fatalf("after refusals: %+v", got)
	}
	if n := count(t, w.App, `SELECT count(*) FROM audit_log WHERE actor_user_id <> ? AND action LIKE 'portrait.%'
		AND action NOT IN ('portrait.saved', 'portrait.submitted')`, w.Users["admin"]); n != 0 {
		t.Fatalf("%d audit entries by refused callers", n)
	}
	expect(t, approve(t, w.App, w.Tokens["admin"], uuid.New(), 1), 404)
}

// The public page shows exactly the programme's approved portraits (approval and consent), to anyone.
func TestPublicPageShowsOnlyApprovedAndConsentedPortraits(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	a.Exec(t, `UPDATE enrolments SET job_title = 'Gemeentesecretaris' WHERE user_id = ?`, w.Users["participant"])
	shown := published(t, w, "participant", w.Cohort)
	submitted(t, w, "other-participant", "deelnemer", w.Cohort)
	// Approved, then consent withdrawn: offline.
	gone := published(t, w, "other-cohort-participant", w.OtherCohort)
	expect(t, withdraw(t, a, w.Tokens["other-cohort-participant"], w.OtherCohort, gone.Version), 200)
	// Approved in another programme: on that programme's page only.
	elsewhere := a.User(t, "elders@test.example", "Elders", false)
	a.Enrol(t, w.OtherProgCohort, elsewhere, "active")
	token, _ := a.Login(t, "elders@test.example")
	w.Tokens["elders"] = token
	otherProg := published(t, w, "elders", w.OtherProgCohort)
	// Approved, then rejected: offline.
	rejectedOne := a.User(t, "afgewezen@test.example", "Afgewezen", false)
	a.Enrol(t, w.Cohort, rejectedOne, "active")
	w.Tokens["afgewezen"], _ = a.Login(t, "afgewezen@test.example")
	rj := published(t, w, "afgewezen", w.Cohort)
	expect(t, reject(t, a, w.Tokens["admin"], rj.ID, rj.Version, "Toch niet: er staat een collega in die niet gevraagd is."), 200)

	slug := slugOf(t, a, w.Programme)
	for _, role := range append(testapp.Roles, "anonymous") {
		t.Run(role, func(t *testing.T) {
			page := public(t, a, w.Tokens[role], slug)
			if page.Programme.Slug != slug || page.Programme.Name != "Leergang Digitaal Leiderschap" {
				t.Fatalf("programme %+v", page.Programme)
			}
			if len(page.Portraits) != 1 || page.Portraits[0].ID != shown.ID {
				t.Fatalf("portraits %+v, want only %s", page.Portraits, shown.ID)
			}
			got := page.Portraits[0]
			if got.AuthorName != "participant" || got.Gemeente != "Kampen" || got.JobTitle != "Gemeentesecretaris" ||
				got.CohortName != "2026–2027" || got.Title != shown.Title || got.BodyHTML == "" {
				t.Fatalf("portrait %+v", got)
			}
			if strings.Contains(string(mustJSON(t, page)), "participant@test.example") {
				t.Fatal("the public page shows an email address")
			}
		})
	}
	other := public(t, a, "", slugOf(t, a, w.OtherProgramme))
	if len(other.Portraits) != 1 || other.Portraits[0].ID != otherProg.ID {
		t.Fatalf("other programme: %+v", other.Portraits)
	}
	r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/public/programmes/bestaat-niet/portraits"})
	expect(t, r, 404)
}

// Submitting and withdrawing act on one's own portrait only: nobody else can give or take back the author's
// consent.
func TestOnlyTheAuthorSubmitsOrWithdrawsTheirPortrait(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	r := save(t, w.App, w.Tokens["participant"], w.Cohort, 0, "Portret", "Tekst")
	expect(t, r, 201)
	mine := decode(t, r)
	want := map[string]int{
		"other-participant":     404, // has no portrait of their own
		"withdrawn-participant": 403, "other-cohort-participant": 403,
		"facilitator": 403, "programme-facilitator": 403, "other-cohort-facilitator": 403,
		"other-programme-facilitator": 403, "reviewer": 403, "admin": 403, "anonymous": 401,
	}
	for role, status := range want {
		t.Run(role, func(t *testing.T) {
			expect(t, submit(t, w.App, w.Tokens[role], w.Cohort, mine.Version, true), status)
			expect(t, withdraw(t, w.App, w.Tokens[role], w.Cohort, mine.Version), status)
		})
	}
	r = submit(t, w.App, w.Tokens["participant"], w.Cohort, mine.Version, true)
	expect(t, r, 200)
	mine = decode(t, r)
	for role, status := range want {
		t.Run(role+" after submission", func(t *testing.T) {
			expect(t, withdraw(t, w.App, w.Tokens[role], w.Cohort, mine.Version), status)
		})
	}
	if n := count(t, w.App, `SELECT count(*) FROM portraits WHERE status = 'submitted' AND version = ?`, mine.Version); n != 1 {
		t.Fatal("a refused call changed the portrait")
	}
}
