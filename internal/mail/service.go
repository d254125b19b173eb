package mail

import (
	"context"
	"strconv"

	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/audit"
)

// Service shows the outbox to admins. Sending is the Worker's job; queueing is Enqueue's.
type Service struct{ store *Store }

// NewService wires the mail service.
func NewService(db *gorm.DB) *Service { return &Service{store: NewStore(db)} }

const (
	defaultPageSize = 50
	maxPageSize     = 200
)

// ListQuery is the outbox list's query string as it came in: before is the cursor of the previous page (empty
// for the first), limit the page size (empty for the default).
type ListQuery struct {
	Before string
	Limit  string
}

func (q ListQuery) parse() (before int64, limit int, err error) {
	var v apperror.Validation
	limit = defaultPageSize
	if q.Limit != "" {
		n, perr := strconv.Atoi(q.Limit)
		switch {
		case perr != nil:
			v.Add("limit", "type", "Geef het aantal als geheel getal.")
		case n < 1 || n > maxPageSize:
			v.Add("limit", "out_of_range", "Het aantal ligt tussen 1 en 200.")
		default:
			limit = n
		}
	}
	if q.Before != "" {
		n, perr := strconv.ParseInt(q.Before, 10, 64)
		if perr != nil || n < 1 {
			v.Add("before", "invalid", "Deze cursor is ongeldig; gebruik de nextCursor van de vorige pagina.")
		}
		before = n
	}
	return before, limit, v.Err()
}

var (
	errUnauthenticated = apperror.Newf(apperror.Unauthenticated, "Niet ingelogd", "Log in om verder te gaan.")
	errNotAdmin        = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Alleen beheerders kunnen de uitgaande e-mail inzien.")
)

func requireAdmin(p *access.Principal) error {
	switch {
	case p == nil:
		return errUnauthenticated
	case !p.IsAdmin:
		return errNotAdmin
	}
	return nil
}

// List returns a page of the outbox, newest first, to admins.
func (s *Service) List(ctx context.Context, p *access.Principal, q ListQuery) (Page, error) {
	if err := requireAdmin(p); err != nil {
		return Page{}, err
	}
	before, limit, err := q.parse()
	if err != nil {
		return Page{}, err
	}
	items, err := s.store.List(ctx, before, limit+1)
	if err != nil {
		return Page{}, err
	}
	page := Page{Items: items}
	if len(items) > limit {
		page.Items = items[:limit]
		next := strconv.FormatInt(page.Items[limit-1].ID, 10)
		page.NextCursor = &next
	}
	return page, nil
}

// Get returns one mail with its bodies to admins. Reading someone's mail is a read of their personal data, so
// it is logged (outbox_mail.read, about the recipient when they have an account); a mail whose line cannot be
// written is not shown.
func (s *Service) Get(ctx context.Context, p *access.Principal, id int64) (Detail, error) {
	if err := requireAdmin(p); err != nil {
		return Detail{}, err
	}
	d, err := s.store.Get(ctx, id)
	if err != nil {
		return Detail{}, err
	}
	err = audit.Record(ctx, s.store.db, audit.Entry{ActorID: audit.Ptr(p.UserID), SubjectID: d.RecipientID,
		Action: "outbox_mail.read", ObjectType: "outbox_mail", ObjectID: strconv.FormatInt(id, 10),
		Detail: map[string]any{"kind": d.Kind}})
	if err != nil {
		return Detail{}, err
	}
	return d, nil
}
