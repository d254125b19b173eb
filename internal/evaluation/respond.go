package evaluation

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
)

// Participants answer the forms of their cohorts (enrolled active or completed): they save drafts while typing
// and submit once. A submission is stored twice, apart: evaluation_responses and evaluation_answers hold what
// was answered with only the day and no reference to anyone; evaluation_submissions records that this person
// answered (for reminders and their own overview). Nothing here logs or audits what anyone answered.

// MyEvaluationSummary is one form in a participant's list.
type MyEvaluationSummary struct {
	FormID      uuid.UUID  `json:"formId"`
	Title       string     `json:"title"`
	CohortID    uuid.UUID  `json:"cohortId"`
	CohortName  string     `json:"cohortName"`
	Scope       string     `json:"scope"`
	TargetTitle string     `json:"targetTitle"`
	OpensAt     time.Time  `json:"opensAt"`
	ClosesAt    time.Time  `json:"closesAt"`
	State       string     `json:"state"`
	SubmittedAt *time.Time `json:"submittedAt"`
	HasDraft    bool       `json:"hasDraft"`
}

// MyEvaluationList is the participant's forms: open and unanswered first, then upcoming, then the rest.
type MyEvaluationList struct {
	Evaluations []MyEvaluationSummary `json:"evaluations"`
}

// MyEvaluation is one form to fill in, with the participant's draft.
type MyEvaluation struct {
	FormID      uuid.UUID      `json:"formId"`
	Title       string         `json:"title"`
	Description string         `json:"description"`
	CohortName  string         `json:"cohortName"`
	Scope       string         `json:"scope"`
	TargetTitle string         `json:"targetTitle"`
	OpensAt     time.Time      `json:"opensAt"`
	ClosesAt    time.Time      `json:"closesAt"`
	State       string         `json:"state"`
	SubmittedAt *time.Time     `json:"submittedAt"`
	Questions   []FormQuestion `json:"questions"`
	Draft       *Draft         `json:"draft"`
}

// Draft is a participant's unsent answers; its version is the ETag for the next save.
type Draft struct {
	Answers   map[string]Answer `json:"answers"`
	UpdatedAt time.Time         `json:"updatedAt"`
	Version   int               `json:"version"`
}

// Answer is one answer as drafts store it and the API returns it: Value for scale (1–5) and recommendation
// (0–10), Choice for choice, Text (with ShareWithFunder) for text.
type Answer struct {
	Value           *int    `json:"value,omitempty"`
	Choice          *string `json:"choice,omitempty"`
	Text            *string `json:"text,omitempty"`
	ShareWithFunder *bool   `json:"shareWithFunder,omitempty"`
}

// AnswerInput is one answer as sent. Value is read as a number so that 4.5 is a field error, not a 400.
type AnswerInput struct {
	Value           *float64 `json:"value"`
	Choice          *string  `json:"choice"`
	Text            *string  `json:"text"`
	ShareWithFunder *bool    `json:"shareWithFunder"`
}

// AnswersInput is the body of a draft save and of a submission: answers by question key. Each answer is read
// on its own (decodeAnswer), so that one of the wrong shape is a field error that names its question.
type AnswersInput struct {
	Answers map[string]json.RawMessage `json:"answers"`
}

// decodeAnswer reads one answer strictly: an object with value, choice, text and shareWithFunder only, or null
// (no answer).
func decodeAnswer(raw json.RawMessage) (AnswerInput, bool) {
	var a AnswerInput
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		return AnswerInput{}, false
	}
	return a, true
}

// Receipt confirms a submission: when, and how many questions were answered.
type Receipt struct {
	FormID      uuid.UUID `json:"formId"`
	SubmittedAt time.Time `json:"submittedAt"`
	Answered    int       `json:"answered"`
}

const maxTextAnswerRunes = 10000

