package load

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// action is one kind of request in a role's mix. weight is per mille of the role's requests.
type action struct {
	name   string
	weight int
	// ready says whether the client has what the request needs (a goal with steps, an attendance sheet read).
	ready func(c *Client) bool
	// every paces what a person does only now and then: the mix sends it from one client at most once in this
	// interval (see sessionActions). A request measured on its own (Pool.Repeat) is not paced.
	every time.Duration
	run   func(ctx context.Context, c *Client) error
}

// allowed says whether pick may choose a for c now.
func (a action) allowed(c *Client, now time.Time) bool {
	return (a.ready == nil || a.ready(c)) && (a.every == 0 || now.Sub(c.sent[a.name]) >= a.every)
}

// The request names the report uses: the route, with {id} for ids and ?param for what a query adds.
const (
	nameMe             = "GET /me"
	nameCohort         = "GET /cohorts/{id}"
	nameGoals          = "GET /cohorts/{id}/participants/{me}/goals"
	nameGoal           = "GET /goals/{id}"
	nameReflections    = "GET /me/reflections"
	nameSearch         = "GET /me/reflections?q"
	nameShared         = "GET /cohorts/{id}/reflections"
	nameWriteRefl      = "POST /cohorts/{id}/reflections"
	nameTickStep       = "PATCH /goals/{id}/steps/{id}"
	nameMyEvaluations  = "GET /me/evaluations"
	nameSessions       = "GET /cohorts/{id}/sessions"
	nameAttendance     = "GET /sessions/{id}/attendance"
	nameSaveAttendance = "PUT /sessions/{id}/attendance"
	nameCoaching       = "GET /cohorts/{id}/coaching"
	nameReport         = "GET /programmes/{id}/evaluation-report"
	nameExportCSV      = "GET /programmes/{id}/evaluation-report/export/csv"
	nameExportXLSX     = "GET /programmes/{id}/evaluation-report/export/xlsx"
	nameProgrammes     = "GET /programmes"
	nameUsers          = "GET /users?query"
	nameAuditLog       = "GET /admin/audit-log?action"
	nameLogin          = "POST /auth/login"
	nameRefresh        = "POST /auth/refresh"
)

// BaselineRequests are the three requests the hand-written baseline server also answers.
var BaselineRequests = []string{nameCohort, nameReflections, nameGoals}

// DashboardRequest is the reviewer dashboard, and HomeRequest what the participant's home loads.
const (
	DashboardRequest = nameReport
	HomeRequest      = nameCohort
)

// Every role logs in anew and refreshes its token now and then, as people open the app and keep it open. They are
// paced at half what the server's budgets per address allow (30 logins and 120 refreshes a minute): a lone client
// without think time (the 1-client level does 600–700 requests/s) would otherwise use them up, as no person can,
// and measure 429s.
var sessionActions = []action{
	{name: nameLogin, weight: 2, every: 4 * time.Second,
		run: func(ctx context.Context, c *Client) error { _, err := c.login(ctx); return err }},
	{name: nameRefresh, weight: 10, every: time.Second,
		run: func(ctx context.Context, c *Client) error { return c.refresh(ctx) }},
}

