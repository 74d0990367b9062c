#include "kernel/vmlinux_image.h"

#include "user/elf_image.h"
#include "user/x86_length.h"

#include <cstdint>
#include <cstdlib>
#include <memory>

namespace btc {
namespace {

std::unique_ptr<rt::ElfImage>& image() {
  static std::unique_ptr<rt::ElfImage> the_image;
  return the_image;
}

} // namespace

bool load_vmlinux_image(std::string& error) {
  const char* path = std::getenv("BPFTRACE_VMLINUX");
  if (!path || !*path) return true;
  image() = rt::ElfImage::open(path, error);
  if (!image()) {
    error = "BPFTRACE_VMLINUX: " + error;
    return false;
  }
  return true;
}

std::string vmlinux_offset_problem(const std::string& function, uint64_t offset,
                                   std::string& warning) {
  const rt::ElfImage* vmlinux = image().get();
  if (!vmlinux) return "";
  const rt::ElfFunction* fn = nullptr;
  for (const rt::ElfFunction& f : vmlinux->functions())
    if (f.name == function) fn = &f;
  std::string at = vmlinux->path() + ":" + function + "+" + std::to_string(offset);
  if (!fn) {
    warning = "cannot check " + at + ": BPFTRACE_VMLINUX has no function " + function;
    return "";
  }
  if (offset >= fn->size)
    return "offset outside the function bounds ('" + function + "' size is " +
           std::to_string(fn->size) + " in " + vmlinux->path() + ")";
  std::vector<uint8_t> code;
  if (!vmlinux->read(fn->file_offset, fn->size, code)) {
    warning = "cannot check " + at + ": the file ends inside " + function;
    return "";
  }
  switch (rt::x86_is_instruction_boundary(code, offset)) {
  case rt::Boundary::Yes:
    return "";
  case rt::Boundary::Inside:
    return "could not add kprobe into middle of instruction: " + at;
  case rt::Boundary::Undecodable:
    warning = "cannot check " + at + ": an instruction before the offset was not decoded";
    return "";
  }
  return "";
}

} // namespace btc