var (
	errEvaluationNotFound = apperror.Newf(apperror.NotFound, "Niet gevonden",
		"Deze evaluatie bestaat niet of is niet voor u.")
	errAlreadySubmitted = apperror.Newf(apperror.Conflict, "Al ingevuld",
		"U hebt deze evaluatie al ingevuld; uw antwoorden zijn bewaard zonder uw naam en kunnen niet meer veranderen.")
)

func errNotOpen(state string) error {
	if state == StateUpcoming {
		return apperror.Newf(apperror.Conflict, "Nog niet open", "Deze evaluatie is nog niet geopend.")
	}
	return apperror.Newf(apperror.Conflict, "Gesloten", "Deze evaluatie is gesloten.")
}

// MyEvaluations lists the forms of the cohorts the signed-in person takes part in.
func (s *Service) MyEvaluations(ctx context.Context, p *access.Principal) (MyEvaluationList, error) {
	if err := signedIn(p); err != nil {
		return MyEvaluationList{}, err
	}
	list, err := myEvaluationsOf(ctx, s.db, p.UserID)
	return MyEvaluationList{Evaluations: list}, err
}

// MyEvaluation returns a form of the person's cohort with their draft; 404 for anyone else, so that the
// existence of other cohorts' forms is not given away.
func (s *Service) MyEvaluation(ctx context.Context, p *access.Principal, id uuid.UUID) (MyEvaluation, error) {
	if err := signedIn(p); err != nil {
		return MyEvaluation{}, err
	}
	m, err := participationOf(ctx, s.db, id, p.UserID)
	if err != nil {
		return MyEvaluation{}, err
	}
	qs, err := questionsOf(ctx, s.db, id)
	if err != nil {
		return MyEvaluation{}, err
	}
	out := MyEvaluation{FormID: m.FormID, Title: m.Title, Description: m.Description, CohortName: m.CohortName,
		Scope: m.Scope, TargetTitle: m.TargetTitle, OpensAt: m.OpensAt, ClosesAt: m.ClosesAt, State: m.State,
		SubmittedAt: m.SubmittedAt, Questions: qs}
	if m.DraftVersion != nil {
		d, err := m.draft(qs)
		if err != nil {
			return MyEvaluation{}, err
		}
		out.Draft = &d
	}
	return out, nil
}

// SaveDraft stores the person's unsent answers, checked for type and range but not for completeness. The first
// save needs no version (version 0); later ones are based on the draft's version.
func (s *Service) SaveDraft(ctx context.Context, p *access.Principal, id uuid.UUID, version int, in AnswersInput) (Draft, error) {
	if err := signedIn(p); err != nil {
		return Draft{}, err
	}
	var out Draft
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// The same locks, in the same order, as Submit: a draft is never written beside a submission or into a
		// form being deleted.
		if err := lockFormShared(ctx, tx, id); err != nil {
			return err
		}
		if err := lockParticipant(ctx, tx, id, p.UserID); err != nil {
			return err
		}
		m, err := participationOf(ctx, tx, id, p.UserID)
		if err != nil {
			return err
		}
		if m.SubmittedAt != nil {
			return errAlreadySubmitted
		}
		if m.State != StateOpen {
			return errNotOpen(m.State)
		}
		switch {
		case m.DraftVersion != nil && version == 0:
			return apperror.Newf(apperror.PreconditionRequired, "Versie ontbreekt",
				`Er is al een concept; stuur de versie ervan mee in If-Match, bijvoorbeeld If-Match: "3".`)
		case m.DraftVersion != nil && *m.DraftVersion != version, m.DraftVersion == nil && version != 0:
			return httpio.Stale()
		}
		qs, err := questionsOf(ctx, tx, id)
		if err != nil {
			return err
		}
		answers, err := checkAnswers(qs, in, false)
		if err != nil {
			return err
		}
		raw, err := json.Marshal(answers)
		if err != nil {
			return err
		}
		out, err = writeDraft(ctx, tx, m, p.UserID, version, string(raw))
		if err != nil {
			return err
		}
		out.Answers = answers
		return nil
	})
	return out, err
}

