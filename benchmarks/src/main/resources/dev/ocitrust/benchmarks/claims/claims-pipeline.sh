#!/usr/bin/env bash
# The peers' claim check, as a user would script it (ClaimsBenchmark runs it, one process per run):
#   1. oras discover --format json --depth 1 of the artifact; jq keeps the claim types
#   2. per claim, JOBS at a time: oras manifest fetch, jq for the statement layer, oras blob fetch
#   3. one node process verifies every statement (verify-statements.cjs, @transmute/cose)
#
#   claims-pipeline.sh MODE NAME WORK JOBS NODE_DIR ANCHORS TYPES
#
# MODE is --plain-http (NAME = host:port/repository) or --oci-layout (NAME = the layout folder).
# TYPES is a JSON array of the claim artifact types. Prints the verifier's JSON line, and writes
# the wall time of each stage (seconds) to WORK/stages.
set -euo pipefail
mode=$1 name=$2 work=$3 jobs=$4 node_dir=$5 anchors=$6 types=$7
rm -rf "$work"
mkdir -p "$work/statements"
t0=$EPOCHREALTIME

oras discover "$mode" --format json --depth 1 "$name:v1" >"$work/discover.json"
subject=$(jq -r .digest "$work/discover.json")
jq -r --slurpfile types "$types" \
  '.referrers[] | select(.artifactType as $t | $types[0] | index($t)) | .digest' \
  "$work/discover.json" >"$work/claims.txt"
t1=$EPOCHREALTIME

fetch_claim() {
  local claim=$1 layer
  layer=$(oras manifest fetch "$mode" "$name@$claim" | jq -r '.layers[0].digest')
  oras blob fetch "$mode" --output "$work/statements/${claim#sha256:}.cose" "$name@$layer"
}
export -f fetch_claim
export mode name work
xargs -P "$jobs" -n 1 bash -c 'fetch_claim "$1"' fetch_claim <"$work/claims.txt"
t2=$EPOCHREALTIME

node "$node_dir/verify-statements.cjs" "$anchors" "$subject" "$work/statements"
t3=$EPOCHREALTIME
awk -v n="$(wc -l <"$work/claims.txt")" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" \
  'BEGIN { printf "claims %d discover %.3f fetch %.3f verify %.3f\n", n, b - a, c - b, d - c }' \
  >"$work/stages"
