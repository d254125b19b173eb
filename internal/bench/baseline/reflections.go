package baseline

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/vgs/leergang/internal/markdown"
)

// reflection is reflections.Reflection as its author sees it.
type reflection struct {
	ID           uuid.UUID  `json:"id"`
	CohortID     uuid.UUID  `json:"cohortId"`
	Author       personRef  `json:"author"`
	Mine         bool       `json:"mine"`
	WrittenOn    string     `json:"writtenOn"`
	Title        *string    `json:"title"`
	BodyMarkdown string     `json:"bodyMarkdown"`
	BodyHTML     string     `json:"bodyHtml"`
	Visibility   string     `json:"visibility"`
	Module       *refTitle  `json:"module"`
	Session      *refTitle  `json:"session"`
	Goals        []refTitle `json:"goals"`
	CommentCount int        `json:"commentCount"`
	Snippet      string     `json:"snippet,omitempty"`
	CreatedAt    time.Time  `json:"createdAt"`
	UpdatedAt    time.Time  `json:"updatedAt"`
	Version      int        `json:"version"`
}

type personRef struct {
	ID   uuid.UUID `json:"id"`
	Name string    `json:"name"`
}

type refTitle struct {
	ID    uuid.UUID `json:"id"`
	Title string    `json:"title"`
}

type reflectionPage struct {
	Items      []reflection `json:"items"`
	NextCursor *string      `json:"nextCursor"`
}

// The limits of reflections/validate.go.
const (
	defaultLimit  = 20
	maxLimit      = 100
	maxSearchHits = 50
	maxQueryRunes = 200
)

// The list statement of reflections/store.go, in its two forms: a page newest first, or a search best match first.
const (
	selectReflections = `SELECT r.id, r.cohort_id, c.programme_id, r.author_id, u.name AS author_name,
		r.written_on::text AS written_on, r.title, r.body_markdown, r.body_html, r.visibility,
		r.module_id, m.title AS module_title, r.session_id, s.title AS session_title,
		(SELECT count(*) FROM reflection_comments rc WHERE rc.reflection_id = r.id AND rc.deleted_at IS NULL) AS comment_count,
		r.created_at, r.updated_at, r.version`
	joinReflections = `
	JOIN cohorts c ON c.id = r.cohort_id
	JOIN users u ON u.id = r.author_id
	LEFT JOIN modules m ON m.id = r.module_id
	LEFT JOIN sessions s ON s.id = r.session_id`
	newestFirst          = ` ORDER BY r.written_on DESC, r.created_at DESC, r.id DESC`
	bestFirst            = ` ORDER BY rank DESC, r.written_on DESC, r.created_at DESC, r.id DESC`
	listReflections      = selectReflections + ` FROM (SELECT r.* FROM reflections r WHERE r.author_id = $1` + newestFirst + ` LIMIT $2) r` + joinReflections + newestFirst
	listReflectionsAfter = selectReflections + ` FROM (SELECT r.* FROM reflections r WHERE r.author_id = $1 AND (r.written_on, r.created_at, r.id) < ($2::date, $3::timestamptz, $4::uuid)` + newestFirst + ` LIMIT $5) r` + joinReflections + newestFirst
	searchReflections    = selectReflections + `,
			ts_headline('dutch', coalesce(r.body_text, regexp_replace(r.body_markdown, '\]\([^)]*\)|[*_~#>|\[\]\x60\\]+', ' ', 'g')), r.query, 'StartSel="", StopSel="", MaxWords=35, MinWords=15, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "') AS snippet
	FROM (SELECT r.*, q.query, ts_rank(r.search, q.query) AS rank FROM reflections r
		CROSS JOIN websearch_to_tsquery('dutch', $1) AS q(query) WHERE r.author_id = $2 AND r.search @@ q.query
		` + bestFirst + ` LIMIT $3) r` + joinReflections + bestFirst
)

// myReflections is GET /api/v1/me/reflections (reflections.Service.MyReflections) without the filters: a page of
// the person's own reflections, or with q a search, plus one statement for the goals they are linked to.
func (s *server) myReflections(c *call) (any, error) {
	query := c.r.URL.Query()
	for _, f := range []string{"cohortId", "moduleId", "goalId", "visibility"} {
		if query.Get(f) != "" {
			return nil, &apiError{status: http.StatusBadRequest, code: "bad_request", title: "Niet ondersteund",
				detail: "De baseline filtert niet op " + f + "."}
		}
	}
	search, after, limit, err := parseListQuery(query.Get("q"), query.Get("cursor"), query.Get("limit"))
	if err != nil {
		return nil, err
	}
	ctx := c.r.Context()
	var items []reflection
	switch {
	case search != "":
		items, err = s.reflectionRows(ctx, c.p, true, searchReflections, search, c.p.userID, limit)
	case after != nil:
		items, err = s.reflectionRows(ctx, c.p, false, listReflectionsAfter, c.p.userID, after.writtenOn,
			after.createdAt, after.id, limit+1)
	default:
		items, err = s.reflectionRows(ctx, c.p, false, listReflections, c.p.userID, limit+1)
	}
	if err != nil {
		return nil, err
	}
	page := reflectionPage{Items: items}
	if search == "" && len(items) > limit {
		page.Items = items[:limit]
		next := encodeCursor(items[limit-1])
		page.NextCursor = &next
	}
	if len(page.Items) > 0 {
		err = s.linkedGoals(ctx, page.Items)
	}
	return page, err
}

