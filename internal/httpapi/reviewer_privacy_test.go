package httpapi_test

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/ledongthuc/pdf"
	"github.com/xuri/excelize/v2"

	"github.com/vgs/leergang/internal/testapp"
)

// The funder's promise (DESIGN.md, "who sees what"): a reviewer sees aggregates, never a person. These tests
// walk every GET operation of api/openapi.yaml as the programme's reviewer, in a world where participants have
// names, addresses, goals, reflections, drafts and open evaluation answers that are easy to recognise, and look
// for any of them in what comes back, exports decoded first.

// privateWorld fills a World with personal data that a reviewer must never see, and one open answer that the
// respondent shared with the funder, which the reviewer must see (proving the search reads the files).
type privateWorld struct {
	*testapp.World
	secrets    []string // nothing of these may reach the reviewer
	sharedText string   // this must reach the reviewer, in the report and in every export
	ids        map[string][]string
}

func newPrivateWorld(t *testing.T) *privateWorld {
	w := &privateWorld{World: testapp.NewWorld(t), sharedText: "Gedeeld-Met-Het-Fonds-Qx7", ids: map[string][]string{}}
	a := w.App
	people := map[string][2]string{
		"participant":              {"Zwaantje Ploegmaker", "zwaantje.ploegmaker@kampen.example"},
		"other-participant":        {"Gerbrand Oudekerk", "gerbrand.oudekerk@zwolle.example"},
		"other-cohort-participant": {"Machteld Vinkeveen", "machteld.vinkeveen@urk.example"},
		"withdrawn-participant":    {"Rutger Wolderink", "rutger.wolderink@elburg.example"},
	}
	for role, p := range people {
		a.Exec(t, `UPDATE users SET name = ?, email = ? WHERE id = ?`, p[0], p[1], w.Users[role])
		w.secrets = append(w.secrets, p[0], p[1], strings.Split(p[0], " ")[1])
	}

	// Goals and reflections of every visibility, by participants of both cohorts.
	authors := []struct {
		role   string
		cohort uuid.UUID
	}{{"participant", w.Cohort}, {"other-participant", w.Cohort}, {"other-cohort-participant", w.OtherCohort}}
	for i, au := range authors {
		goal := "Leerdoel-Kwetsbaar-" + string(rune('A'+i))
		w.ids["goalID"] = append(w.ids["goalID"], w.insert(t, `INSERT INTO learning_goals (user_id, cohort_id, title, status)
			VALUES (?, ?, ?, 'active') RETURNING id`, w.Users[au.role], au.cohort, goal))
		w.secrets = append(w.secrets, goal)
		for _, vis := range []string{"private", "facilitators", "cohort"} {
			title := "Reflectietitel-" + vis + "-" + string(rune('A'+i))
			body := "Reflectietekst-" + vis + "-" + string(rune('A'+i)) + " over de raad."
			w.ids["reflectionID"] = append(w.ids["reflectionID"], w.insert(t, `INSERT INTO reflections (author_id, cohort_id,
				title, body_markdown, visibility) VALUES (?, ?, ?, ?, ?) RETURNING id`, w.Users[au.role], au.cohort, title, body, vis))
			w.secrets = append(w.secrets, title, "Reflectietekst-"+vis+"-"+string(rune('A'+i)))
		}
	}

	// A form in the cohort with six responses (k is 5, so the open question is shown): five private open
	// answers, one shared. Who answered is recorded apart, as the submit endpoint does; a draft too.
	tmpl := w.insert(t, `INSERT INTO evaluation_forms (programme_id, is_template, title) VALUES (?, true, 'Evaluatie dag') RETURNING id`, w.Programme)
	a.Exec(t, `INSERT INTO evaluation_questions (form_id, position, key, kind, prompt) VALUES
		(?, 1, 'waardering', 'scale', ?), (?, 2, 'meenemen', 'text', ?)`, tmpl, "Hoe was de dag?", tmpl, "Wat neemt u mee?")
	form := w.insert(t, `INSERT INTO evaluation_forms (programme_id, cohort_id, scope, title, opens_at, closes_at, copied_from_form_id)
		VALUES (?, ?, 'cohort', 'Evaluatie dag', now() - interval '7 days', now() + interval '7 days', ?) RETURNING id`,
		w.Programme, w.Cohort, tmpl)
	a.Exec(t, `INSERT INTO evaluation_questions (form_id, position, key, kind, prompt, options)
		SELECT ?, position, key, kind, prompt, options FROM evaluation_questions WHERE form_id = ?`, form, tmpl)
	w.ids["formID"] = []string{form, tmpl}
	for i := range 6 {
		resp := w.insert(t, `INSERT INTO evaluation_responses (form_id, submitted_on) VALUES (?, current_date) RETURNING id`, form)
		text, share := "Niet-Gedeeld-Antwoord-"+string(rune('A'+i)), false
		if i == 5 {
			text, share = w.sharedText, true
		} else {
			w.secrets = append(w.secrets, text)
		}
		a.Exec(t, `INSERT INTO evaluation_answers (response_id, form_id, question_id, question_kind, scale_value)
			SELECT ?, form_id, id, kind, ? FROM evaluation_questions WHERE form_id = ? AND key = 'waardering'`, resp, 1+i%5, form)
		a.Exec(t, `INSERT INTO evaluation_answers (response_id, form_id, question_id, question_kind, text_value, share_with_funder)
			SELECT ?, form_id, id, kind, ?, ? FROM evaluation_questions WHERE form_id = ? AND key = 'meenemen'`, resp, text, share, form)
	}
	a.Exec(t, `INSERT INTO evaluation_submissions (form_id, user_id, cohort_id) VALUES (?, ?, ?)`, form, w.Users["participant"], w.Cohort)
	a.Exec(t, `INSERT INTO evaluation_drafts (form_id, user_id, cohort_id, answers) VALUES (?, ?, ?, '{"meenemen": "Concept-Antwoord-Zq9"}')`,
		form, w.Users["other-participant"], w.Cohort)
	w.secrets = append(w.secrets, "Concept-Antwoord-Zq9")

	// Planning data to fill the other routes: a session with attendance, a speaker, a mail to a participant.
	session := w.insert(t, `INSERT INTO sessions (module_id, cohort_id, title, starts_at, ends_at)
		SELECT id, cohort_id, 'Kick-off', now() - interval '3 days', now() - interval '3 days' + interval '3 hours'
		FROM modules WHERE cohort_id = ? AND position = 1 RETURNING id`, w.Cohort)
	a.Exec(t, `INSERT INTO attendance (session_id, user_id, cohort_id, status) VALUES (?, ?, ?, 'present'), (?, ?, ?, 'absent')`,
		session, w.Users["participant"], w.Cohort, session, w.Users["other-participant"], w.Cohort)
	w.ids["sessionID"] = []string{session}
	w.ids["speakerID"] = []string{w.insert(t, `INSERT INTO speakers (programme_id, name, email) VALUES (?, 'Spreker Publiek', 'spreker@bureau.example') RETURNING id`, w.Programme)}
	var mail string
	if err := a.DB.Raw(`INSERT INTO outbox (kind, to_address, subject, body_text) VALUES ('test.mail', ?, ?, ?) RETURNING id::text`,
		people["participant"][1], "Beste "+people["participant"][0], "Hallo "+people["participant"][0]).Row().Scan(&mail); err != nil {
		t.Fatal(err)
	}
	w.ids["mailID"] = []string{mail}
	var slug string
	if err := a.DB.Raw(`SELECT slug FROM programmes WHERE id = ?`, w.Programme).Row().Scan(&slug); err != nil {
		t.Fatal(err)
	}
	w.ids["slug"] = []string{slug}
	w.ids["programmeID"] = []string{w.Programme.String()}
	w.ids["cohortID"] = []string{w.Cohort.String(), w.OtherCohort.String()}
	w.ids["userID"] = []string{w.Users["participant"].String(), w.Users["other-cohort-participant"].String()}
	w.ids["token"] = []string{"eyJhbGciOiJFZERTQSJ9.e30.bm9uZQ"}
	w.ids["file"] = []string{uuid.NewString() + ".ics"}
	w.ids["format"] = []string{"csv", "xlsx", "pdf"}
	return w
}