// Submit stores the person's answers as an anonymous response and records that they answered, in one
// transaction, once. A retry with the Idempotency-Key of the stored submission gets its receipt again (retried
// true) and stores nothing.
func (s *Service) Submit(ctx context.Context, p *access.Principal, id uuid.UUID, idempotencyKey string, in AnswersInput) (r Receipt, retried bool, err error) {
	if err := signedIn(p); err != nil {
		return Receipt{}, false, err
	}
	var programmeID uuid.UUID
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// The form's share lock lets submits run side by side but waits for (and holds off) a period change or
		// the form's deletion; the per-person lock lets one person's submits and draft saves run one at a time,
		// so that of two submits at once the second sees the first.
		if err := lockFormShared(ctx, tx, id); err != nil {
			return err
		}
		if err := lockParticipant(ctx, tx, id, p.UserID); err != nil {
			return err
		}
		m, err := participationOf(ctx, tx, id, p.UserID)
		if err != nil {
			return err
		}
		qs, err := questionsOf(ctx, tx, id)
		if err != nil {
			return err
		}
		if m.SubmittedAt != nil {
			if idempotencyKey == "" || m.IdempotencyKey == nil || *m.IdempotencyKey != idempotencyKey {
				return errAlreadySubmitted
			}
			// The receipt's count is not stored with the person (it would help match them to their response);
			// a retry carries the same answers, so they are counted again.
			r, retried = Receipt{FormID: id, SubmittedAt: *m.SubmittedAt, Answered: countAnswered(qs, in)}, true
			return nil
		}
		if m.State != StateOpen {
			return errNotOpen(m.State)
		}
		answers, err := checkAnswers(qs, in, true)
		if err != nil {
			return err
		}
		submittedAt, stored, err := insertSubmission(ctx, tx, m, p.UserID, idempotencyKey)
		if err != nil {
			return err
		}
		if !stored {
			return errAlreadySubmitted // cannot happen under the lock above; kept as the database's guarantee
		}
		if err := insertResponse(ctx, tx, id, qs, answers); err != nil {
			return err
		}
		if err := deleteDraft(ctx, tx, id, p.UserID); err != nil {
			return err
		}
		r = Receipt{FormID: id, SubmittedAt: submittedAt, Answered: len(answers)}
		programmeID = m.ProgrammeID
		return nil
	})
	if err == nil && !retried {
		s.forgetReports(programmeID)
	}
	return r, retried, err
}

