package evaluation

import (
	"time"

	"github.com/google/uuid"
)

// FormInput is what an admin writes: a form's title, description and its questions in order.
type FormInput struct {
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Questions   []Question `json:"questions"`
}

// FormQuestion is a stored question of a form.
type FormQuestion struct {
	ID       uuid.UUID         `json:"id"`
	Key      string            `json:"key"`
	Position int               `json:"position"`
	Kind     string            `json:"kind"`
	Prompt   string            `json:"prompt"`
	HelpText string            `json:"helpText"`
	Required bool              `json:"required"`
	Labels   map[string]string `json:"labels"`
	Choices  []Choice          `json:"choices"`
}

// Question returns q as the comparable question NormaliseQuestions and CheckComparable work with.
func (q FormQuestion) Question() Question {
	return Question{Key: q.Key, Kind: q.Kind, Prompt: q.Prompt, HelpText: q.HelpText, Required: q.Required,
		Labels: q.Labels, Choices: q.Choices}
}

// Form is a template or a cohort's form with its questions. Responses counts the answers to it and, for a
// template, to its cohort copies; once there are any, the form is locked to comparable changes.
type Form struct {
	ID               uuid.UUID  `json:"id"`
	ProgrammeID      uuid.UUID  `json:"programmeId"`
	IsTemplate       bool       `json:"isTemplate"`
	Revision         int        `json:"revision"`
	Title            string     `json:"title"`
	Description      string     `json:"description"`
	CohortID         *uuid.UUID `json:"cohortId"`
	CopiedFromFormID *uuid.UUID `json:"copiedFromFormId"`
	// What a cohort form evaluates and when it is open; all nil for a template.
	Scope       *string        `json:"scope"`
	SessionID   *uuid.UUID     `json:"sessionId"`
	ModuleID    *uuid.UUID     `json:"moduleId"`
	TargetTitle *string        `json:"targetTitle"`
	OpensAt     *time.Time     `json:"opensAt"`
	ClosesAt    *time.Time     `json:"closesAt"`
	State       *string        `json:"state"`
	Questions   []FormQuestion `json:"questions"`
	Responses   int            `json:"responses"`
	Locked      bool           `json:"locked"`
	CreatedAt   time.Time      `json:"createdAt"`
	UpdatedAt   time.Time      `json:"updatedAt"`
	Version     int            `json:"version"`
}

// TemplateSummary is a template as the programme's template list shows it.
type TemplateSummary struct {
	ID            uuid.UUID `json:"id"`
	Title         string    `json:"title"`
	Description   string    `json:"description"`
	Revision      int       `json:"revision"`
	QuestionCount int       `json:"questionCount"`
	Copies        int       `json:"copies"`
	Responses     int       `json:"responses"`
	Locked        bool      `json:"locked"`
	UpdatedAt     time.Time `json:"updatedAt"`
	Version       int       `json:"version"`
}

// TemplateList is a programme's templates, by title, newest revision first.
type TemplateList struct {
	Templates []TemplateSummary `json:"templates"`
}
