package audit_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/audit"
	"github.com/vgs/leergang/internal/testapp"
)

// The answer is read back into the package's own types: the test checks the JSON the handler writes.
type (
	person = audit.Person
	line   = audit.Line
	page   = audit.Page
)

const searchPath = "/api/v1/admin/audit-log"

func search(t *testing.T, a *testapp.App, token, query string) *testapp.Response {
	t.Helper()
	return a.Do(t, testapp.Request{Method: http.MethodGet, Path: searchPath + query, Token: token})
}

func searchOK(t *testing.T, w *testapp.World, query string) page {
	t.Helper()
	r := search(t, w.App, w.Tokens["admin"], query)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", query, r.StatusCode, r.Body)
	}
	var p page
	r.JSON(t, &p)
	return p
}

// fixture is a log of nine lines in January 2020, apart from everything the World writes now.
type fixture struct {
	anna, bram, erased, gone, pieter, quinta uuid.UUID
	ids                                      map[string]int64 // L1 … L9
}

// window keeps the searches to the fixture's lines.
const window = "from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z"

func at(hour int) time.Time { return time.Date(2020, 1, 1, hour, 0, 0, 0, time.UTC) }

func insertLine(t *testing.T, a *testapp.App, when time.Time, actor, subject *uuid.UUID, action, objectType string, objectID *string) int64 {
	t.Helper()
	var id int64
	err := a.DB.Raw(`INSERT INTO audit_log (occurred_at, actor_user_id, subject_user_id, action, object_type, object_id,
			route, request_id, ip, detail)
		VALUES (?, ?, ?, ?, ?, ?, 'GET /api/v1/goals/:goalID', 'req-'||?, '192.0.2.7', '{"n": 1}') RETURNING id`,
		when, actor, subject, action, objectType, objectID, action).Row().Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func str(s string) *string { return &s }

func newFixture(t *testing.T, w *testapp.World) fixture {
	t.Helper()
	a := w.App
	f := fixture{ids: map[string]int64{}}
	f.anna = a.User(t, "anna@test.example", "Anna de Vries", true)
	f.bram = a.User(t, "bram@test.example", "Bram Jansen", false)
	f.erased = a.User(t, "erased@test.example", "Erik Gewist", false)
	f.gone = a.User(t, "gone@test.example", "Gerda Weg", false)
	f.pieter = a.User(t, "pieter@test.example", "Pieter Bakker", false)
	f.quinta = a.User(t, "quinta@test.example", "Quinta Smit", false)
	lines := []struct {
		name            string
		hour            int
		actor, subject  *uuid.UUID
		action, objType string
		objID           *string
	}{
		{"L1", 9, &f.anna, &f.pieter, "login.succeeded", "session", str("s1")},
		{"L2", 10, &f.anna, &f.pieter, "goal.read", "goal", str("g1")},
		{"L3", 11, &f.bram, &f.pieter, "goal.read", "goal", str("g2")},
		{"L4", 12, &f.bram, &f.quinta, "reflection.read", "reflection", str("r1")},
		{"L5", 13, nil, &f.quinta, "retention.purged", "cohort", str("c1")},
		{"L6", 14, &f.anna, nil, "login.failed", "user", nil},
		{"L7", 15, &f.erased, &f.gone, "goal.step_added", "goal", str("g1")},
		{"L8", 16, &f.anna, &f.pieter, "goals.read", "goals", str("c1")},
		// The same moment as L8 (one transaction): the id breaks the tie.
		{"L9", 16, &f.bram, &f.quinta, "goal.updated", "goal", str("g2")},
	}
	for _, l := range lines {
		f.ids[l.name] = insertLine(t, a, at(l.hour), l.actor, l.subject, l.action, l.objType, l.objID)
	}
	a.Exec(t, `UPDATE users SET erased_at = now(), name = 'Verwijderde gebruiker' WHERE id = ?`, f.erased)
	a.Exec(t, `DELETE FROM users WHERE id = ?`, f.gone)
	return f
}

func (f fixture) want(names ...string) []int64 {
	out := make([]int64, len(names))
	for i, n := range names {
		out[i] = f.ids[n]
	}
	return out
}

func ids(entries []line) []int64 {
	out := []int64{}
	for _, e := range entries {
		out = append(out, e.ID)
	}
	return out
}

// Every filter narrows the search on its own and together with the others; lines come newest first, ties by id.
func TestAuditSearchFiltersEachAndCombined(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	f := newFixture(t, w)
	cases := []struct {
		query string
		want  []string
	}{
		{"", []string{"L9", "L8", "L7", "L6", "L5", "L4", "L3", "L2", "L1"}},
		{"&actor=" + f.anna.String(), []string{"L8", "L6", "L2", "L1"}},
		{"&subject=" + f.pieter.String(), []string{"L8", "L3", "L2", "L1"}},
		{"&action=goal.read", []string{"L3", "L2"}},
		// A prefix: every action under goal., but not goals.read.
		{"&action=goal.", []string{"L9", "L7", "L3", "L2"}},
		{"&action=login.", []string{"L6", "L1"}},
		{"&action=goal.step_added.", []string{}},
		{"&action=goal.step", []string{}}, // without the dot it is an exact action
		{"&objectType=goal", []string{"L9", "L7", "L3", "L2"}},
		{"&objectId=g1", []string{"L7", "L2"}},
		{"&objectType=goals&objectId=c1", []string{"L8"}},
		{"&actor=" + f.bram.String() + "&action=goal.&objectId=g2", []string{"L9", "L3"}},
		{"&actor=" + f.bram.String() + "&subject=" + f.quinta.String(), []string{"L9", "L4"}},
		{"&actor=" + f.erased.String(), []string{"L7"}},
		{"&subject=" + f.gone.String(), []string{"L7"}},
		{"&actor=" + uuid.NewString(), []string{}},
	}
	for _, c := range cases {
		got := searchOK(t, w, "?"+window+c.query)
		if !slices.Equal(ids(got.Entries), f.want(c.want...)) || got.NextCursor != nil {
			t.Errorf("%s: ids %v (next %v), want %v = %v", c.query, ids(got.Entries), got.NextCursor, c.want, f.want(c.want...))
		}
	}
	// The period: from inclusive, to exclusive, in any offset.
	for query, want := range map[string][]string{
		"?from=2020-01-01T11:00:00Z&to=2020-01-01T13:00:00Z":                                 {"L4", "L3"},
		"?from=" + url.QueryEscape("2020-01-01T12:00:00+01:00") + "&to=2020-01-01T12:00:00Z": {"L3"},
		"?from=2020-01-01T12:00:00 01:00&to=2020-01-01T12:00:00Z":                            {"L3"}, // an unescaped '+'
		"?from=2020-01-01T15:30:00Z&to=2020-01-02T00:00:00Z":                                 {"L9", "L8"},
		"?from=2019-01-01T00:00:00Z&to=2020-01-01T10:00:00.000001Z":                          {"L2", "L1"},
	} {
		if got := searchOK(t, w, strings.ReplaceAll(query, " ", "%20")); !slices.Equal(ids(got.Entries), f.want(want...)) {
			t.Errorf("%s: ids %v, want %v", query, ids(got.Entries), want)
		}
	}
}

// Each line names its actor and subject as they are now, with the request it came from and its detail.
func TestAuditSearchNamesPeopleAndErasedPeople(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	f := newFixture(t, w)
	got := searchOK(t, w, "?"+window)
	byID := map[int64]line{}
	for _, e := range got.Entries {
		byID[e.ID] = e
	}
	l1 := byID[f.ids["L1"]]
	if *l1.Actor != (person{f.anna, "Anna de Vries", false}) || *l1.Subject != (person{f.pieter, "Pieter Bakker", false}) ||
		l1.Action != "login.succeeded" || l1.ObjectType != "session" || *l1.ObjectID != "s1" ||
		l1.Route != "GET /api/v1/goals/:goalID" || l1.RequestID != "req-login.succeeded" || *l1.IP != "192.0.2.7" ||
		string(l1.Detail) != `{"n":1}` || !l1.OccurredAt.Equal(at(9)) {
		t.Errorf("L1 %+v actor %+v subject %+v", l1, *l1.Actor, *l1.Subject)
	}
	// Erased (a tombstone) and deleted (no row at all) are both "Verwijderde gebruiker", with their id.
	l7 := byID[f.ids["L7"]]
	if *l7.Actor != (person{f.erased, "Verwijderde gebruiker", true}) || *l7.Subject != (person{f.gone, "Verwijderde gebruiker", true}) {
		t.Errorf("L7 actor %+v subject %+v", *l7.Actor, *l7.Subject)
	}
	// The system (no actor) and a line about nobody in particular (no subject).
	if l5 := byID[f.ids["L5"]]; l5.Actor != nil || *l5.Subject != (person{f.quinta, "Quinta Smit", false}) {
		t.Errorf("L5 actor %+v subject %+v", l5.Actor, l5.Subject)
	}
	if l6 := byID[f.ids["L6"]]; l6.Subject != nil || l6.ObjectID != nil || l6.Actor.ID != f.anna {
		t.Errorf("L6 %+v", l6)
	}
}

// Pages follow each other by the cursor, each line exactly once and in order, also with a filter, also while
// lines are written meanwhile, also across lines of one moment.
func TestAuditSearchPagesWithoutDuplicatesOrGaps(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	actor := a.User(t, "pager@test.example", "Pagina Lezer", false)
	for i := range 11 {
		// Pairs of lines share a moment; every third is a reflection read.
		insertLine(t, a, at(1+i/2), &actor, nil, []string{"goal.read", "reflection.read"}[i%3/2], "goal", nil)
	}
	// matching are the ids the filter finds now, in page order.
	matching := func(where string) []int64 {
		var out []int64
		a.DB.Raw(`SELECT id FROM audit_log a WHERE actor_user_id = ? AND `+where+`
			ORDER BY occurred_at DESC, id DESC`, actor).Scan(&out)
		return out
	}
	pageThrough := func(query string, limit int) (seen []int64, pages int) {
		q := "?" + query + "&limit=" + strconv.Itoa(limit)
		for {
			p := searchOK(t, w, q)
			if len(p.Entries) > limit {
				t.Fatalf("page of %d, limit %d", len(p.Entries), limit)
			}
			seen = append(seen, ids(p.Entries)...)
			pages++
			if pages == 1 {
				// A newer line written meanwhile does not shift the pages that follow.
				insertLine(t, a, at(23), &actor, nil, "reflection.read", "goal", nil)
			}
			if p.NextCursor == nil {
				return seen, pages
			}
			if pages > 20 {
				t.Fatal("too many pages")
			}
			q = "?" + query + "&limit=" + strconv.Itoa(limit) + "&cursor=" + url.QueryEscape(*p.NextCursor)
		}
	}
	for _, limit := range []int{1, 2, 3, 11, 200} {
		want := matching("true")
		seen, pages := pageThrough("actor="+actor.String(), limit)
		if !slices.Equal(seen, want) || pages != (len(want)+limit-1)/limit {
			t.Errorf("limit %d: %d pages, seen %v, want %v", limit, pages, seen, want)
		}
	}
	want := matching("starts_with(action, 'reflection.')")
	if seen, _ := pageThrough("actor="+actor.String()+"&action=reflection.", 2); !slices.Equal(seen, want) || len(want) != 3+5 {
		t.Errorf("reflection reads %v, want %v", seen, want)
	}
	// The default page is 50, the largest 200.
	for range 50 {
		insertLine(t, a, at(3), &actor, nil, "goal.read", "goal", nil)
	}
	if p := searchOK(t, w, "?actor="+actor.String()); len(p.Entries) != 50 || p.NextCursor == nil {
		t.Errorf("default page %d", len(p.Entries))
	}
	if p := searchOK(t, w, "?actor="+actor.String()+"&limit=200"); len(p.Entries) != 11+6+50 || p.NextCursor != nil {
		t.Errorf("page of 200: %d", len(p.Entries))
	}
}

// Searching is logged: who searched, and for what (the filters given, never the page's content).
func TestAuditSearchIsLogged(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	subject := w.Users["participant"]
	searchOK(t, w, "?subject="+subject.String()+"&action=goal.&from=2020-01-01T01:00:00%2B01:00&limit=5")
	var got []struct {
		ActorUserID   uuid.UUID
		SubjectUserID *uuid.UUID
		ObjectType    string
		Detail        string
		Route         string
	}
	a.DB.Raw(`SELECT actor_user_id, subject_user_id, object_type, detail::text AS detail, route FROM audit_log
		WHERE action = 'audit_log.searched'`).Scan(&got)
	if len(got) != 1 {
		t.Fatalf("searched lines %+v", got)
	}
	var detail map[string]any
	if err := json.Unmarshal([]byte(got[0].Detail), &detail); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"subject": subject.String(), "action": "goal.", "from": "2020-01-01T00:00:00Z"}
	if got[0].ActorUserID != w.Users["admin"] || got[0].SubjectUserID != nil || got[0].ObjectType != "audit_log" ||
		got[0].Route != "GET /api/v1/admin/audit-log" || len(detail) != len(want) {
		t.Fatalf("searched line %+v", got[0])
	}
	for k, v := range want {
		if detail[k] != v {
			t.Errorf("detail %s = %v, want %v", k, detail[k], v)
		}
	}
	// The next search finds the first one at the top.
	if p := searchOK(t, w, "?action=audit_log.searched"); len(p.Entries) != 1 || p.Entries[0].Actor.ID != w.Users["admin"] {
		t.Fatalf("searched lines %+v", p.Entries)
	}
	// A refused search is not a search.
	search(t, a, w.Tokens["participant"], "")
	search(t, a, w.Tokens["admin"], "?actor=bla")
	var n int
	a.DB.Raw(`SELECT count(*) FROM audit_log WHERE action = 'audit_log.searched'`).Row().Scan(&n)
	if n != 2 {
		t.Fatalf("%d searched lines, want 2", n)
	}
}

