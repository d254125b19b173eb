package evaluation_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/ledongthuc/pdf"
	"github.com/xuri/excelize/v2"
)

var exportTypes = map[string]string{
	"csv":  "text/csv; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"pdf":  "application/pdf",
}

// export downloads the report as role in the format and checks that it is a named attachment.
func (w *evalWorld) export(t *testing.T, role, format string, cohort *uuid.UUID) []byte {
	t.Helper()
	path := "/programmes/" + w.Programme.String() + "/evaluation-report/export/" + format
	if cohort != nil {
		path += "?cohortId=" + cohort.String()
	}
	r := w.call(t, role, http.MethodGet, path, nil, 0)
	wantStatus(t, r, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); ct != exportTypes[format] {
		t.Errorf("%s: content type %q", format, ct)
	}
	var slug string
	if err := w.App.DB.Raw(`SELECT slug FROM programmes WHERE id = ?`, w.Programme).Row().Scan(&slug); err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("Europe/Amsterdam")
	want := "attachment; filename=evaluatierapport-" + slug + "-" + time.Now().In(loc).Format("2006-01-02") + "." + format
	if cd := r.Header.Get("Content-Disposition"); cd != want {
		t.Errorf("Content-Disposition %q, want %q", cd, want)
	}
	return r.Body
}

// csvRecords checks the byte order mark and reads the ;-separated records.
func csvRecords(t *testing.T, body []byte) []string {
	t.Helper()
	if !bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("CSV without a UTF-8 byte order mark: %q", body[:min(20, len(body))])
	}
	rd := csv.NewReader(bytes.NewReader(body[3:]))
	rd.Comma = ';'
	rd.FieldsPerRecord = -1
	recs, err := rd.ReadAll()
	if err != nil {
		t.Fatalf("CSV: %v", err)
	}
	out := make([]string, len(recs))
	for i, r := range recs {
		// Trailing empty answer columns do not matter here.
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		out[i] = strings.Join(r, "|")
	}
	return out
}

// xlsxSheets opens the workbook with excelize and returns every sheet's rows with raw (unformatted) values;
// numbers come back with the 15 significant digits a spreadsheet keeps.
func xlsxSheets(t *testing.T, body []byte) (*excelize.File, map[string][][]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("XLSX: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	out := map[string][][]string{}
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		out[name] = rows
	}
	return f, out
}

// pdfText extracts the text of every page with a PDF reader (ledongthuc/pdf), and the number of pages.
func pdfText(t *testing.T, body []byte) (string, int) {
	t.Helper()
	if !bytes.HasPrefix(body, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", body[:min(20, len(body))])
	}
	rd, err := pdf.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("PDF: %v", err)
	}
	txt, err := rd.GetPlainText()
	if err != nil {
		t.Fatalf("PDF text: %v", err)
	}
	b, err := io.ReadAll(txt)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), rd.NumPage()
}

func wantContains(t *testing.T, what, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			t.Errorf("%s lacks %q", what, p)
		}
	}
}

func wantAbsent(t *testing.T, what, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if strings.Contains(text, p) {
			t.Errorf("%s shows %q", what, p)
		}
	}
}

// row finds the row whose first cells are prefix.
func row(t *testing.T, rows [][]string, prefix ...string) []string {
	t.Helper()
	for _, r := range rows {
		if len(r) >= len(prefix) && slices.Equal(r[:len(prefix)], prefix) {
			return r
		}
	}
	t.Fatalf("no row %v", prefix)
	return nil
}

