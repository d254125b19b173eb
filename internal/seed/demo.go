// Package seed loads the demonstration data: the Leergang Digitaal Leiderschap of the VGS and the A&O-fonds with
// a completed cohort (2021–2022) and a running one (2026–2027), their participants, sessions, speakers, goals,
// reflections and evaluations, so that every screen has something true-to-life to show.
package seed

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // session times are Amsterdam wall-clock times, also on hosts without a zoneinfo database

	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/identity"
)

// DemoPassword is the password of every demo account.
const DemoPassword = "leergang-demo-2021"

// demoSlug marks the demo as loaded: when this programme exists, Demo does nothing.
const demoSlug = "digitaal-leiderschap"

// Account is a demo login worth printing.
type Account struct {
	Role, Email, Name string
}

// Result tells whether the demo data was created now, and which accounts to try.
type Result struct {
	Created  bool
	Accounts []Account
}

// ---------------------------------------------------------------------------------------------------------------
// The data.

type person struct {
	email, name string
}

type participant struct {
	person
	gemeente, jobTitle string
}

var (
	admin       = person{"beheer@vgs.example", "Marieke Jansen"}
	facilitator = person{"begeleider@vgs.example", "Ruud Verbeek"}
	// Facilitator of the whole Regionaal Samenwerken programme: shows a programme-wide grant.
	regionFacilitator = person{"lotte.willems@vgs.example", "Lotte Willems"}
	reviewer          = person{"fonds@aeno.example", "Fatima El Amrani"}

	nico     = participant{person{"nico.middelbos@kampen.example", "Nico Middelbos"}, "Kampen", "Gemeentesecretaris"}
	annemiek = participant{person{"annemiek.devries@zwolle.example", "Annemiek de Vries"}, "Zwolle", "Gemeentesecretaris / algemeen directeur"}
	karin    = participant{person{"karin.smit@hardenberg.example", "Karin Smit"}, "Hardenberg", "Gemeentesecretaris"}
	erik     = participant{person{"erik.vandijk@ede.example", "Erik van Dijk"}, "Ede", "Gemeentesecretaris / algemeen directeur"}
	accounts = []Account{
		{"admin", admin.email, admin.name},
		{"facilitator", facilitator.email, facilitator.name},
		{"facilitator", regionFacilitator.email, regionFacilitator.name},
		{"reviewer", reviewer.email, reviewer.name},
		{"participant", nico.email, nico.name},
		{"participant", annemiek.email, annemiek.name},
	}
)

// The running cohort: Nico and seven colleagues.
var participants2026 = []participant{
	nico,
	annemiek,
	{person{"joost.hendriks@deventer.example", "Joost Hendriks"}, "Deventer", "Gemeentesecretaris / algemeen directeur"},
	{person{"ingrid.kamphuis@borne.example", "Ingrid Kamphuis"}, "Borne", "Gemeentesecretaris"},
	{person{"ahmed.bouzid@almelo.example", "Ahmed Bouzid"}, "Almelo", "Gemeentesecretaris / algemeen directeur"},
	{person{"sanne.visser@gouda.example", "Sanne Visser"}, "Gouda", "Gemeentesecretaris"},
	{person{"pieter.hoogland@buren.example", "Pieter Hoogland"}, "Buren", "Gemeentesecretaris"},
	{person{"esther.vandermeer@amersfoort.example", "Esther van der Meer"}, "Amersfoort", "Gemeentesecretaris / algemeen directeur"},
}

// The completed cohort of seed 000: "samen met zeven collega-gemeentesecretarissen".
var participants2021 = []participant{
	nico,
	karin,
	{person{"wim.deboer@harderwijk.example", "Wim de Boer"}, "Harderwijk", "Gemeentesecretaris"},
	{person{"linda.mulder@zutphen.example", "Linda Mulder"}, "Zutphen", "Gemeentesecretaris / algemeen directeur"},
	{person{"bart.jacobs@oss.example", "Bart Jacobs"}, "Oss", "Gemeentesecretaris"},
	{person{"yvonne.bakker@leeuwarden.example", "Yvonne Bakker"}, "Leeuwarden", "Gemeentesecretaris / algemeen directeur"},
	erik,
	{person{"marloes.peters@venlo.example", "Marloes Peters"}, "Venlo", "Gemeentesecretaris"},
}

type aspectSpec struct{ key, title, description string }

type groupSpec struct {
	key, title, question string
	aspects              []aspectSpec
}

const frameworkTitle = "Digitaal leiderschap — publieke waarde"

var frameworkGroups = []groupSpec{
	{"waardegedreven-strategie", "Waardegedreven strategie", "willen", []aspectSpec{
		{"strategie-opgaven", "Maatschappelijke opgaven verbinden met technologie",
			"Vertrek vanuit de maatschappelijke opgaven van de gemeente en de publieke waarden, niet vanuit de technologie: welke veranderingen zijn gaande, wat merken inwoners ervan en welke data zijn daarvoor nodig?"},
		{"strategie-gezamenlijk", "Een gezamenlijke strategie: kaders en ruimte om te experimenteren",
			"Een gedeelde digitale strategie met duidelijke kaders die passen bij het publieke domein, én ruimte voor innovatie, experimenten (ook als ze mislukken) en het opschalen van successen."},
	}},
	{"capaciteit", "Capaciteit", "kunnen", []aspectSpec{
		{"structuur", "Structuur: datamanagement en samenwerking rond data",
			"Structuren die passen bij de doelen en de omgeving: datamanagement op orde, eigenaarschap van data bij de vakafdelingen en samenwerking rond data binnen en buiten de organisatie."},
		{"human-resources", "Human resources: lerende houding en digitale vaardigheden",
			"Goed luisteren, de juiste vragen stellen en een lerende houding stimuleren; digitale vaardigheden en voldoende expertise in huis om regie te voeren, ook op ingehuurde partijen."},
		{"politiek", "Politiek: de politieke kant van datapraktijken",
			"Oog voor belangen, macht en de politieke implicaties van datapraktijken, en in heldere taal aan de politiek kunnen uitleggen wat er speelt."},
		{"symboliek", "Symboliek: symbolen en interventies voor verandering",
			"Betekenis geven aan de verandering: het eigen voorbeeld, verhalen en zichtbare interventies die laten zien waar de organisatie naartoe wil."},
	}},
	{"legitimiteit", "Legitimiteit", "mogen", []aspectSpec{
		{"privacy-veiligheid", "Persoonsgegevens beschermen en veiligheid borgen",
			"Persoonsgegevens beschermen en de informatieveiligheid borgen, passend bij de maatschappelijke opgaven; de balans zoeken tussen privacy en het kunnen oplossen van maatschappelijke vraagstukken."},
		{"transparantie", "Transparantie en verantwoording over algoritmen en data",
			"Zorgen dat de gemeente kan uitleggen en verantwoorden hoe algoritmen en data worden gebruikt, ook als het beheer is uitbesteed, en dat fouten kunnen worden hersteld."},
		{"inclusie", "Digitale inclusie en digitale weerbaarheid",
			"Aandacht voor inwoners die niet vanzelf meekomen in de digitale samenleving, en voor hun weerbaarheid tegen fraude, misbruik en uitsluiting."},
	}},
}

type optionSpec struct{ title, description string }

type moduleSpec struct {
	key, title, description string
	options                 []optionSpec
}

type programmeSpec struct {
	slug, name, description string
	modules                 []moduleSpec
}

var digitaalLeiderschap = programmeSpec{
	slug: demoSlug,
	name: "Leergang Digitaal Leiderschap",
	description: "Tijdens de Leergang Digitaal Leiderschap leren gemeentesecretarissen hoe (beter) leiding te geven aan " +
		"de digitale transformatie bij gemeenten. Ze werken aan eigen leerdoelen en worden geïnspireerd door " +
		"ervaringsdeskundigen en experts. Uitgangspunt is dat digitale technologie zo wordt ingezet dat het altijd " +
		"meerwaarde heeft voor de inwoner. Een leergang van de VGS, samengesteld met het A&O-fonds Gemeenten.",
	modules: []moduleSpec{
		{"context", "De gemeentesecretaris in zijn/haar context",
			"Wat vraagt de digitale transformatie van de gemeentesecretaris? Verkenning van de eigen rol, de organisatie en de maatschappelijke opgaven, en het formuleren van persoonlijke leerdoelen.", nil},
		{"netwerken", "Samenwerking en netwerken",
			"Digitale opgaven realiseer je niet alleen. Samenwerken met ketenpartners, de VNG, de Informatiebeveiligingsdienst en collega-gemeenten, en leren van elkaars praktijk.", nil},
		{"leiderschap", "Leiderschap aan de organisatie",
			"Sturing geven aan digitalisering in de eigen organisatie: structuur, datamanagement, digitale vaardigheden en de verbinding tussen vakafdelingen en de IT-afdeling.", nil},
		{"bestuurlijk-adviseren", "(Politiek-)bestuurlijk adviseren",
			"College en raad adviseren over de politiek-bestuurlijke kanten van data en algoritmen: privacy, transparantie, inclusie en de vraag of wat technisch kan ook wenselijk is.", nil},
		{"keuzemodule", "Keuzemodule en afsluiting",
			"Verdieping op een zelfgekozen thema en afsluiting van de leergang, met de slotevaluatie en een terugblik op de eigen leerdoelen.", []optionSpec{
				{"Verdieping: AI en algoritmen in de gemeentelijke praktijk",
					"Wat betekenen AI-toepassingen voor dienstverlening en bedrijfsvoering, en hoe houd je als gemeentesecretaris zicht op de algoritmen die je organisatie gebruikt?"},
				{"Verdieping: informatieveiligheid en crisisoefening",
					"Een oefening met een gesimuleerde hack: wat doe je in het eerste uur, de eerste dag en de eerste week, en wie doet wat?"},
				{"Werkbezoek: datagedreven sturen op maatschappelijke opgaven",
					"Een werkbezoek aan een gemeente die data gebruikt om te sturen op maatschappelijke opgaven, met een gesprek met de directie."},
			}},
	},
}

