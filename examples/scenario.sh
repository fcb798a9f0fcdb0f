#!/usr/bin/env bash
# The scenario ocitrust exists for, with the ocitrust command line alone: Wabbit Networks builds
# net-monitor:v1, pushes it with an SBOM and build evidence, signs it and attaches signed claims;
# publishes a subset; ACME Rockets copies it with everything attached, adds its own claims and
# lets it through the deployment gate for an environment; then update, archive and purge.
#
# Usage: examples/scenario.sh [--registry HOST [--plain-http]] [--keep]
#   (no option)       every store is an OCI image layout in a temporary folder, no registry needed
#   --registry HOST   the same steps against a registry: HOST/wabbit/net-monitor,
#                     HOST/public/net-monitor, HOST/acme/net-monitor
#   --plain-http      talk plain HTTP to HOST (a local docker-registry)
#   --keep            keep the temporary folder and print where it is
# Needs: bash, openssl, tar, sha256sum, and the ocitrust command ($OCITRUST, default: bin/ocitrust
# of this checkout, built with ./mvnw -q -DskipTests package).
#
# Each step prints its commands and their output. A step whose commands this build of ocitrust
# does not have yet stops the scenario there, says so, and exits 0; such a step is written as
#   step N "title"; pending "COMMAND" ...
# and becomes real by replacing the `pending` line with `needs "COMMAND" ...` and its commands.
# A step whose commands exist but that is still `pending` fails (exit 3): write it.
set -euo pipefail

usage() { sed -n '8,14p' "$0" | sed 's/^# \{0,1\}//'; }

