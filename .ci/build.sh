#!/usr/bin/env bash
# Builds the zhen binary exactly as the Docker image does: cgo SQLite with
# FTS5, statically linked so that it runs on a distroless base.
#   bash .ci/build.sh OUTPUT [VERSION]
set -euo pipefail
out=${1:?usage: build.sh OUTPUT [VERSION]}
version=${2:-$(git describe --always --dirty 2>/dev/null || echo dev)}
CGO_ENABLED=1 go build -trimpath \
  -tags 'sqlite_fts5 sqlite_omit_load_extension netgo osusergo' \
  -ldflags "-s -w -X main.version=$version -linkmode external -extldflags -static" \
  -o "$out" ./cmd/zhen
