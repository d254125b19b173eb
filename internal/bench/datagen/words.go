package datagen

// The word lists the dataset is written from. Names are plain ASCII so that e-mail addresses can be made from
// them; the text is Dutch, as the product's users write it.

var firstNames = []string{
	"Anne", "Bart", "Carla", "Daan", "Eline", "Frank", "Greet", "Hans", "Ilse", "Jeroen", "Karin", "Lars", "Marieke",
	"Niels", "Olga", "Pieter", "Renate", "Sander", "Tineke", "Ruud", "Vera", "Wim", "Yvonne", "Ahmed", "Bas", "Corine",
	"Dirk", "Esther", "Fleur", "Gerrit", "Hanneke", "Inge", "Joost", "Kees", "Linda", "Maarten", "Nicole", "Otto",
	"Paula", "Rob", "Saskia", "Thijs", "Ursula", "Vincent", "Wendy", "Youssef", "Annemiek", "Bram", "Chantal", "Erik",
	"Fatima", "Gijs", "Hester", "Ivo", "Jolanda", "Koen", "Lotte", "Marloes", "Nico", "Petra", "Quinten", "Rianne",
	"Stefan", "Tamara", "Willem", "Zeynep", "Arjen", "Brigitte", "Edwin", "Femke", "Harm", "Jasper", "Mirjam", "Sanne",
	"Tom", "Marcel", "Ingrid", "Lisette", "Ronald", "Mohamed",
}

var lastNames = []string{
	"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
	"de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
	"de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
	"van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "de Bruin", "van der Heijden", "Schouten",
	"van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam",
	"van der Wal", "Prins", "Blom", "Huisman", "Peeters", "de Lange", "Kuipers", "van Wijk", "Postma", "Kramer",
	"van den Bosch", "Middelbos", "Kamphuis", "Bouzid", "Hoogland", "El Amrani", "Verbeek", "Yilmaz", "Timmermans",
	"Groen", "Gerritsen", "Sluiter", "Wouters", "van Rijn", "Ouwerkerk", "Boersma", "Kaya", "Veenstra", "Brink",
}

var gemeenten = []string{
	"Kampen", "Zwolle", "Deventer", "Borne", "Almelo", "Gouda", "Buren", "Amersfoort", "Hardenberg", "Harderwijk",
	"Zutphen", "Oss", "Leeuwarden", "Ede", "Venlo", "Utrecht", "Groningen", "Tilburg", "Breda", "Nijmegen", "Arnhem",
	"Enschede", "Apeldoorn", "Haarlem", "Maastricht", "Dordrecht", "Leiden", "Zoetermeer", "Emmen", "Delft", "Hengelo",
	"Alkmaar", "Assen", "Heerlen", "Helmond", "Hilversum", "Hoorn", "Lelystad", "Middelburg", "Purmerend", "Roosendaal",
	"Schiedam", "Sittard-Geleen", "Smallingerland", "Súdwest-Fryslân", "Terneuzen", "Veenendaal", "Vlaardingen",
	"Westland", "Woerden", "Zaanstad", "Zeist", "Doetinchem", "Emmeloord", "Goes", "Heerenveen", "Katwijk", "Lochem",
	"Meppel", "Noordwijk", "Oldambt", "Peel en Maas", "Raalte", "Rheden", "Steenwijkerland", "Tiel", "Uden",
	"Valkenswaard", "Weert", "Winterswijk", "Zevenaar", "Bronckhorst", "Coevorden", "Dalfsen", "Dinkelland", "Epe",
	"Hof van Twente", "Midden-Drenthe", "Montferland", "Oldebroek", "Ommen", "Tubbergen", "Twenterand", "Voorst",
	"West Betuwe", "Zaltbommel", "Barneveld", "Bodegraven-Reeuwijk", "Culemborg", "Dronten", "Ermelo", "Gooise Meren",
}

var jobTitles = []string{
	"Gemeentesecretaris", "Gemeentesecretaris / algemeen directeur", "Gemeentesecretaris", "Algemeen directeur",
	"Adjunct-gemeentesecretaris", "Concerndirecteur", "Directeur bedrijfsvoering", "Loco-gemeentesecretaris",
}

