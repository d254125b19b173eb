// Package retention removes what participants wrote in a cohort once it has been archived long enough: their
// learning goals (with steps, aspects and links) and reflections (with comments). Before that, each of them is
// mailed a notice with the date and a link to download their data first; the purge never comes sooner than the
// notice period after the notice. What the programme's figures and the public rest on stays: enrolments,
// attendance, evaluation data and portraits.
//
// A pass (Service.Run) is one transaction under an advisory lock, so that with many replicas one works at a time
// and nobody is noticed twice; a Worker runs a pass at start and then every hour.
package retention

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/audit"
	"github.com/vgs/leergang/internal/config"
	"github.com/vgs/leergang/internal/mail"
	"github.com/vgs/leergang/internal/nltime"
)

// Rule is how long an archived cohort's goals and reflections are kept, and how long before the purge their
// authors hear of it.
type Rule struct {
	Months     int
	NoticeDays int
}

// DueAt is when the retention period of a cohort archived at archivedAt is over (months counted in Amsterdam).
func (r Rule) DueAt(archivedAt time.Time) time.Time {
	return archivedAt.In(nltime.Amsterdam).AddDate(0, r.Months, 0)
}

// noticeFrom is when the notice goes out: the notice period before DueAt.
func (r Rule) noticeFrom(archivedAt time.Time) time.Time {
	return r.DueAt(archivedAt).AddDate(0, 0, -r.NoticeDays)
}

// purgeOn is when the purge runs for a notice sent at now: DueAt, or a full notice period after the notice when
// that is later (the cohort was archived long ago, or the worker did not run for a while).
func (r Rule) purgeOn(archivedAt, now time.Time) time.Time {
	earliest := now.In(nltime.Amsterdam).AddDate(0, 0, r.NoticeDays)
	if due := r.DueAt(archivedAt); due.After(earliest) {
		return due
	}
	return earliest
}

// Options configure a Service.
type Options struct {
	Rule
	// BaseURL is the product's public URL, for the link in the notice.
	BaseURL string
}

// OptionsFrom takes the rule and the base URL from the configuration.
func OptionsFrom(cfg config.Config) Options {
	return Options{Rule: Rule{Months: cfg.RetentionMonths, NoticeDays: cfg.RetentionNoticeDays}, BaseURL: cfg.BaseURL}
}

// Service notices and purges (Run) and shows admins where each archived cohort stands (Overview).
type Service struct {
	db      *gorm.DB
	rule    Rule
	baseURL string
}

// NewService wires the service.
func NewService(db *gorm.DB, o Options) *Service {
	return &Service{db: db, rule: o.Rule, baseURL: strings.TrimRight(o.BaseURL, "/")}
}

// Result is what one pass did.
type Result struct {
	// Skipped: another replica was running a pass; this one did nothing.
	Skipped bool
	// Noticed are the cohorts whose notice went out, Mailed the notices queued; Purged the cohorts purged.
	Noticed []uuid.UUID
	Mailed  int
	Purged  []uuid.UUID
	// SignInRecordsDeleted counts ended login sessions' tokens and old second-factor challenges removed.
	SignInRecordsDeleted int64
	// IdempotencyKeysDeleted counts Idempotency-Keys (with their stored answers) older than idempotencyKeysKept.
	IdempotencyKeysDeleted int64
}

// signInRecordsKept is how long the tokens of an ended login (with their browser and client address) and spent
// login challenges are kept: long enough to look into an incident, no longer (docs/security.md, register).
const signInRecordsKept = 30 * 24 * time.Hour

// idempotencyKeysKept is how long a retry with the same Idempotency-Key gets the stored answer (api/openapi.yaml,
// IdempotencyKey); a client retries within seconds or minutes. Keys still "in progress" go too: their request
// never finished, and nobody is waiting on them after a day.
const idempotencyKeysKept = 24 * time.Hour

// lockKey names the pass's advisory lock.
const lockKey = "leergang.retention"

