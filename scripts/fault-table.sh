#!/usr/bin/env bash
# Prints the fault table of README.md from the fault tests' tallies (target/fault-tally.tsv of each
# module, written by oci-testkit's FaultTally): one row per test and fault with its latest outcome,
# then the totals. Exits 1 when a fault lost data or ended in an untyped error.
# Usage: scripts/fault-table.sh   (after scripts/test-all.sh or a Failsafe run)
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
files=(*/target/fault-tally.tsv)
if (( ${#files[@]} == 0 )); then
  echo "fault-table: no */target/fault-tally.tsv: run the *IT tests first" >&2
  exit 1
fi
cat "${files[@]}" | LC_ALL=C sort -s -t $'\t' -k1,1 -k2,2 | awk -F'\t' '
  { key = $1 "\t" $2; if (!(key in outcome)) order[n++] = key; outcome[key] = $3; lost[key] = $4 }
  END {
    print "| test | fault | outcome | data lost (bytes) |"
    print "|---|---|---|---|"
    for (i = 0; i < n; i++) {
      k = order[i]; split(k, p, "\t")
      printf "| %s | %s | %s | %d |\n", p[1], p[2], outcome[k], lost[k]
      injected++
      if (outcome[k] == "SURVIVED") survived++
      else if (outcome[k] == "TYPED_ERROR") typed++
      else untyped++
      lostTotal += lost[k]
    }
    print ""
    print "| faults injected | survived | failed with a typed error | other failures | data lost |"
    print "|---|---|---|---|---|"
    printf "| %d | %d | %d | %d | %d |\n", injected, survived, typed, untyped, lostTotal
    exit (untyped > 0 || lostTotal > 0) ? 1 : 0
  }'
