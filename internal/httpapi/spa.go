package httpapi

import (
	"errors"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/vearutop/statigz"
	"github.com/vearutop/statigz/brotli"

	"github.com/vgs/leergang/internal/apperror"
)

// spaHandler serves the built SPA: files as they are, and index.html for every other path so that client-side
// routes survive a reload. Hashed assets are cached for a year; index.html is revalidated every time so a new
// release is picked up at once. The build writes name.br and name.gz beside each compressible file; statigz
// sends the smallest copy the browser accepts (with Vary and an ETag), so compression costs no CPU per request.
func spaHandler(dist fs.FS) echo.HandlerFunc {
	files := statigz.FileServer(dist.(fs.ReadDirFS), brotli.AddEncoding)
	return func(c echo.Context) error {
		p := strings.TrimPrefix(path.Clean("/"+c.Request().URL.Path), "/")
		if p == "" {
			return serveIndex(c, dist, "index.html")
		}
		if p == "api/docs" {
			return serveIndex(c, dist, "api/docs/index.html")
		}
		if info, err := fs.Stat(dist, p); err == nil && !info.IsDir() {
			h := c.Response().Header()
			if strings.HasPrefix(p, "assets/") {
				h.Set(echo.HeaderCacheControl, "public, max-age=31536000, immutable")
			} else {
				h.Set(echo.HeaderCacheControl, "no-cache")
			}
			files.ServeHTTP(c.Response(), c.Request())
			return nil
		}
		// A missing file with an extension is a real 404 (a stale asset), not a client-side route.
		if path.Ext(p) != "" {
			return apperror.Newf(apperror.NotFound, "Niet gevonden", "Dit bestand bestaat niet.")
		}
		return serveIndex(c, dist, "index.html")
	}
}

func serveIndex(c echo.Context, dist fs.FS, name string) error {
	b, err := fs.ReadFile(dist, name)
	if errors.Is(err, fs.ErrNotExist) {
		c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
		return c.HTML(http.StatusServiceUnavailable, notBuiltPage)
	}
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-cache")
	return c.HTMLBlob(http.StatusOK, b)
}

// notBuiltPage answers when the binary was built without the SPA (go build before npm run build).
const notBuiltPage = `<!doctype html><html lang="nl"><meta charset="utf-8"><title>Leergang</title>
<h1>De gebruikersinterface is niet meegebouwd</h1>
<p>Deze Leergang-server is gebouwd zonder de frontend. Bouw hem met <code>make build</code> (of <code>make run</code>).
De API werkt wel: <a href="/api/v1/openapi.yaml">/api/v1/openapi.yaml</a>.</p></html>`