// Only admins search the log.
func TestOnlyAdminsSearchTheAuditLog(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	for _, role := range append(slices.Clone(testapp.Roles), "anonymous") {
		want := http.StatusForbidden
		switch role {
		case "admin":
			want = http.StatusOK
		case "anonymous":
			want = http.StatusUnauthorized
		}
		// A bad query does not tell a non-admin more than "no".
		for _, q := range []string{"", "?actor=bla"} {
			r := search(t, w.App, w.Tokens[role], q)
			if role == "admin" && q != "" {
				want = http.StatusUnprocessableEntity
			}
			if r.StatusCode != want {
				t.Errorf("%s %s: %d, want %d: %s", role, q, r.StatusCode, want, r.Body)
			}
		}
	}
}

// Bad filters are refused field by field; nothing is searched.
func TestAuditSearchValidatesEachField(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	long := func(n int) string { return strings.Repeat("x", n) }
	cases := map[string]string{
		"?actor=bla":                        "actor",
		"?subject=" + uuid.NewString()[:35]: "subject",
		"?action=Login.failed":              "action",
		"?action=login..failed":             "action",
		"?action=.login":                    "action",
		"?action=login%25":                  "action",
		"?action=" + long(101):              "action",
		"?objectType=" + long(61):           "objectType",
		"?objectId=" + long(201):            "objectId",
		"?from=gisteren":                    "from",
		"?to=2020-01-01":                    "to",
		"?from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z": "to",
		"?from=2020-01-01T00:00:00Z&to=2020-01-01T00:00:00Z": "to",
		"?cursor=bla":  "cursor",
		"?cursor=MTIz": "cursor",
		"?limit=0":     "limit",
		"?limit=201":   "limit",
		"?limit=veel":  "limit",
	}
	for q, field := range cases {
		r := search(t, w.App, w.Tokens["admin"], q)
		if r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %s", q, r.StatusCode, r.Body)
			continue
		}
		if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != field {
			t.Errorf("%s: %+v", q, p.Errors)
		}
	}
	// All at once: every field named.
	r := search(t, w.App, w.Tokens["admin"], "?actor=x&subject=y&action=X&from=z&to=z&cursor=c&limit=-1")
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("%d %s", r.StatusCode, r.Body)
	}
	var fields []string
	for _, e := range r.Problem(t).Errors {
		fields = append(fields, e.Field)
	}
	if want := []string{"actor", "subject", "action", "from", "to", "limit", "cursor"}; !slices.Equal(fields, want) {
		t.Fatalf("fields %v, want %v", fields, want)
	}
	// Allowed at the limits.
	searchOK(t, w, "?action="+strings.Repeat("a", 99)+".&objectType="+long(60)+"&objectId="+long(200)+"&limit=200")
}
