package baseline

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// participantGoals is goals.ParticipantGoals.
type participantGoals struct {
	CohortID    uuid.UUID    `json:"cohortId"`
	Participant personRef    `json:"participant"`
	Modules     []goalModule `json:"modules"`
	Goals       []goal       `json:"goals"`
}

type goalModule struct {
	ID       uuid.UUID `json:"id"`
	Position int       `json:"position"`
	Title    string    `json:"title"`
}

type goal struct {
	ID              uuid.UUID    `json:"id"`
	CohortID        uuid.UUID    `json:"cohortId"`
	Owner           personRef    `json:"owner"`
	ModuleID        *uuid.UUID   `json:"moduleId"`
	ModuleTitle     *string      `json:"moduleTitle"`
	Title           string       `json:"title"`
	Description     string       `json:"description"`
	SuccessCriteria string       `json:"successCriteria"`
	Status          string       `json:"status"`
	TargetDate      *string      `json:"targetDate"`
	Aspects         []goalAspect `json:"aspects"`
	Steps           []goalStep   `json:"steps"`
	StepsDone       int          `json:"stepsDone"`
	StepsTotal      int          `json:"stepsTotal"`
	CreatedAt       time.Time    `json:"createdAt"`
	UpdatedAt       time.Time    `json:"updatedAt"`
	Version         int          `json:"version"`
}

type goalAspect struct {
	Key      string `json:"key"`
	Label    string `json:"label"`
	GroupKey string `json:"groupKey"`
}

type goalStep struct {
	ID       uuid.UUID  `json:"id"`
	Position int        `json:"position"`
	Title    string     `json:"title"`
	Done     bool       `json:"done"`
	DoneAt   *time.Time `json:"doneAt"`
}

// goalsRoute is the route the product's audit entries name (the Echo path template).
const goalsRoute = "GET /api/v1/cohorts/:cohortID/participants/:userID/goals"

// participantGoals is GET /api/v1/cohorts/{cohortID}/participants/{userID}/goals (goals.Service.ParticipantGoals):
// in one transaction the cohort, the access check, the enrolment, the modules, the goals with their aspects and
// steps, and for a read by staff an audit entry.
func (s *server) participantGoals(c *call) (any, error) {
	cohortID, err := pathUUID(c, "cohortID")
	if err != nil {
		return nil, err
	}
	userID, err := pathUUID(c, "userID")
	if err != nil {
		return nil, err
	}
	var out participantGoals
	err = pgx.BeginFunc(c.r.Context(), s.db, func(tx pgx.Tx) error {
		var err error
		out, err = s.participantGoalsIn(c, tx, cohortID, userID)
		return err
	})
	return out, err
}

func (s *server) participantGoalsIn(c *call, tx pgx.Tx, cohortID, userID uuid.UUID) (participantGoals, error) {
	ctx, p := c.r.Context(), c.p
	// The product's cohorts.Find, status and framework included.
	var programmeID uuid.UUID
	var status string
	var frameworkID *uuid.UUID
	out := participantGoals{}
	err := tx.QueryRow(ctx, `SELECT c.id, c.programme_id, c.status, p.framework_id
		FROM cohorts c JOIN programmes p ON p.id = c.programme_id WHERE c.id = $1`, cohortID).
		Scan(&out.CohortID, &programmeID, &status, &frameworkID)
	if isNoRows(err) {
		return participantGoals{}, notFound("Groep niet gevonden", "")
	}
	if err != nil {
		return participantGoals{}, fmt.Errorf("baseline: cohort %s: %w", cohortID, err)
	}
	if p.userID != userID && !p.isAdmin && !p.inCohort("facilitator", programmeID, cohortID) {
		return participantGoals{}, forbidden("De leerdoelen van een deelnemer zijn alleen voor de deelnemer zelf, " +
			"de begeleiders van de groep en beheerders.")
	}
	err = tx.QueryRow(ctx, `SELECT u.id, u.name FROM enrolments e JOIN users u ON u.id = e.user_id
		WHERE e.cohort_id = $1 AND e.user_id = $2`, cohortID, userID).Scan(&out.Participant.ID, &out.Participant.Name)
	if isNoRows(err) {
		return participantGoals{}, notFound("Deelnemer niet gevonden", "Deze persoon neemt niet deel aan deze groep.")
	}
	if err != nil {
		return participantGoals{}, fmt.Errorf("baseline: enrolment of %s in %s: %w", userID, cohortID, err)
	}
	if out.Modules, err = goalModules(ctx, tx, cohortID); err != nil {
		return participantGoals{}, err
	}
	if out.Goals, err = goalsOf(ctx, tx, cohortID, userID); err != nil {
		return participantGoals{}, err
	}
	if p.userID != userID {
		if err := recordGoalsRead(c, tx, cohortID, userID, len(out.Goals)); err != nil {
			return participantGoals{}, err
		}
	}
	return out, nil
}

