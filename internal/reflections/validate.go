package reflections

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // "today" is Amsterdam's today, also on hosts without a zone database
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
)

const (
	maxTitleRunes   = 200
	maxBodyRunes    = 100000
	maxCommentRunes = 10000
	maxGoals        = 20
	maxQueryRunes   = 200
	defaultLimit    = 20
	maxLimit        = 100
	maxSearchHits   = 50
	earliestDate    = "2000-01-01"
)

var amsterdam = mustLoadLocation("Europe/Amsterdam")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // time/tzdata is embedded, so this cannot fail
	}
	return loc
}

// cursor is the key of the last reflection of a page; the next page starts after it.
type cursor struct {
	WrittenOn string
	CreatedAt time.Time
	ID        uuid.UUID
}

// encodeCursor makes the opaque nextCursor of a page ending at r.
func encodeCursor(r row) string {
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
	return &cursor{WrittenOn: parts[0], CreatedAt: created, ID: id}, true
}

type listQuery struct {
	cohortID, moduleID, goalID, authorID *uuid.UUID
	visibility                           string
	search                               string
	after                                *cursor
	limit                                int
}

func parseMyQuery(q MyQuery) (listQuery, error) {
	var v apperror.Validation
	out := listQuery{
		cohortID: queryUUID(&v, "cohortId", q.CohortID),
		moduleID: queryUUID(&v, "moduleId", q.ModuleID),
		goalID:   queryUUID(&v, "goalId", q.GoalID),
		after:    queryCursor(&v, q.Cursor),
	}
	if q.Visibility != "" {
		out.visibility = checkVisibility(&v, q.Visibility)
	}
	out.search = strings.TrimSpace(q.Q)
	switch {
	case utf8.RuneCountInString(out.search) > maxQueryRunes:
		v.Add("q", "too_long", fmt.Sprintf("Zoek met hoogstens %d tekens.", maxQueryRunes))
	case strings.ContainsRune(out.search, 0):
		v.Add("q", "invalid", "De zoekvraag bevat een ongeldig teken.")
	}
	if out.search == "" {
		out.limit = queryLimit(&v, q.Limit, defaultLimit, maxLimit)
	} else {
		// A search answers with the best matches, one page of them.
		out.limit = queryLimit(&v, q.Limit, maxSearchHits, maxSearchHits)
	}
	return out, v.Err()
}

func parseSharedQuery(q SharedQuery) (listQuery, error) {
	var v apperror.Validation
	out := listQuery{
		authorID: queryUUID(&v, "authorId", q.AuthorID),
		moduleID: queryUUID(&v, "moduleId", q.ModuleID),
		after:    queryCursor(&v, q.Cursor),
		limit:    queryLimit(&v, q.Limit, defaultLimit, maxLimit),
	}
	return out, v.Err()
}

func queryUUID(v *apperror.Validation, field, raw string) *uuid.UUID {
	if raw == "" {
		return nil
	}
	id, err := uuid.Parse(raw)
	if err != nil {
		v.Add(field, "invalid", "Dit is geen geldige verwijzing.")
		return nil
	}
	return &id
}

func queryCursor(v *apperror.Validation, raw string) *cursor {
	if raw == "" {
		return nil
	}
	c, ok := decodeCursor(raw)
	if !ok {
		v.Add("cursor", "invalid", "Deze cursor is ongeldig; gebruik de nextCursor van de vorige pagina.")
	}
	return c
}

func queryLimit(v *apperror.Validation, raw string, def, max int) int {
	if raw == "" {
		return def
	}
	n, err := strconv.Atoi(raw)
	switch {
	case err != nil:
		v.Add("limit", "type", "Geef het aantal als geheel getal.")
	case n < 1 || n > max:
		v.Add("limit", "out_of_range", fmt.Sprintf("Het aantal ligt tussen 1 en %d.", max))
	default:
		return n
	}
	return def
}

// checkWrittenOn accepts a calendar date from 2000 up to today.
func checkWrittenOn(v *apperror.Validation, s, today string) string {
	d, err := time.Parse(time.DateOnly, s)
	switch {
	case err != nil || d.Format(time.DateOnly) != s:
		v.Add("writtenOn", "invalid", "Geef de datum als JJJJ-MM-DD, bijvoorbeeld 2026-10-29.")
	case s > today:
		v.Add("writtenOn", "future", "De datum ligt in de toekomst; een reflectie schrijft u achteraf.")
	case s < earliestDate:
		v.Add("writtenOn", "too_early", "Kies een datum vanaf 2000.")
	}
	return s
}

// checkTitle trims the title; an empty title is no title.
func checkTitle(v *apperror.Validation, in *string) *string {
	if in == nil {
		return nil
	}
	t := strings.TrimSpace(*in)
	switch {
	case t == "":
		return nil
	case utf8.RuneCountInString(t) > maxTitleRunes:
		v.Add("title", "too_long", fmt.Sprintf("De titel is te lang (hoogstens %d tekens).", maxTitleRunes))
	case hasControl(t):
		v.Add("title", "invalid", "De titel bevat een ongeldig teken.")
	}
	return &t
}

