package evaluation

import (
	"math"
	"slices"
	"testing"
)

func near(t *testing.T, name string, got *float64, want float64) {
	t.Helper()
	if got == nil || math.Abs(*got-want) > 1e-9 {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

func counts(d []Bucket) []int {
	out := make([]int, len(d))
	for i, b := range d {
		out[i] = b.Count
	}
	return out
}

// Figures computed by hand: 4+5+3+4+4 = 20 over 5 is 4.0; sorted 3 4 4 4 5, the middle one is 4.
func TestScaleMeanMedianAndDistribution(t *testing.T) {
	s, err := Scale([]int{4, 5, 3, 4, 4}, 1, 5, 5)
	if err != nil {
		t.Fatal(err)
	}
	if s.Withheld || s.N != 5 {
		t.Fatalf("stat %+v", s)
	}
	near(t, "mean", s.Mean, 4.0)
	near(t, "median", s.Median, 4.0)
	if got := counts(s.Distribution); !slices.Equal(got, []int{0, 0, 1, 3, 1}) {
		t.Errorf("distribution %v, want [0 0 1 3 1]", got)
	}
	if s.Distribution[0].Value != 1 || s.Distribution[4].Value != 5 || s.NPS != nil {
		t.Errorf("buckets %+v, nps %v", s.Distribution, s.NPS)
	}
}

// An even number of answers: 1 2 2 5 5 5 has mean 20/6 = 3.333… and median (2+5)/2 = 3.5.
func TestScaleMedianOfAnEvenNumberIsTheMeanOfTheMiddleTwo(t *testing.T) {
	s, err := Scale([]int{5, 2, 5, 1, 5, 2}, 1, 5, 5)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "mean", s.Mean, 20.0/6)
	near(t, "median", s.Median, 3.5)
	if got := counts(s.Distribution); !slices.Equal(got, []int{1, 2, 0, 0, 3}) {
		t.Errorf("distribution %v", got)
	}
}

// Four answers with k = 5: nothing is shown, not even how many answered.
func TestFewerThanKAnswersShowNothing(t *testing.T) {
	for _, values := range [][]int{{5, 5, 5, 4}, {}, nil} {
		s, err := Scale(values, 1, 5, 5)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Withheld || s.N != 0 || s.Mean != nil || s.Median != nil || s.Distribution != nil {
			t.Errorf("%v: stat %+v, want withheld and empty", values, s)
		}
	}
	r, err := Recommendation([]int{10, 10, 9, 8}, 5)
	if err != nil || !r.Withheld || r.NPS != nil {
		t.Errorf("recommendation below k: %+v %v", r, err)
	}
	// k is set per programme: with k = 3 the same four answers are shown.
	s, _ := Scale([]int{5, 5, 5, 4}, 1, 5, 3)
	if s.Withheld || s.N != 4 {
		t.Errorf("k=3: %+v", s)
	}
}

// Promoters 10 9 10 9 (4), passives 8 7 (2), detractors 6 0 (2) of 8: (4−2)/8 = 25.
func TestRecommendationNPS(t *testing.T) {
	s, err := Recommendation([]int{10, 9, 8, 7, 6, 0, 10, 9}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if s.NPS == nil || *s.NPS != (NPS{Promoters: 4, Passives: 2, Detractors: 2, Score: 25}) {
		t.Fatalf("nps %+v", s.NPS)
	}
	near(t, "mean", s.Mean, 59.0/8)
	near(t, "median", s.Median, 8.5)
	if len(s.Distribution) != 11 || s.Distribution[0].Count != 1 || s.Distribution[10].Count != 2 {
		t.Errorf("distribution %+v", s.Distribution)
	}
	// All detractors: −100.
	s, _ = Recommendation([]int{0, 1, 2, 3, 6}, 5)
	if s.NPS.Score != -100 {
		t.Errorf("all detractors: %v", s.NPS.Score)
	}
}

func TestAnswersOutsideTheScaleAreAnError(t *testing.T) {
	if _, err := Scale([]int{1, 6}, 1, 5, 1); err == nil {
		t.Error("6 on a 1–5 scale was accepted")
	}
	if _, err := Recommendation([]int{11}, 1); err == nil {
		t.Error("11 as a recommendation was accepted")
	}
}

func TestResponseRate(t *testing.T) {
	for _, c := range []struct {
		answered, invited int
		want              float64
	}{{6, 8, 0.75}, {0, 8, 0}, {3, 0, 0}, {8, 8, 1}} {
		if got := ResponseRate(c.answered, c.invited); got != c.want {
			t.Errorf("ResponseRate(%d, %d) = %v, want %v", c.answered, c.invited, got, c.want)
		}
	}
}

// The subtraction case: cohorts of 8, 3 and 6 answers with k = 5 and the programme total (17) shown. Withholding
// only the 3 would let anyone compute it as 17 − 8 − 6; so the smallest shown cohort (6) is withheld too, and the
// two together (9 answers) are safe.
func TestWithholdSuppressesAComplementaryGroup(t *testing.T) {
	for _, c := range []struct {
		name      string
		parts     []int
		want      []bool
		wantTotal bool
	}{
		{"one small group takes the smallest other with it", []int{8, 3, 6}, []bool{false, true, true}, false},
		{"two small groups together reach k", []int{3, 2, 9}, []bool{true, true, false}, false},
		{"two small groups below k take a third", []int{1, 2, 9, 7}, []bool{true, true, false, true}, false},
		{"nothing small, nothing withheld", []int{5, 6, 7}, []bool{false, false, false}, false},
		{"an empty group reveals nothing", []int{0, 7, 8}, []bool{true, false, false}, false},
		{"a small total is withheld as well", []int{4}, []bool{true}, true},
		{"all small, total shown: it reveals only itself", []int{2, 2, 2}, []bool{true, true, true}, false},
		{"ties: the first smallest goes", []int{3, 6, 6}, []bool{true, true, false}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, total := Withhold(c.parts, 5)
			if !slices.Equal(got, c.want) || total != c.wantTotal {
				t.Fatalf("Withhold(%v) = %v, %v; want %v, %v", c.parts, got, total, c.want, c.wantTotal)
			}
			// Whatever is shown, the withheld groups together never hold 1 to k−1 answers.
			hidden := 0
			for i, w := range got {
				if w {
					hidden += c.parts[i]
				}
			}
			if hidden > 0 && hidden < 5 && !total {
				t.Fatalf("%d answers recoverable by subtraction", hidden)
			}
		})
	}
}
