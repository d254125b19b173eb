package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/identity"
	"github.com/vgs/leergang/internal/testapp"
)

const refreshCookie = "leergang_refresh"

func TestLoginReturnsAccessTokenAndHardenedRefreshCookie(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	a.User(t, "nico@kampen.example", "Nico Middelbos", false)

	resp := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
		Body: map[string]string{"email": "Nico@Kampen.example ", "password": testapp.Password}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, resp.Body)
	}
	var body struct {
		AccessToken string `json:"accessToken"`
		TokenType   string `json:"tokenType"`
		ExpiresIn   int    `json:"expiresIn"`
		User        struct {
			Email string `json:"email"`
			Name  string `json:"name"`
		} `json:"user"`
	}
	resp.JSON(t, &body)
	if body.TokenType != "Bearer" || body.ExpiresIn != 600 || body.User.Name != "Nico Middelbos" {
		t.Fatalf("unexpected body %+v", body)
	}
	c := resp.Cookie(refreshCookie)
	if c == nil || c.Value == "" {
		t.Fatalf("no refresh cookie in %v", resp.Header.Values("Set-Cookie"))
	}
	if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" {
		t.Fatalf("refresh cookie not hardened: %+v", c)
	}
	if strings.Contains(body.AccessToken, c.Value) {
		t.Fatal("refresh token leaked into the body")
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Fatalf("Cache-Control %q, want no-store", cc)
	}
	// The token works.
	me := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: body.AccessToken})
	if me.StatusCode != http.StatusOK {
		t.Fatalf("/me with fresh token: %d %s", me.StatusCode, me.Body)
	}
}

func TestSecureCookieUsesHostPrefix(t *testing.T) {
	h := identity.NewHandlers(nil, true)
	if got := h.RefreshCookieName(); got != "__Host-leergang_refresh" {
		t.Fatalf("secure cookie name %q, want the __Host- prefix", got)
	}
}

func TestWrongPasswordAndUnknownEmailAreRejectedAlike(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	a.User(t, "nico@kampen.example", "Nico", false)
	a.Exec(t, `INSERT INTO users (email, name) VALUES ('invited@kampen.example', 'Invited, no password yet')`)

	var titles []string
	for _, in := range []map[string]string{
		{"email": "nico@kampen.example", "password": "wrong password"},
		{"email": "nobody@kampen.example", "password": testapp.Password},
		{"email": "invited@kampen.example", "password": testapp.Password},
	} {
		resp := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/login", Body: in})
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("%s: status %d, want 401", in["email"], resp.StatusCode)
		}
		p := resp.Problem(t)
		if p.Status != 401 || p.Code != "unauthenticated" {
			t.Fatalf("%s: problem %+v", in["email"], p)
		}
		if resp.Cookie(refreshCookie) != nil {
			t.Fatalf("%s: a failed login set a cookie", in["email"])
		}
		titles = append(titles, p.Title+p.Detail)
	}
	if titles[0] != titles[1] || titles[1] != titles[2] {
		t.Fatalf("responses differ and reveal who has an account: %q", titles)
	}
}

func TestLoginValidationErrorsNameEachField(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	resp := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
		Body: map[string]string{"email": "geen-adres", "password": ""}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422: %s", resp.StatusCode, resp.Body)
	}
	p := resp.Problem(t)
	got := map[string]string{}
	for _, e := range p.Errors {
		got[e.Field] = e.Code
		if e.Message == "" {
			t.Errorf("field %s has no message", e.Field)
		}
	}
	if got["email"] != "invalid" || got["password"] != "required" {
		t.Fatalf("field errors %v, want email=invalid and password=required", got)
	}
}

func TestMalformedLoginRequestsGetClearProblems(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	cases := []struct {
		name   string
		body   string
		ctype  string
		status int
		field  string
	}{
		{"not json", `{"email":`, "application/json", 400, ""},
		{"wrong content type", `email=a@b.nl`, "application/x-www-form-urlencoded", 415, ""},
		{"wrong type", `{"email": 12, "password": "x"}`, "application/json", 422, "email"},
		{"unknown field", `{"email": "a@b.nl", "password": "x", "admin": true}`, "application/json", 422, "admin"},
		{"two values", `{"email": "a@b.nl", "password": "x"} {}`, "application/json", 400, ""},
		{"invalid utf-8", "{\"email\": \"\xff\", \"password\": \"x\"}", "application/json", 400, ""},
		{"array", `[]`, "application/json", 400, ""},
		{"empty", ``, "application/json", 400, ""},
		{"huge", `{"email": "` + strings.Repeat("a", 2<<20) + `", "password": "x"}`, "application/json", 413, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/login", Body: tc.body,
				Headers: map[string]string{"Content-Type": tc.ctype}})
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, resp.Body)
			}
			p := resp.Problem(t)
			if tc.field != "" && (len(p.Errors) != 1 || p.Errors[0].Field != tc.field) {
				t.Fatalf("errors %+v, want one for field %s", p.Errors, tc.field)
			}
		})
	}
}

