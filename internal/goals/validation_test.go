package goals_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
)

func TestCreateGoalRefusesInvalidInputFieldByField(t *testing.T) {
	t.Parallel()
	w := newGoalWorld(t)
	otherModule := w.module(t, w.OtherCohort, 1).String()
	fiftyOne := make([]string, 51)
	for i := range fiftyOne {
		fiftyOne[i] = fmt.Sprintf("Stap %d", i+1)
	}
	cases := []struct {
		name   string
		body   any
		fields []string
	}{
		{"no title", map[string]any{"description": "x"}, []string{"title"}},
		{"blank title", map[string]any{"title": "   "}, []string{"title"}},
		{"title too long", map[string]any{"title": strings.Repeat("a", 201)}, []string{"title"}},
		{"title on two lines", map[string]any{"title": "een\ntwee"}, []string{"title"}},
		{"description too long", map[string]any{"title": "t", "description": strings.Repeat("a", 10001)}, []string{"description"}},
		{"success criteria too long", map[string]any{"title": "t", "successCriteria": strings.Repeat("a", 5001)}, []string{"successCriteria"}},
		{"unknown status", map[string]any{"title": "t", "status": "klaar"}, []string{"status"}},
		{"date not ISO", map[string]any{"title": "t", "targetDate": "28-03-2027"}, []string{"targetDate"}},
		{"date that does not exist", map[string]any{"title": "t", "targetDate": "2027-02-30"}, []string{"targetDate"}},
		{"module not a uuid", map[string]any{"title": "t", "moduleId": "module-1"}, []string{"moduleId"}},
		{"module of another cohort", map[string]any{"title": "t", "moduleId": otherModule}, []string{"moduleId"}},
		{"unknown aspect", map[string]any{"title": "t", "aspectKeys": []string{"structuur", "politiek", "bestaat-niet"}}, []string{"aspectKeys[2]"}},
		{"aspect of another programme's framework", map[string]any{"title": "t", "aspectKeys": []string{"regio-netwerk"}}, []string{"aspectKeys[0]"}},
		{"empty step", map[string]any{"title": "t", "steps": []string{"Een", " "}}, []string{"steps[1]"}},
		{"step too long", map[string]any{"title": "t", "steps": []string{strings.Repeat("a", 301)}}, []string{"steps[0]"}},
		{"51 steps", map[string]any{"title": "t", "steps": fiftyOne}, []string{"steps"}},
		{"wrong type", map[string]any{"title": 5}, []string{"title"}},
		{"target date of the wrong type", map[string]any{"title": "t", "targetDate": 20270328}, []string{"targetDate"}},
		{"unknown field", map[string]any{"title": "t", "owner": "iemand anders"}, []string{"owner"}},
		{"everything at once", map[string]any{"title": "", "status": "x", "targetDate": "morgen", "moduleId": otherModule,
			"aspectKeys": []string{"onbekend"}, "steps": []string{""}},
			[]string{"title", "status", "targetDate", "moduleId", "aspectKeys[0]", "steps[0]"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantFields(t, w.call(t, "participant", http.MethodPost, "/cohorts/"+w.Cohort.String()+"/goals", c.body, 0), c.fields...)
		})
	}
	wantStatus(t, w.call(t, "participant", http.MethodPost, "/cohorts/"+w.Cohort.String()+"/goals", "{not json", 0), 400)
	var n int
	w.App.DB.Raw(`SELECT count(*) FROM learning_goals`).Row().Scan(&n)
	if n != 0 {
		t.Fatalf("%d goals were stored from invalid input", n)
	}
}

