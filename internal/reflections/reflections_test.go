package reflections_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/reflections"
)

func TestPrivateReflectionInvisibleToAdmin(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	private := f.refl["participant/private"]
	// The author's own comment on it, which nobody else may see either.
	r := f.do(t, "participant", http.MethodPost, "/reflections/"+private.String()+"/comments", map[string]any{"body": "Notitie aan mezelf"}, 0)
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("comment: %d %s", r.StatusCode, r.Body)
	}
	var own reflections.Comment
	r.JSON(t, &own)

	check := func(t *testing.T) {
		t.Helper()
		if r := f.do(t, "admin", http.MethodGet, "/reflections/"+private.String(), nil, 0); r.StatusCode != http.StatusNotFound {
			t.Errorf("detail: %d, want 404", r.StatusCode)
		}
		if r := f.do(t, "admin", http.MethodPost, "/reflections/"+private.String()+"/comments", map[string]any{"body": "x"}, 0); r.StatusCode != http.StatusNotFound {
			t.Errorf("comment: %d, want 404", r.StatusCode)
		}
		path := "/reflections/" + private.String() + "/comments/" + own.ID.String()
		if r := f.do(t, "admin", http.MethodPatch, path, map[string]any{"body": "x"}, 1); r.StatusCode != http.StatusNotFound {
			t.Errorf("edit comment: %d, want 404", r.StatusCode)
		}
		if r := f.do(t, "admin", http.MethodDelete, path, nil, 1); r.StatusCode != http.StatusNotFound {
			t.Errorf("delete comment: %d, want 404", r.StatusCode)
		}
		for _, p := range []string{"/me/reflections", "/me/reflections?q=samenwerking"} {
			if items := f.page(t, "admin", p).Items; len(items) != 0 {
				t.Errorf("%s: %v", p, f.names(items))
			}
		}
		if r := f.do(t, "admin", http.MethodGet, "/reflections/"+private.String(), nil, 0); strings.Contains(string(r.Body), "samenwerking") {
			t.Errorf("the refusal shows content: %s", r.Body)
		}
	}
	t.Run("admin", check)
	// Not even an admin who also facilitates the cohort: they read what is shared with facilitators, no more.
	f.w.App.Grant(t, f.w.Users["admin"], "facilitator", nil, &f.w.Cohort)
	f.w.Tokens["admin"], _ = f.w.App.Login(t, "admin@test.example")
	t.Run("admin facilitating the cohort", func(t *testing.T) {
		check(t)
		got := f.names(f.page(t, "admin", f.shared()).Items)
		if want := sorted(readable["facilitator"]...); !slices.Equal(got, want) {
			t.Errorf("shared list: %v, want %v", got, want)
		}
	})
}

func TestMakingAReflectionPrivateHidesItAndItsCommentsAtOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.refl["participant/cohort"]
	comments := map[string]reflections.Comment{}
	for _, role := range []string{"other-participant", "facilitator"} {
		r := f.do(t, role, http.MethodPost, "/reflections/"+id.String()+"/comments", map[string]any{"body": "Mooi, " + role}, 0)
		if r.StatusCode != http.StatusCreated {
			t.Fatalf("%s comments: %d %s", role, r.StatusCode, r.Body)
		}
		var c reflections.Comment
		r.JSON(t, &c)
		comments[role] = c
	}
	r := f.do(t, "participant", http.MethodPatch, "/reflections/"+id.String(), map[string]any{"visibility": "private"}, 1)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("make private: %d %s", r.StatusCode, r.Body)
	}
	for role, c := range comments {
		if r := f.do(t, role, http.MethodGet, "/reflections/"+id.String(), nil, 0); r.StatusCode != http.StatusNotFound {
			t.Errorf("%s still reads it: %d", role, r.StatusCode)
		}
		if slices.Contains(f.names(f.page(t, role, f.shared()).Items), "participant/cohort") {
			t.Errorf("%s still lists it", role)
		}
		path := "/reflections/" + id.String() + "/comments/" + c.ID.String()
		if r := f.do(t, role, http.MethodPatch, path, map[string]any{"body": "Toch nog"}, c.Version); r.StatusCode != http.StatusNotFound {
			t.Errorf("%s edits its comment: %d", role, r.StatusCode)
		}
		if r := f.do(t, role, http.MethodDelete, path, nil, c.Version); r.StatusCode != http.StatusNotFound {
			t.Errorf("%s deletes its comment: %d", role, r.StatusCode)
		}
		if r := f.do(t, role, http.MethodPost, "/reflections/"+id.String()+"/comments", map[string]any{"body": "Nog één"}, 0); r.StatusCode != http.StatusNotFound {
			t.Errorf("%s comments again: %d", role, r.StatusCode)
		}
	}
	// The author keeps everything, comments included.
	if d := f.get(t, "participant", id); len(d.Comments) != 2 || d.Visibility != "private" || d.Version != 2 {
		t.Errorf("author sees %d comments, visibility %s, version %d", len(d.Comments), d.Visibility, d.Version)
	}
}