func TestForgedAndExpiredAccessTokensAreRejected(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	userID := a.User(t, "nico@kampen.example", "Nico", false)
	now := time.Now()
	// A real login session, so that each token below is refused for its own flaw and not for naming no session.
	a.Login(t, "nico@kampen.example")
	var session uuid.UUID
	if err := a.DB.Raw("SELECT family_id FROM refresh_tokens WHERE user_id = ?", userID).Row().Scan(&session); err != nil {
		t.Fatal(err)
	}

	valid := func() *identity.AccessClaims {
		return &identity.AccessClaims{SessionID: session.String(), RegisteredClaims: jwt.RegisteredClaims{
			Issuer: identity.Issuer, Audience: jwt.ClaimStrings{identity.Audience}, Subject: userID.String(),
			IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(time.Minute))}}
	}
	sign := func(method jwt.SigningMethod, claims jwt.Claims, key any, kid string) string {
		tok := jwt.NewWithClaims(method, claims)
		if kid != "" {
			tok.Header["kid"] = kid
		}
		s, err := tok.SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	var kid string
	var secret []byte
	if err := a.DB.Raw("SELECT kid FROM signing_keys LIMIT 1").Scan(&kid).Error; err != nil {
		t.Fatal(err)
	}
	if err := a.DB.Raw("SELECT secret FROM signing_keys WHERE kid = ?", kid).Row().Scan(&secret); err != nil {
		t.Fatal(err)
	}
	expired, err := a.Keys.Sign(userID, session, 10*time.Minute, now.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	// Another person's login session does not carry this person's token either.
	sanne := a.User(t, "sanne@gouda.example", "Sanne", false)
	a.Login(t, "sanne@gouda.example")
	var sannes string
	if err := a.DB.Raw("SELECT family_id::text FROM refresh_tokens WHERE user_id = ?", sanne).Row().Scan(&sannes); err != nil {
		t.Fatal(err)
	}
	wrongAud, wrongIss, noExp, noSession, otherSession, sannesSession := valid(), valid(), valid(), valid(), valid(), valid()
	sannesSession.SessionID = sannes
	wrongAud.Audience = jwt.ClaimStrings{"another-service"}
	wrongIss.Issuer = "someone-else"
	noExp.ExpiresAt = nil
	noSession.SessionID = ""
	otherSession.SessionID = uuid.NewString()

	tokens := map[string]string{
		"expired":                 expired,
		"signed with another key": sign(jwt.SigningMethodHS256, valid(), []byte(strings.Repeat("k", 32)), kid),
		"alg none":                sign(jwt.SigningMethodNone, valid(), jwt.UnsafeAllowNoneSignatureType, kid),
		"HS512 with our key":      sign(jwt.SigningMethodHS512, valid(), secret, kid),
		"unknown kid":             sign(jwt.SigningMethodHS256, valid(), secret, "no-such-key-id"),
		"wrong audience":          sign(jwt.SigningMethodHS256, wrongAud, secret, kid),
		"wrong issuer":            sign(jwt.SigningMethodHS256, wrongIss, secret, kid),
		"no expiry":               sign(jwt.SigningMethodHS256, noExp, secret, kid),
		"no login session":        sign(jwt.SigningMethodHS256, noSession, secret, kid),
		"made-up login session":   sign(jwt.SigningMethodHS256, otherSession, secret, kid),
		"another's login session": sign(jwt.SigningMethodHS256, sannesSession, secret, kid),
		"garbage":                 "not.a.jwt",
	}
	// Sanity: our own correctly made token passes, so the rejections below are about the flaw alone.
	if resp := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/me",
		Token: sign(jwt.SigningMethodHS256, valid(), secret, kid)}); resp.StatusCode != http.StatusOK {
		t.Fatalf("a correct token was rejected: %d %s", resp.StatusCode, resp.Body)
	}
	for name, tok := range tokens {
		t.Run(name, func(t *testing.T) {
			resp := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: tok})
			if resp.StatusCode != http.StatusUnauthorized {
				t.Fatalf("status %d, want 401", resp.StatusCode)
			}
			if p := resp.Problem(t); p.Code != "unauthenticated" {
				t.Fatalf("problem %+v", p)
			}
			if resp.Header.Get("WWW-Authenticate") == "" {
				t.Fatal("401 without WWW-Authenticate")
			}
		})
	}
	t.Run("no token", func(t *testing.T) {
		resp := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/me"})
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("status %d, want 401", resp.StatusCode)
		}
		resp.Problem(t)
	})
}