func checkBody(v *apperror.Validation, s string) string {
	switch {
	case strings.TrimSpace(s) == "":
		v.Add("bodyMarkdown", "required", "Schrijf uw reflectie.")
	case utf8.RuneCountInString(s) > maxBodyRunes:
		v.Add("bodyMarkdown", "too_long", fmt.Sprintf("De reflectie is te lang (hoogstens %d tekens).", maxBodyRunes))
	case strings.ContainsRune(s, 0):
		// PostgreSQL text cannot hold NUL; say so instead of failing.
		v.Add("bodyMarkdown", "invalid", "De tekst bevat een ongeldig teken.")
	}
	return s
}

func checkVisibility(v *apperror.Validation, s string) string {
	switch s {
	case access.VisibilityPrivate, access.VisibilityFacilitators, access.VisibilityCohort:
	default:
		v.Add("visibility", "invalid", "Kies wie de reflectie mag lezen: private (alleen u), facilitators (ook de begeleiders) of cohort (de hele groep).")
	}
	return s
}

// checkComment returns the comment's text, trimmed.
func checkComment(in CommentInput) (string, error) {
	var v apperror.Validation
	body := ""
	if in.Body != nil {
		body = strings.TrimSpace(*in.Body)
	}
	switch {
	case body == "":
		v.Add("body", "required", "Schrijf een reactie.")
	case utf8.RuneCountInString(body) > maxCommentRunes:
		v.Add("body", "too_long", fmt.Sprintf("De reactie is te lang (hoogstens %d tekens).", maxCommentRunes))
	case strings.ContainsRune(body, 0):
		v.Add("body", "invalid", "De reactie bevat een ongeldig teken.")
	}
	return body, v.Err()
}

// hasControl reports control characters other than tab, which have no place in a one-line title.
func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\t' || r == 0x7f {
			return true
		}
	}
	return false
}

// refsInput is what a request says about a reflection's module, session and goals; set* tells whether the
// field was sent (a patch leaves absent fields alone).
type refsInput struct {
	moduleID, sessionID   *string
	setModule, setSession bool
	goalIDs               []string
	setGoals              bool
}

type refs struct {
	moduleID, sessionID *uuid.UUID
	goalIDs             []uuid.UUID
}

// checkRefs checks that module and session are of the cohort and the goals are the author's in the cohort, and
// reports each wrong one by its field (goalIds[1] for the second goal).
func checkRefs(ctx context.Context, db *gorm.DB, v *apperror.Validation, cohortID, authorID uuid.UUID, in refsInput) (refs, error) {
	var out refs
	var err error
	if in.setModule {
		if out.moduleID, err = checkRef(ctx, db, v, "moduleId", "modules", cohortID, in.moduleID,
			"Deze module hoort niet bij deze groep."); err != nil {
			return out, err
		}
	}
	if in.setSession {
		if out.sessionID, err = checkRef(ctx, db, v, "sessionId", "sessions", cohortID, in.sessionID,
			"Deze bijeenkomst hoort niet bij deze groep."); err != nil {
			return out, err
		}
	}
	if !in.setGoals {
		return out, nil
	}
	if len(in.goalIDs) > maxGoals {
		v.Add("goalIds", "too_many", fmt.Sprintf("Koppel hoogstens %d leerdoelen.", maxGoals))
		return out, nil
	}
	out.goalIDs = []uuid.UUID{}
	seen := map[uuid.UUID]bool{}
	index := map[uuid.UUID]int{}
	for i, raw := range in.goalIDs {
		field := fmt.Sprintf("goalIds[%d]", i)
		id, perr := uuid.Parse(raw)
		switch {
		case perr != nil:
			v.Add(field, "invalid", "Dit is geen geldige verwijzing naar een leerdoel.")
		case seen[id]:
			v.Add(field, "duplicate", "Dit leerdoel staat al eerder in de lijst.")
		default:
			seen[id] = true
			index[id] = i
			out.goalIDs = append(out.goalIDs, id)
		}
	}
	own, err := ownGoalsIn(ctx, db, cohortID, authorID, out.goalIDs)
	if err != nil {
		return out, err
	}
	for _, id := range out.goalIDs {
		if !own[id] {
			v.Add(fmt.Sprintf("goalIds[%d]", index[id]), "unknown", "Dit is geen leerdoel van u in deze groep.")
		}
	}
	return out, nil
}

func checkRef(ctx context.Context, db *gorm.DB, v *apperror.Validation, field, table string, cohortID uuid.UUID, raw *string, notHere string) (*uuid.UUID, error) {
	if raw == nil {
		return nil, nil // none: the link is cleared (or never made)
	}
	id, err := uuid.Parse(*raw)
	if err != nil {
		v.Add(field, "invalid", "Dit is geen geldige verwijzing.")
		return nil, nil
	}
	found, err := inCohort(ctx, db, table, cohortID, []uuid.UUID{id})
	if err != nil {
		return nil, err
	}
	if !found[id] {
		v.Add(field, "unknown", notHere)
	}
	return &id, nil
}
