package datagen

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Roster is who a load generator can sign in as (every generated account has Password) and what each of them
// has to look at. Lists are in a stable order (by e-mail address).
type Roster struct {
	Participants []ParticipantAccount
	Facilitators []FacilitatorAccount
	Reviewers    []ReviewerAccount
	Admins       []Account
	// LargestProgramme has the most evaluation responses: its reviewer dashboard is the heaviest.
	LargestProgramme uuid.UUID
	// SearchWords occur in the reflections, from the most common to rarer ones.
	SearchWords []string
}

// Account is a person who can sign in.
type Account struct {
	Email  string
	UserID uuid.UUID
}

// ParticipantAccount is an active participant of a running cohort, with their newest goal (and its first step)
// and newest reflection in it; those are uuid.Nil when they have none.
type ParticipantAccount struct {
	Account
	CohortID, ProgrammeID uuid.UUID
	GoalID, StepID        uuid.UUID
	ReflectionID          uuid.UUID
}

// FacilitatorAccount facilitates running cohorts (directly or through a programme-wide grant); SessionIDs are
// their sessions that have begun and were not cancelled, newest first, at most ten per cohort: the ones whose
// attendance is taken.
type FacilitatorAccount struct {
	Account
	CohortIDs  []uuid.UUID
	SessionIDs []uuid.UUID
}

// ReviewerAccount reviews programmes for the fund.
type ReviewerAccount struct {
	Account
	ProgrammeIDs []uuid.UUID
}

// sessionsPerCohort bounds FacilitatorAccount.SessionIDs.
const sessionsPerCohort = 10

// Accounts reads the roster from the database at url.
func Accounts(ctx context.Context, url string) (Roster, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return Roster{}, fmt.Errorf("datagen: accounts: connect: %w", err)
	}
	defer conn.Close(context.Background())
	ro := Roster{SearchWords: slices.Clone(vocabulary[:60])}
	steps := []struct {
		what string
		read func(context.Context, *pgx.Conn, *Roster) error
	}{
		{"participants", readParticipants}, {"facilitators", readFacilitators}, {"reviewers", readReviewers},
		{"admins", readAdmins}, {"largest programme", readLargestProgramme},
	}
	for _, s := range steps {
		if err := s.read(ctx, conn, &ro); err != nil {
			return Roster{}, fmt.Errorf("datagen: accounts: %s: %w", s.what, err)
		}
	}
	return ro, nil
}

func readParticipants(ctx context.Context, conn *pgx.Conn, ro *Roster) error {
	rows, err := conn.Query(ctx, `
		SELECT * FROM (
			SELECT DISTINCT ON (u.id) u.email, u.id, e.cohort_id, c.programme_id,
				coalesce(g.id, '00000000-0000-0000-0000-000000000000'), coalesce(s.id, '00000000-0000-0000-0000-000000000000'),
				coalesce(r.id, '00000000-0000-0000-0000-000000000000')
			FROM enrolments e
			JOIN users u ON u.id = e.user_id
			JOIN cohorts c ON c.id = e.cohort_id
			LEFT JOIN LATERAL (SELECT id FROM learning_goals WHERE cohort_id = e.cohort_id AND user_id = u.id
				ORDER BY created_at DESC, id LIMIT 1) g ON true
			LEFT JOIN LATERAL (SELECT id FROM goal_steps WHERE goal_id = g.id ORDER BY position LIMIT 1) s ON true
			LEFT JOIN LATERAL (SELECT id FROM reflections WHERE cohort_id = e.cohort_id AND author_id = u.id
				ORDER BY written_on DESC, id LIMIT 1) r ON true
			WHERE e.status = 'active' AND c.status = 'running' AND u.erased_at IS NULL AND u.password_hash IS NOT NULL
			ORDER BY u.id, c.starts_on DESC) x
		ORDER BY email`)
	if err != nil {
		return err
	}
	ro.Participants, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (ParticipantAccount, error) {
		var p ParticipantAccount
		err := row.Scan(&p.Email, &p.UserID, &p.CohortID, &p.ProgrammeID, &p.GoalID, &p.StepID, &p.ReflectionID)
		return p, err
	})
	return err
}

