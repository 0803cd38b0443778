package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/store"
)

type apiErrorBody struct {
	Error struct{ Code, Message string }
}

// Every way a password is set refuses the common ones, and user names
// must be ASCII and must not look like an existing user's.
func TestWeakPasswordsAndLookAlikeNamesAreRefused(t *testing.T) {
	e := newEnv(t)
	adm := e.as("admin")
	create := func(body map[string]string, want int) apiErrorBody {
		t.Helper()
		var out apiErrorBody
		adm.json("POST", "/api/v1/users", body, want, &out)
		return out
	}

	// A chosen password from the list, in any case, or made of the name.
	for _, pw := range []string{"password", "Password", "12345678", "iloveyou"} {
		out := create(map[string]string{"username": "li.wei", "role": "translator", "password": pw}, 422)
		if out.Error.Code != "invalid_password" || !strings.Contains(out.Error.Message, "10,000 most common passwords") {
			t.Errorf("%q: %+v", pw, out)
		}
	}
	for _, pw := range []string{"aaaaaaaa", "abcdefgh", "LiWei-2024!"} {
		if out := create(map[string]string{"username": "li.wei", "role": "translator", "password": pw}, 422); out.Error.Code != "invalid_password" {
			t.Errorf("%q: %+v", pw, out)
		}
	}
	var created struct {
		User     store.User
		Password string
	}
	adm.json("POST", "/api/v1/users", map[string]string{"username": "li.wei", "role": "translator", "password": "tea for two at noon"}, 201, &created)
	li := e.anon()
	li.token = e.login("li.wei", "tea for two at noon")

	// Names: not ASCII (a Cyrillic а), then look-alikes of existing users.
	if out := create(map[string]string{"username": "аdmin", "role": "viewer"}, 422); out.Error.Code != "invalid_user" || !strings.Contains(out.Error.Message, "U+0430") {
		t.Errorf("Cyrillic а: %+v", out)
	}
	for name, existing := range map[string]string{"adm1n": "admin", "Ad.Min": "admin", "li_wei": "li.wei", "L1wei": "li.wei", "revievver": "reviewer"} {
		out := create(map[string]string{"username": name, "role": "viewer"}, 409)
		if out.Error.Code != "look_alike" || !strings.Contains(out.Error.Message, "existing user "+existing) {
			t.Errorf("%s: %+v", name, out)
		}
	}
	if out := create(map[string]string{"username": "Admin", "role": "viewer"}, 409); out.Error.Code != "exists" {
		t.Errorf("Admin: %+v", out)
	}

	// The user's own change: the list, and the name, are refused.
	for _, pw := range []string{"password", "12345678", "li.wei.2024"} {
		var out apiErrorBody
		li.json("PUT", "/api/v1/account/password", map[string]string{"current": "tea for two at noon", "new": pw}, 422, &out)
		if out.Error.Code != "invalid_password" || (pw == "password" && !strings.Contains(out.Error.Message, "10,000 most common passwords")) {
			t.Errorf("own change to %q: %+v", pw, out)
		}
	}
	li.json("PUT", "/api/v1/account/password", map[string]string{"current": "tea for two at noon", "new": "two for tea at dusk"}, 204, nil)

	// An admin's reset makes a random password, which passes the rules.
	var reset struct{ Password string }
	adm.json("POST", fmt.Sprintf("/api/v1/users/%d/password", created.User.ID), nil, 200, &reset)
	if err := auth.CheckPassword(reset.Password, "li.wei"); err != nil {
		t.Errorf("reset password %q: %v", reset.Password, err)
	}
	e.login("li.wei", reset.Password)

	var users struct{ Users []store.User }
	adm.json("GET", "/api/v1/users", nil, 200, &users)
	if len(users.Users) != 5 {
		t.Errorf("users: %+v", users.Users)
	}
}