func TestCSVExportHasTheHandComputedFiguresTheDutchWay(t *testing.T) {
	f := newHandFixture(t)
	recs := csvRecords(t, f.export(t, "reviewer", "csv", nil))
	const q = "Evaluatie bijeenkomst|spreker|Hoe waardeert u de spreker(s)?|schaal 1–5|"
	const rec = "Evaluatie bijeenkomst|aanbevelen|Zou u de leergang aanbevelen?|aanbeveling 0–10|"
	const open = "Evaluatie bijeenkomst|meenemen|Wat neemt u mee?|open vraag|"
	for _, want := range []string{
		"Evaluatierapport|Leergang Digitaal Leiderschap",
		"Filter|hele leergang",
		"Minimum aantal antwoorden (k)|5",
		"Groep|Jaar|Status|Inschrijvingen|Afgerond|Uitgevallen|Afrondingspercentage|Aanwezigheid",
		"Hele leergang|||21|8|3|80%|66,7%",
		"Groep Zeeën 2021|2021|afgerond|10|8|2|80%|62,5%",
		"2026–2027|2026|lopend|11|0|1",
		"Evaluatie bijeenkomst|Groep Zeeën 2021|2021|Evaluatie strategie|Digitale strategie|2021-10-05|2021-10-19|8|75%|16",
		"Evaluatie bijeenkomst|2026–2027|2026|Slotevaluatie|2026–2027|2027-06-01|2027-06-15|10|50%|16",
		q + "Totaal|Hele leergang|16|3,5|3,5|||1 slecht|1|2|2|3|5|4|4|5 uitstekend|4",
		q + "Jaar|2021|11|3,82|4|||1 slecht|0|2|1|3|3|4|4|5 uitstekend|3",
		q + "Groep|2026–2027|5|2,8|3|||1 slecht|1|2|1|3|2|4|0|5 uitstekend|1",
		q + "Formulier|Groep Zeeën 2021 · Evaluatie module Context|5|3,6|4|||1 slecht|0|2|1|3|1|4|2|5 uitstekend|1",
		rec + "Totaal|Hele leergang|15|7,13|8|6,67||0|0|1|1|2|0|3|1|4|1|5|1|6|1|7|1|8|3|9|3|10|3",
		rec + "Formulier|2026–2027 · Slotevaluatie|5|6|8|-20||0|0|1|1|2|0|3|0|4|1|5|0|6|0|7|0|8|2|9|1|10|0",
		"Evaluatie bijeenkomst|lengte|Was de lengte goed?|keuze|Totaal|Hele leergang|16|||||Te kort|4|Goed|9|Te lang|3",
		open + "Totaal|Hele leergang|14",
		open + "Jaar|2026|||||te weinig antwoorden",
		open + "Jaar|2021|||||te weinig antwoorden",
		open + "Formulier|Groep Zeeën 2021 · Evaluatie strategie|||||te weinig antwoorden",
		"Formulier|Vraag|Antwoord",
		"Evaluatie bijeenkomst|Wat neemt u mee?|Aandacht voor de raad",
		"Evaluatie bijeenkomst|Wat neemt u mee?|Énorm veel geleerd",
	} {
		if !slices.Contains(recs, want) {
			t.Errorf("CSV lacks the row %q", want)
		}
	}
	// The shared answers in Dutch alphabetical order, one row each.
	var answers []string
	for _, r := range recs {
		if strings.HasPrefix(r, "Evaluatie bijeenkomst|Wat neemt u mee?|") {
			answers = append(answers, strings.TrimPrefix(r, "Evaluatie bijeenkomst|Wat neemt u mee?|"))
		}
	}
	wantLines(t, "shared answers", answers, []string{"Aandacht voor de raad", "Betere vergaderingen",
		"Collega's uit het land", "Énorm veel geleerd", "Zebra's en olifanten"})
	wantAbsent(t, "CSV", strings.Join(recs, "\n"), "GEHEIM")
}

// An open answer is the participant's text: in a CSV for Excel it must not start a formula.
func TestCSVExportDefusesFormulas(t *testing.T) {
	w := newEvalWorld(t)
	tmpl := w.template(t, "Evaluatie", nil, qMeenemen)
	form := w.cohortForm(t, &tmpl, w.Cohort, "Dag 1", "cohort", nil, time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC))
	w.answer(t, form, w.responses(t, form, 5), "meenemen", shared(`=HYPERLINK("http://x.example","klik")`),
		shared("+31 6 1234"), shared("-minder vergaderen"), shared("@iedereen"), shared("Gewoon antwoord"))
	recs := csvRecords(t, w.export(t, "admin", "csv", nil))
	for _, want := range []string{`Evaluatie|Wat neemt u mee?|'=HYPERLINK("http://x.example","klik")`,
		"Evaluatie|Wat neemt u mee?|'+31 6 1234", "Evaluatie|Wat neemt u mee?|'-minder vergaderen",
		"Evaluatie|Wat neemt u mee?|'@iedereen", "Evaluatie|Wat neemt u mee?|Gewoon antwoord"} {
		if !slices.Contains(recs, want) {
			t.Errorf("CSV lacks %q", want)
		}
	}
}

