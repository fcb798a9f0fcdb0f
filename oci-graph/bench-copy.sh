#!/usr/bin/env bash
# Times ocitrust against `oras copy -r` between two local docker-registry processes (see
# dev.ocitrust.graph.bench.CopyBenchmark). Needs docker-registry and oras on PATH (or
# OCITRUST_PEERS); not part of the build or the tests. Arguments: [runs [referrers [concurrency]]].
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl oci-graph -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
exec java -cp "oci-graph/target/test-classes:oci-graph/target/classes:$(cat oci-graph/target/bench.cp)" \
  dev.ocitrust.graph.bench.CopyBenchmark "$@"
