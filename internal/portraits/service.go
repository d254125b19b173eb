package portraits

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/audit"
	"github.com/vgs/leergang/internal/cohorts"
	"github.com/vgs/leergang/internal/httpio"
	"github.com/vgs/leergang/internal/markdown"
)

// Service applies the rules and access checks of portraits.
type Service struct {
	db  *gorm.DB
	now func() time.Time
}

// NewService wires the service.
func NewService(db *gorm.DB) *Service { return &Service{db: db, now: time.Now} }

const (
	maxTitle = 200
	maxBody  = 50000
	maxNote  = 2000
)

var (
	errUnauthenticated = apperror.Newf(apperror.Unauthenticated, "Niet ingelogd", "Log in om verder te gaan.")
	errNotParticipant  = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Alleen deelnemers van deze groep schrijven hier een portret.")
	errNotReviewer = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Alleen het programmabureau beoordeelt portretten.")
	errNoPortrait = apperror.Newf(apperror.NotFound, "Nog geen portret",
		"U hebt in deze groep nog geen portret geschreven.")
	// The same words as httpio.IfMatchVersion, for a save that turns out to be an update.
	errVersionRequired = apperror.Newf(apperror.PreconditionRequired, "Versie ontbreekt",
		`U hebt al een portret. Stuur de versie waarop deze wijziging is gebaseerd mee in de kop If-Match, bijvoorbeeld If-Match: "3".`)
)

// author checks that p may keep a portrait in the cohort: its participants (not withdrawn) only.
func (s *Service) author(ctx context.Context, p *access.Principal, cohortID uuid.UUID) error {
	if p == nil {
		return errUnauthenticated
	}
	c, err := cohorts.Find(ctx, s.db, cohortID)
	if err != nil {
		return err
	}
	// Archived cohorts keep their portraits: the public page outlives the cohort.
	return cohorts.CheckParticipant(p, c, errNotParticipant, nil)
}

// keeper lets the author read and withdraw a portrait they still have in a cohort they have left: consent can
// always be taken back, also after withdrawal from the cohort (AVG art. 7(3)).
func (s *Service) keeper(ctx context.Context, p *access.Principal, cohortID uuid.UUID) error {
	err := s.author(ctx, p, cohortID)
	if err != errNotParticipant {
		return err
	}
	var n int64
	if qerr := s.db.WithContext(ctx).Raw(`SELECT count(*) FROM portraits WHERE cohort_id = ? AND user_id = ?`,
		cohortID, p.UserID).Scan(&n).Error; qerr != nil {
		return fmt.Errorf("portraits: keeper: %w", qerr)
	}
	if n == 0 {
		return err
	}
	return nil
}

func ownPortrait(tx *gorm.DB, lock bool, p *access.Principal, cohortID uuid.UUID) (row, error) {
	r, err := one(tx, lock, "pt.cohort_id = ? AND pt.user_id = ?", cohortID, p.UserID)
	if apperror.CodeOf(err) == apperror.NotFound {
		return row{}, errNoPortrait
	}
	return r, err
}

// Mine returns the signed-in participant's own portrait in the cohort.
func (s *Service) Mine(ctx context.Context, p *access.Principal, cohortID uuid.UUID) (Portrait, error) {
	if err := s.keeper(ctx, p, cohortID); err != nil {
		return Portrait{}, err
	}
	r, err := ownPortrait(s.db.WithContext(ctx), false, p, cohortID)
	if err != nil {
		return Portrait{}, err
	}
	return r.portrait(), nil
}

// checkText reports fields that are no single line of text (title) or that hold characters PostgreSQL refuses.
func checkText(v *apperror.Validation, field, value string, required, oneLine bool, max int, label string) {
	switch {
	case required && value == "":
		v.Add(field, "required", fmt.Sprintf("Vul %s in.", label))
	case utf8.RuneCountInString(value) > max:
		v.Add(field, "too_long", fmt.Sprintf("Maximaal %d tekens.", max))
	case strings.ContainsRune(value, 0):
		v.Add(field, "invalid", "De tekst bevat een ongeldig teken.")
	case oneLine && strings.IndexFunc(value, unicode.IsControl) >= 0:
		v.Add(field, "invalid", "Gebruik één regel tekst.")
	}
}

