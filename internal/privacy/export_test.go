package privacy_test

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/audit"
	"github.com/vgs/leergang/internal/testapp"
)

type export struct {
	Format     string `json:"format"`
	ExportedAt string `json:"exportedAt"`
	Account    struct {
		ID          uuid.UUID `json:"id"`
		Email       string    `json:"email"`
		PasswordSet bool      `json:"passwordSet"`
	} `json:"account"`
	Roles []struct {
		Role     string     `json:"role"`
		CohortID *uuid.UUID `json:"cohortId"`
	} `json:"roles"`
	Enrolments []struct {
		CohortID uuid.UUID `json:"cohortId"`
		Gemeente string    `json:"gemeente"`
	} `json:"enrolments"`
	Goals []struct {
		ID         uuid.UUID `json:"id"`
		AspectKeys []string  `json:"aspectKeys"`
		TargetDate *string   `json:"targetDate"`
		Steps      []struct {
			ID uuid.UUID `json:"id"`
		} `json:"steps"`
	} `json:"goals"`
	Reflections []struct {
		ID           uuid.UUID   `json:"id"`
		BodyMarkdown string      `json:"bodyMarkdown"`
		Visibility   string      `json:"visibility"`
		GoalIDs      []uuid.UUID `json:"goalIds"`
		Comments     []struct {
			ID   uuid.UUID `json:"id"`
			Body string    `json:"body"`
			Mine bool      `json:"mine"`
		} `json:"comments"`
	} `json:"reflections"`
	Comments []struct {
		ID           uuid.UUID `json:"id"`
		ReflectionID uuid.UUID `json:"reflectionId"`
		Body         string    `json:"body"`
	} `json:"comments"`
	Portraits []struct {
		ID uuid.UUID `json:"id"`
	} `json:"portraits"`
	Attendance []struct {
		SessionID uuid.UUID `json:"sessionId"`
		Status    string    `json:"status"`
	} `json:"attendance"`
	EvaluationsAnswered []struct {
		FormID    uuid.UUID `json:"formId"`
		FormTitle string    `json:"formTitle"`
	} `json:"evaluationsAnswered"`
	EvaluationDrafts []struct {
		Answers map[string]int `json:"answers"`
	} `json:"evaluationDrafts"`
	Logins       []struct{ Active bool } `json:"logins"`
	CalendarFeed *struct {
		CreatedAt string `json:"createdAt"`
	} `json:"calendarFeed"`
	Invitations []struct{} `json:"invitations"`
	Mails       []struct {
		Subject string `json:"subject"`
	} `json:"mails"`
	AccessLog []logEntry `json:"accessLog"`
}

func exportOf(t *testing.T, a *testapp.App, token string) (export, *testapp.Response) {
	t.Helper()
	r := get(t, a, token, "/api/v1/me/export")
	expect(t, r, http.StatusOK)
	var e export
	r.JSON(t, &e)
	return e, r
}

func sorted(ids ...uuid.UUID) []uuid.UUID {
	out := slices.Clone(ids)
	slices.SortFunc(out, func(x, y uuid.UUID) int { return strings.Compare(x.String(), y.String()) })
	return out
}

