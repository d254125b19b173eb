package goals_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

// Who may do what with learning goals (DESIGN.md, "Who sees what"): the participant writes their own goals while
// enrolled; the cohort's facilitators and admins read them; nobody else learns they exist.
var (
	cohortViewers = set("participant", "other-participant", "facilitator", "programme-facilitator", "admin")
	coaches       = set("facilitator", "programme-facilitator", "admin")
	goalReaders   = set("participant", "facilitator", "programme-facilitator", "admin")
	allRoles      = append([]string{"anonymous"}, testapp.Roles...)
)

func set(roles ...string) map[string]bool {
	m := map[string]bool{}
	for _, r := range roles {
		m[r] = true
	}
	return m
}

// statusFor: 401 for anonymous, ok for the allowed roles, else denied.
func statusFor(role string, allowed map[string]bool, ok, denied int) int {
	switch {
	case role == "anonymous":
		return http.StatusUnauthorized
	case allowed[role]:
		return ok
	default:
		return denied
	}
}

func TestGoalsWhoSeesWhat(t *testing.T) {
	t.Parallel()
	w := newGoalWorld(t)
	cohort := w.Cohort.String()
	laterModule := w.createGoal(t, "participant", map[string]any{"title": "Netwerk rond data opbouwen",
		"moduleId": w.module(t, w.Cohort, 2).String(), "aspectKeys": []string{"structuur"}})
	wholeProgramme := w.createGoal(t, "participant", map[string]any{"title": "Datagedreven sturen",
		"aspectKeys": []string{"privacy-veiligheid", "strategie-opgaven"}, "steps": []string{"Gesprek met de CIO", "Datastrategie lezen"}})
	firstModule := w.createGoal(t, "participant", map[string]any{"title": "Mijn rol in de context",
		"moduleId": w.module(t, w.Cohort, 1).String()})
	theirs := w.createGoal(t, "other-participant", map[string]any{"title": "Niet van de deelnemer"})
	mine := []uuid.UUID{wholeProgramme.ID, firstModule.ID, laterModule.ID}

	t.Run("framework", func(t *testing.T) {
		for _, role := range allRoles {
			t.Run(role, func(t *testing.T) {
				r := w.call(t, role, http.MethodGet, "/cohorts/"+cohort+"/framework", nil, 0)
				wantStatus(t, r, statusFor(role, cohortViewers, 200, 403))
				if r.StatusCode != 200 {
					return
				}
				var got struct {
					Framework struct {
						ID     uuid.UUID `json:"id"`
						Name   string    `json:"name"`
						Groups []struct {
							Key, Label, Description string
							Aspects                 []struct{ Key, Label, Description string }
						} `json:"groups"`
					} `json:"framework"`
				}
				r.JSON(t, &got)
				if got.Framework.ID != w.Framework || got.Framework.Name != "Digitaal leiderschap — publieke waarde" ||
					len(got.Framework.Groups) != len(testFramework) {
					t.Fatalf("framework %+v", got.Framework)
				}
				for i, g := range got.Framework.Groups {
					want := testFramework[i]
					var keys []string
					for _, a := range g.Aspects {
						keys = append(keys, a.Key)
						if a.Label != "Aspect "+a.Key || a.Description != "Over "+a.Key {
							t.Fatalf("aspect %+v", a)
						}
					}
					if g.Key != want.key || g.Label != want.title || g.Description != want.question || !slices.Equal(keys, want.aspects) {
						t.Fatalf("group %d: %+v, want %+v", i, g, want)
					}
				}
			})
		}
	})

	t.Run("create", func(t *testing.T) {
		writers := set("participant", "other-participant")
		for _, role := range allRoles {
			t.Run(role, func(t *testing.T) {
				title := "Doel van " + role
				r := w.call(t, role, http.MethodPost, "/cohorts/"+cohort+"/goals", map[string]any{"title": title}, 0)
				wantStatus(t, r, statusFor(role, writers, 201, 403))
				var n int
				w.App.DB.Raw(`SELECT count(*) FROM learning_goals WHERE title = ?`, title).Row().Scan(&n)
				if want := map[bool]int{true: 1, false: 0}[r.StatusCode == 201]; n != want {
					t.Fatalf("%d goals titled %q, want %d", n, title, want)
				}
				if r.StatusCode == 201 {
					var g goalJSON
					r.JSON(t, &g)
					if g.Owner.ID != w.Users[role] || g.CohortID != w.Cohort || g.Status != "draft" || g.Version != 1 {
						t.Fatalf("created %+v", g)
					}
					if r.Header.Get("Location") != "/api/v1/goals/"+g.ID.String() {
						t.Fatalf("Location %q", r.Header.Get("Location"))
					}
				}
			})
		}
	})

	t.Run("participant goals", func(t *testing.T) {
		for _, role := range allRoles {
			t.Run(role, func(t *testing.T) {
				r := w.call(t, role, http.MethodGet, "/cohorts/"+cohort+"/participants/"+w.Users["participant"].String()+"/goals", nil, 0)
				wantStatus(t, r, statusFor(role, goalReaders, 200, 403))
				if r.StatusCode != 200 {
					return
				}
				var got participantGoalsJSON
				r.JSON(t, &got)
				// Goals for the whole programme first, then by module position. The create subtest above added
				// "Doel van participant", which is left out of the comparison.
				ids := got.ids()
				ids = slices.DeleteFunc(ids, func(id uuid.UUID) bool { return !slices.Contains(mine, id) })
				if !slices.Equal(ids, mine) {
					t.Fatalf("goals %v, want %v in that order", got.ids(), mine)
				}
				if slices.Contains(got.ids(), theirs.ID) {
					t.Fatal("another participant's goal is listed")
				}
				if got.Participant.ID != w.Users["participant"] || got.CohortID != w.Cohort || len(got.Modules) != 2 ||
					got.Modules[0].Position != 1 || got.Modules[1].Position != 2 {
					t.Fatalf("list %+v", got)
				}
				for _, g := range got.Goals {
					if g.ID == wholeProgramme.ID && (g.StepsTotal != 2 || g.StepsDone != 0 ||
						!slices.Equal(g.aspectKeys(), []string{"strategie-opgaven", "privacy-veiligheid"})) {
						t.Fatalf("goal %+v", g)
					}
				}
			})
		}
	})

	t.Run("one goal", func(t *testing.T) {
		for _, role := range allRoles {
			t.Run(role, func(t *testing.T) {
				r := w.call(t, role, http.MethodGet, "/goals/"+wholeProgramme.ID.String(), nil, 0)
				wantStatus(t, r, statusFor(role, goalReaders, 200, 404))
				if r.StatusCode != 200 {
					return
				}
				var g goalJSON
				r.JSON(t, &g)
				if g.ID != wholeProgramme.ID || g.Owner.ID != w.Users["participant"] || g.Owner.Name != "participant" ||
					g.Title != "Datagedreven sturen" || !slices.Equal(g.stepTitles(), []string{"Gesprek met de CIO", "Datastrategie lezen"}) {
					t.Fatalf("goal %+v", g)
				}
			})
		}
	})

	t.Run("coverage and coaching", func(t *testing.T) {
		for _, role := range allRoles {
			t.Run(role, func(t *testing.T) {
				for _, path := range []string{"/goal-aspects", "/coaching"} {
					r := w.call(t, role, http.MethodGet, "/cohorts/"+cohort+path, nil, 0)
					wantStatus(t, r, statusFor(role, coaches, 200, 403))
					if r.StatusCode != 200 {
						continue
					}
					var got struct {
						CohortID     uuid.UUID `json:"cohortId"`
						Participants any       `json:"participants"`
					}
					r.JSON(t, &got)
					if got.CohortID != w.Cohort {
						t.Fatalf("%s: %s", path, r.Body)
					}
					// Two active participants; the withdrawn one is not counted.
					switch p := got.Participants.(type) {
					case float64:
						if p != 2 {
							t.Fatalf("%s: participants %v", path, p)
						}
					case []any:
						if len(p) != 2 {
							t.Fatalf("%s: participants %v", path, p)
						}
					}
				}
			})
		}
	})
}

