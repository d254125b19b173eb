package datagen

import (
	"net/netip"
	"time"

	"github.com/google/uuid"
)

// The dataset is planned in memory first (people, programmes, cohorts, sessions, forms and the metadata of goals,
// reflections and responses: who, when, what status), then written table by table. Row content that nothing else
// refers to (texts, Markdown, answers) is drawn while writing, so the large tables are never held whole.

type user struct {
	id        uuid.UUID
	email     string
	name      string
	admin     bool
	createdAt time.Time
	ip        netip.Addr
	gemeente  string
	jobTitle  string
}

type programme struct {
	id          uuid.UUID
	slug, name  string
	description string
	owner       int // organisation index
	framework   int
	createdAt   time.Time
	modules     []moduleTemplate
	cohorts     []int
	// Staff: the facilitator pool (user indices) with its coordinator (programme-wide grant), and reviewers.
	facilitators []int
	coordinator  int
	reviewers    []int
	speakers     []int // its own directory; the shared one is g.sharedSpeakers
	templates    map[string]int
}

type moduleTemplate struct {
	id      uuid.UUID
	text    moduleText
	options []templateOption
}

type templateOption struct {
	id   uuid.UUID
	text moduleText
}

type cohortStatus uint8

const (
	planned cohortStatus = iota
	running
	completed
	archived
)

func (s cohortStatus) String() string {
	return [...]string{"planned", "running", "completed", "archived"}[s]
}

type cohort struct {
	id                  uuid.UUID
	programme           int
	name                string
	startsOn, endsOn    time.Time // Amsterdam midnight
	capacity            int
	status              cohortStatus
	archivedAt          time.Time
	createdAt           time.Time
	modules             []module
	extraOption         bool // the cohort added an elective option of its own
	enrolments          []int
	facilitators        []int // user indices, two per cohort
	sessions            []int
	retention           retention
	evaluationQuality   float64 // how well this cohort's evaluations turn out, around 4 on a scale of 5
	sharedReflections   []int32 // indices of reflections shared with facilitators or the group, oldest first
	responseWillingness float64 // how readily its participants answer evaluations, around 1
}

// retention is where an archived cohort stands with the retention rule (migrations/00014_retention.sql).
type retention struct {
	noticed      bool
	noticeSentAt time.Time
	purgeOn      time.Time
	purged       bool
	purgedAt     time.Time
	// Who was noticed, and what the purge removed (set when the table is written).
	participants                        int
	goals, steps, reflections, comments int
}

type module struct {
	id             uuid.UUID
	template       int
	options        []uuid.UUID
	from, to       time.Time // the part of the cohort's period that the module covers
	lastSessionEnd time.Time
}

type enrolmentStatus uint8

const (
	active enrolmentStatus = iota
	withdrawn
	done // "completed"
)

func (s enrolmentStatus) String() string {
	return [...]string{"active", "withdrawn", "completed"}[s]
}

type enrolment struct {
	id          uuid.UUID
	cohort      int
	user        int
	status      enrolmentStatus
	enrolledAt  time.Time
	withdrawnAt time.Time
	diligence   float64 // how much this person writes and answers
	openness    float64 // how often they share a reflection
	goals       span    // indices in g.goals, oldest first
}

type span struct{ start, n int32 }

type session struct {
	id           uuid.UUID
	cohort       int
	module       int
	title        string
	startsAt     time.Time
	endsAt       time.Time
	venue        string
	online       bool
	topics       []string
	cancelled    bool
	sequence     int
	createdAt    time.Time
	facilitators []int
	bookings     []booking
}

type booking struct {
	id          uuid.UUID
	speaker     int
	status      string
	invitedBy   int
	invitedAt   time.Time
	respondedAt time.Time
	jti         uuid.UUID
}

type speaker struct {
	id        uuid.UUID
	programme int // -1: the shared directory
	name      string
	roleTitle string
	org       string
	bio       string
	topics    []string
	email     string
	phone     string
	createdAt time.Time
}

type grant struct {
	id        uuid.UUID
	user      int
	role      string
	programme int // -1 for a cohort grant
	cohort    int // -1 for a programme grant
	createdAt time.Time
}

type goal struct {
	enrolment int32
	module    int16 // index in the cohort's modules, -1 for none
	status    uint8 // index in goalStatuses
	aspects   uint8
	created   time.Time
	updated   time.Time
	steps     span // indices in g.stepDone
}

var goalStatuses = []string{"draft", "active", "achieved", "dropped"}

type reflection struct {
	enrolment  int32
	session    int32 // -1 for none
	module     int16 // -1 for none
	visibility uint8 // index in visibilities
	goal       int32 // a goal of the author linked to it, -1 for none
	created    time.Time
	updated    time.Time
}

var visibilities = []string{"private", "facilitators", "cohort"}

type comment struct {
	reflection int32
	author     int32 // user index
	created    time.Time
	deleted    bool
}

type portrait struct {
	enrolment int
	status    string
	created   time.Time
	consentAt time.Time
	reviewed  time.Time
	reviewer  int
}

// formTemplate is one of a programme's evaluation templates (is_template rows).
type formTemplate struct {
	id         uuid.UUID
	programme  int
	def        *templateDef
	revision   int
	copiedFrom int // template index, -1 for none
	createdAt  time.Time
	questions  []uuid.UUID
}

// form is an evaluation form attached to a cohort, a module or a session.
type form struct {
	id        uuid.UUID
	cohort    int
	template  int
	scope     string
	session   int // -1 unless scope is session
	module    int // -1 unless scope is module
	title     string
	opensAt   time.Time
	closesAt  time.Time
	createdAt time.Time
	createdBy int
	questions []uuid.UUID
	quality   float64
	responses []submission
}

// submission is that a person answered a form, and when. The answers are written apart from it, in an order of
// their own, as the product keeps them (migrations/00004_evaluation.sql).
type submission struct {
	enrolment int32
	at        time.Time
}
