#!/usr/bin/env bash
# Installs the Debian 12 (bookworm) packages btc needs: to build (default) or also to run the
# test suite (--test). Only missing packages are installed.
set -euo pipefail

# libdw-dev: btc reads the debug info of uprobe targets (args by name); the tools it builds
# never need it.
build_packages=(
  cmake ninja-build g++ pkg-config
  clang-19 llvm-19-dev libclang-19-dev libclang-cpp19-dev
  libbpf-dev bpftool libelf-dev zlib1g-dev file libdw-dev
)
# linux-headers-amd64: kernel-internal headers for the preamble's #include tests (runqlat.bt's
# <linux/sched.h>); Debian's current kernel's, whatever kernel the machine runs. lz4, zstd: to
# unpack the BTF of the qemu matrix's kernels (tests/vm/kernel-btf.sh); xz-utils: their modules
# (trixie's dummy.ko.xz, tests/vm/fetch-kernels.sh). systemtap-sdt-dev: <sys/sdt.h>
# for the USDT probes of the programs the user-space tests trace (tests/targets). dpkg-dev
# (dpkg-shlibdeps, for cpack), strace, man-db, groff-base: the package and man page tests
# (tests/install). libclang-rt-19-dev: clang 19's sanitizer runtimes and libFuzzer
# (scripts/test-sanitize.sh).
test_packages=(
  googletest libgtest-dev python3 bpftrace clang-format git make
  qemu-system-x86 busybox-static cpio linux-headers-amd64 lz4 zstd xz-utils systemtap-sdt-dev
  dpkg-dev strace man-db groff-base
  libclang-rt-19-dev
)

packages=("${build_packages[@]}")
[[ ${1:-} == --test ]] && packages+=("${test_packages[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run as root, or: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
