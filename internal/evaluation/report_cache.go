package evaluation

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/golang-lru/v2/expirable"
	"golang.org/x/sync/singleflight"
)

// A programme's evaluation report is the same for everyone allowed to read it: aggregated, anonymous, built
// after the access check and without the reader in it. At national scale the largest programme's report costs
// some 150 ms of database and CPU time, and reviewers open it (and export it) again and again; so a built report
// is kept for a short while, and readers who ask at the same moment share one build. A submission on this
// replica drops its programme's reports at once; other changes (and submissions on other replicas) show within
// the TTL. The report says when it was built (generatedAt).

// reportCacheSize bounds the cache: a large programme's report holds a few MB, and a replica has 150 MiB.
const reportCacheSize = 8

type reportKey struct {
	programme  uuid.UUID
	cohort     uuid.UUID // uuid.Nil: the whole programme
	formSplits bool
}

type reportCache struct {
	built  *expirable.LRU[reportKey, Report]
	builds singleflight.Group
}

// CacheReports keeps built reports for ttl (LEERGANG_REPORT_CACHE_TTL); without it every request builds its own.
func (s *Service) CacheReports(ttl time.Duration) {
	if ttl > 0 {
		s.reports = &reportCache{built: expirable.NewLRU[reportKey, Report](reportCacheSize, nil, ttl)}
	}
}

// cachedReport returns the report of key from the cache, or builds it once for all who ask at the same time.
func (s *Service) cachedReport(ctx context.Context, key reportKey, build func(context.Context) (Report, error)) (Report, error) {
	if s.reports == nil {
		return build(ctx)
	}
	if r, ok := s.reports.built.Get(key); ok {
		return r, nil
	}
	v, err, _ := s.reports.builds.Do(fmt.Sprint(key), func() (any, error) {
		// Shared by every waiting reader: one reader leaving must not fail the others.
		r, err := build(context.WithoutCancel(ctx))
		if err == nil {
			s.reports.built.Add(key, r)
		}
		return r, err
	})
	if err != nil {
		return Report{}, err
	}
	return v.(Report), nil
}

// forgetReports drops the programme's cached reports (after a submission).
func (s *Service) forgetReports(programmeID uuid.UUID) {
	if s.reports == nil {
		return
	}
	for _, k := range s.reports.built.Keys() {
		if k.programme == programmeID {
			s.reports.built.Remove(k)
		}
	}
}
