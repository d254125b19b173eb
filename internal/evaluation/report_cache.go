package evaluation

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/maypok86/otter/v2"

	"github.com/vgs/leergang/internal/heavy"
)

// A programme's evaluation report is the same for everyone allowed to read it: aggregated, anonymous, built
// after the access check and without the reader in it. At national scale the largest programme's report costs
// some 250 ms of database and CPU time, its dashboard JSON is 1.5 MB and its workbook takes longer still, while
// reviewers open it (and export it) again and again. So a built report is kept, with what was made of it (the
// JSON, compressed, with and without the split per form, and each export file), and shared. One build serves the
// dashboard and the exports, so the dashboard's steady readers keep the exports fresh too. A kept report:
//
//   - for the first half of the TTL it is served as is;
//   - in the second half a read still gets it at once, and starts a rebuild in the background (one at a time),
//     which also makes again the files that were asked for: a report in steady use never makes a reader wait;
//   - after the TTL it is gone, so no reader ever gets figures older than the TTL (plus one build's time);
//   - a submission on this replica drops its programme's reports at once; other changes (and submissions on
//     other replicas) show within the TTL. The report says when it was built (generatedAt).

// reportCacheSize bounds the cache: a large programme's report with its split per form (4 MB as JSON) and its
// files take several MB each, and a replica has 150 MiB.
const reportCacheSize = 8

// reportKey is one build: a programme (cohort uuid.Nil) or one of its cohorts.
type reportKey struct {
	programme uuid.UUID
	cohort    uuid.UUID
}

// The report as JSON, gzipped, with and without the split per form; the export files are made under their
// format's name.
const (
	madeJSON                  = "json"
	madeJSONWithoutFormSplits = "json-without-form-splits"
)

// builtReport is a built report and what has been made of it so far.
type builtReport struct {
	report Report

	mu   sync.Mutex
	made map[string]*madeFile // what readers asked for: the background rebuild makes these again
}

// madeFile is one kind made of a report. Each kind has its own lock, so that a reader of a made CSV does not
// wait while the workbook of the same report is made (some 50 ms at national scale).
type madeFile struct {
	mu   sync.Mutex
	data []byte
}

func newBuiltReport(r Report) *builtReport {
	return &builtReport{report: r, made: map[string]*madeFile{}}
}

// file returns what kind holds, made by make on first request (as heavy work); readers of the same kind wait for
// that one make. A failed make keeps nothing, so the next reader tries again.
func (b *builtReport) file(ctx context.Context, s *Service, kind string, make func(Report) ([]byte, error)) ([]byte, error) {
	b.mu.Lock()
	m, ok := b.made[kind]
	if !ok {
		m = &madeFile{}
		b.made[kind] = m
	}
	b.mu.Unlock()

	m.mu.Lock()
	defer m.mu.Unlock()
	if m.data != nil {
		return m.data, nil
	}
	f, err := heavy.Run(ctx, s.heavy, func() ([]byte, error) { return make(b.report) })
	if err != nil {
		return nil, err
	}
	m.data = f
	return f, nil
}

// makers are how each kind is made from a report. The JSON and the CSV are kept gzipped (httpio.Gzipped serves
// them): the CSV of the largest programme is 2.6 MB, and 140 KB gzipped. The workbook and the PDF are compressed
// inside.
var makers = map[string]func(Report) ([]byte, error){
	madeJSON:                  gzipJSON,
	madeJSONWithoutFormSplits: func(r Report) ([]byte, error) { return gzipJSON(r.withoutFormSplits()) },
	"csv":                     gzipCSV,
	"xlsx":                    Report.XLSX,
	"pdf":                     Report.PDF,
}

// gzippedExport says whether the export file of format is kept (and served) gzipped.
func gzippedExport(format string) bool { return format == "csv" }

func gzipCSV(r Report) ([]byte, error) {
	csv, err := r.CSV()
	if err != nil {
		return nil, err
	}
	return gzipped(func(w io.Writer) error { _, err := w.Write(csv); return err })
}

// withoutFormSplits is r without the split per form of a programme-wide report (the dashboard's). The built
// report is shared by readers, so the lineages and questions are copied, not changed.
func (r Report) withoutFormSplits() Report {
	forms := make([]ReportLineage, len(r.Forms))
	for i, l := range r.Forms {
		l.Questions = slices.Clone(l.Questions)
		for j := range l.Questions {
			l.Questions[j].ByForm = []GroupStat{}
		}
		forms[i] = l
	}
	r.Forms = forms
	return r
}

// gzipJSON is r as JSON, gzipped: a large report shrinks some twentyfold, and it is compressed once per build
// instead of once per reader.
func gzipJSON(r Report) ([]byte, error) {
	return gzipped(func(w io.Writer) error { return json.NewEncoder(w).Encode(r) })
}

// gzipped is what write writes, gzipped.
func gzipped(write func(io.Writer) error) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := write(zw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type reportCache struct {
	built *otter.Cache[reportKey, *builtReport]
}

// CacheReports keeps built reports for ttl (LEERGANG_REPORT_CACHE_TTL); without it every request builds its own.
func (s *Service) CacheReports(ttl time.Duration) {
	if ttl <= 0 {
		s.reports = nil
		return
	}
	s.reports = &reportCache{built: otter.Must(&otter.Options[reportKey, *builtReport]{
		MaximumSize:       reportCacheSize,
		ExpiryCalculator:  otter.ExpiryWriting[reportKey, *builtReport](ttl),
		RefreshCalculator: otter.RefreshWriting[reportKey, *builtReport](ttl / 2),
	})}
}

// reportLoader builds a report on a cache miss, and rebuilds it in the background when it is due, making again
// what readers asked of the old build so that they find it ready.
type reportLoader struct {
	s     *Service
	build func(context.Context) (Report, error)
}

func (l reportLoader) Load(ctx context.Context, _ reportKey) (*builtReport, error) {
	// Shared by every waiting reader: one reader leaving must not fail the others.
	r, err := l.build(context.WithoutCancel(ctx))
	if err != nil {
		return nil, err
	}
	return newBuiltReport(r), nil
}

func (l reportLoader) Reload(ctx context.Context, key reportKey, old *builtReport) (*builtReport, error) {
	b, err := l.Load(ctx, key)
	if err != nil {
		return nil, err
	}
	old.mu.Lock()
	var kinds []string
	for kind := range old.made {
		kinds = append(kinds, kind)
	}
	old.mu.Unlock()
	for _, kind := range kinds {
		if _, err := b.file(ctx, l.s, kind, makers[kind]); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// builtReportOf returns the built report of key: from the cache when there is one, else built now, once for all
// who ask at the same time.
func (s *Service) builtReportOf(ctx context.Context, key reportKey, build func(context.Context) (Report, error)) (*builtReport, error) {
	if s.reports == nil {
		r, err := build(ctx)
		if err != nil {
			return nil, err
		}
		return newBuiltReport(r), nil
	}
	return s.reports.built.Get(ctx, key, reportLoader{s: s, build: build})
}

// forgetReports drops the programme's cached reports (after a submission).
func (s *Service) forgetReports(programmeID uuid.UUID) {
	if s.reports == nil {
		return
	}
	for k := range s.reports.built.Keys() {
		if k.programme == programmeID {
			s.reports.built.Invalidate(k)
		}
	}
}
