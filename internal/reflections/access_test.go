package reflections_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/vgs/leergang/internal/testapp"
)

// Who sees what (DESIGN.md): a private reflection is its author's alone; "facilitators" adds the cohort's
// facilitators; "cohort" adds its participants (not withdrawn ones). Admins, reviewers and everyone else see none.

// readable is, per role, the fixture's reflections it may read.
var readable = map[string][]string{
	"participant":                 {"participant/private", "participant/facilitators", "participant/cohort", "other-participant/cohort"},
	"other-participant":           {"other-participant/private", "other-participant/facilitators", "other-participant/cohort", "participant/cohort"},
	"facilitator":                 {"participant/facilitators", "participant/cohort", "other-participant/facilitators", "other-participant/cohort"},
	"programme-facilitator":       {"participant/facilitators", "participant/cohort", "other-participant/facilitators", "other-participant/cohort"},
	"other-cohort-participant":    {},
	"withdrawn-participant":       {},
	"other-cohort-facilitator":    {},
	"other-programme-facilitator": {},
	"reviewer":                    {},
	"admin":                       {},
}

func allRoles() []string { return append(slices.Clone(testapp.Roles), "anonymous") }

func TestWhoReadsWhichReflection(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, role := range allRoles() {
		t.Run(role, func(t *testing.T) {
			for name, id := range f.refl {
				want := http.StatusNotFound
				switch {
				case role == "anonymous":
					want = http.StatusUnauthorized
				case slices.Contains(readable[role], name):
					want = http.StatusOK
				}
				r := f.do(t, role, http.MethodGet, "/reflections/"+id.String(), nil, 0)
				if r.StatusCode != want {
					t.Errorf("GET %s: %d, want %d: %s", name, r.StatusCode, want, r.Body)
				}
			}
		})
	}
}

func TestSharedListShowsExactlyWhatEachRoleMayRead(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	shared := map[string][]string{
		// Private ones never, not even one's own: those are in /me/reflections.
		"participant":           {"participant/facilitators", "participant/cohort", "other-participant/cohort"},
		"other-participant":     {"other-participant/facilitators", "other-participant/cohort", "participant/cohort"},
		"facilitator":           readable["facilitator"],
		"programme-facilitator": readable["programme-facilitator"],
	}
	for _, role := range allRoles() {
		t.Run(role, func(t *testing.T) {
			r := f.do(t, role, http.MethodGet, f.shared(), nil, 0)
			want, ok := shared[role]
			switch {
			case role == "anonymous":
				if r.StatusCode != http.StatusUnauthorized {
					t.Fatalf("status %d, want 401", r.StatusCode)
				}
			case !ok:
				if r.StatusCode != http.StatusForbidden {
					t.Fatalf("status %d, want 403: %s", r.StatusCode, r.Body)
				}
			default:
				page := f.page(t, role, f.shared())
				if got := f.names(page.Items); !slices.Equal(got, sorted(want...)) {
					t.Fatalf("got %v, want %v", got, sorted(want...))
				}
				if page.NextCursor != nil {
					t.Errorf("one page expected, got a next cursor")
				}
			}
		})
	}
}

func TestMyReflectionsAreOnlyOnesOwn(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	own := map[string][]string{
		"participant":       {"participant/private", "participant/facilitators", "participant/cohort"},
		"other-participant": {"other-participant/private", "other-participant/facilitators", "other-participant/cohort"},
	}
	for _, role := range allRoles() {
		t.Run(role, func(t *testing.T) {
			if role == "anonymous" {
				if r := f.do(t, role, http.MethodGet, "/me/reflections", nil, 0); r.StatusCode != http.StatusUnauthorized {
					t.Fatalf("status %d, want 401", r.StatusCode)
				}
				return
			}
			for _, path := range []string{"/me/reflections", "/me/reflections?q=samenwerken"} {
				got := f.names(f.page(t, role, path).Items)
				if want := sorted(own[role]...); !slices.Equal(got, want) {
					t.Errorf("%s: got %v, want %v", path, got, want)
				}
			}
		})
	}
}

func TestGoalsOfAReflectionAreForItsAuthorAndFacilitators(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.refl["participant/cohort"]
	for role, want := range map[string]int{"participant": 1, "facilitator": 1, "programme-facilitator": 1, "other-participant": 0} {
		if got := len(f.get(t, role, id).Goals); got != want {
			t.Errorf("%s sees %d goals in the detail, want %d", role, got, want)
		}
		for _, it := range f.page(t, role, f.shared()).Items {
			if it.ID == id && len(it.Goals) != want {
				t.Errorf("%s sees %d goals in the list, want %d", role, len(it.Goals), want)
			}
		}
	}
}

