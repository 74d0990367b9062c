#!/usr/bin/env bash
# Fetch the Debian cloud kernels the VM test matrix boots.
#
# Usage: fetch-kernels.sh [SERIES...]     SERIES: 5.10, 6.1, 6.12 (default: all)
#
# Prints the path of one vmlinuz per requested series on stdout, in argument
# order; progress goes to stderr. Kernels are cached in
# ${BTC_VM_CACHE:-/var/cache/btc-vm}/kernels/SERIES/, so once they are there
# this script does no network work at all. Delete a series' directory to
# refresh it. The few kernel modules the cases load (MODULES below) are kept
# uncompressed next to the vmlinuz, in SERIES/modules/NAME.ko; run-matrix.sh
# puts them into the guest's /lib/modules/<release>/.
#
# Cloud kernels are used because they are LZ4-compressed (fast to boot under
# TCG) and still have BTF, kprobes, uprobes, tracepoints and a serial console
# built in. Kernel packages are only downloaded and their vmlinuz extracted,
# never installed: installing would run hooks and pull in initramfs-tools etc.
#
# Environment:
#   BTC_VM_CACHE   cache directory (default /var/cache/btc-vm)
#   BTC_VM_MIRROR  Debian mirror URL for suites other than the host's
#                  (default: the one the system's apt sources use)
set -euo pipefail
shopt -s inherit_errexit

readonly CACHE_DIR=${BTC_VM_CACHE:-/var/cache/btc-vm}
readonly ALL_SERIES=(5.10 6.1 6.12)
readonly KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
# The meta package that always depends on the current cloud kernel of a suite.
readonly META_PACKAGE=linux-image-cloud-amd64
# Modules the cases load, as paths below /lib/modules/<release>/kernel without
# the .ko suffix: small, with no dependencies, exercised from busybox.
readonly MODULES=(drivers/net/dummy)

log() { echo "fetch-kernels: $*" >&2; }
die() { log "error: $*"; exit 1; }

# The Debian suite that ships a given kernel series.
suite_of() {
  case $1 in
    5.10) echo bullseye ;;
    6.1) echo bookworm ;;
    6.12) echo trixie ;;
    *) die "unknown kernel series '$1' (known: ${ALL_SERIES[*]})" ;;
  esac
}

host_codename() {
  (. /etc/os-release && echo "${VERSION_CODENAME:-}")
}

# Print "URI SUITE" for every enabled 'deb' entry of the system's apt sources,
# in both the one-line (.list) and the deb822 (.sources) format.
system_sources() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -r $f ]] || continue
    # Drop comments and "[option=value ...]" blocks, keep "deb URI SUITE ...".
    sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk '$1 == "deb" && NF >= 3 { print $2, $3 }'
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -r $f ]] || continue
    awk '
      function flush(  nu, ns, u, s, i, j) {
        if (f["types"] ~ /(^|[ \t])deb([ \t]|$)/ && tolower(f["enabled"]) != "no") {
          nu = split(f["uris"], u); ns = split(f["suites"], s)
          for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) print u[i], s[j]
        }
        delete f; key = ""
      }
      /^#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^[ \t]/ { if (key != "") f[key] = f[key] " " $0; next }   # continuation line
      {
        key = tolower(substr($0, 1, index($0, ":") - 1))
        f[key] = substr($0, index($0, ":") + 1)
        gsub(/^[ \t]+|[ \t]+$/, "", f[key])
      }
      END { flush() }
    ' "$f"
  done
}

# The mirror the system uses for its own release: other suites live in the
# same archive, so reuse it rather than naming a host here.
system_mirror() {
  local codename
  codename=$(host_codename)
  [[ -n $codename ]] || return 1
  system_sources | awk -v suite="$codename" '$2 == suite { print $1; exit }' | grep .
}

# Run an apt tool (apt-get or apt-cache) with a private configuration rooted in
# DIR: its own sources list, package lists and cache, and no view of the
# system's sources, preferences or installed packages. The system's apt setup
# is never modified. The *Parts options point at an empty directory: a missing
# one makes apt warn.
apt_private() {
  local tool=$1 dir=$2
  shift 2
  "$tool" -q \
    -o Dir::Etc::SourceList="$dir/sources.list" \
    -o Dir::Etc::SourceParts="$dir/empty.d" \
    -o Dir::Etc::Preferences=/dev/null \
    -o Dir::Etc::PreferencesParts="$dir/empty.d" \
    -o Dir::State::Lists="$dir/lists" \
    -o Dir::Cache="$dir/cache" \
    -o Dir::State::status=/dev/null \
    -o Acquire::Check-Valid-Until=false \
    "$@"
}

# Same calling convention as apt_private, for the host's own suite: the
# system's configuration already knows it (DIR is ignored).
apt_system() {
  local tool=$1
  shift 2
  "$tool" -q "$@"
}

# The concrete kernel package behind the meta package, e.g.
# linux-image-6.1.0-56-cloud-amd64. Resolved at run time because the ABI
# number in the name changes with every Debian kernel update.
resolve_kernel_package() {
  local apt=$1 dir=$2
  "$apt" apt-cache "$dir" depends "$META_PACKAGE" 2>/dev/null |
    awk '$1 ~ /Depends:$/ && $2 ~ /^linux-image-/ { print $2; exit }'
}