// The export holds exactly the participant's own data, private reflections included, and nothing of anyone
// else's beyond what sits in their own threads; no secret leaves the database.
func TestExportHoldsExactlyTheParticipantsOwnData(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	p := seedPerson(t, w)
	me := p.ID
	record(t, a, "GET /api/v1/goals/:goalID",
		audit.Entry{ActorID: audit.Ptr(w.Users["facilitator"]), SubjectID: &me, Action: "goal.read", ObjectType: "goal"},
		audit.Entry{ActorID: &me, SubjectID: &me, Action: "goal.updated", ObjectType: "goal"})

	e, r := exportOf(t, a, w.Tokens["participant"])
	day := time.Now().In(amsterdam(t)).Format(time.DateOnly)
	if cd := r.Header.Get("Content-Disposition"); cd != `attachment; filename="leergang-mijn-gegevens-`+day+`.json"` {
		t.Fatalf("Content-Disposition %q", cd)
	}
	if e.Format != "leergang-personal-data/1" || e.Account.ID != me || e.Account.Email != "participant@test.example" || !e.Account.PasswordSet {
		t.Fatalf("header/account: %+v %+v", e.Format, e.Account)
	}
	if len(e.Roles) != 1 || e.Roles[0].Role != "facilitator" || *e.Roles[0].CohortID != w.OtherProgCohort {
		t.Fatalf("roles %+v", e.Roles)
	}
	if len(e.Enrolments) != 1 || e.Enrolments[0].CohortID != w.Cohort || e.Enrolments[0].Gemeente != "Kampen" {
		t.Fatalf("enrolments %+v", e.Enrolments)
	}

	var goalIDs []uuid.UUID
	for _, g := range e.Goals {
		goalIDs = append(goalIDs, g.ID)
	}
	if !slices.Equal(sorted(goalIDs...), sorted(p.Goals...)) {
		t.Fatalf("goals %v, want %v", goalIDs, p.Goals)
	}
	for _, g := range e.Goals {
		switch g.ID {
		case p.Goals[0]:
			if len(g.Steps) != 2 || g.Steps[0].ID != p.Steps[0] || !slices.Equal(g.AspectKeys, []string{"privacy-veiligheid"}) {
				t.Fatalf("goal %+v", g)
			}
		case p.Goals[1]:
			if len(g.Steps) != 0 || len(g.AspectKeys) != 0 || g.TargetDate == nil || *g.TargetDate != "2027-03-01" {
				t.Fatalf("goal %+v", g)
			}
		}
	}

	if len(e.Reflections) != 2 {
		t.Fatalf("%d reflections, want 2", len(e.Reflections))
	}
	for _, refl := range e.Reflections {
		switch refl.ID {
		case p.PrivateReflection:
			if refl.Visibility != "private" || !strings.Contains(refl.BodyMarkdown, privateText) || len(refl.Comments) != 0 {
				t.Fatalf("private reflection %+v", refl)
			}
		case p.SharedReflection:
			if refl.BodyMarkdown != sharedText || !slices.Equal(refl.GoalIDs, []uuid.UUID{p.Goals[0]}) ||
				len(refl.Comments) != 1 || refl.Comments[0].ID != p.OthersComment || refl.Comments[0].Body != othersCommentTxt || refl.Comments[0].Mine {
				t.Fatalf("shared reflection %+v", refl)
			}
		default:
			t.Fatalf("someone else's reflection %s", refl.ID)
		}
	}
	if len(e.Comments) != 1 || e.Comments[0].ID != p.OwnComment || e.Comments[0].ReflectionID != p.OthersReflection ||
		e.Comments[0].Body != ownCommentText {
		t.Fatalf("own comments %+v", e.Comments)
	}
	if len(e.Portraits) != 1 || e.Portraits[0].ID != p.Portrait {
		t.Fatalf("portraits %+v", e.Portraits)
	}
	if len(e.Attendance) != 1 || e.Attendance[0].SessionID != p.Session || e.Attendance[0].Status != "present" {
		t.Fatalf("attendance %+v", e.Attendance)
	}
	if len(e.EvaluationsAnswered) != 1 || e.EvaluationsAnswered[0].FormID != p.Form || e.EvaluationsAnswered[0].FormTitle != "Slotevaluatie" {
		t.Fatalf("evaluations %+v", e.EvaluationsAnswered)
	}
	if len(e.EvaluationDrafts) != 1 || e.EvaluationDrafts[0].Answers["nut"] != 5 {
		t.Fatalf("drafts %+v", e.EvaluationDrafts)
	}
	if len(e.Logins) != 1 || !e.Logins[0].Active || e.CalendarFeed == nil || len(e.Invitations) != 1 ||
		len(e.Mails) != 1 || e.Mails[0].Subject != "U bent ingeschreven" {
		t.Fatalf("logins %+v, feed %+v, invitations %d, mails %+v", e.Logins, e.CalendarFeed, len(e.Invitations), e.Mails)
	}
	if got := actions(e.AccessLog); !slices.Equal(got, []string{"goal.read"}) {
		t.Fatalf("access log %v", got)
	}

	body := string(r.Body)
	for _, leak := range []string{othersPrivate, othersShared, othersGoal, "other-participant@test.example"} {
		if strings.Contains(body, leak) {
			t.Fatalf("the export holds someone else's %q", leak)
		}
	}
	var hash string
	a.DB.Raw(`SELECT password_hash FROM users WHERE id = ?`, me).Row().Scan(&hash)
	if hash == "" || strings.Contains(body, hash) || strings.Contains(strings.ToLower(body), "password_hash") ||
		strings.Contains(body, "tokenHash") || strings.Contains(body, "token_hash") {
		t.Fatal("the export holds a secret")
	}

	// Downloading is itself logged, for the person alone (it is not in their log of others' actions).
	if n := count(t, a, `SELECT count(*) FROM audit_log WHERE action = 'personal_data.exported' AND actor_user_id = ?
		AND subject_user_id = ? AND route = 'GET /api/v1/me/export'`, me, me); n != 1 {
		t.Fatalf("%d export entries", n)
	}
}

