// C representations of bpftrace values in the generated BPF code: type names, layouts, and the
// struct definitions they need.
#pragma once

#include "lower/c_writer.h"
#include "types/types.h"

#include <map>
#include <string>

namespace btc {

struct Layout {
  uint32_t size;
  uint32_t align;
};

// The storage layout of a value or map value; the runtime decodes exactly this.
Layout layout_of(const Type& t);
// Byte offset of each element of a tuple type.
std::vector<uint32_t> tuple_offsets(const Type& t);
// A ring-buffer record: the event header, then the payload tuple (no elements: no payload).
Layout event_layout(const Type& payload);
// The buckets an lhist map value holds: an lhist whose bounds the tool reads when it starts
// ($N) holds the most bpftrace allows, 1000 steps and the two out-of-range buckets, and the
// tool refuses bounds that need more.
inline constexpr uint32_t kLhistStartBuckets = 1002;
uint32_t lhist_bucket_count(const Type& t);
// The BPF stack-trace map a stack type's ids point into: one per frame count (the kernel keeps
// at most value_size / 8 frames); the mode only changes how the runtime prints.
std::string stack_map_name(const Type& t);
// Its entries: BTC_STACK_MAP_ENTRIES for kernel stacks, more for short user stacks.
uint64_t stack_map_entries(const Type& t);

// Hands out C struct names for strings and tuples and collects their definitions in
// dependency order, and static assertions that Clang lays each out as layout_of() says.
class CTypes {
public:
  std::string name(const Type& t);
  // The C type of `t` as a member of a record or array value (member_layout(): ints at their
  // declared width).
  std::string member_name(const Type& t);
  const std::string& definitions() const { return defs_.text(); }
  const std::string& assertions() const { return asserts_.text(); }

private:
  std::map<std::string, std::string> names_; // signature -> struct name
  CWriter defs_;
  CWriter asserts_;
  int tuples_ = 0;
};

} // namespace btc
