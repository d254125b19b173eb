package evaluation

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/mail"
	"github.com/vgs/leergang/internal/nltime"
)

// Facilitators follow a cohort form: how many answered and who has not yet, to remind them. They never see what
// anyone answered: that lives in evaluation_responses, which refers to nobody (DESIGN.md, "who has answered a
// form — facilitator: yes, to remind"; "evaluation answers — aggregates only").

// Progress is who has answered a cohort form, by counts, and who has not, by name.
type Progress struct {
	FormID       uuid.UUID     `json:"formId"`
	State        string        `json:"state"`
	Invited      int           `json:"invited"`
	Answered     int           `json:"answered"`
	ResponseRate float64       `json:"responseRate"`
	NotAnswered  []NotAnswered `json:"notAnswered"`
}

// NotAnswered is an invited participant who has not answered yet.
type NotAnswered struct {
	UserID        uuid.UUID `json:"userId"`
	Name          string    `json:"name"`
	Gemeente      string    `json:"gemeente"`
	RemindedToday bool      `json:"remindedToday"`
}

// ReminderInput is an optional personal line added to the standard reminder.
type ReminderInput struct {
	Message *string `json:"message"`
}

// ReminderResult counts the reminders queued now and the people who had one for this form today already.
type ReminderResult struct {
	Queued          int `json:"queued"`
	AlreadyReminded int `json:"alreadyReminded"`
}

const maxReminderMessageRunes = 2000

// amsterdamDay is the day of t in the Netherlands (YYYY-MM-DD).
func amsterdamDay(t time.Time) string { return t.In(nltime.Amsterdam).Format(time.DateOnly) }

// reminderKey allows one reminder per person, form and Amsterdam day (the outbox's dedupe_key is unique):
// evaluation-reminder:<form>:<user>:<YYYY-MM-DD>.
func reminderKey(formID, userID uuid.UUID, day string) string {
	return reminderKeyPrefix(formID) + userID.String() + ":" + day
}

func reminderKeyPrefix(formID uuid.UUID) string {
	return "evaluation-reminder:" + formID.String() + ":"
}

// followedForm loads a form for its progress or reminders: admins and the cohort's facilitators; a template
// has no participants (409 for those who may read it).
func followedForm(ctx context.Context, db *gorm.DB, p *access.Principal, id uuid.UUID) (formRow, error) {
	if err := signedIn(p); err != nil {
		return formRow{}, err
	}
	f, err := formByID(ctx, db, id, false)
	if err != nil {
		return formRow{}, err
	}
	if f.IsTemplate {
		if !canRead(p, f.ProgrammeID) {
			return formRow{}, errNotFollower
		}
		return formRow{}, errTemplateHasNoPeriod
	}
	if !canFollow(p, f.ProgrammeID, *f.CohortID) {
		return formRow{}, errNotFollower
	}
	return f, nil
}

// Progress returns the counts and the names of those who have not answered yet.
func (s *Service) Progress(ctx context.Context, p *access.Principal, id uuid.UUID) (Progress, error) {
	f, err := followedForm(ctx, s.db, p, id)
	if err != nil {
		return Progress{}, err
	}
	counts, err := progressCounts(ctx, s.db, f.ID, *f.CohortID)
	if err != nil {
		return Progress{}, err
	}
	rows, err := notAnsweredOf(ctx, s.db, f.ID, *f.CohortID, amsterdamDay(time.Now()))
	if err != nil {
		return Progress{}, err
	}
	out := Progress{FormID: f.ID, State: *f.State, Invited: counts.Invited, Answered: counts.Answered,
		ResponseRate: ResponseRate(counts.Answered, counts.Invited), NotAnswered: make([]NotAnswered, len(rows))}
	for i, r := range rows {
		out.NotAnswered[i] = NotAnswered{UserID: r.UserID, Name: r.Name, Gemeente: r.Gemeente, RemindedToday: r.RemindedToday}
	}
	return out, nil
}