// Writes on a goal: the owner only; its readers learn why not (403), everybody else that it does not exist (404).
func TestOnlyTheOwnerWritesAGoal(t *testing.T) {
	t.Parallel()
	w := newGoalWorld(t)
	for _, role := range allRoles {
		t.Run(role, func(t *testing.T) {
			g := w.createGoal(t, "participant", map[string]any{"title": "Doel voor " + role, "steps": []string{"Eerste", "Tweede"}})
			step := g.Steps[0].ID.String()
			path := "/goals/" + g.ID.String()
			want := statusFor(role, set("participant"), 200, 404)
			if coaches[role] {
				want = http.StatusForbidden
			}
			v := g.Version
			calls := []struct {
				name   string
				method string
				path   string
				body   any
				ok     int
			}{
				{"update goal", http.MethodPatch, path, map[string]any{"title": "Gewijzigd door " + role}, 200},
				{"add step", http.MethodPost, path + "/steps", map[string]any{"title": "Derde"}, 200},
				{"update step", http.MethodPatch, path + "/steps/" + step, map[string]any{"done": true}, 200},
				{"delete step", http.MethodDelete, path + "/steps/" + step, nil, 200},
				{"delete goal", http.MethodDelete, path, nil, 204},
			}
			for _, c := range calls {
				r := w.call(t, role, c.method, c.path, c.body, v)
				status := want
				if want == 200 {
					status = c.ok
				}
				wantStatus(t, r, status)
				if r.StatusCode == 200 {
					var got goalJSON
					r.JSON(t, &got)
					if got.Version != v+1 {
						t.Fatalf("%s: version %d, want %d", c.name, got.Version, v+1)
					}
					v = got.Version
				}
			}
			var goals, steps int
			w.App.DB.Raw(`SELECT count(*) FROM learning_goals WHERE id = ?`, g.ID).Row().Scan(&goals)
			w.App.DB.Raw(`SELECT count(*) FROM goal_steps WHERE goal_id = ?`, g.ID).Row().Scan(&steps)
			if role == "participant" {
				if goals != 0 {
					t.Fatal("the owner's delete left the goal")
				}
				return
			}
			if goals != 1 || steps != 2 || w.goalVersion(t, g.ID) != g.Version {
				t.Fatalf("a refused write changed the goal: %d goals, %d steps, version %d", goals, steps, w.goalVersion(t, g.ID))
			}
		})
	}
}

