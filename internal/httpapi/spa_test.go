package httpapi

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"

	"github.com/labstack/echo/v4"
)

func TestSPAServesPrecompressedCopiesTheBrowserAccepts(t *testing.T) {
	t.Parallel()
	dist := fstest.MapFS{
		"index.html":              {Data: []byte("<title>Leergang</title>")},
		"assets/app-abc1.js":      {Data: []byte("console.log('plain')")},
		"assets/app-abc1.js.br":   {Data: []byte("br bytes")},
		"assets/app-abc1.js.gz":   {Data: []byte("gzip bytes")},
		"assets/only-gz-2.css":    {Data: []byte("body{}")},
		"assets/only-gz-2.css.gz": {Data: []byte("gzip css")},
		"favicon.svg":             {Data: []byte("<svg/>")},
	}
	e := echo.New()
	handler := spaHandler(dist)

	for _, tc := range []struct {
		path, acceptEncoding             string
		wantBody, wantEncoding, wantType string
		wantVary                         bool
	}{
		{"/assets/app-abc1.js", "gzip, deflate, br, zstd", "br bytes", "br", "application/javascript", true},
		{"/assets/app-abc1.js", "gzip", "gzip bytes", "gzip", "application/javascript", true},
		{"/assets/app-abc1.js", "", "console.log('plain')", "", "application/javascript", true},
		{"/assets/only-gz-2.css", "br, gzip", "gzip css", "gzip", "text/css; charset=utf-8", true},
		{"/favicon.svg", "br, gzip", "<svg/>", "", "image/svg+xml", true},
	} {
		req := httptest.NewRequest(http.MethodGet, tc.path, nil)
		if tc.acceptEncoding != "" {
			req.Header.Set(echo.HeaderAcceptEncoding, tc.acceptEncoding)
		}
		rec := httptest.NewRecorder()
		if err := handler(e.NewContext(req, rec)); err != nil {
			t.Fatalf("%s (%q): %v", tc.path, tc.acceptEncoding, err)
		}
		h := rec.Header()
		if rec.Code != http.StatusOK || rec.Body.String() != tc.wantBody {
			t.Errorf("%s (%q): %d %q, want %q", tc.path, tc.acceptEncoding, rec.Code, rec.Body, tc.wantBody)
		}
		if got := h.Get(echo.HeaderContentEncoding); got != tc.wantEncoding {
			t.Errorf("%s (%q): Content-Encoding %q, want %q", tc.path, tc.acceptEncoding, got, tc.wantEncoding)
		}
		if got := h.Get(echo.HeaderContentType); got != tc.wantType {
			t.Errorf("%s (%q): Content-Type %q, want %q", tc.path, tc.acceptEncoding, got, tc.wantType)
		}
		if got := h.Get(echo.HeaderVary) == echo.HeaderAcceptEncoding; got != tc.wantVary {
			t.Errorf("%s (%q): Vary %q, want Accept-Encoding: %v", tc.path, tc.acceptEncoding, h.Get(echo.HeaderVary), tc.wantVary)
		}
	}

	// A compressed asset keeps the year-long caching of hashed assets.
	req := httptest.NewRequest(http.MethodGet, "/assets/app-abc1.js", nil)
	req.Header.Set(echo.HeaderAcceptEncoding, "br")
	rec := httptest.NewRecorder()
	if err := handler(e.NewContext(req, rec)); err != nil {
		t.Fatal(err)
	}
	if cc := rec.Header().Get(echo.HeaderCacheControl); cc != "public, max-age=31536000, immutable" {
		t.Errorf("compressed asset: Cache-Control %q", cc)
	}
}
