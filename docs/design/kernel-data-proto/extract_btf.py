# Extract the vmlinux ELF (which holds .BTF) from a bzImage: tries LZ4 (5.10, 6.1 Debian cloud)
# and zstd (6.12) payloads. Usage: extract_btf.py VMLINUZ OUT; then `bpftool btf dump file OUT`.
import subprocess, sys
data = open(sys.argv[1], 'rb').read()
for magic, cmd in [(b'\x02\x21\x4c\x18', ['lz4', '-dc']), (b'\x28\xb5\x2f\xfd', ['zstd', '-dc']),
                   (b'\xfd7zXZ\x00', ['xz', '-dc']), (b'\x1f\x8b\x08', ['gzip', '-dc'])]:
    i = data.find(magic)
    while i != -1:
        out = subprocess.run(cmd, input=data[i:], capture_output=True).stdout
        if out[:4] == b'\x7fELF':
            open(sys.argv[2], 'wb').write(out); print(cmd[0], 'at', i, len(out), 'bytes'); sys.exit(0)
        i = data.find(magic, i + 1)
sys.exit('no compressed ELF found')
