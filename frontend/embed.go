// Package frontend embeds the built SPA (frontend/dist) into the Go binary.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist is the built SPA. Before `npm run build` it holds only a placeholder, so `go build` never needs Node.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the folder is embedded at compile time; this cannot fail
	}
	return sub
}