func (in Input) normalised() (title, body string, err error) {
	var v apperror.Validation
	if in.Title == nil {
		v.Add("title", "required", "Vul een titel in.")
	} else {
		title = strings.TrimSpace(*in.Title)
		checkText(&v, "title", title, true, true, maxTitle, "een titel")
	}
	if in.Body == nil {
		v.Add("body", "required", "Stuur de tekst van het portret mee (die mag nog leeg zijn).")
	} else {
		body = strings.TrimRight(*in.Body, " \t\r\n")
		checkText(&v, "body", body, false, false, maxBody, "de tekst")
	}
	return title, body, v.Err()
}

// Save writes the participant's portrait: the first save creates it (version 0: no If-Match), a later one needs
// the version it is based on. Consent is given for a text, so a new text withdraws the consent and any
// publication: the portrait is a draft again. Saving the same text again changes nothing.
func (s *Service) Save(ctx context.Context, p *access.Principal, cohortID uuid.UUID, version int, in Input) (Portrait, bool, error) {
	if err := s.author(ctx, p, cohortID); err != nil {
		return Portrait{}, false, err
	}
	title, body, err := in.normalised()
	if err != nil {
		return Portrait{}, false, err
	}
	var out Portrait
	created := false
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := ownPortrait(tx, true, p, cohortID)
		switch {
		case apperror.CodeOf(err) == apperror.NotFound:
			if version != 0 {
				return httpio.Stale() // based on a portrait that no longer exists
			}
			if err := s.create(ctx, tx, p, cohortID, title, body); err != nil {
				return err
			}
			created = true
		case err != nil:
			return err
		case version == 0:
			return errVersionRequired
		case r.Version != version:
			return httpio.Stale()
		case r.Title == title && r.Body == body:
			out = r.portrait()
			return nil
		default:
			if err := update(tx, r.ID, version, `title = ?, body = ?, body_html = ?, status = 'draft',
				consent_given_at = NULL, submitted_at = NULL, published_at = NULL`, title, body, markdown.Render(body)); err != nil {
				return err
			}
			if err := audit.Record(ctx, tx, audit.Entry{ActorID: &p.UserID, SubjectID: &p.UserID,
				Action: "portrait.saved", ObjectType: "portrait", ObjectID: r.ID.String(),
				Detail: map[string]any{"fields": changedFields(r, title, body), "statusFrom": r.Status,
					"unpublished": r.PublishedAt != nil}}); err != nil {
				return err
			}
		}
		r, err = ownPortrait(tx, false, p, cohortID)
		out = r.portrait()
		return err
	})
	return out, created, err
}

func (s *Service) create(ctx context.Context, tx *gorm.DB, p *access.Principal, cohortID uuid.UUID, title, body string) error {
	var id uuid.UUID
	// Two first saves at once: the second finds the portrait created and must be based on its version.
	err := tx.Raw(`INSERT INTO portraits (user_id, cohort_id, title, body, body_html) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (cohort_id, user_id) DO NOTHING RETURNING id`, p.UserID, cohortID, title, body, markdown.Render(body)).Row().Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return errVersionRequired
	}
	if err != nil {
		return fmt.Errorf("portraits: create: %w", err)
	}
	return audit.Record(ctx, tx, audit.Entry{ActorID: &p.UserID, SubjectID: &p.UserID, Action: "portrait.saved",
		ObjectType: "portrait", ObjectID: id.String(), Detail: map[string]any{"fields": []string{"title", "body"}, "created": true}})
}

func changedFields(r row, title, body string) []string {
	var f []string
	if r.Title != title {
		f = append(f, "title")
	}
	if r.Body != body {
		f = append(f, "body")
	}
	return f
}

