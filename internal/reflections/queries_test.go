package reflections_test

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"
)

// countQueries counts the statements the app runs from now on.
func countQueries(t *testing.T, db *gorm.DB) *atomic.Int64 {
	t.Helper()
	var n atomic.Int64
	count := func(*gorm.DB) { n.Add(1) }
	for name, err := range map[string]error{
		"row":   db.Callback().Row().After("gorm:row").Register("test:count_row", count),
		"raw":   db.Callback().Raw().After("gorm:raw").Register("test:count_raw", count),
		"query": db.Callback().Query().After("gorm:query").Register("test:count_query", count),
	} {
		if err != nil {
			t.Fatalf("register %s callback: %v", name, err)
		}
	}
	return &n
}

// A list costs the same number of statements whether it shows 4 reflections or 40: goals, modules, sessions and
// comment counts of a page are loaded together, never one reflection at a time.
func TestListsUseAConstantNumberOfQueries(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	n := countQueries(t, f.w.App.DB)
	measure := func(role, path string) int64 {
		t.Helper()
		before := n.Load()
		if r := f.do(t, role, http.MethodGet, path, nil, 0); r.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", path, r.StatusCode, r.Body)
		}
		return n.Load() - before
	}
	paths := []struct{ role, path string }{
		{"facilitator", f.shared() + "?limit=100"},
		{"other-participant", f.shared() + "?limit=100"},
		{"participant", "/me/reflections?limit=100"},
		{"participant", "/me/reflections?q=samenwerking"},
	}
	small := make([]int64, len(paths))
	for i, p := range paths {
		small[i] = measure(p.role, p.path)
	}
	var module string
	if err := f.w.App.DB.Raw(`SELECT id::text FROM modules WHERE cohort_id = ? AND position = 1`, f.w.Cohort).Row().Scan(&module); err != nil {
		t.Fatal(err)
	}
	session := f.w.App.Session(t, f.w.Cohort, 1, "Sessie", time.Now().AddDate(0, 0, -3), 2*time.Hour)
	for i := range 36 {
		r := f.create(t, "participant", map[string]any{"bodyMarkdown": fmt.Sprintf("Samenwerking %d", i), "visibility": "cohort",
			"moduleId": module, "sessionId": session.String(), "goalIds": []string{f.goals["participant"].String()}})
		f.do(t, "facilitator", http.MethodPost, "/reflections/"+r.ID.String()+"/comments", map[string]any{"body": "Goed"}, 0)
	}
	for i, p := range paths {
		if large := measure(p.role, p.path); large != small[i] {
			t.Errorf("%s as %s: %d statements for a few reflections, %d for many", p.path, p.role, small[i], large)
		} else {
			t.Logf("%s as %s: %d statements", p.path, p.role, large)
		}
	}
}
