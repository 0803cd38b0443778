#!/bin/sh
# Regenerates common_passwords.txt, the list of common passwords that
# CheckPassword refuses: the 10,000 most common passwords of 8 characters
# or more (shorter ones are refused by length anyway), lowercased, one a
# line, most common first. The source is zxcvbn's passwords.txt (MIT, see
# README.md), a frequency count of the 10 million passwords published by
# Mark Burnett, as shipped in the Go module github.com/trustelem/zxcvbn
# v1.0.1. Only the data is used: the module is downloaded into the module
# cache (checked against the checksum database) and is not a dependency.
#   sh internal/auth/common_passwords.sh   (or: go generate ./internal/auth)
set -eu
cd "$(dirname "$0")"
mod=github.com/trustelem/zxcvbn@v1.0.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Outside any module, so that the project's go.mod and go.sum stay as they are.
dir=$(cd "$tmp" && GO111MODULE=on GOFLAGS= go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
[ -f "$dir/data/passwords.txt" ] || { echo "no data/passwords.txt in $mod ($dir)" >&2; exit 1; }
LC_ALL=C awk '{ w = tolower($1) } length(w) >= 8 && !seen[w]++ { print w; if (++n == 10000) exit }' \
	"$dir/data/passwords.txt" >"$tmp/list"
[ "$(wc -l <"$tmp/list")" -eq 10000 ] || { echo "expected 10000 passwords" >&2; exit 1; }
mv "$tmp/list" common_passwords.txt