// checkAnswers checks every answer against its question: known key, the field of its kind, in range. With
// complete, required questions must be answered too and text is trimmed, as it will be stored. Unanswered
// questions (null, empty text) are left out of the result.
func checkAnswers(qs []FormQuestion, in AnswersInput, complete bool) (map[string]Answer, error) {
	var v apperror.Validation
	if in.Answers == nil {
		v.Add("answers", "required", "Stuur de antwoorden mee, per vraag.")
		return nil, v.Err()
	}
	byKey := make(map[string]FormQuestion, len(qs))
	for _, q := range qs {
		byKey[q.Key] = q
	}
	keys := make([]string, 0, len(in.Answers))
	for k := range in.Answers {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the same errors in the same order for the same input
	out := map[string]Answer{}
	wrong := map[string]bool{}
	for _, k := range keys {
		field := "answers." + k
		q, ok := byKey[k]
		if !ok {
			v.Add(field, "unknown", "Deze vraag bestaat niet in dit formulier.")
			continue
		}
		input, ok := decodeAnswer(in.Answers[k])
		if !ok {
			v.Add(field, "type", "Een antwoord is een object met value (een getal), choice of text (tekst), en bij een open "+
				"vraag eventueel shareWithFunder (ja/nee).")
			wrong[k] = true
			continue
		}
		a, code, msg := checkAnswer(q, input, complete)
		if code != "" {
			v.Add(field, code, msg)
			wrong[k] = true
			continue
		}
		if a != nil {
			out[k] = *a
		}
	}
	if complete {
		for _, q := range qs {
			if _, answered := out[q.Key]; q.Required && !answered && !wrong[q.Key] {
				v.Add("answers."+q.Key, "required", "Deze vraag is verplicht.")
			}
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// checkAnswer checks one answer; it returns nil for an unanswered question, or an error code and message.
func checkAnswer(q FormQuestion, a AnswerInput, complete bool) (*Answer, string, string) {
	if a.ShareWithFunder != nil && *a.ShareWithFunder && q.Kind != KindText {
		return nil, "share_not_allowed", "Alleen een open antwoord kan met het fonds worden gedeeld."
	}
	switch q.Kind {
	case KindScale, KindRecommendation:
		lo, hi, _ := scaleRange(q.Kind)
		wrong := fmt.Sprintf("Geef een geheel getal van %d tot en met %d.", lo, hi)
		if a.Choice != nil || a.Text != nil {
			return nil, "wrong_kind", wrong
		}
		if a.Value == nil {
			return nil, "", ""
		}
		if *a.Value != math.Trunc(*a.Value) || *a.Value < float64(lo) || *a.Value > float64(hi) {
			return nil, "out_of_range", wrong
		}
		n := int(*a.Value)
		return &Answer{Value: &n}, "", ""
	case KindChoice:
		if a.Value != nil || a.Text != nil {
			return nil, "wrong_kind", "Kies een van de opties."
		}
		if a.Choice == nil {
			return nil, "", ""
		}
		for _, c := range q.Choices {
			if c.Value == *a.Choice {
				choice := *a.Choice
				return &Answer{Choice: &choice}, "", ""
			}
		}
		return nil, "invalid_choice", "Kies een van de opties."
	case KindText:
		if a.Value != nil || a.Choice != nil {
			return nil, "wrong_kind", "Deze vraag vraagt om een tekst."
		}
		if a.Text == nil {
			return nil, "", ""
		}
		text := *a.Text
		if complete {
			text = strings.TrimSpace(text)
		}
		if utf8.RuneCountInString(text) > maxTextAnswerRunes {
			return nil, "too_long", "Een antwoord is hoogstens 10000 tekens."
		}
		if strings.ContainsRune(text, 0) {
			return nil, "invalid", "Het antwoord bevat een ongeldig teken."
		}
		// A draft keeps what is being typed, spaces included; an empty answer is no answer.
		if strings.TrimSpace(text) == "" {
			return nil, "", ""
		}
		share := a.ShareWithFunder != nil && *a.ShareWithFunder
		return &Answer{Text: &text, ShareWithFunder: &share}, "", ""
	}
	return nil, "", ""
}

// countAnswered counts the answers that submitting in would store, ignoring what does not fit.
func countAnswered(qs []FormQuestion, in AnswersInput) int {
	n := 0
	for _, q := range qs {
		if raw, ok := in.Answers[q.Key]; ok {
			if a, ok := decodeAnswer(raw); ok {
				if stored, code, _ := checkAnswer(q, a, true); code == "" && stored != nil {
					n++
				}
			}
		}
	}
	return n
}

// draft returns the stored draft, keeping only the answers that still fit the form's questions (a question may
// have been removed or changed since the draft was saved).
func (m participation) draft(qs []FormQuestion) (Draft, error) {
	var stored map[string]json.RawMessage
	if err := json.Unmarshal([]byte(m.DraftAnswers), &stored); err != nil {
		return Draft{}, fmt.Errorf("evaluation: draft of form %s: %w", m.FormID, err)
	}
	answers := map[string]Answer{}
	for _, q := range qs {
		raw, ok := stored[q.Key]
		if !ok {
			continue
		}
		a, ok := decodeAnswer(raw)
		if !ok {
			continue // written in some other shape (by hand): that question starts afresh
		}
		if kept, code, _ := checkAnswer(q, a, false); code == "" && kept != nil {
			answers[q.Key] = *kept
		}
	}
	return Draft{Answers: answers, UpdatedAt: *m.DraftUpdatedAt, Version: *m.DraftVersion}, nil
}