func TestCommentRules(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.refl["participant/cohort"]
	base := "/reflections/" + id.String() + "/comments"
	add := func(role, body string) reflections.Comment {
		t.Helper()
		r := f.do(t, role, http.MethodPost, base, map[string]any{"body": body}, 0)
		if r.StatusCode != http.StatusCreated {
			t.Fatalf("%s comments: %d %s", role, r.StatusCode, r.Body)
		}
		if r.Header.Get("ETag") != `"1"` {
			t.Errorf("ETag %q", r.Header.Get("ETag"))
		}
		var c reflections.Comment
		r.JSON(t, &c)
		return c
	}
	byOther := add("other-participant", "  Herkenbaar!  ")
	byFacilitator := add("facilitator", "Bespreken we volgende keer.")
	if byOther.Body != "Herkenbaar!" || !byOther.Mine || byOther.Deleted || byOther.Author.ID != f.w.Users["other-participant"] {
		t.Errorf("created comment: %+v", byOther)
	}

	path := func(c reflections.Comment) string { return base + "/" + c.ID.String() }
	status := func(role, method, p string, body any, version int) int {
		t.Helper()
		return f.do(t, role, method, p, body, version).StatusCode
	}
	// Editing is for the comment's author only, based on its version.
	if s := status("participant", http.MethodPatch, path(byOther), map[string]any{"body": "Anders"}, 1); s != http.StatusForbidden {
		t.Errorf("reflection author edits someone's comment: %d, want 403", s)
	}
	if s := status("facilitator", http.MethodPatch, path(byOther), map[string]any{"body": "Anders"}, 1); s != http.StatusForbidden {
		t.Errorf("facilitator edits someone's comment: %d, want 403", s)
	}
	if s := status("other-participant", http.MethodPatch, path(byOther), map[string]any{"body": "Anders"}, 0); s != http.StatusPreconditionRequired {
		t.Errorf("edit without If-Match: %d, want 428", s)
	}
	if s := status("other-participant", http.MethodPatch, path(byOther), map[string]any{"body": ""}, 1); s != http.StatusUnprocessableEntity {
		t.Errorf("empty comment: %d, want 422", s)
	}
	if s := status("other-participant", http.MethodPatch, path(byOther), map[string]any{"body": strings.Repeat("x", 10001)}, 1); s != http.StatusUnprocessableEntity {
		t.Errorf("comment too long: %d, want 422", s)
	}
	r := f.do(t, "other-participant", http.MethodPatch, path(byOther), map[string]any{"body": "Heel herkenbaar!"}, 1)
	if r.StatusCode != http.StatusOK || r.Header.Get("ETag") != `"2"` {
		t.Fatalf("edit own comment: %d %s %s", r.StatusCode, r.Header.Get("ETag"), r.Body)
	}
	if s := status("other-participant", http.MethodPatch, path(byOther), map[string]any{"body": "Weer anders"}, 1); s != http.StatusPreconditionFailed {
		t.Errorf("stale edit: %d, want 412", s)
	}
	// Removing: one's own comment, or any comment on one's own reflection; nobody else.
	if s := status("facilitator", http.MethodDelete, path(byOther), nil, 2); s != http.StatusForbidden {
		t.Errorf("facilitator removes someone's comment: %d, want 403", s)
	}
	if s := status("participant", http.MethodDelete, path(byOther), nil, 1); s != http.StatusPreconditionFailed {
		t.Errorf("stale removal: %d, want 412", s)
	}
	if s := status("participant", http.MethodDelete, path(byOther), nil, 2); s != http.StatusNoContent {
		t.Errorf("reflection author removes a comment: %d, want 204", s)
	}
	if s := status("facilitator", http.MethodDelete, path(byFacilitator), nil, 1); s != http.StatusNoContent {
		t.Errorf("commenter removes own comment: %d, want 204", s)
	}
	// A removed comment keeps its place without its text, and can be neither edited nor removed again.
	if s := status("other-participant", http.MethodPatch, path(byOther), map[string]any{"body": "Terug"}, 3); s != http.StatusConflict {
		t.Errorf("edit a removed comment: %d, want 409", s)
	}
	if s := status("participant", http.MethodDelete, path(byOther), nil, 3); s != http.StatusConflict {
		t.Errorf("remove again: %d, want 409", s)
	}
	d := f.get(t, "facilitator", id)
	if len(d.Comments) != 2 || d.CommentCount != 0 {
		t.Fatalf("thread: %d comments, count %d", len(d.Comments), d.CommentCount)
	}
	for _, c := range d.Comments {
		if !c.Deleted || c.Body != "" {
			t.Errorf("removed comment shows %+v", c)
		}
	}
	var stored int
	if err := f.w.App.DB.Raw(`SELECT count(*) FROM reflection_comments WHERE body LIKE '%erkenbaar%' OR body LIKE '%Bespreken%'`).Row().Scan(&stored); err != nil || stored != 0 {
		t.Errorf("the text of removed comments is still stored (%d rows, %v)", stored, err)
	}
	// A comment is addressed under its own reflection only.
	other := f.refl["other-participant/cohort"]
	if s := status("facilitator", http.MethodPatch, "/reflections/"+other.String()+"/comments/"+byFacilitator.ID.String(), map[string]any{"body": "x"}, 1); s != http.StatusNotFound {
		t.Errorf("comment under another reflection: %d, want 404", s)
	}
	if s := status("facilitator", http.MethodPatch, base+"/not-a-uuid", map[string]any{"body": "x"}, 1); s != http.StatusNotFound {
		t.Errorf("bad comment id: %d, want 404", s)
	}
}

