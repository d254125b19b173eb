// Package load drives a running Leergang server over HTTP the way its users do: virtual clients, each one
// account of one role, log in and then send their role's mix of requests for a fixed time, without pause (to
// find the capacity) or with a think time between an answer and the next request (as people use the app). It
// measures per request name the count, errors, throughput, latency percentiles and the statements the server
// ran (its Server-Timing header), and samples the server's memory.
package load

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Config says where the server is and whom the clients log in as.
type Config struct {
	// URL is the server's address, e.g. http://127.0.0.1:8123.
	URL string
	// Origin is the server's LEERGANG_BASE_URL: its login and refresh accept only requests from that origin.
	// Empty: URL.
	Origin   string
	Accounts Accounts
	Password string
	// Clients is how many virtual clients to log in: the largest concurrency level to run.
	Clients int
	// Shares are the proportions of the roles among the clients; nil: DefaultShares.
	Shares Shares
	// Seed makes the order of each client's requests reproducible.
	Seed uint64
}

// loginParallelism bounds the logins while a pool starts: every login hashes a password with argon2id (19 MiB,
// on purpose slow), and a burst of 64 would measure the hash, and the server's memory during it, not the app.
const loginParallelism = 2

// Pool is a set of logged-in clients; each run uses the first n of them.
type Pool struct {
	clients []*Client
	seed    uint64
}