// checkReminderMessage trims the personal line and refuses what a plain-text mail cannot carry.
func checkReminderMessage(in ReminderInput) (string, error) {
	if in.Message == nil {
		return "", nil
	}
	msg := strings.TrimSpace(strings.ReplaceAll(*in.Message, "\r\n", "\n"))
	var v apperror.Validation
	switch {
	case utf8.RuneCountInString(msg) > maxReminderMessageRunes:
		v.Add("message", "too_long", "Een persoonlijk bericht is hoogstens 2000 tekens.")
	case strings.IndexFunc(msg, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) >= 0:
		v.Add("message", "invalid", "Het bericht bevat tekens die niet in een e-mail passen.")
	}
	return msg, v.Err()
}

// Remind queues a reminder for everyone invited who has not answered the open form and had no reminder for it
// today. The mails are written to the outbox in this transaction.
func (s *Service) Remind(ctx context.Context, p *access.Principal, id uuid.UUID, in ReminderInput, baseURL string) (ReminderResult, error) {
	if _, err := followedForm(ctx, s.db, p, id); err != nil {
		return ReminderResult{}, err
	}
	msg, err := checkReminderMessage(in)
	if err != nil {
		return ReminderResult{}, err
	}
	var out ReminderResult
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// Two clicks at once are taken one after the other, so the second counts the first one's reminders as
		// already sent instead of both claiming to have queued them.
		if err := tx.Exec(`SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`, "evaluation-reminder:"+id.String()).Error; err != nil {
			return err
		}
		f, err := formByID(ctx, tx, id, false)
		if err != nil {
			return err
		}
		if *f.State != StateOpen {
			return apperror.Newf(apperror.Conflict, "Dit formulier is niet open",
				"Herinneren kan alleen zolang het formulier open is.")
		}
		m, err := reminderContextOf(ctx, tx, f.ID, p.UserID)
		if err != nil {
			return err
		}
		day := amsterdamDay(time.Now())
		rows, err := notAnsweredOf(ctx, tx, f.ID, *f.CohortID, day)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if r.RemindedToday {
				out.AlreadyReminded++
				continue
			}
			if err := mail.Enqueue(tx, reminderMail(m, f, r, msg, baseURL, reminderKey(f.ID, r.UserID, day))); err != nil {
				return err
			}
			out.Queued++
		}
		return nil
	})
	return out, err
}

func reminderMail(m reminderContext, f formRow, r notAnsweredRow, message, baseURL, key string) mail.Message {
	link := strings.TrimRight(baseURL, "/") + "/evaluaties/" + f.ID.String()
	var b strings.Builder
	fmt.Fprintf(&b, "Beste %s,\n\n", r.Name)
	fmt.Fprintf(&b, "U hebt de evaluatie „%s” van de %s (groep %s) nog niet ingevuld. ", f.Title, m.ProgrammeName, m.CohortName)
	fmt.Fprintf(&b, "Het formulier sluit op %s.\n\n", nltime.Moment(*f.ClosesAt))
	if message != "" {
		fmt.Fprintf(&b, "Bericht van %s:\n\n%s\n\n", m.SenderName, message)
	}
	fmt.Fprintf(&b, "Vul de evaluatie in: %s\n\n", link)
	b.WriteString("Uw antwoorden worden los van uw naam bewaard: niemand kan zien wat u hebt geantwoord, ook de " +
		"begeleiders niet.\n\n")
	b.WriteString("Met vriendelijke groet,\n\nLeergang — Vereniging van Gemeentesecretarissen en A&O-fonds Gemeenten\n")
	return mail.Message{To: r.Email, ToName: r.Name, Kind: "evaluation-reminder",
		Subject: fmt.Sprintf("Herinnering: evaluatie „%s”", oneLine(f.Title)), Text: b.String(), DedupeKey: key}
}

// oneLine keeps a subject on one line whatever a title holds.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsControl), " ")
}