# Download the suite's kernel package into the current directory.
# Prints the package name.
download_kernel() {
  local suite=$1 apt dir="" pkg
  if [[ $suite == "$(host_codename)" ]]; then
    apt=apt_system
    pkg=$(resolve_kernel_package "$apt" "$dir")
    # Lists may be missing (fresh machine) or stale (package gone from the
    # mirror): refresh once and retry.
    if [[ -z $pkg ]] || ! "$apt" apt-get "$dir" download "$pkg" >&2; then
      log "refreshing the system's package lists"
      apt-get -q update >&2
      pkg=$(resolve_kernel_package "$apt" "$dir")
      [[ -n $pkg ]] || die "no $META_PACKAGE in the system's apt sources"
      "$apt" apt-get "$dir" download "$pkg" >&2
    fi
  else
    apt=apt_private
    dir=$CACHE_DIR/apt/$suite
    local mirror=${BTC_VM_MIRROR:-}
    [[ -n $mirror ]] || mirror=$(system_mirror) ||
      die "cannot find the system's Debian mirror; set BTC_VM_MIRROR"
    [[ -r $KEYRING ]] || install_keyring
    mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/empty.d"
    echo "deb [signed-by=$KEYRING] $mirror $suite main" >"$dir/sources.list"
    log "updating private package lists for $suite from $mirror"
    "$apt" apt-get "$dir" update >&2
    pkg=$(resolve_kernel_package "$apt" "$dir")
    [[ -n $pkg ]] || die "no $META_PACKAGE in $suite"
    "$apt" apt-get "$dir" download "$pkg" >&2
  fi
  echo "$pkg"
}

install_keyring() {
  log "installing debian-archive-keyring"
  apt-get -q update >&2
  DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends debian-archive-keyring >&2
}

# The cached vmlinuz of a series, if there is exactly one and every module of
# MODULES is cached beside it (a cache from before modules were kept lacks them).
cached_vmlinuz() {
  local files=("$CACHE_DIR/kernels/$1"/vmlinuz-*) m
  [[ ${#files[@]} -eq 1 && -f ${files[0]} ]] || return 1
  for m in "${MODULES[@]}"; do
    [[ -f $CACHE_DIR/kernels/$1/modules/$(basename "$m").ko ]] || return 1
  done
  echo "${files[0]}"
}

# Unpack MODULES from the package's file tree in DIR into DIR/modules, each as
# an uncompressed NAME.ko: Debian compresses modules since 6.2 (xz in trixie)
# and busybox's insmod may lack the decompressor.
extract_modules() {
  local dir=$1 m ko
  mkdir -p "$dir/modules"
  for m in "${MODULES[@]}"; do
    ko=$(find "$dir" -path "*/lib/modules/*/kernel/$m.ko*" | head -n 1)
    [[ -n $ko ]] || die "no module $m in the kernel package"
    case $ko in
      *.ko) cp "$ko" "$dir/modules/" ;;
      *.ko.xz) xz -dc "$ko" >"$dir/modules/$(basename "$m").ko" ;;
      *.ko.zst) zstd -qdc "$ko" >"$dir/modules/$(basename "$m").ko" ;;
      *.ko.gz) gzip -dc "$ko" >"$dir/modules/$(basename "$m").ko" ;;
      *) die "unknown module compression: $ko" ;;
    esac
  done
}

# Make sure the series' vmlinuz is cached and print its path.
fetch_series() {
  local series=$1 suite dest tmp pkg
  suite=$(suite_of "$series")
  dest=$CACHE_DIR/kernels/$series
  if cached_vmlinuz "$series"; then
    return
  fi
  log "fetching the $series kernel from Debian $suite"
  mkdir -p "$CACHE_DIR/kernels"
  tmp=$(mktemp -d "$CACHE_DIR/kernels/.$series.XXXXXX")
  # apt-get download runs as the unprivileged _apt user and needs to write here.
  chmod 755 "$tmp"
  chown _apt "$tmp" 2>/dev/null || true
  pkg=$(cd "$tmp" && download_kernel "$suite")
  # Only the kernel image and the few modules the cases load are needed.
  local patterns=('./boot/vmlinuz-*') m
  for m in "${MODULES[@]}"; do
    # trixie's merged /usr has them below /usr/lib.
    patterns+=("./lib/modules/*/kernel/$m.ko*" "./usr/lib/modules/*/kernel/$m.ko*")
  done
  # tar reports the pattern of the layout the package does not use as not found.
  dpkg-deb --fsys-tarfile "$tmp/${pkg}"_*.deb |
    tar -x -C "$tmp" --wildcards "${patterns[@]}" 2>/dev/null || true
  extract_modules "$tmp"
  rm -rf "$dest"
  mkdir -p "$dest"
  mv "$tmp"/boot/vmlinuz-* "$tmp/modules" "$dest/"
  rm -rf "$tmp"
  cached_vmlinuz "$series" || die "no vmlinuz in $pkg"
}

main() {
  local series=("$@")
  [[ ${#series[@]} -gt 0 ]] || series=("${ALL_SERIES[@]}")
  local s
  for s in "${series[@]}"; do
    suite_of "$s" >/dev/null   # validate every argument before any download
  done
  for s in "${series[@]}"; do
    fetch_series "$s"
  done
}

main "$@"
