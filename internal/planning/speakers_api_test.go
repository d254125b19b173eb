package planning_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

type speakerJSON struct {
	ID          uuid.UUID  `json:"id"`
	Name        string     `json:"name"`
	RoleTitle   string     `json:"roleTitle"`
	ProgrammeID *uuid.UUID `json:"programmeId"`
	Email       *string    `json:"email"`
	Phone       *string    `json:"phone"`
	Topics      []string   `json:"topics"`
	Version     int        `json:"version"`
}

func speakersPath(programme uuid.UUID) string {
	return "/api/v1/programmes/" + programme.String() + "/speakers"
}

func TestSpeakerDirectoryIsKeptByTheProgrammesFacilitatorsAndAdmins(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	own := sessSpeaker(t, a, &w.Programme, "Michiel van Dalen", strp("michiel@vandalen.example"))
	shared := sessSpeaker(t, a, nil, "Nausikaa Efstratiades", strp("n.efstratiades@ibd.example"))
	sessSpeaker(t, a, &w.OtherProgramme, "Iemand van elders", strp("elders@example.org"))

	want := map[string]int{
		"facilitator": 200, "programme-facilitator": 200, "other-cohort-facilitator": 200, "admin": 200,
		"other-programme-facilitator": 403, "participant": 403, "other-participant": 403, "other-cohort-participant": 403,
		"withdrawn-participant": 403, "reviewer": 403, "anonymous": 401,
	}
	for role, status := range want {
		t.Run(role, func(t *testing.T) {
			r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: speakersPath(w.Programme), Token: w.Tokens[role]})
			create := a.Do(t, testapp.Request{Method: http.MethodPost, Path: speakersPath(w.Programme), Token: w.Tokens[role],
				Body: map[string]any{"name": "Spreker van " + role, "email": role + "@sprekers.example"}})
			if status != 200 {
				sessProblem(t, r, status)
				sessProblem(t, create, status)
				return
			}
			var list struct{ Speakers []speakerJSON }
			r.JSON(t, &list)
			var ids []uuid.UUID
			for _, s := range list.Speakers {
				ids = append(ids, s.ID)
				if s.ID == own && (s.Email == nil || s.Phone == nil || s.ProgrammeID == nil) {
					t.Fatalf("the keeper of the directory misses contact details: %+v", s)
				}
			}
			if !slices.Contains(ids, own) || !slices.Contains(ids, shared) || len(list.Speakers) < 2 {
				t.Fatalf("listed %v, want the programme's own and the shared speaker", ids)
			}
			for _, s := range list.Speakers {
				if s.Name == "Iemand van elders" {
					t.Fatal("another programme's speaker is listed")
				}
			}
			if create.StatusCode != http.StatusCreated {
				t.Fatalf("create: %d %s", create.StatusCode, create.Body)
			}
		})
	}
	t.Run("an unknown programme", func(t *testing.T) {
		sessProblem(t, a.Do(t, testapp.Request{Method: http.MethodGet, Path: speakersPath(uuid.New()), Token: w.Tokens["admin"]}), 404)
	})
}

func TestSpeakerContactDetailsReachOnlyFacilitatorsAndAdmins(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	sp := sessSpeaker(t, a, &w.Programme, "Michiel van Dalen", strp("michiel@vandalen.example"))
	unbooked := sessSpeaker(t, a, &w.Programme, "Nog niet geboekt", strp("later@example.org"))
	s := createSess(t, w, "facilitator", sessBody(t, w, 10, nil))
	sessBook(t, a, s.ID, sp, "confirmed")

	cases := map[string]struct {
		status int
		full   bool
	}{
		"facilitator": {200, true}, "programme-facilitator": {200, true}, "other-cohort-facilitator": {200, true}, "admin": {200, true},
		"participant": {200, false}, "other-participant": {200, false},
		"other-cohort-participant": {403, false}, "withdrawn-participant": {403, false}, "reviewer": {403, false},
		"other-programme-facilitator": {403, false}, "anonymous": {401, false},
	}
	for role, tc := range cases {
		t.Run(role, func(t *testing.T) {
			r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/speakers/" + sp.String(), Token: w.Tokens[role]})
			if tc.status != 200 {
				sessProblem(t, r, tc.status)
				return
			}
			var got speakerJSON
			r.JSON(t, &got)
			if got.Name != "Michiel van Dalen" || got.RoleTitle == "" || len(got.Topics) != 1 {
				t.Fatalf("profile %+v", got)
			}
			if tc.full {
				if got.Email == nil || got.Phone == nil || got.Version != 1 || r.Header.Get("ETag") != `"1"` {
					t.Fatalf("full entry %+v, ETag %q", got, r.Header.Get("ETag"))
				}
				return
			}
			sessHasNoKey(t, r.Body, "email", "phone", "version", "programmeId")
			if r.Header.Get("ETag") != "" {
				t.Fatal("a reader who cannot edit gets a version")
			}
			// A speaker who is not confirmed for the participant's cohort stays out of sight.
			other := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/speakers/" + unbooked.String(), Token: w.Tokens[role]})
			sessProblem(t, other, http.StatusForbidden)
		})
	}
}