func goalModules(ctx context.Context, tx pgx.Tx, cohortID uuid.UUID) ([]goalModule, error) {
	rows, err := tx.Query(ctx, `SELECT id, position, title FROM modules WHERE cohort_id = $1 ORDER BY position`, cohortID)
	if err != nil {
		return nil, fmt.Errorf("baseline: modules of cohort %s: %w", cohortID, err)
	}
	defer rows.Close()
	out := []goalModule{}
	for rows.Next() {
		var m goalModule
		if err := rows.Scan(&m.ID, &m.Position, &m.Title); err != nil {
			return nil, fmt.Errorf("baseline: read module: %w", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("baseline: modules of cohort %s: %w", cohortID, err)
	}
	return out, nil
}

// goalsOf loads the participant's goals, then their aspects and steps: three statements however many goals.
func goalsOf(ctx context.Context, tx pgx.Tx, cohortID, userID uuid.UUID) ([]goal, error) {
	rows, err := tx.Query(ctx, `SELECT g.id, g.cohort_id, g.user_id AS owner_id, u.name AS owner_name,
			g.module_id, m.title AS module_title, g.title, g.description, g.success_criteria, g.status,
			to_char(g.target_date, 'YYYY-MM-DD') AS target_date, g.created_at, g.updated_at, g.version
		FROM learning_goals g JOIN users u ON u.id = g.user_id LEFT JOIN modules m ON m.id = g.module_id
		WHERE g.cohort_id = $1 AND g.user_id = $2
		ORDER BY m.position NULLS FIRST, g.created_at, g.id`, cohortID, userID)
	if err != nil {
		return nil, fmt.Errorf("baseline: load goals: %w", err)
	}
	out := []goal{}
	for rows.Next() {
		g := goal{Aspects: []goalAspect{}, Steps: []goalStep{}}
		if err := rows.Scan(&g.ID, &g.CohortID, &g.Owner.ID, &g.Owner.Name, &g.ModuleID, &g.ModuleTitle, &g.Title,
			&g.Description, &g.SuccessCriteria, &g.Status, &g.TargetDate, &g.CreatedAt, &g.UpdatedAt, &g.Version); err != nil {
			rows.Close()
			return nil, fmt.Errorf("baseline: read goal: %w", err)
		}
		out = append(out, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("baseline: load goals: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	ids := make([]uuid.UUID, len(out))
	index := make(map[uuid.UUID]int, len(out))
	for i, g := range out {
		ids[i], index[g.ID] = g.ID, i
	}
	if err := addAspects(ctx, tx, out, index, ids); err != nil {
		return nil, err
	}
	return out, addSteps(ctx, tx, out, index, ids)
}

func addAspects(ctx context.Context, tx pgx.Tx, goals []goal, index map[uuid.UUID]int, ids []uuid.UUID) error {
	list, args := inList(1, ids)
	rows, err := tx.Query(ctx, `SELECT ga.goal_id, a.key, a.title AS label, gr.key AS group_key
		FROM goal_aspects ga JOIN framework_aspects a ON a.id = ga.aspect_id JOIN framework_groups gr ON gr.id = a.group_id
		WHERE ga.goal_id IN `+list+` ORDER BY gr.position, a.position`, args...)
	if err != nil {
		return fmt.Errorf("baseline: load goal aspects: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var goalID uuid.UUID
		var a goalAspect
		if err := rows.Scan(&goalID, &a.Key, &a.Label, &a.GroupKey); err != nil {
			return fmt.Errorf("baseline: read goal aspect: %w", err)
		}
		g := &goals[index[goalID]]
		g.Aspects = append(g.Aspects, a)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("baseline: load goal aspects: %w", err)
	}
	return nil
}

func addSteps(ctx context.Context, tx pgx.Tx, goals []goal, index map[uuid.UUID]int, ids []uuid.UUID) error {
	list, args := inList(1, ids)
	rows, err := tx.Query(ctx, `SELECT goal_id, id, position, title, done_at FROM goal_steps
		WHERE goal_id IN `+list+` ORDER BY goal_id, position`, args...)
	if err != nil {
		return fmt.Errorf("baseline: load goal steps: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var goalID uuid.UUID
		var st goalStep
		if err := rows.Scan(&goalID, &st.ID, &st.Position, &st.Title, &st.DoneAt); err != nil {
			return fmt.Errorf("baseline: read goal step: %w", err)
		}
		st.Done = st.DoneAt != nil
		g := &goals[index[goalID]]
		g.Steps = append(g.Steps, st)
		g.StepsTotal++
		if st.Done {
			g.StepsDone++
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("baseline: load goal steps: %w", err)
	}
	return nil
}

// recordGoalsRead is the audit entry of a staff read (audit.Record with one entry): who read whose goals, from
// where, in which request.
func recordGoalsRead(c *call, tx pgx.Tx, cohortID, ownerID uuid.UUID, count int) error {
	var ip *string
	if host, _, err := net.SplitHostPort(c.r.RemoteAddr); err == nil {
		if a, err := netip.ParseAddr(host); err == nil {
			s := a.String()
			ip = &s
		}
	}
	detail := `{"count":` + strconv.Itoa(count) + `}`
	_, err := tx.Exec(c.r.Context(), `INSERT INTO audit_log (actor_user_id, subject_user_id, action, object_type, object_id, route, request_id, ip, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::inet, $9::jsonb)`,
		c.p.userID, ownerID, "goals.read", "goals", cohortID.String(), goalsRoute, c.requestID, ip, detail)
	if err != nil {
		return fmt.Errorf("baseline: record goals.read: %w", err)
	}
	return nil
}
