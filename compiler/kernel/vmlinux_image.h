// The kernel image BPFTRACE_VMLINUX names (an uncompressed vmlinux ELF with its symbol table), as
// bpftrace reads it: to check that `kprobe:fn+offset` lands on an instruction of fn. Without it
// the kernel makes that check when the tool attaches (x86 refuses such a kprobe with EILSEQ).
#pragma once

#include <cstdint>
#include <string>

namespace btc {

// Reads BPFTRACE_VMLINUX when it is set; false with `error` (one line) when the file cannot be
// read or is not an ELF file of this machine.
bool load_vmlinux_image(std::string& error);

// Why `function+offset` is no place for a kprobe in the image given with BPFTRACE_VMLINUX: an
// offset outside the function or inside one of its instructions. Empty when it is a place, and
// when there is no image or it cannot tell (`warning` then says why, if there is an image).
std::string vmlinux_offset_problem(const std::string& function, uint64_t offset,
                                   std::string& warning);

} // namespace btc
