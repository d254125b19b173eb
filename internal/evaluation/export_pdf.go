package evaluation

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/vgs/leergang/internal/nltime"
)

// PDF writes the report as a document to file: a title page (programme, filter, moment, k), the programme
// figures, and per form lineage and question the distribution as a horizontal bar chart, the mean per cohort as a
// trend chart, the figures per year, cohort and form, and the shared open answers. It uses the PDF core font
// Helvetica in Windows-1252, which holds every Dutch letter (ë, é, ï, ĳ as ij), so that no font file is needed.

const (
	pageW, pageH = 210.0, 297.0
	margin       = 18.0
	contentW     = pageW - 2*margin
)

// pdfDoc is the document being written.
type pdfDoc struct{ *fpdf.Fpdf }

// enc turns UTF-8 into the core font's Windows-1252; characters it lacks become a close ASCII form or '?'.
func enc(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		if c, ok := charmap.Windows1252.EncodeRune(r); ok {
			b.WriteByte(c)
			continue
		}
		switch r {
		case '−', '‐', '‑':
			b.WriteByte('-')
		case '≥':
			b.WriteString(">=")
		case '≤':
			b.WriteString("<=")
		case '→':
			b.WriteString("->")
		case 'ĳ':
			b.WriteString("ij")
		case 'Ĳ':
			b.WriteString("IJ")
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

func (d *pdfDoc) font(style string, size float64) { d.SetFont("Helvetica", style, size) }

// text writes a line of text in a cell of width w (0: to the right margin) and moves to the next line.
func (d *pdfDoc) line(w, h float64, s string) {
	d.CellFormat(w, h, enc(s), "", 1, "L", false, 0, "")
}

// para writes wrapping text.
func (d *pdfDoc) para(h float64, s string) {
	d.MultiCell(contentW, h, enc(s), "", "L", false)
}

// fit shortens s with an ellipsis until it is at most w wide in the current font.
func (d *pdfDoc) fit(s string, w float64) string {
	e := enc(s)
	if d.GetStringWidth(e) <= w {
		return e
	}
	rs := []rune(s)
	for len(rs) > 1 {
		rs = rs[:len(rs)-1]
		if e := enc(string(rs) + "…"); d.GetStringWidth(e) <= w {
			return e
		}
	}
	return enc("…")
}

// room starts a new page unless h millimetres are left on this one.
func (d *pdfDoc) room(h float64) {
	if d.GetY()+h > pageH-margin {
		d.AddPage()
	}
}

func (r Report) PDF() ([]byte, error) {
	d := &pdfDoc{fpdf.New("P", "mm", "A4", "")}
	d.SetTitle("Evaluatierapport "+r.Programme.Name, true)
	d.SetAuthor("Leergang", true)
	d.SetCreator("Leergang", true)
	d.SetMargins(margin, margin, margin)
	d.SetAutoPageBreak(true, margin)
	d.AliasNbPages("{nb}")
	d.SetFooterFunc(func() {
		d.SetY(-12)
		d.font("", 8)
		d.SetTextColor(110, 110, 110)
		d.CellFormat(0, 5, enc(fmt.Sprintf("Evaluatierapport %s · pagina %d van {nb}", r.Programme.Name, d.PageNo())),
			"", 0, "C", false, 0, "")
		d.SetTextColor(0, 0, 0)
	})

	d.titlePage(r)
	d.AddPage()
	d.figures(r)
	for _, l := range r.Forms {
		d.AddPage()
		d.lineage(r, l)
	}
	if err := d.Error(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (d *pdfDoc) titlePage(r Report) {
	d.AddPage()
	d.SetY(70)
	d.font("B", 26)
	d.line(0, 12, "Evaluatierapport")
	d.font("", 18)
	d.para(9, r.Programme.Name)
	d.Ln(8)
	d.font("", 12)
	filter := "De hele leergang, alle groepen"
	if r.CohortID != nil {
		filter = "Alleen de groep " + r.cohortName
	}
	d.line(0, 7, "Filter: "+filter)
	d.line(0, 7, "Gemaakt op "+nltime.Date(r.GeneratedAt)+", "+r.GeneratedAt.In(nltime.Amsterdam).Format("15:04"))
	d.line(0, 7, fmt.Sprintf("Minimum aantal antwoorden (k): %d", r.Programme.K))
	d.Ln(6)
	d.font("", 10)
	d.para(5, fmt.Sprintf("Geen cijfer in dit rapport berust op minder dan %d antwoorden. Waar dat wel zo zou zijn, of "+
		"waar een cijfer samen met de getoonde cijfers een kleinere groep zou verraden, staat \"%s\". Open antwoorden "+
		"staan er alleen in als de deelnemer ze met het fonds wilde delen, zonder naam.", r.Programme.K, tooFew))
}

func (d *pdfDoc) figures(r Report) {
	d.font("B", 16)
	d.line(0, 9, "Kengetallen")
	d.Ln(2)
	cols := []float64{46, 14, 24, 22, 18, 20, 15, 15}
	head := []string{"Groep", "Jaar", "Status", "Inschrijvingen", "Afgerond", "Uitgevallen", "Afronding", "Aanwezig"}
	d.font("B", 8)
	d.SetFillColor(31, 78, 121)
	d.SetTextColor(255, 255, 255)
	for i, h := range head {
		d.CellFormat(cols[i], 7, enc(h), "", 0, "L", true, 0, "")
	}
	d.Ln(-1)
	d.SetTextColor(0, 0, 0)
	first := true
	for row := range r.figuresTable().rows {
		d.font("", 8)
		if first {
			d.font("B", 8)
			first = false
		}
		for j, c := range row {
			s := c.csvText()
			if c.kind == textCell && c.text == "" && j >= 6 {
				s = "–"
			}
			align := "L"
			if j >= 3 {
				align = "R"
			}
			d.CellFormat(cols[j], 6, d.fit(s, cols[j]-1), "B", 0, align, false, 0, "")
		}
		d.Ln(-1)
	}
	d.Ln(3)
	d.font("", 8)
	d.para(4, "Afronding: van de deelnemers van een afgeronde groep van wie de uitkomst bekend is, het deel dat de "+
		"leergang afrondde (afgerond / (afgerond + uitgevallen)); nog lopende groepen tellen niet mee. Aanwezig: "+
		"aanwezig / geregistreerd, over bijeenkomsten die doorgingen; leeg als niets is geregistreerd of als er minder "+
		fmt.Sprintf("dan %d deelnemers achter staan.", r.Programme.K))
}

func (d *pdfDoc) lineage(r Report, l ReportLineage) {
	d.font("B", 16)
	d.para(8, l.Title)
	d.font("", 10)
	if l.Withheld {
		d.line(0, 6, "Antwoorden: "+tooFew)
	} else {
		d.line(0, 6, fmt.Sprintf("Antwoorden: %d", l.Responses))
	}
	d.Ln(1)
	cols := []float64{38, 52, 40, 20, 14, 10}
	d.font("B", 8)
	d.SetFillColor(31, 78, 121)
	d.SetTextColor(255, 255, 255)
	for i, h := range []string{"Groep", "Formulier", "Onderwerp", "Opent", "Uitgen.", "Resp."} {
		d.CellFormat(cols[i], 6, enc(h), "", 0, "L", true, 0, "")
	}
	d.Ln(-1)
	d.SetTextColor(0, 0, 0)
	d.font("", 8)
	for _, f := range l.Forms {
		d.room(6)
		cells := []string{f.CohortName, f.Title, f.TargetTitle, f.OpensAt.In(nltime.Amsterdam).Format("02-01-2006"),
			fmt.Sprint(f.Invited), dutchPercent(f.ResponseRate)}
		for i, s := range cells {
			d.CellFormat(cols[i], 5, d.fit(s, cols[i]-1), "B", 0, "L", false, 0, "")
		}
		d.Ln(-1)
	}
	for _, q := range l.Questions {
		d.question(q)
	}
}

func (d *pdfDoc) question(q ReportQuestion) {
	d.Ln(5)
	d.room(40)
	d.font("B", 11)
	d.para(5.5, q.Prompt)
	d.font("", 8)
	d.SetTextColor(90, 90, 90)
	d.line(0, 4.5, kindNL[q.Kind]+" · sleutel "+q.Key)
	d.SetTextColor(0, 0, 0)
	d.font("", 10)
	s := q.Overall
	if s.Withheld {
		d.line(0, 6, "Totaal: "+tooFew)
	} else {
		d.line(0, 6, "Totaal: "+statSummary(q.Kind, s))
		if len(s.Distribution) > 0 {
			d.barChart(q.Kind, s.Distribution)
		}
	}
	if q.Kind == KindScale || q.Kind == KindRecommendation {
		d.trendChart(q)
	}
	d.groupTable(q)
	if q.Kind == KindText {
		d.Ln(2)
		d.font("B", 9)
		d.line(0, 5, "Gedeelde open antwoorden")
		d.font("", 9)
		switch {
		case s.Withheld:
			d.line(0, 5, tooFew)
		case len(q.SharedAnswers) == 0:
			d.line(0, 5, "Geen antwoorden gedeeld.")
		default:
			for _, a := range q.SharedAnswers {
				d.room(5)
				d.para(4.5, "• "+a)
			}
		}
	}
}

// statSummary is a stat in one line: "n = 10 · gemiddelde 3,8 · mediaan 4 · NPS +20".
func statSummary(kind string, s ReportStat) string {
	parts := []string{fmt.Sprintf("n = %d", s.N)}
	if s.Mean != nil {
		parts = append(parts, "gemiddelde "+dutchNumber(*s.Mean))
	}
	if s.Median != nil {
		parts = append(parts, "mediaan "+dutchNumber(*s.Median))
	}
	if s.NPS != nil {
		score := dutchNumber(s.NPS.Score)
		if s.NPS.Score > 0 {
			score = "+" + score
		}
		parts = append(parts, fmt.Sprintf("NPS %s (%d promotors, %d passief, %d criticasters)", score, s.NPS.Promoters,
			s.NPS.Passives, s.NPS.Detractors))
	}
	return strings.Join(parts, " · ")
}

// barChart draws the distribution as horizontal bars: label, bar, count.
func (d *pdfDoc) barChart(kind string, dist []ReportBucket) {
	const labelW, barW, rowH = 48.0, 100.0, 4.6
	d.room(float64(len(dist))*rowH + 4)
	most := 0
	for _, b := range dist {
		most = max(most, b.Count)
	}
	d.Ln(1)
	d.font("", 8)
	for _, b := range dist {
		x, y := d.GetX(), d.GetY()
		d.CellFormat(labelW, rowH, d.fit(bucketName(kind, b.Value, b.Label), labelW-2), "", 0, "R", false, 0, "")
		w := 0.0
		if most > 0 {
			w = barW * float64(b.Count) / float64(most)
		}
		d.SetFillColor(220, 226, 235)
		d.Rect(x+labelW, y+0.6, barW, rowH-1.2, "F")
		if w > 0 {
			d.SetFillColor(31, 78, 121)
			d.Rect(x+labelW, y+0.6, w, rowH-1.2, "F")
		}
		d.SetXY(x+labelW+barW+2, y)
		d.CellFormat(15, rowH, fmt.Sprint(b.Count), "", 1, "L", false, 0, "")
		d.SetX(x)
	}
}

// trendChart draws the mean per cohort as a line over the scale's range; withheld cohorts get an open marker and
// are named under the chart.
func (d *pdfDoc) trendChart(q ReportQuestion) {
	if len(q.ByCohort) < 2 {
		return
	}
	lo, hi, _ := scaleRange(q.Kind)
	const chartH, axisW = 38.0, 10.0
	d.Ln(2)
	d.room(chartH + 22)
	d.font("B", 9)
	d.line(0, 5, "Gemiddelde per groep")
	x0, y0 := d.GetX()+axisW, d.GetY()+2
	w := contentW - axisW - 4
	yOf := func(v float64) float64 { return y0 + chartH - chartH*(v-float64(lo))/float64(hi-lo) }
	d.SetDrawColor(200, 200, 200)
	d.SetLineWidth(0.1)
	d.font("", 7)
	step := 1
	if hi-lo > 5 {
		step = 2
	}
	for v := lo; v <= hi; v += step {
		y := yOf(float64(v))
		d.Line(x0, y, x0+w, y)
		d.SetXY(x0-axisW, y-2)
		d.CellFormat(axisW-1.5, 4, fmt.Sprint(v), "", 0, "R", false, 0, "")
	}
	n := len(q.ByCohort)
	slot := w / float64(n)
	xOf := func(i int) float64 { return x0 + slot*(float64(i)+0.5) }
	d.SetDrawColor(31, 78, 121)
	d.SetLineWidth(0.5)
	prev := -1
	var withheld []string
	for i, g := range q.ByCohort {
		if g.Stat.Withheld || g.Stat.Mean == nil {
			continue
		}
		if prev >= 0 {
			d.Line(xOf(prev), yOf(*q.ByCohort[prev].Stat.Mean), xOf(i), yOf(*g.Stat.Mean))
		}
		prev = i
	}
	for i, g := range q.ByCohort {
		x := xOf(i)
		if g.Stat.Withheld || g.Stat.Mean == nil {
			d.SetDrawColor(150, 150, 150)
			d.SetLineWidth(0.3)
			d.Circle(x, yOf(float64(lo)), 1.1, "D")
			withheld = append(withheld, g.Label)
		} else {
			y := yOf(*g.Stat.Mean)
			d.SetFillColor(31, 78, 121)
			d.Circle(x, y, 1.2, "F")
			d.SetXY(x-10, y-5.5)
			d.CellFormat(20, 4, dutchNumber(*g.Stat.Mean), "", 0, "C", false, 0, "")
		}
		d.SetXY(x-slot/2, y0+chartH+1.5)
		d.CellFormat(slot, 4, d.fit(g.Label, slot-1), "", 0, "C", false, 0, "")
	}
	d.SetDrawColor(0, 0, 0)
	d.SetLineWidth(0.2)
	d.SetXY(margin, y0+chartH+7)
	if len(withheld) > 0 {
		d.font("", 8)
		d.para(4, "Open rondje, "+tooFew+": "+strings.Join(withheld, ", "))
	}
}

// groupTable lists the stat of every year, cohort and form.
func (d *pdfDoc) groupTable(q ReportQuestion) {
	type row struct {
		level string
		g     GroupStat
	}
	var rows []row
	for _, g := range q.ByYear {
		rows = append(rows, row{"Jaar", g})
	}
	for _, g := range q.ByCohort {
		rows = append(rows, row{"Groep", g})
	}
	for _, g := range q.ByForm {
		rows = append(rows, row{"Formulier", g})
	}
	if len(rows) == 0 {
		return
	}
	d.Ln(2)
	cols := []float64{18, 86, 12, 20, 20, 18}
	d.room(12)
	d.font("B", 8)
	for i, h := range []string{"Niveau", "Groep", "n", "Gemiddelde", "Mediaan", "NPS"} {
		d.CellFormat(cols[i], 5, enc(h), "B", 0, "L", false, 0, "")
	}
	d.Ln(-1)
	d.font("", 8)
	for _, r := range rows {
		d.room(5)
		d.CellFormat(cols[0], 4.6, enc(r.level), "", 0, "L", false, 0, "")
		d.CellFormat(cols[1], 4.6, d.fit(r.g.Label, cols[1]-1), "", 0, "L", false, 0, "")
		s := r.g.Stat
		if s.Withheld {
			d.CellFormat(cols[2]+cols[3]+cols[4]+cols[5], 4.6, enc(tooFew), "", 1, "L", false, 0, "")
			continue
		}
		opt := func(f *float64) string {
			if f == nil || math.IsNaN(*f) {
				return "–"
			}
			return dutchNumber(*f)
		}
		nps := "–"
		if s.NPS != nil {
			nps = dutchNumber(s.NPS.Score)
		}
		for i, v := range []string{fmt.Sprint(s.N), opt(s.Mean), opt(s.Median), nps} {
			ln := 0
			if i == 3 {
				ln = 1
			}
			d.CellFormat(cols[2+i], 4.6, enc(v), "", ln, "L", false, 0, "")
		}
	}
}
