// The parameters of a user-space function from its binary's DWARF debug info (libdw), for
// `args.NAME` in uprobes: each parameter's btc type and where the x86-64 System V calling
// convention puts it when the function is entered. Read on the build host when the script is
// compiled; the tool checks at start that its copy of the file has the same build-id
// (docs/design/user-space.md, open question 4).
#pragma once

#include "types/types.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace btc {

// Where an argument is at a function's first instruction.
struct ArgLocation {
  enum class Where : uint8_t {
    Register, // an integer register: `reg` 0..5 = rdi, rsi, rdx, rcx, r8, r9
    Stack,    // user memory at the stack pointer + `offset` (8: the first word above the
              // return address)
  };
  Where where = Where::Register;
  uint8_t reg = 0;
  uint32_t offset = 0;

  bool operator==(const ArgLocation&) const = default;
};

struct DwarfParam {
  std::string name;
  std::string c_type; // as DWARF spells it, for messages ("struct shape *")
  Type type;          // none when `problem` is set
  ArgLocation loc;
  std::string problem; // why it cannot be read exactly ("a double: BPF has no floating point")
};

struct DwarfFunction {
  std::string name;
  std::vector<DwarfParam> params;
  std::string problem; // why no parameter can be located (the compiler changed its ABI)
  // The return value's type when it comes back whole in rax (an integer, pointer, enum or
  // bool); none otherwise (void, floating point, a struct).
  Type returns;
};

class DwarfFile {
public:
  // The debug info of ELF file `path`: its own sections, or a separate file found by build-id
  // or .gnu_debuglink. nullptr with `error` set when there is none.
  static std::shared_ptr<DwarfFile> open(const std::string& path, std::string& error);
  ~DwarfFile();
  DwarfFile(const DwarfFile&) = delete;
  DwarfFile& operator=(const DwarfFile&) = delete;

  // The function whose code starts at link-time address `vaddr` (an ELF symbol's value);
  // nullptr when the debug info does not describe one there.
  const DwarfFunction* function_at(uint64_t vaddr);

  struct Impl;

private:
  explicit DwarfFile(std::shared_ptr<Impl> impl);
  // Shared with the lazily loaded records it made, which read the debug info when a script
  // first reaches their fields.
  std::shared_ptr<Impl> impl_;
};

} // namespace btc
