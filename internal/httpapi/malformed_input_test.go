package httpapi_test

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/vgs/leergang/internal/testapp"
)

// Bad input (issue 8): every operation of api/openapi.yaml gets malformed requests — ids that are no ids in its
// path, and for operations with a body: the wrong content type, broken JSON, the wrong type at the top and in
// the fields, invalid UTF-8, deep nesting and a body over the limit. Each must be answered with a 4xx
// problem+json, never a 5xx, and together they must write nothing.

// malformedBodies are the bodies sent to every operation that takes one, with their content type.
func malformedBodies() map[string]struct {
	contentType string
	body        []byte
} {
	deep := strings.Repeat(`{"a":`, 10_000) + "1" + strings.Repeat("}", 10_000)
	wrongTypes := `{"title": {"x": 1}, "name": [1], "email": 12, "body": false, "status": 3, "version": "een",
		"startsAt": true, "answers": "veel", "items": {}, "records": "x", "visibility": 7, "goalIds": "x"}`
	return map[string]struct {
		contentType string
		body        []byte
	}{
		"text/plain":          {"text/plain", []byte(`{}`)},
		"broken JSON":         {"application/json", []byte(`{"title": "Leer`)},
		"array at the top":    {"application/json", []byte(`[]`)},
		"string at the top":   {"application/json", []byte(`"tekst"`)},
		"wrong field types":   {"application/json", []byte(wrongTypes)},
		"unknown field":       {"application/json", []byte(`{"bestaatNiet": 1}`)},
		"invalid UTF-8":       {"application/json", []byte("{\"title\": \"\xff\xfe\xfd\", \"name\": \"\xc3\x28\"}")},
		"nested 10,000 deep":  {"application/json", []byte(deep)},
		"over the body limit": {"application/json", []byte(`{"title": "` + strings.Repeat("x", 2<<20) + `"}`)},
	}
}

// badIDs replace path parameters: not an id, an unknown id, and text meant to confuse a router or a parser.
var badIDs = []string{"geen-id", "00000000-0000-0000-0000-000000000000", "%00", "1%20OR%201=1", strings.Repeat("9", 300)}

func TestMalformedRequestsGetAProblemAndWriteNothing(t *testing.T) {
	ops := matrixOperations(t)
	sort.Slice(ops, func(i, j int) bool { return ops[i].Path+ops[i].Method < ops[j].Path+ops[j].Method })
	f := &matrixFixture{World: testapp.NewWorld(t), t: t}
	f.refresh()
	before := rowCounts(t, f.App)

	check := func(what string, r *testapp.Response) {
		t.Helper()
		if r.StatusCode < 400 || r.StatusCode >= 500 {
			t.Errorf("%s: %d, want a 4xx: %.300s", what, r.StatusCode, r.Body)
			return
		}
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
			t.Errorf("%s: %d with Content-Type %q, want application/problem+json", what, r.StatusCode, ct)
		}
	}
	requests := 0
	for _, op := range ops {
		role := callerOf(op)
		token := f.Tokens[role]
		if pathParam.MatchString(op.Path) {
			for _, bad := range badIDs {
				path := pathParam.ReplaceAllString(op.Path, bad)
				req := testapp.Request{Method: op.Method, Path: path, Token: token, Headers: map[string]string{"If-Match": `"1"`}}
				if op.HasBody {
					req.Body = map[string]any{}
				}
				check(fmt.Sprintf("%s %s as %s", op.Method, path, role), f.App.Do(t, req))
				requests++
			}
		}
		if !op.HasBody {
			continue
		}
		path := f.fill(op.Path)
		for name, b := range malformedBodies() {
			r := f.App.Do(t, testapp.Request{Method: op.Method, Path: path, Token: token, Body: b.body,
				Headers: map[string]string{"Content-Type": b.contentType, "If-Match": `"1"`}})
			check(fmt.Sprintf("%s %s as %s, %s", op.Method, op.Path, role, name), r)
			requests++
		}
	}
	after := rowCounts(t, f.App)
	for table, n := range before {
		if after[table] != n {
			t.Errorf("%s: %d rows before the malformed requests, %d after", table, n, after[table])
		}
	}
	t.Logf("%d malformed requests to %d operations", requests, len(ops))
}

// callerOf is a role that may call the operation, so that its input, not its access rule, is what answers.
func callerOf(op specOperation) string {
	for _, a := range op.Access {
		if a == "public" {
			return "anonymous"
		}
		if a != "anonymous" {
			return a
		}
	}
	return "admin"
}

// rowCounts counts the rows of every table but the rate limits (each request spends from a budget).
func rowCounts(t *testing.T, a *testapp.App) map[string]int64 {
	t.Helper()
	var tables []string
	if err := a.DB.Raw(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'
		AND tablename NOT IN ('rate_limits', 'goose_db_version') ORDER BY tablename`).Scan(&tables).Error; err != nil {
		t.Fatal(err)
	}
	var q bytes.Buffer
	for i, table := range tables {
		if i > 0 {
			q.WriteString(" UNION ALL ")
		}
		fmt.Fprintf(&q, "SELECT '%s' AS name, count(*) AS n FROM %q", table, table)
	}
	var rows []struct {
		Name string
		N    int64
	}
	if err := a.DB.Raw(q.String()).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	counts := map[string]int64{}
	for _, r := range rows {
		counts[r.Name] = r.N
	}
	return counts
}

// A query that is no text (a NUL byte, broken UTF-8) is the client's mistake, not a database error.
func TestAQueryThatIsNoTextIsABadRequest(t *testing.T) {
	w := testapp.NewWorld(t)
	for _, q := range []string{"%00", "%ff%fe", "abc%00def", "%zz"} {
		r := w.App.Do(t, testapp.Request{Method: "GET", Path: "/api/v1/me/reflections?q=" + q, Token: w.Tokens["participant"]})
		if r.StatusCode != 400 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
			t.Errorf("q=%s: %d %s, want a 400 problem", q, r.StatusCode, r.Header.Get("Content-Type"))
		}
	}
	if r := w.App.Do(t, testapp.Request{Method: "GET", Path: "/api/v1/me/reflections?q=samenwerking", Token: w.Tokens["participant"]}); r.StatusCode != 200 {
		t.Errorf("a readable query: %d", r.StatusCode)
	}
}
