package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

// stdin is where passwords are read from (a variable for tests).
var stdin io.Reader = os.Stdin

func cmdUser(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"user: name a subcommand: add, list, passwd, disable, enable, role"}
	}
	switch sub, rest := args[0], args[1:]; sub {
	case "add":
		return userAdd(rest, stdout)
	case "list":
		return userList(rest, stdout)
	case "passwd":
		return userChange("passwd", rest, stdout)
	case "disable", "enable":
		return userChange(sub, rest, stdout)
	case "role":
		return userChange("role", rest, stdout)
	default:
		return usageError{fmt.Sprintf("user: unknown subcommand %q", sub)}
	}
}

// readPassword reads one line from stdin: the password of the user named
// name, never a flag, so that it stays out of the shell history and the
// process list. It must pass auth.CheckPassword.
func readPassword(name string) (string, error) {
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && line != "") {
		return "", errors.New("give the password on standard input, e.g. `printf '%s\\n' \"$PW\" | zhen user add …`")
	}
	pw := strings.TrimRight(line, "\r\n")
	return pw, auth.CheckPassword(pw, name)
}

func userAdd(args []string, stdout io.Writer) error {
	fs, db := newFlags("user add")
	role := fs.String("role", "", "admin, reviewer, translator or viewer")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"user add: name exactly one user: zhen user add NAME --role ROLE (password on stdin)"}
	}
	name, err := auth.NewUsername(pos[0])
	if err != nil {
		return err
	}
	r, err := auth.ParseRole(*role)
	if err != nil {
		return usageError{"user add: " + err.Error()}
	}
	pw, err := readPassword(name)
	if err != nil {
		return err
	}
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := cliWorkbench(ctx, st).AddUser(ctx, cliActor(), workbench.AddUser{Name: name, Role: string(r), Password: pw}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "added %s (%s)\n", name, r)
	return nil
}

func userList(args []string, stdout io.Writer) error {
	fs, db := newFlags("user list")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("user list", pos); err != nil {
		return err
	}
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	us, err := st.ListUsers(context.Background())
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, map[string]any{"users": us})
	}
	for _, u := range us {
		state := ""
		if u.Disabled {
			state = " (disabled)"
		}
		fmt.Fprintf(stdout, "%s\t%s%s\n", u.Username, u.Role, state)
	}
	return nil
}

// userChange is passwd (new password on stdin), disable, enable and role
// NAME ROLE. A new password or disabling ends the user's sessions.
func userChange(sub string, args []string, stdout io.Writer) error {
	fs, db := newFlags("user " + sub)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	want := 1
	if sub == "role" {
		want = 2
	}
	if len(pos) != want {
		if sub == "role" {
			return usageError{"user role: zhen user role NAME ROLE"}
		}
		return usageError{fmt.Sprintf("user %s: name exactly one user", sub)}
	}
	name, err := auth.NormalizeUsername(pos[0])
	if err != nil {
		return err
	}
	var c workbench.ChangeUser
	switch sub {
	case "passwd":
		pw, err := readPassword(name)
		if err != nil {
			return err
		}
		c.Password = &pw
	case "disable", "enable":
		d := sub == "disable"
		c.Disabled = &d
	case "role":
		r, err := auth.ParseRole(pos[1])
		if err != nil {
			return usageError{"user role: " + err.Error()}
		}
		s := string(r)
		c.Role = &s
	}
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	u, err := st.UserByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("there is no user %q (zhen user list shows them)", name)
	}
	if err != nil {
		return err
	}
	c.User = u.ID
	if _, err := cliWorkbench(ctx, st).ChangeUser(ctx, cliActor(), c); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: done\n", name)
	return nil
}

// demoUsers are created by serve --demo, one per role.
var demoUsers = []auth.Role{auth.Admin, auth.Reviewer, auth.Translator, auth.Viewer}

// ensureDemoUsers creates the demo users that do not exist yet, with
// random passwords, and prints them: the only time they are shown.
func ensureDemoUsers(ctx context.Context, st *store.Store, wb *workbench.Workbench, stdout io.Writer) error {
	for _, r := range demoUsers {
		name := string(r)
		if _, err := st.UserByName(ctx, name); err == nil {
			fmt.Fprintf(stdout, "Demo user %s (%s) exists: reset its password with `zhen user passwd %s`.\n", name, r, name)
			continue
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		nu, err := wb.AddUser(ctx, demoActor, workbench.AddUser{Name: name, Role: name})
		var taken *fault.Taken
		if errors.As(err, &taken) {
			fmt.Fprintf(stdout, "Demo user %s (%s) not created: %v.\n", name, r, err)
			continue
		} else if err != nil {
			return err
		}
		pw := nu.Password
		fmt.Fprintf(stdout, "Demo user %s (%s), password: %s\n", name, r, pw)
	}
	return nil
}
