package goals_test

import (
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/vgs/leergang/internal/testapp"
)

// race sends the requests at the same time and returns their responses in order.
func race(t *testing.T, w *goalWorld, calls ...func() *testapp.Response) []*testapp.Response {
	t.Helper()
	out := make([]*testapp.Response, len(calls))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, call := range calls {
		wg.Go(func() {
			<-start
			out[i] = call()
		})
	}
	close(start)
	wg.Wait()
	return out
}

// winner checks that exactly one response is 200 and the others 412, and returns the index of the 200.
func winner(t *testing.T, rs []*testapp.Response) int {
	t.Helper()
	win := -1
	for i, r := range rs {
		switch r.StatusCode {
		case http.StatusOK:
			if win >= 0 {
				t.Fatalf("two writes based on one version both succeeded")
			}
			win = i
		case http.StatusPreconditionFailed:
			r.Problem(t)
		default:
			t.Fatalf("status %d: %s", r.StatusCode, r.Body)
		}
	}
	if win < 0 {
		t.Fatal("no write succeeded")
	}
	return win
}

func TestConcurrentGoalEditsBasedOnOneVersionLetExactlyOneWin(t *testing.T) {
	t.Parallel()
	w := newGoalWorld(t)
	for round := range 5 {
		g := w.createGoal(t, "participant", map[string]any{"title": "Begin", "aspectKeys": []string{"structuur"}})
		path := "/goals/" + g.ID.String()
		bodies := []map[string]any{
			{"title": "Versie A", "aspectKeys": []string{"politiek"}, "status": "active"},
			{"title": "Versie B", "aspectKeys": []string{"inclusie", "transparantie"}, "targetDate": "2027-06-30"},
		}
		rs := race(t, w,
			func() *testapp.Response {
				return w.call(t, "participant", http.MethodPatch, path, bodies[0], g.Version)
			},
			func() *testapp.Response {
				return w.call(t, "participant", http.MethodPatch, path, bodies[1], g.Version)
			})
		win := winner(t, rs)
		var won goalJSON
		rs[win].JSON(t, &won)
		r := w.call(t, "participant", http.MethodGet, path, nil, 0)
		var now goalJSON
		r.JSON(t, &now)
		wantKeys := map[int][]string{0: {"politiek"}, 1: {"transparantie", "inclusie"}}[win]
		if now.Version != g.Version+1 || now.Title != bodies[win]["title"] || !slices.Equal(now.aspectKeys(), wantKeys) ||
			now.Version != won.Version || now.Title != won.Title {
			t.Fatalf("round %d: stored %+v, winner %d answered %+v", round, now, win, won)
		}
		if win == 0 && (now.Status != "active" || now.TargetDate != nil) || win == 1 && (now.Status != "draft" || now.TargetDate == nil || *now.TargetDate != "2027-06-30") {
			t.Fatalf("round %d: the loser's fields leaked into the goal: %+v", round, now)
		}
	}
}

func TestConcurrentStepChangesBasedOnOneVersionLetExactlyOneWin(t *testing.T) {
	t.Parallel()
	w := newGoalWorld(t)
	for round := range 5 {
		g := w.createGoal(t, "participant", map[string]any{"title": "Stappen", "steps": []string{"Een", "Twee"}})
		path := "/goals/" + g.ID.String() + "/steps/"
		rs := race(t, w,
			func() *testapp.Response {
				return w.call(t, "participant", http.MethodPatch, path+g.Steps[0].ID.String(), map[string]any{"done": true}, g.Version)
			},
			func() *testapp.Response {
				return w.call(t, "participant", http.MethodPatch, path+g.Steps[1].ID.String(), map[string]any{"done": true}, g.Version)
			})
		win := winner(t, rs)
		var now goalJSON
		w.call(t, "participant", http.MethodGet, "/goals/"+g.ID.String(), nil, 0).JSON(t, &now)
		if now.Version != g.Version+1 || now.StepsDone != 1 || !now.Steps[win].Done || now.Steps[1-win].Done {
			t.Fatalf("round %d: winner %d, goal %+v", round, win, now)
		}

		// Two additions based on one version: one step is added, not two.
		rs = race(t, w,
			func() *testapp.Response {
				return w.call(t, "participant", http.MethodPost, "/goals/"+g.ID.String()+"/steps", map[string]any{"title": "Drie"}, now.Version)
			},
			func() *testapp.Response {
				return w.call(t, "participant", http.MethodPost, "/goals/"+g.ID.String()+"/steps", map[string]any{"title": "Vier"}, now.Version)
			})
		win = winner(t, rs)
		var after goalJSON
		w.call(t, "participant", http.MethodGet, "/goals/"+g.ID.String(), nil, 0).JSON(t, &after)
		want := []string{"Een", "Twee", []string{"Drie", "Vier"}[win]}
		if !slices.Equal(after.stepTitles(), want) || after.Version != now.Version+1 {
			t.Fatalf("round %d: steps %v, want %v", round, after.stepTitles(), want)
		}
	}
}

func TestStaleWritesAreRefusedAndChangeNothing(t *testing.T) {
	t.Parallel()
	w := newGoalWorld(t)
	g := w.createGoal(t, "participant", map[string]any{"title": "Oud", "steps": []string{"Een"}})
	path := "/goals/" + g.ID.String()
	r := w.call(t, "participant", http.MethodPatch, path, map[string]any{"title": "Nieuw"}, g.Version)
	wantStatus(t, r, 200)
	stale := g.Version
	wantStatus(t, w.call(t, "participant", http.MethodDelete, path, nil, stale), 412)
	wantStatus(t, w.call(t, "participant", http.MethodPatch, path, map[string]any{"title": "Overschreven"}, stale), 412)
	wantStatus(t, w.call(t, "participant", http.MethodPost, path+"/steps", map[string]any{"title": "Twee"}, stale), 412)
	wantStatus(t, w.call(t, "participant", http.MethodPatch, path+"/steps/"+g.Steps[0].ID.String(), map[string]any{"done": true}, stale), 412)
	wantStatus(t, w.call(t, "participant", http.MethodDelete, path+"/steps/"+g.Steps[0].ID.String(), nil, stale), 412)
	// Without If-Match: 428; with something that is no version: 400.
	wantStatus(t, w.call(t, "participant", http.MethodDelete, path, nil, 0), 428)
	wantStatus(t, w.App.Do(t, testapp.Request{Method: http.MethodDelete, Path: "/api/v1" + path, Token: w.Tokens["participant"],
		Headers: map[string]string{"If-Match": `"abc"`}}), 400)
	var now goalJSON
	w.call(t, "participant", http.MethodGet, path, nil, 0).JSON(t, &now)
	if now.Title != "Nieuw" || now.Version != g.Version+1 || !slices.Equal(now.stepTitles(), []string{"Een"}) || now.StepsDone != 0 {
		t.Fatalf("stale writes changed the goal: %+v", now)
	}
}
