package evaluation

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/vgs/leergang/internal/apperror"
)

// Question kinds (DESIGN.md): a scale of 1 to 5 with labels, a recommendation of 0 to 10, one choice out of
// several, an open text.
const (
	KindScale          = "scale"
	KindRecommendation = "recommendation"
	KindChoice         = "choice"
	KindText           = "text"
)

// Question is one question of a form. Key is stable across copies and versions of a form: cohorts and years
// are compared question by question through it.
type Question struct {
	Key      string            `json:"key"`
	Kind     string            `json:"kind"`
	Prompt   string            `json:"prompt"`
	HelpText string            `json:"helpText"`
	Required bool              `json:"required"`
	Labels   map[string]string `json:"labels,omitempty"`  // scale and recommendation: a label per value, e.g. {"1": "slecht"}
	Choices  []Choice          `json:"choices,omitempty"` // choice: the options, in order
}

// Choice is an option of a choice question; answers store its Value.
type Choice struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

const (
	maxQuestions = 50
	maxChoices   = 20
)

var keyPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// scaleRange is the range of answers a kind takes, for labels and answers alike.
func scaleRange(kind string) (lo, hi int, ok bool) {
	switch kind {
	case KindScale:
		return 1, 5, true
	case KindRecommendation:
		return 0, 10, true
	}
	return 0, 0, false
}

