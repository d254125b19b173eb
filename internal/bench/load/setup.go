package load

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
)

// roleState is what a client found out after logging in: the ids its requests need, and what it last read of
// the things it changes (goal versions, attendance sheets), as a browser tab would hold them.
type roleState struct {
	cohortID     string
	programmeIDs []string
	goalIDs      []string   // every own goal, to read
	goals        []*goalRef // the own goals this client may change (see partition)
	searchWords  []string   // words from the own reflections, to search for
	sessionIDs   []string   // the sessions whose attendance this client reads and saves (see partition)
	sheet        *sheet     // the attendance sheet read last
	searchTerms  []string   // admins: parts of names to find people by
	turn         int        // rotates through the lists above
}

type goalRef struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	Steps   []struct {
		ID   string `json:"id"`
		Done bool   `json:"done"`
	} `json:"steps"`
}

// sheet is a session's attendance (SessionAttendance in api/openapi.yaml), as much as saving needs.
type sheet struct {
	Session struct {
		ID      string `json:"id"`
		Started bool   `json:"started"`
	} `json:"session"`
	Version int `json:"version"` // the register's, sent back as If-Match
	Records []struct {
		UserID  string  `json:"userId"`
		Status  *string `json:"status"`
		Version *int    `json:"version"`
	} `json:"records"`
}

// next returns the turn-th element of list, rotating.
func (s *roleState) next(list []string) string {
	s.turn++
	return list[s.turn%len(list)]
}

// discover finds the client's data through the API after login, as its pages would.
func (c *Client) discover(ctx context.Context, m me, searchTerms []string) error {
	switch c.role {
	case Participant:
		return c.discoverParticipant(ctx, m)
	case Facilitator:
		return c.discoverFacilitator(ctx, m)
	case Reviewer:
		for _, g := range m.Grants {
			if g.Role == "reviewer" && !slices.Contains(c.state.programmeIDs, g.ProgrammeID) {
				c.state.programmeIDs = append(c.state.programmeIDs, g.ProgrammeID)
			}
		}
		if len(c.state.programmeIDs) == 0 {
			return fmt.Errorf("load: reviewer %s reviews no programme", c.email)
		}
	case Admin:
		if len(searchTerms) == 0 {
			return fmt.Errorf("load: admin %s has nobody to search for", c.email)
		}
		c.state.searchTerms = searchTerms
	}
	return nil
}

type cohortOverview struct {
	ID     string `json:"id"`
	Status string `json:"status"`
}

// runningCohort returns the first of the cohorts that is running, or the first one when none is.
func (c *Client) runningCohort(ctx context.Context, ids []string) (string, error) {
	for _, id := range ids {
		var co cohortOverview
		if _, err := c.do(ctx, getRequest("GET /cohorts/{id}", "/cohorts/"+id), &co); err != nil {
			return "", fmt.Errorf("load: %s: cohort %s: %w", c.email, id, err)
		}
		if co.Status == "running" {
			return id, nil
		}
	}
	if len(ids) == 0 {
		return "", fmt.Errorf("load: %s has no cohort", c.email)
	}
	return ids[0], nil
}

func (c *Client) discoverParticipant(ctx context.Context, m me) error {
	var cohorts []string
	for _, g := range m.Grants {
		if g.Role == "participant" && g.CohortID != nil {
			cohorts = append(cohorts, *g.CohortID)
		}
	}
	cohortID, err := c.runningCohort(ctx, cohorts)
	if err != nil {
		return err
	}
	c.state.cohortID = cohortID
	var goals struct {
		Goals []*goalRef `json:"goals"`
	}
	if _, err := c.do(ctx, getRequest("GET /cohorts/{id}/participants/{me}/goals",
		"/cohorts/"+cohortID+"/participants/"+c.userID+"/goals"), &goals); err != nil {
		return fmt.Errorf("load: %s: goals: %w", c.email, err)
	}
	for _, g := range goals.Goals {
		c.state.goalIDs = append(c.state.goalIDs, g.ID)
		if len(g.Steps) > 0 {
			c.state.goals = append(c.state.goals, g)
		}
	}
	var page struct {
		Items []struct {
			BodyMarkdown string `json:"bodyMarkdown"`
		} `json:"items"`
	}
	if _, err := c.do(ctx, getRequest("GET /me/reflections", "/me/reflections"), &page); err != nil {
		return fmt.Errorf("load: %s: reflections: %w", c.email, err)
	}
	var text strings.Builder
	for _, it := range page.Items {
		text.WriteString(it.BodyMarkdown)
		text.WriteByte(' ')
	}
	c.state.searchWords = searchWords(text.String(), 5)
	return nil
}

