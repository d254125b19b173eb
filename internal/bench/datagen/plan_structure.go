package datagen

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"
)

// newUser adds a person with a Dutch name and the address first.last.N@gemeente.example (N: their number).
func (g *gen) newUser(r *rand.Rand, admin bool, created time.Time) int {
	n := len(g.users)
	first, last := oneOf(r, firstNames), oneOf(r, lastNames)
	local := asciiLetters(first) + "." + asciiLetters(last) + fmt.Sprintf(".%d", n+1)
	// Documentation addresses (RFC 5737), one per person, so that a person's lines in the log share an address.
	nets := [...][3]byte{{192, 0, 2}, {198, 51, 100}, {203, 0, 113}}
	ip := netip.AddrFrom4([4]byte{nets[n%3][0], nets[n%3][1], nets[n%3][2], byte(1 + (n/3)%254)})
	g.users = append(g.users, user{id: g.id(kindUser, n), email: local + "@gemeente.example", name: first + " " + last,
		admin: admin, createdAt: created, ip: ip, gemeente: oneOf(r, gemeenten), jobTitle: oneOf(r, jobTitles)})
	return n
}

// asciiLetters lowercases s and keeps only a–z, dropping accents and spaces ("van der Meer" → "vandermeer").
func asciiLetters(s string) string {
	var b strings.Builder
	for _, c := range norm.NFD.String(strings.ToLower(s)) {
		if c >= 'a' && c <= 'z' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// slugOf makes a URL slug of a name: lowercase ASCII words joined by hyphens.
func slugOf(s string) string {
	var b strings.Builder
	hyphen := false
	for _, c := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			hyphen = false
		case unicode.Is(unicode.Mn, c): // a combining accent
		default:
			hyphen = true
		}
	}
	return b.String()
}

// planStaff: admins and reviewers have been there from the start; facilitators too.
func (g *gen) planStaff() {
	r := stream(g.seed, "staff")
	g.orgs = []uuid.UUID{g.id(kindOrganisation, 0), g.id(kindOrganisation, 1), g.id(kindOrganisation, 2)}
	joined := func(daysBefore int) time.Time {
		return at(g.begin.AddDate(0, 0, -daysBefore), between(r, 9, 17), r.IntN(60))
	}
	for range g.scale.Admins {
		g.admins = append(g.admins, g.newUser(r, true, joined(between(r, 30, 120))))
	}
	for range g.scale.Reviewers {
		g.reviewers = append(g.reviewers, g.newUser(r, false, joined(between(r, 10, 90))))
	}
	for range g.scale.Facilitators {
		g.facilitators = append(g.facilitators, g.newUser(r, false, joined(between(r, 10, 90))))
	}
}

// planProgrammes: the first programme is about three times the average size; it is the one the reviewer
// dashboard is measured on. Each has a run of modules ending in a keuzemodule with elective options.
func (g *gen) planProgrammes() {
	r := stream(g.seed, "programmes")
	n := g.scale.Programmes
	weights := make([]float64, n)
	others := 0.0
	for i := 1; i < n; i++ {
		weights[i] = 0.3 + 1.4*r.Float64()
		others += weights[i]
	}
	switch {
	case n > 3:
		// w0 = 3·mean(all) ⇔ w0 = 3·others/(n−3).
		weights[0] = 3 * others / float64(n-3)
	case n > 1:
		weights[0] = 2 * others / float64(n-1)
	default:
		weights[0] = 1
	}
	counts := spread(g.scale.Cohorts-n, weights)
	for i := range n {
		name := programmeNames[i%len(programmeNames)]
		if round := i / len(programmeNames); round > 0 {
			name = fmt.Sprintf("%s %d", name, round+1)
		}
		p := programme{id: g.id(kindProgramme, i), name: name, slug: strings.TrimPrefix(slugOf(name), "leergang-"),
			owner: 0, framework: i % len(frameworks), createdAt: g.begin.AddDate(0, -between(r, 2, 6), 0),
			templates: map[string]int{}, cohorts: make([]int, counts[i]+1)}
		if i%7 == 6 {
			p.owner = 2 // a few leergangen of the VNG
		}
		p.description = "Een leergang voor gemeentesecretarissen, van de VGS en het A&O-fonds Gemeenten. " +
			"Deelnemers werken aan eigen leerdoelen, leren van elkaar en van sprekers uit de praktijk."
		var texts []moduleText
		if i == 0 {
			texts = slices.Clone(modulePool[:4]) // the Leergang Digitaal Leiderschap as it is
		} else {
			for _, k := range sample(r, len(modulePool), between(r, 3, 6)) {
				texts = append(texts, modulePool[k])
			}
		}
		texts = append(texts, electiveModule)
		for j, t := range texts {
			m := moduleTemplate{id: g.id(kindModuleTemplate, i*100+j), text: t}
			if t.key == electiveModule.key {
				for k, o := range sample(r, len(electiveOptions), 3) {
					m.options = append(m.options, templateOption{id: g.id(kindTemplateOption, (i*100+j)*10+k),
						text: electiveOptions[o]})
				}
			}
			p.modules = append(p.modules, m)
		}
		g.programmes = append(g.programmes, p)
	}
}