// NormaliseQuestions checks a form's questions field by field (questions[2].prompt …) and returns them trimmed,
// with a key made from the prompt where none was given ("Hoe waardeert u de spreker?" → "hoe-waardeert-u-de-spreker").
func NormaliseQuestions(in []Question) ([]Question, error) {
	var v apperror.Validation
	switch {
	case len(in) == 0:
		v.Add("questions", "required", "Een formulier heeft minstens één vraag.")
		return nil, v.Err()
	case len(in) > maxQuestions:
		v.Add("questions", "too_many", fmt.Sprintf("Een formulier heeft hoogstens %d vragen.", maxQuestions))
		return nil, v.Err()
	}
	out := make([]Question, len(in))
	seen := map[string]int{}
	for i, q := range in {
		f := func(name string) string { return fmt.Sprintf("questions[%d].%s", i, name) }
		q.Prompt = strings.TrimSpace(q.Prompt)
		q.HelpText = strings.TrimSpace(q.HelpText)
		q.Key = strings.TrimSpace(q.Key)
		switch {
		case q.Prompt == "":
			v.Add(f("prompt"), "required", "Vul de vraag in.")
		case utf8.RuneCountInString(q.Prompt) > 1000:
			v.Add(f("prompt"), "too_long", "Een vraag is hoogstens 1000 tekens.")
		}
		if utf8.RuneCountInString(q.HelpText) > 2000 {
			v.Add(f("helpText"), "too_long", "Een toelichting is hoogstens 2000 tekens.")
		}
		if q.Key == "" {
			if q.Prompt != "" { // without a prompt there is nothing to name it by; the prompt's error says enough
				q.Key = uniqueKey(slug(q.Prompt), seen)
			}
		} else if !keyPattern.MatchString(q.Key) || len(q.Key) > 60 {
			v.Add(f("key"), "invalid", "Een sleutel bestaat uit kleine letters, cijfers en streepjes, hoogstens 60 tekens (bijvoorbeeld waardering-spreker).")
		} else if _, dup := seen[q.Key]; dup {
			v.Add(f("key"), "duplicate", "Deze sleutel komt al voor in dit formulier.")
		}
		seen[q.Key]++
		lo, hi, scaled := scaleRange(q.Kind)
		switch {
		case scaled:
			if len(q.Choices) > 0 {
				v.Add(f("choices"), "not_allowed", "Alleen een keuzevraag heeft opties.")
			}
			labels := make(map[string]string, len(q.Labels))
			for value, label := range q.Labels {
				labels[strings.TrimSpace(value)] = strings.TrimSpace(label)
			}
			if len(labels) > 0 {
				q.Labels = labels
			}
			for value, label := range q.Labels {
				n, err := strconv.Atoi(value)
				if err != nil || n < lo || n > hi {
					v.Add(f("labels"), "invalid", fmt.Sprintf("Labels horen bij de waarden %d tot en met %d.", lo, hi))
					break
				}
				if l := strings.TrimSpace(label); l == "" || utf8.RuneCountInString(l) > 100 {
					v.Add(f("labels"), "invalid", "Een label is 1 tot 100 tekens.")
					break
				}
			}
		case q.Kind == KindChoice:
			if len(q.Labels) > 0 {
				v.Add(f("labels"), "not_allowed", "Een keuzevraag heeft opties, geen labels.")
			}
			checkChoices(&v, f("choices"), q.Choices)
		case q.Kind == KindText:
			if len(q.Labels) > 0 || len(q.Choices) > 0 {
				v.Add(f("kind"), "not_allowed", "Een open vraag heeft geen labels of opties.")
			}
		default:
			v.Add(f("kind"), "invalid", "Kies een soort vraag: scale, recommendation, choice of text.")
		}
		out[i] = q
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func checkChoices(v *apperror.Validation, field string, choices []Choice) {
	if len(choices) < 2 || len(choices) > maxChoices {
		v.Add(field, "count", fmt.Sprintf("Een keuzevraag heeft 2 tot %d opties.", maxChoices))
		return
	}
	values := map[string]bool{}
	for i, c := range choices {
		value, label := strings.TrimSpace(c.Value), strings.TrimSpace(c.Label)
		switch {
		case value == "" || utf8.RuneCountInString(value) > 200 || label == "" || utf8.RuneCountInString(label) > 200:
			v.Add(fmt.Sprintf("%s[%d]", field, i), "invalid", "Een optie heeft een waarde en een label van 1 tot 200 tekens.")
		case values[value]:
			v.Add(fmt.Sprintf("%s[%d]", field, i), "duplicate", "Deze waarde komt al voor bij deze vraag.")
		}
		values[value] = true
	}
}

// slug makes a key from a prompt: lower case, accents dropped ("é" → "e"), words joined by dashes, at most 60.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // the accent of a decomposed letter
		case (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9'):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
		if b.Len() >= 55 {
			break
		}
	}
	if b.Len() == 0 {
		return "vraag"
	}
	return strings.TrimRight(b.String(), "-")
}

func uniqueKey(base string, seen map[string]int) string {
	key := base
	for n := 2; ; n++ {
		if _, taken := seen[key]; !taken {
			return key
		}
		key = fmt.Sprintf("%s-%d", base, n)
	}
}

// CheckComparable refuses changes to a form that already has answers when they would break the comparison of
// those answers with later ones: removing a question, changing its kind, or removing or renaming an option's
// value. Rewording a prompt, help text or label, reordering, and adding optional questions keep it comparable.
// Anything else needs a new version of the form (a copy with the same keys).
func CheckComparable(answered, proposed []Question) error {
	next := map[string]Question{}
	for _, q := range proposed {
		next[q.Key] = q
	}
	old := map[string]bool{}
	var problems []apperror.FieldError
	for _, q := range answered {
		old[q.Key] = true
		n, ok := next[q.Key]
		switch {
		case !ok:
			problems = append(problems, apperror.FieldError{Field: "questions", Code: "removed",
				Message: fmt.Sprintf("De vraag ‘%s’ is al beantwoord en kan niet weg.", q.Prompt)})
		case n.Kind != q.Kind:
			problems = append(problems, apperror.FieldError{Field: "questions", Code: "kind_changed",
				Message: fmt.Sprintf("De vraag ‘%s’ is al beantwoord; de soort kan niet meer veranderen.", q.Prompt)})
		case q.Kind == KindChoice:
			values := map[string]bool{}
			for _, c := range n.Choices {
				values[c.Value] = true
			}
			for _, c := range q.Choices {
				if !values[c.Value] {
					problems = append(problems, apperror.FieldError{Field: "questions", Code: "choice_removed",
						Message: fmt.Sprintf("De optie ‘%s’ van ‘%s’ is al gekozen en kan niet weg.", c.Label, q.Prompt)})
				}
			}
		}
	}
	for _, q := range proposed {
		if !old[q.Key] && q.Required {
			problems = append(problems, apperror.FieldError{Field: "questions", Code: "required_added",
				Message: fmt.Sprintf("De nieuwe vraag ‘%s’ kan niet verplicht zijn: eerdere antwoorden hebben haar niet.", q.Prompt)})
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return &apperror.Error{Code: apperror.Conflict, Title: "Dit formulier is al ingevuld",
		Detail: "Deze wijziging maakt de antwoorden onvergelijkbaar. Maak een nieuwe versie van het formulier.",
		Fields: problems}
}
