package httpapi_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/pb33f/libopenapi"

	"github.com/vgs/leergang/api"
	"github.com/vgs/leergang/internal/testapp"
)

// The access matrix: every operation of api/openapi.yaml is called as each of the seven roles of issue 6, on
// resources of the participant's cohort, and the answer must be what the operation's `x-access` list (checked
// against DESIGN.md's "who sees what" when it was written) allows:
//   - a role in the list may call it: never 401 or 403 (404 only after an earlier role of the list changed the
//     resource away, e.g. deleted it);
//   - any other role is refused: 401 for anonymous, 403 or 404 for the signed-in;
//   - `x-access: [public]` operations take no bearer token: each role must get the same status;
//   - nobody ever gets a 5xx.
// An operation without x-access fails the test, so a new route must declare who may call it.
//
// Mutating operations are sent with an empty JSON object and If-Match "1": a role that is refused must be
// refused before its input is looked at. Each mutating operation gets fresh resources; refused roles go first,
// and roles whose login ended (erasure, revocation) log in again before the next operation.

var matrixRoles = []string{"anonymous", "participant", "other-cohort-participant", "facilitator",
	"other-cohort-facilitator", "reviewer", "admin"}

type specOperation struct {
	Method, Path, ID string
	Access           []string
	HasBody          bool
}

