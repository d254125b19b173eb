package goals_test

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// fixtureGoal stores a goal with aspects and steps (done of total ticked off) straight in the database.
func (w *goalWorld) fixtureGoal(t *testing.T, cohortID, userID uuid.UUID, status string, aspects []string, total, done int) uuid.UUID {
	t.Helper()
	id := w.insertGoal(t, cohortID, userID, "Doel", status)
	for _, k := range aspects {
		w.App.Exec(t, `INSERT INTO goal_aspects (goal_id, aspect_id) SELECT ?, id FROM framework_aspects WHERE key = ? AND framework_id = ?`,
			id, k, w.Framework)
	}
	for i := range total {
		doneAt := "NULL"
		if i < done {
			doneAt = "now()"
		}
		w.App.Exec(t, `INSERT INTO goal_steps (goal_id, position, title, done_at) VALUES (?, ?, 'Stap', `+doneAt+`)`, id, i+1)
	}
	return id
}

func (w *goalWorld) reflection(t *testing.T, cohortID, userID uuid.UUID, writtenOn, visibility string) {
	t.Helper()
	w.App.Exec(t, `INSERT INTO reflections (author_id, cohort_id, written_on, body_markdown, visibility) VALUES (?, ?, ?, 'Tekst', ?)`,
		userID, cohortID, writtenOn, visibility)
}

// coverageFixture: three counted participants (two active, one completed), a withdrawn one and someone in
// another cohort whose goals must not count.
func coverageFixture(t *testing.T) (*goalWorld, uuid.UUID) {
	w := newGoalWorld(t)
	anna := w.App.User(t, "anna@test.example", "Anna de Vries", false)
	w.App.Enrol(t, w.Cohort, anna, "completed")
	w.App.Exec(t, `UPDATE enrolments SET gemeente = 'Zwolle' WHERE user_id = ?`, anna)
	p, other, withdrawn := w.Users["participant"], w.Users["other-participant"], w.Users["withdrawn-participant"]
	w.fixtureGoal(t, w.Cohort, p, "active", []string{"strategie-opgaven", "privacy-veiligheid"}, 3, 2)
	w.fixtureGoal(t, w.Cohort, p, "draft", []string{"privacy-veiligheid"}, 0, 0)
	w.fixtureGoal(t, w.Cohort, p, "dropped", []string{"inclusie"}, 2, 1)
	w.fixtureGoal(t, w.Cohort, p, "achieved", nil, 1, 1)
	w.fixtureGoal(t, w.Cohort, other, "active", []string{"privacy-veiligheid", "structuur"}, 0, 0)
	w.fixtureGoal(t, w.Cohort, other, "draft", nil, 0, 0)
	w.fixtureGoal(t, w.Cohort, anna, "achieved", []string{"strategie-opgaven"}, 0, 0)
	w.fixtureGoal(t, w.Cohort, withdrawn, "active", []string{"privacy-veiligheid", "transparantie"}, 4, 4)
	w.fixtureGoal(t, w.OtherCohort, w.Users["other-cohort-participant"], "active", []string{"structuur", "symboliek"}, 1, 1)

	w.reflection(t, w.Cohort, p, "2026-10-05", "facilitators")
	w.reflection(t, w.Cohort, p, "2026-11-02", "cohort")
	w.reflection(t, w.Cohort, p, "2026-12-01", "private")
	w.reflection(t, w.Cohort, anna, "2026-10-01", "cohort")
	w.reflection(t, w.Cohort, withdrawn, "2026-10-01", "cohort")
	w.reflection(t, w.OtherCohort, w.Users["other-cohort-participant"], "2022-03-01", "cohort")
	return w, anna
}

