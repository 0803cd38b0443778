package server

import (
	"bufio"
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/stop"
)

// writeJSONList answers 200 {"name": [items…]}, the bytes c.JSON would
// write, but item by item: a list of many megabytes (every finding of a
// large corpus) stops being encoded when its client goes away — the
// request's context ends or a write fails — instead of being encoded
// whole for nobody.
func writeJSONList[T any](c *gin.Context, name string, items []T) {
	ctx := c.Request.Context()
	if ctx.Err() != nil {
		c.Abort()
		return
	}
	key, _ := json.Marshal(name)
	c.Header("Content-Type", "application/json; charset=utf-8")
	c.Status(http.StatusOK)
	w := bufio.NewWriterSize(c.Writer, 64<<10)
	w.WriteString("{" + string(key) + ":[")
	for i, it := range items {
		if stop.At(ctx, i) != nil {
			return
		}
		b, err := json.Marshal(it)
		if err != nil {
			logCutShort(name, err)
			return
		}
		if i > 0 {
			w.WriteByte(',')
		}
		if _, err := w.Write(b); err != nil { // the first failed write: the client is gone
			return
		}
	}
	w.WriteString("]}")
	w.Flush()
}
