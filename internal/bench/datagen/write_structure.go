package datagen

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// nullTime and nullID write NULL for a zero value.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func nullID(id uuid.UUID) any {
	if id == uuid.Nil {
		return nil
	}
	return id
}

func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

var organisations = []struct{ name, short, kind string }{
	{"Vereniging van Gemeentesecretarissen", "VGS", "association"},
	{"A&O-fonds Gemeenten", "A&O-fonds", "fund"},
	{"Vereniging van Nederlandse Gemeenten", "VNG", "association"},
}

func (g *gen) writeOrganisations(ctx context.Context, c *copier) error {
	return c.copy(ctx, "organisations", []string{"id", "name", "short_name", "kind", "created_at", "updated_at"},
		rowsOf(organisations, func(i int, o *struct{ name, short, kind string }) []any {
			created := g.begin.AddDate(-1, 0, 0)
			return []any{g.orgs[i], o.name, o.short, o.kind, created, created}
		}))
}

// aspectID is the id of the k-th aspect (counted over its groups) of framework f.
func (g *gen) aspectID(f, k int) uuid.UUID { return g.id(kindAspect, f*100+k) }

func aspectCount(f int) int {
	n := 0
	for _, gr := range frameworks[f].groups {
		n += len(gr.aspects)
	}
	return n
}

func (g *gen) writeFrameworks(ctx context.Context, c *copier) error {
	created := g.begin.AddDate(-1, 0, 0)
	if err := c.copy(ctx, "frameworks", []string{"id", "title", "description", "created_at", "updated_at"},
		rowsOf(frameworks, func(i int, f *frameworkText) []any {
			return []any{g.id(kindFramework, i), f.title, f.description, created, created}
		})); err != nil {
		return err
	}
	groups := func(yield func([]any) bool) {
		for f, fw := range frameworks {
			for j, gr := range fw.groups {
				if !yield([]any{g.id(kindFrameworkGroup, f*100+j), g.id(kindFramework, f), gr.key, gr.title,
					gr.question, j + 1, created, created}) {
					return
				}
			}
		}
	}
	if err := c.copy(ctx, "framework_groups", []string{"id", "framework_id", "key", "title", "question", "position",
		"created_at", "updated_at"}, groups); err != nil {
		return err
	}
	aspects := func(yield func([]any) bool) {
		for f, fw := range frameworks {
			k := 0
			for j, gr := range fw.groups {
				for pos, a := range gr.aspects {
					if !yield([]any{g.aspectID(f, k), g.id(kindFramework, f), g.id(kindFrameworkGroup, f*100+j), a.key,
						a.title, "", pos + 1, created, created}) {
						return
					}
					k++
				}
			}
		}
	}
	return c.copy(ctx, "framework_aspects", []string{"id", "framework_id", "group_id", "key", "title", "description",
		"position", "created_at", "updated_at"}, aspects)
}

func (g *gen) writeUsers(ctx context.Context, c *copier) error {
	return c.copy(ctx, "users", []string{"id", "email", "name", "password_hash", "is_admin", "locale", "created_at",
		"updated_at"}, rowsOf(g.users, func(_ int, u *user) []any {
		return []any{u.id, u.email, u.name, g.hash, u.admin, "nl", u.createdAt, u.createdAt}
	}))
}

func (g *gen) writeProgrammes(ctx context.Context, c *copier) error {
	if err := c.copy(ctx, "programmes", []string{"id", "slug", "name", "description", "owner_organisation_id",
		"funder_organisation_id", "k_anonymity", "framework_id", "created_at", "updated_at"},
		rowsOf(g.programmes, func(_ int, p *programme) []any {
			return []any{p.id, p.slug, p.name, p.description, g.orgs[p.owner], g.orgs[1], 5,
				g.id(kindFramework, p.framework), p.createdAt, p.createdAt}
		})); err != nil {
		return err
	}
	templates := func(yield func([]any) bool) {
		for _, p := range g.programmes {
			for j, m := range p.modules {
				if !yield([]any{m.id, p.id, j + 1, m.text.key, m.text.title, m.text.description, p.createdAt, p.createdAt}) {
					return
				}
			}
		}
	}
	if err := c.copy(ctx, "module_templates", []string{"id", "programme_id", "position", "key", "title",
		"description", "created_at", "updated_at"}, templates); err != nil {
		return err
	}
	options := func(yield func([]any) bool) {
		for _, p := range g.programmes {
			for _, m := range p.modules {
				for k, o := range m.options {
					if !yield([]any{o.id, m.id, k + 1, o.text.title, o.text.description, p.createdAt, p.createdAt}) {
						return
					}
				}
			}
		}
	}
	return c.copy(ctx, "module_template_options", []string{"id", "module_template_id", "position", "title",
		"description", "created_at", "updated_at"}, options)
}