func TestKeysetPaginationHasNoDuplicatesOrGaps(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// 45 more reflections shared with the cohort, with many on the same day and some written at the same instant,
	// so that the order rests on every part of the key.
	created := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	want := map[uuid.UUID]bool{}
	for i := range 45 {
		var id uuid.UUID
		day := fmt.Sprintf("2026-10-%02d", 1+i/10)
		at := created.Add(time.Duration(i/3) * time.Minute)
		if err := f.w.App.DB.Raw(`INSERT INTO reflections (author_id, cohort_id, written_on, body_markdown, visibility, created_at)
			VALUES (?, ?, ?, ?, 'cohort', ?) RETURNING id`, f.w.Users["participant"], f.w.Cohort, day,
			fmt.Sprintf("Reflectie nummer %d", i), at).Row().Scan(&id); err != nil {
			t.Fatal(err)
		}
		want[id] = true
	}
	for _, tc := range []struct{ role, path string }{
		{"participant", "/me/reflections?visibility=cohort&limit=10"},
		{"facilitator", f.shared() + "?authorId=" + f.w.Users["participant"].String() + "&limit=7"},
		{"other-participant", f.shared() + "?limit=100"},
	} {
		seen := map[uuid.UUID]bool{}
		var all []reflections.Reflection
		path, pages := tc.path, 0
		for {
			p := f.page(t, tc.role, path)
			pages++
			all = append(all, p.Items...)
			for _, it := range p.Items {
				if seen[it.ID] {
					t.Fatalf("%s: %s appears twice", tc.path, it.ID)
				}
				seen[it.ID] = true
			}
			if p.NextCursor == nil {
				break
			}
			path = tc.path + "&cursor=" + url.QueryEscape(*p.NextCursor)
			if pages > 20 {
				t.Fatal("no end to the pages")
			}
		}
		for id := range want {
			if !seen[id] {
				t.Errorf("%s: %s is missing", tc.path, id)
			}
		}
		for i := 1; i < len(all); i++ {
			a, b := all[i-1], all[i]
			if a.WrittenOn < b.WrittenOn || (a.WrittenOn == b.WrittenOn && a.CreatedAt.Before(b.CreatedAt)) {
				t.Fatalf("%s: not newest first at %d: %s %s before %s %s", tc.path, i, a.WrittenOn, a.CreatedAt, b.WrittenOn, b.CreatedAt)
			}
		}
		// Rows written by SQL have no stored rendering: it is made when read.
		for _, it := range all {
			if want[it.ID] && !strings.HasPrefix(it.BodyHTML, "<p>Reflectie nummer") {
				t.Fatalf("bodyHtml %q", it.BodyHTML)
			}
		}
		t.Logf("%s: %d items in %d pages", tc.path, len(all), pages)
	}
	for _, bad := range []string{"abc", "bm90LWEtY3Vyc29y", url.QueryEscape("2026-10-01|x|y")} {
		r := f.do(t, "participant", http.MethodGet, "/me/reflections?cursor="+bad, nil, 0)
		if fields := f.problemFields(t, r); !slices.Equal(fields, []string{"cursor"}) {
			t.Errorf("cursor %q: fields %v", bad, fields)
		}
		r = f.do(t, "facilitator", http.MethodGet, f.shared()+"?cursor="+bad, nil, 0)
		if fields := f.problemFields(t, r); !slices.Equal(fields, []string{"cursor"}) {
			t.Errorf("shared, cursor %q: fields %v", bad, fields)
		}
	}
}