// programmeNames are the leergangen; the first is the largest, the one the reviewer dashboard is measured on.
var programmeNames = []string{
	"Leergang Digitaal Leiderschap", "Leergang Regionaal Samenwerken", "Leergang Publiek Leiderschap",
	"Leergang Informatieveiligheid voor Bestuurders", "Leergang Sociaal Domein", "Leergang Financiële Sturing",
	"Leergang Omgevingswet in de Praktijk", "Leergang Energietransitie", "Leergang Datagedreven Werken",
	"Leergang Verandermanagement", "Leergang Integriteit en Ondermijning", "Leergang Participatie en Democratie",
	"Leergang Nieuwe Gemeentesecretarissen", "Leergang Crisisbeheersing", "Leergang Dienstverlening",
	"Leergang Goed Werkgeverschap", "Leergang Woningbouwopgave", "Leergang Europese Samenwerking",
	"Leergang Strategisch Adviseren", "Leergang Inclusieve Organisatie",
}

type moduleText struct{ key, title, description string }

// modulePool holds the modules programmes are made of; every programme takes a run of them and ends with the
// keuzemodule.
var modulePool = []moduleText{
	{"context", "De gemeentesecretaris in zijn/haar context", "Verkenning van de eigen rol, de organisatie en de maatschappelijke opgaven, en het formuleren van persoonlijke leerdoelen."},
	{"netwerken", "Samenwerking en netwerken", "Samenwerken met ketenpartners, de VNG en collega-gemeenten, en leren van elkaars praktijk."},
	{"leiderschap", "Leiderschap aan de organisatie", "Sturing geven aan verandering in de eigen organisatie: structuur, cultuur en de verbinding tussen afdelingen."},
	{"bestuurlijk-adviseren", "(Politiek-)bestuurlijk adviseren", "College en raad adviseren over de politiek-bestuurlijke kanten van de opgave."},
	{"strategie", "Strategie en publieke waarde", "Van maatschappelijke opgave naar strategie: wat wil de gemeente bereiken, en voor wie?"},
	{"data", "Sturen met data", "Welke informatie helpt om te sturen op maatschappelijke effecten, en wat vraagt dat van de organisatie?"},
	{"veiligheid", "Informatieveiligheid en crisis", "Wat doe je in het eerste uur, de eerste dag en de eerste week van een incident, en wie doet wat?"},
	{"regio", "De regio als opgave", "Gemeenschappelijke regelingen, netwerken en regiodeals: sturing, verantwoording en de positie van de raad."},
	{"financien", "Financiën en control", "Begroting, risico's en weerstandsvermogen als sturingsinstrument voor de directie."},
	{"mens", "Mens en organisatie", "Goed werkgeverschap, talent en een lerende organisatie in een krappe arbeidsmarkt."},
	{"integriteit", "Integriteit en weerbaarheid", "Een integere en weerbare organisatie: dilemma's, ondermijning en het gesprek daarover."},
	{"inwoners", "De inwoner centraal", "Dienstverlening, participatie en inclusie: de gemeente vanuit de inwoner bekeken."},
	{"verandering", "Veranderen in de praktijk", "Interventies, weerstand en de lange adem van organisatieverandering."},
	{"persoonlijk", "Persoonlijk leiderschap", "Reflectie op de eigen stijl, waarden en grenzen, met intervisie en coaching."},
}

var electiveModule = moduleText{"keuzemodule", "Keuzemodule en afsluiting",
	"Verdieping op een zelfgekozen thema en afsluiting van de leergang, met de slotevaluatie en een terugblik op de eigen leerdoelen."}

var electiveOptions = []moduleText{
	{"", "Verdieping: AI en algoritmen in de gemeentelijke praktijk", "Wat betekenen AI-toepassingen voor dienstverlening en bedrijfsvoering?"},
	{"", "Verdieping: crisisoefening met het college", "Een oefening met een gesimuleerd incident, samen met de burgemeester en de wethouders."},
	{"", "Werkbezoek: datagedreven sturen op maatschappelijke opgaven", "Een werkbezoek aan een gemeente die data gebruikt om te sturen, met een gesprek met de directie."},
	{"", "Verdieping: regionale samenwerking in de praktijk", "Twee regio's vertellen over hun samenwerking: wat werkte, wat niet."},
	{"", "Intervisie in kleine groepen", "Drie bijeenkomsten intervisie op eigen casuïstiek, begeleid door een ervaren coach."},
}

type aspectText struct{ key, title string }

