package evaluation

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/httpio"
)

// myEvaluationsOf lists the forms of the cohorts the user takes part in (active or completed) with their state,
// whether the user answered and whether they have a draft. Order: open and unanswered (soonest closing first),
// upcoming (soonest opening first), then answered or closed (most recently closing first).
func myEvaluationsOf(ctx context.Context, db *gorm.DB, userID uuid.UUID) ([]MyEvaluationSummary, error) {
	out := []MyEvaluationSummary{}
	err := db.WithContext(ctx).Raw(`SELECT * FROM (
			SELECT f.id AS form_id, f.title, c.id AS cohort_id, c.name AS cohort_name, f.scope,
				`+targetTitleSQL+` AS target_title, f.opens_at, f.closes_at, `+stateSQL+` AS state,
				es.submitted_at, d.form_id IS NOT NULL AS has_draft
			FROM enrolments e
			JOIN cohorts c ON c.id = e.cohort_id
			JOIN evaluation_forms f ON f.cohort_id = e.cohort_id AND NOT f.is_template
			LEFT JOIN sessions s ON s.id = f.session_id
			LEFT JOIN modules m ON m.id = f.module_id
			LEFT JOIN evaluation_submissions es ON es.form_id = f.id AND es.user_id = e.user_id
			LEFT JOIN evaluation_drafts d ON d.form_id = f.id AND d.user_id = e.user_id
			WHERE e.user_id = ? AND `+invitedSQL+`
		) x
		ORDER BY CASE WHEN state = 'open' AND submitted_at IS NULL THEN 0 WHEN state = 'upcoming' THEN 1 ELSE 2 END,
			CASE WHEN state = 'open' AND submitted_at IS NULL THEN closes_at END,
			CASE WHEN state = 'upcoming' THEN opens_at END,
			closes_at DESC, lower(title), form_id`, userID).Scan(&out).Error
	return out, err
}

// participation is a cohort form as one participant sees it: the form, their submission and their draft.
type participation struct {
	FormID         uuid.UUID
	ProgrammeID    uuid.UUID
	CohortID       uuid.UUID
	Title          string
	Description    string
	CohortName     string
	Scope          string
	TargetTitle    string
	OpensAt        time.Time
	ClosesAt       time.Time
	State          string
	SubmittedAt    *time.Time
	IdempotencyKey *string
	DraftAnswers   string
	DraftUpdatedAt *time.Time
	DraftVersion   *int
}

// participationOf loads the form for a participant of its cohort (active or completed); for anyone else, and
// for templates, it is not found.
func participationOf(ctx context.Context, db *gorm.DB, formID, userID uuid.UUID) (participation, error) {
	var rows []participation
	err := db.WithContext(ctx).Raw(`SELECT f.id AS form_id, f.programme_id, f.cohort_id, f.title, f.description, c.name AS cohort_name,
			f.scope, `+targetTitleSQL+` AS target_title, f.opens_at, f.closes_at, `+stateSQL+` AS state,
			es.submitted_at, es.idempotency_key,
			coalesce(d.answers::text, '{}') AS draft_answers, d.updated_at AS draft_updated_at, d.version AS draft_version
		FROM evaluation_forms f
		JOIN cohorts c ON c.id = f.cohort_id
		JOIN enrolments e ON e.cohort_id = f.cohort_id AND e.user_id = @user AND `+invitedSQL+`
		LEFT JOIN sessions s ON s.id = f.session_id
		LEFT JOIN modules m ON m.id = f.module_id
		LEFT JOIN evaluation_submissions es ON es.form_id = f.id AND es.user_id = @user
		LEFT JOIN evaluation_drafts d ON d.form_id = f.id AND d.user_id = @user
		WHERE f.id = @form AND NOT f.is_template`, map[string]any{"form": formID, "user": userID}).Scan(&rows).Error
	if err != nil {
		return participation{}, err
	}
	if len(rows) == 0 {
		return participation{}, errEvaluationNotFound
	}
	return rows[0], nil
}

// lockFormShared takes a share lock on a cohort form; a missing form (or one deleted while we waited) is not
// found.
func lockFormShared(ctx context.Context, tx *gorm.DB, formID uuid.UUID) error {
	var ids []uuid.UUID
	if err := tx.WithContext(ctx).Raw(`SELECT id FROM evaluation_forms WHERE id = ? AND NOT is_template FOR SHARE`,
		formID).Scan(&ids).Error; err != nil {
		return err
	}
	if len(ids) == 0 {
		return errEvaluationNotFound
	}
	return nil
}

