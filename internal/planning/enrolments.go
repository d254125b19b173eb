package planning

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/audit"
	"github.com/vgs/leergang/internal/identity"
	"github.com/vgs/leergang/internal/mail"
	"github.com/vgs/leergang/internal/nltime"
)

// A cohort's facilitators and admins enrol participants one by one or from a CSV file (csvimport.go). An
// An enrolled person without an account gets one, and an invitation mail to set a password; someone who already has
// a password gets a notice. Withdrawing keeps the enrolment, with its date, as history.

// Participant is an enrolment as the cohort's facilitators see it.
type Participant struct {
	ID          uuid.UUID  `json:"id"`
	UserID      uuid.UUID  `json:"userId"`
	Name        string     `json:"name"`
	Email       string     `json:"email"`
	Gemeente    string     `json:"gemeente"`
	JobTitle    string     `json:"jobTitle"`
	Status      string     `json:"status"`
	EnrolledAt  time.Time  `json:"enrolledAt"`
	WithdrawnAt *time.Time `json:"withdrawnAt"`
	// PasswordSet is false while the person has not accepted their invitation.
	PasswordSet bool `json:"passwordSet"`
	Version     int  `json:"version"`
}

// EnrolInput is one person to enrol.
type EnrolInput struct {
	Name     string `json:"name"`
	Email    string `json:"email"`
	Gemeente string `json:"gemeente"`
	JobTitle string `json:"jobTitle"`
}

// enrolOutcome is what enrolling one person came to.
type enrolOutcome int

const (
	outcomeEnrolled enrolOutcome = iota
	outcomeAlreadyEnrolled
	outcomeAlreadyWithdrawn
	outcomeAccountErased
	outcomeCohortFull
)

// normalised trims the input and checks it; field names are prefixed by the caller's (CSV columns differ).
func (in EnrolInput) normalised(fields [4]string) (EnrolInput, []apperror.FieldError) {
	in = EnrolInput{Name: strings.TrimSpace(in.Name), Email: identity.NormaliseEmail(in.Email),
		Gemeente: strings.TrimSpace(in.Gemeente), JobTitle: strings.TrimSpace(in.JobTitle)}
	var errs []apperror.FieldError
	if code, msg := identity.NameProblem(in.Name); code != "" {
		errs = append(errs, apperror.FieldError{Field: fields[0], Code: code, Message: msg})
	}
	if code, msg := identity.EmailProblem(in.Email); code != "" {
		errs = append(errs, apperror.FieldError{Field: fields[1], Code: code, Message: msg})
	}
	var v apperror.Validation
	checkAdminText(&v, fields[2], in.Gemeente, false, 100, "")
	checkAdminText(&v, fields[3], in.JobTitle, false, 200, "")
	if err, ok := apperror.As(v.Err()); ok {
		errs = append(errs, err.Fields...)
	}
	return in, errs
}

var jsonEnrolFields = [4]string{"name", "email", "gemeente", "jobTitle"}

// checkEnrollable refuses changes to who takes part once a cohort is over.
func checkEnrollable(c lockedCohort) error {
	if c.Status == "completed" || c.Status == "archived" {
		return apperror.Newf(apperror.Conflict, "Deze groep is "+cohortStatusNames[c.Status],
			"In een %s groep verandert niet meer wie er deelneemt.", cohortStatusNames[c.Status])
	}
	return nil
}

// Participants lists a cohort's enrolments, withdrawn ones last, for its facilitators and admins.
func (s *Service) Participants(ctx context.Context, p *access.Principal, cohortID uuid.UUID) ([]Participant, error) {
	if _, err := s.cohortForManagement(ctx, p, cohortID); err != nil {
		return nil, err
	}
	return s.store.Participants(ctx, s.store.db, "e.cohort_id = ?", cohortID)
}