var regionaalSamenwerken = programmeSpec{
	slug: "regionaal-samenwerken",
	name: "Leergang Regionaal Samenwerken",
	description: "Voor gemeentesecretarissen die de regionale samenwerking willen versterken: van gemeenschappelijke " +
		"regelingen tot regiodeals, en de rol van de gemeentesecretaris daarin.",
	modules: []moduleSpec{
		{"regio-als-opgave", "De regio als opgave",
			"Welke opgaven vragen om regionale samenwerking, en wat betekent dat voor de eigen gemeente?", nil},
		{"samenwerkingsvormen", "Samenwerkingsvormen en governance",
			"Gemeenschappelijke regelingen, netwerken en regiodeals: sturing, verantwoording en de positie van de raad.", nil},
		{"netwerkend-leiderschap", "Netwerkend leiderschap in de regio",
			"Leiding geven zonder hiërarchie: vertrouwen, belangen en het gesprek met collega-gemeentesecretarissen.", nil},
	},
}

// cohort2026Option is added to the running cohort's keuzemodule only: cohorts can edit their copy.
var cohort2026Option = optionSpec{"Verdieping: digitale inclusie en dienstverlening",
	"Hoe zorg je dat alle inwoners kunnen meekomen? Met voorbeelden van bibliotheken en Informatiepunten Digitale Overheid."}

type speakerSpec struct {
	name, roleTitle, organisation, bio string
	topics                             []string
	email, phone                       string
	programmeOnly                      bool // in the programme's own directory instead of the shared one
}

var speakers = []speakerSpec{
	{name: "Michiel van Dalen", roleTitle: "Voormalig gemeentesecretaris van Buren", organisation: "Gemeente Buren",
		bio: "Was gemeentesecretaris van Buren toen de gemeente werd getroffen door een hack. Vertelt openhartig " +
			"over de impact op de organisatie, de inwoners en het bestuur, en over wat hij achteraf anders had gedaan.",
		topics: []string{"Informatieveiligheid", "Crisismanagement"},
		email:  "michiel@vandalen-advies.example", phone: "+31 6 0000 0101", programmeOnly: true},
	{name: "Nausikaa Efstratiades", roleTitle: "Hoofd Informatiebeveiligingsdienst", organisation: "VNG",
		bio: "Leidt de Informatiebeveiligingsdienst (IBD) voor gemeenten. Spreekt over het informatieveilig maken " +
			"van de organisatie: van bewustwording tot incidentrespons, en over wat gemeenten samen sterker maakt.",
		topics: []string{"Informatieveiligheid"},
		email:  "n.efstratiades@ibd.example", phone: "+31 70 000 0102"},
	{name: "Mark Crooijmans", roleTitle: "Stedelijk directeur", organisation: "Gemeente Amsterdam",
		bio: "Over gerichte sturing op digitalisering in organisatie en processen: hoe een grote gemeente de " +
			"digitale transformatie organiseert, en wat kleinere gemeenten daarvan kunnen leren.",
		topics: []string{"Digitaliseren van processen", "Sturing op digitalisering"},
		email:  "m.crooijmans@amsterdam.example", phone: "+31 20 000 0103"},
	{name: "Sjoerd van ’t Erve", roleTitle: "Directeur", organisation: "Weener XL, Den Bosch",
		bio: "Over het gebruik en de toepassing van data in de praktijk: hoe Weener XL met data werkt aan passend " +
			"werk voor inwoners met een afstand tot de arbeidsmarkt.",
		topics: []string{"Datagericht werken in de praktijk"},
		email:  "s.vanterve@weenerxl.example", phone: "+31 73 000 0104"},
}

const (
	venueVNG        = "VNG, Nassaulaan 12, Den Haag"
	venueAmsterdam  = "Stadhuis Amsterdam, Amstel 1, Amsterdam"
	venueAmersfoort = "Stadskantoor Amersfoort, Stadhuisplein 1, Amersfoort"
	venueDenBosch   = "Provinciehuis Noord-Brabant, Brabantlaan 1, 's-Hertogenbosch"
	venueZwolle     = "Provinciehuis Overijssel, Luttenbergstraat 2, Zwolle"
	onlineMeeting   = "https://meet.example/vgs-leergang-digitaal-leiderschap"

	topicData     = "Datagericht werken in de praktijk"
	topicSecurity = "Informatieveiligheid"
	topicProcess  = "Digitaliseren van processen"

	agendaDefault = "13:30 Inloop en welkom\n13:45 Inleiding door de spreker\n14:45 Gesprek in kleine groepen\n" +
		"15:30 Pauze\n15:45 Vertaling naar de eigen organisatie en leerdoelen\n16:45 Afsluiting"
)

type bookingSpec struct{ speaker, status string }

type sessionSpec struct {
	module    string
	title     string
	day       string // YYYY-MM-DD in Europe/Amsterdam
	from, to  string // HH:MM
	untilDay  string // the last day of a session that runs over several days
	venue     string
	online    bool
	topics    []string
	agenda    string // agendaDefault when empty
	cancelled bool
	bookings  []bookingSpec
}

var sessions2021 = []sessionSpec{
	{module: "context", title: "Aftrap: de gemeentesecretaris in de digitale samenleving", day: "2021-09-16", from: "13:30", to: "17:00",
		venue: venueVNG, topics: []string{"Digitale transformatie", "Publieke waarde"}},
	{module: "context", title: topicData, day: "2021-10-07", from: "13:30", to: "17:00", venue: venueDenBosch,
		topics: []string{topicData}, bookings: []bookingSpec{{"Sjoerd van ’t Erve", "confirmed"}}},
	// The last session in summer time; the next one is in winter time.
	{module: "netwerken", title: "Informatieveiligheid: de hack in Buren", day: "2021-10-28", from: "13:30", to: "17:00",
		venue: venueVNG, topics: []string{topicSecurity}, bookings: []bookingSpec{{"Michiel van Dalen", "confirmed"}}},
	{module: "netwerken", title: "Informatieveiligheid als gezamenlijke opgave", day: "2021-11-11", from: "13:30", to: "17:00",
		online: true, topics: []string{topicSecurity}, bookings: []bookingSpec{{"Nausikaa Efstratiades", "confirmed"}}},
	{module: "leiderschap", title: "Digitaliseren van processen: sturen op digitalisering", day: "2021-12-02", from: "13:30", to: "17:00",
		venue: venueAmsterdam, topics: []string{topicProcess}, bookings: []bookingSpec{{"Mark Crooijmans", "confirmed"}}},
	{module: "leiderschap", title: "Intervisie: leiderschap en verandering", day: "2021-12-16", from: "13:30", to: "17:00",
		venue: venueVNG, topics: []string{"Intervisie"}, cancelled: true},
	{module: "bestuurlijk-adviseren", title: "Bestuurlijk adviseren over algoritmen en data", day: "2022-01-20", from: "13:30", to: "17:00",
		online: true, topics: []string{topicData, "Transparantie"}, bookings: []bookingSpec{{"Mark Crooijmans", "declined"}}},
	{module: "bestuurlijk-adviseren", title: "Het goede gesprek met raad en college over digitalisering", day: "2022-02-17", from: "13:30", to: "17:00",
		venue: venueAmersfoort, topics: []string{topicProcess}},
	{module: "keuzemodule", title: "Keuzemodule: verdieping in subgroepen", day: "2022-03-10", from: "13:30", to: "17:00",
		venue: venueVNG, topics: []string{topicData, topicSecurity, topicProcess}},
	// Runs through the night the clocks go forward: 27 hours on the wall clock, 26 in reality.
	{module: "keuzemodule", title: "Afsluitende tweedaagse", day: "2022-03-26", from: "10:00", untilDay: "2022-03-27", to: "13:00",
		venue: "Landgoed Het Heidehuis, Ede", topics: []string{"Terugblik", "Eigen leerdoelen"},
		agenda: "Zaterdag\n10:00 Ontvangst\n10:30 Terugblik op de eigen leerdoelen\n14:00 Presentaties keuzemodule\n" +
			"19:00 Diner\n\nZondag\n09:30 Wat neem ik mee? Gesprek in trio's\n11:30 Slotevaluatie\n12:30 Afsluiting en lunch"},
}

var sessions2026 = []sessionSpec{
	{module: "context", title: "Aftrap: de gemeentesecretaris in de digitale samenleving", day: "2026-09-17", from: "13:30", to: "17:00",
		venue: venueVNG, topics: []string{"Digitale transformatie", "Publieke waarde"}},
	{module: "context", title: topicData, day: "2026-10-08", from: "13:30", to: "17:00", venue: venueDenBosch,
		topics: []string{topicData}, bookings: []bookingSpec{{"Sjoerd van ’t Erve", "confirmed"}}},
	{module: "netwerken", title: "Informatieveiligheid: lessen uit de hack in Buren", day: "2026-10-29", from: "13:30", to: "17:00",
		venue: venueVNG, topics: []string{topicSecurity}, bookings: []bookingSpec{{"Michiel van Dalen", "confirmed"}}},
	{module: "netwerken", title: "Informatieveiligheid als gezamenlijke opgave", day: "2026-11-12", from: "13:30", to: "17:00",
		online: true, topics: []string{topicSecurity}, bookings: []bookingSpec{{"Nausikaa Efstratiades", "confirmed"}}},
	{module: "leiderschap", title: "Digitaliseren van processen: sturen op digitalisering", day: "2026-12-03", from: "13:30", to: "17:00",
		venue: venueAmsterdam, topics: []string{topicProcess}, bookings: []bookingSpec{{"Mark Crooijmans", "invited"}}},
	{module: "leiderschap", title: "Intervisie: leiderschap en verandering", day: "2027-01-14", from: "13:30", to: "17:00",
		venue: venueVNG, topics: []string{"Intervisie"}},
	{module: "bestuurlijk-adviseren", title: "Bestuurlijk adviseren over algoritmen en data", day: "2027-02-04", from: "13:30", to: "17:00",
		online: true, topics: []string{topicData, "Transparantie"}, bookings: []bookingSpec{{"Sjoerd van ’t Erve", "declined"}, {"Nausikaa Efstratiades", "invited"}}},
	{module: "bestuurlijk-adviseren", title: "Het goede gesprek met raad en college over digitalisering", day: "2027-03-11", from: "13:30", to: "17:00",
		venue: venueAmersfoort, topics: []string{topicProcess}, bookings: []bookingSpec{{"Michiel van Dalen", "cancelled"}}},
	{module: "keuzemodule", title: "Keuzemodule: verdieping in subgroepen", day: "2027-05-20", from: "13:30", to: "17:00",
		venue: venueVNG, topics: []string{topicData, topicSecurity, topicProcess}},
	{module: "keuzemodule", title: "Afsluiting en slotevaluatie", day: "2027-06-17", from: "13:30", to: "18:00",
		venue: venueVNG, topics: []string{"Terugblik", "Eigen leerdoelen"},
		agenda: "13:30 Inloop\n14:00 Terugblik op de eigen leerdoelen\n15:30 Pauze\n15:45 Presentaties keuzemodule\n" +
			"17:00 Slotevaluatie en borrel"},
}

