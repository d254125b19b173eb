package reflections

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/database"
)

// The queries of reflections. Functions take the *gorm.DB to run on, so that a service can use them inside a
// transaction. A list is one query for the page plus one for the goals linked to it, whatever its length.

// row is a reflection as stored, with what its readers see of its author, module and session.
type row struct {
	ID           uuid.UUID
	CohortID     uuid.UUID
	ProgrammeID  uuid.UUID
	AuthorID     uuid.UUID
	AuthorName   string
	WrittenOn    string
	Title        *string
	BodyMarkdown string
	BodyHTML     *string
	Visibility   string
	ModuleID     *uuid.UUID
	ModuleTitle  *string
	SessionID    *uuid.UUID
	SessionTitle *string
	CommentCount int
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int
	Snippet      *string
}

const selectRows = `SELECT r.id, r.cohort_id, c.programme_id, r.author_id, u.name AS author_name,
		r.written_on::text AS written_on, r.title, r.body_markdown, r.body_html, r.visibility,
		r.module_id, m.title AS module_title, r.session_id, s.title AS session_title,
		(SELECT count(*) FROM reflection_comments rc WHERE rc.reflection_id = r.id AND rc.deleted_at IS NULL) AS comment_count,
		r.created_at, r.updated_at, r.version`

// joinRows adds what readers see of a reflection's cohort, author, module and session.
const joinRows = `
	JOIN cohorts c ON c.id = r.cohort_id
	JOIN users u ON u.id = r.author_id
	LEFT JOIN modules m ON m.id = r.module_id
	LEFT JOIN sessions s ON s.id = r.session_id`

// newestFirst is the order of every list but a search; keyset pages continue after the last row's key.
const newestFirst = ` ORDER BY r.written_on DESC, r.created_at DESC, r.id DESC`

func errReflectionNotFound() error { return apperror.New(apperror.NotFound, "Reflectie niet gevonden") }

// reflectionByID finds a reflection. With lock, it holds the row until the transaction ends, so that an update
// and a comment or a second update do not interleave.
func reflectionByID(ctx context.Context, db *gorm.DB, id uuid.UUID, lock bool) (row, error) {
	if lock {
		res := db.WithContext(ctx).Exec(`SELECT 1 FROM reflections WHERE id = ? FOR UPDATE`, id)
		if res.Error != nil {
			return row{}, fmt.Errorf("reflections: lock %s: %w", id, res.Error)
		}
	}
	var r row
	res := db.WithContext(ctx).Raw(selectRows+`
	FROM reflections r`+joinRows+` WHERE r.id = ?`, id).Scan(&r)
	if res.Error != nil {
		return r, fmt.Errorf("reflections: get %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return r, errReflectionNotFound()
	}
	return r, nil
}

// filter is a list's WHERE clause under construction.
type filter struct {
	conds []string
	args  []any
}

func (f *filter) add(cond string, args ...any) {
	f.conds = append(f.conds, cond)
	f.args = append(f.args, args...)
}

func (f *filter) where() string {
	if len(f.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(f.conds, " AND ")
}

func (f *filter) after(c *cursor) {
	if c != nil {
		f.add(`(r.written_on, r.created_at, r.id) < (?::date, ?::timestamptz, ?::uuid)`, c.WrittenOn, c.CreatedAt, c.ID)
	}
}

// listRows returns up to limit reflections matching f, newest first. The page is chosen from reflections alone
// (f only names their columns) and joined afterwards: joined first, PostgreSQL joined every visible reflection of
// a large cohort (some 1,400) before it could sort them and keep 21 (16 ms; 2 ms under the benchmark's load).
func listRows(ctx context.Context, db *gorm.DB, f filter, limit int) ([]row, error) {
	var rows []row
	args := append(f.args, limit)
	err := db.WithContext(ctx).Raw(selectRows+`
	FROM (SELECT r.* FROM reflections r`+f.where()+newestFirst+` LIMIT ?) r`+joinRows+newestFirst, args...).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("reflections: list: %w", err)
	}
	return rows, nil
}

// headline shows the passage of a plain text that matches the search, without markup (the snippet is text).
const headlineOptions = `StartSel="", StopSel="", MaxWords=35, MinWords=15, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`

// roughPlainText strips the commonest Markdown (link targets, emphasis, headings, quotes, code marks) from a
// row that was written without its plain text (by SQL, as the demo data is).
const roughPlainText = `regexp_replace(r.body_markdown, '\]\([^)]*\)|[*_~#>|\[\]\x60\\]+', ' ', 'g')`

// searchRows returns up to limit reflections matching f and the Dutch full-text query q, best match first, each
// with the matching passage. PostgreSQL's dutch configuration stems, so "samenwerken" finds "samenwerking".
func searchRows(ctx context.Context, db *gorm.DB, f filter, q string, limit int) ([]row, error) {
	var rows []row
	args := append([]any{q}, f.args...)
	args = append(args, limit)
	f.conds = append(f.conds, `r.search @@ q.query`)
	// As in listRows, the page is chosen before the joins; the passages are made for that page only.
	const bestFirst = ` ORDER BY rank DESC, r.written_on DESC, r.created_at DESC, r.id DESC`
	err := db.WithContext(ctx).Raw(selectRows+`,
			ts_headline('dutch', coalesce(r.body_text, `+roughPlainText+`), r.query, '`+headlineOptions+`') AS snippet
	FROM (SELECT r.*, q.query, ts_rank(r.search, q.query) AS rank FROM reflections r
		CROSS JOIN websearch_to_tsquery('dutch', ?) AS q(query)`+f.where()+bestFirst+` LIMIT ?) r`+joinRows+bestFirst,
		args...).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("reflections: search: %w", err)
	}
	return rows, nil
}