func TestXLSXExportHasNumbersAsNumbersInFourSheets(t *testing.T) {
	f := newHandFixture(t)
	x, sheets := xlsxSheets(t, f.export(t, "reviewer", "xlsx", nil))
	if got := x.GetSheetList(); !slices.Equal(got, []string{"Samenvatting", "Vragen", "Trends", "Open antwoorden"}) {
		t.Fatalf("sheets %v", got)
	}
	if i := x.GetActiveSheetIndex(); i != 0 {
		t.Errorf("active sheet %d, want Samenvatting", i)
	}
	// Each table's header row is styled (bold) and frozen.
	for sheet, header := range map[string]int{"Samenvatting": 6, "Vragen": 1, "Trends": 1, "Open antwoorden": 1} {
		panes, err := x.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != header || panes.TopLeftCell != "A"+strconv.Itoa(header+1) {
			t.Errorf("%s: panes %+v %v, want the first %d rows frozen", sheet, panes, err, header)
		}
		id, err := x.GetCellStyle(sheet, "A"+strconv.Itoa(header))
		if err != nil {
			t.Fatal(err)
		}
		if st, err := x.GetStyle(id); err != nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("%s: header style %+v %v", sheet, st, err)
		}
	}
	// The heading's labels are bold, its values are not.
	for cell, bold := range map[string]bool{"A1": true, "A4": true, "B1": false, "B4": false} {
		id, err := x.GetCellStyle("Samenvatting", cell)
		if err != nil {
			t.Fatal(err)
		}
		if st, err := x.GetStyle(id); err != nil || (st.Font != nil && st.Font.Bold) != bold {
			t.Errorf("Samenvatting!%s: style %+v %v, want bold %v", cell, st, err, bold)
		}
	}
	for _, c := range []struct {
		sheet, col string
		width      float64
	}{{"Samenvatting", "A", 34}, {"Samenvatting", "B", 16}, {"Samenvatting", "J", 16}, {"Vragen", "A", 28},
		{"Vragen", "C", 48}, {"Vragen", "F", 30}, {"Vragen", "K", 20}, {"Trends", "A", 28}, {"Trends", "B", 48},
		{"Open antwoorden", "A", 28}, {"Open antwoorden", "B", 48}, {"Open antwoorden", "C", 80}} {
		if w, err := x.GetColWidth(c.sheet, c.col); err != nil || w != c.width {
			t.Errorf("%s column %s: width %v %v, want %v", c.sheet, c.col, w, err, c.width)
		}
	}
	// Text is stored as text, the counts of the heading as numbers.
	for _, c := range []struct{ sheet, cell string }{{"Samenvatting", "A7"}, {"Vragen", "A2"}, {"Vragen", "L2"},
		{"Open antwoorden", "C2"}} {
		if typ, err := x.GetCellType(c.sheet, c.cell); err != nil || typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s!%s: type %v %v, want text", c.sheet, c.cell, typ, err)
		}
	}
	if typ, err := x.GetCellType("Samenvatting", "B4"); err != nil || typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("k: type %v %v, want a number", typ, err)
	}
	sum := sheets["Samenvatting"]
	wantLines(t, "heading", []string{strings.Join(sum[0], "|"), strings.Join(sum[1], "|"), strings.Join(sum[3], "|")},
		[]string{"Evaluatierapport|Leergang Digitaal Leiderschap", "Filter|hele leergang", "Minimum aantal antwoorden (k)|5"})
	wantLines(t, "figures", []string{strings.Join(row(t, sum, "Hele leergang"), "|"), strings.Join(row(t, sum, "Groep Zeeën 2021"), "|")},
		[]string{"Hele leergang|||21|8|3|0.8|0.666666666666666", "Groep Zeeën 2021|2021|afgerond|10|8|2|0.8|0.625"})
	wantLines(t, "forms", []string{strings.Join(row(t, sum, "Evaluatie bijeenkomst", "2026–2027"), "|")},
		[]string{"Evaluatie bijeenkomst|2026–2027|2026|Slotevaluatie|2026–2027|2027-06-01|2027-06-15|10|0.5|16"})
	// Numbers are stored as numbers, and shown as percentages or with two decimals.
	for _, c := range []struct{ sheet, cell, shown string }{
		{"Samenvatting", "G7", "80.0%"}, {"Samenvatting", "D7", "21"}, {"Vragen", "H2", "3.50"}, {"Vragen", "G2", "16"}} {
		if typ, err := x.GetCellType(c.sheet, c.cell); err != nil || typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s!%s: type %v %v", c.sheet, c.cell, typ, err)
		}
		if v, err := x.GetCellValue(c.sheet, c.cell); err != nil || v != c.shown {
			t.Errorf("%s!%s shows %q, want %q (%v)", c.sheet, c.cell, v, c.shown, err)
		}
	}

	vr := sheets["Vragen"]
	if got := strings.Join(vr[0][:13], "|"); got != "Formulier|Sleutel|Vraag|Soort|Niveau|Groep|n|Gemiddelde|Mediaan|NPS|Opmerking|Antwoord 1|Aantal 1" {
		t.Errorf("Vragen header %s", got)
	}
	trim := func(r []string) string {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		return strings.Join(r, "|")
	}
	wantLines(t, "Vragen", []string{
		trim(row(t, vr, "Evaluatie bijeenkomst", "spreker", "Hoe waardeert u de spreker(s)?", "schaal 1–5", "Jaar", "2021")),
		trim(row(t, vr, "Evaluatie bijeenkomst", "aanbevelen", "Zou u de leergang aanbevelen?", "aanbeveling 0–10", "Totaal")),
		trim(row(t, vr, "Evaluatie bijeenkomst", "meenemen", "Wat neemt u mee?", "open vraag", "Groep", "2026–2027")),
	}, []string{
		"Evaluatie bijeenkomst|spreker|Hoe waardeert u de spreker(s)?|schaal 1–5|Jaar|2021|11|3.81818181818181|4|||1 slecht|0|2|1|3|3|4|4|5 uitstekend|3",
		"Evaluatie bijeenkomst|aanbevelen|Zou u de leergang aanbevelen?|aanbeveling 0–10|Totaal|Hele leergang|15|7.13333333333333|8|6.66666666666666||0|0|1|1|2|0|3|1|4|1|5|1|6|1|7|1|8|3|9|3|10|3",
		"Evaluatie bijeenkomst|meenemen|Wat neemt u mee?|open vraag|Groep|2026–2027|||||te weinig antwoorden",
	})

	tr := sheets["Trends"]
	wantLines(t, "Trends", []string{trim(tr[0]), trim(tr[1]), trim(tr[2]), trim(tr[3])}, []string{
		"Formulier|Vraag|Soort|Maat|2021|2026|Groep Zeeën 2021|2026–2027",
		"Evaluatie bijeenkomst|Hoe waardeert u de spreker(s)?|schaal 1–5|Gemiddelde|3.81818181818181|2.8|3.81818181818181|2.8",
		"Evaluatie bijeenkomst|Zou u de leergang aanbevelen?|aanbeveling 0–10|Gemiddelde|7.7|6|7.7|6",
		"Evaluatie bijeenkomst|Zou u de leergang aanbevelen?|aanbeveling 0–10|NPS|20|-20|20|-20",
	})
	open := sheets["Open antwoorden"]
	var answers []string
	for _, r := range open[1:] {
		answers = append(answers, strings.Join(r, "|"))
	}
	wantLines(t, "Open antwoorden", answers, []string{
		"Evaluatie bijeenkomst|Wat neemt u mee?|Aandacht voor de raad",
		"Evaluatie bijeenkomst|Wat neemt u mee?|Betere vergaderingen",
		"Evaluatie bijeenkomst|Wat neemt u mee?|Collega's uit het land",
		"Evaluatie bijeenkomst|Wat neemt u mee?|Énorm veel geleerd",
		"Evaluatie bijeenkomst|Wat neemt u mee?|Zebra's en olifanten",
	})
	var all strings.Builder
	for _, rows := range sheets {
		for _, r := range rows {
			all.WriteString(strings.Join(r, "|") + "\n")
		}
	}
	wantAbsent(t, "XLSX", all.String(), "GEHEIM")
}