var sessionsRegion = []sessionSpec{
	{module: "regio-als-opgave", title: "Aftrap: de regio als opgave", day: "2027-03-18", from: "13:30", to: "17:00",
		venue: venueZwolle, topics: []string{"Regionale samenwerking"}},
}

type cohortSpec struct {
	name               string
	startsOn, endsOn   string
	capacity           int
	status             string
	enrolledOn         string
	participants       []participant
	withdrawn          map[string]string // email → the day they left
	sessions           []sessionSpec
	enrolmentStatus    string // of those who did not withdraw
	electiveChoices    int    // how many participants already chose a keuzemodule option
	extraElective      *optionSpec
	facilitatedByRuud  bool
	facilitatedByLotte bool
}

var (
	cohort2021 = cohortSpec{name: "2021–2022", startsOn: "2021-09-01", endsOn: "2022-03-31", capacity: 12,
		status: "completed", enrolledOn: "2021-06-15", participants: participants2021, sessions: sessions2021,
		withdrawn:       map[string]string{erik.email: "2022-01-10"},
		enrolmentStatus: "completed", electiveChoices: 7, facilitatedByRuud: true}
	cohort2026 = cohortSpec{name: "2026–2027", startsOn: "2026-09-01", endsOn: "2027-06-30", capacity: 12,
		status: "running", enrolledOn: "2026-06-22", participants: participants2026, sessions: sessions2026,
		enrolmentStatus: "active", electiveChoices: 3, extraElective: &cohort2026Option, facilitatedByRuud: true}
	cohortRegion = cohortSpec{name: "2027", startsOn: "2027-03-01", endsOn: "2027-11-30", capacity: 16,
		status: "planned", sessions: sessionsRegion, facilitatedByLotte: true}
)

type stepSpec struct {
	title string
	done  bool
}

type goalSpec struct {
	module, title, description, success string
	aspects                             []string
	steps                               []stepSpec
	status, target                      string // set per participant unless given here
}

// Nico's goals follow his own story (seed 000).
var nicoGoals2021 = []goalSpec{
	{module: "leiderschap", title: "Informatievoorziening als gezamenlijke opgave",
		description: "Informatievoorziening wordt nu te veel aan de IT-afdeling overgelaten. Ik wil dat het een gezamenlijke opgave wordt van de vakafdelingen (inclusief lijnmanagement) en de afdeling Dienstverlening & informatie.",
		success:     "Elke vakafdeling heeft een eigenaar voor haar informatievoorziening en de afdelingen werken met een gezamenlijke jaaragenda.",
		aspects:     []string{"structuur", "strategie-gezamenlijk"}, status: "achieved", target: "2022-03-31",
		steps: []stepSpec{{"Gesprek met de directie over de huidige rolverdeling", true}, {"Eigenaren per vakafdeling benoemen", true}, {"Gezamenlijke jaaragenda vaststellen in het MT", true}}},
	{module: "netwerken", title: "Meer zicht op informatieveiligheid in de directie",
		description: "Na de sessie over de hack in Buren wil ik dat informatieveiligheid structureel op de agenda van de directie staat, niet pas na een incident.",
		success:     "Informatieveiligheid is een vast agendapunt in het directieoverleg, met een kwartaalrapportage van de CISO.",
		aspects:     []string{"privacy-veiligheid"}, status: "achieved", target: "2022-01-31",
		steps: []stepSpec{{"Kwartaalrapportage afspreken met de CISO", true}, {"Eerste bespreking in het directieoverleg", true}}},
}

var nicoGoals2026 = []goalSpec{
	{module: "leiderschap", title: "Digitalisering vast onderdeel van de organisatieontwikkeling",
		description: "In de organisatieontwikkeling van Kampen wordt digitalisering nog als apart IT-thema behandeld. Ik wil dat het een vast onderdeel wordt van de koers en van de gesprekken met het lijnmanagement.",
		success:     "Het organisatieontwikkelplan 2027 bevat een uitgewerkte paragraaf digitalisering, opgesteld samen met de vakafdelingen.",
		aspects:     []string{"strategie-gezamenlijk", "structuur"}, status: "active", target: "2027-03-31",
		steps: []stepSpec{{"Gesprek met de directie over de huidige stand", true}, {"Inventarisatie van digitale opgaven per vakafdeling", true},
			{"Paragraaf digitalisering schrijven met Dienstverlening & informatie", false}, {"Bespreken in het MT", false}}},
	{module: "netwerken", title: "Vast overleg met CISO, FG en informatiemanager",
		description: "Frequenter het gesprek voeren met onze medewerker informatiebeveiliging (CISO), de Functionaris Gegevensbescherming (FG) en de informatiemanager, samen met de directie.",
		success:     "Elk kwartaal een overleg met een vaste agenda; risico's en incidenten komen ieder kwartaal in de directie aan bod.",
		aspects:     []string{"privacy-veiligheid", "structuur"}, status: "active", target: "2027-01-31",
		steps: []stepSpec{{"Eerste overleg plannen", true}, {"Vaste agenda opstellen met de CISO", true}, {"Evalueren na twee overleggen", false}}},
	{module: "bestuurlijk-adviseren", title: "Het college adviseren over algoritmen",
		description: "Het college vraagt hoe wij omgaan met algoritmen in de dienstverlening. Ik wil een advies kunnen geven dat verder gaat dan de techniek.",
		success:     "Het college stemt in met uitgangspunten voor een algoritmeregister.",
		aspects:     []string{"transparantie", "politiek"}, status: "draft", target: "2027-04-30",
		steps: []stepSpec{{"Inventariseren welke algoritmen we gebruiken", false}, {"Verkennend gesprek met de FG", false}}},
}

// goalPool gives the other participants two goals each, drawn in turn.
var goalPool = []goalSpec{
	{module: "context", title: "Datagedreven sturen in het sociaal domein",
		description: "De sturing in het sociaal domein gebeurt vooral op budget. Ik wil met de vakafdeling verkennen welke data ons helpen om op maatschappelijke effecten te sturen.",
		success:     "Een eerste dashboard met effectindicatoren is besproken met de wethouder.",
		aspects:     []string{"strategie-opgaven", "structuur"},
		steps:       []stepSpec{{"Gesprek met de manager sociaal domein", true}, {"Drie vragen kiezen waar data bij helpen", false}, {"Proef met een dashboard", false}}},
	{module: "leiderschap", title: "Digitale vaardigheden van het MT versterken",
		description: "Mijn managementteam voert het gesprek over digitalisering nog te veel vanuit de techniek of vanuit de kosten.",
		success:     "Elk MT-lid heeft een digitale opgave in het eigen domein benoemd en besproken.",
		aspects:     []string{"human-resources", "symboliek"},
		steps:       []stepSpec{{"MT-sessie over digitale opgaven", true}, {"Ieder MT-lid kiest een opgave", false}}},
	{module: "leiderschap", title: "Ruimte voor experimenten met AI",
		description: "Medewerkers willen experimenteren met AI, maar er zijn geen kaders. Ik wil ruimte maken, met duidelijke grenzen.",
		success:     "Er is een kader voor experimenten met AI en twee experimenten zijn gestart.",
		aspects:     []string{"strategie-gezamenlijk", "politiek"},
		steps:       []stepSpec{{"Kader opstellen met FG en CISO", true}, {"Twee experimenten selecteren", false}, {"Evaluatie na drie maanden", false}}},
	{module: "bestuurlijk-adviseren", title: "Digitale inclusie in de dienstverlening",
		description: "Niet alle inwoners komen mee met de digitale dienstverlening. Ik wil dat het college daar expliciet keuzes in maakt.",
		success:     "Het college heeft een notitie over digitale inclusie vastgesteld.",
		aspects:     []string{"inclusie", "strategie-opgaven"},
		steps:       []stepSpec{{"Gesprek met de bibliotheek over het Informatiepunt", true}, {"Notitie voorbereiden", false}}},
	{module: "netwerken", title: "Informatieveiligheid op de bestuurlijke agenda",
		description: "Het college ziet informatieveiligheid als iets van de ambtelijke organisatie. Ik wil dat het college zijn eigen rol kent, ook in een crisis.",
		success:     "Het college heeft deelgenomen aan een crisisoefening rond een hack.",
		aspects:     []string{"privacy-veiligheid", "politiek"},
		steps:       []stepSpec{{"Oefening plannen met de IBD", true}, {"Draaiboek actualiseren", false}}},
	{module: "netwerken", title: "Regionale samenwerking op data en ICT",
		description: "Kleine gemeenten in onze regio lossen dezelfde vragen elk apart op. Ik wil met collega-gemeentesecretarissen één gezamenlijke aanpak verkennen.",
		success:     "De regio heeft een gezamenlijke verkenning van datasamenwerking vastgesteld.",
		aspects:     []string{"strategie-gezamenlijk", "structuur"},
		steps:       []stepSpec{{"Rondgang langs de collega's in de regio", true}, {"Gezamenlijke verkenning opstellen", false}}},
}

type reflectionSpec struct {
	author     string
	cohort     string
	session    int // index in the cohort's sessions, or -1
	writtenOn  string
	title      string
	body       string
	visibility string
	goal       string // title of one of the author's goals in that cohort, or ""
}

