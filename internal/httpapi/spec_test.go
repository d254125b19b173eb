package httpapi_test

import (
	"bytes"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/pb33f/libopenapi"

	"github.com/vgs/leergang/api"
	"github.com/vgs/leergang/internal/testapp"
)

// specOperations lists "METHOD /full/path" for every operation in api/openapi.yaml.
func specOperations(t *testing.T) map[string]bool {
	t.Helper()
	doc, err := libopenapi.NewDocument(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	model, err := doc.BuildV3Model()
	if err != nil {
		t.Fatalf("api/openapi.yaml: %v", err)
	}
	ops := map[string]bool{}
	for path, item := range model.Model.Paths.PathItems.FromOldest() {
		base := "/api/v1"
		if len(item.Servers) > 0 {
			base = strings.TrimRight(item.Servers[0].URL, "/")
		}
		for method := range item.GetOperations().FromOldest() {
			ops[strings.ToUpper(method)+" "+base+path] = true
		}
	}
	return ops
}

// serverOperations lists the routes the server registered, in the spec's path syntax.
func serverOperations(e *echo.Echo) map[string]bool {
	ops := map[string]bool{}
	for _, r := range e.Routes() {
		if !strings.HasPrefix(r.Path, "/api/v1/") && r.Path != "/healthz" && r.Path != "/readyz" {
			continue // the SPA
		}
		if strings.HasSuffix(r.Path, "/*") || r.Method == echo.RouteNotFound {
			continue // the catch-all that answers 404 for unknown API paths
		}
		parts := strings.Split(r.Path, "/")
		for i, p := range parts {
			if strings.HasPrefix(p, ":") {
				parts[i] = "{" + p[1:] + "}"
			}
		}
		ops[r.Method+" "+strings.Join(parts, "/")] = true
	}
	return ops
}

func TestEveryRouteIsInTheSpecAndEverySpecOperationIsserved(t *testing.T) {
	a := testapp.New(t)
	spec, served := specOperations(t), serverOperations(a.Echo.(*echo.Echo))
	var missing, unserved []string
	for op := range served {
		if !spec[op] {
			missing = append(missing, op)
		}
	}
	for op := range spec {
		if !served[op] {
			unserved = append(unserved, op)
		}
	}
	sort.Strings(missing)
	sort.Strings(unserved)
	if len(missing) > 0 {
		t.Errorf("routes missing from api/openapi.yaml:\n  %s", strings.Join(missing, "\n  "))
	}
	if len(unserved) > 0 {
		t.Errorf("operations in api/openapi.yaml that the server does not serve:\n  %s", strings.Join(unserved, "\n  "))
	}
	if len(served) < 8 {
		t.Fatalf("found only %d routes; the route listing is broken", len(served))
	}
}

func TestSpecIsValidOpenAPI31(t *testing.T) {
	ok, errs := testapp.Spec(t).ValidateDocument()
	if !ok {
		for _, e := range errs {
			t.Errorf("%s: %s", e.Message, e.Reason)
		}
	}
}

// recorder catches the errors CheckAgainstSpec reports, to prove it reports them.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}

func TestSpecCheckCatchesResponsesTheSpecDoesNotDescribe(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "http://x/api/v1/me", nil)
	mk := func(status int, ctype, body string) *testapp.Response {
		return &testapp.Response{Response: &http.Response{StatusCode: status, Request: req,
			Header: http.Header{"Content-Type": {ctype}}, Body: io.NopCloser(bytes.NewReader([]byte(body)))},
			Body: []byte(body)}
	}
	good := `{"id":"6f1c8a4e-8a63-4c5e-9d3e-2b1f0c9a7e11","email":"a@b.nl","name":"A","isAdmin":false,"locale":"nl","grants":[]}`
	cases := map[string]*testapp.Response{
		"missing field":     mk(200, "application/json", `{"id":"6f1c8a4e-8a63-4c5e-9d3e-2b1f0c9a7e11"}`),
		"wrong type":        mk(200, "application/json", strings.Replace(good, `"isAdmin":false`, `"isAdmin":"no"`, 1)),
		"undocumented code": mk(418, "application/problem+json", `{"type":"about:blank","title":"x","status":418}`),
	}
	for name, resp := range cases {
		r := &recorder{TB: t}
		testapp.CheckAgainstSpec(r, req, resp)
		if !r.failed {
			t.Errorf("%s: the spec check let a wrong response through", name)
		}
	}
	r := &recorder{TB: t}
	testapp.CheckAgainstSpec(r, req, mk(200, "application/json", good))
	if r.failed {
		t.Error("the spec check rejected a correct response")
	}
}
