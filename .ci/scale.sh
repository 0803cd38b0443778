#!/usr/bin/env bash
# Measures Zhen on an archive-sized corpus from outside, as a user would
# (issue 16): whole processes timed from the shell, HTTP requests timed by
# curl on 127.0.0.1 as a reviewer, each beside a baseline measured in the
# same run, printed as a table for docs/PERFORMANCE.md.
#
#   bash .ci/scale.sh                 200,000 clauses (100 files of 2,000), 2,000 terms
#   LINES=2000 FILES=10 bash .ci/scale.sh     a quick run
#   KEEP=/tmp/zhen-scale bash .ci/scale.sh    keep the files and the database there
#
# The corpus: lines of recombined seed sentences (a clause each); a glossary
# of Chinese terms drawn from those lines (English "x"); a zh,en CSV of every
# distinct line with a 12-word English.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${FILES:-100}
lines=${LINES:-2000}
terms=${TERMS:-2000}
runs=${RUNS:-5}
dir=${KEEP:-$(mktemp -d)}
mkdir -p "$dir"
py=/usr/bin/python3

echo "== building zhen into $dir"
bash .ci/build.sh "$dir/zhen" >/dev/null
zhen="$dir/zhen"
db="$dir/zhen.db"
rm -f "$db" "$db"-* "$dir/schema.db"*

echo "== generating $files files of $lines lines, $terms terms"
"$py" - "$dir" "$files" "$lines" "$terms" internal/demo/zh-ru-joint-statements-2011-2015.txt <<'PY'
import os, random, re, sys
out, files, lines, terms, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
text = open(seed, encoding='utf-8').read()
parts = [p.strip() for p in re.split(r'[。；！？\n]', text) if 8 <= len(p.strip()) <= 60 and re.search(r'[\u4e00-\u9fff]{4}', p)]
pieces = [q.strip() for p in parts for q in p.split('，') if len(q.strip()) >= 4]
rng = random.Random(16)
distinct = set()
os.makedirs(os.path.join(out, 'corpus'), exist_ok=True)
for f in range(files):
    with open(os.path.join(out, 'corpus', f'statement-{f:03}.txt'), 'w', encoding='utf-8') as w:
        w.write(f'中华人民共和国和俄罗斯联邦联合声明（第{f + 1}号）\n\n')
        for i in range(lines):
            line = rng.choice(parts) + '，' + rng.choice(pieces) + '。'
            distinct.add(line)
            w.write(line + '\n')
words = 'the two sides agree to deepen cooperation and strengthen the partnership between both countries in every field'.split()
with open(os.path.join(out, 'translations.csv'), 'w', encoding='utf-8') as w:
    w.write('zh,en\n')
    for line in sorted(distinct):
        w.write('"%s","%s."\n' % (line, ' '.join(rng.choice(words) for _ in range(12)).capitalize()))
chosen = set()
pool = sorted(distinct)
while len(chosen) < terms:
    line = rng.choice(pool)
    n = rng.randint(2, 6)
    i = rng.randrange(0, max(1, len(line) - n))
    t = line[i:i + n]
    if re.fullmatch(r'[\u4e00-\u9fff]+', t):
        chosen.add(t)
with open(os.path.join(out, 'glossary.csv'), 'w', encoding='utf-8') as w:
    w.write('zh,en\n')
    for t in sorted(chosen):
        w.write('%s,x\n' % t)
print(f'{files * lines} lines, {len(distinct)} distinct, {len(chosen)} terms')
PY

secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
ratio() { echo "scale=2; $1 / $2" | bc; }