func TestCreateSpeakerChecksFieldsSharingAndDuplicates(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	post := func(role string, body map[string]any) *testapp.Response {
		return a.Do(t, testapp.Request{Method: http.MethodPost, Path: speakersPath(w.Programme), Token: w.Tokens[role], Body: body})
	}
	cases := []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"no name", map[string]any{"name": " "}, []string{"name:required"}},
		{"an email that is none", map[string]any{"name": "A", "email": "geen adres"}, []string{"email:invalid"}},
		{"a phone with letters", map[string]any{"name": "A", "phone": "bel me"}, []string{"phone:invalid"}},
		{"a role over two lines", map[string]any{"name": "A", "roleTitle": "Een\nTwee"}, []string{"roleTitle:invalid"}},
		{"too many topics", map[string]any{"name": "A", "topics": manyTopics(21)}, []string{"topics:too_many"}},
	}
	for _, tc := range cases {
		p := sessProblem(t, post("facilitator", tc.body), http.StatusUnprocessableEntity)
		if got := sessFields(p); !slices.Equal(got, tc.fields) {
			t.Errorf("%s: fields %v, want %v", tc.name, got, tc.fields)
		}
	}

	r := post("facilitator", map[string]any{"name": "Mark Crooijmans", "roleTitle": "Stedelijk directeur",
		"organisation": "Gemeente Amsterdam", "email": " M.Crooijmans@Amsterdam.example ", "phone": "+31 20 000 0103",
		"topics": []string{"Sturing", " sturing ", ""}})
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %s", r.StatusCode, r.Body)
	}
	var created speakerJSON
	r.JSON(t, &created)
	if *created.Email != "m.crooijmans@amsterdam.example" || !slices.Equal(created.Topics, []string{"Sturing"}) ||
		created.ProgrammeID == nil || *created.ProgrammeID != w.Programme {
		t.Fatalf("created %+v", created)
	}
	// A retry of the same request is refused rather than making a second copy.
	p := sessProblem(t, post("facilitator", map[string]any{"name": "Mark Crooijmans", "email": "m.crooijmans@amsterdam.example"}), http.StatusConflict)
	if p.Title == "" {
		t.Fatal("no title")
	}

	sessProblem(t, post("facilitator", map[string]any{"name": "Gedeeld", "shared": true}), http.StatusForbidden)
	r = post("admin", map[string]any{"name": "Gedeeld", "shared": true})
	var sharedSp speakerJSON
	r.JSON(t, &sharedSp)
	if r.StatusCode != http.StatusCreated || sharedSp.ProgrammeID != nil {
		t.Fatalf("shared speaker: %d %s", r.StatusCode, r.Body)
	}
	// The same address may be in the shared list and in a programme's own.
	if r := post("admin", map[string]any{"name": "Mark", "email": "m.crooijmans@amsterdam.example", "shared": true}); r.StatusCode != http.StatusCreated {
		t.Fatalf("same address in the shared list: %d %s", r.StatusCode, r.Body)
	}
}

func TestUpdateSpeakerNeedsTheCurrentVersionAndMayClearContactDetails(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	own := sessSpeaker(t, a, &w.Programme, "Michiel van Dalen", strp("michiel@vandalen.example"))
	shared := sessSpeaker(t, a, nil, "Nausikaa Efstratiades", strp("n.efstratiades@ibd.example"))
	patch := func(role string, id uuid.UUID, version string, body any) *testapp.Response {
		h := map[string]string{}
		if version != "" {
			h["If-Match"] = version
		}
		return a.Do(t, testapp.Request{Method: http.MethodPatch, Path: "/api/v1/speakers/" + id.String(), Token: w.Tokens[role],
			Body: body, Headers: h})
	}

	sessProblem(t, patch("facilitator", own, "", map[string]any{"bio": "Nieuw"}), http.StatusPreconditionRequired)
	sessProblem(t, patch("participant", own, `"1"`, map[string]any{"bio": "Nieuw"}), http.StatusForbidden)
	sessProblem(t, patch("other-programme-facilitator", own, `"1"`, map[string]any{"bio": "Nieuw"}), http.StatusForbidden)
	sessProblem(t, patch("facilitator", own, `"1"`, map[string]any{"email": 12}), http.StatusUnprocessableEntity)

	r := patch("facilitator", own, `"1"`, map[string]any{"bio": "Over de hack bij zijn gemeente.", "phone": nil})
	if r.StatusCode != 200 {
		t.Fatalf("%d %s", r.StatusCode, r.Body)
	}
	var got speakerJSON
	r.JSON(t, &got)
	if got.Phone != nil || got.Email == nil || got.Version != 2 || r.Header.Get("ETag") != `"2"` {
		t.Fatalf("after patch %+v", got)
	}
	sessProblem(t, patch("admin", own, `"1"`, map[string]any{"name": "Oud"}), http.StatusPreconditionFailed)

	// The shared list is kept by every facilitator, also of another programme.
	if r := patch("other-programme-facilitator", shared, `"1"`, map[string]any{"roleTitle": "Hoofd IBD"}); r.StatusCode != 200 {
		t.Fatalf("shared speaker: %d %s", r.StatusCode, r.Body)
	}
	sessProblem(t, patch("admin", uuid.New(), `"1"`, map[string]any{"name": "x"}), http.StatusNotFound)
}