var reflections = []reflectionSpec{
	{nico.email, "2026–2027", 1, "2026-10-09", "Data is geen IT-thema",
		"Sjoerd van ’t Erve liet zien hoe Weener XL met data stuurt op passend werk. Wat mij trof: de vragen kwamen " +
			"uit het primaire proces, niet van de IT-afdeling.\n\nBij ons ligt dat nog andersom. Als ik wil dat " +
			"digitalisering een vast onderdeel wordt van onze organisatieontwikkeling, moet ik het gesprek bij de " +
			"vakafdelingen beginnen.\n\n- Volgende week: Burgerzaken vragen welke vraag zij met data zouden willen beantwoorden.",
		"facilitators", "Digitalisering vast onderdeel van de organisatieontwikkeling"},
	{nico.email, "2026–2027", 2, "2026-10-30", "Wat als het bij ons gebeurt?",
		"Het verhaal van Michiel van Dalen over de hack in Buren maakte indruk. Niet de techniek, maar de weken " +
			"daarna: inwoners die niet geholpen konden worden, medewerkers die zich schuldig voelden.\n\nIk heb " +
			"vanmorgen met onze CISO afgesproken dat we het draaiboek samen doorlopen. Wie heeft er ervaring met een " +
			"crisisoefening met het college?",
		"cohort", "Vast overleg met CISO, FG en informatiemanager"},
	{nico.email, "2026–2027", -1, "2026-11-05", "Twijfel over mijn eigen rol",
		"Eerlijk gezegd vind ik het lastig om de discussie met ons hoofd ICT aan te gaan. Hij heeft de huidige " +
			"omgeving opgebouwd en ik ben bang dat ik hem passeer als ik de vakafdelingen meer zeggenschap geef.\n\n" +
			"Dit wil ik eerst voor mezelf op een rij hebben voordat ik het met Ruud bespreek.",
		"private", ""},
	{annemiek.email, "2026–2027", 0, "2026-09-18", "Willen, kunnen, mogen",
		"Het kader van willen, kunnen en mogen helpt me om het gesprek in ons MT te ordenen. Bij ons zit de " +
			"spanning vooral in het mogen: wat vinden raad en inwoners ervan als we meer met data gaan doen?",
		"cohort", ""},
	{"joost.hendriks@deventer.example", "2026–2027", 1, "2026-10-09", "Dashboards zijn geen sturing",
		"We hebben tientallen dashboards, maar ik kan niet zeggen welke beslissing daardoor anders is genomen. " +
			"Dat wil ik in mijn leerdoel scherper maken.",
		"facilitators", ""},
	{"sanne.visser@gouda.example", "2026–2027", 2, "2026-10-30", "Notities na Buren",
		"Voor mezelf: nagaan of ons college weet wie beslist over losgeld, en of de back-ups echt offline staan.",
		"private", ""},
	{"ahmed.bouzid@almelo.example", "2026–2027", 3, "2026-11-13", "De IBD als bondgenoot",
		"Nausikaa Efstratiades liet zien hoeveel de IBD voor gemeenten doet. Wij gebruiken dat nog veel te weinig. " +
			"Ik ga onze CISO vragen welke diensten we links laten liggen.",
		"cohort", ""},
	{nico.email, "2021–2022", 2, "2021-10-29", "De hack in Buren",
		"Indrukwekkend verhaal van Michiel van Dalen. De scope van ons als gemeentesecretaris is te vaak gericht " +
			"op financiën; informatieveiligheid hoort er net zo goed bij.",
		"cohort", "Meer zicht op informatieveiligheid in de directie"},
	{nico.email, "2021–2022", 9, "2022-03-28", "Terugblik op de leergang",
		"Wat ik meeneem: informatievoorziening is een gezamenlijke opgave van vakafdeling en Dienstverlening & " +
			"informatie. Ik voer nu met mijn directie frequenter het gesprek met de CISO, de FG en de informatiemanager.",
		"facilitators", "Informatievoorziening als gezamenlijke opgave"},
	{karin.email, "2021–2022", 4, "2021-12-03", "Sturen zonder alles te weten",
		"Mark Crooijmans zei dat je als gemeentesecretaris niet alles hoeft te weten, maar wel de goede vragen " +
			"moet stellen. Ik merk dat ik me vaak terugtrek als het technisch wordt.",
		"private", ""},
}

type commentSpec struct {
	reflection int // index in reflections
	author     string
	body       string
	deleted    bool
}

var comments = []commentSpec{
	{0, facilitator.email, "Mooie observatie, Nico. Wat zou een eerste kleine stap zijn om een vakafdeling eigenaar te maken van haar eigen data? Zullen we dat bij de volgende coachingsafspraak bespreken?", false},
	{0, nico.email, "Goed idee. Ik neem de casus van Burgerzaken mee.", false},
	{1, annemiek.email, "Herkenbaar! Wij hebben vorig jaar een crisisoefening gedaan met de IBD en het college. Ik stuur je ons draaiboek.", false},
	{1, "ahmed.bouzid@almelo.example", "Dubbel geplaatst, excuus.", true},
	{3, facilitator.email, "Goed dat je het mogen benoemt. Neem het mee naar de module over bestuurlijk adviseren.", false},
}

var nicoPortraitBody = strings.Join([]string{
	"In de afgelopen maanden heb ik samen met zeven collega-gemeentesecretarissen met veel plezier en interesse deelgenomen aan de Leergang Digitaal Leiderschap. Deze leergang wordt aangeboden door de VGS in samenwerking met het A&O-fonds. Centraal staat de ontwikkeling van Digitalisering, AI en Informatieveiligheid binnen de gemeentelijke organisaties. Een actueel onderwerp waarbij de relatie werd gelegd met ons vak van gemeentesecretaris en wat deze ontwikkelingen vragen van ons leiderschap in onze organisatie.",
	"De leergang bestond uit vier modules waarin inspirerende onderwerpen zoals Datagericht werken in de praktijk, Informatieveiligheid en Digitaliseren van processen aan de orde kwamen. Bij elke module waren gedreven praktijkmensen uit de gemeentelijke organisaties aanwezig om ons mee te nemen welke kansen en opgaven er concreet liggen. Interactief werden de onderwerpen besproken en inzichten gedeeld vanuit de praktijk. Zo hebben we onder meer gesproken met voormalig gemeentesecretaris van Buren, Michiel van Dalen, over de hack bij zijn gemeente en de impact hiervan, met Nausikaa Efstratiades, hoofd van de Informatiebeveiligingsdienst bij VNG over het informatie veilig maken van de organisatie, met stedelijk directeur van Amsterdam, Mark Crooijmans, over gerichte sturing op digitalisering in organisatie en processen en met Sjoerd van ’t Erve, directeur Weener XL Den Bosch, over gebruik en toepassing van data in praktijk.",
	"Duidelijk wordt dat ontwikkelingen op informatievoorzieningsgebied nog te veel worden overgelaten aan de IT-afdeling, te weinig verbinding c.q. samenwerking met de inhoudelijke vakafdelingen en dat de scope van ons als gemeentesecretaris te beperkt is en te vaak gericht is op financiën. Als deelnemer van de leergang is mij duidelijk geworden dat wij als gemeentesecretarissen juist op het gebied van digitalisering en AI een grote(re) rol moeten pakken. Dat het van ons vraagt voor gerichte sturing en aandacht om onze organisaties meer toekomstproof te maken op terrein van informatievoorziening. In de praktijk pas ik dit nu toe door met mijn directie frequenter het gesprek te hebben met onze medewerker informatiebeveiliging (CISO), Functionaris Gegevensbescherming (FG) en de informatiemanager, in de organisatieontwikkeling het onderwerp digitalisering expliciet mee te nemen en informatievoorziening een gezamenlijke opgave te maken van vakafdeling (inclusief lijnmanagement) en afdeling Dienstverlening & informatie.",
	"De leergang Digitaal Leiderschap is absoluut een aanrader! Het biedt nieuwe inzichten, kennis en je eigen ervaringen kun je bespreken met collega gemeentesecretarissen en ervaren personen uit de dagelijkse praktijk. Er wordt door VGS nu gewerkt om deze leergang ook komend jaar weer aan te bieden. Een mooie kans om hiervan gebruik te maken.",
	"Nico Middelbos – Gemeentesecretaris Kampen",
}, "\n\n")

var karinPortraitBody = "Digitalisering is geen ICT-feestje. Dat is misschien wel de belangrijkste les uit de leergang. " +
	"Als gemeentesecretaris van Hardenberg zie ik dat de grootste winst zit in het gesprek tussen de vakafdelingen " +
	"en de mensen die de systemen beheren.\n\nKarin Smit – Gemeentesecretaris Hardenberg"

type questionSpec struct {
	key, kind, prompt string
	required          bool
	options           string // JSON
}

type formTemplateSpec struct {
	title, description string
	questions          []questionSpec
}

const (
	labelsWaardering  = `{"labels": {"1": "Zeer slecht", "2": "Slecht", "3": "Neutraal", "4": "Goed", "5": "Zeer goed"}}`
	labelsEens        = `{"labels": {"1": "Helemaal mee oneens", "2": "Mee oneens", "3": "Neutraal", "4": "Mee eens", "5": "Helemaal mee eens"}}`
	labelsAanbeveling = `{"labels": {"0": "Zeer onwaarschijnlijk", "10": "Zeer waarschijnlijk"}}`
)

var sessionEvaluation = formTemplateSpec{
	title: "Evaluatie bijeenkomst",
	description: "Korte evaluatie na een bijeenkomst of module. Uw antwoorden worden anoniem verwerkt: resultaten " +
		"worden alleen getoond als ten minste vijf deelnemers hebben gereageerd.",
	questions: []questionSpec{
		{"waardering", "scale", "Hoe waardeert u dit onderdeel als geheel?", true, labelsWaardering},
		{"relevantie", "scale", "De inhoud sloot aan bij mijn praktijk als gemeentesecretaris.", true, labelsEens},
		{"waardevolst", "choice", "Wat was voor u het waardevolst?", true,
			`{"choices": [{"value": "spreker", "label": "De bijdrage van de spreker"}, {"value": "collegas", "label": "De uitwisseling met collega-gemeentesecretarissen"}, {"value": "leerdoelen", "label": "Het werken aan mijn eigen leerdoelen"}, {"value": "anders", "label": "Iets anders"}]}`},
		{"aanbeveling", "recommendation", "Hoe waarschijnlijk is het dat u dit onderdeel aanbeveelt aan een collega?", true, labelsAanbeveling},
		{"meenemen", "text", "Wat neemt u mee naar uw eigen organisatie?", false, `{}`},
	},
}

var finalEvaluation = formTemplateSpec{
	title: "Slotevaluatie",
	description: "Evaluatie van de hele leergang. De resultaten gaan, geanonimiseerd en alleen bij ten minste vijf " +
		"reacties, naar de VGS en het A&O-fonds Gemeenten.",
	questions: []questionSpec{
		{"waardering", "scale", "Hoe waardeert u de leergang als geheel?", true, labelsWaardering},
		{"leerdoelen", "scale", "In hoeverre heeft u uw leerdoelen bereikt?", true,
			`{"labels": {"1": "Helemaal niet", "2": "Nauwelijks", "3": "Gedeeltelijk", "4": "Grotendeels", "5": "Volledig"}}`},
		{"aanbeveling", "recommendation", "Hoe waarschijnlijk is het dat u de Leergang Digitaal Leiderschap aanbeveelt aan een collega-gemeentesecretaris?", true, labelsAanbeveling},
		{"beste-module", "choice", "Welke module was voor u het meest waardevol?", true,
			`{"choices": [{"value": "context", "label": "De gemeentesecretaris in zijn/haar context"}, {"value": "netwerken", "label": "Samenwerking en netwerken"}, {"value": "leiderschap", "label": "Leiderschap aan de organisatie"}, {"value": "bestuurlijk-adviseren", "label": "(Politiek-)bestuurlijk adviseren"}, {"value": "keuzemodule", "label": "Keuzemodule en afsluiting"}]}`},
		{"terugkomdag", "choice", "Wilt u over een jaar deelnemen aan een terugkomdag?", false,
			`{"choices": [{"value": "ja", "label": "Ja"}, {"value": "nee", "label": "Nee"}, {"value": "misschien", "label": "Misschien"}]}`},
		{"opbrengst", "text", "Wat heeft de leergang u opgeleverd?", false, `{}`},
		{"verbetering", "text", "Wat kan er beter?", false, `{}`},
	},
}

