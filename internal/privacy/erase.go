package privacy

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/audit"
)

// EraseRequest repeats the person's email address, so that nobody is erased by a slip of the mouse.
type EraseRequest struct {
	ConfirmEmail *string `json:"confirmEmail"`
}

// ErasureReport says what was removed, counted per kind.
type ErasureReport struct {
	UserID     uuid.UUID      `json:"userId"`
	Removed    map[string]int `json:"removed"`
	Anonymised map[string]int `json:"anonymised"`
}

var errNotEraser = apperror.Newf(apperror.Forbidden, "Geen toegang", "Alleen beheerders kunnen iemand verwijderen.")

// CheckEraser refuses anyone who may not erase people; handlers call it before they report a malformed id.
func (s *Service) CheckEraser(p *access.Principal) error {
	switch {
	case p == nil:
		return errUnauthenticated
	case !p.CanErasePeople():
		return errNotEraser
	}
	return nil
}

// erasure is one kind of personal data, deleted explicitly so that it can be counted exactly. Children come
// before their parents; what is left (links between rows, aspect tags) goes with its parent by ON DELETE CASCADE.
type erasure struct {
	kind string
	sql  string
}

var erasures = []erasure{
	// Comments by the person anywhere, and everyone's comments on the person's reflections.
	{"comments", `DELETE FROM reflection_comments WHERE author_id = @u
		OR reflection_id IN (SELECT id FROM reflections WHERE author_id = @u)`},
	{"reflections", `DELETE FROM reflections WHERE author_id = @u`},
	{"goalSteps", `DELETE FROM goal_steps s USING learning_goals g WHERE g.id = s.goal_id AND g.user_id = @u`},
	{"goals", `DELETE FROM learning_goals WHERE user_id = @u`},
	{"portraits", `DELETE FROM portraits WHERE user_id = @u`},
	{"evaluationDrafts", `DELETE FROM evaluation_drafts WHERE user_id = @u`},
	{"roleGrants", `DELETE FROM role_grants WHERE user_id = @u`},
	{"sessionFacilitations", `DELETE FROM session_facilitators WHERE user_id = @u`},
	{"refreshTokens", `DELETE FROM refresh_tokens WHERE user_id = @u`},
	{"secondFactors", `DELETE FROM user_totp WHERE user_id = @u`},
	{"recoveryCodes", `DELETE FROM recovery_codes WHERE user_id = @u`},
	{"loginChallenges", `DELETE FROM login_challenges WHERE user_id = @u`},
	{"invitations", `DELETE FROM invitations WHERE user_id = @u`},
	{"calendarFeeds", `DELETE FROM calendar_feeds WHERE user_id = @u`},
	{"mails", `DELETE FROM outbox WHERE to_address = @email`},
	// Their Idempotency-Keys with the stored answers, which hold what they wrote (the account stays as a
	// tombstone, so the foreign key's cascade never fires).
	{"idempotencyKeys", `DELETE FROM idempotency_keys WHERE user_id = @u`},
}

// anonymisations keep the rows that programme figures count (who was enrolled, attended, answered a form,
// chose an elective) but strip what identifies the person: the account they point to becomes a nameless
// tombstone, and the enrolment loses municipality and job title (in a cohort of eight, "the secretary of Kampen"
// is a name). So a cohort of 2021 still had eight participants and its response rates stay true.
var anonymisations = []erasure{
	{"enrolments", `UPDATE enrolments SET gemeente = '', job_title = '',
		withdrawn_at = CASE WHEN status = 'active' THEN now() ELSE withdrawn_at END,
		status = CASE WHEN status = 'active' THEN 'withdrawn' ELSE status END,
		updated_at = now(), version = version + 1
		WHERE user_id = @u`},
	// Others' stored answers that name them (an enrolment, a new account, a grant): the answer goes, the key
	// stays done, so a retry within its 24 hours hears "already done" and still creates nothing twice. Answers
	// are JSON, in which an id or an email address appears as is.
	{"idempotencyAnswers", `UPDATE idempotency_keys SET body = NULL
		WHERE body IS NOT NULL AND (position(convert_to(CAST(@u AS text), 'UTF8') IN body) > 0
			OR position(convert_to(@email, 'UTF8') IN body) > 0)`},
}