// planCohorts spreads each programme's cohorts over five years up to a few months from now. Cohorts that ended
// are completed, and archived some months later; archived ones are noticed and purged as the retention rule of the
// product's default configuration would have done. Every programme has a running cohort.
func (g *gen) planCohorts() {
	r := stream(g.seed, "cohorts")
	windowEnd := g.today.AddDate(0, 4, 0)
	window := windowEnd.Sub(g.begin)
	for pi := range g.programmes {
		p := &g.programmes[pi]
		n := len(p.cohorts)
		months := between(r, 7, 10)
		spacing := window / time.Duration(n)
		type dates struct{ start, end time.Time }
		ds := make([]dates, n)
		for k := range ds {
			offset := time.Duration((float64(k) + 0.5 + 0.7*(r.Float64()-0.5)) * float64(spacing))
			start := weekday(dayOf(g.begin.Add(offset)))
			ds[k] = dates{start, weekday(start.AddDate(0, months, between(r, -10, 10)))}
		}
		slices.SortFunc(ds, func(a, b dates) int { return a.start.Compare(b.start) })
		// If none runs now, the last one to start before today (or the first) is moved to have started lately.
		runningNow := slices.ContainsFunc(ds, func(d dates) bool { return !d.start.After(g.today) && !d.end.Before(g.today) })
		if !runningNow {
			k := slices.IndexFunc(ds, func(d dates) bool { return d.start.After(g.today) })
			if k < 0 {
				k = n
			}
			k = max(0, k-1)
			d := ds[k].end.Sub(ds[k].start)
			ds[k].start = weekday(g.today.AddDate(0, -between(r, 1, 3), 0))
			ds[k].end = weekday(dayOf(ds[k].start.Add(d)))
			slices.SortFunc(ds, func(a, b dates) int { return a.start.Compare(b.start) })
		}
		labels := map[string]int{}
		for _, d := range ds {
			labels[cohortLabel(d.start)]++
		}
		seen := map[string]int{}
		for k, d := range ds {
			ci := len(g.cohorts)
			p.cohorts[k] = ci
			label := cohortLabel(d.start)
			name := label
			if labels[label] > 1 {
				seen[label]++
				name = fmt.Sprintf("%s groep %d", label, seen[label])
			}
			c := cohort{id: g.id(kindCohort, ci), programme: pi, name: name, startsOn: d.start, endsOn: d.end,
				evaluationQuality: 3.6 + 0.8*r.Float64(), responseWillingness: 0.75 + 0.5*r.Float64(),
				extraOption: chance(r, 0.1)}
			c.createdAt = earliest(at(d.start.AddDate(0, -between(r, 3, 5), 0), 10, 0), g.now.Add(-24*time.Hour))
			c.createdAt = latest(c.createdAt, p.createdAt)
			g.cohortStatus(r, &c)
			g.planModules(&c)
			g.cohorts = append(g.cohorts, c)
		}
	}
}