// A withdrawn participant keeps reading their own goals but can no longer write; their facilitators still read.
func TestWithdrawnParticipantReadsButNoLongerWritesOwnGoals(t *testing.T) {
	t.Parallel()
	w := newGoalWorld(t)
	id := w.insertGoal(t, w.Cohort, w.Users["withdrawn-participant"], "Van voor het vertrek", "active")
	list := "/cohorts/" + w.Cohort.String() + "/participants/" + w.Users["withdrawn-participant"].String() + "/goals"
	for _, role := range []string{"withdrawn-participant", "facilitator", "admin"} {
		r := w.call(t, role, http.MethodGet, list, nil, 0)
		wantStatus(t, r, 200)
		var got participantGoalsJSON
		r.JSON(t, &got)
		if !slices.Equal(got.ids(), []uuid.UUID{id}) {
			t.Fatalf("%s: goals %v", role, got.ids())
		}
		wantStatus(t, w.call(t, role, http.MethodGet, "/goals/"+id.String(), nil, 0), 200)
	}
	wantStatus(t, w.call(t, "other-participant", http.MethodGet, list, nil, 0), 403)
	wantStatus(t, w.call(t, "withdrawn-participant", http.MethodPatch, "/goals/"+id.String(), map[string]any{"title": "Nieuw"}, 1), 403)
	wantStatus(t, w.call(t, "withdrawn-participant", http.MethodPost, "/goals/"+id.String()+"/steps", map[string]any{"title": "Stap"}, 1), 403)
	wantStatus(t, w.call(t, "withdrawn-participant", http.MethodDelete, "/goals/"+id.String(), nil, 1), 403)
	wantStatus(t, w.call(t, "withdrawn-participant", http.MethodPost, "/cohorts/"+w.Cohort.String()+"/goals",
		map[string]any{"title": "Nieuw"}, 0), 403)
	if w.goalVersion(t, id) != 1 {
		t.Fatal("a withdrawn participant changed a goal")
	}
}

