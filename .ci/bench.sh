#!/usr/bin/env bash
# Runs Zhen's benchmarks with their baselines in the same run and prints each
# as a ratio (ours ÷ baseline, same work per op: >1 is faster than baseline).
#   bash .ci/bench.sh            COUNT=5 by default; raw output in bench.out
#   ZHEN_BENCH_FULL=1 bash .ci/bench.sh   import and export at 1,000,000 clauses
#   (ZHEN_BENCH_CLAUSES=100000 for another size); API load: see docs/PERFORMANCE.md
set -euo pipefail
cd "$(dirname "$0")/.."
count=${COUNT:-5}
out=${OUT:-bench.out}
go test -tags sqlite_fts5 -run=NONE -bench=. -benchtime=${BENCHTIME:-1s} -count="$count" \
  ./glossary ./internal/segment ./internal/store ./internal/exchange ./server | tee "$out" | grep -E '^(Benchmark|ok|FAIL)'
echo
size=10,000
[ "${ZHEN_BENCH_FULL:-}" = 1 ] && size=1,000,000
[ -n "${ZHEN_BENCH_CLAUSES:-}" ] && [ "${ZHEN_BENCH_FULL:-}" != 1 ] && size=$ZHEN_BENCH_CLAUSES
awk -v size="$size" '
  /^Benchmark/ { name=$1; sub(/-[0-9]+$/, "", name); ns[name]=ns[name] " " $3 }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  function row(ours, base, what) {
    if (!(ours in ns) || !(base in ns)) return
    o = median(ns[ours]); b = median(ns[base])
    printf "| %-28s | %-30s | %12.0f | %12.0f | %6.2f× | %s |\n", ours, base, o, b, b / o, what
  }
  END {
    print "| benchmark | baseline (same run) | ours ns/op | baseline ns/op | ratio | work per op |"
    print "|---|---|---:|---:|---:|---|"
    row("BenchmarkParseSeed", "BenchmarkDecodeBaseline", "decode + split + segment the 58 KB seed vs one rune walk over it")
    row("BenchmarkImport", "BenchmarkRawInsertBaseline", "segment text files (100 clauses each) + import " size " clauses vs raw prepared inserts of the same rows, same schema (goal ≥ 0.5×)")
    row("BenchmarkExportRows", "BenchmarkRawScanBaseline", "stream " size " clauses with titles vs raw database/sql scan")
    row("BenchmarkExportTMX", "BenchmarkWriteTMXBytesBaseline", size " clauses from SQLite as TMX to a file vs writing the same bytes to a file (goal ≥ 0.7×)")
    row("BenchmarkExportCSV", "BenchmarkWriteCSVBytesBaseline", size " clauses from SQLite as CSV to a file vs writing the same bytes to a file (goal ≥ 0.7×)")
    row("BenchmarkWriteTMX", "BenchmarkEncodingXMLBaseline", "1,000 units as TMX vs encoding/xml Encoder per unit")
    row("BenchmarkClausesPage", "BenchmarkBareSQLPageBaseline", "GET a page of 50 clauses through the whole stack vs a bare net/http + database/sql handler, same queries and JSON (goal ≥ 0.9×)")
    row("BenchmarkClausesPage", "BenchmarkGinMemoryBaseline", "GET a page of 50 clauses from SQLite vs bare Gin from memory")
    row("BenchmarkCheckCorpus", "BenchmarkBareScan", "check 100,000 clauses against 2,000 terms vs the bare overlapping scan, same automaton")
  }' "$out"
