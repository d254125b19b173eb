package datagen

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// writer writes Dutch text: sentences taken from what participants write, and sentences strung together from the
// vocabulary, so that the full-text index sees a realistic spread of common and rare words.
type writer struct {
	r    *rand.Rand
	zipf *rand.Zipf
}

func newWriter(r *rand.Rand) *writer {
	return &writer{r: r, zipf: rand.NewZipf(r, 1.1, 2, uint64(len(vocabulary)-1))}
}

func (w *writer) word() string { return vocabulary[w.zipf.Uint64()] }

// sentence is a written sentence, or a string of vocabulary words around a verb.
func (w *writer) sentence() string {
	if chance(w.r, 0.55) {
		return oneOf(w.r, sentences)
	}
	var b strings.Builder
	b.WriteString(oneOf(w.r, []string{"Over", "Bij ons gaat het om", "Ik denk na over", "Belangrijk is", "Het gaat om",
		"We spraken over", "Lastig blijft", "Mooi voorbeeld van", "Nog geen antwoord op"}))
	for i := range between(w.r, 3, 9) {
		if i > 0 {
			b.WriteString(oneOf(w.r, []string{" ", " ", " ", " en ", ", ", " van de ", " in de "}))
		} else {
			b.WriteByte(' ')
		}
		word := w.word()
		switch {
		case chance(w.r, 0.04):
			word = "**" + word + "**"
		case chance(w.r, 0.04):
			word = "_" + word + "_"
		}
		b.WriteString(word)
	}
	b.WriteString(oneOf(w.r, []string{".", ".", ".", "?", "!"}))
	return b.String()
}

func (w *writer) paragraph(sentences int) string {
	parts := make([]string, sentences)
	for i := range parts {
		parts[i] = w.sentence()
	}
	return strings.Join(parts, " ")
}

// reflection is a reflection's Markdown: mostly short, sometimes long, with the lists, headings and quotes people
// use in a journal.
func (w *writer) reflection() string {
	var blocks []string
	switch x := w.r.Float64(); {
	case x < 0.35:
		blocks = append(blocks, w.paragraph(between(w.r, 1, 3)))
	case x < 0.85:
		for range between(w.r, 2, 4) {
			blocks = append(blocks, w.paragraph(between(w.r, 2, 5)))
		}
	default:
		for range between(w.r, 4, 8) {
			blocks = append(blocks, w.paragraph(between(w.r, 2, 6)))
		}
		if chance(w.r, 0.5) {
			blocks = append([]string{"### " + capitalise(w.word())}, blocks...)
		}
	}
	if chance(w.r, 0.25) {
		blocks = append(blocks, w.list())
	}
	if chance(w.r, 0.08) {
		blocks = append(blocks, "> "+oneOf(w.r, sentences))
	}
	if chance(w.r, 0.05) {
		blocks = append(blocks, "Meer hierover: https://vng.nl/onderwerpen/"+strings.ToLower(w.word()))
	}
	return strings.Join(blocks, "\n\n")
}

// list is a bullet list, a numbered list or a task list.
func (w *writer) list() string {
	n := between(w.r, 2, 5)
	items := make([]string, n)
	style := w.r.IntN(3)
	for i := range items {
		text := oneOf(w.r, stepTitles)
		switch style {
		case 0:
			items[i] = "- " + text
		case 1:
			items[i] = string(rune('1'+i)) + ". " + text
		default:
			mark := " "
			if chance(w.r, 0.5) {
				mark = "x"
			}
			items[i] = "- [" + mark + "] " + text
		}
	}
	return strings.Join(items, "\n")
}

func capitalise(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}
