package evaluation

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"
)

// bigReport is a synthetic report shaped like the national dataset's largest programme, with the form splits the
// exports hold: 25 cohorts over 5 years, 10 form lineages of 6 questions of every kind, one lineage asked after
// every session (20 forms per cohort, 500 in all) and the others once to three times per cohort, about a third of
// the small groups withheld, and hundreds of shared open answers per open question. Its CSV is about 2.5 MB.
func bigReport() Report {
	rng := rand.New(rand.NewPCG(7, 11))
	id := func() uuid.UUID {
		var u uuid.UUID
		for i := range u {
			u[i] = byte(rng.IntN(256))
		}
		return u
	}
	pct := func() *float64 { f := rng.Float64(); return &f }
	r := Report{
		Programme:   ReportProgramme{ID: id(), Name: "Leergang Strategisch Leiderschap in het Sociaal Domein", K: 5},
		GeneratedAt: time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC),
	}

	type cohort struct {
		id   uuid.UUID
		name string
		year int
	}
	var cohorts []cohort
	for y := 2021; y <= 2025; y++ {
		for i, season := range []string{"Voorjaar", "Zomer", "Najaar", "Winter", "Regio Noord"} {
			c := cohort{id: id(), name: fmt.Sprintf("%s %d", season, y), year: y}
			if i == 0 {
				c.name = fmt.Sprintf("Groep Zeeën %d–%d", y, y+1)
			}
			cohorts = append(cohorts, c)
			f := CohortFigures{CohortID: c.id, Name: c.name, Year: y, Status: "completed", Enrolments: 20 + rng.IntN(15),
				CompletionRate: pct(), AttendanceRate: pct()}
			f.Completed = f.Enrolments - rng.IntN(4)
			f.Withdrawn = f.Enrolments - f.Completed
			if y == 2025 {
				f.Status, f.Completed, f.CompletionRate = "running", 0, nil
			}
			r.Figures.ByCohort = append(r.Figures.ByCohort, f)
			r.Figures.Enrolments += f.Enrolments
			r.Figures.Completed += f.Completed
			r.Figures.Withdrawn += f.Withdrawn
		}
	}
	r.Figures.Cohorts = len(cohorts)
	r.Figures.CompletionRate, r.Figures.AttendanceRate = pct(), pct()

	scaleLabels := []string{"zeer slecht", "slecht", "neutraal", "goed", "uitstekend"}
	choices := []bucketHead{{"te-kort", "Te kort"}, {"goed", "Goed"}, {"te-lang", "Te lang"}, {"weet-niet", "Weet ik niet"}}
	words := []string{"de", "bijeenkomst", "was", "erg", "leerzaam", "en", "goed", "georganiseerd", "meer", "tijd",
		"voor", "intervisie", "graag", "casussen", "uit", "eigen", "gemeente", "spreker", "inspirerend", "café",
		"collega's", "raad", "wethouder", "ëxtra", "netwerk", "reflectie", "praktijk", "opdracht", "feedback"}
	sentence := func() string {
		s := ""
		switch rng.IntN(20) {
		case 0:
			s = "-"
		case 1:
			s = "="
		}
		for i, n := 0, 5+rng.IntN(20); i < n; i++ {
			if i > 0 {
				s += " "
			}
			s += words[rng.IntN(len(words))]
		}
		if rng.IntN(10) == 0 {
			s += `; "letterlijk" gezegd`
		}
		return s
	}
	stat := func(kind string, withheldChance int) ReportStat {
		if rng.IntN(100) < withheldChance {
			return withheldStat()
		}
		s := ReportStat{N: 5 + rng.IntN(60), Distribution: []ReportBucket{}}
		switch kind {
		case KindScale, KindRecommendation:
			lo, hi := 1, 5
			if kind == KindRecommendation {
				lo, hi = 0, 10
			}
			mean := float64(lo) + rng.Float64()*float64(hi-lo)
			median := float64(lo + rng.IntN(hi-lo+1))
			s.Mean, s.Median = &mean, &median
			for v := lo; v <= hi; v++ {
				label := strconv.Itoa(v)
				if kind == KindScale {
					label = scaleLabels[v-1]
				}
				s.Distribution = append(s.Distribution, ReportBucket{Value: strconv.Itoa(v), Label: label, Count: rng.IntN(15)})
			}
			if kind == KindRecommendation {
				s.NPS = &NPS{Promoters: rng.IntN(20), Passives: rng.IntN(20), Detractors: rng.IntN(20), Score: rng.Float64()*200 - 100}
			}
		case KindChoice:
			for _, h := range choices {
				s.Distribution = append(s.Distribution, ReportBucket{Value: h.Value, Label: h.Label, Count: rng.IntN(20)})
			}
		}
		return s
	}

	kinds := []string{KindScale, KindScale, KindRecommendation, KindChoice, KindText, KindText}
	for li := range 10 {
		formsPerCohort := 1 + li%3
		title := fmt.Sprintf("Evaluatie module %d", li+1)
		if li == 0 {
			formsPerCohort, title = 20, "Evaluatie bijeenkomst"
		}
		l := ReportLineage{LineageID: id(), Title: title, Responses: 500 + rng.IntN(3000)}
		type formRef struct {
			id, label string
		}
		var forms []formRef
		for _, c := range cohorts {
			for i := range formsPerCohort {
				opens := time.Date(c.year, time.Month(1+i%12), 1+rng.IntN(27), 9, 0, 0, 0, time.UTC)
				f := ReportForm{FormID: id(), CohortID: c.id, CohortName: c.name, Year: c.year,
					Title: fmt.Sprintf("%s %d", title, i+1), TargetTitle: fmt.Sprintf("Bijeenkomst %d: %s", i+1, words[rng.IntN(len(words))]),
					OpensAt: opens, ClosesAt: opens.AddDate(0, 0, 14), Invited: 20 + rng.IntN(15), ResponseRate: rng.Float64()}
				l.Forms = append(l.Forms, f)
				forms = append(forms, formRef{f.FormID.String(), c.name + " · " + f.Title})
			}
		}
		for qi, kind := range kinds {
			q := ReportQuestion{Key: fmt.Sprintf("v%d-%s", qi+1, kind), Kind: kind,
				Prompt:  fmt.Sprintf("Vraag %d over %s: hoe waardeert u dit onderdeel van de leergang?", qi+1, title),
				Overall: stat(kind, 0), ByYear: []GroupStat{}, ByCohort: []GroupStat{}, ByForm: []GroupStat{}, SharedAnswers: []string{}}
			switch kind {
			case KindScale:
				for v, label := range scaleLabels {
					q.labels = append(q.labels, bucketHead{strconv.Itoa(v + 1), label})
				}
			case KindRecommendation:
				for v := range 11 {
					q.labels = append(q.labels, bucketHead{strconv.Itoa(v), strconv.Itoa(v)})
				}
			case KindChoice:
				q.labels = choices
			case KindText:
				for range 100 + rng.IntN(250) {
					q.SharedAnswers = append(q.SharedAnswers, sentence())
				}
			}
			for y := 2021; y <= 2025; y++ {
				q.ByYear = append(q.ByYear, GroupStat{ID: strconv.Itoa(y), Label: strconv.Itoa(y), Stat: stat(kind, 5)})
			}
			for _, c := range cohorts {
				q.ByCohort = append(q.ByCohort, GroupStat{ID: c.id.String(), Label: c.name, Stat: stat(kind, 15)})
			}
			for _, f := range forms {
				q.ByForm = append(q.ByForm, GroupStat{ID: f.id, Label: f.label, Stat: stat(kind, 40)})
			}
			l.Questions = append(l.Questions, q)
		}
		r.Forms = append(r.Forms, l)
	}
	return r
}

