package evaluation

import (
	"slices"

	"github.com/xuri/excelize/v2"
)

// XLSX writes the report as a workbook: Samenvatting (heading, programme figures, forms with their response
// rates), Vragen (a row per question and group), Trends (means and NPS per year and cohort side by side) and Open
// antwoorden (the shared open answers). Numbers are stored as numbers, rates as fractions shown as percentages;
// every table's header row is styled and stays in view when scrolling.
func (r Report) XLSX() ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	w := &workbook{f: x}
	w.styles()
	if err := x.SetSheetName("Sheet1", "Samenvatting"); err != nil {
		return nil, err
	}
	for _, name := range []string{"Vragen", "Trends", "Open antwoorden"} {
		if _, err := x.NewSheet(name); err != nil {
			return nil, err
		}
	}

	// Samenvatting: the heading, then the figures table (its header frozen), then the forms.
	row := 1
	for _, m := range r.metaRows() {
		w.row("Samenvatting", row, m, 0)
		row++
	}
	w.keep(w.f.SetCellStyle("Samenvatting", "A1", "A4", w.bold))
	row++
	fig := r.figuresTable()
	w.freeze("Samenvatting", row)
	row = w.table("Samenvatting", row, fig)
	row++
	w.row("Samenvatting", row, []cell{txt("Formulieren")}, w.bold)
	w.table("Samenvatting", row+1, r.formsTable())
	w.keep(w.f.SetColWidth("Samenvatting", "A", "A", 34))
	w.keep(w.f.SetColWidth("Samenvatting", "B", "J", 16))

	w.freeze("Vragen", 1)
	w.table("Vragen", 1, r.questionsTable())
	w.keep(w.f.SetColWidth("Vragen", "A", "A", 28))
	w.keep(w.f.SetColWidth("Vragen", "C", "C", 48))
	w.keep(w.f.SetColWidth("Vragen", "F", "F", 30))
	w.keep(w.f.SetColWidth("Vragen", "K", "K", 20))

	w.freeze("Trends", 1)
	w.table("Trends", 1, r.trendsTable())
	w.keep(w.f.SetColWidth("Trends", "A", "A", 28))
	w.keep(w.f.SetColWidth("Trends", "B", "B", 48))

	w.freeze("Open antwoorden", 1)
	w.table("Open antwoorden", 1, r.openTable())
	w.keep(w.f.SetColWidth("Open antwoorden", "A", "A", 28))
	w.keep(w.f.SetColWidth("Open antwoorden", "B", "B", 48))
	w.keep(w.f.SetColWidth("Open antwoorden", "C", "C", 80))

	if w.err != nil {
		return nil, w.err
	}
	x.SetActiveSheet(0)
	buf, err := x.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// trendsTable: per scale and recommendation question the mean (and the NPS) per year and per cohort, in columns.
func (r Report) trendsTable() table {
	var years []string
	for _, l := range r.Forms {
		for _, q := range l.Questions {
			for _, g := range q.ByYear {
				if !slices.Contains(years, g.ID) {
					years = append(years, g.ID)
				}
			}
		}
	}
	slices.Sort(years)
	t := table{title: "Trends", header: []string{"Formulier", "Vraag", "Soort", "Maat"}}
	cols := map[string]int{}
	for _, y := range years {
		cols["y"+y] = len(t.header)
		t.header = append(t.header, y)
	}
	for _, c := range r.Figures.ByCohort {
		cols["c"+c.CohortID.String()] = len(t.header)
		t.header = append(t.header, c.Name)
	}
	for _, l := range r.Forms {
		for _, q := range l.Questions {
			if q.Kind != KindScale && q.Kind != KindRecommendation {
				continue
			}
			measures := []string{"Gemiddelde"}
			if q.Kind == KindRecommendation {
				measures = append(measures, "NPS")
			}
			for _, m := range measures {
				row := make([]cell, len(t.header))
				row[0], row[1], row[2], row[3] = txt(l.Title), txt(q.Prompt), txt(kindNL[q.Kind]), txt(m)
				put := func(col string, s ReportStat) {
					i, ok := cols[col]
					if !ok {
						return
					}
					switch {
					case s.Withheld:
						row[i] = txt(tooFew)
					case m == "NPS" && s.NPS != nil:
						row[i] = dec(s.NPS.Score)
					case m == "Gemiddelde":
						row[i] = optDec(s.Mean)
					}
				}
				for _, g := range q.ByYear {
					put("y"+g.ID, g.Stat)
				}
				for _, g := range q.ByCohort {
					put("c"+g.ID, g.Stat)
				}
				t.rows = append(t.rows, row)
			}
		}
	}
	return t
}

// workbook writes tables into an excelize file and keeps the first error.
type workbook struct {
	f                          *excelize.File
	err                        error
	header, bold, pct, decimal int
}

func (w *workbook) keep(err error) {
	if w.err == nil {
		w.err = err
	}
}

func (w *workbook) style(s *excelize.Style) int {
	id, err := w.f.NewStyle(s)
	w.keep(err)
	return id
}

func (w *workbook) styles() {
	w.header = w.style(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	w.bold = w.style(&excelize.Style{Font: &excelize.Font{Bold: true}})
	pct, decimal := "0.0%", "0.00"
	w.pct = w.style(&excelize.Style{CustomNumFmt: &pct})
	w.decimal = w.style(&excelize.Style{CustomNumFmt: &decimal})
}

// freeze keeps rows 1 to row in view.
func (w *workbook) freeze(sheet string, row int) {
	top, _ := excelize.CoordinatesToCellName(1, row+1)
	w.keep(w.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: row, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}}}))
}

// row writes cells from column A of the row; style, when not 0, applies to every written cell.
func (w *workbook) row(sheet string, row int, cells []cell, style int) {
	for i, c := range cells {
		name, err := excelize.CoordinatesToCellName(i+1, row)
		if err != nil {
			w.keep(err)
			return
		}
		switch c.kind {
		case textCell:
			if c.text == "" {
				continue
			}
			w.keep(w.f.SetCellStr(sheet, name, c.text))
		case intCell:
			w.keep(w.f.SetCellInt(sheet, name, int64(c.num)))
		case decimalCell:
			w.keep(w.f.SetCellFloat(sheet, name, c.num, -1, 64))
			w.keep(w.f.SetCellStyle(sheet, name, name, w.decimal))
		case rateCell:
			w.keep(w.f.SetCellFloat(sheet, name, c.num, -1, 64))
			w.keep(w.f.SetCellStyle(sheet, name, name, w.pct))
		}
		if style != 0 {
			w.keep(w.f.SetCellStyle(sheet, name, name, style))
		}
	}
}

// table writes the header at row and the rows below it; it returns the row after the table.
func (w *workbook) table(sheet string, row int, t table) int {
	head := make([]cell, len(t.header))
	for i, h := range t.header {
		head[i] = txt(h)
	}
	w.row(sheet, row, head, w.header)
	for i, r := range t.rows {
		w.row(sheet, row+1+i, r, 0)
	}
	return row + 1 + len(t.rows)
}