// lockParticipant serialises one person's draft saves and submits of one form until the transaction ends.
func lockParticipant(ctx context.Context, tx *gorm.DB, formID, userID uuid.UUID) error {
	return tx.WithContext(ctx).Exec(`SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`,
		"evaluation-answer:"+formID.String()+":"+userID.String()).Error
}

// writeDraft inserts the first draft (version 0) or updates the draft at version; a draft written in between
// by another tab makes it stale.
func writeDraft(ctx context.Context, tx *gorm.DB, m participation, userID uuid.UUID, version int, answers string) (Draft, error) {
	var rows []struct {
		UpdatedAt time.Time
		Version   int
	}
	var err error
	if version == 0 {
		err = tx.WithContext(ctx).Raw(`INSERT INTO evaluation_drafts (form_id, user_id, cohort_id, answers)
			VALUES (?, ?, ?, ?::jsonb) ON CONFLICT (form_id, user_id) DO NOTHING
			RETURNING updated_at, version`, m.FormID, userID, m.CohortID, answers).Scan(&rows).Error
	} else {
		err = tx.WithContext(ctx).Raw(`UPDATE evaluation_drafts SET answers = ?::jsonb, updated_at = now(), version = version + 1
			WHERE form_id = ? AND user_id = ? AND version = ? RETURNING updated_at, version`,
			answers, m.FormID, userID, version).Scan(&rows).Error
	}
	if err != nil {
		return Draft{}, err
	}
	if len(rows) == 0 {
		return Draft{}, httpio.Stale()
	}
	return Draft{UpdatedAt: rows[0].UpdatedAt, Version: rows[0].Version}, nil
}

// insertSubmission records that the user answered the form; stored is false when they already had.
func insertSubmission(ctx context.Context, tx *gorm.DB, m participation, userID uuid.UUID, idempotencyKey string) (time.Time, bool, error) {
	var at []time.Time
	var key *string
	if idempotencyKey != "" {
		key = &idempotencyKey
	}
	err := tx.WithContext(ctx).Raw(`INSERT INTO evaluation_submissions (form_id, user_id, cohort_id, idempotency_key)
		VALUES (?, ?, ?, ?) ON CONFLICT (form_id, user_id) DO NOTHING RETURNING submitted_at`,
		m.FormID, userID, m.CohortID, key).Scan(&at).Error
	if err != nil || len(at) == 0 {
		return time.Time{}, false, err
	}
	return at[0], true, nil
}

// insertResponse stores the answers as a response that refers to nobody: a random id and the Amsterdam day,
// no time and no user. Open answers are shared with the funder only when ticked. One statement for all answers.
func insertResponse(ctx context.Context, tx *gorm.DB, formID uuid.UUID, qs []FormQuestion, answers map[string]Answer) error {
	var responseID uuid.UUID
	if err := tx.WithContext(ctx).Raw(`INSERT INTO evaluation_responses (form_id, submitted_on)
		VALUES (?, (now() AT TIME ZONE 'Europe/Amsterdam')::date) RETURNING id`, formID).Row().Scan(&responseID); err != nil {
		return err
	}
	if len(answers) == 0 {
		return nil
	}
	var values []string
	var args []any
	for _, q := range qs { // in question order, not map order
		a, ok := answers[q.Key]
		if !ok {
			continue
		}
		share := q.Kind == KindText && a.ShareWithFunder != nil && *a.ShareWithFunder
		values = append(values, "(?::uuid, ?::uuid, ?::uuid, ?::text, ?::smallint, ?::text, ?::text, ?::boolean)")
		args = append(args, responseID, formID, q.ID, q.Kind, a.Value, a.Choice, a.Text, share)
	}
	return tx.WithContext(ctx).Exec(`INSERT INTO evaluation_answers (response_id, form_id, question_id, question_kind,
		scale_value, choice_value, text_value, share_with_funder) VALUES `+strings.Join(values, ", "), args...).Error
}

func deleteDraft(ctx context.Context, tx *gorm.DB, formID, userID uuid.UUID) error {
	return tx.WithContext(ctx).Exec(`DELETE FROM evaluation_drafts WHERE form_id = ? AND user_id = ?`, formID, userID).Error
}