func (w *privateWorld) insert(t *testing.T, sql string, args ...any) string {
	t.Helper()
	var id string
	if err := w.App.DB.Raw(sql, args...).Row().Scan(&id); err != nil {
		t.Fatalf("insert: %v", err)
	}
	return id
}

var pathParam = regexp.MustCompile(`\{([A-Za-z]+)\}`)

// expand fills the path's parameters with every combination of the world's ids.
func (w *privateWorld) expand(t *testing.T, path string) []string {
	t.Helper()
	out := []string{path}
	for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
		values := w.ids[m[1]]
		if len(values) == 0 {
			t.Fatalf("no value for {%s} in %s: add one to the world", m[1], path)
		}
		var next []string
		for _, p := range out {
			for _, v := range values {
				next = append(next, strings.Replace(p, m[0], v, 1))
			}
		}
		out = next
	}
	return out
}

// queries are extra variants of some paths: filters that might reach other data.
var queries = map[string][]string{
	"/api/v1/programmes/{programmeID}/evaluation-report":                 {"?cohortId={cohortID}"},
	"/api/v1/programmes/{programmeID}/evaluation-report/export/{format}": {"?cohortId={cohortID}"},
	"/api/v1/users":                          {"?query=Ploegmaker", "?query=kampen"},
	"/api/v1/cohorts/{cohortID}/reflections": {"?authorId={userID}"},
	"/api/v1/me/reflections":                 {"?q=raad"},
	"/api/v1/admin/portraits":                {"?status=submitted"},
}