// reflectionRows runs one of the list statements.
func (s *server) reflectionRows(ctx context.Context, p *principal, search bool, sql string, args ...any) ([]reflection, error) {
	rows, err := s.db.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("baseline: list reflections: %w", err)
	}
	return scanReflections(rows, p, search)
}

func scanReflections(rows pgx.Rows, p *principal, search bool) ([]reflection, error) {
	defer rows.Close()
	out := []reflection{}
	for rows.Next() {
		var r reflection
		var programmeID uuid.UUID
		var bodyHTML, moduleTitle, sessionTitle, snippet *string
		var moduleID, sessionID *uuid.UUID
		dest := []any{&r.ID, &r.CohortID, &programmeID, &r.Author.ID, &r.Author.Name, &r.WrittenOn, &r.Title,
			&r.BodyMarkdown, &bodyHTML, &r.Visibility, &moduleID, &moduleTitle, &sessionID, &sessionTitle,
			&r.CommentCount, &r.CreatedAt, &r.UpdatedAt, &r.Version}
		if search {
			dest = append(dest, &snippet)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("baseline: read reflection: %w", err)
		}
		r.Mine = r.Author.ID == p.userID
		if bodyHTML != nil {
			r.BodyHTML = *bodyHTML
		} else {
			r.BodyHTML = markdown.Render(r.BodyMarkdown) // written by SQL, without its rendering
		}
		if moduleID != nil && moduleTitle != nil {
			r.Module = &refTitle{ID: *moduleID, Title: *moduleTitle}
		}
		if sessionID != nil && sessionTitle != nil {
			r.Session = &refTitle{ID: *sessionID, Title: *sessionTitle}
		}
		if snippet != nil {
			r.Snippet = *snippet
			if bodyHTML == nil {
				r.Snippet = strings.Join(strings.Fields(r.Snippet), " ")
			}
		}
		r.Goals = []refTitle{}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("baseline: list reflections: %w", err)
	}
	return out, nil
}

// linkedGoals adds the goals linked to the reflections, in the order they were set.
func (s *server) linkedGoals(ctx context.Context, items []reflection) error {
	index := make(map[uuid.UUID]int, len(items))
	var ids strings.Builder
	ids.WriteByte('{')
	for i, r := range items {
		index[r.ID] = i
		if i > 0 {
			ids.WriteByte(',')
		}
		ids.WriteString(r.ID.String())
	}
	ids.WriteByte('}')
	rows, err := s.db.Query(ctx, `SELECT rg.reflection_id, g.id, g.title
		FROM reflection_goals rg JOIN learning_goals g ON g.id = rg.goal_id
		WHERE rg.reflection_id = ANY(($1::text[])::uuid[])
		ORDER BY g.created_at, g.id`, ids.String())
	if err != nil {
		return fmt.Errorf("baseline: linked goals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var reflectionID uuid.UUID
		var g refTitle
		if err := rows.Scan(&reflectionID, &g.ID, &g.Title); err != nil {
			return fmt.Errorf("baseline: read linked goal: %w", err)
		}
		r := &items[index[reflectionID]]
		r.Goals = append(r.Goals, g)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("baseline: linked goals: %w", err)
	}
	return nil
}

// cursor is the key of the last reflection of a page (reflections/validate.go).
type cursor struct {
	writtenOn string
	createdAt time.Time
	id        uuid.UUID
}

func encodeCursor(r reflection) string {
	raw := r.WrittenOn + "|" + r.CreatedAt.UTC().Format(time.RFC3339Nano) + "|" + r.ID.String()
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodeCursor(s string) (*cursor, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, false
	}
	parts := strings.Split(string(raw), "|")
	if len(parts) != 3 {
		return nil, false
	}
	if _, err := time.Parse(time.DateOnly, parts[0]); err != nil {
		return nil, false
	}
	created, err := time.Parse(time.RFC3339Nano, parts[1])
	if err != nil {
		return nil, false
	}
	id, err := uuid.Parse(parts[2])
	if err != nil {
		return nil, false
	}
	return &cursor{writtenOn: parts[0], createdAt: created, id: id}, true
}

// parseListQuery checks q, cursor and limit with the product's messages (reflections.parseMyQuery).
func parseListQuery(q, rawCursor, rawLimit string) (search string, after *cursor, limit int, err error) {
	var v validation
	if rawCursor != "" {
		var ok bool
		if after, ok = decodeCursor(rawCursor); !ok {
			v.add("cursor", "invalid", "Deze cursor is ongeldig; gebruik de nextCursor van de vorige pagina.")
		}
	}
	search = strings.TrimSpace(q)
	switch {
	case utf8.RuneCountInString(search) > maxQueryRunes:
		v.add("q", "too_long", fmt.Sprintf("Zoek met hoogstens %d tekens.", maxQueryRunes))
	case strings.ContainsRune(search, 0):
		v.add("q", "invalid", "De zoekvraag bevat een ongeldig teken.")
	}
	if search == "" {
		limit = parseLimit(&v, rawLimit, defaultLimit, maxLimit)
	} else {
		limit = parseLimit(&v, rawLimit, maxSearchHits, maxSearchHits)
	}
	return search, after, limit, v.err()
}

func parseLimit(v *validation, raw string, def, max int) int {
	if raw == "" {
		return def
	}
	n, err := strconv.Atoi(raw)
	switch {
	case err != nil:
		v.add("limit", "type", "Geef het aantal als geheel getal.")
	case n < 1 || n > max:
		v.add("limit", "out_of_range", fmt.Sprintf("Het aantal ligt tussen 1 en %d.", max))
	default:
		return n
	}
	return def
}