func TestAspectCoverageCountsGoalsAndParticipantsPerAspect(t *testing.T) {
	t.Parallel()
	w, _ := coverageFixture(t)
	r := w.call(t, "facilitator", http.MethodGet, "/cohorts/"+w.Cohort.String()+"/goal-aspects", nil, 0)
	wantStatus(t, r, 200)
	var got struct {
		Participants, Goals, UntaggedGoals int
		Groups                             []struct {
			Key, Label string
			Aspects    []struct {
				Key, Label          string
				Goals, Participants int
			}
		}
	}
	r.JSON(t, &got)
	// Counted goals: not dropped, of active and completed participants: 4 - 1 dropped + 2 + 1 = 6; two untagged.
	if got.Participants != 3 || got.Goals != 6 || got.UntaggedGoals != 2 {
		t.Fatalf("totals %d participants, %d goals, %d untagged; want 3, 6, 2", got.Participants, got.Goals, got.UntaggedGoals)
	}
	want := map[string][2]int{
		"strategie-opgaven": {2, 2}, "strategie-gezamenlijk": {0, 0},
		"structuur": {1, 1}, "human-resources": {0, 0}, "politiek": {0, 0}, "symboliek": {0, 0},
		"privacy-veiligheid": {3, 2}, "transparantie": {0, 0}, "inclusie": {0, 0},
	}
	if len(got.Groups) != len(testFramework) {
		t.Fatalf("groups %+v", got.Groups)
	}
	seen := 0
	for i, g := range got.Groups {
		if g.Key != testFramework[i].key || g.Label != testFramework[i].title || len(g.Aspects) != len(testFramework[i].aspects) {
			t.Fatalf("group %+v", g)
		}
		for j, a := range g.Aspects {
			if a.Key != testFramework[i].aspects[j] || a.Label != "Aspect "+a.Key {
				t.Fatalf("aspect %+v out of order", a)
			}
			if c := want[a.Key]; a.Goals != c[0] || a.Participants != c[1] {
				t.Errorf("%s: %d goals of %d participants, want %d of %d", a.Key, a.Goals, a.Participants, c[0], c[1])
			}
			seen++
		}
	}
	if seen != len(want) {
		t.Fatalf("%d aspects, want %d", seen, len(want))
	}
	if strings.Contains(string(r.Body), "Doel") {
		t.Fatal("coverage shows goal titles")
	}
}

func TestCoachingOverviewCountsPerParticipant(t *testing.T) {
	t.Parallel()
	w, anna := coverageFixture(t)
	r := w.call(t, "programme-facilitator", http.MethodGet, "/cohorts/"+w.Cohort.String()+"/coaching", nil, 0)
	wantStatus(t, r, 200)
	type counts struct{ Draft, Active, Achieved, Dropped int }
	type line struct {
		UserID                                   uuid.UUID
		Name, Gemeente, Status                   string
		Goals                                    counts
		StepsDone, StepsTotal, SharedReflections int
		LastSharedOn                             *string
	}
	var got struct {
		CohortID     uuid.UUID
		Participants []line
	}
	r.JSON(t, &got)
	str := func(s string) *string { return &s }
	want := []line{
		{anna, "Anna de Vries", "Zwolle", "completed", counts{Achieved: 1}, 0, 0, 1, str("2026-10-01")},
		{w.Users["other-participant"], "other-participant", "Kampen", "active", counts{Draft: 1, Active: 1}, 0, 0, 0, nil},
		// Steps of the dropped goal do not count: 2 of 3 and 1 of 1.
		{w.Users["participant"], "participant", "Kampen", "active", counts{1, 1, 1, 1}, 3, 4, 2, str("2026-11-02")},
	}
	if got.CohortID != w.Cohort || len(got.Participants) != len(want) {
		t.Fatalf("overview %+v", got)
	}
	for i, l := range got.Participants {
		wl := want[i]
		if l.UserID != wl.UserID || l.Name != wl.Name || l.Gemeente != wl.Gemeente || l.Status != wl.Status || l.Goals != wl.Goals ||
			l.StepsDone != wl.StepsDone || l.StepsTotal != wl.StepsTotal || l.SharedReflections != wl.SharedReflections ||
			(l.LastSharedOn == nil) != (wl.LastSharedOn == nil) || l.LastSharedOn != nil && *l.LastSharedOn != *wl.LastSharedOn {
			t.Errorf("line %d: %+v, want %+v", i, l, wl)
		}
	}
}

// Listing a participant's goals takes the same number of queries for one goal as for twenty (no N+1).
func TestParticipantGoalsTakeAConstantNumberOfQueries(t *testing.T) {
	t.Parallel()
	w := newGoalWorld(t)
	var queries atomic.Int64
	count := func(*gorm.DB) { queries.Add(1) }
	cb := w.App.DB.Callback()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register("goals_test:count_query", count),
		cb.Row().After("gorm:row").Register("goals_test:count_row", count),
		cb.Raw().After("gorm:raw").Register("goals_test:count_raw", count),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	list := "/cohorts/" + w.Cohort.String() + "/participants/" + w.Users["participant"].String() + "/goals"
	measure := func() int64 {
		queries.Store(0)
		wantStatus(t, w.call(t, "facilitator", http.MethodGet, list, nil, 0), 200)
		return queries.Load()
	}
	w.fixtureGoal(t, w.Cohort, w.Users["participant"], "active", []string{"structuur"}, 2, 1)
	one := measure()
	for range 19 {
		w.fixtureGoal(t, w.Cohort, w.Users["participant"], "active", []string{"structuur", "inclusie"}, 3, 1)
	}
	twenty := measure()
	if one != twenty || one == 0 {
		t.Fatalf("%d queries for one goal, %d for twenty", one, twenty)
	}
}