// cohortOption is the elective a few cohorts add to their own keuzemodule.
var cohortOption = moduleText{"", "Verdieping: digitale inclusie en dienstverlening",
	"Hoe zorg je dat alle inwoners kunnen meekomen? Met voorbeelden van bibliotheken en Informatiepunten Digitale Overheid."}

func (g *gen) writeCohorts(ctx context.Context, c *copier) error {
	if err := c.copy(ctx, "cohorts", []string{"id", "programme_id", "name", "starts_on", "ends_on", "capacity",
		"status", "archived_at", "created_at", "updated_at", "version"},
		rowsOf(g.cohorts, func(_ int, co *cohort) []any {
			updated, version := co.createdAt, 1
			switch co.status {
			case running:
				updated, version = latest(at(co.startsOn, 8, 0), co.createdAt), 2
			case completed:
				updated, version = at(co.endsOn.AddDate(0, 0, 1), 9, 0), 3
			case archived:
				updated, version = co.archivedAt, 4
			}
			return []any{co.id, g.programmes[co.programme].id, co.name, co.startsOn, co.endsOn, co.capacity,
				co.status.String(), nullTime(co.archivedAt), co.createdAt, earliest(updated, g.now), version}
		})); err != nil {
		return err
	}
	modules := func(yield func([]any) bool) {
		for _, co := range g.cohorts {
			p := &g.programmes[co.programme]
			for j, m := range co.modules {
				t := p.modules[m.template]
				if !yield([]any{m.id, co.id, t.id, j + 1, t.text.key, t.text.title, t.text.description, co.createdAt,
					co.createdAt}) {
					return
				}
			}
		}
	}
	if err := c.copy(ctx, "modules", []string{"id", "cohort_id", "template_id", "position", "key", "title",
		"description", "created_at", "updated_at"}, modules); err != nil {
		return err
	}
	options := func(yield func([]any) bool) {
		for _, co := range g.cohorts {
			p := &g.programmes[co.programme]
			for _, m := range co.modules {
				t := p.modules[m.template]
				for k, id := range m.options {
					var tplOption any
					text := cohortOption
					if k < len(t.options) {
						tplOption, text = t.options[k].id, t.options[k].text
					}
					if !yield([]any{id, m.id, tplOption, k + 1, text.title, text.description, co.createdAt, co.createdAt}) {
						return
					}
				}
			}
		}
	}
	return c.copy(ctx, "module_options", []string{"id", "module_id", "template_option_id", "position", "title",
		"description", "created_at", "updated_at"}, options)
}

func (g *gen) writeGrants(ctx context.Context, c *copier) error {
	return c.copy(ctx, "role_grants", []string{"id", "user_id", "role", "programme_id", "cohort_id", "granted_by",
		"created_at"}, rowsOf(g.grants, func(_ int, gr *grant) []any {
		var programme, cohort any
		if gr.programme >= 0 {
			programme = g.programmes[gr.programme].id
		}
		if gr.cohort >= 0 {
			cohort = g.cohorts[gr.cohort].id
		}
		return []any{gr.id, g.users[gr.user].id, gr.role, programme, cohort, g.users[g.admins[0]].id, gr.createdAt}
	}))
}

func (g *gen) writeEnrolments(ctx context.Context, c *copier) error {
	return c.copy(ctx, "enrolments", []string{"id", "cohort_id", "user_id", "status", "gemeente", "job_title",
		"enrolled_at", "withdrawn_at", "created_at", "updated_at", "version"},
		rowsOf(g.enrolments, func(_ int, e *enrolment) []any {
			u := &g.users[e.user]
			co := &g.cohorts[e.cohort]
			updated, version := e.enrolledAt, 1
			switch {
			case e.status == withdrawn:
				updated, version = e.withdrawnAt, 2
			case e.status == done:
				updated, version = at(co.endsOn.AddDate(0, 0, 1), 9, 0), 2
			}
			return []any{e.id, co.id, u.id, e.status.String(), u.gemeente, u.jobTitle, e.enrolledAt,
				nullTime(e.withdrawnAt), e.enrolledAt, earliest(updated, g.now), version}
		}))
}

func (g *gen) writeSpeakers(ctx context.Context, c *copier) error {
	return c.copy(ctx, "speakers", []string{"id", "programme_id", "name", "role_title", "organisation", "bio",
		"topics", "email", "phone", "created_by", "created_at", "updated_at"},
		rowsOf(g.speakers, func(_ int, s *speaker) []any {
			var programme any
			if s.programme >= 0 {
				programme = g.programmes[s.programme].id
			}
			return []any{s.id, programme, s.name, s.roleTitle, s.org, s.bio, s.topics, s.email, nullText(s.phone),
				g.users[g.admins[0]].id, s.createdAt, s.createdAt}
		}))
}