registry="" plain_http=false keep=false
while [[ $# -gt 0 ]]; do
  case $1 in
    --registry) [[ $# -ge 2 ]] || { echo "scenario: --registry needs a HOST" >&2; exit 2; }
                registry=$2; shift 2 ;;
    --plain-http) plain_http=true; shift ;;
    --keep) keep=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "scenario: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
if $plain_http && [[ -z $registry ]]; then
  echo "scenario: --plain-http needs --registry HOST" >&2; exit 2
fi
for tool in openssl tar sha256sum; do
  command -v "$tool" >/dev/null || { echo "scenario: $tool is not installed" >&2; exit 2; }
done

checkout=$(cd "$(dirname "$0")/.." && pwd)
ocitrust_command=${OCITRUST:-$checkout/bin/ocitrust}
# Each command is printed as the user types it: "ocitrust", not the launcher's path.
ocitrust() { "$ocitrust_command" "$@"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ocitrust-scenario.XXXXXX")
if $keep; then
  trap 'echo "(kept the scenario folder: $work)"' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi
cd "$work"

# Where the three parties keep net-monitor, and the flags that say so.
if [[ -n $registry ]]; then
  wabbit=$registry/wabbit/net-monitor public=$registry/public/net-monitor
  acme=$registry/acme/net-monitor archive=$registry/archive/net-monitor
  at=() from=() to=()
  if $plain_http; then at=(--plain-http) from=(--from-plain-http) to=(--to-plain-http); fi
else
  wabbit=wabbit/net-monitor public=public/net-monitor acme=acme/net-monitor
  archive=archive/net-monitor
  at=(--oci-layout) from=(--from-oci-layout) to=(--to-oci-layout)
fi

# --- printing --------------------------------------------------------------------------------

steps_run=0
step() {
  printf '\n== %s. %s\n' "$1" "$2"
  current_step=$1 current_title=$2
}

# Prints the command as typed, with arguments that need it in single quotes.
show() {
  local line="$" arg
  for arg in "$@"; do
    if [[ $arg =~ ^[A-Za-z0-9_@%+=:,./-]+$ ]]; then line+=" $arg"; else line+=" '$arg'"; fi
  done
  printf '%s\n' "$line"
}

# run [-s STATUS] COMMAND...: prints it, runs it, prints its output (standard error too) and
# fails the scenario unless it exits with STATUS (default 0).
run() {
  local expected=0 status=0
  if [[ $1 == -s ]]; then expected=$2; shift 2; fi
  show "$@"
  "$@" 2>&1 || status=$?
  if [[ $status -ne $expected ]]; then
    echo "scenario: step $current_step: exit status $status, expected $expected" >&2
    exit 1
  fi
}

# The digest that a signing or attaching command printed last ("Digest: sha256:...").
digest_of() { sed -n 's/^Digest: //p' | tail -n1; }

# --- commands this build has -----------------------------------------------------------------

# has WORDS... [-- --OPTION]: the subcommand exists (and has the option).
has() {
  local words=() option=""
  while [[ $# -gt 0 ]]; do
    if [[ $1 == -- ]]; then option=$2; break; fi
    words+=("$1"); shift
  done
  local help
  # an unknown subcommand with --help prints its parent's usage: check whose usage it is
  help=$(ocitrust "${words[@]}" --help 2>/dev/null) || return 1
  grep -q "^Usage: ocitrust ${words[*]} " <<<"$help" || return 1
  [[ -z $option ]] || grep -qE -- "(^|[ ,\[])$option([]=, ]|$)" <<<"$help"
}

describe() { local d="$*"; printf 'ocitrust %s' "${d/ -- / }"; }

# needs SPEC...: each SPEC is "WORDS" or "WORDS -- --OPTION"; stops the scenario when one is missing.
needs() {
  local spec
  for spec in "$@"; do
    # shellcheck disable=SC2086 # a spec is words
    if ! has $spec; then
      printf '\nThe scenario stops here: step %s (%s) needs `%s`, which this build of ocitrust does not have yet.\n' \
        "$current_step" "$current_title" "$(describe $spec)"
      printf 'Steps 0 to %s ran.\n' "$((current_step - 1))"
      exit 0
    fi
  done
}

# pending SPEC...: a step not written yet; stops like needs, or fails once its commands exist.
pending() {
  needs "$@"
  printf 'scenario: step %s (%s): its commands exist now; write the step in examples/scenario.sh\n' \
    "$current_step" "$current_title" >&2
  exit 3
}

# --- what the build makes ----------------------------------------------------------------------

# blob DIR FILE: moves FILE into DIR's blobs and prints its descriptor's "digest" and "size".
blob() {
  local hex size
  hex=$(sha256sum "$2" | cut -d' ' -f1)
  size=$(stat -c %s "$2")
  mv "$2" "$1/blobs/sha256/$hex"
  printf '"digest":"sha256:%s","size":%s' "$hex" "$size"
}

# build_image DIR TAG FILE...: an OCI image layout holding one image whose single layer is a
# reproducible tar of FILE..., as any image builder leaves it (buildah, jib, docker buildx).
build_image() {
  local dir=$1 tag=$2 layer config manifest
  shift 2
  mkdir -p "$dir/blobs/sha256"
  printf '{"imageLayoutVersion":"1.0.0"}' >"$dir/oci-layout"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$dir/layer" "$@"
  layer=$(blob "$dir" "$dir/layer")
  printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["%s"]}}' \
    "$(sed 's/^"digest":"\([^"]*\)".*/\1/' <<<"$layer")" >"$dir/config"
  config=$(blob "$dir" "$dir/config")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json",%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar",%s}]}' \
    "$config" "$layer" >"$dir/manifest"
  manifest=$(blob "$dir" "$dir/manifest")
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json",%s,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}' \
    "$manifest" "$tag" >"$dir/index.json"
  sed 's/^"digest":"\([^"]*\)".*/\1/' <<<"$manifest"
}