func TestCreateGoalStoresWhatWasSent(t *testing.T) {
	t.Parallel()
	w := newGoalWorld(t)
	module := w.module(t, w.Cohort, 2)
	fifty := make([]string, 50)
	for i := range fifty {
		fifty[i] = fmt.Sprintf(" Stap %d ", i+1)
	}
	g := w.createGoal(t, "participant", map[string]any{"title": "  Regie op data  ", "description": "Waarom\nen hoe",
		"successCriteria": "Een datastrategie", "status": "active", "targetDate": "2027-03-28", "moduleId": module.String(),
		// Duplicates count once; the goal shows its aspects in the framework's order.
		"aspectKeys": []string{"inclusie", "structuur", "inclusie", "strategie-opgaven"}, "steps": fifty})
	if g.Title != "Regie op data" || g.Description != "Waarom\nen hoe" || g.SuccessCriteria != "Een datastrategie" ||
		g.Status != "active" || g.TargetDate == nil || *g.TargetDate != "2027-03-28" || g.ModuleID == nil || *g.ModuleID != module ||
		g.ModuleTitle == nil || *g.ModuleTitle != "Samenwerking en netwerken" {
		t.Fatalf("goal %+v", g)
	}
	if !slices.Equal(g.aspectKeys(), []string{"strategie-opgaven", "structuur", "inclusie"}) {
		t.Fatalf("aspects %v", g.aspectKeys())
	}
	if g.Aspects[0].GroupKey != "waardegedreven-strategie" || g.Aspects[0].Label != "Aspect strategie-opgaven" {
		t.Fatalf("aspect %+v", g.Aspects[0])
	}
	if g.StepsTotal != 50 || g.StepsDone != 0 || g.Steps[0].Title != "Stap 1" || g.Steps[49].Position != 50 {
		t.Fatalf("steps %d/%d: %+v", g.StepsDone, g.StepsTotal, g.Steps[0])
	}
	// The 51st step is refused.
	r := w.call(t, "participant", http.MethodPost, "/goals/"+g.ID.String()+"/steps", map[string]any{"title": "Eenenvijftig"}, g.Version)
	wantFields(t, r, "steps")
	if w.goalVersion(t, g.ID) != g.Version {
		t.Fatal("a refused step raised the version")
	}
}

func TestUpdateGoalChecksFieldsAndClearsWithNull(t *testing.T) {
	t.Parallel()
	w := newGoalWorld(t)
	g := w.createGoal(t, "participant", map[string]any{"title": "Doel", "targetDate": "2027-01-01",
		"moduleId": w.module(t, w.Cohort, 1).String(), "aspectKeys": []string{"structuur"}, "steps": []string{"Een", "Twee"}})
	path := "/goals/" + g.ID.String()
	cases := []struct {
		name   string
		body   any
		fields []string
	}{
		{"blank title", map[string]any{"title": ""}, []string{"title"}},
		{"unknown status", map[string]any{"status": "bijna"}, []string{"status"}},
		{"bad date", map[string]any{"targetDate": "2027-13-01"}, []string{"targetDate"}},
		{"module of another cohort", map[string]any{"moduleId": w.module(t, w.OtherProgCohort, 1).String()}, []string{"moduleId"}},
		{"unknown aspect", map[string]any{"aspectKeys": []string{"structuur", "structuur", "nope"}}, []string{"aspectKeys[2]"}},
		{"unknown field", map[string]any{"steps": []string{}}, []string{"steps"}},
	}
	for _, c := range cases {
		wantFields(t, w.call(t, "participant", http.MethodPatch, path, c.body, g.Version), c.fields...)
	}
	step := path + "/steps/" + g.Steps[0].ID.String()
	wantFields(t, w.call(t, "participant", http.MethodPatch, step, map[string]any{"position": 0}, g.Version), "position")
	wantFields(t, w.call(t, "participant", http.MethodPatch, step, map[string]any{"position": 3}, g.Version), "position")
	wantFields(t, w.call(t, "participant", http.MethodPatch, step, map[string]any{"title": " "}, g.Version), "title")
	wantFields(t, w.call(t, "participant", http.MethodPost, path+"/steps", map[string]any{"title": strings.Repeat("x", 301)}, g.Version), "title")
	if w.goalVersion(t, g.ID) != g.Version {
		t.Fatal("refused patches raised the version")
	}

	r := w.call(t, "participant", http.MethodPatch, path, map[string]any{"targetDate": nil, "moduleId": nil, "aspectKeys": []string{}}, g.Version)
	wantStatus(t, r, 200)
	var got goalJSON
	r.JSON(t, &got)
	if got.TargetDate != nil || got.ModuleID != nil || got.ModuleTitle != nil || len(got.Aspects) != 0 || got.Title != "Doel" ||
		got.Version != g.Version+1 || r.Header.Get("ETag") != fmt.Sprintf(`"%d"`, got.Version) {
		t.Fatalf("after clearing: %+v", got)
	}
}

