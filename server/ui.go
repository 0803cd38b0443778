package server

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"
)

// ui serves the built browser app. Paths that are not files get index.html,
// so a reload on #/documents/3 or a deep link still opens the app; unknown
// /api paths get a JSON 404 instead.
func (h *handlers) ui() gin.HandlerFunc {
	files := http.FileServer(http.FS(h.cfg.UI))
	return func(c *gin.Context) {
		p := c.Request.URL.Path
		if strings.HasPrefix(p, "/api/") {
			apiError(c, http.StatusNotFound, "not_found", "no such API route: "+c.Request.Method+" "+p)
			return
		}
		if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
			apiError(c, http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed")
			return
		}
		name := strings.TrimPrefix(path.Clean(p), "/")
		if st, err := fs.Stat(h.cfg.UI, name); name == "" || err != nil || st.IsDir() {
			c.Header("Cache-Control", "no-cache")
			c.FileFromFS("/", http.FS(h.cfg.UI)) // index.html
			return
		}
		if strings.HasPrefix(name, "assets/") {
			c.Header("Cache-Control", "no-cache") // file names are not content-hashed: revalidate
		}
		files.ServeHTTP(c.Writer, c.Request)
	}
}
