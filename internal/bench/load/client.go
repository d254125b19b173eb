package load

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"time"
)

// Client is one virtual user: one account, its own client address and refresh cookie, and what it found out
// about its data after logging in.
type Client struct {
	role     Role
	email    string
	password string
	addr     string // sent as X-Forwarded-For
	origin   string
	http     *http.Client
	rec      *recorder

	// base is where requests go: the product, or (for the baseline comparison) the hand-written server.
	base     string
	authBase string // always the product: only it logs in

	token     string
	tokenTill time.Time
	userID    string
	sent      map[string]time.Time // when the mix last chose each paced action (action.every)

	state roleState
}

// request is one API call of the mix.
type request struct {
	name   string // what the report calls it, e.g. "GET /cohorts/{id}"
	method string
	path   string // under /api/v1, with the query
	body   any
	header map[string]string
	expect int
	auth   bool // the auth group: goes to the product, sends Origin and the cookie, no bearer token
}

// errStatus is a request that did not get its expected status; it is counted and sampled already.
var errStatus = errors.New("unexpected status")

// maxSampleBody is how much of a failed answer the report keeps.
const maxSampleBody = 300

// do sends r, records its latency and statement count, and decodes a JSON answer into out (when not nil).
// Only the round trip is timed: encoding the body before and decoding the answer after are the client's work.
func (c *Client) do(ctx context.Context, r request, out any) (http.Header, error) {
	base := c.base
	if r.auth {
		base = c.authBase
	}
	var body io.Reader
	if r.body != nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			return nil, fmt.Errorf("load: encode %s: %w", r.name, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, base+"/api/v1"+r.path, body)
	if err != nil {
		return nil, fmt.Errorf("load: %s: %w", r.name, err)
	}
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-Forwarded-For", c.addr)
	if r.auth {
		req.Header.Set("Origin", c.origin)
	} else {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range r.header {
		req.Header.Set(k, v)
	}

	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err() // the run ended while this request was under way: not the server's fault
		}
		c.rec.record(r.name, time.Since(start), -1)
		c.rec.fail(ErrorSample{Name: r.name, Body: err.Error()})
		return nil, errStatus
	}
	defer resp.Body.Close()
	var buf []byte
	if out != nil || resp.StatusCode != r.expect {
		buf, err = io.ReadAll(resp.Body)
	} else {
		_, err = io.Copy(io.Discard, resp.Body)
	}
	took := time.Since(start)
	if err != nil && ctx.Err() != nil {
		return nil, ctx.Err()
	}
	c.rec.record(r.name, took, queriesFrom(resp.Header.Get("Server-Timing")))
	if err != nil {
		c.rec.fail(ErrorSample{Name: r.name, Status: resp.StatusCode, Body: err.Error()})
		return nil, errStatus
	}
	if resp.StatusCode != r.expect {
		c.rec.fail(ErrorSample{Name: r.name, Status: resp.StatusCode, Body: truncate(string(buf), maxSampleBody)})
		return nil, errStatus
	}
	if out != nil {
		if err := json.Unmarshal(buf, out); err != nil {
			c.rec.fail(ErrorSample{Name: r.name, Status: resp.StatusCode, Body: "undecodable answer: " + err.Error()})
			return nil, errStatus
		}
	}
	return resp.Header, nil
}

func truncate(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// tokenResponse is what login and refresh answer (TokenResponse in api/openapi.yaml).
type tokenResponse struct {
	AccessToken string `json:"accessToken"`
	ExpiresIn   int    `json:"expiresIn"`
	User        me     `json:"user"`
}

type me struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	Grants []grant `json:"grants"`
}

type grant struct {
	Role        string  `json:"role"`
	ProgrammeID string  `json:"programmeId"`
	CohortID    *string `json:"cohortId"`
}

// login starts a new login session: a fresh cookie jar, as a new browser would have.
func (c *Client) login(ctx context.Context) (me, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return me{}, err
	}
	// A failed login leaves the session the client had, as it does in a browser: the old refresh cookie is
	// put back, and the client's later refreshes still work.
	kept := c.http.Jar
	c.http.Jar = jar
	var tok tokenResponse
	_, err = c.do(ctx, request{name: "POST /auth/login", method: http.MethodPost, path: "/auth/login",
		body: map[string]string{"email": c.email, "password": c.password}, expect: http.StatusOK, auth: true}, &tok)
	if err != nil {
		if kept != nil {
			c.http.Jar = kept
		}
		return me{}, err
	}
	c.useToken(tok)
	return tok.User, nil
}

// refresh exchanges the refresh cookie for a new access token, as the SPA does before the old one expires.
func (c *Client) refresh(ctx context.Context) error {
	var tok tokenResponse
	_, err := c.do(ctx, request{name: "POST /auth/refresh", method: http.MethodPost, path: "/auth/refresh",
		expect: http.StatusOK, auth: true}, &tok)
	if err != nil {
		// Try again a little later rather than with every request; meanwhile the old token is used.
		c.tokenTill = time.Now().Add(10 * time.Second)
		return err
	}
	c.useToken(tok)
	return nil
}

func (c *Client) useToken(tok tokenResponse) {
	c.token = tok.AccessToken
	c.userID = tok.User.ID
	// Refresh halfway through the token's life, so that no request of a long run meets an expired token.
	c.tokenTill = time.Now().Add(time.Duration(tok.ExpiresIn) * time.Second / 2)
}