func TestOnlyParticipantsOfTheCohortWriteReflections(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	want := map[string]int{
		"participant": 201, "other-participant": 201,
		"withdrawn-participant": 403, "other-cohort-participant": 403, "facilitator": 403,
		"programme-facilitator": 403, "other-cohort-facilitator": 403, "other-programme-facilitator": 403,
		"reviewer": 403, "admin": 403, "anonymous": 401,
	}
	for role, status := range want {
		r := f.do(t, role, http.MethodPost, f.shared(), map[string]any{"bodyMarkdown": "Tekst"}, 0)
		if r.StatusCode != status {
			t.Errorf("%s: status %d, want %d: %s", role, r.StatusCode, status, r.Body)
		}
	}
	r := f.do(t, "participant", http.MethodPost, "/cohorts/00000000-0000-0000-0000-000000000001/reflections",
		map[string]any{"bodyMarkdown": "Tekst"}, 0)
	if r.StatusCode != http.StatusNotFound {
		t.Errorf("unknown cohort: status %d, want 404", r.StatusCode)
	}
	r = f.do(t, "participant", http.MethodGet, "/cohorts/00000000-0000-0000-0000-000000000001/reflections", nil, 0)
	if r.StatusCode != http.StatusNotFound {
		t.Errorf("list of unknown cohort: status %d, want 404", r.StatusCode)
	}
}

// Changing or deleting a reflection is for its author; readers who are not the author get 403, everyone else
// (who may not know it exists) 404.
func TestOnlyTheAuthorChangesOrDeletesAReflection(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, role := range allRoles() {
		for name, id := range f.refl {
			author := name[:len(name)-len(nameVisibility(name))-1]
			want := http.StatusNotFound
			switch {
			case role == "anonymous":
				want = http.StatusUnauthorized
			case role == author:
				continue // below, once the others have tried
			case slices.Contains(readable[role], name):
				want = http.StatusForbidden
			}
			r := f.do(t, role, http.MethodPatch, "/reflections/"+id.String(), map[string]any{"title": "Overgenomen"}, 1)
			if r.StatusCode != want {
				t.Errorf("%s PATCH %s: %d, want %d: %s", role, name, r.StatusCode, want, r.Body)
			}
			r = f.do(t, role, http.MethodDelete, "/reflections/"+id.String(), nil, 1)
			if r.StatusCode != want {
				t.Errorf("%s DELETE %s: %d, want %d: %s", role, name, r.StatusCode, want, r.Body)
			}
		}
	}
	for name, id := range f.refl {
		author := name[:len(name)-len(nameVisibility(name))-1]
		if got := f.get(t, author, id); got.Title == nil || *got.Title == "Overgenomen" || got.Version != 1 {
			t.Fatalf("%s was changed by someone else: %+v", name, got)
		}
		r := f.do(t, author, http.MethodPatch, "/reflections/"+id.String(), map[string]any{"title": "Herzien"}, 1)
		if r.StatusCode != http.StatusOK {
			t.Errorf("author PATCH %s: %d %s", name, r.StatusCode, r.Body)
		}
		if r := f.do(t, author, http.MethodDelete, "/reflections/"+id.String(), nil, 2); r.StatusCode != http.StatusNoContent {
			t.Errorf("author DELETE %s: %d %s", name, r.StatusCode, r.Body)
		}
		if r := f.do(t, author, http.MethodGet, "/reflections/"+id.String(), nil, 0); r.StatusCode != http.StatusNotFound {
			t.Errorf("deleted %s still there: %d", name, r.StatusCode)
		}
	}
}

func nameVisibility(name string) string {
	for _, v := range visibilities {
		if len(name) > len(v) && name[len(name)-len(v):] == v {
			return v
		}
	}
	return ""
}

// Commenting is for everyone who may read the reflection; the comments of one they may not read do not exist
// for them.
func TestCommentingFollowsReading(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, role := range allRoles() {
		for name, id := range f.refl {
			want := http.StatusNotFound
			switch {
			case role == "anonymous":
				want = http.StatusUnauthorized
			case slices.Contains(readable[role], name):
				want = http.StatusCreated
			}
			r := f.do(t, role, http.MethodPost, "/reflections/"+id.String()+"/comments", map[string]any{"body": "Reactie van " + role}, 0)
			if r.StatusCode != want {
				t.Errorf("%s comments on %s: %d, want %d: %s", role, name, r.StatusCode, want, r.Body)
			}
		}
	}
	// Each reflection now has one comment per reader: its author and whoever else may read it.
	for name, id := range f.refl {
		readers := 0
		for _, role := range testapp.Roles {
			if slices.Contains(readable[role], name) {
				readers++
			}
		}
		author := name[:len(name)-len(nameVisibility(name))-1]
		d := f.get(t, author, id)
		if len(d.Comments) != readers || d.CommentCount != readers {
			t.Errorf("%s: %d comments (count %d), want %d", name, len(d.Comments), d.CommentCount, readers)
		}
	}
}