type groupText struct {
	key, title, question string
	aspects              []aspectText
}

type frameworkText struct {
	title, description string
	groups             []groupText
}

// frameworks are the kaders goals refer to; programmes take them in turn.
var frameworks = []frameworkText{
	{"Digitaal leiderschap — publieke waarde",
		"Publieke waarde in drie vragen: willen (waardegedreven strategie), kunnen (capaciteit) en mogen (legitimiteit).",
		[]groupText{
			{"waardegedreven-strategie", "Waardegedreven strategie", "willen", []aspectText{
				{"strategie-opgaven", "Maatschappelijke opgaven verbinden met technologie"},
				{"strategie-gezamenlijk", "Een gezamenlijke strategie: kaders en ruimte om te experimenteren"}}},
			{"capaciteit", "Capaciteit", "kunnen", []aspectText{
				{"structuur", "Structuur: datamanagement en samenwerking rond data"},
				{"human-resources", "Human resources: lerende houding en digitale vaardigheden"},
				{"politiek", "Politiek: de politieke kant van datapraktijken"},
				{"symboliek", "Symboliek: symbolen en interventies voor verandering"}}},
			{"legitimiteit", "Legitimiteit", "mogen", []aspectText{
				{"privacy-veiligheid", "Persoonsgegevens beschermen en veiligheid borgen"},
				{"transparantie", "Transparantie en verantwoording over algoritmen en data"},
				{"inclusie", "Digitale inclusie en digitale weerbaarheid"}}},
		}},
	{"Publiek leiderschap",
		"Leiderschap in het publieke domein: koers houden, vakmanschap tonen en de ruimte kennen die het bestuur geeft.",
		[]groupText{
			{"koers", "Koers", "willen", []aspectText{
				{"visie", "Een heldere visie op de rol van de organisatie"},
				{"maatschappelijke-waarde", "Sturen op maatschappelijke waarde"}}},
			{"vakmanschap", "Vakmanschap", "kunnen", []aspectText{
				{"verbinden", "Verbinden binnen en buiten de organisatie"},
				{"sturen-op-resultaat", "Sturen op resultaat en afspraken"},
				{"verandervermogen", "Verandervermogen van de organisatie vergroten"},
				{"zelfreflectie", "Zelfreflectie en persoonlijke ontwikkeling"}}},
			{"ruimte", "Ruimte", "mogen", []aspectText{
				{"bestuurlijke-sensitiviteit", "Bestuurlijke sensitiviteit"},
				{"integriteit", "Integriteit en voorbeeldgedrag"},
				{"mandaat", "Mandaat en verantwoording"}}},
		}},
	{"Samenwerken in netwerken",
		"Wat samenwerking tussen organisaties vraagt: een gedeelde opgave, vermogen om samen te werken en legitimiteit.",
		[]groupText{
			{"gedeelde-opgave", "Gedeelde opgave", "willen", []aspectText{
				{"gezamenlijk-doel", "Een gezamenlijk doel formuleren"},
				{"belangen", "Belangen van partners kennen en benutten"}}},
			{"samenwerkingsvermogen", "Samenwerkingsvermogen", "kunnen", []aspectText{
				{"vertrouwen", "Vertrouwen opbouwen"},
				{"governance", "Governance en afspraken"},
				{"netwerkend-werken", "Netwerkend werken in de eigen organisatie"}}},
			{"democratische-legitimiteit", "Democratische legitimiteit", "mogen", []aspectText{
				{"rol-raad", "De rol van de raad in samenwerkingsverbanden"},
				{"verantwoording", "Verantwoording aan inwoners en bestuur"}}},
		}},
}

var goalTitles = []string{
	"Datagedreven sturen in het sociaal domein", "Digitale vaardigheden van het MT versterken",
	"Ruimte voor experimenten met AI", "Digitale inclusie in de dienstverlening", "Informatieveiligheid op de bestuurlijke agenda",
	"Regionale samenwerking op data en ICT", "Vast overleg met CISO, FG en informatiemanager", "Het college adviseren over algoritmen",
	"Eigenaarschap van informatie bij de vakafdelingen", "Een lerende cultuur in het managementteam",
	"Beter zicht op de risico's in de begroting", "Het gesprek met de raad over de regio", "Integriteit bespreekbaar maken",
	"Meer ruimte voor talent en doorgroei", "Sturen op maatschappelijke effecten", "Samenwerking met de buurgemeenten versterken",
	"Crisisorganisatie op orde", "Heldere rolverdeling tussen bestuur en organisatie", "Feedback vragen aan mijn directieteam",
	"De inwoner aan tafel bij beleid", "Een gezamenlijke koers voor de organisatie", "Minder ad hoc, meer programmatisch werken",
	"Tijd voor strategie naast de waan van de dag", "Verbinding tussen IT en de vakafdelingen", "Een transparant algoritmeregister",
	"Omgaan met politieke spanning", "Mijn eigen stijl van leidinggeven onderzoeken", "Een weerbare organisatie tegen ondermijning",
}