// readable is the text of a response: the body as it is, or the text inside an XLSX or PDF.
func readable(t *testing.T, r *testapp.Response) string {
	t.Helper()
	ct := r.Header.Get("Content-Type")
	switch {
	case strings.HasPrefix(ct, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"):
		f, err := excelize.OpenReader(bytes.NewReader(r.Body))
		if err != nil {
			t.Fatalf("XLSX: %v", err)
		}
		defer f.Close()
		var b strings.Builder
		for _, sheet := range f.GetSheetList() {
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for _, row := range rows {
				b.WriteString(strings.Join(row, "\t") + "\n")
			}
		}
		// And every XML part as it is, in case something sits outside the cells (comments, properties).
		z, err := zip.NewReader(bytes.NewReader(r.Body), int64(len(r.Body)))
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range z.File {
			rc, err := part.Open()
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(rc)
			rc.Close()
			b.Write(raw)
		}
		return b.String()
	case strings.HasPrefix(ct, "application/pdf"):
		rd, err := pdf.NewReader(bytes.NewReader(r.Body), int64(len(r.Body)))
		if err != nil {
			t.Fatalf("PDF: %v", err)
		}
		txt, err := rd.GetPlainText()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(txt)
		return string(b)
	}
	return string(r.Body)
}

func TestReviewerSeesNoPersonOnAnyRoute(t *testing.T) {
	w := newPrivateWorld(t)
	var gets []string
	for op := range specOperations(t) {
		if strings.HasPrefix(op, "GET ") {
			gets = append(gets, strings.TrimPrefix(op, "GET "))
		}
	}
	sort.Strings(gets)
	if len(gets) < 40 {
		t.Fatalf("only %d GET operations in the spec; the listing is broken", len(gets))
	}
	seenShared := map[string]bool{}
	requests := 0
	for _, path := range gets {
		variants := []string{path}
		for _, q := range queries[path] {
			variants = append(variants, path+q)
		}
		for _, v := range variants {
			for _, url := range w.expand(t, v) {
				r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: url, Token: w.Tokens["reviewer"]})
				requests++
				if r.StatusCode >= 500 {
					t.Errorf("GET %s: %d %s", url, r.StatusCode, r.Body)
					continue
				}
				text := readable(t, r)
				for _, s := range w.secrets {
					if strings.Contains(text, s) {
						t.Errorf("GET %s (%d) shows %q to the reviewer", url, r.StatusCode, s)
					}
				}
				if r.StatusCode == http.StatusOK && strings.Contains(text, w.sharedText) {
					seenShared[strings.SplitN(url, "?", 2)[0]] = true
				}
			}
		}
	}
	// The shared answer reaches the reviewer in the report and in each export: the search does read them.
	base := "/api/v1/programmes/" + w.Programme.String() + "/evaluation-report"
	for _, p := range []string{base, base + "/export/csv", base + "/export/xlsx", base + "/export/pdf"} {
		if !seenShared[p] {
			t.Errorf("the shared answer is not in %s: the reviewer's report or its decoding is broken", p)
		}
	}
	t.Logf("%d GET operations, %d requests", len(gets), requests)
}

