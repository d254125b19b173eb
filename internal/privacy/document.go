package privacy

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"time"
	_ "time/tzdata" // dates are shown in Europe/Amsterdam, also on hosts without a zone database

	"github.com/vgs/leergang/internal/markdown"
	"github.com/vgs/leergang/internal/nltime"
)

// documentStyle is the document's only styling, inline so that the file stands on its own when saved or printed.
const documentStyle = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; color: #1a1a1a;
  max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.35rem; margin-top: 2.5rem; border-bottom: 2px solid #00689e; padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin-bottom: 0.25rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid #ccc; }
th { background: #f2f2f2; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
article { border: 1px solid #ccc; border-radius: 4px; padding: 0.5rem 1rem; margin: 1rem 0; break-inside: avoid; }
.meta, .empty { color: #555; font-size: 0.95rem; }
.body { border-left: 3px solid #ddd; padding-left: 0.75rem; }
pre { white-space: pre-wrap; word-break: break-word; background: #f7f7f7; padding: 0.5rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } a { color: inherit; } }
`

// DocumentCSP lets the document's own inline style in and nothing else: no scripts, images or requests.
var DocumentCSP = func() string {
	sum := sha256.Sum256([]byte(documentStyle))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}()

func dutchDateTime(t time.Time) string {
	return nltime.Date(t) + ", " + t.In(nltime.Amsterdam).Format("15:04")
}

// ExportDay is the date in the export's file name, as the person knows it (Europe/Amsterdam).
func ExportDay(t time.Time) string { return t.In(nltime.Amsterdam).Format(time.DateOnly) }

var labels = map[string]string{
	// roles
	"participant": "Deelnemer", "facilitator": "Begeleider", "reviewer": "Beoordelaar (fonds)", "admin": "Beheerder",
	// enrolments, goals, portraits, attendance
	"active": "Actief", "withdrawn": "Uitgeschreven", "completed": "Afgerond",
	"draft": "Concept", "achieved": "Behaald", "dropped": "Gestopt",
	"submitted": "Ingediend", "approved": "Goedgekeurd en gepubliceerd", "rejected": "Afgewezen",
	"present": "Aanwezig", "excused": "Afgemeld", "absent": "Afwezig",
	// visibility
	"private": "Alleen ik", "facilitators": "Ik en de begeleiders", "cohort": "De hele groep",
	// access log
	"goal.read": "heeft een leerdoel bekeken", "goals.read": "heeft uw leerdoelen bekeken",
	"reflection.read": "heeft een reflectie gelezen", "reflections.read": "heeft uw gedeelde reflecties gelezen",
	"portrait.read": "heeft uw ingediende portret gelezen", "portrait.approved": "heeft uw portret goedgekeurd",
	"portrait.rejected": "heeft uw portret afgewezen", "sessions.revoked": "heeft u op al uw apparaten uitgelogd",
}

func label(key string) string {
	if l, ok := labels[key]; ok {
		return l
	}
	return key
}

var documentTemplate = template.Must(template.New("export").Funcs(template.FuncMap{
	"date":     nltime.Date,
	"datetime": dutchDateTime,
	"label":    label,
	"isodate": func(s string) string { // a calendar date such as a reflection's writtenOn
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return s
		}
		return nltime.Date(d)
	},
	"optdate": func(t *time.Time) string {
		if t == nil {
			return "—"
		}
		return dutchDateTime(*t)
	},
	"yesno": func(b bool) string {
		if b {
			return "ja"
		}
		return "nee"
	},
	// Markdown is rendered and sanitised by the markdown package; only its output is trusted as HTML.
	"markdown": func(src string) template.HTML { return template.HTML(markdown.Render(src)) },
	// A reflection is rendered when it is saved; only older rows are rendered here.
	"reflectionHTML": func(r Reflection) template.HTML {
		if r.BodyHTML != nil {
			return template.HTML(*r.BodyHTML)
		}
		return template.HTML(markdown.Render(r.BodyMarkdown))
	},
	"json": func(raw json.RawMessage) string {
		var buf bytes.Buffer
		if json.Indent(&buf, raw, "", "  ") != nil {
			return string(raw)
		}
		return buf.String()
	},
}).Parse(`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Mijn gegevens in Leergang – {{.Account.Name}}</title>
<style>` + documentStyle + `</style>
</head>
<body>
<header>
<h1>Mijn gegevens in Leergang</h1>
<p class="meta">{{.Account.Name}} ({{.Account.Email}}) · opgesteld op {{datetime .ExportedAt}}</p>
<p>Dit document bevat alles wat Leergang over u bewaart (AVG, artikel 15). Wat u in evaluaties hebt geantwoord,
staat er niet in: die antwoorden worden zonder uw naam bewaard en zijn door niemand meer aan u te koppelen, ook
niet door uzelf. Wachtwoorden en geheime sleutels staan er evenmin in. Dezelfde gegevens kunt u ook als
JSON-bestand downloaden.</p>
</header>

<h2>Account</h2>
<dl>
<dt>Naam</dt><dd>{{.Account.Name}}</dd>
<dt>E-mailadres</dt><dd>{{.Account.Email}}</dd>
<dt>Taal</dt><dd>{{.Account.Locale}}</dd>
<dt>Beheerder</dt><dd>{{yesno .Account.IsAdmin}}</dd>
<dt>Wachtwoord ingesteld</dt><dd>{{yesno .Account.PasswordSet}}</dd>
<dt>Tweestapsverificatie</dt><dd>{{if .Account.SecondFactorEnabled}}aan sinds {{optdate .Account.SecondFactorEnabledAt}}{{else}}uit{{end}}</dd>
<dt>Aangemaakt</dt><dd>{{datetime .Account.CreatedAt}}</dd>
<dt>Laatst gewijzigd</dt><dd>{{datetime .Account.UpdatedAt}}</dd>
</dl>

<h2>Rollen</h2>
{{if .Roles}}<table>
<thead><tr><th>Rol</th><th>Leergang</th><th>Groep</th><th>Sinds</th></tr></thead>
<tbody>{{range .Roles}}<tr><td>{{label .Role}}</td><td>{{.ProgrammeName}}</td><td>{{with .CohortName}}{{.}}{{else}}alle groepen{{end}}</td><td>{{date .GrantedAt}}</td></tr>
{{end}}</tbody></table>{{else}}<p class="empty">U hebt geen rol als begeleider of beoordelaar.</p>{{end}}

<h2>Inschrijvingen</h2>
{{if .Enrolments}}<table>
<thead><tr><th>Leergang en groep</th><th>Gemeente</th><th>Functie</th><th>Status</th><th>Ingeschreven</th><th>Keuzes</th></tr></thead>
<tbody>{{range .Enrolments}}<tr><td>{{.ProgrammeName}}, {{.CohortName}}</td><td>{{.Gemeente}}</td><td>{{.JobTitle}}</td>
<td>{{label .Status}}{{with .WithdrawnAt}} op {{date .}}{{end}}</td><td>{{date .EnrolledAt}}</td>
<td>{{range .ModuleChoices}}{{.ModuleTitle}}: {{.OptionTitle}}<br>{{else}}—{{end}}</td></tr>
{{end}}</tbody></table>{{else}}<p class="empty">U bent niet ingeschreven als deelnemer.</p>{{end}}

<h2>Leerdoelen</h2>
{{range .Goals}}<article>
<h3>{{.Title}}</h3>
<p class="meta">{{label .Status}} · {{.CohortName}}{{with .ModuleTitle}} · module {{.}}{{end}}{{with .TargetDate}} · streefdatum {{isodate .}}{{end}}</p>
{{with .Description}}<p>{{.}}</p>{{end}}
{{with .SuccessCriteria}}<p><strong>Zo weet ik dat het gelukt is:</strong> {{.}}</p>{{end}}
{{with .AspectKeys}}<p><strong>Aspecten:</strong> {{range $i, $k := .}}{{if $i}}, {{end}}{{$k}}{{end}}</p>{{end}}
{{with .Steps}}<p><strong>Kleine stappen:</strong></p><ol>{{range .}}<li>{{.Title}}{{with .DoneAt}} (gedaan op {{date .}}){{end}}</li>{{end}}</ol>{{end}}
</article>
{{else}}<p class="empty">U hebt geen leerdoelen.</p>{{end}}

<h2>Reflecties</h2>
{{range .Reflections}}<article>
<h3>{{with .Title}}{{.}}{{else}}Reflectie{{end}}</h3>
<p class="meta">{{isodate .WrittenOn}} · {{.CohortName}} · zichtbaar voor: {{label .Visibility}}{{with .ModuleTitle}} · module {{.}}{{end}}{{with .SessionTitle}} · bijeenkomst {{.}}{{end}}</p>
<div class="body">{{reflectionHTML .}}</div>
{{with .Comments}}<p><strong>Reacties:</strong></p><ul>{{range .}}<li>{{.AuthorName}}, {{datetime .CreatedAt}}: {{if .Deleted}}{{if .Mine}}{{.Body}} (verwijderd){{else}}<em>reactie verwijderd</em>{{end}}{{else}}{{.Body}}{{end}}</li>{{end}}</ul>{{end}}
</article>
{{else}}<p class="empty">U hebt geen reflecties geschreven.</p>{{end}}

<h2>Mijn reacties bij reflecties van anderen</h2>
{{if .Comments}}<table>
<thead><tr><th>Geschreven</th><th>Reactie</th><th>Bij reflectie</th></tr></thead>
<tbody>{{range .Comments}}<tr><td>{{datetime .CreatedAt}}{{with .DeletedAt}}<br>verwijderd op {{date .}}{{end}}</td><td>{{.Body}}</td><td>{{.ReflectionID}}</td></tr>
{{end}}</tbody></table>{{else}}<p class="empty">U hebt geen reacties bij reflecties van anderen geschreven.</p>{{end}}

<h2>Portretten</h2>
{{range .Portraits}}<article>
<h3>{{.Title}}</h3>
<p class="meta">{{.CohortName}} · {{label .Status}} · toestemming: {{optdate .ConsentGivenAt}} · gepubliceerd: {{optdate .PublishedAt}}</p>
{{with .ReviewNote}}<p><strong>Toelichting van het programmabureau:</strong> {{.}}</p>{{end}}
<div class="body">{{markdown .Body}}</div>
</article>
{{else}}<p class="empty">U hebt geen portret geschreven.</p>{{end}}

<h2>Aanwezigheid</h2>
{{if .Attendance}}<table>
<thead><tr><th>Bijeenkomst</th><th>Datum</th><th>Groep</th><th>Aanwezigheid</th></tr></thead>
<tbody>{{range .Attendance}}<tr><td>{{.SessionTitle}}</td><td>{{datetime .StartsAt}}</td><td>{{.CohortName}}</td><td>{{label .Status}}</td></tr>
{{end}}</tbody></table>{{else}}<p class="empty">Er is geen aanwezigheid van u geregistreerd.</p>{{end}}

<h2>Evaluaties die u hebt ingevuld</h2>
<p class="meta">Alleen dát u een evaluatie hebt ingevuld staat bij uw naam; uw antwoorden niet.</p>
{{if .EvaluationsAnswered}}<table>
<thead><tr><th>Evaluatie</th><th>Groep</th><th>Ingevuld op</th></tr></thead>
<tbody>{{range .EvaluationsAnswered}}<tr><td>{{.FormTitle}}</td><td>{{.CohortName}}</td><td>{{date .SubmittedAt}}</td></tr>
{{end}}</tbody></table>{{else}}<p class="empty">U hebt geen evaluaties ingevuld.</p>{{end}}

<h2>Evaluaties die u nog niet hebt verstuurd</h2>
{{range .EvaluationDrafts}}<article>
<h3>{{.FormTitle}}</h3>
<p class="meta">Laatst bewaard op {{datetime .UpdatedAt}}</p>
<pre>{{json .Answers}}</pre>
</article>
{{else}}<p class="empty">Geen.</p>{{end}}

<h2>Inlogsessies</h2>
{{if .Logins}}<table>
<thead><tr><th>Ingelogd</th><th>Laatst gebruikt</th><th>Verloopt</th><th>Actief</th><th>Apparaat</th><th>IP-adres</th></tr></thead>
<tbody>{{range .Logins}}<tr><td>{{datetime .StartedAt}}</td><td>{{datetime .LastUsedAt}}</td><td>{{datetime .ExpiresAt}}</td><td>{{yesno .Active}}</td><td>{{.UserAgent}}</td><td>{{.IP}}</td></tr>
{{end}}</tbody></table>{{else}}<p class="empty">Geen inlogsessies bewaard.</p>{{end}}

<h2>Agenda-abonnement</h2>
{{with .CalendarFeed}}<p>U hebt een persoonlijk agenda-adres, aangemaakt op {{datetime .CreatedAt}}{{with .ResetAt}}, vernieuwd op {{datetime .}}{{end}}. Het geheime adres zelf staat niet in dit document.</p>
{{else}}<p class="empty">U hebt geen agenda-abonnement.</p>{{end}}

<h2>Uitnodigingen</h2>
{{if .Invitations}}<table>
<thead><tr><th>Verstuurd</th><th>Geldig tot</th><th>Gebruikt</th></tr></thead>
<tbody>{{range .Invitations}}<tr><td>{{datetime .CreatedAt}}</td><td>{{datetime .ExpiresAt}}</td><td>{{optdate .UsedAt}}</td></tr>
{{end}}</tbody></table>{{else}}<p class="empty">Geen.</p>{{end}}

<h2>E-mail aan u</h2>
{{if .Mails}}<table>
<thead><tr><th>Onderwerp</th><th>Aangemaakt</th><th>Verstuurd</th></tr></thead>
<tbody>{{range .Mails}}<tr><td>{{.Subject}}</td><td>{{datetime .CreatedAt}}</td><td>{{optdate .SentAt}}</td></tr>
{{end}}</tbody></table>{{else}}<p class="empty">Geen.</p>{{end}}

<h2>Wie heeft mijn gegevens ingezien</h2>
{{if .AccessLog}}<table>
<thead><tr><th>Wanneer</th><th>Wie</th><th>Wat</th></tr></thead>
<tbody>{{range .AccessLog}}<tr><td>{{datetime .OccurredAt}}</td>
<td>{{with .Actor}}{{.Name}}{{range .Roles}} ({{label .}}){{end}}{{else}}Leergang (automatisch){{end}}</td>
<td>{{label .Action}}</td></tr>
{{end}}</tbody></table>{{else}}<p class="empty">Niemand anders heeft uw gegevens ingezien of gewijzigd.</p>{{end}}
</body>
</html>
`))

// Document renders the export as a readable, printable HTML document. Everything is escaped by html/template;
// reflection and portrait texts are Markdown, rendered and sanitised by the markdown package.
func Document(e Export) ([]byte, error) {
	var buf bytes.Buffer
	if err := documentTemplate.Execute(&buf, e); err != nil {
		return nil, fmt.Errorf("privacy: export document: %w", err)
	}
	return buf.Bytes(), nil
}