// Enrol enrols one person in the cohort and queues their mail, in one transaction.
func (s *Service) Enrol(ctx context.Context, p *access.Principal, cohortID uuid.UUID, in EnrolInput, baseURL string) (Participant, error) {
	if _, err := s.cohortForManagement(ctx, p, cohortID); err != nil {
		return Participant{}, err
	}
	in, errs := in.normalised(jsonEnrolFields)
	if len(errs) > 0 {
		return Participant{}, &apperror.Error{Code: apperror.Invalid, Title: "De invoer is niet geldig",
			Detail: "Controleer de gemarkeerde velden.", Fields: errs}
	}
	var out Participant
	err := s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := s.store.LockCohort(tx, cohortID, 0)
		if err != nil {
			return err
		}
		if err := checkEnrollable(c); err != nil {
			return err
		}
		id, outcome, err := s.enrolPerson(tx, &c, in, p.UserID, baseURL)
		if err != nil {
			return err
		}
		if err := outcomeError(outcome, c); err != nil {
			return err
		}
		out, err = s.store.Participant(ctx, tx, id)
		return err
	})
	return out, err
}

func outcomeError(o enrolOutcome, c lockedCohort) error {
	switch o {
	case outcomeAlreadyEnrolled:
		return apperror.Newf(apperror.Conflict, "Al ingeschreven", "Deze persoon is al deelnemer van deze groep.")
	case outcomeAlreadyWithdrawn:
		return apperror.Newf(apperror.Conflict, "Eerder uitgeschreven",
			"Deze persoon is eerder uit deze groep uitgeschreven. Een uitschrijving blijft als geschiedenis bewaard.")
	case outcomeAccountErased:
		return apperror.Newf(apperror.Conflict, "Account verwijderd",
			"Het account met dit e-mailadres is op verzoek van de persoon verwijderd en kan niet worden ingeschreven.")
	case outcomeCohortFull:
		return apperror.Newf(apperror.Conflict, "De groep is vol",
			"Alle %d plaatsen zijn bezet. Vraag het programmabureau om meer plaatsen, of schrijf eerst iemand uit.", c.Capacity)
	}
	return nil
}

// enrolPerson enrols one checked person in the locked cohort c, creating their account when they have none, and
// queues their mail, all in tx. It counts the new participant in c.Active. Anything but a new enrolment is
// reported as the outcome and changes nothing.
func (s *Service) enrolPerson(tx *gorm.DB, c *lockedCohort, in EnrolInput, actor uuid.UUID, baseURL string) (uuid.UUID, enrolOutcome, error) {
	existing, err := s.store.EnrolmentOfEmail(tx, c.ID, in.Email)
	if err != nil {
		return uuid.Nil, 0, err
	}
	switch {
	case existing.Erased:
		return uuid.Nil, outcomeAccountErased, nil
	case existing.Status == "withdrawn":
		return uuid.Nil, outcomeAlreadyWithdrawn, nil
	case existing.Status != "":
		return uuid.Nil, outcomeAlreadyEnrolled, nil
	case c.Active >= c.Capacity:
		return uuid.Nil, outcomeCohortFull, nil
	}
	u, _, err := identity.FindOrCreateUser(tx, in.Email, in.Name)
	if err != nil {
		return uuid.Nil, 0, err
	}
	id, err := s.store.InsertEnrolment(tx, c.ID, u.ID, in.Gemeente, in.JobTitle)
	if err != nil {
		return uuid.Nil, 0, err
	}
	if err := audit.Record(tx.Statement.Context, tx, enrolmentEntry(actor, u.ID, "enrolment.created", id, c.ID)); err != nil {
		return uuid.Nil, 0, err
	}
	c.Active++
	cohortName := fmt.Sprintf("%s, groep %s", c.ProgrammeName, c.Name)
	if u.PasswordHash == nil {
		err = identity.Invite(tx, identity.Invitation{UserID: u.ID, Email: u.Email, Name: u.Name, InvitedBy: &actor,
			BaseURL: baseURL, Reason: fmt.Sprintf("U bent ingeschreven als deelnemer van de %s, die begint op %s. "+
				"In Leergang vindt u het programma met de bijeenkomsten en sprekers, en werkt u aan uw leerdoelen.",
				cohortName, nltime.Date(c.StartsOn))}, s.now())
	} else {
		err = mail.Enqueue(tx, mail.Message{To: u.Email, ToName: u.Name, Kind: "enrolment",
			DedupeKey: "enrolment:" + id.String(),
			Subject:   "U bent ingeschreven voor de " + c.ProgrammeName,
			Text: fmt.Sprintf("Beste %s,\n\nU bent ingeschreven als deelnemer van de %s, die begint op %s.\n\n"+
				"Log in op %s/inloggen met uw e-mailadres (%s) en uw wachtwoord om het programma te zien.\n\n"+
				"Met vriendelijke groet,\n\nLeergang — Vereniging van Gemeentesecretarissen en A&O-fonds Gemeenten\n",
				u.Name, cohortName, nltime.Date(c.StartsOn), strings.TrimRight(baseURL, "/"), u.Email),
		})
	}
	return id, outcomeEnrolled, err
}

