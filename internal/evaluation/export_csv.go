package evaluation

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/vgs/leergang/internal/nltime"
)

// The report as tables, for the CSV and XLSX exports: the same rows, written as Dutch text in a CSV and as typed
// cells (numbers as numbers) in a workbook.

// tooFew is what a withheld figure says in every export.
const tooFew = "te weinig antwoorden"

// cellKind says how a cell is written.
type cellKind int

const (
	textCell    cellKind = iota
	intCell              // a count
	decimalCell          // a mean, a median, an NPS score
	rateCell             // a share between 0 and 1, shown as a percentage
)

// cell is one value of a table; an empty text cell is written empty.
type cell struct {
	kind cellKind
	text string
	num  float64
}

func txt(s string) cell  { return cell{kind: textCell, text: s} }
func num(n int) cell     { return cell{kind: intCell, num: float64(n)} }
func dec(f float64) cell { return cell{kind: decimalCell, num: f} }
func empty() cell        { return cell{} }
func rate(f *float64) cell {
	if f == nil {
		return empty()
	}
	return cell{kind: rateCell, num: *f}
}
func optDec(f *float64) cell {
	if f == nil {
		return empty()
	}
	return dec(*f)
}

// table is a header and rows.
type table struct {
	title  string
	header []string
	rows   [][]cell
}

var statusNL = map[string]string{"planned": "gepland", "running": "lopend", "completed": "afgerond", "archived": "gearchiveerd"}

var kindNL = map[string]string{KindScale: "schaal 1–5", KindRecommendation: "aanbeveling 0–10", KindChoice: "keuze", KindText: "open vraag"}

// filterText says in words what the report covers.
func (r Report) filterText() string {
	if r.CohortID == nil {
		return "hele leergang"
	}
	return "groep " + r.cohortName
}

// metaRows are the report's heading: programme, filter, moment and k.
func (r Report) metaRows() [][]cell {
	return [][]cell{
		{txt("Evaluatierapport"), txt(r.Programme.Name)},
		{txt("Filter"), txt(r.filterText())},
		{txt("Gemaakt op"), txt(r.GeneratedAt.In(nltime.Amsterdam).Format("2006-01-02 15:04"))},
		{txt("Minimum aantal antwoorden (k)"), num(r.Programme.K)},
	}
}

// figuresTable: the programme's figures and those per cohort.
func (r Report) figuresTable() table {
	t := table{title: "Kengetallen", header: []string{"Groep", "Jaar", "Status", "Inschrijvingen", "Afgerond",
		"Uitgevallen", "Afrondingspercentage", "Aanwezigheid"}}
	fg := r.Figures
	total := "Hele leergang"
	if r.CohortID != nil {
		total = "Totaal"
	}
	t.rows = append(t.rows, []cell{txt(total), empty(), empty(), num(fg.Enrolments), num(fg.Completed), num(fg.Withdrawn),
		rate(fg.CompletionRate), rate(fg.AttendanceRate)})
	for _, c := range fg.ByCohort {
		t.rows = append(t.rows, []cell{txt(c.Name), num(c.Year), txt(statusNL[c.Status]), num(c.Enrolments),
			num(c.Completed), num(c.Withdrawn), rate(c.CompletionRate), rate(c.AttendanceRate)})
	}
	return t
}

// formsTable: every cohort form with its response rate.
func (r Report) formsTable() table {
	t := table{title: "Formulieren", header: []string{"Formulier", "Groep", "Jaar", "Titel", "Onderwerp", "Opent",
		"Sluit", "Uitgenodigd", "Respons", "Antwoorden (formulierreeks)"}}
	for _, l := range r.Forms {
		responses := num(l.Responses)
		if l.Withheld {
			responses = txt(tooFew)
		}
		for _, f := range l.Forms {
			t.rows = append(t.rows, []cell{txt(l.Title), txt(f.CohortName), num(f.Year), txt(f.Title), txt(f.TargetTitle),
				txt(f.OpensAt.In(nltime.Amsterdam).Format("2006-01-02")), txt(f.ClosesAt.In(nltime.Amsterdam).Format("2006-01-02")),
				num(f.Invited), cell{kind: rateCell, num: f.ResponseRate}, responses})
		}
	}
	return t
}

// maxBuckets is the widest distribution of the report, for the answer columns.
func (r Report) maxBuckets() int {
	n := 0
	for _, l := range r.Forms {
		for _, q := range l.Questions {
			n = max(n, len(q.labels))
		}
	}
	return n
}