// answers maps question keys to a value: an int for scale and recommendation, a string for choice and text.
type answers map[string]any

type responseSpec struct {
	by      string // who submitted: only for evaluation_submissions, never stored with the answers
	on      string // the day, Europe/Amsterdam
	share   bool   // the respondent allows open answers to reach the funder
	answers answers
}

type formSpec struct {
	template         *formTemplateSpec
	cohort           string
	scope            string
	session          int    // index in the cohort's sessions, for scope session
	module           string // module key, for scope module
	title            string
	opens, closes    string // "YYYY-MM-DD HH:MM", Europe/Amsterdam
	responses        []responseSpec
	draftBy, draftOf string // a participant's unsent answers (JSON by question key, as the draft API stores them)
}

var forms = []formSpec{
	{template: &sessionEvaluation, cohort: "2021–2022", scope: "session", session: 1,
		title: "Evaluatie bijeenkomst: Datagericht werken in de praktijk", opens: "2021-10-07 17:00", closes: "2021-10-21 23:59",
		responses: []responseSpec{
			{"nico.middelbos@kampen.example", "2021-10-08", true, answers{"waardering": 5, "relevantie": 5, "waardevolst": "spreker", "aanbeveling": 9, "meenemen": "Data beginnen bij de vraag van de vakafdeling, niet bij het systeem."}},
			{"karin.smit@hardenberg.example", "2021-10-08", false, answers{"waardering": 4, "relevantie": 4, "waardevolst": "collegas", "aanbeveling": 8}},
			{"wim.deboer@harderwijk.example", "2021-10-11", true, answers{"waardering": 4, "relevantie": 3, "waardevolst": "spreker", "aanbeveling": 7, "meenemen": "Een concreet voorbeeld uit het sociaal domein om intern te delen."}},
			{"linda.mulder@zutphen.example", "2021-10-09", false, answers{"waardering": 5, "relevantie": 4, "waardevolst": "collegas", "aanbeveling": 10, "meenemen": "Ik wil met onze manager Werk en Inkomen naar Den Bosch."}},
			{"bart.jacobs@oss.example", "2021-10-12", true, answers{"waardering": 3, "relevantie": 3, "waardevolst": "leerdoelen", "aanbeveling": 6, "meenemen": "Meer tijd voor de vertaling naar de eigen gemeente zou helpen."}},
			{"yvonne.bakker@leeuwarden.example", "2021-10-08", false, answers{"waardering": 4, "relevantie": 5, "waardevolst": "spreker", "aanbeveling": 9}},
		}},
	{template: &sessionEvaluation, cohort: "2021–2022", scope: "session", session: 2,
		title: "Evaluatie bijeenkomst: Informatieveiligheid — de hack in Buren", opens: "2021-10-28 17:00", closes: "2021-11-11 23:59",
		responses: []responseSpec{
			{"nico.middelbos@kampen.example", "2021-10-29", true, answers{"waardering": 5, "relevantie": 5, "waardevolst": "spreker", "aanbeveling": 10, "meenemen": "Informatieveiligheid hoort op de agenda van de directie, niet alleen bij de CISO."}},
			{"karin.smit@hardenberg.example", "2021-10-29", true, answers{"waardering": 5, "relevantie": 5, "waardevolst": "spreker", "aanbeveling": 10, "meenemen": "Ons crisisdraaiboek gaat opnieuw tegen het licht."}},
			{"wim.deboer@harderwijk.example", "2021-11-01", false, answers{"waardering": 4, "relevantie": 5, "waardevolst": "spreker", "aanbeveling": 9}},
			{"linda.mulder@zutphen.example", "2021-10-30", true, answers{"waardering": 5, "relevantie": 4, "waardevolst": "collegas", "aanbeveling": 9, "meenemen": "De vraag wie er beslist over losgeld: dat weet bij ons niemand precies."}},
			{"bart.jacobs@oss.example", "2021-11-02", false, answers{"waardering": 4, "relevantie": 4, "waardevolst": "spreker", "aanbeveling": 8}},
			{"erik.vandijk@ede.example", "2021-10-29", false, answers{"waardering": 5, "relevantie": 5, "waardevolst": "spreker", "aanbeveling": 10, "meenemen": "Oefenen, oefenen, oefenen — met het college erbij."}},
			{"marloes.peters@venlo.example", "2021-11-03", true, answers{"waardering": 4, "relevantie": 4, "waardevolst": "collegas", "aanbeveling": 8, "meenemen": "Contact met de IBD leggen voordat er iets gebeurt."}},
		}},
	{template: &finalEvaluation, cohort: "2021–2022", scope: "cohort",
		title: "Slotevaluatie Leergang Digitaal Leiderschap 2021–2022", opens: "2022-03-27 13:00", closes: "2022-04-15 23:59",
		responses: []responseSpec{
			{"nico.middelbos@kampen.example", "2022-03-28", true, answers{"waardering": 5, "leerdoelen": 4, "aanbeveling": 10, "beste-module": "netwerken", "terugkomdag": "ja", "opbrengst": "Nieuwe inzichten, kennis, en collega's met wie ik mijn eigen ervaringen kan bespreken. Absoluut een aanrader!"}},
			{"karin.smit@hardenberg.example", "2022-03-29", true, answers{"waardering": 4, "leerdoelen": 4, "aanbeveling": 9, "beste-module": "leiderschap", "terugkomdag": "ja", "opbrengst": "Het besef dat digitalisering geen ICT-feestje is.", "verbetering": "De online bijeenkomsten waren minder levendig."}},
			{"wim.deboer@harderwijk.example", "2022-04-01", false, answers{"waardering": 4, "leerdoelen": 3, "aanbeveling": 8, "beste-module": "netwerken", "terugkomdag": "misschien", "verbetering": "Meer ruimte voor intervisie tussen de bijeenkomsten."}},
			{"linda.mulder@zutphen.example", "2022-03-28", true, answers{"waardering": 5, "leerdoelen": 5, "aanbeveling": 10, "beste-module": "bestuurlijk-adviseren", "terugkomdag": "ja", "opbrengst": "Ik durf het gesprek over algoritmen met het college nu aan."}},
			{"bart.jacobs@oss.example", "2022-04-05", false, answers{"waardering": 3, "leerdoelen": 3, "aanbeveling": 7, "beste-module": "context", "terugkomdag": "nee", "verbetering": "Minder lange middagen, liever een ochtend."}},
			{"yvonne.bakker@leeuwarden.example", "2022-03-30", true, answers{"waardering": 4, "leerdoelen": 4, "aanbeveling": 9, "beste-module": "keuzemodule", "terugkomdag": "ja", "opbrengst": "De werkbezoeken gaven me voorbeelden die ik direct kon gebruiken."}},
			{"marloes.peters@venlo.example", "2022-04-11", false, answers{"waardering": 5, "leerdoelen": 4, "aanbeveling": 9, "beste-module": "netwerken", "terugkomdag": "misschien"}},
		}},
	{template: &sessionEvaluation, cohort: "2026–2027", scope: "session", session: 0,
		title: "Evaluatie bijeenkomst: Aftrap", opens: "2026-09-17 17:00", closes: "2026-10-01 23:59",
		responses: []responseSpec{
			{"nico.middelbos@kampen.example", "2026-09-18", true, answers{"waardering": 4, "relevantie": 5, "waardevolst": "leerdoelen", "aanbeveling": 9, "meenemen": "Het kader willen, kunnen, mogen gebruik ik in het MT."}},
			{"annemiek.devries@zwolle.example", "2026-09-18", false, answers{"waardering": 5, "relevantie": 4, "waardevolst": "collegas", "aanbeveling": 9}},
			{"joost.hendriks@deventer.example", "2026-09-21", true, answers{"waardering": 4, "relevantie": 4, "waardevolst": "leerdoelen", "aanbeveling": 8, "meenemen": "Eén scherp leerdoel in plaats van vijf vage."}},
			{"ingrid.kamphuis@borne.example", "2026-09-19", false, answers{"waardering": 3, "relevantie": 4, "waardevolst": "collegas", "aanbeveling": 7}},
			{"ahmed.bouzid@almelo.example", "2026-09-22", true, answers{"waardering": 4, "relevantie": 5, "waardevolst": "collegas", "aanbeveling": 8, "meenemen": "De vraag: wat merkt de inwoner hiervan?"}},
			{"esther.vandermeer@amersfoort.example", "2026-09-18", false, answers{"waardering": 5, "relevantie": 5, "waardevolst": "leerdoelen", "aanbeveling": 10}},
		}},
	{template: &sessionEvaluation, cohort: "2026–2027", scope: "module", module: "context",
		title: "Evaluatie module: De gemeentesecretaris in zijn/haar context", opens: "2026-10-08 17:00", closes: "2026-10-22 23:59",
		responses: []responseSpec{
			{"nico.middelbos@kampen.example", "2026-10-09", true, answers{"waardering": 5, "relevantie": 5, "waardevolst": "spreker", "aanbeveling": 9, "meenemen": "Begin bij de vraag van de vakafdeling."}},
			{"annemiek.devries@zwolle.example", "2026-10-12", false, answers{"waardering": 4, "relevantie": 4, "waardevolst": "spreker", "aanbeveling": 8}},
			{"joost.hendriks@deventer.example", "2026-10-09", false, answers{"waardering": 4, "relevantie": 5, "waardevolst": "spreker", "aanbeveling": 9}},
			{"sanne.visser@gouda.example", "2026-10-14", true, answers{"waardering": 4, "relevantie": 3, "waardevolst": "collegas", "aanbeveling": 7, "meenemen": "Meer voorbeelden uit kleinere gemeenten graag."}},
			{"pieter.hoogland@buren.example", "2026-10-10", false, answers{"waardering": 5, "relevantie": 4, "waardevolst": "collegas", "aanbeveling": 9}},
		}},
	// Still open and below k = 5: its results must stay hidden.
	{template: &sessionEvaluation, cohort: "2026–2027", scope: "session", session: 2,
		title: "Evaluatie bijeenkomst: Informatieveiligheid — lessen uit Buren", opens: "2026-10-29 17:00", closes: "2026-11-30 23:59",
		responses: []responseSpec{
			{"annemiek.devries@zwolle.example", "2026-10-30", true, answers{"waardering": 5, "relevantie": 5, "waardevolst": "spreker", "aanbeveling": 10, "meenemen": "Een crisisoefening met het college."}},
			{"sanne.visser@gouda.example", "2026-11-02", false, answers{"waardering": 4, "relevantie": 5, "waardevolst": "spreker", "aanbeveling": 9}},
			{"pieter.hoogland@buren.example", "2026-10-31", false, answers{"waardering": 5, "relevantie": 5, "waardevolst": "spreker", "aanbeveling": 10}},
		},
		draftBy: "nico.middelbos@kampen.example", draftOf: `{"waardering": {"value": 5}, "relevantie": {"value": 5}, "waardevolst": {"choice": "spreker"}}`},
	{template: &finalEvaluation, cohort: "2026–2027", scope: "cohort",
		title: "Slotevaluatie Leergang Digitaal Leiderschap 2026–2027", opens: "2027-06-17 18:00", closes: "2027-07-08 23:59"},
}

