package planning

import (
	"time"

	"github.com/google/uuid"
)

// Attendance statuses: per participant per session.
const (
	AttendancePresent = "present"
	AttendanceExcused = "excused" // afgemeld: the participant let the group know they could not come
	AttendanceAbsent  = "absent"
)

// SessionAttendance is the attendance sheet of one session: the whole group on one screen. Version is the
// register's version (also the ETag), to send back as If-Match with a save.
type SessionAttendance struct {
	Session AttendanceSession  `json:"session"`
	Version int                `json:"version"`
	Records []AttendanceRecord `json:"records"`
}

// AttendanceSession is the session a sheet is for.
type AttendanceSession struct {
	ID          uuid.UUID `json:"id"`
	CohortID    uuid.UUID `json:"cohortId"`
	ModuleID    uuid.UUID `json:"moduleId"`
	ModuleTitle string    `json:"moduleTitle"`
	Title       string    `json:"title"`
	StartsAt    time.Time `json:"startsAt"`
	EndsAt      time.Time `json:"endsAt"`
	Status      string    `json:"status"`
	// Started: present and absent can be recorded only from the start; an excuse (afmelding) also beforehand.
	Started bool `json:"started"`
}

// AttendanceRecord is one participant's line on a sheet; Status and the rest are null until it is recorded.
type AttendanceRecord struct {
	UserID          uuid.UUID  `json:"userId"`
	Name            string     `json:"name"`
	Gemeente        string     `json:"gemeente"`
	EnrolmentStatus string     `json:"enrolmentStatus"`
	Status          *string    `json:"status"`
	Version         *int       `json:"version"`
	RecordedAt      *time.Time `json:"recordedAt"`
	RecordedByName  *string    `json:"recordedByName"`
}

// AttendanceUpdate is the body of PUT /sessions/{sessionID}/attendance: the changed lines of a sheet, each
// with the version of its record it was based on (none for a line that was not recorded yet). The register's
// version comes in If-Match.
type AttendanceUpdate struct {
	Records []AttendanceChange `json:"records"`
}

// AttendanceChange is one line of an AttendanceUpdate. Fields are strings so that a wrong value is reported on
// its field (422) rather than as unreadable JSON.
type AttendanceChange struct {
	UserID  string `json:"userId"`
	Status  string `json:"status"`
	Version *int   `json:"version"`
}

// Tally counts attendance over held sessions. Held is the number of (participant, held session) pairs that
// count: for one participant the sessions held while they took part, for a group the sum over its participants.
//
// Rate is present / held: excused and unrecorded count as not present, because the programme asks everyone to
// attend. RateExcludingExcused is present / (held − excused): attendance of the sessions a participant had not
// sent apologies for. Both are null when their denominator is zero.
type Tally struct {
	Held int `json:"held"`
	AttendanceCounts
	Rate                 *float64 `json:"rate"`
	RateExcludingExcused *float64 `json:"rateExcludingExcused"`
}

// AttendanceCounts counts recorded statuses, and the pairs without a record.
type AttendanceCounts struct {
	Present    int `json:"present"`
	Excused    int `json:"excused"`
	Absent     int `json:"absent"`
	Unrecorded int `json:"unrecorded"`
}

// CohortAttendance is a cohort's attendance rates. Reviewers get only the group figures: Participants and
// Sessions are null for them, and a group figure of fewer than MinimumGroupSize participants is withheld.
type CohortAttendance struct {
	CohortID      uuid.UUID `json:"cohortId"`
	CohortName    string    `json:"cohortName"`
	ProgrammeName string    `json:"programmeName"`
	SessionsHeld  int       `json:"sessionsHeld"`
	// ParticipantCount is how many participants stand behind the cohort's figures.
	ParticipantCount int                        `json:"participantCount"`
	Cohort           *Tally                     `json:"cohort"`
	Modules          []ModuleAttendance         `json:"modules"`
	Participants     []ParticipantAttendance    `json:"participants"`
	Sessions         []SessionAttendanceSummary `json:"sessions"`
	// MinimumGroupSize is set for reviewers: the programme's k; tallies behind fewer participants are null.
	MinimumGroupSize *int `json:"minimumGroupSize"`
}

// ModuleAttendance is the attendance of one module's held sessions; Tally is null when withheld.
type ModuleAttendance struct {
	ModuleID         uuid.UUID `json:"moduleId"`
	Position         int       `json:"position"`
	Title            string    `json:"title"`
	SessionsHeld     int       `json:"sessionsHeld"`
	ParticipantCount int       `json:"participantCount"`
	Tally            *Tally    `json:"tally"`
}

// ParticipantAttendance is one participant's attendance over the cohort's held sessions.
type ParticipantAttendance struct {
	UserID          uuid.UUID `json:"userId"`
	Name            string    `json:"name"`
	Gemeente        string    `json:"gemeente"`
	EnrolmentStatus string    `json:"enrolmentStatus"`
	Tally           Tally     `json:"tally"`
}

// SessionAttendanceSummary is one session of the cohort with how far its attendance is recorded, for picking a
// sheet. Held sessions are past and not cancelled.
type SessionAttendanceSummary struct {
	ID          uuid.UUID `json:"id"`
	ModuleID    uuid.UUID `json:"moduleId"`
	ModuleTitle string    `json:"moduleTitle"`
	Title       string    `json:"title"`
	StartsAt    time.Time `json:"startsAt"`
	EndsAt      time.Time `json:"endsAt"`
	Status      string    `json:"status"`
	Held        bool      `json:"held"`
	// Expected is how many participants are on the session's sheet.
	Expected int `json:"expected"`
	AttendanceCounts
}

// MyAttendance is a participant's own attendance, per cohort they are or were enrolled in.
type MyAttendance struct {
	Cohorts []MyCohortAttendance `json:"cohorts"`
}

// MyCohortAttendance is the participant's attendance in one cohort: their tally and every session that counts
// or has a record (an excuse sent ahead of a session shows too).
type MyCohortAttendance struct {
	CohortID        uuid.UUID             `json:"cohortId"`
	CohortName      string                `json:"cohortName"`
	ProgrammeName   string                `json:"programmeName"`
	EnrolmentStatus string                `json:"enrolmentStatus"`
	Tally           Tally                 `json:"tally"`
	Sessions        []MySessionAttendance `json:"sessions"`
}

// MySessionAttendance is one session on a participant's own record.
type MySessionAttendance struct {
	SessionID   uuid.UUID  `json:"sessionId"`
	ModuleID    uuid.UUID  `json:"moduleId"`
	ModuleTitle string     `json:"moduleTitle"`
	Title       string     `json:"title"`
	StartsAt    time.Time  `json:"startsAt"`
	EndsAt      time.Time  `json:"endsAt"`
	Held        bool       `json:"held"`
	Status      *string    `json:"status"`
	RecordedAt  *time.Time `json:"recordedAt"`
}
