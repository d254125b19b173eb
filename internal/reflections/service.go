package reflections

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/audit"
	"github.com/vgs/leergang/internal/cohorts"
	"github.com/vgs/leergang/internal/httpio"
	"github.com/vgs/leergang/internal/markdown"
)

// Who reads what is access.CanReadReflection, the author's choice: private (the author alone, admins included),
// facilitators (and the cohort's facilitators), cohort (and its participants). Whoever may not read a
// reflection learns nothing of it: 404, for its comments too. Reads by facilitators are logged for the author
// to see; fellow participants' reads are not (they are not staff).

// Service applies the rules and access checks of reflections.
type Service struct {
	db  *gorm.DB
	now func() time.Time
}

// NewService wires the service.
func NewService(db *gorm.DB) *Service { return &Service{db: db, now: time.Now} }

var (
	errUnauthenticated = apperror.Newf(apperror.Unauthenticated, "Niet ingelogd", "Log in om verder te gaan.")
	errNotCohortReader = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"De gedeelde reflecties van een groep zijn voor haar deelnemers en begeleiders.")
	errNotParticipant = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Alleen deelnemers van deze groep schrijven hier reflecties, en alleen hun eigen.")
	errNotAuthor = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Alleen de schrijver van een reflectie wijzigt of verwijdert haar.")
	errNotCommentAuthor = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Alleen wie een reactie schreef, kan haar wijzigen.")
	errNotCommentRemover = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Een reactie wordt verwijderd door wie haar schreef of door de schrijver van de reflectie.")
	errCommentDeleted = apperror.Newf(apperror.Conflict, "Deze reactie is verwijderd",
		"Een verwijderde reactie kan niet meer worden gewijzigd.")
	errCohortArchived = apperror.Newf(apperror.Conflict, "Deze groep is gearchiveerd",
		"In een gearchiveerde groep worden geen nieuwe reflecties geschreven.")
)

func signedIn(p *access.Principal) error {
	if p == nil {
		return errUnauthenticated
	}
	return nil
}

// MyReflections lists the signed-in person's own reflections in any cohort, private ones included; with a
// search (q), the best matches with the passage that matched.
func (s *Service) MyReflections(ctx context.Context, p *access.Principal, q MyQuery) (Page, error) {
	if err := signedIn(p); err != nil {
		return Page{}, err
	}
	lq, err := parseMyQuery(q)
	if err != nil {
		return Page{}, err
	}
	f := filter{}
	f.add(`r.author_id = ?`, p.UserID)
	if lq.cohortID != nil {
		f.add(`r.cohort_id = ?`, *lq.cohortID)
	}
	if lq.moduleID != nil {
		f.add(`r.module_id = ?`, *lq.moduleID)
	}
	if lq.goalID != nil {
		f.add(`EXISTS (SELECT 1 FROM reflection_goals rg WHERE rg.reflection_id = r.id AND rg.goal_id = ?)`, *lq.goalID)
	}
	if lq.visibility != "" {
		f.add(`r.visibility = ?`, lq.visibility)
	}
	db := s.db.WithContext(ctx)
	if lq.search != "" {
		rows, err := searchRows(ctx, db, f, lq.search, lq.limit)
		if err != nil {
			return Page{}, err
		}
		items, err := s.present(ctx, db, p, rows)
		return Page{Items: items}, err
	}
	f.after(lq.after)
	rows, err := listRows(ctx, db, f, lq.limit+1)
	if err != nil {
		return Page{}, err
	}
	return s.page(ctx, db, p, rows, lq.limit)
}

// SharedReflections lists the reflections of a cohort that the caller may read, never private ones (one's own
// included: those are in MyReflections). Facilitators' reads are logged, one entry per author on the page.
func (s *Service) SharedReflections(ctx context.Context, p *access.Principal, cohortID uuid.UUID, q SharedQuery) (Page, error) {
	if err := signedIn(p); err != nil {
		return Page{}, err
	}
	var out Page
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := cohorts.Find(ctx, tx, cohortID)
		if err != nil {
			return err
		}
		coach := p.CanCoach(c.ProgrammeID, c.ID)
		if !coach && !p.InCohort(access.Participant, c.ProgrammeID, c.ID) {
			return errNotCohortReader
		}
		lq, err := parseSharedQuery(q)
		if err != nil {
			return err
		}
		f := filter{}
		f.add(`r.cohort_id = ?`, c.ID)
		f.add(`r.visibility <> ?`, access.VisibilityPrivate)
		if !coach {
			f.add(`(r.visibility = ? OR r.author_id = ?)`, access.VisibilityCohort, p.UserID)
		}
		if lq.authorID != nil {
			f.add(`r.author_id = ?`, *lq.authorID)
		}
		if lq.moduleID != nil {
			f.add(`r.module_id = ?`, *lq.moduleID)
		}
		f.after(lq.after)
		rows, err := listRows(ctx, tx, f, lq.limit+1)
		if err != nil {
			return err
		}
		if out, err = s.page(ctx, tx, p, rows, lq.limit); err != nil {
			return err
		}
		if !coach {
			return nil
		}
		return audit.Record(ctx, tx, listReads(p, c.ID, out.Items)...)
	})
	return out, err
}