// Withdraw ends a participant's enrolment based on its version; the enrolment stays, marked withdrawn.
func (s *Service) Withdraw(ctx context.Context, p *access.Principal, enrolmentID uuid.UUID, version int) (Participant, error) {
	e, err := s.enrolmentForManagement(ctx, p, enrolmentID)
	if err != nil {
		return Participant{}, err
	}
	var out Participant
	err = s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := s.store.LockCohort(tx, e.CohortID, 0)
		if err != nil {
			return err
		}
		if err := checkEnrollable(c); err != nil {
			return err
		}
		if err := s.store.WithdrawEnrolment(tx, enrolmentID, version); err != nil {
			return err
		}
		if out, err = s.store.Participant(ctx, tx, enrolmentID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, enrolmentEntry(p.UserID, out.UserID, "enrolment.withdrawn", enrolmentID, e.CohortID))
	})
	return out, err
}

// enrolmentEntry is the audit line of an enrolment made or ended, about the participant.
func enrolmentEntry(actor, participant uuid.UUID, action string, enrolmentID, cohortID uuid.UUID) audit.Entry {
	return audit.Entry{ActorID: audit.Ptr(actor), SubjectID: audit.Ptr(participant), Action: action,
		ObjectType: "enrolment", ObjectID: enrolmentID.String(), Detail: map[string]any{"cohortId": cohortID.String()}}
}

// ResendInvitation mails a participant who has not set a password yet a new link; the old one stops working.
func (s *Service) ResendInvitation(ctx context.Context, p *access.Principal, enrolmentID uuid.UUID, baseURL string) error {
	e, err := s.enrolmentForManagement(ctx, p, enrolmentID)
	if err != nil {
		return err
	}
	part, err := s.store.Participant(ctx, s.store.db, enrolmentID)
	if err != nil {
		return err
	}
	switch {
	case part.PasswordSet:
		return apperror.Newf(apperror.Conflict, "Account al in gebruik",
			"%s heeft al een wachtwoord ingesteld en kan gewoon inloggen.", part.Name)
	case part.Status == "withdrawn":
		return apperror.Newf(apperror.Conflict, "Uitgeschreven", "%s is uit deze groep uitgeschreven.", part.Name)
	}
	return s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return identity.Invite(tx, identity.Invitation{UserID: part.UserID, Email: part.Email, Name: part.Name,
			InvitedBy: &p.UserID, BaseURL: baseURL,
			Reason: fmt.Sprintf("U bent ingeschreven als deelnemer van de %s, groep %s. Hierbij ontvangt u een nieuwe link om uw wachtwoord in te stellen.",
				e.ProgrammeName, e.CohortName)}, s.now())
	})
}

type enrolmentRef struct {
	ID            uuid.UUID
	CohortID      uuid.UUID
	CohortName    string
	ProgrammeID   uuid.UUID
	ProgrammeName string
}

var errEnrolmentNotFound = apperror.New(apperror.NotFound, "Inschrijving niet gevonden")

// enrolmentForManagement finds an enrolment and checks that p manages its cohort.
func (s *Service) enrolmentForManagement(ctx context.Context, p *access.Principal, id uuid.UUID) (enrolmentRef, error) {
	var e enrolmentRef
	res := s.store.db.WithContext(ctx).Raw(`SELECT e.id, e.cohort_id, c.name AS cohort_name, c.programme_id,
			p.name AS programme_name
		FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id JOIN programmes p ON p.id = c.programme_id
		WHERE e.id = ?`, id).Scan(&e)
	if res.Error != nil {
		return e, fmt.Errorf("planning: enrolment %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return e, errEnrolmentNotFound
	}
	if !p.CanManageCohort(e.ProgrammeID, e.CohortID) {
		return e, errNoCohortManagement
	}
	return e, nil
}

// errDryRun rolls back a dry run's transaction after it has done everything a real run would.
var errDryRun = errors.New("planning: dry run")
