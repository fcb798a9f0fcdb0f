#!/usr/bin/env bash
# Installs the real OCI peers that the *IT tests run against (Debian 12, as root):
#   docker-registry (CNCF distribution 2.8), skopeo, apache2-utils (htpasswd) and tinyproxy-bin (an HTTP
#   forward proxy for the proxy tests) from the system's suites;
#   notation, oras and crane from Debian's unstable suite, unpacked under DEST without touching the
#   system's apt configuration (a private sources list, lists and cache live under DEST);
#   notation-go-blob, the blob signing test peer of oci-testkit (src/main/go), built with Debian
#   unstable's Go toolchain against its notation-go library (the packaged notation command line
#   has no blob command), also under DEST;
#   @transmute/cose (pinned) from npm under DEST/node, run by DEST/usr/bin/transmute-receipts.
# The Debian mirror is read from the system's own apt sources; no host is named here.
# Usage: scripts/install-peers.sh [DEST]   (default: $HOME/.cache/ocitrust-peers)
# Prints DEST/usr/bin, the folder to put on PATH.
set -euo pipefail
dest=${1:-$HOME/.cache/ocitrust-peers}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)

if ! command -v docker-registry >/dev/null || ! command -v skopeo >/dev/null || ! command -v htpasswd >/dev/null \
    || ! command -v tinyproxy >/dev/null; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry skopeo apache2-utils tinyproxy-bin >&2
fi

# @transmute/cose (npm), an independent implementation of COSE receipts (vds 1) for the interop
# tests, behind the wrapper DEST/usr/bin/transmute-receipts (scripts/transmute-receipts.js).
transmute_version=0.2.11
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >&2
fi
node_dir=$dest/node
if ! grep -qs "\"version\": \"$transmute_version\"" "$node_dir/node_modules/@transmute/cose/package.json"; then
  mkdir -p "$node_dir"
  npm install --prefix "$node_dir" --no-audit --no-fund --loglevel=error "@transmute/cose@$transmute_version" >&2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cp "$here/transmute-receipts.js" "$node_dir/transmute-receipts.js"
mkdir -p "$dest/usr/bin"
printf '#!/bin/sh\nNODE_PATH=%s/node_modules exec node %s/transmute-receipts.js "$@"\n' "$node_dir" "$node_dir" \
  > "$dest/usr/bin/transmute-receipts"
chmod +x "$dest/usr/bin/transmute-receipts"

peers_src=$(cd "$(dirname "$0")/../oci-testkit/src/main/go" && pwd)
blob_peer=$dest/usr/bin/notation-go-blob
# the peer is rebuilt when its source changed (a fresh clone's file times say nothing)
blob_src_sum=$(cat "$peers_src"/notation-go-blob/*.go | sha256sum | cut -d' ' -f1)
if [[ -x $dest/usr/bin/notation && -x $dest/usr/bin/oras && -x $dest/usr/bin/crane && -x $blob_peer \
      && $(cat "$dest/go/notation-go-blob.sum" 2>/dev/null) == "$blob_src_sum" ]]; then
  echo "$dest/usr/bin"
  exit 0
fi

mirror=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\/debian\)[[:space:]]*$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)
[[ -n $mirror ]] || mirror=$(awk '$1=="deb" && $2 ~ /\/debian\/?$/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
[[ -n $mirror ]] || { echo "install-peers: no Debian mirror found in the apt sources" >&2; exit 1; }

apt_dir=$dest/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$dest/debs" "$dest/godebs" "$dest/go/root"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main" > "$apt_dir/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o APT::Sandbox::User=root)
apt-get "${apt_opts[@]}" update -qq >&2
if [[ ! -x $dest/usr/bin/notation || ! -x $dest/usr/bin/oras || ! -x $dest/usr/bin/crane ]]; then
  (cd "$dest/debs" && apt-get "${apt_opts[@]}" download notation oras crane >&2)
  for deb in "$dest"/debs/*.deb; do dpkg-deb -x "$deb" "$dest"; done
fi

# the Go toolchain and the Go sources notation-go needs (Debian's -dev packages hold sources);
# go-ldap is used by notation-go but not declared by its package
if ! ls "$dest"/go/root/usr/lib/go-1.*/bin/go "$dest"/godebs/*notation-go-dev* >/dev/null 2>&1; then
  go_pkgs=$(apt-cache "${apt_opts[@]}" depends --recurse --no-recommends --no-suggests --no-conflicts \
              --no-breaks --no-replaces --no-enhances \
              golang-go golang-github-notaryproject-notation-go-dev golang-github-go-ldap-ldap-dev 2>/dev/null \
            | grep -E '^golang-' | grep -v -e '^golang-golang-x-tools$' | sort -u)
  # shellcheck disable=SC2086 # one package name a word
  (cd "$dest/godebs" && apt-get "${apt_opts[@]}" download $go_pkgs >&2)
  for deb in "$dest"/godebs/*.deb; do dpkg-deb -x "$deb" "$dest/go/root"; done
fi
goroot=$(ls -d "$dest"/go/root/usr/lib/go-1.* | sort -V | tail -n1)
mkdir -p "$dest/usr/bin"
(cd "$peers_src/notation-go-blob" \
  && CGO_ENABLED=0 GOROOT=$goroot GOPATH=$dest/go/root/usr/share/gocode GO111MODULE=off GOTOOLCHAIN=local \
     GOPROXY=off GOFLAGS= GOCACHE=$dest/go/cache "$goroot/bin/go" build -o "$blob_peer" .)
echo "$blob_src_sum" > "$dest/go/notation-go-blob.sum"
"$dest/usr/bin/notation" version >&2
"$dest/usr/bin/oras" version >&2
"$dest/usr/bin/crane" version >&2
echo "$dest/usr/bin"
