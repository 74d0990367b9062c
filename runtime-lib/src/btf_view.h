// A read-only view of raw BTF bytes (the kernel's /sys/kernel/btf/vmlinux, an object's .BTF
// section): checked once, indexed by type id, never copied. libbpf's btf__new() copies the bytes
// and builds more than the runtime needs, which costs tens of milliseconds on the kernel's BTF.
#pragma once

#include <bpf/btf.h>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace btc::rt {

class BtfView {
public:
  // Checks the header and every type record of `data` (which must outlive the view). False
  // with `error` set when it is not BTF (bad magic, truncated, a kind this code does not know).
  bool init(const void* data, size_t size, std::string& error);

  // Type ids run from 1 to count() - 1; 0 is void.
  uint32_t count() const { return static_cast<uint32_t>(offsets_.size()); }
  // nullptr for void and for ids out of range.
  const btf_type* type(uint32_t id) const;
  // "" for an offset outside the string section.
  const char* name(uint32_t offset) const;
  const char* name_of(const btf_type* t) const { return name(t->name_off); }

  // Bytes of one type record with what follows it (members, enumerators, ...); 0 for a kind
  // this code does not know.
  static size_t record_size(const btf_type* t);

private:
  const uint8_t* types_ = nullptr;
  const char* strings_ = nullptr;
  uint32_t strings_size_ = 0;
  std::vector<uint32_t> offsets_; // of each id's record in the type section; [0] unused
};

// The length of `name` without its flavor, the `___suffix` CO-RE ignores when it matches a
// type by name: "task_struct___btc" and "task_struct" are both "task_struct".
size_t essential_name_length(std::string_view name);

} // namespace btc::rt
