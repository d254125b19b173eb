package planning

import (
	"context"
	"errors"
	"regexp"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
)

// The speaker directory: a programme's own speakers plus the shared list of all programmes (programme_id NULL).
// A speaker's public profile (name, role, organisation, bio, topics) is shown to everyone who may view a cohort
// where the speaker is confirmed; the contact details (email, phone) only to those who keep the directory:
// facilitators and admins (DESIGN.md, "speaker contact details").

// SpeakerProfile is what participants may see of a speaker.
type SpeakerProfile struct {
	ID           uuid.UUID `json:"id"`
	Name         string    `json:"name"`
	RoleTitle    string    `json:"roleTitle"`
	Organisation string    `json:"organisation"`
	Bio          string    `json:"bio"`
	Topics       textList  `json:"topics"`
}

// Speaker is a directory entry as its keepers see it, contact details included.
type Speaker struct {
	SpeakerProfile
	// ProgrammeID is null for a speaker in the shared directory of all programmes.
	ProgrammeID *uuid.UUID `json:"programmeId"`
	Email       *string    `json:"email"`
	Phone       *string    `json:"phone"`
	Version     int        `json:"version"`
}

// SpeakerInput adds a speaker. Shared puts them in the directory of all programmes (admins only).
type SpeakerInput struct {
	Name         string   `json:"name"`
	RoleTitle    string   `json:"roleTitle"`
	Organisation string   `json:"organisation"`
	Bio          string   `json:"bio"`
	Topics       []string `json:"topics"`
	Email        *string  `json:"email"`
	Phone        *string  `json:"phone"`
	Shared       bool     `json:"shared"`
}

// SpeakerPatch changes the fields that are present; email and phone may be cleared with null.
type SpeakerPatch struct {
	Name         *string      `json:"name"`
	RoleTitle    *string      `json:"roleTitle"`
	Organisation *string      `json:"organisation"`
	Bio          *string      `json:"bio"`
	Topics       *[]string    `json:"topics"`
	Email        nullableText `json:"email"`
	Phone        nullableText `json:"phone"`
}

// speakerFields is a validated speaker.
type speakerFields struct {
	name, roleTitle, organisation, bio string
	topics                             textList
	email, phone                       *string
}

const maxBioRunes = 5000

var phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 ()./-]{4,38}$`)

var (
	errSpeakerNotFound          = apperror.New(apperror.NotFound, "Spreker niet gevonden")
	errSpeakerProgrammeNotFound = apperror.New(apperror.NotFound, "Leergang niet gevonden")
	errNoSpeakerAccess          = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Alleen de begeleiders van deze leergang en beheerders beheren de sprekerslijst.")
	errSpeakerEmailTaken = apperror.Newf(apperror.Conflict, "Deze spreker staat al in de lijst",
		"Er staat al een spreker met dit e-mailadres in deze sprekerslijst. Pas die spreker aan in plaats van een nieuwe toe te voegen.")
)

func (in SpeakerInput) check() (speakerFields, error) {
	var v apperror.Validation
	f := speakerFields{
		name: strings.TrimSpace(in.Name), roleTitle: strings.TrimSpace(in.RoleTitle),
		organisation: strings.TrimSpace(in.Organisation), bio: strings.TrimSpace(in.Bio),
	}
	checkLine(&v, "name", f.name, true, 200)
	checkLine(&v, "roleTitle", f.roleTitle, false, 300)
	checkLine(&v, "organisation", f.organisation, false, 200)
	checkBlock(&v, "bio", f.bio, maxBioRunes)
	f.topics = cleanTopics(&v, "topics", in.Topics)
	f.email = cleanEmail(&v, "email", in.Email)
	f.phone = cleanPhone(&v, "phone", in.Phone)
	return f, v.Err()
}

func cleanPhone(v *apperror.Validation, field string, raw *string) *string {
	if raw == nil || strings.TrimSpace(*raw) == "" {
		return nil
	}
	s := strings.TrimSpace(*raw)
	if !phonePattern.MatchString(s) {
		v.Add(field, "invalid", "Vul een telefoonnummer in met cijfers, eventueel met +, spaties, streepjes of haakjes.")
	}
	return &s
}

// applyTo merges the patch into the speaker as they are.
func (patch SpeakerPatch) applyTo(cur Speaker) SpeakerInput {
	in := SpeakerInput{Name: cur.Name, RoleTitle: cur.RoleTitle, Organisation: cur.Organisation, Bio: cur.Bio,
		Topics: cur.Topics, Email: cur.Email, Phone: cur.Phone}
	overwrite(&in.Name, patch.Name)
	overwrite(&in.RoleTitle, patch.RoleTitle)
	overwrite(&in.Organisation, patch.Organisation)
	overwrite(&in.Bio, patch.Bio)
	if patch.Topics != nil {
		in.Topics = *patch.Topics
	}
	if patch.Email.Set {
		in.Email = patch.Email.Value
	}
	if patch.Phone.Set {
		in.Phone = patch.Phone.Value
	}
	return in
}

// ProgrammeSpeakers lists the programme's speakers and the shared ones, for those who keep the directory.
func (s *Service) ProgrammeSpeakers(ctx context.Context, p *access.Principal, programmeID uuid.UUID) ([]Speaker, error) {
	if err := s.store.programmeExists(ctx, programmeID); err != nil {
		return nil, err
	}
	if !p.CanManageSpeakers(&programmeID) {
		return nil, errNoSpeakerAccess
	}
	return s.store.speakersOfProgramme(ctx, programmeID)
}

// CreateSpeaker adds a speaker to the programme's directory, or (admins) to the shared one.
func (s *Service) CreateSpeaker(ctx context.Context, p *access.Principal, programmeID uuid.UUID, in SpeakerInput) (Speaker, error) {
	if err := s.store.programmeExists(ctx, programmeID); err != nil {
		return Speaker{}, err
	}
	if !p.CanManageSpeakers(&programmeID) {
		return Speaker{}, errNoSpeakerAccess
	}
	directory := &programmeID
	if in.Shared {
		if !p.IsAdmin {
			return Speaker{}, apperror.Newf(apperror.Forbidden, "Geen toegang",
				"Alleen beheerders zetten sprekers in de gedeelde lijst van alle leergangen.")
		}
		directory = nil
	}
	f, err := in.check()
	if err != nil {
		return Speaker{}, err
	}
	id, err := s.store.insertSpeaker(ctx, directory, f, p.UserID)
	if err != nil {
		return Speaker{}, err
	}
	return s.store.speakerByID(ctx, id)
}

// SpeakerForReader returns a speaker: in full to those who keep the directory, the public profile to those who
// may view a cohort where the speaker is confirmed.
func (s *Service) SpeakerForReader(ctx context.Context, p *access.Principal, id uuid.UUID) (any, error) {
	sp, err := s.store.speakerByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if p.CanManageSpeakers(sp.ProgrammeID) {
		return sp, nil
	}
	cohorts, err := s.store.cohortsWithConfirmedSpeaker(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, c := range cohorts {
		if p.CanViewCohort(c.ProgrammeID, c.CohortID) {
			return sp.SpeakerProfile, nil
		}
	}
	return nil, apperror.Newf(apperror.Forbidden, "Geen toegang",
		"U ziet sprekers die bevestigd zijn voor een bijeenkomst van uw groep.")
}

// UpdateSpeaker changes a speaker at version.
func (s *Service) UpdateSpeaker(ctx context.Context, p *access.Principal, id uuid.UUID, version int, patch SpeakerPatch) (Speaker, error) {
	cur, err := s.store.speakerByID(ctx, id)
	if err != nil {
		return Speaker{}, err
	}
	if !p.CanManageSpeakers(cur.ProgrammeID) {
		return Speaker{}, errNoSpeakerAccess
	}
	f, err := patch.applyTo(cur).check()
	if err != nil {
		return Speaker{}, err
	}
	if err := s.store.updateSpeaker(ctx, id, version, f); err != nil {
		return Speaker{}, err
	}
	return s.store.speakerByID(ctx, id)
}

// duplicateSpeaker turns the directory's unique email index (migration 00008) into a 409.
func duplicateSpeaker(err error) error {
	var pe *pgconn.PgError
	if errors.Is(err, gorm.ErrDuplicatedKey) || (errors.As(err, &pe) && pe.Code == "23505") {
		return errSpeakerEmailTaken
	}
	return err
}
