package portraits_test

import (
	"encoding/json"
	"net/http"
	"os"
	"strconv"
	"testing"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/database/dbtest"
	"github.com/vgs/leergang/internal/testapp"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

type portrait struct {
	ID             uuid.UUID `json:"id"`
	CohortID       uuid.UUID `json:"cohortId"`
	CohortName     string    `json:"cohortName"`
	ProgrammeName  string    `json:"programmeName"`
	Title          string    `json:"title"`
	Body           string    `json:"body"`
	BodyHTML       string    `json:"bodyHtml"`
	Status         string    `json:"status"`
	ConsentGivenAt *string   `json:"consentGivenAt"`
	SubmittedAt    *string   `json:"submittedAt"`
	ReviewedAt     *string   `json:"reviewedAt"`
	ReviewNote     string    `json:"reviewNote"`
	PublishedAt    *string   `json:"publishedAt"`
	Version        int       `json:"version"`
	Author         *struct {
		ID   uuid.UUID `json:"id"`
		Name string    `json:"name"`
	} `json:"author"`
	Gemeente      string `json:"gemeente"`
	ProgrammeSlug string `json:"programmeSlug"`
}

type publicPage struct {
	Programme struct {
		Name string `json:"name"`
		Slug string `json:"slug"`
	} `json:"programme"`
	Portraits []struct {
		ID         uuid.UUID `json:"id"`
		Title      string    `json:"title"`
		BodyHTML   string    `json:"bodyHtml"`
		AuthorName string    `json:"authorName"`
		Gemeente   string    `json:"gemeente"`
		JobTitle   string    `json:"jobTitle"`
		CohortName string    `json:"cohortName"`
	} `json:"portraits"`
}

func myPath(cohort uuid.UUID) string { return "/api/v1/cohorts/" + cohort.String() + "/portrait" }

func reviewPath(id uuid.UUID, action string) string {
	return "/api/v1/admin/portraits/" + id.String() + "/" + action
}

func ifMatch(version int) map[string]string {
	if version == 0 {
		return nil
	}
	return map[string]string{"If-Match": `"` + strconv.Itoa(version) + `"`}
}

func expect(t *testing.T, r *testapp.Response, status int) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d: %s", r.Request.Method, r.Request.URL.Path, r.StatusCode, status, r.Body)
	}
}

func decode(t *testing.T, r *testapp.Response) portrait {
	t.Helper()
	var p portrait
	r.JSON(t, &p)
	if etag := r.Header.Get("ETag"); etag != `"`+strconv.Itoa(p.Version)+`"` {
		t.Fatalf("ETag %q, version %d", etag, p.Version)
	}
	return p
}

func save(t *testing.T, a *testapp.App, token string, cohort uuid.UUID, version int, title, body string) *testapp.Response {
	t.Helper()
	return a.Do(t, testapp.Request{Method: http.MethodPut, Path: myPath(cohort), Token: token, Headers: ifMatch(version),
		Body: map[string]string{"title": title, "body": body}})
}

func submit(t *testing.T, a *testapp.App, token string, cohort uuid.UUID, version int, consent bool) *testapp.Response {
	t.Helper()
	return a.Do(t, testapp.Request{Method: http.MethodPost, Path: myPath(cohort) + "/submit", Token: token,
		Headers: ifMatch(version), Body: map[string]bool{"consent": consent}})
}

func withdraw(t *testing.T, a *testapp.App, token string, cohort uuid.UUID, version int) *testapp.Response {
	t.Helper()
	return a.Do(t, testapp.Request{Method: http.MethodPost, Path: myPath(cohort) + "/withdraw", Token: token,
		Headers: ifMatch(version)})
}

func approve(t *testing.T, a *testapp.App, token string, id uuid.UUID, version int) *testapp.Response {
	t.Helper()
	return a.Do(t, testapp.Request{Method: http.MethodPost, Path: reviewPath(id, "approve"), Token: token,
		Headers: ifMatch(version)})
}

func reject(t *testing.T, a *testapp.App, token string, id uuid.UUID, version int, note string) *testapp.Response {
	t.Helper()
	return a.Do(t, testapp.Request{Method: http.MethodPost, Path: reviewPath(id, "reject"), Token: token,
		Headers: ifMatch(version), Body: map[string]string{"note": note}})
}

// submitted writes and submits a portrait for role in the World's cohort.
func submitted(t *testing.T, w *testapp.World, role, cohortRole string, cohort uuid.UUID) portrait {
	t.Helper()
	r := save(t, w.App, w.Tokens[role], cohort, 0, "Het portret van "+role, "Wat ik leerde als "+cohortRole+".")
	expect(t, r, http.StatusCreated)
	p := decode(t, r)
	r = submit(t, w.App, w.Tokens[role], cohort, p.Version, true)
	expect(t, r, http.StatusOK)
	return decode(t, r)
}

// published writes, submits and has the admin approve a portrait.
func published(t *testing.T, w *testapp.World, role string, cohort uuid.UUID) portrait {
	t.Helper()
	p := submitted(t, w, role, role, cohort)
	r := approve(t, w.App, w.Tokens["admin"], p.ID, p.Version)
	expect(t, r, http.StatusOK)
	return decode(t, r)
}

func reviewList(t *testing.T, a *testapp.App, token, status string) []portrait {
	t.Helper()
	path := "/api/v1/admin/portraits"
	if status != "" {
		path += "?status=" + status
	}
	r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: path, Token: token})
	expect(t, r, http.StatusOK)
	var out struct {
		Portraits []portrait `json:"portraits"`
	}
	r.JSON(t, &out)
	return out.Portraits
}

func ids(ps []portrait) []uuid.UUID {
	out := []uuid.UUID{}
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

func slugOf(t *testing.T, a *testapp.App, programme uuid.UUID) string {
	t.Helper()
	var slug string
	if err := a.DB.Raw(`SELECT slug FROM programmes WHERE id = ?`, programme).Row().Scan(&slug); err != nil {
		t.Fatal(err)
	}
	return slug
}

func public(t *testing.T, a *testapp.App, token, slug string) publicPage {
	t.Helper()
	r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/public/programmes/" + slug + "/portraits", Token: token})
	expect(t, r, http.StatusOK)
	var p publicPage
	r.JSON(t, &p)
	return p
}

func count(t *testing.T, a *testapp.App, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := a.DB.Raw(sql, args...).Row().Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