// listReads are the audit entries for a facilitator's read of a page: one per author, with how many of theirs
// were on it. One's own reflections are not logged.
func listReads(p *access.Principal, cohortID uuid.UUID, items []Reflection) []audit.Entry {
	counts := map[uuid.UUID]int{}
	var order []uuid.UUID
	for _, r := range items {
		if r.Author.ID == p.UserID {
			continue
		}
		if counts[r.Author.ID] == 0 {
			order = append(order, r.Author.ID)
		}
		counts[r.Author.ID]++
	}
	entries := make([]audit.Entry, 0, len(order))
	for _, author := range order {
		entries = append(entries, audit.Entry{ActorID: audit.Ptr(p.UserID), SubjectID: audit.Ptr(author),
			Action: "reflections.read", ObjectType: "reflections", ObjectID: cohortID.String(),
			Detail: map[string]any{"count": counts[author]}})
	}
	return entries
}

// page cuts rows (fetched one beyond limit) into a page with the cursor of its last item.
func (s *Service) page(ctx context.Context, db *gorm.DB, p *access.Principal, rows []row, limit int) (Page, error) {
	var next *string
	if len(rows) > limit {
		rows = rows[:limit]
		c := encodeCursor(rows[limit-1])
		next = &c
	}
	items, err := s.present(ctx, db, p, rows)
	return Page{Items: items, NextCursor: next}, err
}

// present turns rows into what p sees, loading the linked goals of the page in one query. Goals are shown to
// the author and the cohort's facilitators only.
func (s *Service) present(ctx context.Context, db *gorm.DB, p *access.Principal, rows []row) ([]Reflection, error) {
	var withGoals []uuid.UUID
	for _, r := range rows {
		if seesGoals(p, r) {
			withGoals = append(withGoals, r.ID)
		}
	}
	goals, err := goalsOf(ctx, db, withGoals)
	if err != nil {
		return nil, err
	}
	out := make([]Reflection, len(rows))
	for i, r := range rows {
		out[i] = toReflection(p, r, goals[r.ID])
	}
	return out, nil
}

func seesGoals(p *access.Principal, r row) bool {
	return p.UserID == r.AuthorID || p.CanCoach(r.ProgrammeID, r.CohortID)
}

func toReflection(p *access.Principal, r row, goals []RefTitle) Reflection {
	html := ""
	if r.BodyHTML != nil {
		html = *r.BodyHTML
	} else {
		html = markdown.Render(r.BodyMarkdown) // written before it was stored rendered
	}
	if goals == nil {
		goals = []RefTitle{}
	}
	out := Reflection{ID: r.ID, CohortID: r.CohortID, Author: PersonRef{ID: r.AuthorID, Name: r.AuthorName},
		Mine: r.AuthorID == p.UserID, WrittenOn: r.WrittenOn, Title: r.Title, BodyMarkdown: r.BodyMarkdown,
		BodyHTML: html, Visibility: r.Visibility, Goals: goals, CommentCount: r.CommentCount,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Version: r.Version}
	if r.ModuleID != nil && r.ModuleTitle != nil {
		out.Module = &RefTitle{ID: *r.ModuleID, Title: *r.ModuleTitle}
	}
	if r.SessionID != nil && r.SessionTitle != nil {
		out.Session = &RefTitle{ID: *r.SessionID, Title: *r.SessionTitle}
	}
	if r.Snippet != nil {
		out.Snippet = *r.Snippet
		if r.BodyHTML == nil {
			// Cut from roughly stripped Markdown (see roughPlainText): tidy the spaces it left.
			out.Snippet = strings.Join(strings.Fields(out.Snippet), " ")
		}
	}
	return out
}