// searchWords picks up to n distinct longer words from a text, in order of appearance: what someone searching
// their own logbook would type.
func searchWords(text string, n int) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) >= 7 && !slices.Contains(out, w) {
			out = append(out, w)
			if len(out) == n {
				break
			}
		}
	}
	return out
}

func (c *Client) discoverFacilitator(ctx context.Context, m me) error {
	var cohorts []string
	for _, g := range m.Grants {
		if g.Role != "facilitator" {
			continue
		}
		if g.CohortID != nil {
			cohorts = append(cohorts, *g.CohortID)
			continue
		}
		// A grant for the whole programme: its cohorts are those the facilitator runs.
		var list struct {
			Cohorts []cohortOverview `json:"cohorts"`
		}
		if _, err := c.do(ctx, getRequest("GET /programmes/{id}/cohorts", "/programmes/"+g.ProgrammeID+"/cohorts"), &list); err != nil {
			return fmt.Errorf("load: %s: cohorts of programme %s: %w", c.email, g.ProgrammeID, err)
		}
		for _, co := range list.Cohorts {
			if co.Status == "running" {
				cohorts = append(cohorts, co.ID)
			}
		}
	}
	cohortID, err := c.runningCohort(ctx, cohorts)
	if err != nil {
		return err
	}
	c.state.cohortID = cohortID
	var plan struct {
		Sessions []struct {
			ID       string    `json:"id"`
			StartsAt time.Time `json:"startsAt"`
			Status   string    `json:"status"`
		} `json:"sessions"`
	}
	if _, err := c.do(ctx, getRequest("GET /cohorts/{id}/sessions", "/cohorts/"+cohortID+"/sessions"), &plan); err != nil {
		return fmt.Errorf("load: %s: sessions: %w", c.email, err)
	}
	// Attendance is taken for sessions that have begun; upcoming ones (only "excused" possible) come after.
	var started, upcoming []string
	for _, s := range plan.Sessions {
		switch {
		case s.Status != "scheduled":
		case s.StartsAt.Before(time.Now()):
			started = append(started, s.ID)
		default:
			upcoming = append(upcoming, s.ID)
		}
	}
	slices.Reverse(started) // the most recent first
	c.state.sessionIDs = append(started, upcoming...)
	return nil
}

// partition spreads what clients change over the clients that could change the same thing: clients logged in
// as one participant share that person's goals, and facilitators of one cohort its sessions. Each takes every
// m-th, so no two clients save the same record at once (a version conflict, 412, would be a bug of the load
// generator, not of the server).
func partition(clients []*Client) {
	groups := map[string][]*Client{}
	for _, c := range clients {
		switch c.role {
		case Participant:
			groups["p"+c.userID] = append(groups["p"+c.userID], c)
		case Facilitator:
			groups["f"+c.state.cohortID] = append(groups["f"+c.state.cohortID], c)
		}
	}
	for _, group := range groups {
		m := len(group)
		for k, c := range group {
			c.state.goals = everyNth(c.state.goals, k, m)
			c.state.sessionIDs = everyNth(c.state.sessionIDs, k, m)
		}
	}
}

func everyNth[T any](list []T, k, m int) []T {
	var out []T
	for i := k; i < len(list); i += m {
		out = append(out, list[i])
	}
	return out
}

func getRequest(name, path string) request {
	return request{name: name, method: http.MethodGet, path: path, expect: http.StatusOK}
}

// withQuery appends query parameters to a path.
func withQuery(path string, q url.Values) string {
	return path + "?" + q.Encode()
}