// cohortLabel names a cohort after its academic year ("2025–2026") or, starting in spring, its year.
func cohortLabel(start time.Time) string {
	if start.Month() >= time.August {
		return fmt.Sprintf("%d–%d", start.Year(), start.Year()+1)
	}
	return fmt.Sprintf("%d", start.Year())
}

// weekday moves a weekend day to the Monday after.
func weekday(d time.Time) time.Time {
	switch d.Weekday() {
	case time.Saturday:
		return d.AddDate(0, 0, 2)
	case time.Sunday:
		return d.AddDate(0, 0, 1)
	}
	return d
}

func (g *gen) cohortStatus(r *rand.Rand, c *cohort) {
	switch {
	case c.startsOn.After(g.today):
		c.status = planned
	case !c.endsOn.Before(g.today):
		c.status = running
	default:
		c.status = completed
		archiveAt := at(c.endsOn.AddDate(0, between(r, 3, 9), between(r, 0, 20)), 10, between(r, 0, 59))
		if archiveAt.Before(g.now) {
			c.status, c.archivedAt = archived, archiveAt
			g.applyRetention(r, c)
		}
	}
}

// applyRetention does what the retention worker (internal/retention) would have done by now, at its hourly
// passes: a notice the notice period before the due date, the purge on the purge date.
func (g *gen) applyRetention(r *rand.Rand, c *cohort) {
	due := c.archivedAt.AddDate(0, g.retentionMonths, 0)
	noticeFrom := due.AddDate(0, 0, -g.retentionNotice)
	if noticeFrom.After(g.now) {
		return
	}
	sent := earliest(noticeFrom.Add(time.Duration(r.IntN(60))*time.Minute), g.now)
	purgeOn := latest(due, sent.AddDate(0, 0, g.retentionNotice))
	c.retention = retention{noticed: true, noticeSentAt: sent, purgeOn: purgeOn}
	if !purgeOn.After(g.now) {
		c.retention.purged = true
		c.retention.purgedAt = instant(r, purgeOn, earliest(purgeOn.Add(time.Hour), g.now))
	}
}

// planModules copies the programme's module template into the cohort, each module covering an equal part of the
// cohort's period.
func (g *gen) planModules(c *cohort) {
	p := &g.programmes[c.programme]
	ci := len(g.cohorts)
	period := c.endsOn.Sub(c.startsOn)
	for j, t := range p.modules {
		m := module{id: g.id(kindModule, ci*100+j), template: j,
			from: c.startsOn.Add(period * time.Duration(j) / time.Duration(len(p.modules))),
			to:   c.startsOn.Add(period * time.Duration(j+1) / time.Duration(len(p.modules)))}
		for k := range t.options {
			m.options = append(m.options, g.id(kindModuleOption, (ci*100+j)*10+k))
		}
		if c.extraOption && len(t.options) > 0 {
			m.options = append(m.options, g.id(kindModuleOption, (ci*100+j)*10+len(t.options)))
		}
		c.modules = append(c.modules, m)
	}
}

