#!/usr/bin/env bash
# The kernel BTF of a matrix kernel, as raw BTF that `btc --btf` reads: unpacked from the
# cached Debian vmlinuz (fetch-kernels.sh) and kept, named by the kernel's release so that a
# newer Debian kernel gets its own, and later runs cost nothing.
#
# Usage: kernel-btf.sh SERIES     SERIES: 5.10, 6.1, 6.12. Prints the BTF file's path.
set -euo pipefail

series=${1:?usage: kernel-btf.sh SERIES}
here=$(cd "$(dirname "$0")" && pwd)
cache=${BTC_VM_CACHE:-/var/cache/btc-vm}/btf
vmlinuz=$("$here/fetch-kernels.sh" "$series")
release=$(basename "$vmlinuz")
out=$cache/${release#vmlinuz-}.btf
if [ -s "$out" ]; then
  echo "$out"
  exit 0
fi
mkdir -p "$cache"
work=$(mktemp -d /tmp/btc-btf.XXXXXX)
trap 'rm -rf "$work"' EXIT
# The bzImage holds the vmlinux ELF compressed (LZ4 on 5.10/6.1, zstd on 6.12): find the
# compressed stream that unpacks to an ELF.
python3 - "$vmlinuz" "$work/vmlinux" <<'PY'
import subprocess, sys
data = open(sys.argv[1], 'rb').read()
for magic, cmd in [(b'\x02\x21\x4c\x18', ['lz4', '-dc']), (b'\x28\xb5\x2f\xfd', ['zstd', '-dc']),
                   (b'\xfd7zXZ\x00', ['xz', '-dc']), (b'\x1f\x8b\x08', ['gzip', '-dc'])]:
    i = data.find(magic)
    while i != -1:
        out = subprocess.run(cmd, input=data[i:], capture_output=True).stdout
        if out[:4] == b'\x7fELF':
            open(sys.argv[2], 'wb').write(out)
            sys.exit(0)
        i = data.find(magic, i + 1)
sys.exit('kernel-btf: no compressed ELF found in ' + sys.argv[1])
PY
llvm-objcopy --dump-section .BTF="$work/btf" "$work/vmlinux" /dev/null 2>/dev/null ||
  objcopy --dump-section .BTF="$work/btf" "$work/vmlinux" "$work/discard"
mv "$work/btf" "$out"
echo "$out"
