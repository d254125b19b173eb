package datagen

import (
	"fmt"
	"slices"
	"strings"
)

// Scale is how much data Generate writes. The first group of figures are exact row counts of their tables; the
// people figures (staff, speakers) size the cast around them. Everything else (modules, attendance, comments,
// evaluation forms and answers, audit lines of each kind) follows from these and the random choices.
type Scale struct {
	Name string

	Programmes          int
	Cohorts             int
	Participants        int // people; about one in ten is enrolled in a second cohort
	Goals               int
	Steps               int
	Reflections         int
	Sessions            int
	EvaluationResponses int
	AuditRows           int

	Facilitators int
	Reviewers    int // of the A&O-fonds, each granted a few programmes
	Admins       int
	Speakers     int // the speaker directory: programmes' own and the shared one
}

var scales = []Scale{
	// The figures of issue 7: every leergang of the VGS and the A&O-fonds over five years.
	{Name: "national", Programmes: 20, Cohorts: 400, Participants: 10_000, Goals: 100_000, Steps: 300_000,
		Reflections: 500_000, Sessions: 4_000, EvaluationResponses: 200_000, AuditRows: 2_000_000,
		Facilitators: 300, Reviewers: 12, Admins: 5, Speakers: 400},
	{Name: "regional", Programmes: 2, Cohorts: 40, Participants: 1_000, Goals: 10_000, Steps: 30_000,
		Reflections: 50_000, Sessions: 400, EvaluationResponses: 20_000, AuditRows: 200_000,
		Facilitators: 30, Reviewers: 3, Admins: 2, Speakers: 40},
	// Small enough for a unit test, large enough that every table and every status has rows.
	{Name: "tiny", Programmes: 2, Cohorts: 8, Participants: 160, Goals: 400, Steps: 1_200,
		Reflections: 1_000, Sessions: 64, EvaluationResponses: 1_200, AuditRows: 6_000,
		Facilitators: 6, Reviewers: 2, Admins: 1, Speakers: 12},
}

// ScaleByName returns one of the named scales: "national" (the figures of issue 7), "regional" (a tenth of it)
// or "tiny" (for tests).
func ScaleByName(name string) (Scale, error) {
	i := slices.IndexFunc(scales, func(s Scale) bool { return s.Name == name })
	if i < 0 {
		names := make([]string, len(scales))
		for j, s := range scales {
			names[j] = s.Name
		}
		return Scale{}, fmt.Errorf("datagen: unknown scale %q (choose %s)", name, strings.Join(names, ", "))
	}
	return scales[i], nil
}

// validate refuses a scale whose figures cannot all hold at once; what depends on random choices (whether the
// cohorts offer enough evaluations to answer, enough room in the audit log) is checked while generating.
func (s Scale) validate() error {
	var problems []string
	check := func(ok bool, format string, args ...any) {
		if !ok {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	check(s.Programmes >= 1, "at least one programme")
	check(s.Cohorts >= s.Programmes, "at least one cohort per programme")
	check(s.Participants >= 5*s.Cohorts, "at least five participants per cohort")
	check(s.Facilitators >= 2, "at least two facilitators")
	check(s.Reviewers >= 1 && s.Admins >= 1, "at least one reviewer and one admin")
	check(s.Speakers >= s.Programmes, "at least one speaker per programme")
	check(s.Sessions >= s.Cohorts, "at least one session per cohort")
	check(s.Goals >= 0 && s.Steps >= s.Goals, "at least one step per goal")
	check(s.Reflections >= 0 && s.EvaluationResponses >= 0 && s.AuditRows >= 0, "no negative counts")
	if len(problems) > 0 {
		return fmt.Errorf("datagen: scale %q: %s", s.Name, strings.Join(problems, "; "))
	}
	return nil
}
