package evaluation

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
)

var errCohortNotFound = apperror.Newf(apperror.NotFound, "Niet gevonden", "Deze groep bestaat niet.")

// invitedSQL says who is asked to answer a cohort's forms: its participants, active or completed (not
// withdrawn). Needs enrolments as e.
const invitedSQL = `e.status IN ('active', 'completed')`

// cohortInfo is what the rules need to know about a cohort.
type cohortInfo struct {
	ID          uuid.UUID
	ProgrammeID uuid.UUID
	Name        string
	Status      string
}

// cohortByID loads a cohort; lock takes a row lock that orders the changes to its forms (FOR NO KEY UPDATE, so
// that rows referring to the cohort can still be written meanwhile).
func cohortByID(ctx context.Context, db *gorm.DB, id uuid.UUID, lock bool) (cohortInfo, error) {
	q := `SELECT id, programme_id, name, status FROM cohorts WHERE id = ?`
	if lock {
		q += ` FOR NO KEY UPDATE`
	}
	var c cohortInfo
	res := db.WithContext(ctx).Raw(q, id).Scan(&c)
	if res.Error != nil {
		return cohortInfo{}, fmt.Errorf("evaluation: cohort %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return cohortInfo{}, errCohortNotFound
	}
	return c, nil
}

type templateInfo struct {
	ID          uuid.UUID
	ProgrammeID uuid.UUID
	IsTemplate  bool
	Title       string
}

// templateForAttach loads the form to copy, or nil. The key-share lock keeps it from being deleted until the
// copy, which refers to it, is committed.
func templateForAttach(ctx context.Context, tx *gorm.DB, id uuid.UUID) (*templateInfo, error) {
	var rows []templateInfo
	if err := tx.WithContext(ctx).Raw(`SELECT id, programme_id, is_template, title FROM evaluation_forms WHERE id = ?
		FOR KEY SHARE`, id).Scan(&rows).Error; err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil
	}
	return &rows[0], nil
}

// sessionStatusInCohort returns the session's status, or "" when it is not a session of the cohort.
func sessionStatusInCohort(ctx context.Context, tx *gorm.DB, sessionID, cohortID uuid.UUID) (string, error) {
	var status []string
	err := tx.WithContext(ctx).Raw(`SELECT status FROM sessions WHERE id = ? AND cohort_id = ? FOR KEY SHARE`,
		sessionID, cohortID).Scan(&status).Error
	if err != nil || len(status) == 0 {
		return "", err
	}
	return status[0], nil
}

func moduleInCohort(ctx context.Context, tx *gorm.DB, moduleID, cohortID uuid.UUID) (bool, error) {
	var ids []uuid.UUID
	err := tx.WithContext(ctx).Raw(`SELECT id FROM modules WHERE id = ? AND cohort_id = ? FOR KEY SHARE`,
		moduleID, cohortID).Scan(&ids).Error
	return len(ids) > 0, err
}

// attachedAlready reports a copy of the same template on the same target whose period overlaps the plan's: a
// double click, or twice the same evaluation open for the same participants. The same template again in
// another period (a mid-term and a closing evaluation) is fine.
func attachedAlready(ctx context.Context, tx *gorm.DB, cohortID uuid.UUID, plan attachPlan) (bool, error) {
	var n int64
	err := tx.WithContext(ctx).Raw(`SELECT count(*) FROM evaluation_forms
		WHERE cohort_id = ? AND copied_from_form_id = ? AND scope = ?
			AND session_id IS NOT DISTINCT FROM ? AND module_id IS NOT DISTINCT FROM ?
			AND opens_at < ? AND ? < closes_at`,
		cohortID, plan.templateID, plan.scope, plan.sessionID, plan.moduleID, plan.closesAt, plan.opensAt).Scan(&n).Error
	return n > 0, err
}

// insertCohortForm copies the template and its questions (same keys) as a form of the cohort.
func insertCohortForm(tx *gorm.DB, c cohortInfo, plan attachPlan, by uuid.UUID) (uuid.UUID, error) {
	var id uuid.UUID
	if err := tx.Raw(`INSERT INTO evaluation_forms (programme_id, cohort_id, scope, session_id, module_id, title,
			description, revision, opens_at, closes_at, copied_from_form_id, created_by)
		SELECT programme_id, ?::uuid, ?::text, ?::uuid, ?::uuid, ?::text, description, revision, ?::timestamptz,
			?::timestamptz, id, ?::uuid
		FROM evaluation_forms WHERE id = ? RETURNING id`,
		c.ID, plan.scope, plan.sessionID, plan.moduleID, plan.title, plan.opensAt, plan.closesAt, by,
		plan.templateID).Row().Scan(&id); err != nil {
		return uuid.Nil, err
	}
	err := tx.Exec(`INSERT INTO evaluation_questions (form_id, position, key, kind, prompt, help_text, required, options)
		SELECT ?::uuid, position, key, kind, prompt, help_text, required, options
		FROM evaluation_questions WHERE form_id = ?`, id, plan.templateID).Error
	return id, err
}

// cohortFormsOf lists the cohort's forms with the number invited and, of those, the number that answered (a
// participant who answered and then withdrew is no longer counted in either, so the rate stays within 0–1).
func cohortFormsOf(ctx context.Context, db *gorm.DB, cohortID uuid.UUID) ([]CohortFormSummary, error) {
	out := []CohortFormSummary{}
	err := db.WithContext(ctx).Raw(`SELECT f.id, f.title, f.scope, f.session_id, f.module_id,
			`+targetTitleSQL+` AS target_title, f.opens_at, f.closes_at, `+stateSQL+` AS state,
			f.copied_from_form_id, f.version,
			(SELECT count(*) FROM enrolments e WHERE e.cohort_id = f.cohort_id AND `+invitedSQL+`) AS invited,
			(SELECT count(*) FROM evaluation_submissions es
				JOIN enrolments e ON e.cohort_id = es.cohort_id AND e.user_id = es.user_id
				WHERE es.form_id = f.id AND `+invitedSQL+`) AS answered
		FROM evaluation_forms f
		JOIN cohorts c ON c.id = f.cohort_id
		LEFT JOIN sessions s ON s.id = f.session_id
		LEFT JOIN modules m ON m.id = f.module_id
		WHERE f.cohort_id = ? AND NOT f.is_template
		ORDER BY f.opens_at, f.closes_at, lower(f.title), f.id`, cohortID).Scan(&out).Error
	return out, err
}

// copiesOf counts the cohort forms copied from a template.
func copiesOf(ctx context.Context, db *gorm.DB, templateID uuid.UUID) (int64, error) {
	var n int64
	err := db.WithContext(ctx).Raw(`SELECT count(*) FROM evaluation_forms WHERE copied_from_form_id = ? AND NOT is_template`,
		templateID).Scan(&n).Error
	return n, err
}