# party NAME DOMAIN: a test CA and a code-signing leaf certificate (the Notary Project rules:
# digitalSignature, codeSigning, not a CA) under keys/: NAME.key and NAME.crt (leaf, then CA).
party() {
  local name=$1 domain=$2 k=keys/$1
  mkdir -p keys
  openssl req -x509 -newkey rsa:3072 -nodes -keyout "$k-ca.key" -out "$k-ca.crt" -days 30 \
    -subj "/C=US/ST=WA/O=$domain/CN=$domain test CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$k.key" -out "$k.csr" \
    -subj "/C=US/ST=WA/O=$domain/CN=$domain" 2>/dev/null
  openssl x509 -req -in "$k.csr" -CA "$k-ca.crt" -CAkey "$k-ca.key" -CAcreateserial -days 7 \
    -out "$k-leaf.crt" -extfile <(printf '%s\n' basicConstraints=critical,CA:FALSE \
      keyUsage=critical,digitalSignature extendedKeyUsage=codeSigning) 2>/dev/null
  cat "$k-leaf.crt" "$k-ca.crt" >"$k.crt"
  echo "keys/$name.key, keys/$name.crt: $(openssl x509 -in "$k-leaf.crt" -noout -subject), issued by its test CA"
}

# trust NAME CONFIG: puts NAME's test CA into the trust store ca:NAME of the notation folder CONFIG.
trust() {
  mkdir -p "$2/truststore/x509/ca/$1"
  cp "keys/$1-ca.crt" "$2/truststore/x509/ca/$1/"
}