// Everyone signed in downloads their own data, and only their own; anonymous callers get 401.
func TestEveryoneExportsOnlyTheirOwnData(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	p := seedPerson(t, w)
	for _, role := range testapp.Roles {
		t.Run(role, func(t *testing.T) {
			e, r := exportOf(t, w.App, w.Tokens[role])
			if e.Account.ID != w.Users[role] || e.Account.Email != role+"@test.example" {
				t.Fatalf("account %+v", e.Account)
			}
			if role == "participant" {
				return
			}
			for _, id := range append(p.Reflections, p.Goals...) {
				// The other participant's comment names the reflection it is on, by id alone.
				if role == "other-participant" && id == p.SharedReflection {
					continue
				}
				if strings.Contains(string(r.Body), id.String()) {
					t.Fatalf("%s's export holds the participant's %s", role, id)
				}
			}
			if strings.Contains(string(r.Body), privateText) || strings.Contains(string(r.Body), sharedText) {
				t.Fatalf("%s's export holds the participant's reflection", role)
			}
			doc := get(t, w.App, w.Tokens[role], "/api/v1/me/export/document")
			expect(t, doc, http.StatusOK)
			if strings.Contains(string(doc.Body), privateText) {
				t.Fatalf("%s's document holds the participant's reflection", role)
			}
		})
	}
	expect(t, get(t, w.App, "", "/api/v1/me/export"), http.StatusUnauthorized)
	expect(t, get(t, w.App, "", "/api/v1/me/export/document"), http.StatusUnauthorized)
}

var styleRe = regexp.MustCompile(`(?s)<style>(.*?)</style>`)

// The document is self-contained HTML: every text escaped, Markdown sanitised (a script in a reflection is no
// script in the document), and the only inline style admitted by its hash.
func TestExportDocumentIsEscapedAndItsStyleAdmittedByHash(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	seedPerson(t, w)
	a.Exec(t, `UPDATE users SET name = 'Jan <b>de</b> Vries' WHERE id = ?`, w.Users["participant"])
	a.Exec(t, `UPDATE reflection_comments SET body = '<img src=x onerror=alert(1)>' WHERE author_id = ?`, w.Users["participant"])

	// A reflection saved through the API is rendered when saved; the fixture's (SQL) ones when exported.
	r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/cohorts/" + w.Cohort.String() + "/reflections",
		Token: w.Tokens["participant"], Body: map[string]any{"bodyMarkdown": "Via de API, **vet**.\n\n<script>alert(2)</script>"}})
	expect(t, r, http.StatusCreated)

	r = get(t, a, w.Tokens["participant"], "/api/v1/me/export/document")
	expect(t, r, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); ct != "text/html; charset=UTF-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	day := time.Now().In(amsterdam(t)).Format(time.DateOnly)
	if cd := r.Header.Get("Content-Disposition"); cd != `attachment; filename="leergang-mijn-gegevens-`+day+`.html"` {
		t.Fatalf("Content-Disposition %q", cd)
	}
	body := string(r.Body)
	styles := styleRe.FindAllStringSubmatch(body, -1)
	if len(styles) != 1 {
		t.Fatalf("%d style elements", len(styles))
	}
	sum := sha256.Sum256([]byte(styles[0][1]))
	want := "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	if csp := r.Header.Get("Content-Security-Policy"); csp != want {
		t.Fatalf("CSP %q, want %q", csp, want)
	}
	lower := strings.ToLower(body)
	for _, bad := range []string{"<script", "<img", "<b>de</b>", "http://", "https://"} {
		if strings.Contains(lower, bad) {
			t.Fatalf("the document contains %q", bad)
		}
	}
	for _, good := range []string{privateText, sharedText, othersCommentTxt, "Jan &lt;b&gt;de&lt;/b&gt; Vries",
		"&lt;img src=x onerror=alert(1)&gt;", "Datagedreven sturen", "Slotevaluatie", "Via de API, <strong>vet</strong>.", `<html lang="nl">`} {
		if !strings.Contains(body, good) {
			t.Fatalf("the document lacks %q", good)
		}
	}
	for _, leak := range []string{othersPrivate, othersShared, othersGoal} {
		if strings.Contains(body, leak) {
			t.Fatalf("the document holds someone else's %q", leak)
		}
	}
	if n := count(t, a, `SELECT count(*) FROM audit_log WHERE action = 'personal_data.exported' AND subject_user_id = ?
		AND detail->>'format' = 'html'`, w.Users["participant"]); n != 1 {
		t.Fatalf("%d document export entries", n)
	}
}

func amsterdam(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
