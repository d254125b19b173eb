package reflections_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
)

func detailOf(t *testing.T, raw string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestFacilitatorReadsAreLoggedForTheAuthor(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	participant, other := f.w.Users["participant"], f.w.Users["other-participant"]

	// Reads that are not logged: the author's own, and fellow participants' (they are not staff).
	f.page(t, "participant", f.shared())
	f.page(t, "participant", "/me/reflections")
	f.page(t, "participant", "/me/reflections?q=samenwerking")
	f.get(t, "participant", f.refl["participant/private"])
	f.page(t, "other-participant", f.shared())
	f.get(t, "other-participant", f.refl["participant/cohort"])
	if rows := f.auditRows(t, "reflections.read", "reflection.read"); len(rows) != 0 {
		t.Fatalf("reads by participants were logged: %+v", rows)
	}

	// A facilitator's list: one entry per author on the page, with how many of theirs it showed.
	f.page(t, "facilitator", f.shared())
	rows := f.auditRows(t, "reflections.read")
	if len(rows) != 2 {
		t.Fatalf("list read: %d entries, want 2: %+v", len(rows), rows)
	}
	for _, r := range rows {
		if r.Actor != f.w.Users["facilitator"] || (r.Subject != participant && r.Subject != other) ||
			r.Object != f.w.Cohort.String() || detailOf(t, r.Detail)["count"] != float64(2) {
			t.Errorf("list read entry: %+v", r)
		}
	}
	if rows[0].Subject == rows[1].Subject {
		t.Errorf("two entries for one author")
	}
	var route string
	if err := f.w.App.DB.Raw(`SELECT route FROM audit_log WHERE action = 'reflections.read' LIMIT 1`).Row().Scan(&route); err != nil ||
		route != "GET /api/v1/cohorts/:cohortID/reflections" {
		t.Errorf("route %q (%v)", route, err)
	}

	// Filtered to one author: one entry; a page without anyone's reflections: none.
	f.page(t, "programme-facilitator", f.shared()+"?authorId="+participant.String())
	f.page(t, "programme-facilitator", f.shared()+"?authorId="+uuid.NewString())
	rows = f.auditRows(t, "reflections.read")
	if len(rows) != 3 || rows[2].Actor != f.w.Users["programme-facilitator"] || rows[2].Subject != participant {
		t.Fatalf("filtered list read: %+v", rows)
	}

	// A facilitator's detail read.
	f.get(t, "programme-facilitator", f.refl["other-participant/facilitators"])
	rows = f.auditRows(t, "reflection.read")
	if len(rows) != 1 || rows[0].Actor != f.w.Users["programme-facilitator"] || rows[0].Subject != other ||
		rows[0].Object != f.refl["other-participant/facilitators"].String() {
		t.Fatalf("detail read: %+v", rows)
	}
	// A refused read is no read.
	f.do(t, "facilitator", http.MethodGet, "/reflections/"+f.refl["participant/private"].String(), nil, 0)
	f.do(t, "admin", http.MethodGet, f.shared(), nil, 0)
	if rows := f.auditRows(t, "reflections.read", "reflection.read"); len(rows) != 4 {
		t.Errorf("refused reads were logged: %+v", rows)
	}
}

func TestChangesAreLoggedWithoutContent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	participant := f.w.Users["participant"]
	created := f.auditRows(t, "reflection.created")
	if len(created) != 6 {
		t.Fatalf("%d reflection.created entries, want 6", len(created))
	}
	for _, r := range created {
		if r.Actor != r.Subject || (r.Actor != participant && r.Actor != f.w.Users["other-participant"]) {
			t.Errorf("created entry: %+v", r)
		}
	}

	id := f.refl["participant/cohort"]
	if r := f.do(t, "participant", http.MethodPatch, "/reflections/"+id.String(),
		map[string]any{"title": "Geheim", "visibility": "facilitators", "bodyMarkdown": "Nieuwe geheime tekst"}, 1); r.StatusCode != http.StatusOK {
		t.Fatalf("patch: %d %s", r.StatusCode, r.Body)
	}
	rows := f.auditRows(t, "reflection.updated")
	if len(rows) != 1 || rows[0].Actor != participant || rows[0].Subject != participant || rows[0].Object != id.String() {
		t.Fatalf("updated: %+v", rows)
	}
	d := detailOf(t, rows[0].Detail)
	fields, _ := d["fields"].([]any)
	if !slices.Equal(fields, []any{"title", "bodyMarkdown", "visibility"}) || d["visibilityFrom"] != "cohort" || d["visibilityTo"] != "facilitators" {
		t.Errorf("updated detail: %v", d)
	}

	base := "/reflections/" + id.String() + "/comments"
	r := f.do(t, "facilitator", http.MethodPost, base, map[string]any{"body": "Vertrouwelijke reactie"}, 0)
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("comment: %d %s", r.StatusCode, r.Body)
	}
	var c struct{ ID uuid.UUID }
	r.JSON(t, &c)
	f.do(t, "facilitator", http.MethodPatch, base+"/"+c.ID.String(), map[string]any{"body": "Aangepaste reactie"}, 1)
	f.do(t, "participant", http.MethodDelete, base+"/"+c.ID.String(), nil, 2)
	rows = f.auditRows(t, "comment.created", "comment.updated", "comment.deleted")
	want := []struct {
		action string
		actor  uuid.UUID
	}{{"comment.created", f.w.Users["facilitator"]}, {"comment.updated", f.w.Users["facilitator"]}, {"comment.deleted", participant}}
	if len(rows) != len(want) {
		t.Fatalf("comment entries: %+v", rows)
	}
	for i, w := range want {
		if rows[i].Action != w.action || rows[i].Actor != w.actor || rows[i].Subject != participant || rows[i].Object != c.ID.String() ||
			detailOf(t, rows[i].Detail)["reflectionId"] != id.String() {
			t.Errorf("entry %d: %+v", i, rows[i])
		}
	}

	if r := f.do(t, "participant", http.MethodDelete, "/reflections/"+id.String(), nil, 2); r.StatusCode != http.StatusNoContent {
		t.Fatalf("delete: %d %s", r.StatusCode, r.Body)
	}
	if rows := f.auditRows(t, "reflection.deleted"); len(rows) != 1 || rows[0].Object != id.String() || rows[0].Subject != participant {
		t.Fatalf("deleted: %+v", rows)
	}

	var details []string
	if err := f.w.App.DB.Raw(`SELECT detail::text FROM audit_log`).Scan(&details).Error; err != nil {
		t.Fatal(err)
	}
	for _, d := range details {
		for _, word := range []string{"samenwerking", "Geheim", "geheime", "reactie", "Vertrouwelijke"} {
			if strings.Contains(d, word) {
				t.Errorf("audit detail holds content %q: %s", word, d)
			}
		}
	}
}
