package planning

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
)

// Who is on a session's attendance sheet: everyone enrolled in its cohort who had not withdrawn when it started,
// and anyone with a record for it. The same rule decides which pairs count in the rates, so that a participant
// who left mid-way keeps the sessions they were there for and is not counted absent for the rest.
const onAttendanceSheet = `(a.user_id IS NOT NULL OR e.status <> 'withdrawn' OR e.withdrawn_at > s.starts_at)`

type attendanceSessionInfo struct {
	AttendanceSession
	ProgrammeID uuid.UUID
	// AttendanceVersion is the version of the session's register (sessions.attendance_version).
	AttendanceVersion int
}

const attendanceSessionColumns = `s.id, s.cohort_id, c.programme_id, s.module_id, m.title AS module_title, s.title,
	s.starts_at, s.ends_at, s.status, s.attendance_version`

// AttendanceSession finds a session with its module, programme and register version.
func (s *Store) AttendanceSession(ctx context.Context, id uuid.UUID) (attendanceSessionInfo, error) {
	var r attendanceSessionInfo
	res := s.db.WithContext(ctx).Raw(`SELECT `+attendanceSessionColumns+`
		FROM sessions s JOIN modules m ON m.id = s.module_id JOIN cohorts c ON c.id = s.cohort_id
		WHERE s.id = ?`, id).Scan(&r)
	if res.Error != nil {
		return r, fmt.Errorf("planning: session %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return r, apperror.New(apperror.NotFound, "Bijeenkomst niet gevonden")
	}
	return r, nil
}

// ClaimAttendance raises a session's register version if it is still at version, and returns the session as it
// is now; ok is false when the register is at another version. As one conditional UPDATE it is exact however
// many replicas save at once: a concurrent save waits for the row and then finds the version moved on. The row
// stays locked until the transaction ends, so saves of one register take turns and the session cannot be
// cancelled meanwhile.
func (s *Store) ClaimAttendance(ctx context.Context, id uuid.UUID, version int) (attendanceSessionInfo, bool, error) {
	var r attendanceSessionInfo
	res := s.db.WithContext(ctx).Raw(`UPDATE sessions s SET attendance_version = s.attendance_version + 1
		FROM modules m, cohorts c
		WHERE s.id = ? AND s.attendance_version = ? AND m.id = s.module_id AND c.id = s.cohort_id
		RETURNING `+attendanceSessionColumns, id, version).Scan(&r)
	if res.Error != nil {
		return r, false, fmt.Errorf("planning: claim attendance of session %s: %w", id, res.Error)
	}
	return r, res.RowsAffected == 1, nil
}

// SheetRecords lists the participants on a session's sheet with their records, by name.
func (s *Store) SheetRecords(ctx context.Context, sessionID uuid.UUID) ([]AttendanceRecord, error) {
	out := []AttendanceRecord{}
	err := s.db.WithContext(ctx).Raw(`
		SELECT e.user_id, u.name, e.gemeente, e.status AS enrolment_status, a.status, a.version, a.recorded_at,
			rb.name AS recorded_by_name
		FROM sessions s
		JOIN enrolments e ON e.cohort_id = s.cohort_id
		JOIN users u ON u.id = e.user_id
		LEFT JOIN attendance a ON a.session_id = s.id AND a.user_id = e.user_id
		LEFT JOIN users rb ON rb.id = a.recorded_by
		WHERE s.id = ? AND `+onAttendanceSheet+`
		ORDER BY u.name, e.user_id`, sessionID).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("planning: attendance of session %s: %w", sessionID, err)
	}
	return out, nil
}

type currentAttendance struct {
	UserID  uuid.UUID
	Name    string
	Status  *string
	Version *int
}

// CurrentSheet returns the sheet's participants with their current records, keyed by user. Within a save it
// runs after ClaimAttendance, whose lock on the session keeps other saves of the register out.
func (s *Store) CurrentSheet(ctx context.Context, sessionID uuid.UUID) (map[uuid.UUID]currentAttendance, error) {
	var rows []currentAttendance
	err := s.db.WithContext(ctx).Raw(`
		SELECT e.user_id, u.name, a.status, a.version
		FROM sessions s
		JOIN enrolments e ON e.cohort_id = s.cohort_id
		JOIN users u ON u.id = e.user_id
		LEFT JOIN attendance a ON a.session_id = s.id AND a.user_id = e.user_id
		WHERE s.id = ? AND `+onAttendanceSheet, sessionID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("planning: attendance sheet of session %s: %w", sessionID, err)
	}
	out := make(map[uuid.UUID]currentAttendance, len(rows))
	for _, r := range rows {
		out[r.UserID] = r
	}
	return out, nil
}

// attendanceLine is one record to write: a first one when Version is nil, else a change of the record at Version.
type attendanceLine struct {
	UserID  uuid.UUID `json:"user_id"`
	Status  string    `json:"status"`
	Version *int      `json:"version"`
}