// NewPool logs in cfg.Clients clients and lets each find its data. Accounts are used round-robin within their
// role, so with fewer accounts than clients some people are logged in more than once (in several tabs).
func NewPool(ctx context.Context, cfg Config) (*Pool, error) {
	if cfg.Clients < 1 {
		return nil, errors.New("load: no clients")
	}
	shares := cfg.Shares
	if shares == nil {
		shares = DefaultShares
	}
	roles, err := assignRoles(cfg.Clients, shares)
	if err != nil {
		return nil, err
	}
	transport := newTransport(cfg.Clients)
	p := &Pool{seed: cfg.Seed}
	perRole := map[Role]int{}
	for i, role := range roles {
		accounts := cfg.Accounts[role]
		if len(accounts) == 0 {
			return nil, fmt.Errorf("load: no %s accounts for the clients of that role", role)
		}
		p.clients = append(p.clients, newClient(cfg, role, accounts[perRole[role]%len(accounts)], i, transport))
		perRole[role]++
	}
	terms := searchTerms(cfg.Accounts[Participant], 20)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		slots    = make(chan struct{}, loginParallelism)
	)
	for _, c := range p.clients {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			if err := c.start(ctx, terms); err != nil {
				mu.Lock()
				firstErr = cmp.Or(firstErr, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	partition(p.clients)
	return p, nil
}

func newTransport(clients int) *http.Transport {
	return &http.Transport{MaxIdleConns: clients * 2, MaxIdleConnsPerHost: clients * 2, IdleConnTimeout: 90 * time.Second}
}

// newClient is the i-th client of a pool, not logged in yet.
func newClient(cfg Config, role Role, email string, i int, transport *http.Transport) *Client {
	origin := cfg.Origin
	if origin == "" {
		origin = cfg.URL
	}
	return &Client{role: role, email: email, password: cfg.Password, addr: clientAddress(i), origin: origin,
		http: &http.Client{Transport: transport, Timeout: time.Minute}, rec: newRecorder(),
		base: cfg.URL, authBase: cfg.URL, sent: map[string]time.Time{}}
}

// start logs the client in and lets it find its data.
func (c *Client) start(ctx context.Context, searchTerms []string) error {
	m, err := c.login(ctx)
	if err != nil {
		return fmt.Errorf("load: log in %s as %s: %w %v", c.role, c.email, err, c.rec.samples)
	}
	if err := c.discover(ctx, m, searchTerms); err != nil {
		return fmt.Errorf("%w %v", err, c.rec.samples)
	}
	return nil
}

// clientAddress is the i-th client's own address in 10.0.0.0/8, sent as X-Forwarded-For: the server's limits
// per client address then see many people, as behind a real load balancer, instead of one.
func clientAddress(i int) string {
	n := i + 1
	return fmt.Sprintf("10.%d.%d.%d", n>>16&0xff, n>>8&0xff, n&0xff)
}

// searchTerms are what an admin types to find someone: the first part of participants' addresses (a first name).
func searchTerms(emails []string, n int) []string {
	var out []string
	for _, e := range emails {
		first, _, _ := strings.Cut(e, "@")
		first, _, _ = strings.Cut(first, ".")
		if len(first) >= 2 && !slices.Contains(out, first) {
			out = append(out, first)
			if len(out) == n {
				break
			}
		}
	}
	return out
}

// RunOptions say what one run does.
type RunOptions struct {
	// Clients is how many of the pool's clients take part (the first ones).
	Clients  int
	Duration time.Duration
	// Target sends the requests (not logins) elsewhere, e.g. to the baseline server; empty: the pool's server.
	Target string
	// Only limits the mix to these request names (e.g. BaselineRequests); empty: each role's whole mix.
	Only []string
	// Think is the mean pause of each client after an answer before its next request, and before its first;
	// zero: no pause, which measures the server at saturation.
	Think time.Duration
}

// maxThinkFactor caps a drawn think time at this many times the mean: the exponential distribution's long tail
// would otherwise now and then park a client for most of a run.
const maxThinkFactor = 10

// thinkTime draws a pause from the exponential distribution with the given mean, capped at maxThinkFactor
// times the mean. Exponential pauses make the requests of many clients arrive as a Poisson stream, as those of
// independent people do.
func thinkTime(rng *rand.Rand, mean time.Duration) time.Duration {
	if mean <= 0 {
		return 0
	}
	return time.Duration(min(rng.ExpFloat64(), maxThinkFactor) * float64(mean))
}

// Result is what one run measured.
type Result struct {
	Clients   int            `json:"clients"`
	Think     time.Duration  `json:"thinkNs"`
	Duration  time.Duration  `json:"durationNs"`
	Requests  []RequestStats `json:"requests"`
	Total     int            `json:"total"`
	Errors    int            `json:"errors"`
	PerSecond float64        `json:"perSecond"`
	Samples   []ErrorSample  `json:"errorSamples"`

	recs []*recorder // the raw measurements, for Combine
}

// Request returns the figures of one request name, if the run made any.
func (r Result) Request(name string) (RequestStats, bool) {
	for _, s := range r.Requests {
		if s.Name == name {
			return s, true
		}
	}
	return RequestStats{}, false
}

// Run lets the first o.Clients clients send their mix for o.Duration and returns what it measured.
func (p *Pool) Run(ctx context.Context, o RunOptions) (Result, error) {
	if o.Clients < 1 || o.Clients > len(p.clients) {
		return Result{}, fmt.Errorf("load: %d clients asked, the pool has %d", o.Clients, len(p.clients))
	}
	clients := p.clients[:o.Clients]
	plans := make([][]action, len(clients))
	for i, c := range clients {
		for _, a := range mixes[c.role] {
			if len(o.Only) == 0 || slices.Contains(o.Only, a.name) {
				plans[i] = append(plans[i], a)
			}
		}
		if len(plans[i]) == 0 {
			return Result{}, fmt.Errorf("load: a %s sends none of %v", c.role, o.Only)
		}
		c.base = c.authBase
		if o.Target != "" {
			c.base = o.Target
		}
		c.rec.reset()
	}

	// At the deadline no client starts another request, but those under way finish and count: a write cut
	// off on the client's side may still be saved by the server, and the client would then not know the
	// version its next change must be based on. Only a fault of the load generator cancels them.
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	start := time.Now()
	deadline := start.Add(o.Duration)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	for i, c := range clients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(p.seed, uint64(i)))
			if err := c.loop(runCtx, deadline, rng, plans[i], o.Think); err != nil {
				mu.Lock()
				firstErr = cmp.Or(firstErr, err)
				mu.Unlock()
				cancel()
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if firstErr != nil {
		return Result{}, firstErr
	}
	if ctx.Err() != nil {
		return Result{}, ctx.Err()
	}

	recs := make([]*recorder, len(clients))
	for i, c := range clients {
		// The next run's reset gives the client new maps, so this run's stay as they are.
		recs[i] = &recorder{series: c.rec.series, samples: c.rec.samples}
	}
	return result(o.Clients, o.Think, elapsed, recs), nil
}

// Combine is one Result of several runs of the same clients and requests, such as the slices of an interleaved
// comparison: all their requests over their durations added up.
func Combine(parts ...Result) Result {
	if len(parts) == 0 {
		return Result{}
	}
	var (
		elapsed time.Duration
		recs    []*recorder
	)
	for _, r := range parts {
		elapsed += r.Duration
		recs = append(recs, r.recs...)
	}
	return result(parts[0].Clients, parts[0].Think, elapsed, recs)
}

func result(clients int, think, elapsed time.Duration, recs []*recorder) Result {
	res := Result{Clients: clients, Think: think, Duration: elapsed, recs: recs}
	res.Requests, res.Samples = summarize(recs, elapsed)
	for _, s := range res.Requests {
		res.Total += s.Count
		res.Errors += s.Errors
	}
	if elapsed > 0 {
		res.PerSecond = float64(res.Total) / elapsed.Seconds()
	}
	return res
}

// loop sends requests until the deadline, pausing a think time drawn from rng before each one. A request the
// server answers wrongly is counted and the loop goes on; only a fault of the load generator itself (or ctx
// ending) stops the run.
func (c *Client) loop(ctx context.Context, deadline time.Time, rng *rand.Rand, plan []action, think time.Duration) error {
	for ctx.Err() == nil && time.Now().Before(deadline) {
		// Pausing before the first request too spreads the clients' starts: the exponential distribution has no
		// memory, so the run begins in its steady state instead of with every client's request at once.
		if !pause(ctx, thinkTime(rng, think), deadline) {
			return nil
		}
		var err error
		if time.Now().After(c.tokenTill) {
			err = c.refresh(ctx)
		} else {
			err = pick(rng, c, plan).run(ctx, c)
		}
		if err != nil && !errors.Is(err, errStatus) && ctx.Err() == nil {
			return err
		}
	}
	return nil
}

// pause waits d, or until the deadline when that comes first (the client's pause then fills the run to its
// end, so the run's duration and throughput stay those of the whole stretch); false when the deadline came
// first or ctx ended: no further request starts.
func pause(ctx context.Context, d time.Duration, deadline time.Time) bool {
	if d <= 0 {
		return true
	}
	wait := min(d, time.Until(deadline))
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return wait == d
	}
}

// Repeat sends the request name of the pool's mix n times, one after another, from the first client whose
// mix has it, and returns its figures and its first errors: a request measured on its own, without load.
func (p *Pool) Repeat(ctx context.Context, name string, n int) (RequestStats, []ErrorSample, error) {
	for _, c := range p.clients {
		for _, a := range mixes[c.role] {
			if a.name == name && (a.ready == nil || a.ready(c)) {
				c.base = c.authBase
				return c.repeat(ctx, n, func() error { return a.run(ctx, c) }, name)
			}
		}
	}
	return RequestStats{}, nil, fmt.Errorf("load: no client of the pool sends %s", name)
}

// RepeatGet logs in as email and reads path n times, one request after another; name is what the figures
// are called. For a request outside any pool's reach, such as the report of one particular programme.
func RepeatGet(ctx context.Context, cfg Config, email, name, path string, n int) (RequestStats, []ErrorSample, error) {
	c := newClient(cfg, Reviewer, email, 0, newTransport(1))
	if _, err := c.login(ctx); err != nil {
		return RequestStats{}, nil, fmt.Errorf("load: log in %s: %w %v", email, err, c.rec.samples)
	}
	return c.repeat(ctx, n, func() error {
		_, err := c.do(ctx, getRequest(name, path), nil)
		return err
	}, name)
}

func (c *Client) repeat(ctx context.Context, n int, send func() error, name string) (RequestStats, []ErrorSample, error) {
	c.rec.reset()
	start := time.Now()
	for range n {
		err := send()
		if time.Now().After(c.tokenTill) {
			err = errors.Join(err, c.refresh(ctx))
		}
		if err != nil && !errors.Is(err, errStatus) {
			return RequestStats{}, nil, err
		}
	}
	stats, samples := summarize([]*recorder{c.rec}, time.Since(start))
	for _, s := range stats {
		if s.Name == name {
			return s, samples, nil
		}
	}
	return RequestStats{}, nil, fmt.Errorf("load: %s was not sent", name)
}