// Run does one pass at now: notices for cohorts that reached their notice date, purges for those whose purge
// date has come. Each cohort is done in a savepoint, so one that fails (and is reported in the error) does not
// hold up the others; it is tried again in the next pass.
func (s *Service) Run(ctx context.Context, now time.Time) (Result, error) {
	var res Result
	var errs []error
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var locked bool
		if err := tx.Raw(`SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))`, lockKey).Row().Scan(&locked); err != nil {
			return fmt.Errorf("retention: lock: %w", err)
		}
		if !locked {
			res.Skipped = true
			return nil
		}
		due, err := s.dueForNotice(tx, now)
		if err != nil {
			return err
		}
		for _, c := range due {
			var mailed int
			err := tx.Transaction(func(sp *gorm.DB) error {
				var err error
				mailed, err = s.notice(ctx, sp, c, now)
				return err
			})
			if err != nil {
				errs = append(errs, fmt.Errorf("retention: notice for cohort %s: %w", c.ID, err))
				continue
			}
			res.Noticed, res.Mailed = append(res.Noticed, c.ID), res.Mailed+mailed
		}
		// A login lasts at most hours (LEERGANG_SESSION_MAX_AGE), so a token that expired a month ago belongs to
		// a login that ended long since: nothing still needs it, not even the session's start time.
		cutoff := now.Add(-signInRecordsKept)
		for _, stmt := range []string{
			`DELETE FROM refresh_tokens WHERE expires_at < ?`,
			`DELETE FROM login_challenges WHERE expires_at < ?`,
		} {
			r := tx.Exec(stmt, cutoff)
			if r.Error != nil {
				return fmt.Errorf("retention: sign-in records: %w", r.Error)
			}
			res.SignInRecordsDeleted += r.RowsAffected
		}
		r := tx.Exec(`DELETE FROM idempotency_keys WHERE created_at < ?`, now.Add(-idempotencyKeysKept))
		if r.Error != nil {
			return fmt.Errorf("retention: idempotency keys: %w", r.Error)
		}
		res.IdempotencyKeysDeleted = r.RowsAffected
		purge, err := s.dueForPurge(tx, now)
		if err != nil {
			return err
		}
		for _, id := range purge {
			if err := tx.Transaction(func(sp *gorm.DB) error { return s.purge(ctx, sp, id, now) }); err != nil {
				errs = append(errs, fmt.Errorf("retention: purge of cohort %s: %w", id, err))
				continue
			}
			res.Purged = append(res.Purged, id)
		}
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	return res, errors.Join(errs...)
}

type archivedCohort struct {
	ID            uuid.UUID
	Name          string
	ProgrammeName string
	ArchivedAt    time.Time
}

// dueForNotice returns the archived cohorts without a notice whose notice date has come. Archived cohorts are
// few (a handful a year), so the rule is applied here rather than repeated in SQL.
func (s *Service) dueForNotice(tx *gorm.DB, now time.Time) ([]archivedCohort, error) {
	var all []archivedCohort
	err := tx.Raw(`SELECT c.id, c.name, p.name AS programme_name, c.archived_at
		FROM cohorts c JOIN programmes p ON p.id = c.programme_id
		WHERE c.status = 'archived' AND NOT EXISTS (SELECT 1 FROM cohort_retention r WHERE r.cohort_id = c.id)
		ORDER BY c.archived_at, c.id`).Scan(&all).Error
	if err != nil {
		return nil, fmt.Errorf("retention: archived cohorts: %w", err)
	}
	return slices.DeleteFunc(all, func(c archivedCohort) bool { return now.Before(s.rule.noticeFrom(c.ArchivedAt)) }), nil
}

// author is a participant of a cohort with what the purge would remove of theirs.
type author struct {
	UserID      uuid.UUID
	Name, Email string
	Goals       int
	Reflections int
}

