// Package testkit holds helpers shared by tests of several packages. It is
// imported only from _test.go files.
package testkit

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// ValidatorsDir finds the independent validators (xmllint, translate-toolkit,
// csvkit, jing wrappers) that live beside the repository in ../shared, or
// where ZHEN_VALIDATORS points. A clone without them skips the test.
func ValidatorsDir(t testing.TB) string {
	t.Helper()
	if dir := os.Getenv("ZHEN_VALIDATORS"); dir != "" {
		if _, err := os.Stat(dir); err != nil {
			t.Fatalf("ZHEN_VALIDATORS: %v", err)
		}
		return dir
	}
	dir := filepath.Join(RepoRoot(), "..", "shared", "validators")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/validators not found beside the repository: validator tests skipped")
	}
	return dir
}

// validatorTimeout bounds one validator run: translate-toolkit can take
// minutes on huge segments, and a hung validator must fail, not stall CI.
const validatorTimeout = 3 * time.Minute

// RunValidator runs one validator script and returns its combined output and
// exit code. A validator that cannot be started, or hangs, fails the test.
func RunValidator(t testing.TB, script string, args ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), validatorTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(ValidatorsDir(t), script), args...)
	cmd.WaitDelay = 5 * time.Second // stop waiting for output a killed script's children still hold
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("%s did not finish within %v\n%s", script, validatorTimeout, out)
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	}
	t.Fatalf("running %s: %v\n%s", script, err, out)
	return "", -1
}

// RepoRoot is the repository's top directory.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}