// Reflection returns one reflection with its comments to those who may read it; 404 for everyone else.
func (s *Service) Reflection(ctx context.Context, p *access.Principal, id uuid.UUID) (ReflectionDetail, error) {
	if err := signedIn(p); err != nil {
		return ReflectionDetail{}, err
	}
	var out ReflectionDetail
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := readable(ctx, tx, p, id, false)
		if err != nil {
			return err
		}
		if out, err = s.detail(ctx, tx, p, r); err != nil {
			return err
		}
		if r.AuthorID == p.UserID || !p.CanCoach(r.ProgrammeID, r.CohortID) {
			return nil
		}
		return audit.Record(ctx, tx, audit.Entry{ActorID: audit.Ptr(p.UserID), SubjectID: audit.Ptr(r.AuthorID),
			Action: "reflection.read", ObjectType: "reflection", ObjectID: r.ID.String()})
	})
	return out, err
}

// readable finds a reflection that p may read; one p may not read does not exist for p.
func readable(ctx context.Context, db *gorm.DB, p *access.Principal, id uuid.UUID, lock bool) (row, error) {
	r, err := reflectionByID(ctx, db, id, lock)
	if err != nil {
		return row{}, err
	}
	if !p.CanReadReflection(r.AuthorID, r.Visibility, r.ProgrammeID, r.CohortID) {
		return row{}, errReflectionNotFound()
	}
	return r, nil
}

func (s *Service) detail(ctx context.Context, db *gorm.DB, p *access.Principal, r row) (ReflectionDetail, error) {
	items, err := s.present(ctx, db, p, []row{r})
	if err != nil {
		return ReflectionDetail{}, err
	}
	rows, err := commentsOf(ctx, db, r.ID)
	if err != nil {
		return ReflectionDetail{}, err
	}
	comments := make([]Comment, len(rows))
	for i, c := range rows {
		comments[i] = toComment(p, c)
	}
	return ReflectionDetail{Reflection: items[0], Comments: comments}, nil
}

func toComment(p *access.Principal, c commentRow) Comment {
	body := c.Body
	if c.Deleted {
		body = "" // removed before bodies were emptied on removal
	}
	return Comment{ID: c.ID, Author: PersonRef{ID: c.AuthorID, Name: c.AuthorName}, Mine: c.AuthorID == p.UserID,
		Body: body, Deleted: c.Deleted, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, Version: c.Version}
}

// CreateReflection writes a reflection of the signed-in participant in the cohort.
func (s *Service) CreateReflection(ctx context.Context, p *access.Principal, cohortID uuid.UUID, in Input) (ReflectionDetail, error) {
	if err := signedIn(p); err != nil {
		return ReflectionDetail{}, err
	}
	var out ReflectionDetail
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := cohorts.Find(ctx, tx, cohortID)
		if err != nil {
			return err
		}
		if err := cohorts.CheckParticipant(p, c, errNotParticipant, errCohortArchived); err != nil {
			return err
		}
		var v apperror.Validation
		f := fields{WrittenOn: s.today(), Visibility: access.VisibilityPrivate}
		if in.WrittenOn != nil {
			f.WrittenOn = checkWrittenOn(&v, *in.WrittenOn, s.today())
		}
		f.Title = checkTitle(&v, in.Title)
		if in.BodyMarkdown == nil {
			v.Add("bodyMarkdown", "required", "Schrijf uw reflectie.")
		} else {
			f.BodyMarkdown = checkBody(&v, *in.BodyMarkdown)
		}
		if in.Visibility != nil {
			f.Visibility = checkVisibility(&v, *in.Visibility)
		}
		refs := refsInput{moduleID: in.ModuleID, sessionID: in.SessionID, setModule: true, setSession: true,
			goalIDs: in.GoalIDs, setGoals: in.GoalIDs != nil}
		checked, err := checkRefs(ctx, tx, &v, c.ID, p.UserID, refs)
		if err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		f.ModuleID, f.SessionID = checked.moduleID, checked.sessionID
		id, err := insertReflection(ctx, tx, c.ID, p.UserID, f, markdown.Render(f.BodyMarkdown),
			markdown.PlainText(f.BodyMarkdown, 0))
		if err != nil {
			return err
		}
		if err := setGoals(ctx, tx, id, p.UserID, checked.goalIDs); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, ownChange(p, "reflection.created", id,
			map[string]any{"visibility": f.Visibility, "goals": len(checked.goalIDs)})); err != nil {
			return err
		}
		r, err := reflectionByID(ctx, tx, id, false)
		if err != nil {
			return err
		}
		out, err = s.detail(ctx, tx, p, r)
		return err
	})
	return out, err
}

func ownChange(p *access.Principal, action string, id uuid.UUID, detail map[string]any) audit.Entry {
	return audit.Entry{ActorID: audit.Ptr(p.UserID), SubjectID: audit.Ptr(p.UserID), Action: action,
		ObjectType: "reflection", ObjectID: id.String(), Detail: detail}
}

