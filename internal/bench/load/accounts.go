package load

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Accounts are the email addresses the virtual clients log in with, per role. Everything else a client needs
// (its cohort, goals, sessions, programmes) it finds through the API after logging in, as the SPA does.
type Accounts map[Role][]string

// accountQueries pick the people a role's requests make sense for: someone who can log in with a password
// alone (not erased, no authenticator app), participants active in a running cohort (they have a schedule and
// may write), facilitators of a running cohort, reviewers and admins. The order is a stable shuffle, so a
// sample is spread over programmes and cohorts rather than the first ones created.
var accountQueries = map[Role]string{
	Participant: `EXISTS (SELECT 1 FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id
		WHERE e.user_id = u.id AND e.status = 'active' AND c.status = 'running') AND NOT u.is_admin`,
	Facilitator: `EXISTS (SELECT 1 FROM role_grants g JOIN cohorts c
			ON c.id = g.cohort_id OR (g.cohort_id IS NULL AND c.programme_id = g.programme_id)
		WHERE g.user_id = u.id AND g.role = 'facilitator' AND c.status = 'running')`,
	Reviewer: `EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role = 'reviewer')`,
	Admin:    `u.is_admin`,
}

// LoadAccounts picks up to perRole accounts of each role from the database at url.
func LoadAccounts(ctx context.Context, url string, perRole int) (Accounts, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("load: accounts: connect: %w", err)
	}
	defer conn.Close(ctx)
	out := Accounts{}
	for _, role := range Roles {
		rows, err := conn.Query(ctx, `SELECT u.email FROM users u
			WHERE u.erased_at IS NULL AND u.password_hash IS NOT NULL
				AND NOT EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = u.id AND t.enabled_at IS NOT NULL)
				AND `+accountQueries[role]+`
			ORDER BY md5(u.id::text), u.id LIMIT $1`, perRole)
		if err != nil {
			return nil, fmt.Errorf("load: accounts of role %s: %w", role, err)
		}
		emails, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return nil, fmt.Errorf("load: accounts of role %s: %w", role, err)
		}
		out[role] = emails
	}
	return out, nil
}

// ErrNoResponses means no programme has any evaluation response, so there is no dashboard worth measuring.
var ErrNoResponses = errors.New("load: no programme has evaluation responses")

// Dashboard is the reviewer dashboard to measure on its own: the programme with the most evaluation responses,
// and who reads it (one of its reviewers, or an admin when it has none).
type Dashboard struct {
	ProgrammeID uuid.UUID
	Responses   int64
	Email       string
}

// LargestProgramme finds the programme with the most evaluation responses and a reader for its report.
func LargestProgramme(ctx context.Context, url string) (Dashboard, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return Dashboard{}, fmt.Errorf("load: largest programme: connect: %w", err)
	}
	defer conn.Close(ctx)
	var d Dashboard
	err = conn.QueryRow(ctx, `SELECT f.programme_id, count(*) FROM evaluation_responses r
		JOIN evaluation_forms f ON f.id = r.form_id
		GROUP BY f.programme_id ORDER BY count(*) DESC, f.programme_id LIMIT 1`).Scan(&d.ProgrammeID, &d.Responses)
	if errors.Is(err, pgx.ErrNoRows) {
		return Dashboard{}, ErrNoResponses
	}
	if err != nil {
		return Dashboard{}, fmt.Errorf("load: largest programme: %w", err)
	}
	err = conn.QueryRow(ctx, `SELECT u.email FROM users u
		WHERE u.erased_at IS NULL AND u.password_hash IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = u.id AND t.enabled_at IS NOT NULL)
			AND (EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role = 'reviewer' AND g.programme_id = $1)
				OR u.is_admin)
		ORDER BY u.is_admin, u.email LIMIT 1`, d.ProgrammeID).Scan(&d.Email)
	if errors.Is(err, pgx.ErrNoRows) {
		return Dashboard{}, fmt.Errorf("load: nobody may read the report of programme %s", d.ProgrammeID)
	}
	if err != nil {
		return Dashboard{}, fmt.Errorf("load: reader of programme %s: %w", d.ProgrammeID, err)
	}
	return d, nil
}