func TestRefreshRotatesAndReuseRevokesTheWholeLogin(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	a.User(t, "nico@kampen.example", "Nico", false)
	_, first := a.Login(t, "nico@kampen.example")

	refresh := func(c *http.Cookie) *testapp.Response {
		return a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Cookies: []*http.Cookie{c}})
	}
	r1 := refresh(first)
	if r1.StatusCode != http.StatusOK {
		t.Fatalf("first refresh: %d %s", r1.StatusCode, r1.Body)
	}
	second := r1.Cookie(refreshCookie)
	if second == nil || second.Value == first.Value {
		t.Fatal("refresh did not rotate the token")
	}
	// The old token once more, at once and before the new one was used: the answer to the first refresh was
	// lost (the page was closed mid-request). The browser gets a new token instead of being signed out.
	retry := refresh(first)
	if retry.StatusCode != http.StatusOK {
		t.Fatalf("retried refresh whose answer was lost: %d %s", retry.StatusCode, retry.Body)
	}
	third := retry.Cookie(refreshCookie)
	if third == nil || third.Value == second.Value || third.Value == first.Value {
		t.Fatal("the retried refresh did not issue a token of its own")
	}
	r3 := refresh(third)
	if r3.StatusCode != http.StatusOK {
		t.Fatalf("refresh with the retried refresh's token: %d", r3.StatusCode)
	}
	fourth := r3.Cookie(refreshCookie)
	// Now the browser has moved on: the old token again is a replay. It is refused, and so is every newer token
	// of the same login.
	replay := refresh(first)
	if replay.StatusCode != http.StatusUnauthorized {
		t.Fatalf("replayed refresh token: %d, want 401", replay.StatusCode)
	}
	replay.Problem(t)
	if c := replay.Cookie(refreshCookie); c == nil || c.MaxAge >= 0 {
		t.Fatal("a refused refresh should clear the cookie")
	}
	for _, c := range []*http.Cookie{second, fourth} {
		if r := refresh(c); r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("token after reuse detection: %d, want 401 (family revoked)", r.StatusCode)
		}
	}
	// A used token presented after the retry window is a replay even when nothing newer was used.
	_, late := a.Login(t, "nico@kampen.example")
	lateNext := refresh(late)
	if lateNext.StatusCode != http.StatusOK {
		t.Fatalf("refresh: %d", lateNext.StatusCode)
	}
	a.Exec(t, `UPDATE refresh_tokens SET used_at = used_at - interval '1 minute' WHERE used_at IS NOT NULL AND revoked_at IS NULL`)
	if r := refresh(late); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("used token after the retry window: %d, want 401", r.StatusCode)
	}
	if r := refresh(lateNext.Cookie(refreshCookie)); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("token after late reuse detection: %d, want 401 (family revoked)", r.StatusCode)
	}
	// Another login of the same person is untouched.
	_, other := a.Login(t, "nico@kampen.example")
	if r := refresh(other); r.StatusCode != http.StatusOK {
		t.Fatalf("independent login was revoked too: %d", r.StatusCode)
	}
}

func TestRefreshRejectsMissingExpiredAndUnknownTokens(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	a.User(t, "nico@kampen.example", "Nico", false)
	_, c := a.Login(t, "nico@kampen.example")
	a.Exec(t, `UPDATE refresh_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second'`)
	for name, cookies := range map[string][]*http.Cookie{
		"missing": nil,
		"expired": {c},
		"unknown": {{Name: refreshCookie, Value: "made-up"}},
	} {
		resp := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Cookies: cookies})
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("%s: status %d, want 401", name, resp.StatusCode)
		}
		resp.Problem(t)
	}
}

func TestLogoutEndsTheLogin(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	a.User(t, "nico@kampen.example", "Nico", false)
	_, c := a.Login(t, "nico@kampen.example")
	resp := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/logout", Cookies: []*http.Cookie{c}})
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	if cleared := resp.Cookie(refreshCookie); cleared == nil || cleared.MaxAge >= 0 {
		t.Fatal("logout did not clear the cookie")
	}
	if r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh",
		Cookies: []*http.Cookie{c}}); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("refresh after logout: %d, want 401", r.StatusCode)
	}
}

func TestCookieEndpointsRefuseOtherOrigins(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	a.User(t, "nico@kampen.example", "Nico", false)
	_, c := a.Login(t, "nico@kampen.example")
	for _, path := range []string{"/api/v1/auth/refresh", "/api/v1/auth/logout"} {
		resp := a.Do(t, testapp.Request{Method: http.MethodPost, Path: path, Cookies: []*http.Cookie{c},
			Headers: map[string]string{"Origin": "https://evil.example"}})
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("%s from another origin: %d, want 403", path, resp.StatusCode)
		}
		resp.Problem(t)
	}
	ok := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Cookies: []*http.Cookie{c},
		Headers: map[string]string{"Origin": "http://leergang.test"}})
	if ok.StatusCode != http.StatusOK {
		t.Fatalf("refresh from our own origin: %d %s", ok.StatusCode, ok.Body)
	}
}

func TestErasedUserCannotLogInOrUseTokens(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	id := a.User(t, "nico@kampen.example", "Nico", false)
	tok, c := a.Login(t, "nico@kampen.example")
	a.Exec(t, `UPDATE users SET erased_at = now() WHERE id = ?`, id)
	if r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: tok}); r.StatusCode != 401 {
		t.Fatalf("/me of erased user: %d", r.StatusCode)
	}
	if r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh",
		Cookies: []*http.Cookie{c}}); r.StatusCode != 401 {
		t.Fatalf("refresh of erased user: %d", r.StatusCode)
	}
	if r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
		Body: map[string]string{"email": "nico@kampen.example", "password": testapp.Password}}); r.StatusCode != 401 {
		t.Fatalf("login of erased user: %d", r.StatusCode)
	}
}