type goalLink struct {
	ReflectionID uuid.UUID
	ID           uuid.UUID
	Title        string
}

// goalsOf returns the goals linked to each of the reflections, in the order they were set.
func goalsOf(ctx context.Context, db *gorm.DB, ids []uuid.UUID) (map[uuid.UUID][]RefTitle, error) {
	out := map[uuid.UUID][]RefTitle{}
	if len(ids) == 0 {
		return out, nil
	}
	var links []goalLink
	err := db.WithContext(ctx).Raw(`SELECT rg.reflection_id, g.id, g.title
		FROM reflection_goals rg JOIN learning_goals g ON g.id = rg.goal_id
		WHERE rg.reflection_id = ANY((?::text[])::uuid[])
		ORDER BY g.created_at, g.id`, database.UUIDArray(ids)).Scan(&links).Error
	if err != nil {
		return nil, fmt.Errorf("reflections: linked goals: %w", err)
	}
	for _, l := range links {
		out[l.ReflectionID] = append(out[l.ReflectionID], RefTitle{ID: l.ID, Title: l.Title})
	}
	return out, nil
}

type commentRow struct {
	ID           uuid.UUID
	ReflectionID uuid.UUID
	AuthorID     uuid.UUID
	AuthorName   string
	Body         string
	Deleted      bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int
}

const selectComments = `SELECT rc.id, rc.reflection_id, rc.author_id, u.name AS author_name, rc.body,
		rc.deleted_at IS NOT NULL AS deleted, rc.created_at, rc.updated_at, rc.version
	FROM reflection_comments rc JOIN users u ON u.id = rc.author_id`

// commentsOf returns a reflection's thread, oldest first.
func commentsOf(ctx context.Context, db *gorm.DB, reflectionID uuid.UUID) ([]commentRow, error) {
	var rows []commentRow
	err := db.WithContext(ctx).Raw(selectComments+` WHERE rc.reflection_id = ? ORDER BY rc.created_at, rc.id`,
		reflectionID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("reflections: comments of %s: %w", reflectionID, err)
	}
	return rows, nil
}