// New reflections go into the search indexes at once: a GIN pending list would be scanned in full by every search
// (migration 00024).
func TestSearchIndexesKeepNoPendingList(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var indexes []struct{ Name, Options string }
	err := f.w.App.DB.Raw(`SELECT c.relname AS name, array_to_string(c.reloptions, ',') AS options
		FROM pg_class c WHERE c.relname IN ('reflections_search_idx', 'reflections_author_search_idx') ORDER BY 1`).
		Scan(&indexes).Error
	if err != nil {
		t.Fatal(err)
	}
	if len(indexes) != 2 {
		t.Fatalf("search indexes: %+v", indexes)
	}
	for _, ix := range indexes {
		if ix.Options != "fastupdate=off" {
			t.Errorf("%s: options %q, want fastupdate=off", ix.Name, ix.Options)
		}
	}
}

func TestSearchStemsDutch(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	hit := f.create(t, "participant", map[string]any{"title": "Netwerken in de regio",
		"bodyMarkdown": "Vandaag **samenwerking** met de buurgemeenten besproken. Samenwerking vraagt vertrouwen, " +
			"en samenwerken kost tijd. Zie [de notitie](https://vng.nl).", "writtenOn": "2026-09-01"})
	other := f.create(t, "participant", map[string]any{"bodyMarkdown": "Over informatieveiligheid en de CISO."})
	search := func(q string) reflections.Page {
		t.Helper()
		return f.page(t, "participant", "/me/reflections?q="+url.QueryEscape(q))
	}

	p := search("samenwerken")
	if len(p.Items) != 4 || p.Items[0].ID != hit.ID || p.NextCursor != nil {
		t.Fatalf("samenwerken: %d hits, first %s (want %s first)", len(p.Items), p.Items[0].ID, hit.ID)
	}
	snippet := p.Items[0].Snippet
	if !strings.Contains(snippet, "samenwerking") || strings.ContainsAny(snippet, "*[]<>") {
		t.Errorf("snippet %q should show the match as plain text", snippet)
	}
	if got := search("netwerk"); len(got.Items) != 1 || got.Items[0].ID != hit.ID {
		t.Errorf("netwerk (title): %v", got.Items)
	}
	if got := search("CISO informatieveiligheid"); len(got.Items) != 1 || got.Items[0].ID != other.ID {
		t.Errorf("two words: %v", got.Items)
	}
	if got := search(`samenwerking -vertrouwen`); len(got.Items) != 3 || slices.ContainsFunc(got.Items,
		func(r reflections.Reflection) bool { return r.ID == hit.ID }) {
		t.Errorf("web search syntax (-word): %d hits", len(got.Items))
	}
	for _, q := range []string{"de het een", `"(&!:*`, "'; DROP TABLE reflections; --"} {
		if got := search(q); len(got.Items) != 0 {
			t.Errorf("%q: %d hits", q, len(got.Items))
		}
	}
	// A row written by SQL (the demo data) has no stored plain text; its passage is still shown without markup.
	f.w.App.Exec(t, `INSERT INTO reflections (author_id, cohort_id, body_markdown) VALUES (?, ?, ?)`,
		f.w.Users["participant"], f.w.Cohort, "Een **verbinding** met [de regio](https://regio.example) gelegd.")
	if got := search("verbinding"); len(got.Items) != 1 || !strings.Contains(got.Items[0].Snippet, "verbinding met de regio gelegd") ||
		strings.ContainsAny(got.Items[0].Snippet, "*[]()") {
		t.Errorf("snippet of a row without plain text: %+v", got.Items)
	}
	f.w.App.Exec(t, `DELETE FROM reflections WHERE body_markdown LIKE 'Een **verbinding**%'`)
	// Empty after trimming is no search: the logbook as usual, with pages.
	if got := search("   "); len(got.Items) != 5 || got.Items[0].Snippet != "" {
		t.Errorf("blank q: %d items", len(got.Items))
	}
	if got := f.page(t, "participant", "/me/reflections?q=samenwerken&limit=2"); len(got.Items) != 2 {
		t.Errorf("limit with q: %d", len(got.Items))
	}
	r := f.do(t, "participant", http.MethodGet, "/me/reflections?q="+strings.Repeat("a", 201), nil, 0)
	if fields := f.problemFields(t, r); !slices.Equal(fields, []string{"q"}) {
		t.Errorf("long q: %v", fields)
	}
	r = f.do(t, "participant", http.MethodGet, "/me/reflections?q=a&limit=51", nil, 0)
	if fields := f.problemFields(t, r); !slices.Equal(fields, []string{"limit"}) {
		t.Errorf("search limit over 50: %v", fields)
	}
}