func TestPDFExportIsAFiledReportWithChartsAndPageNumbers(t *testing.T) {
	f := newHandFixture(t)
	text, pages := pdfText(t, f.export(t, "reviewer", "pdf", nil))
	loc, _ := time.LoadLocation("Europe/Amsterdam")
	months := []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
		"oktober", "november", "december"}
	now := time.Now().In(loc)
	if pages < 3 {
		t.Fatalf("%d pages: title, figures and a lineage at least", pages)
	}
	wantContains(t, "PDF", text,
		"Evaluatierapport", "Leergang Digitaal Leiderschap", "Filter: De hele leergang, alle groepen",
		"Gemaakt op "+strconv.Itoa(now.Day())+" "+months[now.Month()-1]+" "+strconv.Itoa(now.Year()),
		"Minimum aantal antwoorden (k): 5",
		// Figures, with the Dutch diacritics intact.
		"Kengetallen", "Groep Zeeën 2021", "80%", "66,7%", "62,5%", "lopend", "afgerond",
		// The lineage, its forms and the questions in the newest wording.
		"Evaluatie bijeenkomst", "Antwoorden: 16", "Evaluatie strategie", "75%",
		"Hoe waardeert u de spreker(s)?", "Totaal: n = 16 · gemiddelde 3,5 · mediaan 3,5",
		"1 slecht", "5 uitstekend", "Gemiddelde per groep",
		"Totaal: n = 15 · gemiddelde 7,13 · mediaan 8 · NPS +6,67 (6 promotors, 4 passief, 5 criticasters)",
		"Groep Zeeën 2021 · Evaluatie module Context", "3,82", "8,4", "-20",
		"Totaal: n = 16", "Te kort", "Te lang",
		// The open question: total shown, every part withheld, the shared answers without names.
		"Wat neemt u mee?", "Totaal: n = 14", "te weinig antwoorden", "Gedeelde open antwoorden",
		"• Aandacht voor de raad", "• Collega's uit het land", "• Énorm veel geleerd", "• Zebra's en olifanten",
		"pagina 1 van "+strconv.Itoa(pages), "pagina "+strconv.Itoa(pages)+" van "+strconv.Itoa(pages),
	)
	wantAbsent(t, "PDF", text, "GEHEIM", "{nb}")
}

