package httpio_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
)

// A request body of the shape most writes take: strings, numbers, booleans, lists, nested objects, nulls.
type sample struct {
	Title    *string          `json:"title"`
	Count    int              `json:"count"`
	Done     *bool            `json:"done"`
	Keys     []string         `json:"keys"`
	Nested   *struct{ A int } `json:"nested"`
	Optional *[]int           `json:"optional"`
}

// FuzzDecodeJSON: whatever a client sends, decoding ends in a value or in one of our 4xx errors, never a panic
// or an error that would become a 500.
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{
		`{"title":"Regie","count":3,"done":true,"keys":["a"],"nested":{"A":1},"optional":null}`,
		`{}`, `[]`, `null`, `"x"`, `{"title":1}`, `{"unknown":1}`, `{"count":1e400}`, `{"title":"\ud800"}`,
		`{"a":` + strings.Repeat(`[`, 5000), `{"title":"a"}{"title":"b"}`, "\xff\xfe{}", ``,
	} {
		f.Add([]byte(seed), "application/json")
	}
	f.Add([]byte(`{}`), "text/plain")
	f.Add([]byte(`{}`), "application/problem+json; charset=utf-8")
	e := echo.New()
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(body)))
		req.Header.Set(echo.HeaderContentType, contentType)
		c := e.NewContext(req, httptest.NewRecorder())
		var dst sample
		err := httpio.DecodeJSON(c, &dst)
		if err == nil {
			return
		}
		switch code := apperror.CodeOf(err); code {
		case apperror.BadRequest, apperror.Invalid, apperror.UnsupportedMediaType, apperror.TooLarge:
		default:
			t.Fatalf("body %q (%s): error code %s, want a 4xx: %v", body, contentType, code, err)
		}
	})
}