// What was answered is stored apart from who answered: evaluation_responses and evaluation_answers have no
// column that names a person, no reference to one, and no moment finer than the day, so that nothing in the
// database can tie an answer to a row of evaluation_submissions.
func TestEvaluationAnswersCannotBeLinkedToAPerson(t *testing.T) {
	a := testapp.New(t)
	type column struct {
		Name, Type string
		Default    *string
	}
	columns := func(table string) []string {
		var cs []column
		if err := a.DB.Raw(`SELECT column_name AS name, data_type AS type, column_default AS "default"
			FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position`,
			table).Scan(&cs).Error; err != nil {
			t.Fatal(err)
		}
		out := []string{}
		personal := regexp.MustCompile(`user|author|person|people|participant|enrol|submi(t|ssion)|respondent|email|name|(^|_)ip(_|$)|address|by$|_at$|created|updated|time`)
		for _, c := range cs {
			out = append(out, c.Name+" "+c.Type)
			if personal.MatchString(c.Name) && c.Name != "submitted_on" {
				t.Errorf("%s.%s could identify a person", table, c.Name)
			}
			if strings.Contains(c.Type, "time") {
				t.Errorf("%s.%s is a %s: only the day may be stored", table, c.Name, c.Type)
			}
			if c.Name == "id" && (c.Default == nil || *c.Default != "gen_random_uuid()") {
				t.Errorf("%s.id defaults to %v: it must be random (v4), not ordered by time", table, c.Default)
			}
		}
		return out
	}
	wantLinesEqual(t, "evaluation_responses", columns("evaluation_responses"),
		[]string{"id uuid", "form_id uuid", "submitted_on date"})
	wantLinesEqual(t, "evaluation_answers", columns("evaluation_answers"),
		[]string{"id uuid", "response_id uuid", "form_id uuid", "question_id uuid", "question_kind text",
			"scale_value smallint", "choice_value text", "text_value text", "share_with_funder boolean"})

	// Foreign keys from, and to, the two tables: only forms, questions and each other.
	var refs []string
	if err := a.DB.Raw(`SELECT conrelid::regclass::text || ' -> ' || confrelid::regclass::text
		FROM pg_constraint WHERE contype = 'f'
			AND (conrelid IN ('evaluation_responses'::regclass, 'evaluation_answers'::regclass)
				OR confrelid IN ('evaluation_responses'::regclass, 'evaluation_answers'::regclass))
		ORDER BY 1`).Scan(&refs).Error; err != nil {
		t.Fatal(err)
	}
	wantLinesEqual(t, "foreign keys", refs, []string{
		"evaluation_answers -> evaluation_questions", "evaluation_answers -> evaluation_responses",
		"evaluation_responses -> evaluation_forms"})
	for _, r := range refs {
		for _, banned := range []string{"users", "evaluation_submissions", "enrolments", "evaluation_drafts"} {
			if strings.HasSuffix(r, "-> "+banned) {
				t.Errorf("%s: answers must not refer to %s", r, banned)
			}
		}
	}
	// No trigger copies a response anywhere with a person or a moment beside it.
	var triggers []string
	if err := a.DB.Raw(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal
		AND tgrelid IN ('evaluation_responses'::regclass, 'evaluation_answers'::regclass)`).Scan(&triggers).Error; err != nil {
		t.Fatal(err)
	}
	if len(triggers) > 0 {
		t.Errorf("triggers on the answer tables: %v", triggers)
	}
}

func wantLinesEqual(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got  %s\n want %s", what, strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}
