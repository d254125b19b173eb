package planning_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/vgs/leergang/internal/testapp"
)

type importReport struct {
	DryRun   bool `json:"dryRun"`
	Imported int  `json:"imported"`
	Skipped  int  `json:"skipped"`
	Rows     []struct {
		Line   int    `json:"line"`
		Name   string `json:"name"`
		Email  string `json:"email"`
		Status string `json:"status"`
		Errors []struct {
			Field   string `json:"field"`
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"errors"`
	} `json:"rows"`
}

var csvHeader = map[string]string{"Content-Type": "text/csv; charset=utf-8"}

func importCSV(t *testing.T, w *testapp.World, role, query, file string) *testapp.Response {
	t.Helper()
	return call(t, w.App, w.Tokens[role], http.MethodPost, participantsPath(w.Cohort)+"/import"+query, []byte(file), csvHeader)
}

// badRows is a file with one row of each kind, and a blank line: the row report must name each by its line.
const badRows = `naam,email,gemeente,functie
Annemiek de Vries,annemiek.devries@zwolle.example,Zwolle,Gemeentesecretaris
Joost Hendriks,,Deventer,Gemeentesecretaris
Ingrid Kamphuis,ingrid.kamphuis@borne,Borne,Gemeentesecretaris

Annemiek de Vries,ANNEMIEK.DEVRIES@zwolle.example,Zwolle,Gemeentesecretaris
Participant,participant@test.example,Kampen,Gemeentesecretaris
"Hoogland, Pieter",pieter.hoogland@buren.example,Buren,"Gemeentesecretaris, algemeen directeur"
,zonder.naam@gouda.example,Gouda
`

func checkBadRowsReport(t *testing.T, rep importReport) {
	t.Helper()
	type row struct {
		line          int
		status, field string
		code          string
	}
	want := []row{
		{2, "imported", "", ""},
		{3, "invalid", "email", "required"},
		{4, "invalid", "email", "invalid"},
		{6, "invalid", "email", "duplicate"},
		{7, "already_enrolled", "", ""},
		{8, "imported", "", ""},
		{9, "invalid", "row", "columns"},
	}
	if len(rep.Rows) != len(want) || rep.Imported != 2 || rep.Skipped != 5 {
		t.Fatalf("report %+v", rep)
	}
	for i, w := range want {
		got := rep.Rows[i]
		if got.Line != w.line || got.Status != w.status {
			t.Errorf("row %d: line %d %s, want line %d %s", i, got.Line, got.Status, w.line, w.status)
		}
		if w.field != "" && (len(got.Errors) == 0 || got.Errors[0].Field != w.field || got.Errors[0].Code != w.code) {
			t.Errorf("line %d: errors %+v, want %s %s first", got.Line, got.Errors, w.field, w.code)
		}
		if w.field == "" && len(got.Errors) != 0 {
			t.Errorf("line %d: unexpected errors %+v", got.Line, got.Errors)
		}
	}
	if !strings.Contains(rep.Rows[3].Errors[0].Message, "regel 2") {
		t.Errorf("the duplicate does not name its first line: %+v", rep.Rows[3].Errors)
	}
	if last := rep.Rows[6].Errors; len(last) < 2 || last[1].Field != "naam" || last[1].Code != "required" {
		t.Errorf("line 9 should also miss its name: %+v", last)
	}
	if rep.Rows[5].Name != "Hoogland, Pieter" {
		t.Errorf("a quoted name with a comma: %q", rep.Rows[5].Name)
	}
}

func TestImportingACSVReportsEveryRowAndImportsTheValidOnesWithTheirInvitations(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	r := importCSV(t, w, "facilitator", "", badRows)
	expect(t, r, 200)
	var rep importReport
	r.JSON(t, &rep)
	if rep.DryRun {
		t.Fatal("not a dry run")
	}
	checkBadRowsReport(t, rep)

	got := map[string]participant{}
	for _, p := range participantsOf(t, w, w.Cohort) {
		got[p.Email] = p
	}
	if p := got["pieter.hoogland@buren.example"]; p.Name != "Hoogland, Pieter" || p.JobTitle != "Gemeentesecretaris, algemeen directeur" || p.Gemeente != "Buren" {
		t.Fatalf("imported %+v", p)
	}
	if len(got) != 5 {
		t.Fatalf("participants %v", got)
	}
	for _, email := range []string{"annemiek.devries@zwolle.example", "pieter.hoogland@buren.example"} {
		if mailsTo(t, a, email, "invitation") != 1 {
			t.Errorf("no invitation to %s", email)
		}
	}
	if n := count(t, a, `SELECT count(*) FROM outbox`); n != 2 {
		t.Fatalf("%d mails, want the 2 invitations", n)
	}
	// Importing the same file again imports nobody twice.
	again := importCSV(t, w, "facilitator", "", badRows)
	expect(t, again, 200)
	var rep2 importReport
	again.JSON(t, &rep2)
	if rep2.Imported != 0 || rep2.Rows[0].Status != "already_enrolled" || rep2.Rows[5].Status != "already_enrolled" {
		t.Fatalf("second import %+v", rep2)
	}
	if n := count(t, a, `SELECT count(*) FROM outbox`); n != 2 {
		t.Fatalf("%d mails after the second import", n)
	}
}

func TestADryRunReportsTheSameAndWritesNothing(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	before := count(t, a, `SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM enrolments)`)
	r := importCSV(t, w, "facilitator", "?dryRun=true", badRows)
	expect(t, r, 200)
	var rep importReport
	r.JSON(t, &rep)
	if !rep.DryRun {
		t.Fatal("dryRun is false")
	}
	checkBadRowsReport(t, rep)
	if after := count(t, a, `SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM enrolments)`); after != before {
		t.Fatalf("the dry run wrote accounts or enrolments: %d → %d", before, after)
	}
	if n := count(t, a, `SELECT (SELECT count(*) FROM outbox) + (SELECT count(*) FROM invitations)`); n != 0 {
		t.Fatalf("the dry run queued %d mails or invitations", n)
	}
	problemOf(t, importCSV(t, w, "facilitator", "?dryRun=misschien", badRows), 422)
}

func TestASemicolonFileFromExcelWithAByteOrderMarkImports(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	file := "\uFEFFNaam;E-mail;Gemeente;Functie\r\n" +
		"Sanne Visser;sanne.visser@gouda.example;Gouda;Gemeentesecretaris\r\n" +
		"Ahmed Bouzid;ahmed.bouzid@almelo.example;Almelo;Gemeentesecretaris, algemeen directeur\r\n"
	r := importCSV(t, w, "programme-facilitator", "", file)
	expect(t, r, 200)
	var rep importReport
	r.JSON(t, &rep)
	if rep.Imported != 2 || rep.Rows[0].Name != "Sanne Visser" || rep.Rows[1].Line != 3 {
		t.Fatalf("report %+v", rep)
	}
	var job string
	w.App.DB.Raw(`SELECT job_title FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.email = 'ahmed.bouzid@almelo.example'`).Row().Scan(&job)
	if job != "Gemeentesecretaris, algemeen directeur" {
		t.Fatalf("job title %q: a comma inside a semicolon file is text", job)
	}
}

func TestAFileThatCannotBeReadIsRefusedAsAWhole(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	cases := map[string]struct{ file, code string }{
		"empty":        {"", "empty"},
		"only blanks":  {"\uFEFF \r\n\r\n", "empty"},
		"header only":  {"naam,email,gemeente,functie\n", "no_rows"},
		"wrong header": {"name,mail,city,function\nNico,nico@kampen.example,Kampen,Gemeentesecretaris\n", "header"},
		"no header":    {"Nico Middelbos,nico@kampen.example,Kampen,Gemeentesecretaris\n", "header"},
		"not UTF-8":    {"naam,email\nJos\xe9 M\xfcller,jose@kampen.example\n", "encoding"},
		"bad quotes":   {"naam,email\n\"Nico \"de\" Middelbos,nico@kampen.example\n", "unreadable"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			p := problemOf(t, importCSV(t, w, "facilitator", "", tc.file), 422)
			if !hasFieldError(p, "file", tc.code) {
				t.Fatalf("want file %s: %+v", tc.code, p.Errors)
			}
		})
	}
	r := call(t, w.App, w.Tokens["facilitator"], http.MethodPost, participantsPath(w.Cohort)+"/import", badRows, nil)
	problemOf(t, r, 415) // sent as JSON
	r = call(t, w.App, w.Tokens["facilitator"], http.MethodPost, participantsPath(w.Cohort)+"/import", []byte(badRows),
		map[string]string{"Content-Type": "text/csv; charset=windows-1252"})
	problemOf(t, r, 415)
	if n := count(t, w.App, `SELECT count(*) FROM enrolments`); n != 4 {
		t.Fatalf("%d enrolments: a refused file wrote some", n)
	}
}

func TestAnImportFillsTheCohortUpToItsCapacityInFileOrder(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	w.App.Exec(t, `UPDATE cohorts SET capacity = 3 WHERE id = ?`, w.Cohort)
	r := importCSV(t, w, "facilitator", "", "naam,email\nA,a@kampen.example\nB,b@kampen.example\nParticipant,participant@test.example\n")
	expect(t, r, 200)
	var rep importReport
	r.JSON(t, &rep)
	if rep.Imported != 1 || rep.Rows[0].Status != "imported" || rep.Rows[1].Status != "invalid" || rep.Rows[1].Errors[0].Code != "full" ||
		rep.Rows[2].Status != "already_enrolled" {
		t.Fatalf("report %+v", rep)
	}
	if n := count(t, w.App, `SELECT count(*) FROM users WHERE email = 'b@kampen.example'`); n != 0 {
		t.Fatal("a row that did not fit left an account")
	}
	w.App.Exec(t, `UPDATE cohorts SET status = 'archived', archived_at = now() WHERE id = ?`, w.Cohort)
	problemOf(t, importCSV(t, w, "facilitator", "", "naam,email\nC,c@kampen.example\n"), 409)
}

func TestParticipantsAreImportedByTheCohortsFacilitatorsAndAdminsOnly(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	forEachRole(t, map[string]int{
		"admin": 200, "facilitator": 200, "programme-facilitator": 200, "other-cohort-facilitator": 403,
		"other-programme-facilitator": 403, "reviewer": 403, "participant": 403, "other-participant": 403,
		"other-cohort-participant": 403, "withdrawn-participant": 403, "anonymous": 401,
	}, func(t *testing.T, role string, status int) {
		r := importCSV(t, w, role, "?dryRun=true", "naam,email\nNieuw,nieuw@kampen.example\n")
		expect(t, r, status)
	})
}