// mixes are the requests of each role with their weights (per mille).
var mixes = map[Role][]action{
	Participant: append([]action{
		{name: nameMe, weight: 100, run: get(nameMe, func(*Client) string { return "/me" })},
		{name: nameCohort, weight: 200, run: get(nameCohort, func(c *Client) string { return "/cohorts/" + c.state.cohortID })},
		{name: nameGoals, weight: 150, run: get(nameGoals, func(c *Client) string {
			return "/cohorts/" + c.state.cohortID + "/participants/" + c.userID + "/goals"
		})},
		{name: nameGoal, weight: 100, ready: func(c *Client) bool { return len(c.state.goalIDs) > 0 },
			run: get(nameGoal, func(c *Client) string { return "/goals/" + c.state.next(c.state.goalIDs) })},
		{name: nameReflections, weight: 150, run: get(nameReflections, func(*Client) string { return "/me/reflections" })},
		{name: nameSearch, weight: 80, ready: func(c *Client) bool { return len(c.state.searchWords) > 0 },
			run: get(nameSearch, func(c *Client) string {
				return withQuery("/me/reflections", url.Values{"q": {c.state.next(c.state.searchWords)}})
			})},
		{name: nameShared, weight: 100, run: get(nameShared, func(c *Client) string { return "/cohorts/" + c.state.cohortID + "/reflections" })},
		{name: nameWriteRefl, weight: 20, run: writeReflection},
		{name: nameTickStep, weight: 30, ready: func(c *Client) bool { return len(c.state.goals) > 0 }, run: tickStep},
		{name: nameMyEvaluations, weight: 58, run: get(nameMyEvaluations, func(*Client) string { return "/me/evaluations" })},
	}, sessionActions...),
	Facilitator: append([]action{
		{name: nameMe, weight: 88, run: get(nameMe, func(*Client) string { return "/me" })},
		{name: nameSessions, weight: 300, run: get(nameSessions, func(c *Client) string { return "/cohorts/" + c.state.cohortID + "/sessions" })},
		{name: nameAttendance, weight: 250, ready: func(c *Client) bool { return len(c.state.sessionIDs) > 0 }, run: readAttendance},
		{name: nameSaveAttendance, weight: 100, ready: func(c *Client) bool { return c.state.sheet != nil && len(c.state.sheet.Records) > 0 },
			run: saveAttendance},
		{name: nameCoaching, weight: 250, run: get(nameCoaching, func(c *Client) string { return "/cohorts/" + c.state.cohortID + "/coaching" })},
	}, sessionActions...),
	Reviewer: append([]action{
		{name: nameMe, weight: 58, run: get(nameMe, func(*Client) string { return "/me" })},
		// A reviewer mostly reads the dashboard; a download is now and then, not every few clicks.
		{name: nameReport, weight: 850, run: get(nameReport, func(c *Client) string {
			return "/programmes/" + c.state.next(c.state.programmeIDs) + "/evaluation-report"
		})},
		{name: nameExportCSV, weight: 80, run: get(nameExportCSV, func(c *Client) string {
			return "/programmes/" + c.state.next(c.state.programmeIDs) + "/evaluation-report/export/csv"
		})},
		{name: nameExportXLSX, weight: 12, run: get(nameExportXLSX, func(c *Client) string {
			return "/programmes/" + c.state.next(c.state.programmeIDs) + "/evaluation-report/export/xlsx"
		})},
	}, sessionActions...),
	Admin: append([]action{
		{name: nameMe, weight: 58, run: get(nameMe, func(*Client) string { return "/me" })},
		{name: nameProgrammes, weight: 350, run: get(nameProgrammes, func(*Client) string { return "/programmes" })},
		{name: nameUsers, weight: 300, run: get(nameUsers, func(c *Client) string {
			return withQuery("/users", url.Values{"query": {c.state.next(c.state.searchTerms)}})
		})},
		{name: nameAuditLog, weight: 280, run: get(nameAuditLog, func(c *Client) string {
			// Every login line, and every other time only those of the last 30 days.
			q := url.Values{"action": {"login."}}
			if c.state.turn++; c.state.turn%2 == 0 {
				q.Set("from", time.Now().AddDate(0, 0, -30).UTC().Format(time.RFC3339))
			}
			return withQuery("/admin/audit-log", q)
		})},
	}, sessionActions...),
}

// get is an action that reads path and expects 200.
func get(name string, path func(c *Client) string) func(context.Context, *Client) error {
	return func(ctx context.Context, c *Client) error {
		_, err := c.do(ctx, getRequest(name, path(c)), nil)
		return err
	}
}

// pick chooses the next action by weight among those the client is ready for and that are not paced out, and
// notes when it chose a paced one.
func pick(rng *rand.Rand, c *Client, actions []action) action {
	now := time.Now()
	total := 0
	for _, a := range actions {
		if a.allowed(c, now) {
			total += a.weight
		}
	}
	n := rng.IntN(total)
	for _, a := range actions {
		if !a.allowed(c, now) {
			continue
		}
		if n < a.weight {
			if a.every > 0 {
				c.sent[a.name] = now
			}
			return a
		}
		n -= a.weight
	}
	panic("unreachable: weights do not add up")
}