// UpdateReflection changes the fields the patch holds, if the reflection is still at version. Only its author
// changes it; other readers get 403, everyone else 404.
func (s *Service) UpdateReflection(ctx context.Context, p *access.Principal, id uuid.UUID, version int, in Patch) (ReflectionDetail, error) {
	if err := signedIn(p); err != nil {
		return ReflectionDetail{}, err
	}
	var out ReflectionDetail
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := readable(ctx, tx, p, id, true)
		if err != nil {
			return err
		}
		if r.AuthorID != p.UserID {
			return errNotAuthor
		}
		var v apperror.Validation
		f := fields{WrittenOn: r.WrittenOn, Title: r.Title, BodyMarkdown: r.BodyMarkdown, Visibility: r.Visibility,
			ModuleID: r.ModuleID, SessionID: r.SessionID}
		if in.WrittenOn != nil {
			f.WrittenOn = checkWrittenOn(&v, *in.WrittenOn, s.today())
		}
		if in.Title.Set {
			f.Title = checkTitle(&v, in.Title.Value)
		}
		if in.BodyMarkdown != nil {
			f.BodyMarkdown = checkBody(&v, *in.BodyMarkdown)
		}
		if in.Visibility != nil {
			f.Visibility = checkVisibility(&v, *in.Visibility)
		}
		refs := refsInput{moduleID: in.ModuleID.Value, setModule: in.ModuleID.Set, sessionID: in.SessionID.Value,
			setSession: in.SessionID.Set, setGoals: in.GoalIDs != nil}
		if in.GoalIDs != nil {
			refs.goalIDs = *in.GoalIDs
		}
		checked, err := checkRefs(ctx, tx, &v, r.CohortID, p.UserID, refs)
		if err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if refs.setModule {
			f.ModuleID = checked.moduleID
		}
		if refs.setSession {
			f.SessionID = checked.sessionID
		}
		changed, err := changedFields(ctx, tx, r, f, refs.setGoals, checked.goalIDs)
		if err != nil {
			return err
		}
		if len(changed) == 0 {
			if r.Version != version {
				return httpio.Stale()
			}
			out, err = s.detail(ctx, tx, p, r)
			return err
		}
		// Render only what changed; a row without its rendering (written by SQL) gets one now.
		var html, text *string
		if slices.Contains(changed, "bodyMarkdown") || r.BodyHTML == nil {
			h, t := markdown.Render(f.BodyMarkdown), markdown.PlainText(f.BodyMarkdown, 0)
			html, text = &h, &t
		}
		saved, err := updateReflection(ctx, tx, r.ID, version, f, html, text)
		if err != nil {
			return err
		}
		if !saved {
			return httpio.Stale()
		}
		if refs.setGoals {
			if err := setGoals(ctx, tx, r.ID, p.UserID, checked.goalIDs); err != nil {
				return err
			}
		}
		detail := map[string]any{"fields": changed}
		if f.Visibility != r.Visibility {
			detail["visibilityFrom"], detail["visibilityTo"] = r.Visibility, f.Visibility
		}
		if err := audit.Record(ctx, tx, ownChange(p, "reflection.updated", r.ID, detail)); err != nil {
			return err
		}
		saved2, err := reflectionByID(ctx, tx, r.ID, false)
		if err != nil {
			return err
		}
		out, err = s.detail(ctx, tx, p, saved2)
		return err
	})
	return out, err
}

// changedFields names the fields (as the API calls them) whose value differs from the reflection's.
func changedFields(ctx context.Context, db *gorm.DB, r row, f fields, setGoals bool, goalIDs []uuid.UUID) ([]string, error) {
	var out []string
	add := func(name string, changed bool) {
		if changed {
			out = append(out, name)
		}
	}
	add("writtenOn", f.WrittenOn != r.WrittenOn)
	add("title", !equalPtr(f.Title, r.Title))
	add("bodyMarkdown", f.BodyMarkdown != r.BodyMarkdown)
	add("visibility", f.Visibility != r.Visibility)
	add("moduleId", !equalPtr(f.ModuleID, r.ModuleID))
	add("sessionId", !equalPtr(f.SessionID, r.SessionID))
	if setGoals {
		current, err := linkedGoalIDs(ctx, db, r.ID)
		if err != nil {
			return nil, err
		}
		wanted := slices.Clone(goalIDs)
		slices.SortFunc(wanted, compareUUID)
		slices.SortFunc(current, compareUUID)
		add("goalIds", !slices.Equal(wanted, current))
	}
	return out, nil
}

