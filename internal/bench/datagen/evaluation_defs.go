package datagen

import (
	"encoding/json"
	"strings"
)

// The evaluation templates every programme has, with questions of every kind (scale, recommendation, choice,
// text; required or not). Question keys stay the same across revisions and copies: that is what the report
// compares cohorts and years by.

type questionDef struct {
	key, kind, prompt string
	required          bool
	options           string // JSON
}

type templateDef struct {
	key, title, description string
	revision                int
	questions               []questionDef
	// byModule: the template's choice question lists the programme's modules (built per programme).
	byModule bool
}

const (
	labelsWaardering  = `{"labels": {"1": "Zeer slecht", "2": "Slecht", "3": "Neutraal", "4": "Goed", "5": "Zeer goed"}}`
	labelsEens        = `{"labels": {"1": "Helemaal mee oneens", "2": "Mee oneens", "3": "Neutraal", "4": "Mee eens", "5": "Helemaal mee eens"}}`
	labelsAanbeveling = `{"labels": {"0": "Zeer onwaarschijnlijk", "10": "Zeer waarschijnlijk"}}`
	choicesJaNee      = `{"choices": [{"value": "ja", "label": "Ja"}, {"value": "nee", "label": "Nee"}, {"value": "misschien", "label": "Misschien"}]}`
)

var sessionEvaluationV1 = templateDef{key: "bijeenkomst", title: "Evaluatie bijeenkomst", revision: 1,
	description: "Korte evaluatie na een bijeenkomst. Uw antwoorden worden anoniem verwerkt: resultaten worden alleen " +
		"getoond als ten minste vijf deelnemers hebben gereageerd.",
	questions: []questionDef{
		{"waardering", "scale", "Hoe waardeert u deze bijeenkomst als geheel?", true, labelsWaardering},
		{"relevantie", "scale", "De inhoud sloot aan bij mijn praktijk.", true, labelsEens},
		{"waardevolst", "choice", "Wat was voor u het waardevolst?", true,
			`{"choices": [{"value": "spreker", "label": "De bijdrage van de spreker"}, {"value": "collegas", "label": "De uitwisseling met collega's"}, {"value": "leerdoelen", "label": "Het werken aan mijn eigen leerdoelen"}, {"value": "anders", "label": "Iets anders"}]}`},
		{"aanbeveling", "recommendation", "Hoe waarschijnlijk is het dat u deze bijeenkomst aanbeveelt aan een collega?", true, labelsAanbeveling},
		{"meenemen", "text", "Wat neemt u mee naar uw eigen organisatie?", false, `{}`},
	}}

// sessionEvaluationV2 is the second edition: one prompt sharpened, one question added, the keys kept.
var sessionEvaluationV2 = templateDef{key: "bijeenkomst", title: "Evaluatie bijeenkomst", revision: 2,
	description: sessionEvaluationV1.description,
	questions: []questionDef{
		sessionEvaluationV1.questions[0],
		{"relevantie", "scale", "De inhoud sloot aan bij mijn praktijk als gemeentesecretaris.", true, labelsEens},
		sessionEvaluationV1.questions[2],
		{"organisatie", "scale", "De organisatie en de locatie waren goed geregeld.", false, labelsEens},
		sessionEvaluationV1.questions[3],
		sessionEvaluationV1.questions[4],
	}}

var speakerEvaluation = templateDef{key: "spreker", title: "Evaluatie spreker", revision: 1,
	description: "Wat vond u van de bijdrage van de spreker? Uw antwoorden gaan zonder naam naar de begeleiders.",
	questions: []questionDef{
		{"spreker-inhoud", "scale", "De spreker bracht inhoud die ik kan gebruiken.", true, labelsEens},
		{"spreker-interactie", "scale", "Er was voldoende ruimte voor vragen en gesprek.", true, labelsEens},
		{"spreker-opnieuw", "choice", "Zou u deze spreker opnieuw uitnodigen?", true, choicesJaNee},
		{"spreker-toelichting", "text", "Toelichting", false, `{}`},
	}}

var moduleEvaluation = templateDef{key: "module", title: "Evaluatie module", revision: 1,
	description: "Evaluatie aan het eind van een module.",
	questions: []questionDef{
		{"waardering", "scale", "Hoe waardeert u deze module als geheel?", true, labelsWaardering},
		{"leerdoelen", "scale", "Deze module hielp mij verder met mijn leerdoelen.", true, labelsEens},
		{"aanbeveling", "recommendation", "Hoe waarschijnlijk is het dat u deze module aanbeveelt aan een collega?", true, labelsAanbeveling},
		{"verbetering", "text", "Wat kan er beter?", false, `{}`},
	}}

var intakeEvaluation = templateDef{key: "start", title: "Startvragenlijst", revision: 1,
	description: "Voor de start van de leergang: wat verwacht u, en waar staat u nu?",
	questions: []questionDef{
		{"verwachting", "choice", "Wat verwacht u vooral van de leergang?", true,
			`{"choices": [{"value": "kennis", "label": "Kennis en inzichten"}, {"value": "netwerk", "label": "Een netwerk van collega's"}, {"value": "reflectie", "label": "Ruimte voor reflectie"}, {"value": "praktijk", "label": "Handvatten voor de praktijk"}]}`},
		{"startpunt", "scale", "Ik weet welke rol ik heb in deze opgave.", true, labelsEens},
		{"vraag", "text", "Met welke vraag begint u aan de leergang?", false, `{}`},
	}}