func TestMyReflectionsFilters(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var module uuid.UUID
	if err := f.w.App.DB.Raw(`SELECT id FROM modules WHERE cohort_id = ? AND position = 1`, f.w.Cohort).Row().Scan(&module); err != nil {
		t.Fatal(err)
	}
	inModule := f.create(t, "participant", map[string]any{"bodyMarkdown": "In module 1", "moduleId": module.String()})
	ids := func(path string) []uuid.UUID {
		var out []uuid.UUID
		for _, it := range f.page(t, "participant", path).Items {
			out = append(out, it.ID)
		}
		return out
	}
	if got := ids("/me/reflections?moduleId=" + module.String()); !slices.Equal(got, []uuid.UUID{inModule.ID}) {
		t.Errorf("moduleId: %v", got)
	}
	if got := ids("/me/reflections?visibility=facilitators"); !slices.Equal(got, []uuid.UUID{f.refl["participant/facilitators"]}) {
		t.Errorf("visibility: %v", got)
	}
	if got := ids("/me/reflections?goalId=" + f.goals["participant"].String()); len(got) != 3 || slices.Contains(got, inModule.ID) {
		t.Errorf("goalId: %v", got)
	}
	if got := ids("/me/reflections?cohortId=" + f.w.OtherCohort.String()); len(got) != 0 {
		t.Errorf("other cohort: %v", got)
	}
	if got := ids(f.shared() + "?moduleId=" + module.String()); len(got) != 0 {
		t.Errorf("shared, module: %v (the new one is private)", got)
	}
	r := f.do(t, "participant", http.MethodGet, "/me/reflections?cohortId=x&moduleId=y&goalId=z&visibility=public&limit=0", nil, 0)
	if fields := f.problemFields(t, r); !slices.Equal(fields, []string{"cohortId", "moduleId", "goalId", "visibility", "limit"}) {
		t.Errorf("bad filters: %v", fields)
	}
	r = f.do(t, "facilitator", http.MethodGet, f.shared()+"?authorId=x&limit=101", nil, 0)
	if fields := f.problemFields(t, r); !slices.Equal(fields, []string{"authorId", "limit"}) {
		t.Errorf("bad shared filters: %v", fields)
	}
}

