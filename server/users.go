package server

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/store"
)

func (h *handlers) listUsers(c *gin.Context) {
	us, err := h.st.ListUsers(c.Request.Context())
	if err != nil {
		storeError(c, err)
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
	name, err := auth.NewUsername(req.Username)
	if err != nil {
		apiError(c, http.StatusUnprocessableEntity, "invalid_user", err.Error())
		return
	}
	role, err := auth.ParseRole(req.Role)
	if err != nil {
		apiError(c, http.StatusUnprocessableEntity, "invalid_user", err.Error())
		return
	}
	pw, made := req.Password, req.Password == ""
	var hash string
	if made {
		pw = auth.NewPassword()
		hash, err = auth.HashPassword(pw)
	} else {
		hash, err = auth.HashUserPassword(name, pw)
	}
	if err != nil {
		apiError(c, http.StatusUnprocessableEntity, "invalid_password", err.Error())
		return
	}
	u, err := h.st.CreateUser(c.Request.Context(), store.NewUser{Username: name, PasswordHash: hash, Role: string(role)}, author(c))
	var lookAlike *store.LookAlikeError
	switch {
	case errors.Is(err, store.ErrExists):
		apiError(c, http.StatusConflict, "exists", "there is already a user "+name+": choose another name")
		return
	case errors.As(err, &lookAlike):
		apiError(c, http.StatusConflict, "look_alike", lookAlike.Error())
		return
	}
	if err != nil {
		storeError(c, err)
		return
	}
	out := gin.H{"user": u}
	if made {
		out["password"] = pw
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
	var ch store.UserChange
	if req.Role != nil {
		role, err := auth.ParseRole(*req.Role)
		if err != nil {
			apiError(c, http.StatusUnprocessableEntity, "invalid_user", err.Error())
			return
		}
		r := string(role)
		ch.Role = &r
	}
	ch.Disabled = req.Disabled
	if self := callerOf(c).user; self.ID == id && ((ch.Role != nil && *ch.Role != string(auth.Admin)) || (ch.Disabled != nil && *ch.Disabled)) {
		apiError(c, http.StatusUnprocessableEntity, "self_lockout", "you cannot disable yourself or give up your own admin role: ask another admin")
		return
	}
	u, err := h.st.UpdateUser(c.Request.Context(), id, ch, author(c))
	if err != nil {
		storeError(c, err)
		return
	}
	if u.Disabled {
		h.sessionsEnded()
	}
	c.JSON(http.StatusOK, gin.H{"user": u})
}

// resetPassword gives a user a new random password, shown this once; the
// user's sessions end.
func (h *handlers) resetPassword(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	pw := auth.NewPassword()
	hash, err := auth.HashPassword(pw)
	if err != nil {
		storeError(c, err)
		return
	}
	u, err := h.st.UpdateUser(c.Request.Context(), id, store.UserChange{PasswordHash: &hash}, author(c))
	if err != nil {
		storeError(c, err)
		return
	}
	h.sessionsEnded()
	c.JSON(http.StatusOK, gin.H{"user": u, "password": pw})
}

func (h *handlers) auditLog(c *gin.Context) {
	limit, ok := intQuery(c, "limit", 200, 1, 5000)
	if !ok {
		return
	}
	log, err := h.st.AuditLog(c.Request.Context(), limit)
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"events": log})
}