// Steps keep positions 1..n through moves and removals; ticking off records when, unticking clears it.
func TestStepsMoveTickAndCloseGaps(t *testing.T) {
	t.Parallel()
	w := newGoalWorld(t)
	g := w.createGoal(t, "participant", map[string]any{"title": "Stappen", "steps": []string{"A", "B", "C", "D"}})
	id := map[string]uuid.UUID{}
	for _, s := range g.Steps {
		id[s.Title] = s.ID
	}
	path := "/goals/" + g.ID.String() + "/steps"
	step := func(method, title string, body any, want []string) {
		t.Helper()
		p := path
		if title != "" {
			p += "/" + id[title].String()
		}
		r := w.call(t, "participant", method, p, body, g.Version)
		wantStatus(t, r, 200)
		var next goalJSON
		r.JSON(t, &next)
		if next.Version != g.Version+1 || !slices.Equal(next.stepTitles(), want) {
			t.Fatalf("%s %s %v: steps %v version %d, want %v", method, title, body, next.stepTitles(), next.Version, want)
		}
		for i, s := range next.Steps {
			if s.Position != i+1 {
				t.Fatalf("positions %+v", next.Steps)
			}
			id[s.Title] = s.ID
		}
		g = next
	}
	step(http.MethodPatch, "D", map[string]any{"position": 1}, []string{"D", "A", "B", "C"})
	step(http.MethodPatch, "D", map[string]any{"position": 3}, []string{"A", "B", "D", "C"})
	step(http.MethodPatch, "A", map[string]any{"position": 4}, []string{"B", "D", "C", "A"})
	step(http.MethodPatch, "B", map[string]any{"done": true, "title": "B gedaan"}, []string{"B gedaan", "D", "C", "A"})
	if !g.Steps[0].Done || g.Steps[0].DoneAt == nil || g.StepsDone != 1 || g.StepsTotal != 4 {
		t.Fatalf("ticked %+v", g.Steps[0])
	}
	doneAt := *g.Steps[0].DoneAt
	step(http.MethodPatch, "B gedaan", map[string]any{"done": true}, []string{"B gedaan", "D", "C", "A"})
	if g.Steps[0].DoneAt == nil || !g.Steps[0].DoneAt.Equal(doneAt) {
		t.Fatalf("ticking again moved the moment: %v, was %v", g.Steps[0].DoneAt, doneAt)
	}
	step(http.MethodPatch, "B gedaan", map[string]any{"done": false}, []string{"B gedaan", "D", "C", "A"})
	if g.Steps[0].Done || g.Steps[0].DoneAt != nil || g.StepsDone != 0 {
		t.Fatalf("unticked %+v", g.Steps[0])
	}
	step(http.MethodDelete, "D", nil, []string{"B gedaan", "C", "A"})
	step(http.MethodPost, "", map[string]any{"title": "E"}, []string{"B gedaan", "C", "A", "E"})
	step(http.MethodDelete, "B gedaan", nil, []string{"C", "A", "E"})
	// A step of another goal is not found through this one.
	other := w.createGoal(t, "participant", map[string]any{"title": "Ander", "steps": []string{"X"}})
	wantStatus(t, w.call(t, "participant", http.MethodPatch, path+"/"+other.Steps[0].ID.String(), map[string]any{"done": true}, g.Version), 404)
}
