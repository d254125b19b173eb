// Package goals is a participant's learning goals per cohort (with their small steps and the framework aspects
// they are tagged with), the framework itself as a cohort sees it, and the counts facilitators coach with.
package goals

import (
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// Goal statuses (learning_goals.status).
const (
	StatusDraft    = "draft"
	StatusActive   = "active"
	StatusAchieved = "achieved"
	StatusDropped  = "dropped"
)

// PersonRef names a person.
type PersonRef struct {
	ID   uuid.UUID `json:"id"`
	Name string    `json:"name"`
}

// CohortFramework is the framework of the cohort's programme; Framework is nil when it has none.
type CohortFramework struct {
	Framework *Framework `json:"framework"`
}

// Framework is the willen/kunnen/mogen framework that goals refer to, in order.
type Framework struct {
	ID     uuid.UUID        `json:"id"`
	Name   string           `json:"name"`
	Groups []FrameworkGroup `json:"groups"`
}

// FrameworkGroup is one group of aspects; its description is the question it answers (willen, kunnen, mogen).
type FrameworkGroup struct {
	Key         string            `json:"key"`
	Label       string            `json:"label"`
	Description string            `json:"description"`
	Aspects     []FrameworkAspect `json:"aspects"`
}

// FrameworkAspect is one aspect a goal can be tagged with.
type FrameworkAspect struct {
	Key         string `json:"key"`
	Label       string `json:"label"`
	Description string `json:"description"`
}

// Goal is one learning goal with its aspects and steps.
type Goal struct {
	ID              uuid.UUID    `json:"id"`
	CohortID        uuid.UUID    `json:"cohortId"`
	Owner           PersonRef    `json:"owner"`
	ModuleID        *uuid.UUID   `json:"moduleId"`
	ModuleTitle     *string      `json:"moduleTitle"`
	Title           string       `json:"title"`
	Description     string       `json:"description"`
	SuccessCriteria string       `json:"successCriteria"`
	Status          string       `json:"status"`
	TargetDate      *string      `json:"targetDate"`
	Aspects         []GoalAspect `json:"aspects"`
	Steps           []GoalStep   `json:"steps"`
	StepsDone       int          `json:"stepsDone"`
	StepsTotal      int          `json:"stepsTotal"`
	CreatedAt       time.Time    `json:"createdAt"`
	UpdatedAt       time.Time    `json:"updatedAt"`
	Version         int          `json:"version"`
}

// GoalAspect is an aspect a goal is tagged with.
type GoalAspect struct {
	Key      string `json:"key"`
	Label    string `json:"label"`
	GroupKey string `json:"groupKey"`
}

// GoalStep is one small step towards a goal.
type GoalStep struct {
	ID       uuid.UUID  `json:"id"`
	Position int        `json:"position"`
	Title    string     `json:"title"`
	Done     bool       `json:"done"`
	DoneAt   *time.Time `json:"doneAt"`
}

// ParticipantGoals is a participant's goals in a cohort, with the cohort's modules to group them by.
type ParticipantGoals struct {
	CohortID    uuid.UUID    `json:"cohortId"`
	Participant PersonRef    `json:"participant"`
	Modules     []GoalModule `json:"modules"`
	Goals       []Goal       `json:"goals"`
}

// GoalModule is a module of the cohort.
type GoalModule struct {
	ID       uuid.UUID `json:"id"`
	Position int       `json:"position"`
	Title    string    `json:"title"`
}

// AspectCoverage says how many goals of the group, and of how many participants, refer to each aspect.
type AspectCoverage struct {
	CohortID      uuid.UUID       `json:"cohortId"`
	Participants  int             `json:"participants"`
	Goals         int             `json:"goals"`
	UntaggedGoals int             `json:"untaggedGoals"`
	Groups        []CoverageGroup `json:"groups"`
}

// CoverageGroup is a framework group with its aspects' counts.
type CoverageGroup struct {
	Key     string           `json:"key"`
	Label   string           `json:"label"`
	Aspects []CoverageAspect `json:"aspects"`
}

// CoverageAspect counts the goals tagged with an aspect and the distinct participants owning them.
type CoverageAspect struct {
	Key          string `json:"key"`
	Label        string `json:"label"`
	Goals        int    `json:"goals"`
	Participants int    `json:"participants"`
}

// CoachingOverview is one line per active or completed participant of a cohort.
type CoachingOverview struct {
	CohortID     uuid.UUID      `json:"cohortId"`
	Participants []CoachingLine `json:"participants"`
}

// CoachingLine holds a participant's counts: no titles, no content.
type CoachingLine struct {
	UserID            uuid.UUID    `json:"userId"`
	Name              string       `json:"name"`
	Gemeente          string       `json:"gemeente"`
	Status            string       `json:"status"`
	Goals             StatusCounts `json:"goals"`
	StepsDone         int          `json:"stepsDone"`
	StepsTotal        int          `json:"stepsTotal"`
	SharedReflections int          `json:"sharedReflections"`
	LastSharedOn      *string      `json:"lastSharedOn"`
}

// StatusCounts counts goals per status.
type StatusCounts struct {
	Draft    int `json:"draft"`
	Active   int `json:"active"`
	Achieved int `json:"achieved"`
	Dropped  int `json:"dropped"`
}

// GoalInput is a new goal, optionally with its first steps.
type GoalInput struct {
	Title           string   `json:"title"`
	Description     string   `json:"description"`
	SuccessCriteria string   `json:"successCriteria"`
	Status          *string  `json:"status"`
	TargetDate      *string  `json:"targetDate"`
	ModuleID        *string  `json:"moduleId"`
	AspectKeys      []string `json:"aspectKeys"`
	Steps           []string `json:"steps"`
}

// GoalPatch changes the fields that are present; AspectKeys replaces the set; TargetDate and ModuleID null clear.
type GoalPatch struct {
	Title           *string      `json:"title"`
	Description     *string      `json:"description"`
	SuccessCriteria *string      `json:"successCriteria"`
	Status          *string      `json:"status"`
	TargetDate      nullableText `json:"targetDate"`
	ModuleID        nullableText `json:"moduleId"`
	AspectKeys      *[]string    `json:"aspectKeys"`
}

// StepInput is a new step.
type StepInput struct {
	Title string `json:"title"`
}

// StepPatch renames, ticks off (or un-ticks) or moves a step.
type StepPatch struct {
	Title    *string `json:"title"`
	Done     *bool   `json:"done"`
	Position *int    `json:"position"`
}

// nullableText is a PATCH field that can be absent (leave as is), null (clear) or a text.
type nullableText struct {
	Set   bool
	Value *string
}

// UnmarshalJSON is called for null as well, which is how "clear" is told apart from "absent".
func (n *nullableText) UnmarshalJSON(b []byte) error {
	n.Set = true
	return json.Unmarshal(b, &n.Value)
}
