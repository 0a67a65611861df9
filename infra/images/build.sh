#!/usr/bin/env bash
# Builds, offline-friendly, the images loadrig's container tests and demo use, from what this
# machine has: no registry is needed.
#   loadrig/node        FROM scratch: the host's node binary and the shared libraries it links
#   loadrig/sample-api  loadrig/node + the sample API bundled into one file (esbuild)
#   loadrig/debian      a debootstrap --variant=minbase bookworm, `docker import`ed
#   loadrig/postgres    loadrig/debian + postgresql-15 (official image's env and command interface)
#   loadrig/redis       loadrig/debian + redis-server
#   loadrig/nginx       loadrig/debian + nginx-light
# Usage: infra/images/build.sh [--force] [image ...]   (default: all; existing images are kept
# unless --force). Needs docker, and debootstrap plus a Debian mirror for the Debian-based ones.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
force=0
wanted=()
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    node | sample-api | debian | postgres | redis | nginx) wanted+=("$arg") ;;
    *) echo "unknown image '$arg' (node, sample-api, debian, postgres, redis, nginx)" >&2; exit 2 ;;
  esac
done
[ ${#wanted[@]} -eq 0 ] && wanted=(node sample-api debian postgres redis nginx)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

want() { [[ " ${wanted[*]} " == *" $1 "* ]]; }
have() { [ "$force" = 0 ] && docker image inspect "loadrig/$1" >/dev/null 2>&1; }
say() { echo "[images] $*"; }

# The mirror apt already uses (deb822 or one-line sources), so debootstrap needs no extra access.
debian_mirror() {
  local uri
  uri="$(grep -hoE '^URIs:\s*\S+' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)"
  [ -z "$uri" ] && uri="$(grep -hoE '^deb\s+(\[[^]]*\]\s+)?\S+' /etc/apt/sources.list 2>/dev/null | awk '{print $NF}' | grep -v security | head -1 || true)"
  echo "${uri:-http://deb.debian.org/debian}"
}

build_node() {
  local ctx="$work/node"
  mkdir -p "$ctx/rootfs/usr/bin"
  local node_bin
  node_bin="$(readlink -f "$(command -v node)")"
  cp "$node_bin" "$ctx/rootfs/usr/bin/node"
  # Every library node links, at the same path, plus the dynamic loader.
  ldd "$node_bin" | grep -oE '/[^ ]+' | while read -r lib; do
    mkdir -p "$ctx/rootfs$(dirname "$lib")"
    cp -L "$lib" "$ctx/rootfs$lib"
  done
  mkdir -p "$ctx/rootfs/tmp" "$ctx/rootfs/app" "$ctx/rootfs/etc"
  chmod 1777 "$ctx/rootfs/tmp"
  echo 'root:x:0:0:root:/root:/bin/sh' > "$ctx/rootfs/etc/passwd"
  echo 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >> "$ctx/rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$ctx/rootfs/etc/group"
  cp "$here/node/Dockerfile" "$ctx/"
  docker build -q -t loadrig/node -t "loadrig/node:$(node -p 'process.versions.node.split(".")[0]')" "$ctx" >/dev/null
}

build_sample_api() {
  local ctx="$work/sample-api"
  mkdir -p "$ctx"
  "$root/node_modules/.bin/esbuild" "$root/targets/sample-api/server.ts" --bundle --platform=node \
    --format=esm --target=node20 --log-level=warning --outfile="$ctx/server.mjs"
  cp "$here/sample-api/Dockerfile" "$ctx/"
  docker build -q -t loadrig/sample-api "$ctx" >/dev/null
}

build_debian() {
  command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 1; }
  local dir="$work/debian" mirror
  mirror="$(debian_mirror)"
  debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -c . | docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV DEBIAN_FRONTEND=noninteractive' -c 'CMD ["bash"]' - loadrig/debian >/dev/null
}

build_debian_based() {
  docker build -q --network host -t "loadrig/$1" "$here/$1" >/dev/null
}

started=$SECONDS
if want node && ! have node; then say "node"; build_node; fi
if want sample-api && ! have sample-api; then say "sample-api"; build_sample_api; fi
if want debian && ! have debian; then say "debian (debootstrap)"; build_debian; fi
pids=()
for name in postgres redis nginx; do
  if want "$name" && ! have "$name"; then
    say "$name"
    build_debian_based "$name" &
    pids+=($!)
  fi
done
for pid in "${pids[@]}"; do wait "$pid"; done
say "done in $((SECONDS - started)) s: $(docker images --format '{{.Repository}}' 'loadrig/*' | sort -u | tr '\n' ' ')"