func matrixOperations(t *testing.T) []specOperation {
	t.Helper()
	doc, err := libopenapi.NewDocument(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	model, err := doc.BuildV3Model()
	if err != nil {
		t.Fatalf("api/openapi.yaml: %v", err)
	}
	var ops []specOperation
	for path, item := range model.Model.Paths.PathItems.FromOldest() {
		base := "/api/v1"
		if len(item.Servers) > 0 {
			base = strings.TrimRight(item.Servers[0].URL, "/")
		}
		for method, op := range item.GetOperations().FromOldest() {
			so := specOperation{Method: strings.ToUpper(method), Path: base + path, ID: op.OperationId,
				HasBody: op.RequestBody != nil}
			if node, ok := op.Extensions.Get("x-access"); ok {
				if err := node.Decode(&so.Access); err != nil {
					t.Errorf("%s %s: x-access is not a list of roles: %v", so.Method, so.Path, err)
				}
			}
			ops = append(ops, so)
		}
	}
	return ops
}

// matrixFixture is the World plus, per mutating operation, fresh resources of the participant in Cohort.
type matrixFixture struct {
	*testapp.World
	t   *testing.T
	ids map[string]string
}

func (f *matrixFixture) one(sql string, args ...any) string {
	f.t.Helper()
	var id string
	if err := f.App.DB.Raw(sql, args...).Row().Scan(&id); err != nil {
		f.t.Fatalf("fixture: %v\n%s", err, sql)
	}
	return id
}

// refresh makes a new set of resources for the path parameters.
func (f *matrixFixture) refresh() {
	f.t.Helper()
	w, p := f.World, f.Users["participant"]
	session := f.one(`INSERT INTO sessions (module_id, cohort_id, title, starts_at, ends_at)
		SELECT id, cohort_id, 'Werksessie', now() + interval '7 days', now() + interval '7 days 3 hours'
		FROM modules WHERE cohort_id = ? AND position = 1 RETURNING id`, w.Cohort)
	speaker := f.one(`INSERT INTO speakers (programme_id, name, email) VALUES (?, 'Spreker', ?) RETURNING id`,
		w.Programme, "spreker-"+uuid.NewString()[:8]+"@bureau.example")
	goal := f.one(`INSERT INTO learning_goals (user_id, cohort_id, title, status) VALUES (?, ?, 'Leerdoel', 'active') RETURNING id`, p, w.Cohort)
	reflection := f.one(`INSERT INTO reflections (author_id, cohort_id, title, body_markdown, visibility)
		VALUES (?, ?, 'Reflectie', 'Tekst', 'facilitators') RETURNING id`, p, w.Cohort)
	// A new person per operation for the enrolment and the grant, so withdrawing or revoking them touches nobody
	// who calls.
	extra := f.one(`INSERT INTO users (email, name, password_hash) VALUES (?, 'Extra', NULL) RETURNING id`,
		"extra-"+uuid.NewString()[:8]+"@test.example")
	form := f.one(`INSERT INTO evaluation_forms (programme_id, cohort_id, scope, title, opens_at, closes_at)
		VALUES (?, ?, 'cohort', 'Evaluatie', now() - interval '1 day', now() + interval '7 days') RETURNING id`, w.Programme, w.Cohort)
	f.App.Exec(f.t, `INSERT INTO evaluation_questions (form_id, position, key, kind, prompt) VALUES (?, 1, 'waardering', 'scale', 'Hoe was het?')`, form)
	f.ids = map[string]string{
		"programmeID":  w.Programme.String(),
		"cohortID":     w.Cohort.String(),
		"userID":       p.String(),
		"sessionID":    session,
		"speakerID":    speaker,
		"bookingID":    f.one(`INSERT INTO speaker_bookings (session_id, speaker_id) VALUES (?, ?) RETURNING id`, session, speaker),
		"goalID":       goal,
		"stepID":       f.one(`INSERT INTO goal_steps (goal_id, position, title) VALUES (?, 1, 'Stap') RETURNING id`, goal),
		"reflectionID": reflection,
		"commentID": f.one(`INSERT INTO reflection_comments (reflection_id, author_id, body) VALUES (?, ?, 'Reactie') RETURNING id`,
			reflection, p),
		"portraitID": f.one(`INSERT INTO portraits (user_id, cohort_id, title, body, consent_given_at, status, submitted_at)
			VALUES (?, ?, 'Portret', 'Verhaal', now(), 'submitted', now())
			ON CONFLICT (cohort_id, user_id) DO UPDATE SET status = 'submitted', consent_given_at = now(), submitted_at = now(),
			reviewed_at = NULL, reviewed_by = NULL, published_at = NULL RETURNING id`, p, w.Cohort),
		"enrolmentID": f.one(`INSERT INTO enrolments (cohort_id, user_id, status, gemeente) VALUES (?, ?, 'active', 'Kampen') RETURNING id`,
			w.Cohort, extra),
		"grantID": f.one(`INSERT INTO role_grants (user_id, role, cohort_id) VALUES (?, 'facilitator', ?) RETURNING id`, extra, w.Cohort),
		"mailID":  f.one(`INSERT INTO outbox (kind, to_address, subject, body_text) VALUES ('test.mail', 'participant@test.example', 'Onderwerp', 'Tekst') RETURNING id::text`),
		"formID":  form,
		"slug":    f.one(`SELECT slug FROM programmes WHERE id = ?`, w.Programme),
		"token":   "eyJhbGciOiJIUzI1NiJ9.e30.bm9uZQ",
		"file":    uuid.NewString() + ".ics",
		"format":  "csv",
		// The participant's own login session: theirs to end, nobody else's.
		"loginSessionID": sessionOf(f.t, f.Tokens["participant"]),
	}
}

// sessionOf reads the sid claim of an access token (no need to verify: the test minted it).
func sessionOf(t *testing.T, token string) string {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", token)
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var claims struct {
		SID string `json:"sid"`
	}
	if err := json.Unmarshal(raw, &claims); err != nil {
		t.Fatal(err)
	}
	return claims.SID
}

func (f *matrixFixture) fill(path string) string {
	f.t.Helper()
	return pathParam.ReplaceAllStringFunc(path, func(m string) string {
		v, ok := f.ids[m[1:len(m)-1]]
		if !ok {
			f.t.Fatalf("no fixture value for %s in %s: add one to matrixFixture.refresh", m, path)
		}
		return v
	})
}

// relogin logs in again every role whose access token no longer works.
func (f *matrixFixture) relogin() {
	f.t.Helper()
	for _, role := range matrixRoles[1:] {
		r := f.App.Do(f.t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: f.Tokens[role]})
		if r.StatusCode == http.StatusUnauthorized {
			f.Tokens[role], _ = f.App.Login(f.t, role+"@test.example")
		}
	}
}