func TestCreateReflection(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.do(t, "participant", http.MethodPost, f.shared(), map[string]any{
		"title": "  ", "bodyMarkdown": "Hallo <script>alert(1)</script> [klik](javascript:alert(1)) **vet**",
	}, 0)
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("%d %s", r.StatusCode, r.Body)
	}
	var d reflections.ReflectionDetail
	r.JSON(t, &d)
	today := time.Now().In(mustAmsterdam(t)).Format(time.DateOnly)
	switch {
	case d.Visibility != "private", d.WrittenOn != today, d.Title != nil, !d.Mine, d.Version != 1,
		d.Author.ID != f.w.Users["participant"], d.CohortID != f.w.Cohort, len(d.Comments) != 0, len(d.Goals) != 0:
		t.Errorf("defaults: %+v", d)
	}
	if strings.Contains(d.BodyHTML, "<script") || strings.Contains(d.BodyHTML, "javascript:") || !strings.Contains(d.BodyHTML, "<strong>vet</strong>") {
		t.Errorf("bodyHtml %q", d.BodyHTML)
	}
	if r.Header.Get("ETag") != `"1"` || r.Header.Get("Location") != "/api/v1/reflections/"+d.ID.String() {
		t.Errorf("headers: ETag %q, Location %q", r.Header.Get("ETag"), r.Header.Get("Location"))
	}
	// An archived cohort takes no new reflections.
	f.w.App.Exec(t, `UPDATE cohorts SET status = 'archived', archived_at = now() WHERE id = ?`, f.w.Cohort)
	if r := f.do(t, "participant", http.MethodPost, f.shared(), map[string]any{"bodyMarkdown": "x"}, 0); r.StatusCode != http.StatusConflict {
		t.Errorf("archived cohort: %d, want 409", r.StatusCode)
	}
}