// Submit gives consent to publish the current text and puts the portrait before the programme office.
func (s *Service) Submit(ctx context.Context, p *access.Principal, cohortID uuid.UUID, version int, in Consent) (Portrait, error) {
	if err := s.author(ctx, p, cohortID); err != nil {
		return Portrait{}, err
	}
	if in.Consent == nil || !*in.Consent {
		var v apperror.Validation
		v.Add("consent", "required", "Geef toestemming om dit portret met uw naam, gemeente en functie te publiceren.")
		return Portrait{}, v.Err()
	}
	var out Portrait
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := ownPortrait(tx, true, p, cohortID)
		if err != nil {
			return err
		}
		if r.Version != version {
			return httpio.Stale()
		}
		if r.Status != StatusDraft && r.Status != StatusRejected {
			return apperror.Newf(apperror.Conflict, "Al ingediend",
				"Dit portret is al %s. Trek het eerst in als u het wilt wijzigen.", statusNames[r.Status])
		}
		var v apperror.Validation
		checkText(&v, "title", r.Title, true, true, maxTitle, "een titel")
		checkText(&v, "body", strings.TrimSpace(r.Body), true, false, maxBody, "de tekst van uw portret")
		if err := v.Err(); err != nil {
			return err
		}
		now := s.now()
		if err := update(tx, r.ID, version, `status = 'submitted', consent_given_at = ?, submitted_at = ?,
			published_at = NULL`, now, now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{ActorID: &p.UserID, SubjectID: &p.UserID,
			Action: "portrait.submitted", ObjectType: "portrait", ObjectID: r.ID.String(),
			Detail: map[string]any{"statusFrom": r.Status, "consent": true}}); err != nil {
			return err
		}
		r, err = ownPortrait(tx, false, p, cohortID)
		out = r.portrait()
		return err
	})
	return out, err
}

var statusNames = map[string]string{
	StatusDraft: "een concept", StatusSubmitted: "ingediend", StatusApproved: "goedgekeurd", StatusRejected: "afgewezen",
}

// Withdraw takes back the consent: the portrait goes offline at once and is a draft again.
func (s *Service) Withdraw(ctx context.Context, p *access.Principal, cohortID uuid.UUID, version int) (Portrait, error) {
	if err := s.keeper(ctx, p, cohortID); err != nil {
		return Portrait{}, err
	}
	var out Portrait
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := ownPortrait(tx, true, p, cohortID)
		if err != nil {
			return err
		}
		if r.Version != version {
			return httpio.Stale()
		}
		if r.Status == StatusDraft {
			return apperror.Newf(apperror.Conflict, "Niets in te trekken",
				"Dit portret is een concept: er is geen toestemming gegeven en het is niet gepubliceerd.")
		}
		if err := update(tx, r.ID, version, `status = 'draft', consent_given_at = NULL, submitted_at = NULL,
			published_at = NULL`); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{ActorID: &p.UserID, SubjectID: &p.UserID,
			Action: "portrait.withdrawn", ObjectType: "portrait", ObjectID: r.ID.String(),
			Detail: map[string]any{"statusFrom": r.Status, "unpublished": r.PublishedAt != nil}}); err != nil {
			return err
		}
		r, err = ownPortrait(tx, false, p, cohortID)
		out = r.portrait()
		return err
	})
	return out, err
}

func reviewer(p *access.Principal) error {
	switch {
	case p == nil:
		return errUnauthenticated
	case !p.CanReviewPortraits():
		return errNotReviewer
	}
	return nil
}

// CheckReviewer refuses anyone who may not review portraits; handlers call it before they report a malformed id.
func (s *Service) CheckReviewer(p *access.Principal) error { return reviewer(p) }

// ReviewList lists portraits for the programme office: submitted ones by default, never drafts. Handing them to
// the office is a read of the authors' texts, logged per portrait so each author sees it in their access log.
func (s *Service) ReviewList(ctx context.Context, p *access.Principal, status string) (ReviewList, error) {
	if err := reviewer(p); err != nil {
		return ReviewList{}, err
	}
	var statuses []string
	switch status {
	case "", StatusSubmitted:
		statuses = []string{StatusSubmitted}
	case StatusApproved, StatusRejected:
		statuses = []string{status}
	case "all":
		statuses = []string{StatusSubmitted, StatusApproved, StatusRejected}
	default:
		var v apperror.Validation
		v.Add("status", "invalid", "Kies submitted, approved, rejected of all.")
		return ReviewList{}, v.Err()
	}
	out := ReviewList{Portraits: []ForReview{}}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		rows, err := reviewRows(ctx, tx, statuses)
		if err != nil {
			return err
		}
		entries := make([]audit.Entry, len(rows))
		for i, r := range rows {
			out.Portraits = append(out.Portraits, r.forReview())
			entries[i] = audit.Entry{ActorID: &p.UserID, SubjectID: audit.Ptr(r.UserID), Action: "portrait.read",
				ObjectType: "portrait", ObjectID: r.ID.String(), Detail: map[string]any{"status": r.Status}}
		}
		return audit.Record(ctx, tx, entries...)
	})
	if err != nil {
		return ReviewList{}, err
	}
	return out, nil
}

