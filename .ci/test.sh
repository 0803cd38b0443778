#!/usr/bin/env bash
# Runs every Zhen test on a Debian machine, installing what it needs first:
# vet, staticcheck and format checks, the frontend build check, Go tests (race detector,
# SQLite with FTS5, a throwaway PostgreSQL), short fuzz runs, the benchmark
# smoke run, and the end-to-end test in real Chromium.
#   bash .ci/test.sh            (FUZZTIME=500000x for longer fuzzing)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
step() { printf '\n=== %s\n' "$*"; }
export GOFLAGS=${GOFLAGS:--mod=readonly}
TAGS=sqlite_fts5
# Fuzz budgets are counts of runs, not durations: Go 1.26's coordinator can
# fail a target with "context deadline exceeded" when a duration ends while a
# worker is busy (go.dev/issue/75804), most often on a loaded machine.
FUZZTIME=${FUZZTIME:-50000x}

step "System packages"
sudo=()
[ "$(id -u)" = 0 ] || sudo=(sudo)
need=()
for p in chromium postgresql fonts-noto-cjk gcc libreoffice-writer-nogui poppler-utils; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
command -v go >/dev/null || { echo "Go 1.26 is required: https://go.dev/dl/ (then re-run)"; exit 1; }
command -v npm >/dev/null || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
validators=${ZHEN_VALIDATORS:-$root/../shared/validators}
if [ -d "$validators" ]; then
  "${sudo[@]}" bash "$validators/install-deps.sh"
else
  echo "../shared/validators not found beside this clone: the tests that validate exports will skip"
fi

step "Format, vet and staticcheck"
unformatted=$(gofmt -l $(git ls-files '*.go'))
[ -z "$unformatted" ] || { echo "gofmt would change:"; echo "$unformatted"; exit 1; }
go vet -tags "$TAGS" ./...
# staticcheck, pinned, built once into a cache of its own (the module proxy
# serves it); its default checks, with exceptions stated at their lines.
tools=${XDG_CACHE_HOME:-$HOME/.cache}/zhen-tools
staticcheck=$tools/staticcheck-v0.8.2
if [ ! -x "$staticcheck" ]; then
  mkdir -p "$tools"
  GOFLAGS= GOBIN="$tools/bin" go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
  mv "$tools/bin/staticcheck" "$staticcheck"
fi
"$staticcheck" -tags "$TAGS" ./...

step "Frontend: npm ci, rebuild, compare with the committed dist/"
(cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run --silent test:unit && npm run --silent build)
if [ -n "$(git status --porcelain -- frontend/dist)" ]; then
  git status --short -- frontend/dist
  echo "frontend/dist differs from a build of frontend/src: run 'cd frontend && npm run build' and commit dist/"
  exit 1
fi

step "PostgreSQL for the store tests"
if [ -z "${ZHEN_TEST_POSTGRES:-}" ]; then
  pgdir=$(mktemp -d /tmp/zhen-pg.XXXXXX)
  ZHEN_TEST_POSTGRES=$(bash .ci/postgres.sh "$pgdir/pg" | tail -n 1)
  export ZHEN_TEST_POSTGRES
  stop_pg() { runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl" -D "$pgdir/pg/data" stop -m fast >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
  trap stop_pg EXIT
  echo "started $ZHEN_TEST_POSTGRES"
fi

step "Go tests (race detector, tags: $TAGS)"
go test -race -tags "$TAGS" -count=1 ./...

step "Fuzzing ($FUZZTIME each)"
for target in "./internal/segment FuzzClauses" "./internal/segment FuzzSplit" "./glossary FuzzNormalizeWithOffsets" \
  "./glossary FuzzMatcher" "./glossary FuzzHits" "./glossary FuzzEnglish" \
  "./internal/numcheck FuzzChinese" "./internal/numcheck FuzzEnglish" \
  "./internal/align FuzzSentences" "./internal/align FuzzAlign" \
  "./internal/exchange FuzzReadXLIFF" "./internal/exchange FuzzReadTMX" \
  "./internal/exchange FuzzReadTranslationsCSV" "./internal/exchange FuzzReadGlossary" "./internal/exchange FuzzXMLGuard"; do
  set -- $target
  go test -tags "$TAGS" -run=NONE -fuzz="^$2\$" -fuzztime="$FUZZTIME" -fuzzminimizetime=200x "$1"
done

step "Benchmarks compile and run once (figures: docs/PERFORMANCE.md)"
go test -tags "$TAGS" -run=NONE -bench=. -benchtime=1x ./... >/dev/null

step "End-to-end in Chromium"
out=$(mktemp -d /tmp/zhen-e2e.XXXXXX)
bash .ci/build.sh "$out/zhen"  # the same static build as the Dockerfile
(cd frontend && ZHEN_BIN="$out/zhen" node --test e2e/)
rm -rf "$out"

echo
echo "All tests passed."
