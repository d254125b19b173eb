package planning

import (
	"time"

	"github.com/google/uuid"
)

// The arithmetic of attendance rates, apart from the database so that it can be checked by hand.

// attendanceFacts is what the rates are computed from.
type attendanceFacts struct {
	Modules      []Module
	Sessions     []attendanceSessionRow
	Participants []attendanceParticipantRow
	// Pairs are the (participant, session) pairs that count: the participant took part when the session started,
	// or has a record for it. Status is nil when nothing is recorded.
	Pairs []attendancePairRow
}

type attendanceSessionRow struct {
	ID          uuid.UUID
	ModuleID    uuid.UUID
	ModuleTitle string
	Title       string
	StartsAt    time.Time
	EndsAt      time.Time
	Status      string
}

type attendanceParticipantRow struct {
	UserID          uuid.UUID
	Name            string
	Gemeente        string
	EnrolmentStatus string
}

type attendancePairRow struct {
	SessionID uuid.UUID
	UserID    uuid.UUID
	Status    *string
}

// held reports whether a session counts for the rates: it has ended and was not cancelled.
func sessionHeld(status string, endsAt, now time.Time) bool {
	return status != "cancelled" && !endsAt.After(now)
}

// count counts one status; nil is not recorded.
func (c *AttendanceCounts) count(status *string) {
	switch {
	case status == nil:
		c.Unrecorded++
	case *status == AttendancePresent:
		c.Present++
	case *status == AttendanceExcused:
		c.Excused++
	case *status == AttendanceAbsent:
		c.Absent++
	}
}

// add counts one (participant, held session) pair.
func (t *Tally) add(status *string) {
	t.Held++
	t.count(status)
}

// withRates fills in the two rates from the counts.
func (t Tally) withRates() Tally {
	t.Rate = attendanceRatio(t.Present, t.Held)
	t.RateExcludingExcused = attendanceRatio(t.Present, t.Held-t.Excused)
	return t
}

func attendanceRatio(n, d int) *float64 {
	if d <= 0 {
		return nil
	}
	r := float64(n) / float64(d)
	return &r
}

// rates computes every figure of a cohort's attendance as facilitators see it.
func attendanceRates(f attendanceFacts, now time.Time) CohortAttendance {
	sessions := make(map[uuid.UUID]attendanceSessionRow, len(f.Sessions))
	heldPerModule := map[uuid.UUID]int{}
	out := CohortAttendance{Modules: []ModuleAttendance{}, Participants: []ParticipantAttendance{}, Sessions: []SessionAttendanceSummary{}}
	for _, s := range f.Sessions {
		sessions[s.ID] = s
		if sessionHeld(s.Status, s.EndsAt, now) {
			out.SessionsHeld++
			heldPerModule[s.ModuleID]++
		}
	}

	var cohort Tally
	perModule := map[uuid.UUID]*Tally{}
	perParticipant := map[uuid.UUID]*Tally{}
	perSession := map[uuid.UUID]*SessionAttendanceSummary{}
	cohortPeople := map[uuid.UUID]bool{}
	modulePeople := map[uuid.UUID]map[uuid.UUID]bool{}
	for _, p := range f.Pairs {
		s, ok := sessions[p.SessionID]
		if !ok {
			continue
		}
		sum := perSession[s.ID]
		if sum == nil {
			sum = &SessionAttendanceSummary{}
			perSession[s.ID] = sum
		}
		sum.Expected++
		sum.count(p.Status)
		if !sessionHeld(s.Status, s.EndsAt, now) {
			continue
		}
		cohort.add(p.Status)
		cohortPeople[p.UserID] = true
		if perModule[s.ModuleID] == nil {
			perModule[s.ModuleID] = &Tally{}
			modulePeople[s.ModuleID] = map[uuid.UUID]bool{}
		}
		perModule[s.ModuleID].add(p.Status)
		modulePeople[s.ModuleID][p.UserID] = true
		if perParticipant[p.UserID] == nil {
			perParticipant[p.UserID] = &Tally{}
		}
		perParticipant[p.UserID].add(p.Status)
	}

	c := cohort.withRates()
	out.Cohort = &c
	out.ParticipantCount = len(cohortPeople)
	for _, m := range f.Modules {
		t := Tally{}
		if perModule[m.ID] != nil {
			t = *perModule[m.ID]
		}
		t = t.withRates()
		out.Modules = append(out.Modules, ModuleAttendance{ModuleID: m.ID, Position: m.Position, Title: m.Title,
			SessionsHeld: heldPerModule[m.ID], ParticipantCount: len(modulePeople[m.ID]), Tally: &t})
	}
	for _, p := range f.Participants {
		t := Tally{}
		if perParticipant[p.UserID] != nil {
			t = *perParticipant[p.UserID]
		}
		out.Participants = append(out.Participants, ParticipantAttendance{UserID: p.UserID, Name: p.Name,
			Gemeente: p.Gemeente, EnrolmentStatus: p.EnrolmentStatus, Tally: t.withRates()})
	}
	for _, s := range f.Sessions {
		sum := SessionAttendanceSummary{}
		if perSession[s.ID] != nil {
			sum = *perSession[s.ID]
		}
		sum.ID, sum.ModuleID, sum.ModuleTitle, sum.Title = s.ID, s.ModuleID, s.ModuleTitle, s.Title
		sum.StartsAt, sum.EndsAt, sum.Status, sum.Held = s.StartsAt, s.EndsAt, s.Status, sessionHeld(s.Status, s.EndsAt, now)
		out.Sessions = append(out.Sessions, sum)
	}
	return out
}

// forReviewer strips a cohort's rates down to what a reviewer may see: group figures only, none behind fewer
// than k participants (the programme's k-anonymity threshold), no names, no user ids, no session list.
func attendanceForReviewer(a CohortAttendance, k int) CohortAttendance {
	a.Participants = nil
	a.Sessions = nil
	a.MinimumGroupSize = &k
	if a.ParticipantCount < k {
		a.Cohort = nil
	}
	for i := range a.Modules {
		if a.Modules[i].ParticipantCount < k {
			a.Modules[i].Tally = nil
		}
	}
	return a
}