// reflectionBody is a short logbook entry in Markdown; n makes each one different.
func reflectionBody(n int) string {
	return fmt.Sprintf("Na de bijeenkomst over **samenwerking in de regio** (%d) schreef ik op wat me bijbleef:\n\n"+
		"- het gesprek met de burgemeester over informatieveiligheid;\n- wat digitaal leiderschap vraagt van de "+
		"ambtelijke top.\n\nVolgende keer wil ik scherper formuleren wat ik van mijn directieteam verwacht.", n)
}

var visibilities = []string{"private", "private", "facilitators", "cohort"}

func writeReflection(ctx context.Context, c *Client) error {
	c.state.turn++
	body := map[string]any{
		"title":        "Reflectie " + strconv.Itoa(c.state.turn),
		"bodyMarkdown": reflectionBody(c.state.turn),
		"visibility":   visibilities[c.state.turn%len(visibilities)],
	}
	_, err := c.do(ctx, request{name: nameWriteRefl, method: http.MethodPost,
		path: "/cohorts/" + c.state.cohortID + "/reflections", body: body, expect: http.StatusCreated}, nil)
	return err
}

// tickStep ticks off a step of one of the client's goals, or undoes that, based on the version it last saw.
func tickStep(ctx context.Context, c *Client) error {
	c.state.turn++
	g := c.state.goals[c.state.turn%len(c.state.goals)]
	step := g.Steps[c.state.turn%len(g.Steps)]
	var changed goalRef
	_, err := c.do(ctx, request{name: nameTickStep, method: http.MethodPatch,
		path:   "/goals/" + g.ID + "/steps/" + step.ID,
		body:   map[string]bool{"done": !step.Done},
		header: map[string]string{"If-Match": strconv.Quote(strconv.Itoa(g.Version))},
		expect: http.StatusOK}, &changed)
	if err != nil {
		// Read the goal again, so that the next change is based on what it is now.
		if _, rerr := c.do(ctx, getRequest(nameGoal, "/goals/"+g.ID), &changed); rerr == nil {
			*g = changed
		}
		return err
	}
	*g = changed
	return nil
}

func readAttendance(ctx context.Context, c *Client) error {
	var s sheet
	_, err := c.do(ctx, getRequest(nameAttendance, "/sessions/"+c.state.next(c.state.sessionIDs)+"/attendance"), &s)
	if err != nil {
		return err
	}
	c.state.sheet = &s
	return nil
}

// nextStatus is the one change a facilitator makes to a line: around present → absent → excused for a
// session that has begun; before it begins only "excused" may be recorded.
func nextStatus(current *string, started bool) string {
	if !started {
		return "excused"
	}
	if current == nil {
		return "present"
	}
	switch *current {
	case "present":
		return "absent"
	case "absent":
		return "excused"
	default:
		return "present"
	}
}

// saveAttendance saves the sheet read last with one line changed, as the attendance page sends it: only the
// changed line, with the version it was based on, and the register's version as If-Match.
func saveAttendance(ctx context.Context, c *Client) error {
	s := c.state.sheet
	c.state.turn++
	rec := s.Records[c.state.turn%len(s.Records)]
	line := map[string]any{"userId": rec.UserID, "status": nextStatus(rec.Status, s.Session.Started)}
	if rec.Version != nil {
		line["version"] = *rec.Version
	}
	var saved sheet
	_, err := c.do(ctx, request{name: nameSaveAttendance, method: http.MethodPut,
		path: "/sessions/" + s.Session.ID + "/attendance", body: map[string]any{"records": []any{line}},
		header: map[string]string{"If-Match": strconv.Quote(strconv.Itoa(s.Version))},
		expect: http.StatusOK}, &saved)
	if err != nil {
		c.state.sheet = nil // read it again before the next save
		return err
	}
	c.state.sheet = &saved
	return nil
}
