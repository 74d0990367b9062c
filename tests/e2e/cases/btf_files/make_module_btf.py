#!/usr/bin/env python3
"""Writes the module fixtures of the e2e cases kfunc_module_file*: `module_base.btf`, a small
kernel BTF, and `btc_mod.ko`, a kernel module's ELF whose .BTF section is split BTF on it (as
pahole writes a module's) and whose .modinfo names it and a kernel release no host runs.

BTF through the system's libbpf (ctypes), the ELF through cc and objcopy. Run it here after
changing it; the outputs are committed."""
import ctypes
import os
import subprocess
import tempfile

lib = ctypes.CDLL("libbpf.so.1")
lib.btf__new_empty.restype = ctypes.c_void_p
lib.btf__new_empty_split.restype = ctypes.c_void_p
lib.btf__new_empty_split.argtypes = [ctypes.c_void_p]
lib.btf__raw_data.restype = ctypes.c_void_p
lib.btf__raw_data.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint32)]
for name, args in {
    "btf__add_int": [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int],
    "btf__add_array": [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_uint32],
    "btf__add_struct": [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32],
    "btf__add_field": [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_uint32,
                       ctypes.c_uint32],
    "btf__add_ptr": [ctypes.c_void_p, ctypes.c_int],
    "btf__add_func_proto": [ctypes.c_void_p, ctypes.c_int],
    "btf__add_func_param": [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int],
    "btf__add_func": [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int],
}.items():
    getattr(lib, name).argtypes = args
BTF_INT_SIGNED = 1
BTF_FUNC_STATIC = 0


def raw(btf):
    size = ctypes.c_uint32()
    data = lib.btf__raw_data(btf, ctypes.byref(size))
    return ctypes.string_at(data, size.value)


def check(value):
    if value < 0:
        raise SystemExit("libbpf failed")
    return value


base = lib.btf__new_empty()
s32 = check(lib.btf__add_int(base, b"int", 4, BTF_INT_SIGNED))
char = check(lib.btf__add_int(base, b"char", 1, 0))
name = check(lib.btf__add_array(base, s32, char, 16))
dev = check(lib.btf__add_struct(base, b"btc_test_dev", 20))
check(lib.btf__add_field(base, b"id", s32, 0, 0))
check(lib.btf__add_field(base, b"name", name, 32, 0))

module = lib.btf__new_empty_split(base)
ptr = check(lib.btf__add_ptr(module, dev))
proto = check(lib.btf__add_func_proto(module, s32))
check(lib.btf__add_func_param(module, b"dev", ptr))
check(lib.btf__add_func_param(module, b"flags", s32))
check(lib.btf__add_func(module, b"btc_mod_fn", BTF_FUNC_STATIC, proto))

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "module_base.btf"), "wb") as f:
    f.write(raw(base))
with tempfile.TemporaryDirectory() as tmp:
    with open(os.path.join(tmp, "btf"), "wb") as f:
        f.write(raw(module))
    with open(os.path.join(tmp, "modinfo"), "wb") as f:
        f.write(b"name=btc_mod\0vermagic=0.0.0-btc-test SMP mod_unload\0")
    subprocess.run(["cc", "-c", "-x", "c", "/dev/null", "-o", os.path.join(tmp, "empty.o")],
                   check=True)
    subprocess.run(["objcopy", "--add-section", ".modinfo=" + os.path.join(tmp, "modinfo"),
                    "--add-section", ".BTF=" + os.path.join(tmp, "btf"),
                    os.path.join(tmp, "empty.o"), os.path.join(here, "btc_mod.ko")], check=True)
