package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	netmail "net/mail"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/audit"
)

// Admins find people by name or email to give them a role, and create accounts for people who have none yet.
// A new account has no password: its owner gets an invitation mail to set one (invitation.go).

// Person is someone with an account, as admins see them in search results.
type Person struct {
	ID    uuid.UUID `json:"id"`
	Name  string    `json:"name"`
	Email string    `json:"email"`
	// PasswordSet is false while the person has not yet accepted their invitation.
	PasswordSet bool `json:"passwordSet"`
	IsAdmin     bool `json:"isAdmin"`
}

// NewPersonInput is what an admin fills in to create an account.
type NewPersonInput struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

const (
	searchLimit    = 25
	minQueryLength = 2
	maxQueryLength = 100
)

var errNotAdmin = apperror.Newf(apperror.Forbidden, "Geen toegang", "Alleen beheerders kunnen personen zoeken en toevoegen.")

// NormaliseEmail is how addresses are stored: trimmed and lower-case.
func NormaliseEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// EmailProblem says what is wrong with an email address (already normalised), in a code and Dutch words;
// both are empty when it is fine.
func EmailProblem(email string) (code, message string) {
	switch {
	case email == "":
		return "required", "Vul een e-mailadres in."
	case len(email) > 254:
		return "too_long", "Een e-mailadres is hoogstens 254 tekens."
	}
	if a, err := netmail.ParseAddress(email); err != nil || a.Address != email || !strings.Contains(email[strings.LastIndex(email, "@"):], ".") {
		return "invalid", "Vul een geldig e-mailadres in, zoals naam@gemeente.nl."
	}
	return "", ""
}

// NameProblem says what is wrong with a person's name (already trimmed); both are empty when it is fine.
func NameProblem(name string) (code, message string) {
	switch {
	case name == "":
		return "required", "Vul een naam in."
	case utf8.RuneCountInString(name) > 200:
		return "too_long", "Een naam is hoogstens 200 tekens."
	case strings.ContainsAny(name, "\r\n\t"):
		return "invalid", "Een naam staat op één regel."
	}
	return "", ""
}

func (in NewPersonInput) normalised() (NewPersonInput, error) {
	out := NewPersonInput{Name: strings.TrimSpace(in.Name), Email: NormaliseEmail(in.Email)}
	var v apperror.Validation
	if code, msg := NameProblem(out.Name); code != "" {
		v.Add("name", code, msg)
	}
	if code, msg := EmailProblem(out.Email); code != "" {
		v.Add("email", code, msg)
	}
	return out, v.Err()
}

// SearchPeople finds people whose name or email contains the query, for admins.
func (s *Service) SearchPeople(ctx context.Context, p *access.Principal, query string) ([]Person, error) {
	if !p.CanManageProgrammes() {
		return nil, errNotAdmin
	}
	query = strings.TrimSpace(query)
	if n := utf8.RuneCountInString(query); n < minQueryLength || n > maxQueryLength {
		var v apperror.Validation
		v.Add("query", "length", fmt.Sprintf("Zoek op minstens %d en hoogstens %d tekens.", minQueryLength, maxQueryLength))
		return nil, v.Err()
	}
	// The query is a literal: % and _ in it must not act as wildcards.
	pattern := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(query) + "%"
	people := []Person{}
	err := s.db.WithContext(ctx).Raw(`SELECT id, name, email, password_hash IS NOT NULL AS password_set, is_admin
		FROM users WHERE erased_at IS NULL AND (name ILIKE @q OR email ILIKE @q)
		ORDER BY name, email LIMIT @limit`, map[string]any{"q": pattern, "limit": searchLimit}).Scan(&people).Error
	if err != nil {
		return nil, fmt.Errorf("identity: search people: %w", err)
	}
	return people, nil
}

// CreatePerson makes an account for someone new and mails them an invitation to set their password, in one
// transaction. An address that already has an account is a conflict.
func (s *Service) CreatePerson(ctx context.Context, p *access.Principal, in NewPersonInput, baseURL string) (Person, error) {
	if !p.CanManageProgrammes() {
		return Person{}, errNotAdmin
	}
	in, err := in.normalised()
	if err != nil {
		return Person{}, err
	}
	var out Person
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var id uuid.UUID
		err := tx.Raw(`INSERT INTO users (email, name) VALUES (?, ?) ON CONFLICT (email) DO NOTHING RETURNING id`,
			in.Email, in.Name).Row().Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return apperror.Newf(apperror.Conflict, "Deze persoon heeft al een account",
				"Er is al een account met het e-mailadres %s. Zoek de persoon op om een rol toe te kennen.", in.Email)
		}
		if err != nil {
			return fmt.Errorf("identity: create person: %w", err)
		}
		out = Person{ID: id, Name: in.Name, Email: in.Email}
		if err := audit.Record(ctx, tx, audit.Entry{ActorID: audit.Ptr(p.UserID), SubjectID: audit.Ptr(id),
			Action: "user.created", ObjectType: "user", ObjectID: id.String(), Detail: map[string]any{"admin": false}}); err != nil {
			return err
		}
		return Invite(tx, Invitation{UserID: id, Email: in.Email, Name: in.Name, InvitedBy: &p.UserID,
			Reason:  "Het programmabureau van de VGS heeft een account voor u aangemaakt in Leergang, het platform van de leergangen voor gemeentesecretarissen.",
			BaseURL: baseURL}, s.now())
	})
	return out, err
}

// FindOrCreateUser returns the account with this address (already normalised), creating it with name when
// there is none, within tx. created tells which; a found account keeps its own name.
func FindOrCreateUser(tx *gorm.DB, email, name string) (u User, created bool, err error) {
	// ON CONFLICT DO NOTHING: when someone else creates the same account at the same moment, we find theirs.
	var id uuid.UUID
	err = tx.Raw(`INSERT INTO users (email, name) VALUES (?, ?) ON CONFLICT (email) DO NOTHING RETURNING id`,
		email, name).Row().Scan(&id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return User{}, false, fmt.Errorf("identity: create user: %w", err)
	}
	created = err == nil
	res := tx.Raw(`SELECT id, email, name, password_hash, is_admin, locale, erased_at FROM users WHERE email = ?`, email).Scan(&u)
	if res.Error != nil {
		return User{}, false, fmt.Errorf("identity: find user: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return User{}, false, errors.New("identity: user vanished while being enrolled")
	}
	return u, created, nil
}