var goalDescriptions = []string{
	"Ik merk dat we dit nu vooral vanuit de techniek benaderen. Ik wil dat het een gezamenlijke opgave wordt van de hele organisatie.",
	"In het managementteam voeren we dit gesprek nog te weinig. Ik wil het structureel op de agenda krijgen.",
	"Het college vraagt hier steeds vaker naar. Ik wil een advies kunnen geven dat verder gaat dan de uitvoering.",
	"We doen hier al veel aan, maar ieder op zijn eigen eiland. Ik wil samenhang aanbrengen.",
	"Na de laatste bijeenkomst zag ik hoe andere gemeenten dit aanpakken. Dat wil ik bij ons ook proberen.",
	"Dit is een blinde vlek in onze organisatie. Ik wil eerst beter begrijpen wat er speelt en dan kiezen.",
	"Mijn rol hierin is nog niet helder, voor mezelf niet en voor anderen niet. Daar wil ik aan werken.",
}

var successCriteria = []string{
	"Het MT heeft een gezamenlijke aanpak vastgesteld.", "Er ligt een notitie die het college heeft besproken.",
	"Elk kwartaal staat het onderwerp op de agenda van het directieoverleg.", "Twee experimenten zijn gestart en geëvalueerd.",
	"De vakafdelingen hebben elk een eigenaar benoemd.", "Ik heb van drie collega's feedback gekregen en besproken.",
	"Er is een gedeeld beeld met de buurgemeenten over de volgende stap.", "",
}

var stepTitles = []string{
	"Gesprek met de directie over de huidige stand", "Inventarisatie per vakafdeling", "Notitie schrijven voor het MT",
	"Bespreken in het MT", "Gesprek met de portefeuillehouder", "Eerste overleg plannen", "Vaste agenda opstellen",
	"Evalueren na twee overleggen", "Voorbeelden ophalen bij collega-gemeenten", "Feedback vragen aan drie collega's",
	"Presentatie voor de raadscommissie", "Kader opstellen met FG en CISO", "Rondgang langs de collega's in de regio",
	"Werkbezoek plannen", "Resultaten delen in de intervisiegroep", "Besluit voorleggen aan het college",
	"Terugblik met mijn coach", "Plan van aanpak bijstellen",
}

var reflectionTitles = []string{
	"Willen, kunnen, mogen", "Data is geen IT-thema", "Wat als het bij ons gebeurt?", "Twijfel over mijn eigen rol",
	"Dashboards zijn geen sturing", "Notities na de bijeenkomst", "De IBD als bondgenoot", "Terugblik op de leergang",
	"Sturen zonder alles te weten", "Het gesprek met het college", "Wat ik meeneem", "Een lastige week",
	"Lessen uit de intervisie", "Over vertrouwen", "Kleine stappen", "Waarom dit zo moeilijk is", "Een goed gesprek",
	"Vragen die blijven hangen", "Van opgave naar aanpak", "Mijn rol in de regio", "De raad als partner",
	"Experimenteren mag", "Wie is eigenaar?", "Na het werkbezoek",
}