// The subtraction case in every file: a cohort of 6 next to one of 3 in the same year shows neither, the
// forms of a cohort of 6 and 3 show neither, and "te weinig antwoorden" stands where they would be.
func TestExportsWithholdWhatTheReportWithholds(t *testing.T) {
	f := newSubtractionFixture(t)
	// Withheld means: X1 4,67, Y1 1,33, Z1 3,83, Z2 1,67. Shown: Z and 2021 3,11, 2026 3,56, all 3,33.
	withheldDutch := []string{"4,67", "1,33", "3,83", "1,67"}
	withheldRaw := []string{"4.666", "1.333", "3.833", "1.666"}

	recs := csvRecords(t, f.export(t, "reviewer", "csv", nil))
	csvText := strings.Join(recs, "\n")
	wantAbsent(t, "CSV", csvText, withheldDutch...)
	const q = "Evaluatie|spreker|Hoe waardeert u de spreker?|schaal 1–5|"
	for _, want := range []string{
		q + "Totaal|Hele leergang|18|3,33|4|||1 slecht|3|2|3|3|1|4|7|5 uitstekend|4",
		q + "Jaar|2026|9|3,56|4|||1 slecht|2|2|1|3|0|4|2|5 uitstekend|4",
		q + "Groep|2021–2022|9|3,11|4|||1 slecht|1|2|2|3|1|4|5|5 uitstekend|0",
		q + "Groep|2026–2027|||||te weinig antwoorden",
		q + "Groep|Najaar 2026|||||te weinig antwoorden",
		q + "Formulier|2021–2022 · Dag 1|||||te weinig antwoorden",
		q + "Formulier|2021–2022 · Dag 2|||||te weinig antwoorden",
	} {
		if !slices.Contains(recs, want) {
			t.Errorf("CSV lacks %q", want)
		}
	}

	_, sheets := xlsxSheets(t, f.export(t, "reviewer", "xlsx", nil))
	var all strings.Builder
	for _, rows := range sheets {
		for _, r := range rows {
			all.WriteString(strings.Join(r, "|") + "\n")
		}
	}
	wantAbsent(t, "XLSX", all.String(), withheldRaw...)
	wantContains(t, "XLSX", all.String(), "3.33333333333333", "3.55555555555555", "3.11111111111111")
	tr := sheets["Trends"]
	wantLines(t, "Trends", []string{strings.Join(tr[0], "|"), strings.Join(tr[1], "|")}, []string{
		"Formulier|Vraag|Soort|Maat|2021|2026|2021–2022|2026–2027|Najaar 2026",
		"Evaluatie|Hoe waardeert u de spreker?|schaal 1–5|Gemiddelde|3.11111111111111|3.55555555555555|3.11111111111111|te weinig antwoorden|te weinig antwoorden",
	})
	if r := row(t, sheets["Vragen"], "Evaluatie", "spreker", "Hoe waardeert u de spreker?", "schaal 1–5", "Formulier", "2026–2027 · Dag 1"); len(r) < 11 || r[6] != "" || r[10] != "te weinig antwoorden" {
		t.Errorf("Vragen, form X1: %v", r)
	}

	text, _ := pdfText(t, f.export(t, "reviewer", "pdf", nil))
	wantAbsent(t, "PDF", text, withheldDutch...)
	wantContains(t, "PDF", text, "Totaal: n = 18 · gemiddelde 3,33", "3,56", "3,11", "te weinig antwoorden",
		"Open rondje, te weinig antwoorden: 2026–2027, Najaar 2026")

	// The cohort report of X: its 6 answers are withheld in every file as well.
	xText, _ := pdfText(t, f.export(t, "facilitator", "pdf", &f.x))
	wantAbsent(t, "PDF of X", xText, withheldDutch...)
	wantContains(t, "PDF of X", xText, "Alleen de groep 2026–2027", "Totaal: te weinig antwoorden")
	xRecs := csvRecords(t, f.export(t, "facilitator", "csv", &f.x))
	wantAbsent(t, "CSV of X", strings.Join(xRecs, "\n"), withheldDutch...)
	if !slices.Contains(xRecs, q+"Totaal|2026–2027|||||te weinig antwoorden") || !slices.Contains(xRecs, "Filter|groep 2026–2027") {
		t.Errorf("CSV of X: %v", xRecs)
	}
	_, xSheets := xlsxSheets(t, f.export(t, "facilitator", "xlsx", &f.x))
	var xAll strings.Builder
	for _, rows := range xSheets {
		for _, r := range rows {
			xAll.WriteString(strings.Join(r, "|") + "\n")
		}
	}
	wantAbsent(t, "XLSX of X", xAll.String(), withheldRaw...)
	wantContains(t, "XLSX of X", xAll.String(), "te weinig antwoorden")
	if got := strings.Join(xSheets["Trends"][1][3:], "|"); got != "Gemiddelde|te weinig antwoorden|te weinig antwoorden" {
		t.Errorf("Trends of X: %q", got)
	}
}