// SaveAttendance writes a session's first records and changed records in one statement, however long the sheet,
// and returns the users whose line was saved. A line is not saved when a record appeared meanwhile (someone else
// saved first) or is no longer at its version.
func (s *Store) SaveAttendance(ctx context.Context, sess attendanceSessionInfo, lines []attendanceLine, by uuid.UUID) (map[uuid.UUID]bool, error) {
	saved := make(map[uuid.UUID]bool, len(lines))
	if len(lines) == 0 {
		return saved, nil
	}
	doc, err := json.Marshal(lines)
	if err != nil {
		return nil, fmt.Errorf("planning: record attendance: %w", err)
	}
	var ids []uuid.UUID
	if err := s.db.WithContext(ctx).Raw(`
		WITH line AS (SELECT * FROM jsonb_to_recordset(?::jsonb) AS r (user_id uuid, status text, version int)),
		added AS (
			INSERT INTO attendance (session_id, user_id, cohort_id, status, recorded_by)
			SELECT ?, user_id, ?, status, ? FROM line WHERE version IS NULL
			ON CONFLICT (session_id, user_id) DO NOTHING RETURNING user_id),
		changed AS (
			UPDATE attendance a SET status = l.status, recorded_by = ?, recorded_at = now(), updated_at = now(),
				version = a.version + 1
			FROM line l WHERE a.session_id = ? AND a.user_id = l.user_id AND a.version = l.version
			RETURNING a.user_id)
		SELECT user_id FROM added UNION ALL SELECT user_id FROM changed`,
		string(doc), sess.ID, sess.CohortID, by, by, sess.ID).Scan(&ids).Error; err != nil {
		return nil, fmt.Errorf("planning: record attendance of session %s: %w", sess.ID, err)
	}
	for _, id := range ids {
		saved[id] = true
	}
	return saved, nil
}

// AttendanceFacts reads what a cohort's rates are computed from, in one consistent snapshot.
func (s *Store) AttendanceFacts(ctx context.Context, cohortID uuid.UUID) (attendanceFacts, error) {
	var f attendanceFacts
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		st := &Store{db: tx}
		var err error
		if f.Modules, err = st.ModulesByCohort(ctx, cohortID); err != nil {
			return err
		}
		if err := tx.Raw(`SELECT s.id, s.module_id, m.title AS module_title, s.title, s.starts_at, s.ends_at, s.status
			FROM sessions s JOIN modules m ON m.id = s.module_id
			WHERE s.cohort_id = ? ORDER BY s.starts_at, s.id`, cohortID).Scan(&f.Sessions).Error; err != nil {
			return fmt.Errorf("planning: sessions of cohort %s: %w", cohortID, err)
		}
		if err := tx.Raw(`SELECT e.user_id, u.name, e.gemeente, e.status AS enrolment_status
			FROM enrolments e JOIN users u ON u.id = e.user_id
			WHERE e.cohort_id = ? ORDER BY u.name, e.user_id`, cohortID).Scan(&f.Participants).Error; err != nil {
			return fmt.Errorf("planning: participants of cohort %s: %w", cohortID, err)
		}
		if err := tx.Raw(`SELECT s.id AS session_id, e.user_id, a.status
			FROM sessions s
			JOIN enrolments e ON e.cohort_id = s.cohort_id
			LEFT JOIN attendance a ON a.session_id = s.id AND a.user_id = e.user_id
			WHERE s.cohort_id = ? AND `+onAttendanceSheet, cohortID).Scan(&f.Pairs).Error; err != nil {
			return fmt.Errorf("planning: attendance of cohort %s: %w", cohortID, err)
		}
		return nil
	}, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	return f, err
}

// KAnonymity is the programme's threshold below which aggregates are withheld from reviewers.
func (s *Store) KAnonymity(ctx context.Context, programmeID uuid.UUID) (int, error) {
	var k int
	if err := s.db.WithContext(ctx).Raw(`SELECT k_anonymity FROM programmes WHERE id = ?`, programmeID).Row().Scan(&k); err != nil {
		return 0, fmt.Errorf("planning: k-anonymity of programme %s: %w", programmeID, err)
	}
	return k, nil
}

type attendanceEnrolmentRow struct {
	CohortID        uuid.UUID
	CohortName      string
	ProgrammeName   string
	EnrolmentStatus string
}

type attendanceMySessionRow struct {
	CohortID      uuid.UUID
	SessionID     uuid.UUID
	ModuleID      uuid.UUID
	ModuleTitle   string
	Title         string
	StartsAt      time.Time
	EndsAt        time.Time
	SessionStatus string
	Status        *string
	RecordedAt    *time.Time
}

// MyAttendance reads a person's enrolments, newest cohort first, and per cohort the sessions on their record:
// those held while they took part, and any with a record (an excuse sent ahead).
func (s *Store) MyAttendance(ctx context.Context, userID uuid.UUID, now time.Time) ([]attendanceEnrolmentRow, []attendanceMySessionRow, error) {
	var enrolments []attendanceEnrolmentRow
	var sessions []attendanceMySessionRow
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Raw(`SELECT c.id AS cohort_id, c.name AS cohort_name, p.name AS programme_name,
				e.status AS enrolment_status
			FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id JOIN programmes p ON p.id = c.programme_id
			WHERE e.user_id = ? ORDER BY c.starts_on DESC, c.id`, userID).Scan(&enrolments).Error; err != nil {
			return fmt.Errorf("planning: enrolments of %s: %w", userID, err)
		}
		if err := tx.Raw(`SELECT s.cohort_id, s.id AS session_id, s.module_id, m.title AS module_title, s.title,
				s.starts_at, s.ends_at, s.status AS session_status, a.status, a.recorded_at
			FROM enrolments e
			JOIN sessions s ON s.cohort_id = e.cohort_id
			JOIN modules m ON m.id = s.module_id
			LEFT JOIN attendance a ON a.session_id = s.id AND a.user_id = e.user_id
			WHERE e.user_id = ? AND (a.user_id IS NOT NULL
				OR (`+onAttendanceSheet+` AND s.status = 'scheduled' AND s.ends_at <= ?))
			ORDER BY s.starts_at, s.id`, userID, now).Scan(&sessions).Error; err != nil {
			return fmt.Errorf("planning: attendance of %s: %w", userID, err)
		}
		return nil
	}, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	return enrolments, sessions, err
}
