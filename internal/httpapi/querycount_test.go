package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/vgs/leergang/internal/testapp"
)

// countCase is one endpoint, called as the role that uses it.
type countCase struct {
	route string // method and route, e.g. "GET /cohorts/{id}"
	role  string
	// ceiling is the most statements the request may take, authentication, audit lines, BEGIN and COMMIT
	// included: a change that adds statements shows here and must raise it knowingly.
	ceiling int
	status  int
	// request is built anew for each size, so that a write gets resources of its own (a form not yet answered, a
	// speaker not yet booked) and lists in its body grow with the data.
	request func(w *countWorld) testapp.Request
	// single marks an answer that does not list the items (one object, a write's receipt). Every other answer
	// must grow from 1 item to 100: otherwise the items do not reach the endpoint and the count proves nothing.
	single bool
}

func (c countCase) name() string { return c.route + " as " + c.role }

// list is a GET whose answer lists or aggregates the items.
func list(route, role string, ceiling int, path string) countCase {
	return countCase{route: route, role: role, ceiling: ceiling, status: http.StatusOK,
		request: func(*countWorld) testapp.Request { return testapp.Request{Method: http.MethodGet, Path: path} }}
}

// single is a GET of one object whose size does not depend on the items.
func single(route, role string, ceiling int, path string) countCase {
	c := list(route, role, ceiling, path)
	c.single = true
	return c
}

func write(route, role string, ceiling, status int, request func(w *countWorld) testapp.Request) countCase {
	return countCase{route: route, role: role, ceiling: ceiling, status: status, request: request, single: true}
}

