package evaluation

import (
	"bytes"
	"encoding/csv"
	"iter"
	"slices"
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

// table is a header and rows. The rows are produced while the table is written and not kept: a national
// programme's Vragen table has tens of thousands of rows, and building them all first was most of an export's
// time. A row's cells are valid until the next row.
type table struct {
	title  string
	header []string
	rows   iter.Seq[[]cell]
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
	rows := [][]cell{{txt(total), empty(), empty(), num(fg.Enrolments), num(fg.Completed), num(fg.Withdrawn),
		rate(fg.CompletionRate), rate(fg.AttendanceRate)}}
	for _, c := range fg.ByCohort {
		rows = append(rows, []cell{txt(c.Name), num(c.Year), txt(statusNL[c.Status]), num(c.Enrolments),
			num(c.Completed), num(c.Withdrawn), rate(c.CompletionRate), rate(c.AttendanceRate)})
	}
	t.rows = slices.Values(rows)
	return t
}

// formsTable: every cohort form with its response rate.
func (r Report) formsTable() table {
	t := table{title: "Formulieren", header: []string{"Formulier", "Groep", "Jaar", "Titel", "Onderwerp", "Opent",
		"Sluit", "Uitgenodigd", "Respons", "Antwoorden (formulierreeks)"}}
	t.rows = func(yield func([]cell) bool) {
		row := make([]cell, 0, len(t.header))
		for _, l := range r.Forms {
			responses := num(l.Responses)
			if l.Withheld {
				responses = txt(tooFew)
			}
			for _, f := range l.Forms {
				row = append(row[:0], txt(l.Title), txt(f.CohortName), num(f.Year), txt(f.Title), txt(f.TargetTitle),
					txt(f.OpensAt.In(nltime.Amsterdam).Format("2006-01-02")), txt(f.ClosesAt.In(nltime.Amsterdam).Format("2006-01-02")),
					num(f.Invited), cell{kind: rateCell, num: f.ResponseRate}, responses)
				if !yield(row) {
					return
				}
			}
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

// appendStatCells appends n, mean, median, NPS and a remark, then the distribution as (answer, count) pairs;
// names are the question's answer names (bucketNames).
func appendStatCells(row []cell, q ReportQuestion, names []string, s ReportStat, buckets int) []cell {
	if s.Withheld {
		row = append(row, empty(), empty(), empty(), empty(), txt(tooFew))
		for range buckets {
			row = append(row, empty(), empty())
		}
		return row
	}
	row = append(row, num(s.N), optDec(s.Mean), optDec(s.Median), empty(), empty())
	if s.NPS != nil {
		row[len(row)-2] = dec(s.NPS.Score)
	}
	for i := range buckets {
		if i < len(s.Distribution) {
			b := s.Distribution[i]
			name := ""
			if i < len(q.labels) && q.labels[i] == (bucketHead{b.Value, b.Label}) {
				name = names[i]
			} else {
				name = bucketName(q.Kind, b.Value, b.Label)
			}
			row = append(row, txt(name), num(b.Count))
		} else {
			row = append(row, empty(), empty())
		}
	}
	return row
}

// bucketNames are the names of the question's answers, made once rather than for each of its groups.
func bucketNames(q ReportQuestion) []string {
	names := make([]string, len(q.labels))
	for i, h := range q.labels {
		names[i] = bucketName(q.Kind, h.Value, h.Label)
	}
	return names
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
		t.header = append(t.header, "Antwoord "+strconv.Itoa(i), "Aantal "+strconv.Itoa(i))
	}
	total := "Hele leergang"
	if r.CohortID != nil {
		total = r.cohortName
	}
	t.rows = func(yield func([]cell) bool) {
		row := make([]cell, 0, len(t.header))
		for _, l := range r.Forms {
			for _, q := range l.Questions {
				names := bucketNames(q)
				add := func(level, group string, s ReportStat) bool {
					row = append(row[:0], txt(l.Title), txt(q.Key), txt(q.Prompt), txt(kindNL[q.Kind]), txt(level), txt(group))
					return yield(appendStatCells(row, q, names, s, buckets))
				}
				if !add("Totaal", total, q.Overall) {
					return
				}
				for _, list := range []struct {
					level  string
					groups []GroupStat
				}{{"Jaar", q.ByYear}, {"Groep", q.ByCohort}, {"Formulier", q.ByForm}} {
					for _, g := range list.groups {
						if !add(list.level, g.Label, g.Stat) {
							return
						}
					}
				}
			}
		}
	}
	return t
}

// openTable: the open answers respondents shared, per question; a withheld question says so.
func (r Report) openTable() table {
	t := table{title: "Open antwoorden", header: []string{"Formulier", "Vraag", "Antwoord"}}
	t.rows = func(yield func([]cell) bool) {
		row := make([]cell, 3)
		for _, l := range r.Forms {
			for _, q := range l.Questions {
				if q.Kind != KindText {
					continue
				}
				row[0], row[1] = txt(l.Title), txt(q.Prompt)
				if q.Overall.Withheld {
					row[2] = txt(tooFew)
					if !yield(row) {
						return
					}
					continue
				}
				for _, a := range q.SharedAnswers {
					row[2] = txt(a)
					if !yield(row) {
						return
					}
				}
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
// settings opens without an import dialogue. Rows are made one at a time into one record and written into one
// buffer of about the right size: building every row first, and the buffer's regrowth, were most of the time for
// a national programme.
func (r Report) CSV() ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(r.csvSizeHint())
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = ';', true
	var record []string
	write := func(cells []cell) {
		record = record[:0]
		for _, c := range cells {
			record = append(record, c.csvText())
		}
		_ = w.Write(record) // into a bytes.Buffer: the error, if any, is kept for w.Error below
	}
	for _, row := range r.metaRows() {
		write(row)
	}
	head := []cell{}
	for _, t := range []table{r.figuresTable(), r.formsTable(), r.questionsTable(), r.openTable()} {
		_ = w.Write(nil)
		write([]cell{txt(t.title)})
		head = head[:0]
		for _, h := range t.header {
			head = append(head, txt(h))
		}
		write(head)
		for row := range t.rows {
			write(row)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// csvSizeHint is a little more than the size of the report's CSV, for its buffer: the Vragen rows and the open
// answers are nearly all of it.
func (r Report) csvSizeHint() int {
	buckets := r.maxBuckets()
	n := 4 << 10
	for _, l := range r.Forms {
		n += len(l.Forms) * (len(l.Title) + 120)
		for _, q := range l.Questions {
			groups := 1 + len(q.ByYear) + len(q.ByCohort) + len(q.ByForm)
			// The row's head and group label, the figures, then the answer names and counts.
			n += groups * (len(l.Title) + len(q.Key) + len(q.Prompt) + 80 + buckets*4)
			for _, h := range q.labels {
				n += groups * (len(h.Value) + len(h.Label) + 1)
			}
			for _, a := range q.SharedAnswers {
				n += len(l.Title) + len(q.Prompt) + len(a) + 8
			}
		}
	}
	return n
}