func TestGoalsOfUnknownCohortsPeopleAndGoalsAreNotFound(t *testing.T) {
	t.Parallel()
	w := newGoalWorld(t)
	unknown := uuid.NewString()
	for _, path := range []string{"/cohorts/" + unknown + "/framework", "/cohorts/" + unknown + "/goal-aspects",
		"/cohorts/" + unknown + "/coaching", "/goals/" + unknown, "/goals/not-a-uuid",
		"/cohorts/" + unknown + "/participants/" + w.Users["participant"].String() + "/goals"} {
		wantStatus(t, w.call(t, "admin", http.MethodGet, path, nil, 0), 404)
	}
	wantStatus(t, w.call(t, "participant", http.MethodPost, "/cohorts/"+unknown+"/goals", map[string]any{"title": "X"}, 0), 404)
	// A facilitator asking for someone who is not in the cohort.
	wantStatus(t, w.call(t, "facilitator", http.MethodGet, "/cohorts/"+w.Cohort.String()+"/participants/"+
		w.Users["other-cohort-participant"].String()+"/goals", nil, 0), 404)
	g := w.createGoal(t, "participant", map[string]any{"title": "Met stappen", "steps": []string{"Een"}})
	wantStatus(t, w.call(t, "participant", http.MethodPatch, "/goals/"+g.ID.String()+"/steps/"+unknown,
		map[string]any{"done": true}, g.Version), 404)
	wantStatus(t, w.call(t, "participant", http.MethodDelete, "/goals/"+unknown, nil, 1), 404)
}

// A programme without a framework has none to show; other programmes show their own.
func TestFrameworkIsTheCohortsProgrammes(t *testing.T) {
	t.Parallel()
	w := newGoalWorld(t)
	r := w.call(t, "other-programme-facilitator", http.MethodGet, "/cohorts/"+w.OtherProgCohort.String()+"/framework", nil, 0)
	wantStatus(t, r, 200)
	var got struct {
		Framework *struct {
			Groups []struct {
				Key     string `json:"key"`
				Aspects []struct {
					Key string `json:"key"`
				} `json:"aspects"`
			} `json:"groups"`
		} `json:"framework"`
	}
	r.JSON(t, &got)
	if got.Framework == nil || len(got.Framework.Groups) != 1 || got.Framework.Groups[0].Aspects[0].Key != "regio-netwerk" {
		t.Fatalf("framework %s", r.Body)
	}
	w.App.Exec(t, `UPDATE programmes SET framework_id = NULL WHERE id = ?`, w.OtherProgramme)
	r = w.call(t, "other-programme-facilitator", http.MethodGet, "/cohorts/"+w.OtherProgCohort.String()+"/framework", nil, 0)
	wantStatus(t, r, 200)
	got.Framework = nil
	r.JSON(t, &got)
	if got.Framework != nil || string(r.Body) != `{"framework":null}`+"\n" {
		t.Fatalf("framework %s, want null", r.Body)
	}
}

func TestArchivedCohortTakesNoGoalChanges(t *testing.T) {
	t.Parallel()
	w := newGoalWorld(t)
	g := w.createGoal(t, "participant", map[string]any{"title": "Voor het archief", "steps": []string{"Een"}})
	w.App.Exec(t, `UPDATE cohorts SET status = 'archived', archived_at = now() WHERE id = ?`, w.Cohort)
	wantStatus(t, w.call(t, "participant", http.MethodPost, "/cohorts/"+w.Cohort.String()+"/goals", map[string]any{"title": "Nieuw"}, 0), 409)
	wantStatus(t, w.call(t, "participant", http.MethodPatch, "/goals/"+g.ID.String(), map[string]any{"title": "Nieuw"}, g.Version), 409)
	wantStatus(t, w.call(t, "participant", http.MethodPatch, "/goals/"+g.ID.String()+"/steps/"+g.Steps[0].ID.String(),
		map[string]any{"done": true}, g.Version), 409)
	wantStatus(t, w.call(t, "participant", http.MethodDelete, "/goals/"+g.ID.String(), nil, g.Version), 409)
	// Still readable.
	wantStatus(t, w.call(t, "participant", http.MethodGet, "/goals/"+g.ID.String(), nil, 0), 200)
}