func readFacilitators(ctx context.Context, conn *pgx.Conn, ro *Roster) error {
	rows, err := conn.Query(ctx, `
		SELECT u.email, u.id, array_agg(DISTINCT c.id ORDER BY c.id)
		FROM role_grants rg
		JOIN users u ON u.id = rg.user_id
		JOIN cohorts c ON (c.id = rg.cohort_id OR c.programme_id = rg.programme_id) AND c.status = 'running'
		WHERE rg.role = 'facilitator' AND u.erased_at IS NULL AND u.password_hash IS NOT NULL
		GROUP BY u.id, u.email
		ORDER BY u.email`)
	if err != nil {
		return err
	}
	ro.Facilitators, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (FacilitatorAccount, error) {
		var f FacilitatorAccount
		err := row.Scan(&f.Email, &f.UserID, &f.CohortIDs)
		return f, err
	})
	if err != nil {
		return err
	}
	rows, err = conn.Query(ctx, `
		SELECT cohort_id, id FROM (
			SELECT s.cohort_id, s.id, s.starts_at,
				row_number() OVER (PARTITION BY s.cohort_id ORDER BY s.starts_at DESC, s.id) AS n
			FROM sessions s JOIN cohorts c ON c.id = s.cohort_id
			WHERE c.status = 'running' AND s.status = 'scheduled' AND s.starts_at <= now()) x
		WHERE n <= $1
		ORDER BY cohort_id, starts_at DESC, id`, sessionsPerCohort)
	if err != nil {
		return err
	}
	sessions := map[uuid.UUID][]uuid.UUID{}
	var cohortID, sessionID uuid.UUID
	if _, err := pgx.ForEachRow(rows, []any{&cohortID, &sessionID}, func() error {
		sessions[cohortID] = append(sessions[cohortID], sessionID)
		return nil
	}); err != nil {
		return err
	}
	for i := range ro.Facilitators {
		f := &ro.Facilitators[i]
		for _, c := range f.CohortIDs {
			f.SessionIDs = append(f.SessionIDs, sessions[c]...)
		}
	}
	return nil
}

func readReviewers(ctx context.Context, conn *pgx.Conn, ro *Roster) error {
	rows, err := conn.Query(ctx, `
		SELECT u.email, u.id, array_agg(rg.programme_id ORDER BY rg.programme_id)
		FROM role_grants rg JOIN users u ON u.id = rg.user_id
		WHERE rg.role = 'reviewer' AND rg.programme_id IS NOT NULL AND u.erased_at IS NULL AND u.password_hash IS NOT NULL
		GROUP BY u.id, u.email
		ORDER BY u.email`)
	if err != nil {
		return err
	}
	ro.Reviewers, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (ReviewerAccount, error) {
		var r ReviewerAccount
		err := row.Scan(&r.Email, &r.UserID, &r.ProgrammeIDs)
		return r, err
	})
	return err
}

func readAdmins(ctx context.Context, conn *pgx.Conn, ro *Roster) error {
	rows, err := conn.Query(ctx, `SELECT email, id FROM users
		WHERE is_admin AND erased_at IS NULL AND password_hash IS NOT NULL ORDER BY email`)
	if err != nil {
		return err
	}
	ro.Admins, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Account])
	return err
}

func readLargestProgramme(ctx context.Context, conn *pgx.Conn, ro *Roster) error {
	err := conn.QueryRow(ctx, `
		SELECT p.id FROM programmes p
		LEFT JOIN evaluation_forms f ON f.programme_id = p.id
		LEFT JOIN evaluation_responses r ON r.form_id = f.id
		GROUP BY p.id
		ORDER BY count(r.id) DESC, p.id
		LIMIT 1`).Scan(&ro.LargestProgramme)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil // no programmes at all
	}
	return err
}