func mustAmsterdam(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestReflectionValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var otherModule, otherSession uuid.UUID
	if err := f.w.App.DB.Raw(`SELECT id FROM modules WHERE cohort_id = ?`, f.w.OtherCohort).Row().Scan(&otherModule); err != nil {
		t.Fatal(err)
	}
	otherSession = f.w.App.Session(t, f.w.OtherCohort, 1, "Elders", time.Now(), time.Hour)
	othersGoal := f.goals["other-participant"]
	ownGoalElsewhere := f.goal(t, "other-cohort-participant", f.w.OtherCohort, "Elders")
	tomorrow := time.Now().In(mustAmsterdam(t)).AddDate(0, 0, 1).Format(time.DateOnly)
	cases := []struct {
		name   string
		body   any
		fields []string
	}{
		{"no body", map[string]any{}, []string{"bodyMarkdown"}},
		{"blank body", map[string]any{"bodyMarkdown": " \n\t "}, []string{"bodyMarkdown"}},
		{"body too long", map[string]any{"bodyMarkdown": strings.Repeat("é", 100001)}, []string{"bodyMarkdown"}},
		{"NUL in body", map[string]any{"bodyMarkdown": "a\u0000b"}, []string{"bodyMarkdown"}},
		{"title too long", map[string]any{"bodyMarkdown": "x", "title": strings.Repeat("t", 201)}, []string{"title"}},
		{"visibility", map[string]any{"bodyMarkdown": "x", "visibility": "public"}, []string{"visibility"}},
		{"date in the future", map[string]any{"bodyMarkdown": "x", "writtenOn": tomorrow}, []string{"writtenOn"}},
		{"no date", map[string]any{"bodyMarkdown": "x", "writtenOn": "29-10-2026"}, []string{"writtenOn"}},
		{"impossible date", map[string]any{"bodyMarkdown": "x", "writtenOn": "2026-02-30"}, []string{"writtenOn"}},
		{"module of another cohort", map[string]any{"bodyMarkdown": "x", "moduleId": otherModule.String()}, []string{"moduleId"}},
		{"session of another cohort", map[string]any{"bodyMarkdown": "x", "sessionId": otherSession.String()}, []string{"sessionId"}},
		{"module no uuid", map[string]any{"bodyMarkdown": "x", "moduleId": "m1"}, []string{"moduleId"}},
		{"someone else's goal", map[string]any{"bodyMarkdown": "x",
			"goalIds": []string{f.goals["participant"].String(), othersGoal.String()}}, []string{"goalIds[1]"}},
		{"goal of another cohort", map[string]any{"bodyMarkdown": "x", "goalIds": []string{ownGoalElsewhere.String()}}, []string{"goalIds[0]"}},
		{"goal twice", map[string]any{"bodyMarkdown": "x",
			"goalIds": []string{f.goals["participant"].String(), f.goals["participant"].String()}}, []string{"goalIds[1]"}},
		{"too many goals", map[string]any{"bodyMarkdown": "x", "goalIds": slices.Repeat([]string{uuid.NewString()}, 21)}, []string{"goalIds"}},
		{"unknown field", map[string]any{"bodyMarkdown": "x", "mood": "blij"}, []string{"mood"}},
		{"wrong type", map[string]any{"bodyMarkdown": 5}, []string{"bodyMarkdown"}},
		{"several at once", map[string]any{"bodyMarkdown": "", "visibility": "x", "writtenOn": tomorrow},
			[]string{"writtenOn", "bodyMarkdown", "visibility"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := f.do(t, "participant", http.MethodPost, f.shared(), c.body, 0)
			if got := f.problemFields(t, r); !slices.Equal(got, c.fields) {
				t.Errorf("fields %v, want %v", got, c.fields)
			}
		})
	}
	if r := f.do(t, "participant", http.MethodPost, f.shared(), "{", 0); r.StatusCode != http.StatusBadRequest {
		t.Errorf("unreadable JSON: %d, want 400", r.StatusCode)
	}
	id := f.refl["participant/private"]
	for _, c := range []struct {
		body   any
		fields []string
	}{
		{map[string]any{"bodyMarkdown": ""}, []string{"bodyMarkdown"}},
		{map[string]any{"title": 5}, []string{"title"}},
		{map[string]any{"moduleId": otherModule.String(), "goalIds": []string{"x"}}, []string{"moduleId", "goalIds[0]"}},
	} {
		r := f.do(t, "participant", http.MethodPatch, "/reflections/"+id.String(), c.body, 1)
		if got := f.problemFields(t, r); !slices.Equal(got, c.fields) {
			t.Errorf("patch %v: fields %v, want %v", c.body, got, c.fields)
		}
	}
	if d := f.get(t, "participant", id); d.Version != 1 {
		t.Errorf("an invalid patch changed the reflection: version %d", d.Version)
	}
}

