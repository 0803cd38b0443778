// Package frontend embeds the built browser app (dist/, committed) so that
// `go build` and `go run ./cmd/zhen` serve the full UI without node.
// Rebuild it with `npm run build` here; CI fails when dist/ is stale.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist is the app's files, index.html at the root.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // dist is embedded at build time: cannot happen
	}
	return sub
}
