#!/usr/bin/env python3
"""Verify expected.json against translations.csv (run from anywhere: python3 check.py [CLAUSES.tsv]).

For every inconsistent/abbreviation term: each clause whose zh contains the term must contain
exactly one of the listed renderings (case-sensitive substring), and the per-rendering clause
counts must equal the stated ones. For every consistent term: its English span must occur in
every clause whose zh contains the term, and the clause count must match.
With a clauses TSV (document_id, clause_id, zh), also checks that every zh is one clause of it.
"""
import csv, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "translations.csv"), encoding="utf-8", newline="") as f:
    pairs = [(r["zh"], r["en"]) for r in csv.DictReader(f)]
with open(os.path.join(here, "expected.json"), encoding="utf-8") as f:
    exp = json.load(f)

errors = []
zhs = [z for z, _ in pairs]
if len(set(zhs)) != len(zhs):
    errors.append("duplicate zh rows")

for kind in ("inconsistent", "abbreviation"):
    for t in exp[kind]:
        got = {r: 0 for r in t["renderings"]}
        for zh, en in pairs:
            if t["zh"] not in zh:
                continue
            hit = [r for r in t["renderings"] if r in en]
            if len(hit) != 1:
                errors.append(f"{kind} {t['zh']}: clause has renderings {hit}: {en[:80]}")
            else:
                got[hit[0]] += 1
        if got != t["renderings"]:
            errors.append(f"{kind} {t['zh']}: counts {got} != expected {t['renderings']}")
        if len(t["renderings"]) < 2 or min(got.values()) < 1:
            errors.append(f"{kind} {t['zh']}: needs >=2 renderings each used")

for t in exp["consistent"]:
    cl = [(zh, en) for zh, en in pairs if t["zh"] in zh]
    for zh, en in cl:
        if t["en"] not in en:
            errors.append(f"consistent {t['zh']}: '{t['en']}' missing in: {en[:80]}")
    if len(cl) != t["clauses"] or len(cl) < 2:
        errors.append(f"consistent {t['zh']}: {len(cl)} clauses, expected {t['clauses']}")

if len(sys.argv) > 1:
    with open(sys.argv[1], encoding="utf-8") as f:
        seed = {r["zh"]: r["document_id"] for r in csv.DictReader(f, delimiter="\t")}
    missing = [z for z in zhs if z not in seed]
    if missing:
        errors.append(f"{len(missing)} zh not in the clause list, e.g. {missing[0]}")
    docs = sorted({seed[z] for z in zhs if z in seed})
    print(f"documents covered: {docs}")

print(f"{len(pairs)} clauses; {len(exp['inconsistent'])} inconsistent, "
      f"{len(exp['abbreviation'])} abbreviation, {len(exp['consistent'])} consistent terms")
for e in errors:
    print("ERROR:", e)
sys.exit(1 if errors else 0)
