package evaluation

import (
	"testing"

	"github.com/vgs/leergang/internal/apperror"
)

func fields(t *testing.T, err error) map[string]string {
	t.Helper()
	e, ok := apperror.As(err)
	if !ok {
		t.Fatalf("error %v is no apperror", err)
	}
	out := map[string]string{}
	for _, f := range e.Fields {
		out[f.Field] = f.Code
	}
	return out
}

var sessionForm = []Question{
	{Kind: KindScale, Prompt: "Hoe waardeert u deze bijeenkomst?", Required: true, Labels: map[string]string{"1": "slecht", "5": "uitstekend"}},
	{Key: "aanbeveling", Kind: KindRecommendation, Prompt: "Zou u de leergang aanraden?"},
	{Kind: KindChoice, Prompt: "Wat was het waardevolst?", Choices: []Choice{{"sprekers", "De sprekers"}, {"leerdoelen", "Werken aan leerdoelen"}}},
	{Kind: KindText, Prompt: "  Wat neemt u mee?  "},
}

func TestNormaliseQuestionsMakesKeysFromPrompts(t *testing.T) {
	qs, err := NormaliseQuestions(sessionForm)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"hoe-waardeert-u-deze-bijeenkomst", "aanbeveling", "wat-was-het-waardevolst", "wat-neemt-u-mee"}
	for i, q := range qs {
		if q.Key != want[i] {
			t.Errorf("key %d = %q, want %q", i, q.Key, want[i])
		}
	}
	if qs[3].Prompt != "Wat neemt u mee?" {
		t.Errorf("prompt not trimmed: %q", qs[3].Prompt)
	}
	// Accents go, and two prompts that slug alike get distinct keys.
	qs, err = NormaliseQuestions([]Question{
		{Kind: KindText, Prompt: "Café-overleg één keer?"},
		{Kind: KindText, Prompt: "Cafe overleg een keer"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if qs[0].Key != "cafe-overleg-een-keer" || qs[1].Key != "cafe-overleg-een-keer-2" {
		t.Errorf("keys %q, %q", qs[0].Key, qs[1].Key)
	}
}

func TestNormaliseQuestionsReportsEveryFieldByItsPlace(t *testing.T) {
	_, err := NormaliseQuestions([]Question{
		{Kind: KindScale, Prompt: "", Labels: map[string]string{"6": "te hoog"}},
		{Kind: "slider", Prompt: "Hoe?"},
		{Kind: KindChoice, Prompt: "Welke?", Choices: []Choice{{"a", "A"}}},
		{Kind: KindChoice, Prompt: "Welke nog?", Choices: []Choice{{"a", "A"}, {"a", "Ook A"}}},
		{Key: "Niet Goed", Kind: KindText, Prompt: "Open"},
		{Key: "open", Kind: KindText, Prompt: "Open", Choices: []Choice{{"x", "X"}, {"y", "Y"}}},
		{Key: "open", Kind: KindText, Prompt: "Nog eens open"},
	})
	got := fields(t, err)
	want := map[string]string{
		"questions[0].prompt": "required", "questions[0].labels": "invalid", "questions[1].kind": "invalid",
		"questions[2].choices": "count", "questions[3].choices[1]": "duplicate", "questions[4].key": "invalid",
		"questions[5].kind": "not_allowed", "questions[6].key": "duplicate",
	}
	for f, code := range want {
		if got[f] != code {
			t.Errorf("%s: code %q, want %q (all: %v)", f, got[f], code, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("fields %v, want exactly %v", got, want)
	}
	if _, err := NormaliseQuestions(nil); fields(t, err)["questions"] != "required" {
		t.Error("an empty form was accepted")
	}
}

func TestAnsweredFormsStayComparable(t *testing.T) {
	answered, err := NormaliseQuestions(sessionForm)
	if err != nil {
		t.Fatal(err)
	}
	clone := func() []Question {
		out := make([]Question, len(answered))
		copy(out, answered)
		out[2].Choices = append([]Choice(nil), answered[2].Choices...)
		return out
	}

	// Rewording, reordering and an optional new question keep the answers comparable.
	ok := clone()
	ok[0].Prompt = "Hoe waardeert u deze bijeenkomst in het geheel?"
	ok[2].Choices[0].Label = "De gastsprekers"
	ok[0], ok[3] = ok[3], ok[0]
	ok = append(ok, Question{Key: "extra", Kind: KindText, Prompt: "Nog iets?"})
	if err := CheckComparable(answered, ok); err != nil {
		t.Fatalf("a comparable change was refused: %v", err)
	}

	for _, c := range []struct {
		name   string
		change func([]Question) []Question
		code   string
	}{
		{"removing a question", func(q []Question) []Question { return q[1:] }, "removed"},
		{"changing a kind", func(q []Question) []Question { q[1].Kind = KindScale; return q }, "kind_changed"},
		{"removing a chosen option", func(q []Question) []Question { q[2].Choices = q[2].Choices[:1]; return q }, "choice_removed"},
		{"a new required question", func(q []Question) []Question {
			return append(q, Question{Key: "nieuw", Kind: KindText, Prompt: "Nieuw", Required: true})
		}, "required_added"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := CheckComparable(answered, c.change(clone()))
			e, ok := apperror.As(err)
			if !ok || e.Code != apperror.Conflict || len(e.Fields) != 1 || e.Fields[0].Code != c.code {
				t.Fatalf("err = %v, want one %s conflict", err, c.code)
			}
		})
	}
}