// vocabulary feeds the generated sentences; its order sets how often each word is used (Zipf), so that search
// finds common words in many reflections and rare ones in a few.
var vocabulary = []string{
	"organisatie", "gesprek", "college", "directie", "raad", "inwoners", "opgave", "samenwerking", "leiderschap",
	"digitalisering", "informatie", "data", "verandering", "vertrouwen", "rol", "team", "strategie", "regio",
	"sturing", "cultuur", "veiligheid", "privacy", "algoritmen", "dienstverlening", "collega", "wethouder",
	"burgemeester", "managementteam", "vakafdeling", "ambitie", "keuzes", "risico", "begroting", "ruimte",
	"experiment", "kaders", "transparantie", "inclusie", "netwerk", "partners", "verantwoording", "ontwikkeling",
	"feedback", "intervisie", "coaching", "spanning", "dilemma", "integriteit", "ondermijning", "crisis",
	"oefening", "draaiboek", "CISO", "functionaris", "gegevensbescherming", "informatiemanager", "architectuur",
	"leverancier", "aanbesteding", "uitvoering", "beleid", "participatie", "democratie", "legitimiteit",
	"energietransitie", "woningbouw", "omgevingswet", "jeugdzorg", "Wmo", "armoede", "schulden", "arbeidsmarkt",
	"talent", "werkgeverschap", "verzuim", "werkdruk", "agenda", "prioriteiten", "tempo", "geduld", "moed",
	"kwetsbaarheid", "voorbeeldgedrag", "eigenaarschap", "regie", "samenhang", "effecten", "indicatoren",
	"dashboard", "rapportage", "monitor", "evaluatie", "lerend", "nieuwsgierig", "weerstand", "draagvlak",
	"bestuurders", "ketenpartners", "provincie", "waterschap", "gemeenschappelijke", "regeling", "regiodeal",
	"subsidie", "toezicht", "kwaliteit", "continuïteit", "hack", "ransomware", "back-up", "incident", "melding",
	"publieke", "waarde", "maatschappelijke", "opgaven", "wijk", "buurt", "jongeren", "ouderen", "zorg", "onderwijs",
}

// sentences are the building blocks of reflections, written as participants write: about the session, their
// organisation and themselves.
var sentences = []string{
	"Wat mij trof: de vragen kwamen uit het primaire proces, niet van de IT-afdeling.",
	"Bij ons ligt dat nog andersom, en dat wil ik veranderen.",
	"Ik merk dat ik me terugtrek als het technisch wordt, terwijl de vragen juist bestuurlijk zijn.",
	"Het verhaal van de spreker maakte indruk, vooral de weken na het incident.",
	"Vanmorgen heb ik met onze CISO afgesproken dat we het draaiboek samen doorlopen.",
	"Wie heeft er ervaring met een crisisoefening met het college?",
	"Het kader van willen, kunnen en mogen helpt me om het gesprek in het MT te ordenen.",
	"We hebben tientallen dashboards, maar ik kan niet zeggen welke beslissing daardoor anders is genomen.",
	"Eerlijk gezegd vind ik het lastig om die discussie aan te gaan.",
	"Dit wil ik eerst voor mezelf op een rij hebben voordat ik het met mijn coach bespreek.",
	"In de intervisie kwam naar voren dat ik vaak te snel naar oplossingen ga.",
	"De wethouder reageerde positiever dan ik had verwacht.",
	"Volgende week bespreek ik dit met de directie.",
	"Ik wil het gesprek bij de vakafdelingen beginnen, niet bij de systemen.",
	"Samenwerken in de regio kost tijd, maar levert ook veel op.",
	"Mijn leerdoel wordt scherper: minder ambities, meer focus.",
	"Het was goed om te horen dat collega's met dezelfde vragen worstelen.",
	"De raad wil vooral weten wat inwoners ervan merken.",
	"Ik heb gemerkt dat voorbeeldgedrag meer doet dan een nieuwe nota.",
	"We spraken over de vraag wie er beslist als het misgaat, en dat bleek niemand precies te weten.",
	"Na afloop bleef ik nog lang nadenken over mijn eigen rol.",
	"Het MT heeft besloten om er een vast agendapunt van te maken.",
	"Ik neem me voor om vaker feedback te vragen, ook als het ongemakkelijk is.",
	"De casus van een collega-gemeente liet zien hoe snel het mis kan gaan.",
	"Wat kan ik morgen al anders doen?",
	"Kleine stappen werken beter dan een groot programma.",
	"De spanning tussen tempo en zorgvuldigheid blijft lastig.",
	"Er is meer ruimte om te experimenteren dan ik dacht.",
}

