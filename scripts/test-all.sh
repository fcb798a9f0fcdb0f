#!/usr/bin/env bash
# Runs every test of ocitrust: unit tests (Surefire) and the *IT tests against real peers
# (Failsafe: docker-registry, skopeo, oras, notation, notation-go-blob, crane, tinyproxy), installing
# the peers first.
# This is the test command README.md gives to new users, and the one .ci/run runs.
# Under CI=true a missing peer or vector folder fails its tests instead of skipping them.
# At the end it lists the tests that were skipped, with the reason each one gave, and prints the
# fault table (scripts/fault-table.sh; a fault that lost data or ended untyped fails the run).
set -euo pipefail
cd "$(dirname "$0")/.."
peers_bin=$(scripts/install-peers.sh)
export OCITRUST_PEERS=$peers_bin
export PATH=$peers_bin:$PATH
rc=0
rm -f ./*/target/fault-tally.tsv
./mvnw -B verify "$@" || rc=$?
scripts/skipped-tests.sh
if compgen -G './*/target/fault-tally.tsv' >/dev/null; then
  scripts/fault-table.sh || rc=1
fi
exit $rc
