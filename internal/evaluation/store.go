package evaluation

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
)

var errFormNotFound = apperror.Newf(apperror.NotFound, "Niet gevonden", "Dit evaluatieformulier bestaat niet.")

// formRow is a row of evaluation_forms with its response count.
type formRow struct {
	ID               uuid.UUID
	ProgrammeID      uuid.UUID
	IsTemplate       bool
	Revision         int
	Title            string
	Description      string
	CohortID         *uuid.UUID
	CopiedFromFormID *uuid.UUID
	Scope            *string
	SessionID        *uuid.UUID
	ModuleID         *uuid.UUID
	TargetTitle      *string
	OpensAt          *time.Time
	ClosesAt         *time.Time
	State            *string
	CohortStatus     *string
	CreatedAt        time.Time
	UpdatedAt        time.Time
	Version          int
	Responses        int
}

// responsesSQL counts the responses to form f and, for a template, to its cohort copies.
const responsesSQL = `(SELECT count(*) FROM evaluation_responses r WHERE r.form_id = f.id
	OR r.form_id IN (SELECT c.id FROM evaluation_forms c WHERE c.copied_from_form_id = f.id AND NOT c.is_template))`

// stateSQL is a cohort form's state by the database's clock (NULL for a template); every state shown and every
// "only while open" rule uses it, so that they agree. Needs evaluation_forms as f.
const stateSQL = `CASE WHEN f.is_template THEN NULL WHEN now() < f.opens_at THEN 'upcoming'
	WHEN now() < f.closes_at THEN 'open' ELSE 'closed' END`

// targetTitleSQL names what a cohort form evaluates: the session's or module's title, the cohort's name. Needs
// f, and cohorts c, sessions s and modules m left-joined on the form.
const targetTitleSQL = `CASE f.scope WHEN 'session' THEN s.title WHEN 'module' THEN m.title WHEN 'cohort' THEN c.name END`

// formByID loads a form; lock takes a row lock for an update.
func formByID(ctx context.Context, db *gorm.DB, id uuid.UUID, lock bool) (formRow, error) {
	q := `SELECT f.id, f.programme_id, f.is_template, f.revision, f.title, f.description, f.cohort_id,
			f.copied_from_form_id, f.scope, f.session_id, f.module_id, f.opens_at, f.closes_at,
			` + targetTitleSQL + ` AS target_title, ` + stateSQL + ` AS state, c.status AS cohort_status,
			f.created_at, f.updated_at, f.version, ` + responsesSQL + ` AS responses
		FROM evaluation_forms f
		LEFT JOIN cohorts c ON c.id = f.cohort_id
		LEFT JOIN sessions s ON s.id = f.session_id
		LEFT JOIN modules m ON m.id = f.module_id
		WHERE f.id = ?`
	if lock {
		// FOR UPDATE cannot take an aggregate's rows; lock the form first, then count.
		if err := db.WithContext(ctx).Exec(`SELECT 1 FROM evaluation_forms WHERE id = ? FOR UPDATE`, id).Error; err != nil {
			return formRow{}, err
		}
	}
	var rows []formRow
	if err := db.WithContext(ctx).Raw(q, id).Scan(&rows).Error; err != nil {
		return formRow{}, err
	}
	if len(rows) == 0 {
		return formRow{}, errFormNotFound
	}
	return rows[0], nil
}

type questionRow struct {
	ID       uuid.UUID
	Key      string
	Position int
	Kind     string
	Prompt   string
	HelpText string
	Required bool
	Options  []byte
}

// options is the jsonb of evaluation_questions.options.
type options struct {
	Labels  map[string]string `json:"labels,omitempty"`
	Choices []Choice          `json:"choices,omitempty"`
}

func questionsOf(ctx context.Context, db *gorm.DB, formID uuid.UUID) ([]FormQuestion, error) {
	var rows []questionRow
	if err := db.WithContext(ctx).Raw(`SELECT id, key, position, kind, prompt, help_text, required, options::text AS options
		FROM evaluation_questions WHERE form_id = ? ORDER BY position`, formID).Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]FormQuestion, 0, len(rows))
	for _, r := range rows {
		var o options
		if err := json.Unmarshal(r.Options, &o); err != nil {
			return nil, err
		}
		q := FormQuestion{ID: r.ID, Key: r.Key, Position: r.Position, Kind: r.Kind, Prompt: r.Prompt,
			HelpText: r.HelpText, Required: r.Required, Labels: o.Labels, Choices: o.Choices}
		if q.Labels == nil {
			q.Labels = map[string]string{}
		}
		if q.Choices == nil {
			q.Choices = []Choice{}
		}
		out = append(out, q)
	}
	return out, nil
}