// planGrants: two facilitators per cohort from the programme's pool (people facilitate a few cohorts, some in two
// programmes), a coordinator per programme with a programme-wide grant, reviewers of the A&O-fonds per programme.
func (g *gen) planGrants() {
	r := stream(g.seed, "grants")
	nf := len(g.facilitators)
	weights := make([]float64, len(g.programmes))
	for pi, p := range g.programmes {
		weights[pi] = float64(len(p.cohorts))
	}
	// Every programme gets at least two facilitators; the rest go where the cohorts are.
	for k, f := range g.facilitators {
		pi := k % len(g.programmes)
		if k >= 2*len(g.programmes) {
			pi = pick(r, weights)
		}
		g.programmes[pi].facilitators = append(g.programmes[pi].facilitators, f)
		if chance(r, 0.15) {
			other := pick(r, weights)
			if !slices.Contains(g.programmes[other].facilitators, f) {
				g.programmes[other].facilitators = append(g.programmes[other].facilitators, f)
			}
		}
	}
	for pi := range g.programmes {
		p := &g.programmes[pi]
		for len(p.facilitators) < 2 {
			p.facilitators = append(p.facilitators, g.facilitators[(pi+len(p.facilitators))%nf])
		}
		p.coordinator = p.facilitators[0]
		g.addGrant(p.coordinator, "facilitator", pi, -1, p.createdAt.AddDate(0, 0, 7))
		for _, ci := range p.cohorts {
			c := &g.cohorts[ci]
			// The coordinator is covered by the programme grant; the cohort's own pair comes from the rest.
			pool := p.facilitators[1:]
			if len(pool) < 2 {
				pool = p.facilitators
			}
			for _, k := range sample(r, len(pool), 2) {
				c.facilitators = append(c.facilitators, pool[k])
				g.addGrant(pool[k], "facilitator", -1, ci, c.createdAt.Add(time.Hour))
			}
		}
	}
	// Reviewers take programmes in turn; the largest programme has two (when there are two).
	for pi := range g.programmes {
		rv := g.reviewers[pi%len(g.reviewers)]
		g.programmes[pi].reviewers = append(g.programmes[pi].reviewers, rv)
	}
	if len(g.reviewers) > 1 && !slices.Contains(g.programmes[0].reviewers, g.reviewers[1]) {
		g.programmes[0].reviewers = append(g.programmes[0].reviewers, g.reviewers[1])
	}
	for pi := range g.programmes {
		for _, rv := range g.programmes[pi].reviewers {
			g.addGrant(rv, "reviewer", pi, -1, g.programmes[pi].createdAt.AddDate(0, 0, 14))
		}
	}
}

func (g *gen) addGrant(u int, role string, programme, cohort int, at time.Time) {
	g.grants = append(g.grants, grant{id: g.id(kindGrant, len(g.grants)), user: u, role: role,
		programme: programme, cohort: cohort, createdAt: at})
}

// planSpeakers: a quarter of the directory is shared by all programmes, the rest belongs to one.
func (g *gen) planSpeakers() {
	r := stream(g.seed, "speakers")
	weights := make([]float64, len(g.programmes))
	for pi, p := range g.programmes {
		weights[pi] = float64(len(p.cohorts))
	}
	shared := g.scale.Speakers / 4
	own := spread(g.scale.Speakers-shared-len(g.programmes), weights)
	owner := make([]int, 0, g.scale.Speakers)
	for range shared {
		owner = append(owner, -1)
	}
	for pi, n := range own {
		for range n + 1 {
			owner = append(owner, pi)
		}
	}
	for i, pi := range owner {
		first, last := oneOf(r, firstNames), oneOf(r, lastNames)
		s := speaker{id: g.id(kindSpeaker, i), programme: pi, name: first + " " + last,
			roleTitle: oneOf(r, speakerRoles), org: oneOf(r, speakerOrganisations), bio: oneOf(r, speakerBios),
			email:     fmt.Sprintf("%s.%s.%d@%s", asciiLetters(first), asciiLetters(last), i+1, oneOf(r, mailDomains)),
			createdAt: g.begin.AddDate(0, 0, -between(r, 0, 60))}
		for _, k := range sample(r, len(sessionTopics), between(r, 1, 3)) {
			s.topics = append(s.topics, sessionTopics[k])
		}
		if chance(r, 0.8) {
			s.phone = fmt.Sprintf("+31 6 %04d %04d", r.IntN(10000), r.IntN(10000))
		}
		if pi < 0 {
			g.sharedSpeakers = append(g.sharedSpeakers, i)
		} else {
			g.programmes[pi].speakers = append(g.programmes[pi].speakers, i)
		}
		g.speakers = append(g.speakers, s)
	}
}