// The promise, "queries per request independent of data size": every endpoint that lists or aggregates,
// and every hot write, is called with 1 item of every kind and again with 100 (one world, grown in between).
// The number of statements must stay the same and within the ceiling.
func TestQueriesPerRequestDoNotGrowWithData(t *testing.T) {
	w := newCountWorld(t)
	v1 := "/api/v1"
	cohort, me, prog := v1+"/cohorts/"+w.Cohort.String(), w.Users["participant"].String(), v1+"/programmes/"+w.Programme.String()
	goal, reflection := v1+"/goals/"+w.goal.String(), v1+"/reflections/"+w.reflection.String()
	held, upcoming := v1+"/sessions/"+w.session.String(), v1+"/sessions/"+w.upcoming.String()
	cases := []countCase{
		// The participant: home, programme, goals, logbook, evaluations, own data.
		single("GET /me", "participant", 3, v1+"/me"),
		list("GET /cohorts/{id}", "participant", 6, cohort),
		list("GET /cohorts/{id}/sessions", "participant", 6, cohort+"/sessions"),
		single("GET /sessions/{id}", "participant", 6, upcoming),
		list("GET /me/attendance", "participant", 6, v1+"/me/attendance"),
		single("GET /cohorts/{id}/framework", "participant", 5, cohort+"/framework"),
		list("GET /cohorts/{id}/participants/{userId}/goals", "participant", 10, cohort+"/participants/"+me+"/goals"),
		list("GET /goals/{id}", "participant", 9, goal),
		list("GET /me/reflections", "participant", 4, v1+"/me/reflections"),
		list("GET /me/reflections?q=", "participant", 4, v1+"/me/reflections?q=samenwerking"),
		list("GET /me/reflections?cohortId=", "participant", 4, v1+"/me/reflections?cohortId="+w.Cohort.String()),
		list("GET /cohorts/{id}/reflections", "participant", 7, cohort+"/reflections"),
		list("GET /reflections/{id}", "participant", 6, reflection),
		list("GET /me/evaluations", "participant", 3, v1+"/me/evaluations"),
		single("GET /me/evaluations/{formId}", "participant", 4, v1+"/me/evaluations/"+w.form.String()),
		list("GET /me/access-log", "participant", 3, v1+"/me/access-log"),
		list("GET /me/sessions", "participant", 3, v1+"/me/sessions"),
		list("GET /me/export", "participant", 25, v1+"/me/export"),
		list("GET /me/export/document", "participant", 25, v1+"/me/export/document"),
		list("GET /calendar/{file}", "anonymous", 2, w.calendar),

		// The participant's writes; lists in a body (steps, goals, attendance lines) grow with the data too.
		write("POST /cohorts/{id}/goals", "participant", 15, http.StatusCreated, func(w *countWorld) testapp.Request {
			steps := make([]string, min(w.n, 50))
			for i := range steps {
				steps[i] = fmt.Sprintf("Stap %d", i+1)
			}
			return testapp.Request{Method: http.MethodPost, Path: cohort + "/goals", Body: map[string]any{
				"title": "Regie op data", "status": "active", "moduleId": w.module.String(), "aspectKeys": w.aspectKeys(),
				"steps": steps}}
		}),
		write("POST /goals/{id}/steps", "participant", 13, http.StatusOK, func(w *countWorld) testapp.Request {
			return testapp.Request{Method: http.MethodPost, Path: goal + "/steps", Body: map[string]any{"title": "Nog een stap"},
				Headers: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, w.version("learning_goals", w.goal))}}
		}),
		write("POST /cohorts/{id}/reflections", "participant", 15, http.StatusCreated, func(w *countWorld) testapp.Request {
			return testapp.Request{Method: http.MethodPost, Path: cohort + "/reflections", Body: map[string]any{
				"title": "Na de sessie", "bodyMarkdown": "Wat ik **meeneem**.", "visibility": "facilitators",
				"moduleId": w.module.String(), "sessionId": w.session.String(), "goalIds": w.goalIDs(min(w.n, 20))}}
		}),
		write("POST /reflections/{id}/comments", "participant", 9, http.StatusCreated, func(*countWorld) testapp.Request {
			return testapp.Request{Method: http.MethodPost, Path: reflection + "/comments", Body: map[string]any{"body": "Herkenbaar."}}
		}),
		write("PUT /me/evaluations/{formId}/draft", "participant", 9, http.StatusOK, func(w *countWorld) testapp.Request {
			return testapp.Request{Method: http.MethodPut, Path: v1 + "/me/evaluations/" + w.newForm("Concept").String() + "/draft",
				Body: map[string]any{"answers": evaluationAnswers()}}
		}),
		write("POST /me/evaluations/{formId}/submission", "participant", 12, http.StatusCreated, func(w *countWorld) testapp.Request {
			return testapp.Request{Method: http.MethodPost, Path: v1 + "/me/evaluations/" + w.newForm("Insturen").String() + "/submission",
				Body: map[string]any{"answers": evaluationAnswers()}}
		}),

		// The facilitator: planner, attendance, coaching, evaluation follow-up.
		list("GET /cohorts/{id}", "facilitator", 6, cohort),
		list("GET /cohorts/{id}/sessions", "facilitator", 9, cohort+"/sessions"),
		single("GET /sessions/{id}", "facilitator", 8, upcoming),
		list("GET /sessions/{id}/attendance", "facilitator", 4, held+"/attendance"),
		countCase{route: "PUT /sessions/{id}/attendance", role: "facilitator", ceiling: 11, status: http.StatusOK,
			request: func(w *countWorld) testapp.Request {
				var version int
				if err := w.App.DB.Raw(`SELECT attendance_version FROM sessions WHERE id = ?`, w.session).Row().Scan(&version); err != nil {
					t.Fatal(err)
				}
				return testapp.Request{Method: http.MethodPut, Path: held + "/attendance",
					Body:    map[string]any{"records": w.attendanceRecords()},
					Headers: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, version)}}
			}},
		list("GET /cohorts/{id}/attendance", "facilitator", 9, cohort+"/attendance"),
		list("GET /cohorts/{id}/participants", "facilitator", 4, cohort+"/participants"),
		list("GET /cohorts/{id}/modules", "facilitator", 4, cohort+"/modules"),
		list("GET /cohorts/{id}/coaching", "facilitator", 4, cohort+"/coaching"),
		single("GET /cohorts/{id}/goal-aspects", "facilitator", 5, cohort+"/goal-aspects"),
		list("GET /cohorts/{id}/participants/{userId}/goals", "facilitator", 11, cohort+"/participants/"+me+"/goals"),
		list("GET /cohorts/{id}/reflections", "facilitator", 8, cohort+"/reflections"),
		single("GET /programmes", "programme-facilitator", 3, v1+"/programmes"),
		list("GET /programmes/{id}/cohorts", "programme-facilitator", 4, prog+"/cohorts"),
		list("GET /programmes/{id}/speakers", "facilitator", 4, prog+"/speakers"),
		write("POST /sessions/{id}/bookings", "facilitator", 12, http.StatusCreated, func(w *countWorld) testapp.Request {
			return testapp.Request{Method: http.MethodPost, Path: upcoming + "/bookings",
				Body: map[string]any{"speakerId": w.newSpeaker().String()}}
		}),
		list("GET /cohorts/{id}/evaluation-forms", "facilitator", 4, cohort+"/evaluation-forms"),
		list("GET /evaluation-forms/{id}/progress", "facilitator", 5, v1+"/evaluation-forms/"+w.form.String()+"/progress"),
		list("GET /programmes/{id}/evaluation-templates", "facilitator", 4, prog+"/evaluation-templates"),

		// The funder: dashboard and exports.
		single("GET /programmes", "reviewer", 3, v1+"/programmes"),
		list("GET /programmes/{id}/evaluation-report", "reviewer", 10, prog+"/evaluation-report"),
		list("GET /programmes/{id}/evaluation-report?cohortId=", "reviewer", 11, prog+"/evaluation-report?cohortId="+w.Cohort.String()),
		list("GET /programmes/{id}/evaluation-report/export/csv", "reviewer", 11, prog+"/evaluation-report/export/csv"),
		list("GET /programmes/{id}/evaluation-report/export/xlsx", "reviewer", 11, prog+"/evaluation-report/export/xlsx"),
		list("GET /programmes/{id}/evaluation-report/export/pdf", "reviewer", 11, prog+"/evaluation-report/export/pdf"),
		list("GET /cohorts/{id}/attendance", "reviewer", 10, cohort+"/attendance"),

		// The programme office.
		list("GET /programmes", "admin", 3, v1+"/programmes"),
		list("GET /programmes/{id}/cohorts", "admin", 4, prog+"/cohorts"),
		list("GET /programmes/{id}/grants", "admin", 4, prog+"/grants"),
		list("GET /programmes/{id}/evaluation-report", "admin", 10, prog+"/evaluation-report"),
		list("GET /cohorts/{id}/participants", "admin", 4, cohort+"/participants"),
		list("GET /users?query=", "admin", 3, v1+"/users?query=deelnemer"),
		list("GET /admin/outbox", "admin", 3, v1+"/admin/outbox"),
		list("GET /admin/audit-log", "admin", 7, v1+"/admin/audit-log"),
		list("GET /admin/portraits", "admin", 6, v1+"/admin/portraits"),
		list("GET /admin/retention", "admin", 3, v1+"/admin/retention"),
		single("GET /admin/users/{id}/security", "admin", 3, v1+"/admin/users/"+me+"/security"),
		list("GET /public/programmes/{slug}/portraits", "anonymous", 2, v1+"/public/programmes/"+w.slug()+"/portraits"),
	}

	type measured struct{ queries, size int }
	measure := func(n int) map[string]measured {
		w.grow(n)
		out := map[string]measured{}
		for _, tc := range cases {
			r := tc.request(w)
			r.Token = w.Tokens[tc.role]
			resp := w.App.Do(t, r)
			if resp.StatusCode != tc.status {
				t.Errorf("%s with %d items: %d, want %d: %s", tc.name(), n, resp.StatusCode, tc.status, resp.Body)
				continue
			}
			out[tc.name()] = measured{resp.Queries(t), len(resp.Body)}
		}
		return out
	}
	at1, at100 := measure(1), measure(100)
	for _, tc := range cases {
		t.Run(tc.name(), func(t *testing.T) {
			one, hundred := at1[tc.name()], at100[tc.name()]
			if one.queries != hundred.queries {
				t.Errorf("%d statements with 1 item, %d with 100: the count grows with the data", one.queries, hundred.queries)
			}
			if hundred.queries > tc.ceiling {
				t.Errorf("%d statements with 100 items (%d with 1), more than the ceiling of %d", hundred.queries, one.queries, tc.ceiling)
			}
			if !tc.single && hundred.size <= one.size {
				t.Errorf("the answer did not grow (%d bytes with 1 item, %d with 100): the items do not reach this endpoint",
					one.size, hundred.size)
			}
		})
	}
}

func evaluationAnswers() map[string]any {
	return map[string]any{
		"waardering": map[string]any{"value": 4},
		"aanbevelen": map[string]any{"value": 9},
		"lengte":     map[string]any{"choice": "goed"},
		"meenemen":   map[string]any{"text": "Meer oog voor data.", "shareWithFunder": true},
	}
}