// kept are counted for the report: they stay as they are and refer to the tombstone.
var kept = []erasure{
	{"attendance", `SELECT count(*) FROM attendance WHERE user_id = @u`},
	{"evaluationSubmissions", `SELECT count(*) FROM evaluation_submissions WHERE user_id = @u`},
	{"moduleChoices", `SELECT count(*) FROM module_option_choices WHERE user_id = @u`},
}

// Erase removes a person's personal data in one transaction (AVG art. 17): their own content is deleted, the
// account becomes a tombstone without name, email or password, and the rows that figures count are kept but
// point at nobody identifiable. The audit log keeps its lines, which hold no content, and gains one saying who
// erased whom, with the counts.
func (s *Service) Erase(ctx context.Context, p *access.Principal, userID uuid.UUID, in EraseRequest) (ErasureReport, error) {
	if err := s.CheckEraser(p); err != nil {
		return ErasureReport{}, err
	}
	report := ErasureReport{UserID: userID, Removed: map[string]int{}, Anonymised: map[string]int{}}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// The row lock keeps new rows that refer to the person from appearing while they are erased.
		var email string
		res := tx.Raw(`SELECT email FROM users WHERE id = ? AND erased_at IS NULL FOR UPDATE`, userID).Scan(&email)
		if res.Error != nil {
			return fmt.Errorf("privacy: erase %s: %w", userID, res.Error)
		}
		if res.RowsAffected == 0 {
			return apperror.Newf(apperror.NotFound, "Persoon niet gevonden", "Deze persoon bestaat niet (meer).")
		}
		if userID == p.UserID {
			return apperror.Newf(apperror.Conflict, "U kunt uzelf niet verwijderen",
				"Laat een andere beheerder uw account verwijderen.")
		}
		confirm := ""
		if in.ConfirmEmail != nil {
			confirm = strings.ToLower(strings.TrimSpace(*in.ConfirmEmail))
		}
		if confirm != email {
			var v apperror.Validation
			if confirm == "" {
				v.Add("confirmEmail", "required", "Typ ter bevestiging het e-mailadres van deze persoon.")
			} else {
				v.Add("confirmEmail", "mismatch", "Dit is niet het e-mailadres van deze persoon.")
			}
			return v.Err()
		}
		args := map[string]any{"u": userID, "email": email}
		for _, e := range erasures {
			res := tx.Exec(e.sql, args)
			if res.Error != nil {
				return fmt.Errorf("privacy: erase %s of %s: %w", e.kind, userID, res.Error)
			}
			report.Removed[e.kind] = int(res.RowsAffected)
		}
		for _, e := range anonymisations {
			res := tx.Exec(e.sql, args)
			if res.Error != nil {
				return fmt.Errorf("privacy: anonymise %s of %s: %w", e.kind, userID, res.Error)
			}
			report.Anonymised[e.kind] = int(res.RowsAffected)
		}
		for _, e := range kept {
			var n int
			if err := tx.Raw(e.sql, args).Scan(&n).Error; err != nil {
				return fmt.Errorf("privacy: count %s of %s: %w", e.kind, userID, err)
			}
			report.Anonymised[e.kind] = n
		}
		// The tombstone: the id stays so that kept rows and audit lines still refer to one (nameless) person.
		if err := tx.Exec(`UPDATE users SET email = 'verwijderd-' || id || '@leergang.invalid',
				name = 'Verwijderde gebruiker', password_hash = NULL, is_admin = false, locale = 'nl',
				erased_at = now(), updated_at = now(), version = version + 1
			WHERE id = ?`, userID).Error; err != nil {
			return fmt.Errorf("privacy: erase user %s: %w", userID, err)
		}
		detail := map[string]any{"removed": report.Removed, "anonymised": report.Anonymised}
		return audit.Record(ctx, tx, audit.Entry{ActorID: &p.UserID, SubjectID: &userID, Action: "user.erased",
			ObjectType: "user", ObjectID: userID.String(), Detail: detail})
	})
	if err != nil {
		return ErasureReport{}, err
	}
	return report, nil
}