// order runs reads first and erasure last, so the resources and people of the world last as long as possible.
func order(op specOperation) int {
	switch {
	case op.Method == http.MethodGet:
		return 0
	case strings.HasSuffix(op.Path, "/erase"):
		return 3
	case op.Method == http.MethodDelete:
		return 2
	default:
		return 1
	}
}

func TestAccessMatrixCoversEveryOperationAsEveryRole(t *testing.T) {
	ops := matrixOperations(t)
	sort.Slice(ops, func(i, j int) bool {
		if order(ops[i]) != order(ops[j]) {
			return order(ops[i]) < order(ops[j])
		}
		return ops[i].Path+ops[i].Method < ops[j].Path+ops[j].Method
	})
	f := &matrixFixture{World: testapp.NewWorld(t), t: t}
	f.refresh()
	record := os.Getenv("ACCESS_MATRIX_RECORD") != "" // prints what each role got, to write x-access from
	var missing []string
	for _, op := range ops {
		if len(op.Access) == 0 && !record {
			missing = append(missing, op.Method+" "+op.Path)
			continue
		}
		for _, a := range op.Access {
			if a != "public" && !slices.Contains(matrixRoles, a) {
				t.Errorf("%s %s: x-access names %q, which is not one of %v or public", op.Method, op.Path, a, matrixRoles)
			}
		}
		if op.Method != http.MethodGet {
			f.refresh()
		}
		path := f.fill(op.Path)
		// Refused roles first: their requests must change nothing the allowed ones then act on.
		roles := slices.Clone(matrixRoles)
		sort.SliceStable(roles, func(i, j int) bool {
			return !slices.Contains(op.Access, roles[i]) && slices.Contains(op.Access, roles[j])
		})
		var got []string
		changed, statuses := false, map[string]int{}
		for _, role := range roles {
			req := testapp.Request{Method: op.Method, Path: path, Token: f.Tokens[role],
				Headers: map[string]string{"If-Match": `"1"`}}
			if op.HasBody {
				req.Body = map[string]any{}
			}
			r := f.App.Do(t, req)
			statuses[role] = r.StatusCode
			got = append(got, fmt.Sprintf("%s=%d", role, r.StatusCode))
			if record {
				continue
			}
			allowed := slices.Contains(op.Access, role) || slices.Contains(op.Access, "public")
			switch {
			case r.StatusCode >= 500:
				t.Errorf("%s %s as %s: %d %s", op.Method, op.Path, role, r.StatusCode, r.Body)
			case slices.Contains(op.Access, "public"):
				// checked below: the same for everyone
			case allowed && (r.StatusCode == 401 || r.StatusCode == 403 || (r.StatusCode == 404 && !changed)):
				t.Errorf("%s %s as %s: refused (%d) but x-access allows it: %s", op.Method, op.Path, role, r.StatusCode, r.Body)
			case !allowed && role == "anonymous" && r.StatusCode != 401:
				t.Errorf("%s %s anonymously: %d, want 401", op.Method, op.Path, r.StatusCode)
			case !allowed && role != "anonymous" && r.StatusCode != 403 && r.StatusCode != 404:
				t.Errorf("%s %s as %s: %d, want 403 or 404 (not in x-access %v): %s", op.Method, op.Path, role,
					r.StatusCode, op.Access, r.Body)
			}
			if allowed && r.StatusCode < 300 && op.Method != http.MethodGet {
				changed = true
			}
		}
		if slices.Contains(op.Access, "public") {
			for _, role := range matrixRoles {
				if statuses[role] != statuses["anonymous"] {
					t.Errorf("%s %s is public but answers %s differently: %v", op.Method, op.Path, role, got)
					break
				}
			}
		}
		if record {
			t.Logf("%-7s %-62s %s", op.Method, op.Path, strings.Join(got, " "))
		}
		if op.Method != http.MethodGet {
			f.relogin()
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d operations have no x-access list in api/openapi.yaml:\n  %s", len(missing), strings.Join(missing, "\n  "))
	}
}
