package evaluation

import (
	"context"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

type progressCountsRow struct {
	Invited  int
	Answered int
}

// progressCounts counts those invited to a cohort form and, of them, those who answered.
func progressCounts(ctx context.Context, db *gorm.DB, formID, cohortID uuid.UUID) (progressCountsRow, error) {
	var c progressCountsRow
	err := db.WithContext(ctx).Raw(`SELECT
			(SELECT count(*) FROM enrolments e WHERE e.cohort_id = @cohort AND `+invitedSQL+`) AS invited,
			(SELECT count(*) FROM evaluation_submissions es
				JOIN enrolments e ON e.cohort_id = es.cohort_id AND e.user_id = es.user_id
				WHERE es.form_id = @form AND `+invitedSQL+`) AS answered`,
		map[string]any{"form": formID, "cohort": cohortID}).Scan(&c).Error
	return c, err
}

type notAnsweredRow struct {
	UserID        uuid.UUID
	Name          string
	Email         string
	Gemeente      string
	RemindedToday bool
}

// notAnsweredOf lists the invited participants without a submission, by name, and whether a reminder for the
// form was queued for them on day (by its dedupe key, see reminderKey). Erased people stay counted as invited
// (figures stay true) but are nobody to name or remind.
func notAnsweredOf(ctx context.Context, db *gorm.DB, formID, cohortID uuid.UUID, day string) ([]notAnsweredRow, error) {
	out := []notAnsweredRow{}
	err := db.WithContext(ctx).Raw(`SELECT u.id AS user_id, u.name, u.email, e.gemeente,
			EXISTS (SELECT 1 FROM outbox o
				WHERE o.dedupe_key = CAST(@prefix AS text) || u.id::text || ':' || CAST(@day AS text)) AS reminded_today
		FROM enrolments e JOIN users u ON u.id = e.user_id
		WHERE e.cohort_id = @cohort AND `+invitedSQL+` AND u.erased_at IS NULL
			AND NOT EXISTS (SELECT 1 FROM evaluation_submissions es WHERE es.form_id = @form AND es.user_id = e.user_id)
		ORDER BY lower(u.name), u.id`,
		map[string]any{"form": formID, "cohort": cohortID, "day": day, "prefix": reminderKeyPrefix(formID)}).Scan(&out).Error
	return out, err
}

// reminderContext is what a reminder mail names besides the form: the programme, the cohort and who sends it.
type reminderContext struct {
	ProgrammeName string
	CohortName    string
	SenderName    string
}

func reminderContextOf(ctx context.Context, db *gorm.DB, formID, senderID uuid.UUID) (reminderContext, error) {
	var m reminderContext
	err := db.WithContext(ctx).Raw(`SELECT p.name AS programme_name, c.name AS cohort_name,
			(SELECT name FROM users WHERE id = ?) AS sender_name
		FROM evaluation_forms f JOIN cohorts c ON c.id = f.cohort_id JOIN programmes p ON p.id = c.programme_id
		WHERE f.id = ?`, senderID, formID).Scan(&m).Error
	return m, err
}