func compareUUID(a, b uuid.UUID) int {
	for i := range a {
		if a[i] != b[i] {
			return int(a[i]) - int(b[i])
		}
	}
	return 0
}

func equalPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// DeleteReflection deletes a reflection with its comments, if it is still at version; its author only.
func (s *Service) DeleteReflection(ctx context.Context, p *access.Principal, id uuid.UUID, version int) error {
	if err := signedIn(p); err != nil {
		return err
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := readable(ctx, tx, p, id, true)
		if err != nil {
			return err
		}
		if r.AuthorID != p.UserID {
			return errNotAuthor
		}
		deleted, err := deleteReflection(ctx, tx, r.ID, version)
		if err != nil {
			return err
		}
		if !deleted {
			return httpio.Stale()
		}
		return audit.Record(ctx, tx, ownChange(p, "reflection.deleted", r.ID, map[string]any{"comments": r.CommentCount}))
	})
}

// AddComment adds a comment to a reflection, by anyone who may read it.
func (s *Service) AddComment(ctx context.Context, p *access.Principal, reflectionID uuid.UUID, in CommentInput) (Comment, error) {
	if err := signedIn(p); err != nil {
		return Comment{}, err
	}
	var out Comment
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// Locked, so that a comment cannot slip in under a reflection that is being made private.
		r, err := readable(ctx, tx, p, reflectionID, true)
		if err != nil {
			return err
		}
		body, err := checkComment(in)
		if err != nil {
			return err
		}
		id, err := insertComment(ctx, tx, r.ID, p.UserID, body)
		if err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, commentChange(p, r, "comment.created", id)); err != nil {
			return err
		}
		c, err := commentByID(ctx, tx, r.ID, id)
		out = toComment(p, c)
		return err
	})
	return out, err
}

func commentChange(p *access.Principal, r row, action string, commentID uuid.UUID) audit.Entry {
	return audit.Entry{ActorID: audit.Ptr(p.UserID), SubjectID: audit.Ptr(r.AuthorID), Action: action,
		ObjectType: "comment", ObjectID: commentID.String(), Detail: map[string]any{"reflectionId": r.ID.String()}}
}

// UpdateComment changes one's own comment, if it is still at version and not removed.
func (s *Service) UpdateComment(ctx context.Context, p *access.Principal, reflectionID, commentID uuid.UUID, version int, in CommentInput) (Comment, error) {
	if err := signedIn(p); err != nil {
		return Comment{}, err
	}
	var out Comment
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := readable(ctx, tx, p, reflectionID, true)
		if err != nil {
			return err
		}
		c, err := commentByID(ctx, tx, r.ID, commentID)
		if err != nil {
			return err
		}
		if c.AuthorID != p.UserID {
			return errNotCommentAuthor
		}
		if c.Deleted {
			return errCommentDeleted
		}
		body, err := checkComment(in)
		if err != nil {
			return err
		}
		if body == c.Body {
			if c.Version != version {
				return httpio.Stale()
			}
			out = toComment(p, c)
			return nil
		}
		saved, err := updateComment(ctx, tx, c.ID, version, body)
		if err != nil {
			return err
		}
		if !saved {
			return httpio.Stale()
		}
		if err := audit.Record(ctx, tx, commentChange(p, r, "comment.updated", c.ID)); err != nil {
			return err
		}
		c, err = commentByID(ctx, tx, r.ID, c.ID)
		out = toComment(p, c)
		return err
	})
	return out, err
}

// DeleteComment removes a comment: its author may, and so may the author of the reflection it is on. The thread
// keeps its place; the text is gone.
func (s *Service) DeleteComment(ctx context.Context, p *access.Principal, reflectionID, commentID uuid.UUID, version int) error {
	if err := signedIn(p); err != nil {
		return err
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := readable(ctx, tx, p, reflectionID, true)
		if err != nil {
			return err
		}
		c, err := commentByID(ctx, tx, r.ID, commentID)
		if err != nil {
			return err
		}
		if c.AuthorID != p.UserID && r.AuthorID != p.UserID {
			return errNotCommentRemover
		}
		if c.Deleted {
			return apperror.Newf(apperror.Conflict, "Deze reactie is al verwijderd", "Er is niets meer te verwijderen.")
		}
		removed, err := removeComment(ctx, tx, c.ID, version)
		if err != nil {
			return err
		}
		if !removed {
			return httpio.Stale()
		}
		return audit.Record(ctx, tx, commentChange(p, r, "comment.deleted", c.ID))
	})
}

// today is the current date in the Netherlands, which is what "not in the future" means to a participant.
func (s *Service) today() string { return s.now().In(amsterdam).Format(time.DateOnly) }
