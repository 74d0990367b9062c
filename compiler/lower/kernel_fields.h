// The kernel fields a script reads through CO-RE relocations, with where it reads them. The
// table goes into the manifest: when the running kernel lacks a field, libbpf names the local
// record and member path in its load log, and the runtime finds the script location here.
#pragma once

#include "diag/source.h"

#include <cstdint>
#include <string>
#include <vector>

namespace btc {

enum class KernelFieldKind : uint8_t {
  TracepointRecord, // a field of a tracepoint's trace_event_raw_<class> record
  Struct,           // a member path of a kernel struct or union
};

struct KernelFieldUse {
  std::string record; // the kernel's type name, without btc's CO-RE flavor suffix
  std::string path;   // member path as libbpf prints it: "now", "signal.rlim[7].rlim_cur"
  SourceRange range;
  KernelFieldKind kind;
  std::string event; // TracepointRecord: "category:event"
};

// Where the compiler writes the kernel field table's entries for the manifest.
struct KernelFieldEntry {
  std::string record;
  std::string path;
  KernelFieldKind kind;
  std::string event;
  uint32_t line;   // 1-based script line of the use
  uint32_t column; // 1-based column where the use starts
  uint32_t length; // columns to underline, on that line
};

class KernelFields {
public:
  // Records one use; the same (record, path, range) is kept once.
  void add(std::string record, std::string path, SourceRange range, KernelFieldKind kind,
           std::string event = "");
  const std::vector<KernelFieldUse>& uses() const { return uses_; }
  // The uses located in `source`, in the order they were added.
  std::vector<KernelFieldEntry> entries(const SourceFile& source) const;

private:
  std::vector<KernelFieldUse> uses_;
};

} // namespace btc