echo "== baseline: a raw prepared SQLite insert of as many rows into a plain table"
raw=$("$py" - "$dir" <<'PY'
import glob, os, sqlite3, sys, time
out = sys.argv[1]
rows = []
for f in sorted(glob.glob(os.path.join(out, 'corpus', '*.txt'))):
    for i, line in enumerate(open(f, encoding='utf-8').read().split('\n')[2:]):
        if line:
            rows.append((f, i, line))
path = os.path.join(out, 'raw.db')
if os.path.exists(path):
    os.remove(path)
start = time.time()
con = sqlite3.connect(path)
con.execute('PRAGMA journal_mode=WAL')
con.execute('CREATE TABLE clauses (id INTEGER PRIMARY KEY, document TEXT, position INTEGER, source TEXT)')
with con:
    con.executemany('INSERT INTO clauses (document, position, source) VALUES (?, ?, ?)', rows)
con.close()
print('%.3f %d' % (time.time() - start, len(rows)))
PY
)
raw_s=${raw% *}
rows=${raw#* }
echo "raw insert: $rows rows in ${raw_s} s"

echo "== baseline: the same insert into Zhen's own schema (its indexes, full-text index and triggers)"
"$zhen" check --db "$dir/schema.db" --json >/dev/null
rawschema_s=$("$py" - "$dir" <<'PY'
import glob, os, sqlite3, sys, time
out = sys.argv[1]
files = sorted(glob.glob(os.path.join(out, 'corpus', '*.txt')))
start = time.time()
con = sqlite3.connect(os.path.join(out, 'schema.db'), isolation_level=None)
con.execute('BEGIN')
for n, f in enumerate(files):
    doc = con.execute("INSERT INTO documents (title, content_hash) VALUES (?, ?)", (f, str(n))).lastrowid
    rows = [(doc, i, i, 'sentence', line, line, 'untranslated') for i, line in enumerate(l for l in open(f, encoding='utf-8').read().split('\n')[2:] if l)]
    con.executemany("INSERT INTO clauses (document_id, position, paragraph, kind, source, source_key, status) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
con.execute('COMMIT')
con.close()
print('%.3f' % (time.time() - start))
PY
)
echo "raw insert into Zhen's schema: $rows rows in ${rawschema_s} s"

echo "== zhen import, glossary import, translations import, check"
import_s=$(secs "$zhen" import --db "$db" "$dir"/corpus/*.txt)
# The first read computes the findings (a store opened afresh has none), so
# that the imports below keep them current, as on a live server: a write
# to findings that are out of date anyway leaves them to the next read.
firstread_s=$(secs "$zhen" check --db "$db" --limit 1)
glossary_s=$(secs "$zhen" glossary import --db "$db" "$dir/glossary.csv")
start=$(date +%s.%N)
"$zhen" translations import --db "$db" --json "$dir/translations.csv" > "$dir/translations.json"
translations_s=$(echo "$(date +%s.%N) - $start" | bc)
updated=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["updated"])' "$dir/translations.json")
check_s=$(secs "$zhen" check --db "$db" --json)
recompute_s=$(secs "$zhen" check --db "$db" --json --recompute)
# The recompute alone: one statement's findings printed.
recompute_only_s=$(secs "$zhen" check --db "$db" --json --recompute --document 1)
# The background computations, as whole processes: seconds and peak memory.
measure() { "$py" -c 'import resource, subprocess, sys, time
t = time.time(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print("%.2f %d" % (time.time() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024))' "$@"; }
read -r suggest_s suggest_mb < <(measure "$zhen" terms suggest --db "$db" --json)
read -r discover_s discover_mb < <(measure "$zhen" terms discover --db "$db" --json --limit 20)

echo "== baseline for check: a raw read of the rows"
rawread_s=$("$py" - "$db" <<'PY'
import sqlite3, sys, time
start = time.time()
con = sqlite3.connect(sys.argv[1])
n = sum(1 for _ in con.execute('SELECT id, document_id, source, target FROM clauses WHERE target <> ""'))
print('%.3f' % (time.time() - start))
PY
)

echo "== baseline for check: a raw read of the stored findings with their clauses' texts, writing as many bytes"
rawfindings_s=$("$py" - "$db" <<'PY'
import sqlite3, sys, time
start = time.time()
con = sqlite3.connect(sys.argv[1])
with open('/dev/null', 'w', encoding='utf-8') as out:
    for data, source, target in con.execute('SELECT f.data, c.source, c.target FROM findings f JOIN clauses c ON c.id = f.clause_id'):
        out.write(data + source + target + '\n')
print('%.3f' % (time.time() - start))
PY
)

echo "== baseline for the recompute: a raw prepared insert of the rows it writes into plain tables"
read -r rawrows_s rawrows_n < <("$py" - "$db" "$dir" <<'PY'
import os, sqlite3, sys, time
con = sqlite3.connect(sys.argv[1])
findings = con.execute('SELECT clause_id, document_id, kind, term, finding_key, data FROM findings').fetchall()
uses = con.execute('SELECT entry_id, clause_id, document_id, occurrences, state, accepted, forbidden FROM term_uses').fetchall()
con.close()
path = os.path.join(sys.argv[2], 'rawrows.db')
if os.path.exists(path):
    os.remove(path)
start = time.time()
out = sqlite3.connect(path)
out.execute('PRAGMA journal_mode=WAL')
out.execute('CREATE TABLE findings (id INTEGER PRIMARY KEY, clause_id INTEGER, document_id INTEGER, kind TEXT, term TEXT, finding_key TEXT, data BLOB)')
out.execute('CREATE TABLE term_uses (clause_id INTEGER, entry_id INTEGER, document_id INTEGER, occurrences INTEGER, state INTEGER, accepted TEXT, forbidden TEXT)')
with out:
    out.executemany('INSERT INTO findings (clause_id, document_id, kind, term, finding_key, data) VALUES (?, ?, ?, ?, ?, ?)', findings)
    out.executemany('INSERT INTO term_uses (entry_id, clause_id, document_id, occurrences, state, accepted, forbidden) VALUES (?, ?, ?, ?, ?, ?, ?)', uses)
out.close()
print('%.3f %d' % (time.time() - start, len(findings) + len(uses)))
PY
)
echo "raw insert of the recompute's $rawrows_n rows: $rawrows_s s"

echo "== the server, timed from a client on 127.0.0.1"
port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'a reviewer who measures things\n' | "$zhen" user add measurer --role reviewer --db "$db" >/dev/null
"$zhen" serve --db "$db" --addr "127.0.0.1:$port" --log-level warn >"$dir/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"measurer","password":"a reviewer who measures things"}' \
  "http://127.0.0.1:$port/api/v1/session" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["token"])')
doc=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/documents" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["documents"][0]["id"])')
# A queue to review: 1,000 clauses of the first statement with English,
# submitted through the API (the bulk submit's largest request).
submitted=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/documents/$doc/clauses?limit=500&offset=0" \
  "http://127.0.0.1:$port/api/v1/documents/$doc/clauses?limit=500&offset=500" \
  "http://127.0.0.1:$port/api/v1/documents/$doc/clauses?limit=500&offset=1000" | "$py" -c '
import json, sys
dec, text, pos, clauses = json.JSONDecoder(), sys.stdin.read(), 0, []
while pos < len(text):
    page, pos = dec.raw_decode(text, pos)
    clauses += [{"id": c["id"], "version": c["version"]} for c in page["clauses"] if c["status"] in ("draft", "translated")]
print(json.dumps({"clauses": clauses[:1000], "despite_findings": True}))' |
  curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d @- "http://127.0.0.1:$port/api/v1/submit" |
  "$py" -c 'import json,sys; print(len(json.load(sys.stdin)["submitted"]))')
echo "submitted for review: $submitted clauses"
# median of $runs runs after one warm-up (the first QA read after the
# import computes findings the imports left out of date, if any)
median() {
  local url=$1 t=()
  curl -s -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port$url"
  for _ in $(seq "$runs"); do
    t+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port$url")")
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
page=$(median "/api/v1/documents/$doc/clauses?limit=50")
docs=$(median "/api/v1/documents")
summary=$(median "/api/v1/findings/summary")
findings=$(median "/api/v1/findings?limit=50")
docqa=$(median "/api/v1/documents/$doc/qa")
review=$(median "/api/v1/review?limit=50")
report=$(median "/api/v1/terms/report")
suggest=$(median "/api/v1/terms/suggest?limit=20")
discovered=$(median "/api/v1/terms/discovered?limit=20")
kill $server 2>/dev/null || true

echo
echo "$rows clauses in $files statements, $terms terms; $updated clauses given English by the translations import"
echo
echo "| what | time | baseline (same run) | ratio to the baseline |"
echo "|---|---:|---|---:|"
printf '| `zhen import` (%s files) | %.2f s | raw prepared insert of %s rows: %.2f s | %s× the rate |\n' "$files" "$import_s" "$rows" "$raw_s" "$(ratio "$raw_s" "$import_s")"
printf '| `zhen import` (%s files) | %.2f s | the same insert into Zhen'"'"'s schema: %.2f s | %s× the rate |\n' "$files" "$import_s" "$rawschema_s" "$(ratio "$rawschema_s" "$import_s")"
printf '| the first read after the import (`zhen check --limit 1`: computes the findings) | %.2f s | | |\n' "$firstread_s"
printf '| `zhen glossary import` (%s terms) | %.2f s | | |\n' "$terms" "$glossary_s"
printf '| `zhen translations import` (%s clauses get English) | %.2f s | raw insert rate: %s rows in %.2f s | %s× the rate |\n' "$updated" "$translations_s" "$rows" "$raw_s" \
  "$(echo "scale=3; ($updated / $translations_s) / ($rows / $raw_s)" | bc)"
printf '| `zhen check --json` (stored findings) | %.2f s | raw read of the translated rows: %.2f s | %s× |\n' "$check_s" "$rawread_s" "$(ratio "$check_s" "$rawread_s")"
printf '| `zhen check --json` (stored findings) | %.2f s | raw read of the stored findings and their texts, written out: %.2f s | %s× |\n' "$check_s" "$rawfindings_s" "$(ratio "$check_s" "$rawfindings_s")"
printf '| `zhen check --json --recompute` | %.2f s | raw read: %.2f s | %s× |\n' "$recompute_s" "$rawread_s" "$(ratio "$recompute_s" "$rawread_s")"
printf '| `zhen check --json --recompute` | %.2f s | raw read of the findings, written out: %.2f s | %s× |\n' "$recompute_s" "$rawfindings_s" "$(ratio "$recompute_s" "$rawfindings_s")"
printf '| `zhen check --json --recompute --document 1` (the recompute, one statement printed) | %.2f s | raw prepared insert of the %s rows it writes: %.2f s | %s× |\n' "$recompute_only_s" "$rawrows_n" "$rawrows_s" "$(ratio "$recompute_only_s" "$rawrows_s")"
printf '| `zhen terms suggest --json` (what a server computes in the background) | %.2f s, %s MB peak | | |\n' "$suggest_s" "$suggest_mb"
printf '| `zhen terms discover --json` (the same) | %.2f s, %s MB peak | terms suggest: %.2f s | %s× |\n' "$discover_s" "$discover_mb" "$suggest_s" "$(ratio "$discover_s" "$suggest_s")"
printf '| `GET /documents/{id}/clauses?limit=50` (the baseline: one page) | %s s | | 1× |\n' "$page"
for row in "GET /documents:$docs" "GET /findings/summary:$summary" "GET /findings?limit=50:$findings" "GET /documents/{id}/qa (a statement of $lines clauses):$docqa" \
  "GET /review?limit=50 ($submitted submitted):$review" "GET /terms/report:$report" "GET /terms/suggest?limit=20:$suggest" "GET /terms/discovered?limit=20:$discovered"; do
  printf '| `%s` | %s s | a page of 50 clauses: %s s | %s× |\n' "${row%%:*}" "${row##*:}" "$page" "$(ratio "${row##*:}" "$page")"
done
