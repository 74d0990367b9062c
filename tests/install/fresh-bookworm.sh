#!/bin/sh
# The Debian package on a fresh Debian 12: a minimal bookworm root (mmdebstrap, from the
# network), `apt-get install --no-install-recommends ./btc_*.deb` in it (Depends alone must do),
# then btc in that root builds a tool and, with BPF, runs it. Slow (a few minutes, ~400 MB
# downloaded): ctest runs it only when configured with -DBTC_TEST_FRESH_BOOKWORM=ON.
# Usage: fresh-bookworm.sh BUILD_DIR   (as root; status 77: skipped, not root)
set -eu
build=$(realpath "$1")
[ "$(id -u)" -eq 0 ] || { echo "skip: mmdebstrap and chroot need root"; exit 77; }
command -v mmdebstrap > /dev/null || { echo "FAIL: mmdebstrap is not installed"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/btc-fresh-XXXXXX")
trap 'rm -rf "$work"' EXIT

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/pkg" > "$work/cpack.log" 2>&1 ||
  { echo "FAIL: cpack"; tail -n 20 "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/pkg/btc_*.deb)

cat > "$work/hello.bt" <<'SCRIPT'
BEGIN { printf("hello from a fresh bookworm\n"); exit(); }
SCRIPT
# The tool runs only where BPF works; building it needs no root.
cat > "$work/check.sh" <<'CHECK'
set -eu
cd /tmp
btc --version
btc hello.bt -o hello
./hello --help | head -n 1
if [ -e /sys/kernel/btf/vmlinux ]; then
  ./hello | grep -qx 'hello from a fresh bookworm'
  echo "the tool ran"
fi
man -w btc 2> /dev/null || true
CHECK

if mmdebstrap --variant=minbase --quiet \
  --customize-hook="copy-in $deb $work/hello.bt $work/check.sh /tmp" \
  --customize-hook="chroot \"\$1\" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
--no-install-recommends /tmp/$(basename "$deb")" \
  --customize-hook='chroot "$1" sh /tmp/check.sh' \
  bookworm "$work/root" > "$work/mmdebstrap.log" 2>&1; then
  grep -E '^(btc |usage:|the tool ran|Setting up btc)' "$work/mmdebstrap.log"
  echo "ok: installed with apt on a fresh bookworm, and its btc built a tool"
else
  echo "FAIL: see the log's end:"
  tail -n 40 "$work/mmdebstrap.log"
  exit 1
fi