var midtermEvaluation = templateDef{key: "tussen", title: "Tussenevaluatie", revision: 1,
	description: "Halverwege de leergang: wat gaat goed, wat kan anders?",
	questions: []questionDef{
		{"verwachtingen", "scale", "De leergang komt tot nu toe tegemoet aan mijn verwachtingen.", true, labelsEens},
		{"tempo", "choice", "Hoe ervaart u het tempo?", true,
			`{"choices": [{"value": "te-snel", "label": "Te snel"}, {"value": "goed", "label": "Goed"}, {"value": "te-langzaam", "label": "Te langzaam"}]}`},
		{"groep", "scale", "Ik leer veel van de andere deelnemers.", false, labelsEens},
		{"opmerkingen", "text", "Wat wilt u de begeleiders meegeven?", false, `{}`},
	}}

var finalEvaluation = templateDef{key: "slot", title: "Slotevaluatie", revision: 1, byModule: true,
	description: "Evaluatie van de hele leergang. De resultaten gaan, geanonimiseerd en alleen bij ten minste vijf " +
		"reacties, naar de VGS en het A&O-fonds Gemeenten.",
	questions: []questionDef{
		{"waardering", "scale", "Hoe waardeert u de leergang als geheel?", true, labelsWaardering},
		{"leerdoelen", "scale", "In hoeverre heeft u uw leerdoelen bereikt?", true,
			`{"labels": {"1": "Helemaal niet", "2": "Nauwelijks", "3": "Gedeeltelijk", "4": "Grotendeels", "5": "Volledig"}}`},
		{"aanbeveling", "recommendation", "Hoe waarschijnlijk is het dat u de leergang aanbeveelt aan een collega?", true, labelsAanbeveling},
		{"beste-module", "choice", "Welke module was voor u het meest waardevol?", true, ""},
		{"terugkomdag", "choice", "Wilt u over een jaar deelnemen aan een terugkomdag?", false, choicesJaNee},
		{"opbrengst", "text", "Wat heeft de leergang u opgeleverd?", false, `{}`},
		{"verbetering", "text", "Wat kan er beter?", false, `{}`},
	}}

var followUpEvaluation = templateDef{key: "terugblik", title: "Terugblik na een half jaar", revision: 1,
	description: "Een half jaar na de leergang: wat is er van blijven hangen?",
	questions: []questionDef{
		{"toepassing", "scale", "Ik pas wat ik leerde toe in mijn werk.", true, labelsEens},
		{"aanbeveling", "recommendation", "Hoe waarschijnlijk is het dat u de leergang nu nog aanbeveelt?", true, labelsAanbeveling},
		{"blijvend", "text", "Wat is blijvend veranderd in uw manier van werken?", false, `{}`},
	}}

// templateDefs are written for every programme in this order; the second edition follows the first.
var templateDefs = []*templateDef{&sessionEvaluationV1, &sessionEvaluationV2, &speakerEvaluation, &moduleEvaluation,
	&intakeEvaluation, &midtermEvaluation, &finalEvaluation, &followUpEvaluation}

// moduleChoices lists a programme's modules as the options of a choice question.
func moduleChoices(p *programme) string {
	type choice struct {
		Value string `json:"value"`
		Label string `json:"label"`
	}
	var cs []choice
	for _, m := range p.modules {
		cs = append(cs, choice{m.text.key, m.text.title})
	}
	raw, err := json.Marshal(map[string]any{"choices": cs})
	if err != nil {
		panic(err) // strings only: cannot fail
	}
	return string(raw)
}

// choiceValues reads the values of a choice question's options.
func choiceValues(options string) []string {
	var o struct {
		Choices []struct {
			Value string `json:"value"`
		} `json:"choices"`
	}
	if err := json.Unmarshal([]byte(options), &o); err != nil {
		panic("datagen: bad choice options " + options)
	}
	out := make([]string, len(o.Choices))
	for i, c := range o.Choices {
		out[i] = c.Value
	}
	return out
}

var openAnswers = []string{
	"Meer tijd voor de vertaling naar de eigen gemeente zou helpen.", "Een concreet voorbeeld om intern te delen.",
	"Het gesprek met collega's was het waardevolst.", "Ik wil hier met mijn MT verder mee.",
	"Minder lange middagen, liever een ochtend.", "De online bijeenkomsten waren minder levendig.",
	"Meer voorbeelden uit kleinere gemeenten graag.", "Contact leggen voordat er iets gebeurt.",
	"De vraag: wat merkt de inwoner hiervan?", "Eén scherp leerdoel in plaats van vijf vage.",
	"Oefenen, oefenen, oefenen — met het college erbij.", "Ik durf het gesprek met het college nu beter aan.",
}

// answerText is an open answer: a stock phrase, sometimes with a sentence of its own.
func answerText(w *writer) string {
	if chance(w.r, 0.6) {
		return oneOf(w.r, openAnswers)
	}
	return strings.TrimSpace(oneOf(w.r, openAnswers) + " " + oneOf(w.r, sentences))
}
