// Package evaluation holds evaluation forms, anonymous responses and their aggregates. This file is the
// statistics core: what a reviewer or facilitator may see of a group of answers, and nothing when too few people
// stand behind it (DESIGN.md: no aggregate of fewer than k answers, k = 5 by default, set per programme).
package evaluation

import (
	"fmt"
	"slices"
)

// Stat is what may be shown of one question's answers in one group (a form, a cohort, a year). When fewer than k
// answers stand behind it, or when showing it would let a reader subtract their way to such a group, Withheld is
// set and nothing else is shown, not even N: a withheld Stat carries only the flag.
type Stat struct {
	N            int      `json:"n"`
	Withheld     bool     `json:"withheld"`
	Mean         *float64 `json:"mean"`
	Median       *float64 `json:"median"`
	Distribution []Bucket `json:"distribution"`
	NPS          *NPS     `json:"nps"`
}

// Bucket is how many answers gave Value; every value of the scale is present, zeros included, so that charts
// and tables of different groups line up.
type Bucket struct {
	Value int `json:"value"`
	Count int `json:"count"`
}

// NPS is the Net Promoter Score of recommendation answers (0–10): promoters answer 9 or 10, passives 7 or 8,
// detractors 0 to 6; the score is the percentage of promoters minus that of detractors (−100 to 100).
type NPS struct {
	Promoters  int     `json:"promoters"`
	Passives   int     `json:"passives"`
	Detractors int     `json:"detractors"`
	Score      float64 `json:"score"`
}

// withheld is the Stat of a group that may not be shown: not even its size, which would give away how many
// people of a small cohort answered.
func withheld() Stat { return Stat{Withheld: true} }

// Scale summarises answers on a scale from lo to hi (1–5 for "scale" questions). Fewer than k answers: withheld.
func Scale(values []int, lo, hi, k int) (Stat, error) {
	if lo > hi {
		return Stat{}, fmt.Errorf("evaluation: scale %d–%d is empty", lo, hi)
	}
	for _, v := range values {
		if v < lo || v > hi {
			return Stat{}, fmt.Errorf("evaluation: answer %d outside the scale %d–%d", v, lo, hi)
		}
	}
	if len(values) < k || len(values) == 0 {
		return withheld(), nil
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	sum := 0
	counts := make([]int, hi-lo+1)
	for _, v := range sorted {
		sum += v
		counts[v-lo]++
	}
	n := len(sorted)
	mean := float64(sum) / float64(n)
	// The middle answer, or the mean of the two middle answers when the number is even.
	median := float64(sorted[n/2])
	if n%2 == 0 {
		median = float64(sorted[n/2-1]+sorted[n/2]) / 2
	}
	dist := make([]Bucket, len(counts))
	for i, c := range counts {
		dist[i] = Bucket{Value: lo + i, Count: c}
	}
	return Stat{N: n, Mean: &mean, Median: &median, Distribution: dist}, nil
}

// Recommendation summarises "would you recommend" answers (0–10) with their NPS. Fewer than k: withheld.
func Recommendation(values []int, k int) (Stat, error) {
	s, err := Scale(values, 0, 10, k)
	if err != nil || s.Withheld {
		return s, err
	}
	var nps NPS
	for _, v := range values {
		switch {
		case v >= 9:
			nps.Promoters++
		case v >= 7:
			nps.Passives++
		default:
			nps.Detractors++
		}
	}
	nps.Score = float64(nps.Promoters-nps.Detractors) / float64(len(values)) * 100
	s.NPS = &nps
	return s, nil
}

// ResponseRate is answered/invited, 0 when nobody was invited. It says how many answered, not what: it is shown
// also below k (a facilitator needs it to remind).
func ResponseRate(answered, invited int) float64 {
	if invited <= 0 {
		return 0
	}
	return float64(answered) / float64(invited)
}

// Withhold decides which of the groups that make up a shown total may be shown (false) and which not (true),
// and whether the total itself may be shown. A group of fewer than k answers is withheld. That alone is not
// enough: the total minus the shown groups would reveal the withheld ones together, so as long as the withheld
// groups hold between 1 and k−1 answers in all, the smallest shown group is withheld too (complementary
// suppression). The total is withheld when it has fewer than k answers itself.
func Withhold(parts []int, k int) (withheldParts []bool, totalWithheld bool) {
	withheldParts = make([]bool, len(parts))
	total, hidden := 0, 0
	for i, n := range parts {
		total += n
		if n < k {
			withheldParts[i] = true
			hidden += n
		}
	}
	for hidden > 0 && hidden < k {
		smallest := -1
		for i, n := range parts {
			if !withheldParts[i] && (smallest < 0 || n < parts[smallest]) {
				smallest = i
			}
		}
		if smallest < 0 {
			break // everything is withheld; what the total reveals is the total itself
		}
		withheldParts[smallest] = true
		hidden += parts[smallest]
	}
	return withheldParts, total < k
}