var commentTexts = []string{
	"Mooie observatie! Wat zou een eerste kleine stap kunnen zijn?", "Herkenbaar, bij ons speelt precies hetzelfde.",
	"Zullen we dit bij de volgende coachingsafspraak bespreken?", "Goed idee. Ik neem de casus mee.",
	"Ik stuur je ons draaiboek, misschien heb je er iets aan.", "Dank voor het delen, dit helpt mij ook.",
	"Wat vond de directie ervan?", "Goed dat je dit benoemt. Neem het mee naar de volgende module.",
	"Interessant! Hoe heb je het college meegekregen?", "Wij hebben daar goede ervaringen mee, bel me gerust.",
	"Sterk punt over voorbeeldgedrag.", "Dit herken ik uit mijn eigen praktijk.",
}

var sessionTitles = []string{
	"Aftrap: de gemeentesecretaris in de digitale samenleving", "Datagericht werken in de praktijk",
	"Informatieveiligheid: lessen uit een hack", "Informatieveiligheid als gezamenlijke opgave",
	"Sturen op digitalisering", "Intervisie: leiderschap en verandering", "Bestuurlijk adviseren over algoritmen en data",
	"Het goede gesprek met raad en college", "Verdieping in subgroepen", "Afsluiting en slotevaluatie",
	"Werkbezoek", "Gastcollege", "Casusbespreking", "Tweedaagse", "Terugkomdag", "Rondetafelgesprek",
	"Samenwerken in de regio", "Publieke waarde en strategie", "Veranderen in de praktijk", "Crisisoefening",
}

var sessionTopics = []string{
	"Digitale transformatie", "Publieke waarde", "Datagericht werken in de praktijk", "Informatieveiligheid",
	"Digitaliseren van processen", "Sturing op digitalisering", "Transparantie", "Intervisie", "Regionale samenwerking",
	"Crisismanagement", "Integriteit", "Participatie", "Goed werkgeverschap", "Financiële sturing", "Eigen leerdoelen",
}

var venues = []string{
	"VNG, Nassaulaan 12, Den Haag", "Stadhuis Amsterdam, Amstel 1, Amsterdam",
	"Stadskantoor Amersfoort, Stadhuisplein 1, Amersfoort", "Provinciehuis Noord-Brabant, Brabantlaan 1, 's-Hertogenbosch",
	"Provinciehuis Overijssel, Luttenbergstraat 2, Zwolle", "Landgoed Het Heidehuis, Ede", "Stadhuis Utrecht, Korte Minrebroederstraat 2, Utrecht",
	"Provinciehuis Gelderland, Markt 11, Arnhem", "Gemeentehuis Kampen, Burgemeester Berghuisplein 1, Kampen",
	"Conferentiecentrum De Reehorst, Bennekomseweg 24, Ede",
}

const agendaDefault = "13:30 Inloop en welkom\n13:45 Inleiding door de spreker\n14:45 Gesprek in kleine groepen\n" +
	"15:30 Pauze\n15:45 Vertaling naar de eigen organisatie en leerdoelen\n16:45 Afsluiting"

var speakerRoles = []string{
	"Gemeentesecretaris", "Voormalig gemeentesecretaris", "Hoofd Informatiebeveiligingsdienst", "Stedelijk directeur",
	"Directeur", "Hoogleraar bestuurskunde", "Chief Information Officer", "Burgemeester", "Programmamanager",
	"Lector digitale overheid", "Adviseur", "Wethouder",
}

var speakerOrganisations = []string{
	"VNG", "Gemeente Amsterdam", "Gemeente Rotterdam", "Universiteit Utrecht", "Informatiebeveiligingsdienst",
	"Rijksuniversiteit Groningen", "Hogeschool Utrecht", "Ministerie van BZK", "Weener XL, Den Bosch", "Provincie Gelderland",
	"Nationale Ombudsman", "Autoriteit Persoonsgegevens", "Eigen adviesbureau", "Tilburg University",
}

var speakerBios = []string{
	"Spreekt over wat de digitale samenleving vraagt van het openbaar bestuur, met voorbeelden uit de eigen praktijk.",
	"Deelt openhartig ervaringen met een incident en wat daarvan te leren valt voor directie en bestuur.",
	"Onderzoekt hoe gemeenten sturen op maatschappelijke opgaven en welke rol data daarin spelen.",
	"Over samenwerking tussen gemeenten en de spanning tussen regionale afspraken en lokale democratie.",
	"Begeleidt organisaties bij verandering; gelooft in kleine stappen en het goede gesprek.",
}

var mailDomains = []string{"example.org", "example.net", "example.com"}