// notice records the notice and queues a mail to every participant (withdrawn ones too) who has goals or
// reflections in the cohort, in tx. It returns how many mails it queued.
func (s *Service) notice(ctx context.Context, tx *gorm.DB, c archivedCohort, now time.Time) (int, error) {
	purgeOn := s.rule.purgeOn(c.ArchivedAt, now)
	var authors []author
	err := tx.Raw(`SELECT * FROM (
			SELECT u.id AS user_id, u.name, u.email,
				(SELECT count(*) FROM learning_goals g WHERE g.cohort_id = e.cohort_id AND g.user_id = e.user_id) AS goals,
				(SELECT count(*) FROM reflections r WHERE r.cohort_id = e.cohort_id AND r.author_id = e.user_id) AS reflections
			FROM enrolments e JOIN users u ON u.id = e.user_id
			WHERE e.cohort_id = ? AND u.erased_at IS NULL) x
		WHERE goals + reflections > 0
		ORDER BY name, user_id`, c.ID).Scan(&authors).Error
	if err != nil {
		return 0, fmt.Errorf("participants: %w", err)
	}
	res := tx.Exec(`INSERT INTO cohort_retention (cohort_id, notice_sent_at, purge_on, participants_noticed)
		VALUES (?, ?, ?, ?) ON CONFLICT (cohort_id) DO NOTHING`, c.ID, now, purgeOn, len(authors))
	if res.Error != nil {
		return 0, fmt.Errorf("record notice: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return 0, nil // noticed meanwhile (the lock makes this unlikely; the row makes it harmless)
	}
	for _, a := range authors {
		if err := mail.Enqueue(tx, s.noticeMail(c, a, purgeOn)); err != nil {
			return 0, err
		}
	}
	err = audit.Record(ctx, tx, audit.Entry{Action: "retention.noticed", ObjectType: "cohort", ObjectID: c.ID.String(),
		Detail: map[string]any{"participants": len(authors)}})
	return len(authors), err
}

func (s *Service) noticeMail(c archivedCohort, a author, purgeOn time.Time) mail.Message {
	var what []string
	if a.Goals > 0 {
		what = append(what, fmt.Sprintf("- %s van u, met de stappen;", plural(a.Goals, "leerdoel", "leerdoelen")))
	}
	if a.Reflections > 0 {
		what = append(what, fmt.Sprintf("- %s van u, met de reacties erop.", plural(a.Reflections, "reflectie", "reflecties")))
	}
	cohort := fmt.Sprintf("de %s, groep %s", c.ProgrammeName, c.Name)
	return mail.Message{To: a.Email, ToName: a.Name, Kind: "retention.notice",
		DedupeKey: fmt.Sprintf("retention-notice:%s:%s", c.ID, a.UserID),
		Subject:   fmt.Sprintf("Uw leerdoelen en reflecties in Leergang worden op %s verwijderd", nltime.Date(purgeOn)),
		Text: fmt.Sprintf("Beste %s,\n\n"+
			"U was deelnemer van %s. Deze groep is op %s gearchiveerd. Leerdoelen en reflecties van een "+
			"gearchiveerde groep bewaren wij %d maanden; daarna verwijderen wij ze.\n\n"+
			"Op %s verwijderen wij uit deze groep:\n%s\n\n"+
			"Wilt u ze bewaren? Download dan vóór die datum uw gegevens op %s/mijn-gegevens.\n\n"+
			"Uw inschrijving, uw aanwezigheid, de evaluaties en een gepubliceerd portret blijven bewaard.\n\n"+
			"Met vriendelijke groet,\n\nLeergang — Vereniging van Gemeentesecretarissen en A&O-fonds Gemeenten\n",
			a.Name, cohort, nltime.Date(c.ArchivedAt), s.rule.Months, nltime.Date(purgeOn), strings.Join(what, "\n"),
			s.baseURL),
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// dueForPurge returns the noticed cohorts whose purge date has come, locked for the pass.
func (s *Service) dueForPurge(tx *gorm.DB, now time.Time) ([]uuid.UUID, error) {
	var ids []struct{ CohortID uuid.UUID }
	err := tx.Raw(`SELECT cohort_id FROM cohort_retention WHERE purged_at IS NULL AND purge_on <= ?
		ORDER BY purge_on, cohort_id FOR UPDATE`, now).Scan(&ids).Error
	if err != nil {
		return nil, fmt.Errorf("retention: due purges: %w", err)
	}
	out := make([]uuid.UUID, len(ids))
	for i, r := range ids {
		out[i] = r.CohortID
	}
	return out, nil
}

// purge deletes the cohort's goals and reflections in tx, each kind explicitly so that it is counted exactly;
// aspects and links go with them by ON DELETE CASCADE (migrations/00003_learning.sql). The log gets a line for
// the cohort and one for each participant whose data went, which they see in their own access log.
func (s *Service) purge(ctx context.Context, tx *gorm.DB, cohortID uuid.UUID, now time.Time) error {
	type owner struct{ UserID uuid.UUID }
	comments := tx.Exec(`DELETE FROM reflection_comments rc USING reflections r
		WHERE r.id = rc.reflection_id AND r.cohort_id = ?`, cohortID)
	if comments.Error != nil {
		return fmt.Errorf("comments: %w", comments.Error)
	}
	var reflections, goals []owner
	if err := tx.Raw(`DELETE FROM reflections WHERE cohort_id = ? RETURNING author_id AS user_id`, cohortID).
		Scan(&reflections).Error; err != nil {
		return fmt.Errorf("reflections: %w", err)
	}
	steps := tx.Exec(`DELETE FROM goal_steps s USING learning_goals g WHERE g.id = s.goal_id AND g.cohort_id = ?`, cohortID)
	if steps.Error != nil {
		return fmt.Errorf("goal steps: %w", steps.Error)
	}
	if err := tx.Raw(`DELETE FROM learning_goals WHERE cohort_id = ? RETURNING user_id`, cohortID).Scan(&goals).Error; err != nil {
		return fmt.Errorf("goals: %w", err)
	}

	type counts struct{ goals, reflections int }
	per := map[uuid.UUID]*counts{}
	count := func(rows []owner, add func(*counts)) {
		for _, r := range rows {
			if per[r.UserID] == nil {
				per[r.UserID] = &counts{}
			}
			add(per[r.UserID])
		}
	}
	count(goals, func(c *counts) { c.goals++ })
	count(reflections, func(c *counts) { c.reflections++ })
	people := make([]uuid.UUID, 0, len(per))
	for id := range per {
		people = append(people, id)
	}
	slices.SortFunc(people, func(a, b uuid.UUID) int { return strings.Compare(a.String(), b.String()) })

	if err := tx.Exec(`UPDATE cohort_retention SET purged_at = ?, goals_purged = ?, goal_steps_purged = ?,
			reflections_purged = ?, comments_purged = ?, participants_purged = ?
		WHERE cohort_id = ?`, now, len(goals), steps.RowsAffected, len(reflections), comments.RowsAffected,
		len(people), cohortID).Error; err != nil {
		return fmt.Errorf("record purge: %w", err)
	}
	entries := []audit.Entry{{Action: "retention.purged", ObjectType: "cohort", ObjectID: cohortID.String(),
		Detail: map[string]any{"goals": len(goals), "goalSteps": steps.RowsAffected, "reflections": len(reflections),
			"comments": comments.RowsAffected, "participants": len(people)}}}
	for _, id := range people {
		entries = append(entries, audit.Entry{SubjectID: audit.Ptr(id), Action: "retention.purged", ObjectType: "cohort",
			ObjectID: cohortID.String(), Detail: map[string]any{"goals": per[id].goals, "reflections": per[id].reflections}})
	}
	return audit.Record(ctx, tx, entries...)
}
