// Package planning holds programmes, cohorts, modules, sessions, speakers, enrolments and attendance.
package planning

import (
	"time"

	"github.com/google/uuid"
)

// CohortOverview is a cohort as its members see it: modules in order and the next sessions.
type CohortOverview struct {
	ID               uuid.UUID        `json:"id"`
	Name             string           `json:"name"`
	ProgrammeID      uuid.UUID        `json:"programmeId"`
	ProgrammeName    string           `json:"programmeName"`
	StartsOn         string           `json:"startsOn"`
	EndsOn           string           `json:"endsOn"`
	Status           string           `json:"status"`
	Modules          []Module         `json:"modules"`
	UpcomingSessions []SessionSummary `json:"upcomingSessions"`
}

// Module is one ordered part of a cohort.
type Module struct {
	ID          uuid.UUID `json:"id"`
	Position    int       `json:"position"`
	Key         string    `json:"key"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
}

// SessionSummary is a session in a list: when, where, what.
type SessionSummary struct {
	ID          uuid.UUID `json:"id"`
	ModuleID    uuid.UUID `json:"moduleId"`
	ModuleTitle string    `json:"moduleTitle"`
	Title       string    `json:"title"`
	StartsAt    time.Time `json:"startsAt"`
	EndsAt      time.Time `json:"endsAt"`
	Venue       string    `json:"venue"`
	OnlineURL   *string   `json:"onlineUrl"`
	Status      string    `json:"status"`
	// Speakers are the confirmed ones, with their public profile only (speakers.go).
	Speakers []SpeakerProfile `json:"speakers" gorm:"-"`
}