// commentByID finds a comment of the reflection, locked until the transaction ends.
func commentByID(ctx context.Context, db *gorm.DB, reflectionID, id uuid.UUID) (commentRow, error) {
	var c commentRow
	res := db.WithContext(ctx).Raw(selectComments+` WHERE rc.id = ? AND rc.reflection_id = ? FOR UPDATE OF rc`,
		id, reflectionID).Scan(&c)
	if res.Error != nil {
		return c, fmt.Errorf("reflections: comment %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return c, apperror.New(apperror.NotFound, "Reactie niet gevonden")
	}
	return c, nil
}

// fields are a reflection's writable columns, checked.
type fields struct {
	WrittenOn    string
	Title        *string
	BodyMarkdown string
	Visibility   string
	ModuleID     *uuid.UUID
	SessionID    *uuid.UUID
}

func insertReflection(ctx context.Context, db *gorm.DB, cohortID, authorID uuid.UUID, f fields, html, text string) (uuid.UUID, error) {
	var id uuid.UUID
	err := db.WithContext(ctx).Raw(`INSERT INTO reflections (author_id, cohort_id, module_id, session_id, written_on,
			title, body_markdown, body_html, body_text, visibility)
		VALUES (?, ?, ?, ?, ?::date, ?, ?, ?, ?, ?) RETURNING id`,
		authorID, cohortID, f.ModuleID, f.SessionID, f.WrittenOn, f.Title, f.BodyMarkdown, html, text, f.Visibility).
		Row().Scan(&id)
	if err != nil {
		return uuid.Nil, fmt.Errorf("reflections: insert: %w", err)
	}
	return id, nil
}

// updateReflection saves f if the reflection is still at version; false when it is not (someone else saved).
// html and text are the new rendering, nil to keep the stored one.
func updateReflection(ctx context.Context, db *gorm.DB, id uuid.UUID, version int, f fields, html, text *string) (bool, error) {
	res := db.WithContext(ctx).Exec(`UPDATE reflections SET written_on = ?::date, title = ?, body_markdown = ?,
			body_html = coalesce(?, body_html), body_text = coalesce(?, body_text), visibility = ?, module_id = ?, session_id = ?, updated_at = now(),
			version = version + 1
		WHERE id = ? AND version = ?`,
		f.WrittenOn, f.Title, f.BodyMarkdown, html, text, f.Visibility, f.ModuleID, f.SessionID, id, version)
	if res.Error != nil {
		return false, fmt.Errorf("reflections: update %s: %w", id, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// setGoals replaces the goals linked to a reflection.
func setGoals(ctx context.Context, db *gorm.DB, reflectionID, authorID uuid.UUID, goalIDs []uuid.UUID) error {
	if err := db.WithContext(ctx).Exec(`DELETE FROM reflection_goals WHERE reflection_id = ?`, reflectionID).Error; err != nil {
		return fmt.Errorf("reflections: unlink goals of %s: %w", reflectionID, err)
	}
	if len(goalIDs) == 0 {
		return nil
	}
	err := db.WithContext(ctx).Exec(`INSERT INTO reflection_goals (reflection_id, goal_id, user_id)
		SELECT ?, g, ? FROM unnest((?::text[])::uuid[]) AS g`, reflectionID, authorID, database.UUIDArray(goalIDs)).Error
	if err != nil {
		return fmt.Errorf("reflections: link goals of %s: %w", reflectionID, err)
	}
	return nil
}

func linkedGoalIDs(ctx context.Context, db *gorm.DB, reflectionID uuid.UUID) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	err := db.WithContext(ctx).Raw(`SELECT goal_id FROM reflection_goals WHERE reflection_id = ? ORDER BY goal_id`,
		reflectionID).Scan(&ids).Error
	if err != nil {
		return nil, fmt.Errorf("reflections: goals of %s: %w", reflectionID, err)
	}
	return ids, nil
}

func deleteReflection(ctx context.Context, db *gorm.DB, id uuid.UUID, version int) (bool, error) {
	res := db.WithContext(ctx).Exec(`DELETE FROM reflections WHERE id = ? AND version = ?`, id, version)
	if res.Error != nil {
		return false, fmt.Errorf("reflections: delete %s: %w", id, res.Error)
	}
	return res.RowsAffected == 1, nil
}

func insertComment(ctx context.Context, db *gorm.DB, reflectionID, authorID uuid.UUID, body string) (uuid.UUID, error) {
	var id uuid.UUID
	err := db.WithContext(ctx).Raw(`INSERT INTO reflection_comments (reflection_id, author_id, body) VALUES (?, ?, ?)
		RETURNING id`, reflectionID, authorID, body).Row().Scan(&id)
	if err != nil {
		return uuid.Nil, fmt.Errorf("reflections: insert comment: %w", err)
	}
	return id, nil
}

func updateComment(ctx context.Context, db *gorm.DB, id uuid.UUID, version int, body string) (bool, error) {
	res := db.WithContext(ctx).Exec(`UPDATE reflection_comments SET body = ?, updated_at = now(), version = version + 1
		WHERE id = ? AND version = ? AND deleted_at IS NULL`, body, id, version)
	if res.Error != nil {
		return false, fmt.Errorf("reflections: update comment %s: %w", id, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// removeComment empties a comment and marks it deleted: the thread keeps its place, the text is gone.
func removeComment(ctx context.Context, db *gorm.DB, id uuid.UUID, version int) (bool, error) {
	res := db.WithContext(ctx).Exec(`UPDATE reflection_comments SET body = '', deleted_at = now(), updated_at = now(),
			version = version + 1
		WHERE id = ? AND version = ? AND deleted_at IS NULL`, id, version)
	if res.Error != nil {
		return false, fmt.Errorf("reflections: remove comment %s: %w", id, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// inCohort reports which of the ids are rows of table (modules or sessions) in the cohort.
func inCohort(ctx context.Context, db *gorm.DB, table string, cohortID uuid.UUID, ids []uuid.UUID) (map[uuid.UUID]bool, error) {
	out := map[uuid.UUID]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	var found []uuid.UUID
	err := db.WithContext(ctx).Raw(`SELECT id FROM `+table+` WHERE cohort_id = ? AND id = ANY((?::text[])::uuid[])`,
		cohortID, database.UUIDArray(ids)).Scan(&found).Error
	if err != nil {
		return nil, fmt.Errorf("reflections: check %s: %w", table, err)
	}
	for _, id := range found {
		out[id] = true
	}
	return out, nil
}

// ownGoalsIn reports which of the ids are goals of the user in the cohort.
func ownGoalsIn(ctx context.Context, db *gorm.DB, cohortID, userID uuid.UUID, ids []uuid.UUID) (map[uuid.UUID]bool, error) {
	out := map[uuid.UUID]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	var found []uuid.UUID
	err := db.WithContext(ctx).Raw(`SELECT id FROM learning_goals
		WHERE cohort_id = ? AND user_id = ? AND id = ANY((?::text[])::uuid[])`, cohortID, userID, database.UUIDArray(ids)).
		Scan(&found).Error
	if err != nil {
		return nil, fmt.Errorf("reflections: check goals: %w", err)
	}
	for _, id := range found {
		out[id] = true
	}
	return out, nil
}
