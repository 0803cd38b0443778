package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/workbench"
)

func (h *handlers) listUsers(c *gin.Context) {
	us, err := h.st.ListUsers(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"users": us})
}

type newUserRequest struct {
	Username string `json:"username"`
	Role     string `json:"role"`
	Password string `json:"password"` // empty: one is made up and returned once
}

// createUser adds a user. Without a password, a random one is made and
// shown this once, for the admin to pass on. The name must be ASCII and
// must not look like an existing user's (409 look_alike, naming that
// user); a chosen password must pass auth.CheckPassword (422).
func (h *handlers) createUser(c *gin.Context) {
	var req newUserRequest
	if !bindJSON(c, &req) {
		return
	}
	nu, err := h.wb.AddUser(c.Request.Context(), actor(c), workbench.AddUser{Name: req.Username, Role: req.Role, Password: req.Password})
	if err != nil {
		fail(c, err)
		return
	}
	out := gin.H{"user": nu.User}
	if nu.Password != "" {
		out["password"] = nu.Password
	}
	c.JSON(http.StatusCreated, out)
}

type userChangeRequest struct {
	Role     *string `json:"role"`
	Disabled *bool   `json:"disabled"`
}

// updateUser changes a user's role or disables them (which ends their
// sessions at once). Admins cannot lock themselves out.
func (h *handlers) updateUser(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	var req userChangeRequest
	if !bindJSON(c, &req) {
		return
	}
	u, err := h.wb.ChangeUser(c.Request.Context(), actor(c), workbench.ChangeUser{User: id, Role: req.Role, Disabled: req.Disabled})
	answer(c, http.StatusOK, gin.H{"user": u}, err)
}

// resetPassword gives a user a new random password, shown this once; the
// user's sessions end.
func (h *handlers) resetPassword(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	nu, err := h.wb.ResetPassword(c.Request.Context(), actor(c), workbench.ResetPassword{User: id})
	answer(c, http.StatusOK, gin.H{"user": nu.User, "password": nu.Password}, err)
}

func (h *handlers) auditLog(c *gin.Context) {
	limit, ok := intQuery(c, "limit", 200, 1, 5000)
	if !ok {
		return
	}
	log, err := h.st.AuditLog(c.Request.Context(), limit)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"events": log})
}
