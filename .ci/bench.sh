#!/usr/bin/env bash
# Runs Zhen's benchmarks with their baselines in the same run and prints each
# as a ratio (ours ÷ baseline, same work per op: >1 is faster than baseline).
#   bash .ci/bench.sh            COUNT=5 by default; raw output in bench.out
set -euo pipefail
cd "$(dirname "$0")/.."
count=${COUNT:-5}
out=${OUT:-bench.out}
go test -tags sqlite_fts5 -run=NONE -bench=. -benchtime=${BENCHTIME:-1s} -count="$count" \
  ./glossary ./internal/segment ./internal/store ./internal/exchange ./server | tee "$out" | grep -E '^(Benchmark|ok|FAIL)'
echo
awk '
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
    row("BenchmarkImport", "BenchmarkRawInsertBaseline", "store 100 documents × 100 clauses vs raw prepared inserts, same schema")
    row("BenchmarkExportRows", "BenchmarkRawScanBaseline", "stream 10,000 clauses with titles vs raw database/sql scan")
    row("BenchmarkWriteTMX", "BenchmarkEncodingXMLBaseline", "1,000 units as TMX vs encoding/xml Encoder per unit")
    row("BenchmarkClausesPage", "BenchmarkGinMemoryBaseline", "GET a page of 50 clauses from SQLite vs bare Gin from memory")
    row("BenchmarkCheckCorpus", "BenchmarkBareScan", "check 100,000 clauses against 2,000 terms vs the bare overlapping scan, same automaton")
  }' "$out"