// loadForm returns the form with its questions.
func loadForm(ctx context.Context, db *gorm.DB, id uuid.UUID) (Form, error) {
	r, err := formByID(ctx, db, id, false)
	if err != nil {
		return Form{}, err
	}
	qs, err := questionsOf(ctx, db, id)
	if err != nil {
		return Form{}, err
	}
	return Form{ID: r.ID, ProgrammeID: r.ProgrammeID, IsTemplate: r.IsTemplate, Revision: r.Revision, Title: r.Title,
		Description: r.Description, CohortID: r.CohortID, CopiedFromFormID: r.CopiedFromFormID, Scope: r.Scope,
		SessionID: r.SessionID, ModuleID: r.ModuleID, TargetTitle: r.TargetTitle, OpensAt: r.OpensAt,
		ClosesAt: r.ClosesAt, State: r.State, Questions: qs,
		Responses: r.Responses, Locked: r.Responses > 0, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		Version: r.Version}, nil
}

func programmeExists(ctx context.Context, db *gorm.DB, id uuid.UUID) error {
	var n int64
	if err := db.WithContext(ctx).Raw(`SELECT count(*) FROM programmes WHERE id = ?`, id).Scan(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return apperror.Newf(apperror.NotFound, "Niet gevonden", "Deze leergang bestaat niet.")
	}
	return nil
}

func templatesOf(ctx context.Context, db *gorm.DB, programmeID uuid.UUID) ([]TemplateSummary, error) {
	out := []TemplateSummary{}
	err := db.WithContext(ctx).Raw(`SELECT f.id, f.title, f.description, f.revision, f.updated_at, f.version,
			(SELECT count(*) FROM evaluation_questions q WHERE q.form_id = f.id) AS question_count,
			(SELECT count(*) FROM evaluation_forms c WHERE c.copied_from_form_id = f.id AND NOT c.is_template) AS copies,
			`+responsesSQL+` AS responses
		FROM evaluation_forms f WHERE f.programme_id = ? AND f.is_template
		ORDER BY lower(f.title), f.revision DESC, f.id`, programmeID).Scan(&out).Error
	for i := range out {
		out[i].Locked = out[i].Responses > 0
	}
	return out, err
}

// templateTitleTaken reports whether another template of the programme has the title at revision.
func templateTitleTaken(ctx context.Context, db *gorm.DB, programmeID uuid.UUID, title string, revision int, except uuid.UUID) (bool, error) {
	var n int64
	err := db.WithContext(ctx).Raw(`SELECT count(*) FROM evaluation_forms
		WHERE programme_id = ? AND is_template AND lower(title) = lower(?) AND revision = ? AND id <> ?`,
		programmeID, title, revision, except).Scan(&n).Error
	return n > 0, err
}

func optionsJSON(q Question) (string, error) {
	var o any = map[string]any{}
	switch q.Kind {
	case KindScale, KindRecommendation:
		labels := q.Labels
		if labels == nil {
			labels = map[string]string{}
		}
		o = map[string]any{"labels": labels}
	case KindChoice:
		o = map[string]any{"choices": q.Choices}
	}
	b, err := json.Marshal(o)
	return string(b), err
}

func insertQuestion(tx *gorm.DB, formID uuid.UUID, position int, q Question) error {
	o, err := optionsJSON(q)
	if err != nil {
		return err
	}
	return tx.Exec(`INSERT INTO evaluation_questions (form_id, position, key, kind, prompt, help_text, required, options)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)`, formID, position, q.Key, q.Kind, q.Prompt, q.HelpText, q.Required, o).Error
}

func updateQuestion(tx *gorm.DB, id uuid.UUID, position int, q Question) error {
	o, err := optionsJSON(q)
	if err != nil {
		return err
	}
	return tx.Exec(`UPDATE evaluation_questions SET position = ?, kind = ?, prompt = ?, help_text = ?, required = ?,
			options = ?::jsonb, updated_at = now(), version = version + 1
		WHERE id = ?`, position, q.Kind, q.Prompt, q.HelpText, q.Required, o, id).Error
}

// isUniqueViolation reports a write refused by a unique index, e.g. two admins naming templates alike at once.
func isUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	return errors.Is(err, gorm.ErrDuplicatedKey) || (errors.As(err, &pe) && pe.Code == "23505")
}
