// Package api holds the OpenAPI contract of Leergang; the binary serves it and the tests hold the routes to it.
package api

import _ "embed"

// OpenAPI is api/openapi.yaml.
//
//go:embed openapi.yaml
var OpenAPI []byte