// statCells are n, mean, median, NPS and a remark, then the distribution as (answer, count) pairs.
func statCells(q ReportQuestion, s ReportStat, buckets int) []cell {
	if s.Withheld {
		row := []cell{empty(), empty(), empty(), empty(), txt(tooFew)}
		for range buckets {
			row = append(row, empty(), empty())
		}
		return row
	}
	row := []cell{num(s.N), optDec(s.Mean), optDec(s.Median), empty(), empty()}
	if s.NPS != nil {
		row[3] = dec(s.NPS.Score)
	}
	for i := range buckets {
		if i < len(s.Distribution) {
			b := s.Distribution[i]
			row = append(row, txt(bucketName(q.Kind, b.Value, b.Label)), num(b.Count))
		} else {
			row = append(row, empty(), empty())
		}
	}
	return row
}

// bucketName is an answer as a column shows it: "5 uitstekend" for a labelled scale value, the label of a choice.
func bucketName(kind, value, label string) string {
	if kind == KindChoice || label == value || label == "" {
		if label == "" {
			return value
		}
		return label
	}
	return value + " " + label
}

// questionsTable: one row per question and group (total, year, cohort, form).
func (r Report) questionsTable() table {
	buckets := r.maxBuckets()
	t := table{title: "Vragen", header: []string{"Formulier", "Sleutel", "Vraag", "Soort", "Niveau", "Groep", "n",
		"Gemiddelde", "Mediaan", "NPS", "Opmerking"}}
	for i := 1; i <= buckets; i++ {
		t.header = append(t.header, fmt.Sprintf("Antwoord %d", i), fmt.Sprintf("Aantal %d", i))
	}
	total := "Hele leergang"
	if r.CohortID != nil {
		total = r.cohortName
	}
	for _, l := range r.Forms {
		for _, q := range l.Questions {
			head := []cell{txt(l.Title), txt(q.Key), txt(q.Prompt), txt(kindNL[q.Kind])}
			add := func(level, group string, s ReportStat) {
				row := append(append([]cell{}, head...), txt(level), txt(group))
				t.rows = append(t.rows, append(row, statCells(q, s, buckets)...))
			}
			add("Totaal", total, q.Overall)
			for _, g := range q.ByYear {
				add("Jaar", g.Label, g.Stat)
			}
			for _, g := range q.ByCohort {
				add("Groep", g.Label, g.Stat)
			}
			for _, g := range q.ByForm {
				add("Formulier", g.Label, g.Stat)
			}
		}
	}
	return t
}

// openTable: the open answers respondents shared, per question; a withheld question says so.
func (r Report) openTable() table {
	t := table{title: "Open antwoorden", header: []string{"Formulier", "Vraag", "Antwoord"}}
	for _, l := range r.Forms {
		for _, q := range l.Questions {
			if q.Kind != KindText {
				continue
			}
			if q.Overall.Withheld {
				t.rows = append(t.rows, []cell{txt(l.Title), txt(q.Prompt), txt(tooFew)})
				continue
			}
			for _, a := range q.SharedAnswers {
				t.rows = append(t.rows, []cell{txt(l.Title), txt(q.Prompt), txt(a)})
			}
		}
	}
	return t
}

// dutchNumber writes a number the Dutch way, with a decimal comma and at most two decimals ("3,8", "4", "-20").
func dutchNumber(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return strings.Replace(s, ".", ",", 1)
}

// dutchPercent writes a share as a percentage with at most one decimal ("66,7%").
func dutchPercent(f float64) string {
	s := strconv.FormatFloat(f*100, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1) + "%"
}

// csvText is a cell as CSV text. Text that a spreadsheet would take for a formula (=, +, -, @ first) gets a
// leading apostrophe: open answers are written by participants, and a file for the funder must not run them.
func (c cell) csvText() string {
	switch c.kind {
	case intCell:
		return strconv.Itoa(int(c.num))
	case decimalCell:
		return dutchNumber(c.num)
	case rateCell:
		return dutchPercent(c.num)
	}
	if c.text != "" && strings.ContainsRune("=+-@\t\r", rune(c.text[0])) {
		return "'" + c.text
	}
	return c.text
}

// CSV writes the report as UTF-8 with a byte order mark and ; between fields, which is what Excel with Dutch
// settings opens without an import dialogue.
func (r Report) CSV() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.UseCRLF = true
	write := func(cells []cell) {
		rec := make([]string, len(cells))
		for i, c := range cells {
			rec[i] = c.csvText()
		}
		_ = w.Write(rec) // errors surface through w.Error below
	}
	for _, row := range r.metaRows() {
		write(row)
	}
	for _, t := range []table{r.figuresTable(), r.formsTable(), r.questionsTable(), r.openTable()} {
		_ = w.Write(nil)
		write([]cell{txt(t.title)})
		head := make([]cell, len(t.header))
		for i, h := range t.header {
			head[i] = txt(h)
		}
		write(head)
		for _, row := range t.rows {
			write(row)
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