// ---------------------------------------------------------------------------------------------------------------
// Loading it.

// Demo loads the demo data in one transaction. It does nothing when the programme digitaal-leiderschap already
// exists, so it is safe to run on every start.
func Demo(ctx context.Context, db *gorm.DB) (Result, error) {
	res := Result{Accounts: accounts}
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return res, fmt.Errorf("seed: %w", err)
	}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// Two replicas starting with LEERGANG_DEMO=true must not both load the demo.
		if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtext('leergang.seed.demo'))").Error; err != nil {
			return err
		}
		var exists bool
		if err := tx.Raw("SELECT EXISTS (SELECT 1 FROM programmes WHERE slug = ?)", demoSlug).Scan(&exists).Error; err != nil {
			return err
		}
		if exists {
			return nil
		}
		hash, err := identity.HashPassword(ctx, DemoPassword)
		if err != nil {
			return err
		}
		s := &seeder{tx: tx, loc: loc, now: time.Now(), hash: hash,
			users: map[string]string{}, cohorts: map[string]*cohortIDs{}, aspects: map[string]string{},
			speakers: map[string]string{}, goals: map[string]string{}, programmeIDs: map[string]string{}}
		if err := s.load(); err != nil {
			return err
		}
		res.Created = true
		return nil
	})
	if err != nil {
		return Result{Accounts: accounts}, fmt.Errorf("seed: demo: %w", err)
	}
	return res, nil
}

type seeder struct {
	tx   *gorm.DB
	loc  *time.Location
	now  time.Time
	hash string

	users        map[string]string // email → id
	cohorts      map[string]*cohortIDs
	aspects      map[string]string // aspect key → id
	speakers     map[string]string // name → id
	goals        map[string]string // email|cohort|title → id
	programmeIDs map[string]string // slug → id
	adminID      string
	ruudID       string
	lotteID      string
}

type cohortIDs struct {
	id, programmeID string
	modules         map[string]string // key → id
	sessions        []string
	spec            *cohortSpec
}