func TestPatchChangesOnlyWhatIsSent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var module uuid.UUID
	if err := f.w.App.DB.Raw(`SELECT id FROM modules WHERE cohort_id = ? AND position = 2`, f.w.Cohort).Row().Scan(&module); err != nil {
		t.Fatal(err)
	}
	session := f.w.App.Session(t, f.w.Cohort, 2, "Netwerken in de praktijk", time.Now().Add(-48*time.Hour), 3*time.Hour)
	second := f.goal(t, "participant", f.w.Cohort, "Netwerk verbreden")
	id := f.refl["participant/facilitators"]
	patch := func(version int, body map[string]any) reflections.ReflectionDetail {
		t.Helper()
		r := f.do(t, "participant", http.MethodPatch, "/reflections/"+id.String(), body, version)
		if r.StatusCode != http.StatusOK {
			t.Fatalf("patch %v: %d %s", body, r.StatusCode, r.Body)
		}
		var d reflections.ReflectionDetail
		r.JSON(t, &d)
		if r.Header.Get("ETag") != fmt.Sprintf(`"%d"`, d.Version) {
			t.Errorf("ETag %q for version %d", r.Header.Get("ETag"), d.Version)
		}
		return d
	}
	d := patch(1, map[string]any{"moduleId": module.String(), "sessionId": session.String(), "goalIds": []string{second.String()},
		"bodyMarkdown": "Nieuwe *tekst*"})
	if d.Module == nil || d.Module.ID != module || d.Session == nil || d.Session.Title != "Netwerken in de praktijk" ||
		len(d.Goals) != 1 || d.Goals[0].ID != second || d.BodyHTML != "<p>Nieuwe <em>tekst</em></p>\n" ||
		d.Title == nil || *d.Title != "participant facilitators" || d.Visibility != "facilitators" || d.Version != 2 {
		t.Fatalf("after first patch: %+v", d)
	}
	d = patch(2, map[string]any{"moduleId": nil, "title": nil, "goalIds": []string{}})
	if d.Module != nil || d.Session == nil || d.Title != nil || len(d.Goals) != 0 || d.BodyMarkdown != "Nieuwe *tekst*" || d.Version != 3 {
		t.Fatalf("after clearing: %+v", d)
	}
	// Nothing to change: no new version.
	if d = patch(3, map[string]any{"visibility": "facilitators"}); d.Version != 3 {
		t.Errorf("a patch that changes nothing made version %d", d.Version)
	}
}

func TestStaleUpdateIsRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.refl["participant/cohort"]
	path := "/reflections/" + id.String()
	if r := f.do(t, "participant", http.MethodPatch, path, map[string]any{"title": "Eerste"}, 1); r.StatusCode != http.StatusOK {
		t.Fatalf("first: %d %s", r.StatusCode, r.Body)
	}
	r := f.do(t, "participant", http.MethodPatch, path, map[string]any{"title": "Tweede", "visibility": "private"}, 1)
	if r.StatusCode != http.StatusPreconditionFailed {
		t.Fatalf("second on the same version: %d, want 412", r.StatusCode)
	}
	if d := f.get(t, "participant", id); *d.Title != "Eerste" || d.Visibility != "cohort" || d.Version != 2 {
		t.Errorf("a refused update changed something: %+v", d)
	}
	if r := f.do(t, "participant", http.MethodPatch, path, map[string]any{"title": "x"}, 0); r.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("no If-Match: %d, want 428", r.StatusCode)
	}
	r = f.w.App.Do(t, testappRequest(f, "participant", http.MethodPatch, path, `W/"x"`))
	if r.StatusCode != http.StatusBadRequest {
		t.Errorf("bad If-Match: %d, want 400", r.StatusCode)
	}
	if r := f.do(t, "participant", http.MethodDelete, path, nil, 1); r.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale delete: %d, want 412", r.StatusCode)
	}
	if r := f.do(t, "participant", http.MethodDelete, path, nil, 0); r.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("delete without If-Match: %d, want 428", r.StatusCode)
	}
	f.get(t, "participant", id) // still there
}