// Numbers in the CSV are written the Dutch way: a decimal comma, at most two decimals, rates as percentages.
func TestCSVNumbersAreDutch(t *testing.T) {
	for _, c := range []struct {
		f             float64
		decimal, rate string
	}{
		{0, "0", "0%"}, {math.Copysign(0, -1), "0", "0%"}, {3.14159, "3,14", "3,1%"}, {-20, "-20", "-20%"},
		{66.666666, "66,67", "66,7%"}, {99.995, "100", "100%"}, {2.675, "2,67", "2,7%"},
	} {
		if got := dec(c.f).csvText(); got != c.decimal {
			t.Errorf("%v as a decimal: %q, want %q", c.f, got, c.decimal)
		}
		if c.f == 0 && math.Signbit(c.f) {
			continue // a rate of -0 is not a share
		}
		if got := (cell{kind: rateCell, num: c.f / 100}).csvText(); got != c.rate {
			t.Errorf("%v as a rate: %q, want %q", c.f/100, got, c.rate)
		}
	}
}

func BenchmarkExportCSV(b *testing.B)  { benchmarkExport(b, Report.CSV) }
func BenchmarkExportXLSX(b *testing.B) { benchmarkExport(b, Report.XLSX) }

// benchmarkExport renders the big report again and again, and reports the file's size beside the time.
func benchmarkExport(b *testing.B, render func(Report) ([]byte, error)) {
	r := bigReport()
	b.ReportAllocs()
	var size int
	for b.Loop() {
		out, err := render(r)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "bytes")
}

// The buffer's size hint covers a large report's CSV without being far off.
func TestCSVSizeHintCoversTheFile(t *testing.T) {
	r := bigReport()
	out, err := r.CSV()
	if err != nil {
		t.Fatal(err)
	}
	if hint := r.csvSizeHint(); hint < len(out) || hint > len(out)*3/2 {
		t.Errorf("size hint %d for a CSV of %d bytes", hint, len(out))
	}
}
