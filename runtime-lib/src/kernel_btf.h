// The running kernel's BTF, read at most once per process and shared by whatever needs it
// (CO-RE's minimal BTF, kernel function lookups). Mapped where the kernel allows it (6.16+),
// else read, which is most of the cost on older kernels: the file gives 4 KB per read().
#pragma once

#include "btf_view.h"

#include <string>

namespace btc::rt {

inline constexpr const char* kKernelBtfPath = "/sys/kernel/btf/vmlinux";

// The kernel's BTF, or nullptr with `error` set to one line saying why it cannot be had.
// Later calls return the same view (or fail the same way) without reading again.
const BtfView* kernel_btf(std::string& error);

// Whether the kernel's BTF can be read, from its header alone, for a tool that needs it but
// leaves the reading to libbpf. False with `error` set as kernel_btf() sets it.
bool kernel_btf_readable(std::string& error);

// kfunc_exist("name"): whether the kernel's BTF has a function `name` that BPF programs may call.
// Where the BTF tags kfuncs (a "bpf_kfunc" decl tag, Linux 6.9+ built with pahole 1.26+), the
// function must carry the tag; before that, any function of the name counts. False with `error`
// set when the BTF cannot be read.
bool kernel_has_kfunc(const std::string& name, bool& found, std::string& error);

// Whether /sys/kernel/btf holds BTF of modules besides vmlinux.
bool has_module_btf();

} // namespace btc::rt
