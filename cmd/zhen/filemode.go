package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// createBeside creates a new, empty temporary file in dir for writeOutput
// to rename into place. Unlike os.CreateTemp (mode 0600) it asks for 0666,
// as os.Create does, so the umask (and a directory's default ACL) give the
// renamed file the mode any new file gets there: a colleague on a shared
// drive can open an export, as they could a file the user saved.
func createBeside(dir string) (*os.File, error) {
	var b [8]byte
	for range 100 {
		if _, err := rand.Read(b[:]); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(filepath.Join(dir, ".zhen-export-"+hex.EncodeToString(b[:])), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, ".zhen-export-*"), Err: fs.ErrExist}
}