// Approve publishes a submitted portrait and tells its author.
func (s *Service) Approve(ctx context.Context, p *access.Principal, id uuid.UUID, version int) (ForReview, error) {
	if err := reviewer(p); err != nil {
		return ForReview{}, err
	}
	var out ForReview
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := one(tx, true, "pt.id = ?", id)
		if err != nil {
			return err
		}
		if r.Version != version {
			return httpio.Stale()
		}
		if r.Status != StatusSubmitted || r.ConsentGivenAt == nil {
			return apperror.Newf(apperror.Conflict, "Niet ingediend",
				"Alleen een ingediend portret kan worden goedgekeurd; dit portret is %s.", statusNames[r.Status])
		}
		now := s.now()
		if err := update(tx, r.ID, version, `status = 'approved', published_at = ?, reviewed_by = ?, reviewed_at = ?,
			review_note = ''`, now, p.UserID, now); err != nil {
			return err
		}
		if err := approvedMail(tx, r); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{ActorID: &p.UserID, SubjectID: audit.Ptr(r.UserID),
			Action: "portrait.approved", ObjectType: "portrait", ObjectID: r.ID.String(),
			Detail: map[string]any{"statusFrom": r.Status, "published": true}}); err != nil {
			return err
		}
		r, err = one(tx, false, "pt.id = ?", id)
		out = r.forReview()
		return err
	})
	return out, err
}

// Reject sends a submitted or approved portrait back to its author with a note; an approved one goes offline.
func (s *Service) Reject(ctx context.Context, p *access.Principal, id uuid.UUID, version int, in Rejection) (ForReview, error) {
	if err := reviewer(p); err != nil {
		return ForReview{}, err
	}
	var v apperror.Validation
	note := ""
	if in.Note == nil {
		v.Add("note", "required", "Schrijf de deelnemer waarom het portret niet wordt gepubliceerd.")
	} else {
		note = strings.TrimSpace(*in.Note)
		checkText(&v, "note", note, true, false, maxNote, "een toelichting voor de deelnemer")
	}
	if err := v.Err(); err != nil {
		return ForReview{}, err
	}
	var out ForReview
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := one(tx, true, "pt.id = ?", id)
		if err != nil {
			return err
		}
		if r.Version != version {
			return httpio.Stale()
		}
		if r.Status != StatusSubmitted && r.Status != StatusApproved {
			return apperror.Newf(apperror.Conflict, "Niet te beoordelen",
				"Alleen een ingediend of goedgekeurd portret kan worden afgewezen; dit portret is %s.", statusNames[r.Status])
		}
		now := s.now()
		if err := update(tx, r.ID, version, `status = 'rejected', published_at = NULL, reviewed_by = ?,
			reviewed_at = ?, review_note = ?`, p.UserID, now, note); err != nil {
			return err
		}
		if err := rejectedMail(tx, r, note); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{ActorID: &p.UserID, SubjectID: audit.Ptr(r.UserID),
			Action: "portrait.rejected", ObjectType: "portrait", ObjectID: r.ID.String(),
			Detail: map[string]any{"statusFrom": r.Status, "unpublished": r.PublishedAt != nil}}); err != nil {
			return err
		}
		r, err = one(tx, false, "pt.id = ?", id)
		out = r.forReview()
		return err
	})
	return out, err
}

// Public returns a programme's published portraits for its public page (no login).
func (s *Service) Public(ctx context.Context, slug string) (PublicPortraits, error) {
	prog, err := programmeBySlug(ctx, s.db, slug)
	if err != nil {
		return PublicPortraits{}, err
	}
	rows, err := publicRows(ctx, s.db, prog.ID)
	if err != nil {
		return PublicPortraits{}, err
	}
	out := PublicPortraits{Programme: PublicProgramme{Name: prog.Name, Slug: prog.Slug, Description: prog.Description},
		Portraits: make([]PublicPortrait, 0, len(rows))}
	for _, r := range rows {
		out.Portraits = append(out.Portraits, PublicPortrait{ID: r.ID, Title: r.Title, BodyHTML: r.portrait().BodyHTML,
			AuthorName: r.AuthorName, Gemeente: r.Gemeente, JobTitle: r.JobTitle, CohortName: r.CohortName,
			PublishedAt: *r.PublishedAt})
	}
	return out, nil
}