wabbit_signer=(--key keys/wabbit.key --cert keys/wabbit.crt)
wabbit_issuer=("${wabbit_signer[@]}" --issuer https://wabbit-networks.example)
acme_issuer=(--key keys/acme.key --cert keys/acme.crt --issuer https://acme-rockets.example)
internal_type=application/vnd.wabbit.test-report+json

# --- the scenario ------------------------------------------------------------------------------

if [[ -n $registry ]]; then where="registry $registry"; else where="OCI image layouts"; fi
echo "The ocitrust scenario on $where ($(ocitrust --version | head -n1))"

step 0 "Keys and policies: a test CA and a code-signing certificate for each party (openssl)"
party wabbit wabbit-networks.example
party acme acme-rockets.example
trust wabbit acme/notation
trust acme acme/notation
cat >acme/notation/trustpolicy.json <<'EOF'
{"version": "1.0", "trustPolicies": [{
  "name": "wabbit", "registryScopes": ["*"], "signatureVerification": {"level": "strict"},
  "trustStores": ["ca:wabbit"],
  "trustedIdentities": ["x509.subject: C=US, ST=WA, O=wabbit-networks.example, CN=wabbit-networks.example"]}]}
EOF
cat >acme/notation/claimpolicy.json <<'EOF'
{"version": "1.0", "claimPolicies": [{
  "name": "acme", "registryScopes": ["*"], "environments": ["staging", "prod"], "mode": "enforce",
  "issuers": [
    {"name": "acme", "role": "consumer", "iss": ["https://acme-rockets.example"], "trustStores": ["ca:acme"],
     "trustedIdentities": ["x509.subject: C=US, ST=WA, O=acme-rockets.example, CN=acme-rockets.example"]},
    {"name": "wabbit", "role": "publisher", "iss": ["https://wabbit-networks.example"], "trustStores": ["ca:wabbit"],
     "trustedIdentities": ["x509.subject: C=US, ST=WA, O=wabbit-networks.example, CN=wabbit-networks.example"]}],
  "precedence": ["acme", "wabbit"],
  "rules": [
    {"name": "scanned", "requireClaim": {"contentType": "application/sarif+json", "from": ["acme", "wabbit"], "maxAge": "P30D"}},
    {"name": "approved", "requireApproval": {"from": ["acme"]}},
    {"name": "not-rejected", "denyRejection": {"from": ["acme", "wabbit"]}},
    {"name": "lifecycle", "lifecycle": {"from": ["wabbit", "acme"], "overridableBy": ["acme"]}}]}]}
EOF
echo "acme/notation: trustpolicy.json (Wabbit's signatures), claimpolicy.json (staging and prod:"
echo "  a scan, ACME's approval, no rejection, lifecycle notices), truststore/x509/ca/{wabbit,acme}"

step 1 "Creation: Wabbit pushes net-monitor:v1, attaches an SBOM and build evidence, signs both"
needs copy attach sign discover
mkdir -p src && printf '#!/bin/sh\necho net-monitor v1\n' >src/net-monitor
image=$(build_image build/net-monitor v1 -C src net-monitor)
echo "the build wrote the image as an OCI image layout: build/net-monitor:v1 ($image)"
printf '{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"net-monitor-v1","dataLicense":"CC0-1.0","documentNamespace":"https://wabbit-networks.example/spdx/net-monitor-v1","creationInfo":{"created":"2026-01-01T00:00:00Z","creators":["Tool: wabbit-build"]},"packages":[{"SPDXID":"SPDXRef-net-monitor","name":"net-monitor","versionInfo":"v1","downloadLocation":"NOASSERTION"}]}\n' >sbom.spdx.json
printf '{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"net-monitor","digest":{"sha256":"%s"}}],"predicateType":"https://slsa.dev/provenance/v1","predicate":{"buildDefinition":{"buildType":"https://wabbit-networks.example/build/v1"},"runDetails":{"builder":{"id":"https://wabbit-networks.example/ci"}}}}\n' \
  "${image#sha256:}" >provenance.json
run ocitrust copy --from-oci-layout "${to[@]}" build/net-monitor:v1 "$wabbit:v1"
out=$(run ocitrust attach "${at[@]}" --artifact-type application/spdx+json "$wabbit:v1" \
  sbom.spdx.json:application/spdx+json) && echo "$out"
sbom=$(digest_of <<<"$out")
run ocitrust attach "${at[@]}" --artifact-type application/vnd.in-toto+json "$wabbit:v1" \
  provenance.json:application/vnd.in-toto+json
run ocitrust sign "${at[@]}" "${wabbit_signer[@]}" "$wabbit:v1"
run ocitrust sign "${at[@]}" "${wabbit_signer[@]}" "$wabbit@$sbom"

step 2 "Verification: Wabbit's scan and internal test report as signed claims, and its approval"
needs "claim add" "claim approve"
printf '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"wabbit-scan"}},"results":[]}]}\n' >wabbit-scan.sarif
printf '{"suite":"net-monitor-integration","passed":412,"failed":0}\n' >test-report.json
run ocitrust claim add "${at[@]}" "${wabbit_issuer[@]}" --type application/sarif+json "$wabbit:v1" wabbit-scan.sarif
run ocitrust claim add "${at[@]}" "${wabbit_issuer[@]}" --type $internal_type "$wabbit:v1" test-report.json
run ocitrust claim approve "${at[@]}" "${wabbit_issuer[@]}" --environment prod --reason "release tests passed" "$wabbit:v1"
run ocitrust discover "${at[@]}" "$wabbit:v1"

step 3 "Distribution: Wabbit publishes net-monitor:v1 without its internal test report"
needs "copy -- --exclude-type"
run ocitrust copy -r "${from[@]}" "${to[@]}" --exclude-type $internal_type "$wabbit:v1" "$public:v1"
run ocitrust discover "${at[@]}" "$public:v1"

step 4 "Consumer distribution: ACME copies it with everything attached"
run ocitrust copy -r "${from[@]}" "${to[@]}" "$public:v1" "$acme:v1"

step 5 "Consumer verification: ACME scans again and approves it for prod"
needs "claim list"
printf '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"acme-scan"}},"results":[]}]}\n' >acme-scan.sarif
run ocitrust claim add "${at[@]}" "${acme_issuer[@]}" --type application/sarif+json "$acme:v1" acme-scan.sarif
run ocitrust claim approve "${at[@]}" "${acme_issuer[@]}" --environment prod --reason "scan clean" "$acme:v1"
run ocitrust claim list "${at[@]}" --config acme/notation "$acme:v1"

step 6 "Consumption: the deployment gate, signature and claims, for prod and for staging"
needs "verify -- --environment"
run ocitrust verify "${at[@]}" --config acme/notation --environment prod "$acme:v1"
run -s 1 ocitrust verify "${at[@]}" --config acme/notation --environment staging "$acme:v1"

step 7 "Update: Wabbit publishes v2 and marks v1 deprecated in its favour; ACME syncs"
needs "claim lifecycle" "sync" "verify -- --follow-redirect"
printf '#!/bin/sh\necho net-monitor v2\n' >src/net-monitor
image2=$(build_image build/net-monitor-v2 v2 -C src net-monitor)
echo "the build wrote v2: build/net-monitor-v2:v2 ($image2)"
run ocitrust copy --from-oci-layout "${to[@]}" build/net-monitor-v2:v2 "$wabbit:v2"
run ocitrust sign "${at[@]}" "${wabbit_signer[@]}" "$wabbit:v2"
run ocitrust claim add "${at[@]}" "${wabbit_issuer[@]}" --type application/sarif+json "$wabbit:v2" wabbit-scan.sarif
run ocitrust claim lifecycle "${at[@]}" "${wabbit_issuer[@]}" --state deprecated --successor v2 \
  --reason "v2 replaces it" "$wabbit:v1"
# Wabbit publishes what is new, still without its internal report; ACME syncs what is public:
# exit status 3, v1's verdict changed (the deprecation warns)
run ocitrust sync "${from[@]}" "${to[@]}" --all-tags --exclude-type $internal_type "$wabbit" "$public"
run -s 3 ocitrust sync "${from[@]}" "${to[@]}" --config acme/notation --environment prod --all-tags \
  "$public" "$acme"
run ocitrust claim add "${at[@]}" "${acme_issuer[@]}" --type application/sarif+json "$acme:v2" acme-scan.sarif
run ocitrust claim approve "${at[@]}" "${acme_issuer[@]}" --environment prod --reason "scan clean" "$acme:v2"
run ocitrust verify "${at[@]}" --config acme/notation --environment prod --follow-redirect "$acme:v1"

step 8 "Archival: ACME retires v1 and archives it with every claim, its deployment record closed"
needs "claim deployed" "claim deployments" archive
run ocitrust claim deployed "${at[@]}" "${acme_issuer[@]}" --environment prod \
  --from 2026-11-02T09:00:00Z "$acme:v1"
run ocitrust claim deployments "${at[@]}" --config acme/notation --environment prod "$acme:v1"
run ocitrust archive "${from[@]}" "${to[@]}" "${acme_issuer[@]}" --config acme/notation \
  --environment prod "$acme:v1" "$archive:v1"
# the archive also holds net-monitor v0, in production from March 2023 to June 2024
printf '#!/bin/sh\necho net-monitor v0\n' >src/net-monitor
image0=$(build_image build/net-monitor-v0 v0 -C src net-monitor)
run ocitrust copy --from-oci-layout "${to[@]}" build/net-monitor-v0:v0 "$archive:v0"
run ocitrust sign "${at[@]}" "${wabbit_signer[@]}" "$archive:v0"
run ocitrust claim deployed "${at[@]}" "${acme_issuer[@]}" --environment prod \
  --from 2023-03-01T00:00:00Z --to 2024-06-30T00:00:00Z "$archive:v0"

step 9 "Retention: the archive keeps what ran in prod within a year, and purges the rest"
needs "purge -- --retention"
printf '{"version": "1.0", "environment": "prod", "rules": [
  {"name": "deployed", "keepWhileDeployed": {}},
  {"name": "archived", "keepAfterDeployment": {"period": "P365D"}}]}\n' >retention.json
cat retention.json
run ocitrust purge "${at[@]}" --retention retention.json --config acme/notation --dry-run "$archive"
run ocitrust purge "${at[@]}" --retention retention.json --config acme/notation "$archive"
run ocitrust verify "${at[@]}" --config acme/notation --environment prod "$archive:v1"

echo
echo "The scenario ran to the end."
