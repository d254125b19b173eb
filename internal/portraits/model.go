// Package portraits is a participant's public story about the programme: written by the participant, published
// only with their consent (given for one text) and an admin's approval, and shown on the programme's public page.
package portraits

import (
	"time"

	"github.com/google/uuid"
)

// Portrait statuses (portraits.status). A draft is the author's own work; submitted waits for the programme
// office; approved is published; rejected carries a note and can be rewritten and submitted again.
const (
	StatusDraft     = "draft"
	StatusSubmitted = "submitted"
	StatusApproved  = "approved"
	StatusRejected  = "rejected"
)

// Portrait is a portrait as its author sees it.
type Portrait struct {
	ID             uuid.UUID  `json:"id"`
	CohortID       uuid.UUID  `json:"cohortId"`
	CohortName     string     `json:"cohortName"`
	ProgrammeName  string     `json:"programmeName"`
	Title          string     `json:"title"`
	Body           string     `json:"body"`
	BodyHTML       string     `json:"bodyHtml"`
	Status         string     `json:"status"`
	ConsentGivenAt *time.Time `json:"consentGivenAt"`
	SubmittedAt    *time.Time `json:"submittedAt"`
	ReviewedAt     *time.Time `json:"reviewedAt"`
	ReviewNote     string     `json:"reviewNote"`
	PublishedAt    *time.Time `json:"publishedAt"`
	UpdatedAt      time.Time  `json:"updatedAt"`
	Version        int        `json:"version"`
}

// PersonRef names a person.
type PersonRef struct {
	ID   uuid.UUID `json:"id"`
	Name string    `json:"name"`
}

// ForReview is a portrait as the programme office reviews it: with the author and what would be published
// about them.
type ForReview struct {
	Portrait
	Author        PersonRef `json:"author"`
	Gemeente      string    `json:"gemeente"`
	JobTitle      string    `json:"jobTitle"`
	ProgrammeSlug string    `json:"programmeSlug"`
}

// ReviewList is the admins' list.
type ReviewList struct {
	Portraits []ForReview `json:"portraits"`
}

// PublicProgramme is what the public page says about the programme.
type PublicProgramme struct {
	Name        string `json:"name"`
	Slug        string `json:"slug"`
	Description string `json:"description"`
}

// PublicPortrait is a published portrait on the public page: only what the author consented to publish.
type PublicPortrait struct {
	ID          uuid.UUID `json:"id"`
	Title       string    `json:"title"`
	BodyHTML    string    `json:"bodyHtml"`
	AuthorName  string    `json:"authorName"`
	Gemeente    string    `json:"gemeente"`
	JobTitle    string    `json:"jobTitle"`
	CohortName  string    `json:"cohortName"`
	PublishedAt time.Time `json:"publishedAt"`
}

// PublicPortraits is the public page of a programme.
type PublicPortraits struct {
	Programme PublicProgramme  `json:"programme"`
	Portraits []PublicPortrait `json:"portraits"`
}

// Input is the text of a portrait (PUT). Pointers tell a missing field from an empty one.
type Input struct {
	Title *string `json:"title"`
	Body  *string `json:"body"`
}

// Consent is the body of a submission.
type Consent struct {
	Consent *bool `json:"consent"`
}

// Rejection is the body of a rejection.
type Rejection struct {
	Note *string `json:"note"`
}