func (s *seeder) load() error {
	steps := []func() error{
		s.staff,
		s.programmes,
		s.speakerDirectory,
		func() error { return s.cohort(&cohort2021, demoSlug) },
		func() error { return s.cohort(&cohort2026, demoSlug) },
		func() error { return s.cohort(&cohortRegion, regionaalSamenwerken.slug) },
		s.learningGoals,
		s.reflectionsAndComments,
		s.portraits,
		s.evaluations,
		s.auditTrail,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// insert runs an INSERT … RETURNING id.
func (s *seeder) insert(query string, args ...any) (string, error) {
	var id string
	if err := s.tx.Raw(query, args...).Scan(&id).Error; err != nil {
		return "", err
	}
	return id, nil
}

func (s *seeder) exec(query string, args ...any) error {
	return s.tx.Exec(query, args...).Error
}

// at reads a literal "YYYY-MM-DD HH:MM" as Amsterdam wall-clock time.
func (s *seeder) at(dayTime string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", dayTime, s.loc)
	if err != nil {
		panic(fmt.Sprintf("seed: bad time literal %q", dayTime))
	}
	return t
}

func (s *seeder) user(p person, isAdmin bool) (string, error) {
	if id, ok := s.users[p.email]; ok {
		return id, nil
	}
	// An existing account (say, an admin made with create-admin) is reused as it is.
	id, err := s.insert(`INSERT INTO users (email, name, password_hash, is_admin) VALUES (?, ?, ?, ?)
		ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`, p.email, p.name, s.hash, isAdmin)
	if err != nil {
		return "", fmt.Errorf("user %s: %w", p.email, err)
	}
	s.users[p.email] = id
	return id, nil
}

func (s *seeder) staff() error {
	var err error
	if s.adminID, err = s.user(admin, true); err != nil {
		return err
	}
	if s.ruudID, err = s.user(facilitator, false); err != nil {
		return err
	}
	if s.lotteID, err = s.user(regionFacilitator, false); err != nil {
		return err
	}
	_, err = s.user(reviewer, false)
	return err
}

func (s *seeder) programmes() error {
	vgs, err := s.insert(`INSERT INTO organisations (name, short_name, kind) VALUES (?, ?, 'association') RETURNING id`,
		"Vereniging van Gemeentesecretarissen", "VGS")
	if err != nil {
		return fmt.Errorf("organisation VGS: %w", err)
	}
	fund, err := s.insert(`INSERT INTO organisations (name, short_name, kind) VALUES (?, ?, 'fund') RETURNING id`,
		"A&O-fonds Gemeenten", "A&O-fonds")
	if err != nil {
		return fmt.Errorf("organisation A&O-fonds: %w", err)
	}
	frameworkID, err := s.framework()
	if err != nil {
		return err
	}
	for _, p := range []programmeSpec{digitaalLeiderschap, regionaalSamenwerken} {
		id, err := s.insert(`INSERT INTO programmes (slug, name, description, owner_organisation_id, funder_organisation_id,
				k_anonymity, framework_id)
			VALUES (?, ?, ?, ?, ?, 5, ?) RETURNING id`, p.slug, p.name, p.description, vgs, fund, frameworkID)
		if err != nil {
			return fmt.Errorf("programme %s: %w", p.slug, err)
		}
		s.programmeIDs[p.slug] = id
		for i, m := range p.modules {
			tplID, err := s.insert(`INSERT INTO module_templates (programme_id, position, key, title, description)
				VALUES (?, ?, ?, ?, ?) RETURNING id`, id, i+1, m.key, m.title, m.description)
			if err != nil {
				return fmt.Errorf("module template %s: %w", m.key, err)
			}
			for j, o := range m.options {
				if err := s.exec(`INSERT INTO module_template_options (module_template_id, position, title, description)
					VALUES (?, ?, ?, ?)`, tplID, j+1, o.title, o.description); err != nil {
					return fmt.Errorf("elective option %q: %w", o.title, err)
				}
			}
		}
	}
	return s.exec(`INSERT INTO role_grants (user_id, role, programme_id, granted_by)
		SELECT u.id, g.role, p.id, ? FROM (VALUES (?, 'reviewer', ?), (?, 'facilitator', ?)) AS g (email, role, slug)
		JOIN users u ON u.email = g.email JOIN programmes p ON p.slug = g.slug`,
		s.adminID, reviewer.email, demoSlug, regionFacilitator.email, regionaalSamenwerken.slug)
}

func (s *seeder) framework() (string, error) {
	id, err := s.insert(`INSERT INTO frameworks (title, description) VALUES (?, ?) RETURNING id`, frameworkTitle,
		"Publieke waarde in drie vragen: willen (waardegedreven strategie), kunnen (capaciteit) en mogen (legitimiteit).")
	if err != nil {
		return "", fmt.Errorf("framework: %w", err)
	}
	for i, g := range frameworkGroups {
		groupID, err := s.insert(`INSERT INTO framework_groups (framework_id, key, title, question, position)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, id, g.key, g.title, g.question, i+1)
		if err != nil {
			return "", fmt.Errorf("framework group %s: %w", g.key, err)
		}
		for j, a := range g.aspects {
			aspectID, err := s.insert(`INSERT INTO framework_aspects (framework_id, group_id, key, title, description, position)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, id, groupID, a.key, a.title, a.description, j+1)
			if err != nil {
				return "", fmt.Errorf("framework aspect %s: %w", a.key, err)
			}
			s.aspects[a.key] = aspectID
		}
	}
	return id, nil
}

func (s *seeder) speakerDirectory() error {
	for _, sp := range speakers {
		var programme any
		if sp.programmeOnly {
			programme = s.programmeIDs[demoSlug]
		}
		id, err := s.insert(`INSERT INTO speakers (programme_id, name, role_title, organisation, bio, topics, email, phone, created_by)
			VALUES (?, ?, ?, ?, ?, ?::text[], ?, ?, ?) RETURNING id`,
			programme, sp.name, sp.roleTitle, sp.organisation, sp.bio, textArray(sp.topics), sp.email, sp.phone, s.adminID)
		if err != nil {
			return fmt.Errorf("speaker %s: %w", sp.name, err)
		}
		s.speakers[sp.name] = id
	}
	return nil
}

// cohort creates a cohort with its modules copied from the programme template, then its people and sessions.
func (s *seeder) cohort(c *cohortSpec, programmeSlug string) error {
	ids := &cohortIDs{modules: map[string]string{}, spec: c}
	if err := s.tx.Raw(`INSERT INTO cohorts (programme_id, name, starts_on, ends_on, capacity, status)
		SELECT id, ?, ?, ?, ?, ? FROM programmes WHERE slug = ? RETURNING id, programme_id`,
		c.name, c.startsOn, c.endsOn, c.capacity, c.status, programmeSlug).
		Row().Scan(&ids.id, &ids.programmeID); err != nil {
		return fmt.Errorf("cohort %s: %w", c.name, err)
	}
	s.cohorts[c.name] = ids
	if err := s.copyModules(ids, c); err != nil {
		return fmt.Errorf("cohort %s: %w", c.name, err)
	}
	if c.facilitatedByRuud {
		if err := s.exec(`INSERT INTO role_grants (user_id, role, cohort_id, granted_by) VALUES (?, 'facilitator', ?, ?)`,
			s.ruudID, ids.id, s.adminID); err != nil {
			return fmt.Errorf("cohort %s: grant: %w", c.name, err)
		}
	}
	if err := s.enrol(ids, c); err != nil {
		return fmt.Errorf("cohort %s: %w", c.name, err)
	}
	for _, sp := range c.sessions {
		if err := s.session(ids, sp); err != nil {
			return fmt.Errorf("cohort %s: session %q: %w", c.name, sp.title, err)
		}
	}
	if err := s.attendance(ids, c); err != nil {
		return fmt.Errorf("cohort %s: %w", c.name, err)
	}
	return s.electiveChoices(ids, c)
}

func (s *seeder) copyModules(ids *cohortIDs, c *cohortSpec) error {
	if err := s.exec(`INSERT INTO modules (cohort_id, template_id, position, key, title, description)
		SELECT ?, t.id, t.position, t.key, t.title, t.description FROM module_templates t WHERE t.programme_id = ?`,
		ids.id, ids.programmeID); err != nil {
		return fmt.Errorf("copy modules: %w", err)
	}
	if err := s.exec(`INSERT INTO module_options (module_id, template_option_id, position, title, description)
		SELECT m.id, o.id, o.position, o.title, o.description
		FROM modules m JOIN module_template_options o ON o.module_template_id = m.template_id
		WHERE m.cohort_id = ?`, ids.id); err != nil {
		return fmt.Errorf("copy elective options: %w", err)
	}
	var rows []struct{ ID, Key string }
	if err := s.tx.Raw("SELECT id, key FROM modules WHERE cohort_id = ?", ids.id).Scan(&rows).Error; err != nil {
		return err
	}
	for _, r := range rows {
		ids.modules[r.Key] = r.ID
	}
	if c.extraElective != nil {
		if err := s.exec(`INSERT INTO module_options (module_id, position, title, description)
			SELECT ?, coalesce(max(position), 0) + 1, ?, ? FROM module_options WHERE module_id = ?`,
			ids.modules["keuzemodule"], c.extraElective.title, c.extraElective.description, ids.modules["keuzemodule"]); err != nil {
			return fmt.Errorf("extra elective option: %w", err)
		}
	}
	return nil
}

func (s *seeder) enrol(ids *cohortIDs, c *cohortSpec) error {
	for _, p := range c.participants {
		userID, err := s.user(p.person, false)
		if err != nil {
			return err
		}
		status, withdrawnAt := c.enrolmentStatus, any(nil)
		if day, ok := c.withdrawn[p.email]; ok {
			status, withdrawnAt = "withdrawn", s.at(day+" 09:00")
		}
		if err := s.exec(`INSERT INTO enrolments (cohort_id, user_id, status, gemeente, job_title, enrolled_at, withdrawn_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, ids.id, userID, status, p.gemeente, p.jobTitle,
			s.at(c.enrolledOn+" 10:00"), withdrawnAt); err != nil {
			return fmt.Errorf("enrol %s: %w", p.email, err)
		}
	}
	return nil
}

func (s *seeder) session(ids *cohortIDs, sp sessionSpec) error {
	start, end := s.sessionTimes(sp)
	var onlineURL any
	if sp.online {
		onlineURL = onlineMeeting
	}
	agenda := sp.agenda
	if agenda == "" {
		agenda = agendaDefault
	}
	status, sequence := "scheduled", 0
	if sp.cancelled {
		status, sequence = "cancelled", 1
	}
	id, err := s.insert(`INSERT INTO sessions (module_id, cohort_id, title, starts_at, ends_at, venue, online_url, agenda,
			topics, status, ical_sequence)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?) RETURNING id`,
		ids.modules[sp.module], ids.id, sp.title, start, end, sp.venue, onlineURL, agenda,
		textArray(sp.topics), status, sequence)
	if err != nil {
		return err
	}
	ids.sessions = append(ids.sessions, id)
	facilitatorID := s.ruudID
	if ids.spec.facilitatedByLotte {
		facilitatorID = s.lotteID
	}
	if err := s.exec("INSERT INTO session_facilitators (session_id, user_id) VALUES (?, ?)", id, facilitatorID); err != nil {
		return err
	}
	for _, b := range sp.bookings {
		if err := s.booking(id, start, b, facilitatorID); err != nil {
			return fmt.Errorf("booking %s: %w", b.speaker, err)
		}
	}
	return nil
}

func (s *seeder) sessionTimes(sp sessionSpec) (start, end time.Time) {
	endDay := sp.day
	if sp.untilDay != "" {
		endDay = sp.untilDay
	}
	return s.at(sp.day + " " + sp.from), s.at(endDay + " " + sp.to)
}

// booking invites a speaker six weeks ahead; those who answered did so through their link three days later.
func (s *seeder) booking(sessionID string, start time.Time, b bookingSpec, invitedBy string) error {
	invited := start.AddDate(0, 0, -42)
	var responded, used any
	if b.status == "confirmed" || b.status == "declined" {
		responded, used = invited.AddDate(0, 0, 3), invited.AddDate(0, 0, 3)
	}
	return s.exec(`INSERT INTO speaker_bookings (session_id, speaker_id, status, invited_by, invited_at, responded_at,
			token_jti, token_used_at)
		VALUES (?, ?, ?, ?, ?, ?, gen_random_uuid(), ?)`,
		sessionID, s.speakers[b.speaker], b.status, invitedBy, invited, responded, used)
}

// attendance records who was at every session that has ended by now (the real now: a demo loaded later has
// more history). The pattern is fixed but uneven, so that rates differ per person.
func (s *seeder) attendance(ids *cohortIDs, c *cohortSpec) error {
	for j, sp := range c.sessions {
		_, endsAt := s.sessionTimes(sp)
		if sp.cancelled || !endsAt.Before(s.now) {
			continue
		}
		for i, p := range c.participants {
			if day, ok := c.withdrawn[p.email]; ok && sp.day >= day {
				continue
			}
			status := "present"
			switch (i*7 + j*3) % 13 {
			case 4:
				status = "excused"
			case 9:
				status = "absent"
			}
			if err := s.exec(`INSERT INTO attendance (session_id, user_id, cohort_id, status, recorded_by, recorded_at)
				VALUES (?, ?, ?, ?, ?, ?)`, ids.sessions[j], s.users[p.email], ids.id, status, s.ruudID,
				endsAt.Add(time.Hour)); err != nil {
				return fmt.Errorf("attendance of %s: %w", p.email, err)
			}
		}
	}
	return nil
}

func (s *seeder) electiveChoices(ids *cohortIDs, c *cohortSpec) error {
	moduleID, ok := ids.modules["keuzemodule"]
	if !ok {
		return nil
	}
	var options []string
	if err := s.tx.Raw("SELECT id FROM module_options WHERE module_id = ? ORDER BY position", moduleID).
		Scan(&options).Error; err != nil {
		return err
	}
	chosen := 0
	for i, p := range c.participants {
		if _, left := c.withdrawn[p.email]; left {
			continue
		}
		if chosen == c.electiveChoices {
			break
		}
		if err := s.exec(`INSERT INTO module_option_choices (module_id, user_id, cohort_id, option_id, chosen_at)
			VALUES (?, ?, ?, ?, ?)`, moduleID, s.users[p.email], ids.id, options[i%len(options)],
			s.at(c.startsOn+" 12:00").AddDate(0, 2, i)); err != nil {
			return fmt.Errorf("elective choice of %s: %w", p.email, err)
		}
		chosen++
	}
	return nil
}

func (s *seeder) learningGoals() error {
	for _, c := range []*cohortSpec{&cohort2021, &cohort2026} {
		for i, p := range c.participants {
			var goals []goalSpec
			switch {
			case p.email == nico.email && c == &cohort2021:
				goals = nicoGoals2021
			case p.email == nico.email:
				goals = nicoGoals2026
			default:
				goals = pooledGoals(c, i)
			}
			for _, g := range goals {
				if err := s.goal(c, p, g); err != nil {
					return fmt.Errorf("goal %q of %s: %w", g.title, p.email, err)
				}
			}
		}
	}
	return nil
}

// pooledGoals deals two goals from the pool, with a status that fits the cohort's stage.
func pooledGoals(c *cohortSpec, i int) []goalSpec {
	first, second := goalPool[i%len(goalPool)], goalPool[(i+2)%len(goalPool)]
	if c.status == "completed" {
		first.status, first.target = "achieved", "2022-03-31"
		second.status, second.target = "achieved", "2022-02-28"
		if i%3 == 0 {
			second.status = "dropped"
		}
		if _, left := c.withdrawn[c.participants[i].email]; left {
			first.status, second.status = "dropped", "dropped"
		}
	} else {
		first.status, first.target = "active", "2027-03-31"
		second.status, second.target = "draft", "2027-05-31"
	}
	return []goalSpec{first, second}
}

func (s *seeder) goal(c *cohortSpec, p participant, g goalSpec) error {
	ids := s.cohorts[c.name]
	created := s.at(c.startsOn+" 16:00").AddDate(0, 0, 16)
	id, err := s.insert(`INSERT INTO learning_goals (user_id, cohort_id, module_id, title, description, success_criteria,
			status, target_date, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		s.users[p.email], ids.id, ids.modules[g.module], g.title, g.description, g.success, g.status, g.target,
		created, created)
	if err != nil {
		return err
	}
	s.goals[p.email+"|"+c.name+"|"+g.title] = id
	for i, st := range g.steps {
		var doneAt any
		if stepDone(g.status, st, i) {
			doneAt = created.AddDate(0, 0, 21*(i+1))
		}
		if err := s.exec(`INSERT INTO goal_steps (goal_id, position, title, done_at) VALUES (?, ?, ?, ?)`,
			id, i+1, st.title, doneAt); err != nil {
			return fmt.Errorf("step %q: %w", st.title, err)
		}
	}
	for _, key := range g.aspects {
		aspectID, ok := s.aspects[key]
		if !ok {
			return fmt.Errorf("unknown aspect %q", key)
		}
		if err := s.exec("INSERT INTO goal_aspects (goal_id, aspect_id) VALUES (?, ?)", id, aspectID); err != nil {
			return err
		}
	}
	return nil
}

// stepDone: every step of an achieved goal is done, only the first of a dropped one, and otherwise as written.
func stepDone(goalStatus string, st stepSpec, position int) bool {
	switch goalStatus {
	case "achieved":
		return true
	case "dropped":
		return position == 0
	default:
		return st.done
	}
}

func (s *seeder) reflectionsAndComments() error {
	ids := make([]string, len(reflections))
	for i, r := range reflections {
		c := s.cohorts[r.cohort]
		var sessionID, moduleID any
		if r.session >= 0 {
			sessionID, moduleID = c.sessions[r.session], c.modules[c.spec.sessions[r.session].module]
		}
		written := s.at(r.writtenOn + " 20:30")
		id, err := s.insert(`INSERT INTO reflections (author_id, cohort_id, module_id, session_id, written_on, title,
				body_markdown, visibility, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			s.users[r.author], c.id, moduleID, sessionID, r.writtenOn, r.title, r.body, r.visibility, written, written)
		if err != nil {
			return fmt.Errorf("reflection %q: %w", r.title, err)
		}
		ids[i] = id
		if r.goal != "" {
			goalID, ok := s.goals[r.author+"|"+r.cohort+"|"+r.goal]
			if !ok {
				return fmt.Errorf("reflection %q: unknown goal %q", r.title, r.goal)
			}
			if err := s.exec("INSERT INTO reflection_goals (reflection_id, goal_id, user_id) VALUES (?, ?, ?)",
				id, goalID, s.users[r.author]); err != nil {
				return fmt.Errorf("reflection %q: goal link: %w", r.title, err)
			}
		}
	}
	for i, cm := range comments {
		at := s.at(reflections[cm.reflection].writtenOn+" 09:15").AddDate(0, 0, 1).Add(time.Duration(i) * time.Hour)
		var deletedAt any
		if cm.deleted {
			deletedAt = at.Add(5 * time.Minute)
		}
		if err := s.exec(`INSERT INTO reflection_comments (reflection_id, author_id, body, created_at, updated_at, deleted_at)
			VALUES (?, ?, ?, ?, ?, ?)`, ids[cm.reflection], s.users[cm.author], cm.body, at, at, deletedAt); err != nil {
			return fmt.Errorf("comment on %q: %w", reflections[cm.reflection].title, err)
		}
	}
	return nil
}

func (s *seeder) portraits() error {
	c := s.cohorts[cohort2021.name]
	consent, reviewed := s.at("2022-04-04 10:00"), s.at("2022-04-12 14:00")
	if err := s.exec(`INSERT INTO portraits (user_id, cohort_id, title, body, consent_given_at, status, submitted_at,
			reviewed_by, reviewed_at, published_at)
		VALUES (?, ?, ?, ?, ?, 'approved', ?, ?, ?, ?)`,
		s.users[nico.email], c.id, "“Absoluut een aanrader”", nicoPortraitBody, consent, consent, s.adminID,
		reviewed, reviewed); err != nil {
		return fmt.Errorf("portrait of %s: %w", nico.email, err)
	}
	// Waiting in the admin's review queue.
	submitted := s.at("2022-04-20 11:00")
	if err := s.exec(`INSERT INTO portraits (user_id, cohort_id, title, body, consent_given_at, status, submitted_at)
		VALUES (?, ?, ?, ?, ?, 'submitted', ?)`,
		s.users[karin.email], c.id, "Digitalisering is geen ICT-feestje", karinPortraitBody, submitted, submitted); err != nil {
		return fmt.Errorf("portrait of %s: %w", karin.email, err)
	}
	return nil
}

func (s *seeder) evaluations() error {
	templates := map[*formTemplateSpec]string{}
	programmeID := s.cohorts[cohort2021.name].programmeID
	for _, t := range []*formTemplateSpec{&sessionEvaluation, &finalEvaluation} {
		id, err := s.formTemplate(programmeID, t)
		if err != nil {
			return fmt.Errorf("form template %q: %w", t.title, err)
		}
		templates[t] = id
	}
	for _, f := range forms {
		if err := s.form(templates[f.template], f); err != nil {
			return fmt.Errorf("form %q: %w", f.title, err)
		}
	}
	return nil
}

func (s *seeder) formTemplate(programmeID string, t *formTemplateSpec) (string, error) {
	id, err := s.insert(`INSERT INTO evaluation_forms (programme_id, is_template, title, description, created_by)
		VALUES (?, true, ?, ?, ?) RETURNING id`, programmeID, t.title, t.description, s.adminID)
	if err != nil {
		return "", err
	}
	for i, q := range t.questions {
		if err := s.exec(`INSERT INTO evaluation_questions (form_id, position, key, kind, prompt, required, options)
			VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)`, id, i+1, q.key, q.kind, q.prompt, q.required, q.options); err != nil {
			return "", fmt.Errorf("question %s: %w", q.key, err)
		}
	}
	return id, nil
}

// form copies a template into the cohort, then stores its responses and, apart from them, who submitted.
func (s *seeder) form(templateID string, f formSpec) error {
	c := s.cohorts[f.cohort]
	var sessionID, moduleID any
	switch f.scope {
	case "session":
		sessionID = c.sessions[f.session]
	case "module":
		moduleID = c.modules[f.module]
	}
	formID, err := s.insert(`INSERT INTO evaluation_forms (programme_id, cohort_id, scope, session_id, module_id, title,
			description, revision, opens_at, closes_at, copied_from_form_id, created_by)
		SELECT programme_id, ?::uuid, ?::text, ?::uuid, ?::uuid, ?::text, description, revision, ?::timestamptz,
			?::timestamptz, id, ?::uuid
		FROM evaluation_forms WHERE id = ? RETURNING id`,
		c.id, f.scope, sessionID, moduleID, f.title, s.at(f.opens), s.at(f.closes), s.ruudID, templateID)
	if err != nil {
		return err
	}
	if err := s.exec(`INSERT INTO evaluation_questions (form_id, position, key, kind, prompt, help_text, required, options)
		SELECT ?::uuid, position, key, kind, prompt, help_text, required, options
		FROM evaluation_questions WHERE form_id = ?`, formID, templateID); err != nil {
		return fmt.Errorf("copy questions: %w", err)
	}
	var questions []struct{ ID, Key, Kind string }
	if err := s.tx.Raw("SELECT id, key, kind FROM evaluation_questions WHERE form_id = ?", formID).
		Scan(&questions).Error; err != nil {
		return err
	}
	for _, r := range f.responses {
		if err := s.response(formID, questions, r); err != nil {
			return fmt.Errorf("response of %s: %w", r.by, err)
		}
	}
	// Submissions go in separately and in another order than the responses, as the application does it: nothing
	// but the day ties a response to a person.
	for i := len(f.responses) - 1; i >= 0; i-- {
		r := f.responses[i]
		submitted := s.at(r.on + " 08:00").Add(time.Duration(7*i+3) * 17 * time.Minute)
		if err := s.exec(`INSERT INTO evaluation_submissions (form_id, user_id, cohort_id, submitted_at) VALUES (?, ?, ?, ?)`,
			formID, s.users[r.by], c.id, submitted); err != nil {
			return fmt.Errorf("submission of %s: %w", r.by, err)
		}
	}
	if f.draftBy != "" {
		if err := s.exec(`INSERT INTO evaluation_drafts (form_id, user_id, cohort_id, answers) VALUES (?, ?, ?, ?::jsonb)`,
			formID, s.users[f.draftBy], c.id, f.draftOf); err != nil {
			return fmt.Errorf("draft of %s: %w", f.draftBy, err)
		}
	}
	return nil
}

func (s *seeder) response(formID string, questions []struct{ ID, Key, Kind string }, r responseSpec) error {
	responseID, err := s.insert("INSERT INTO evaluation_responses (form_id, submitted_on) VALUES (?, ?) RETURNING id",
		formID, r.on)
	if err != nil {
		return err
	}
	for _, q := range questions {
		v, ok := r.answers[q.Key]
		if !ok {
			continue
		}
		var scale, choice, text any
		switch q.Kind {
		case "scale", "recommendation":
			scale = v
		case "choice":
			choice = v
		case "text":
			text = v
		}
		if err := s.exec(`INSERT INTO evaluation_answers (response_id, form_id, question_id, question_kind, scale_value,
				choice_value, text_value, share_with_funder)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			responseID, formID, q.ID, q.Kind, scale, choice, text, r.share && q.Kind == "text"); err != nil {
			return fmt.Errorf("answer %s: %w", q.Key, err)
		}
	}
	return nil
}

// auditTrail writes the kind of rows the application logs when staff read a person's data, so that "who looked
// at my data" has something to show.
func (s *seeder) auditTrail() error {
	nicoID := s.users[nico.email]
	var portraitID string
	if err := s.tx.Raw("SELECT id FROM portraits WHERE user_id = ? AND status = 'approved'", nicoID).
		Scan(&portraitID).Error; err != nil {
		return err
	}
	cohortID := s.cohorts[cohort2026.name].id
	rows := []struct {
		at, actor, action, objectType, objectID, route string
		detail                                         map[string]any
	}{
		{"2022-04-12 14:00", s.adminID, "portrait.approved", "portrait", portraitID,
			"POST /api/v1/admin/portraits/:portraitID/approve", map[string]any{}},
		{"2026-10-09 10:12", s.ruudID, "goals.read", "goals", cohortID,
			"GET /api/v1/cohorts/:cohortID/participants/:userID/goals", map[string]any{"count": 2}},
		{"2026-10-30 09:05", s.ruudID, "reflections.read", "reflections", cohortID,
			"GET /api/v1/cohorts/:cohortID/reflections", map[string]any{"count": 1}},
	}
	for i, r := range rows {
		detail, err := json.Marshal(r.detail)
		if err != nil {
			return err
		}
		if err := s.exec(`INSERT INTO audit_log (occurred_at, actor_user_id, subject_user_id, action, object_type, object_id,
				route, request_id, ip, detail)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::inet, ?::jsonb)`,
			s.at(r.at), r.actor, nicoID, r.action, r.objectType, r.objectID, r.route,
			fmt.Sprintf("demo-%04d", i+1), "192.0.2.10", string(detail)); err != nil {
			return fmt.Errorf("audit row %s: %w", r.action, err)
		}
	}
	return nil
}

// textArray writes a PostgreSQL array literal, because gorm would expand a Go slice into a list of parameters.
func textArray(items []string) string {
	quoted := make([]string, len(items))
	for i, it := range items {
		quoted[i] = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(it) + `"`
	}
	return "{" + strings.Join(quoted, ",") + "}"
}
