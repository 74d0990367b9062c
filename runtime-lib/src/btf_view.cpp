#include "btf_view.h"

#include <cstring>
#include <iterator>
#include <linux/btf.h>

namespace btc::rt {

namespace {

// What follows a type's btf_type by kind: a fixed part and one item per vlen.
struct Tail {
  bool known;
  uint8_t fixed;
  uint8_t per_item;
};

constexpr Tail kTails[] = {
    {false, 0, 0},                             // UNKN
    {true, sizeof(uint32_t), 0},               // INT
    {true, 0, 0},                              // PTR
    {true, sizeof(struct btf_array), 0},       // ARRAY
    {true, 0, sizeof(struct btf_member)},      // STRUCT
    {true, 0, sizeof(struct btf_member)},      // UNION
    {true, 0, sizeof(struct btf_enum)},        // ENUM
    {true, 0, 0},                              // FWD
    {true, 0, 0},                              // TYPEDEF
    {true, 0, 0},                              // VOLATILE
    {true, 0, 0},                              // CONST
    {true, 0, 0},                              // RESTRICT
    {true, 0, 0},                              // FUNC
    {true, 0, sizeof(struct btf_param)},       // FUNC_PROTO
    {true, sizeof(struct btf_var), 0},         // VAR
    {true, 0, sizeof(struct btf_var_secinfo)}, // DATASEC
    {true, 0, 0},                              // FLOAT
    {true, sizeof(struct btf_decl_tag), 0},    // DECL_TAG
    {true, 0, 0},                              // TYPE_TAG
    {true, 0, sizeof(struct btf_enum64)},      // ENUM64
};

} // namespace

size_t BtfView::record_size(const btf_type* t) {
  uint16_t kind = btf_kind(t);
  if (kind >= std::size(kTails) || !kTails[kind].known) return 0;
  return sizeof(btf_type) + kTails[kind].fixed + size_t{btf_vlen(t)} * kTails[kind].per_item;
}

bool BtfView::init(const void* data, size_t size, std::string& error) {
  const auto* bytes = static_cast<const uint8_t*>(data);
  btf_header h;
  if (size < sizeof h) {
    error = "too short for a BTF header";
    return false;
  }
  std::memcpy(&h, bytes, sizeof h);
  if (h.magic != BTF_MAGIC) {
    error = "not BTF (bad magic)";
    return false;
  }
  if (h.hdr_len < sizeof h || h.hdr_len > size ||
      uint64_t{h.type_off} + h.type_len > size - h.hdr_len ||
      uint64_t{h.str_off} + h.str_len > size - h.hdr_len) {
    error = "truncated BTF";
    return false;
  }
  types_ = bytes + h.hdr_len + h.type_off;
  if (reinterpret_cast<uintptr_t>(types_) % alignof(btf_type) != 0) {
    error = "BTF types not aligned in memory";
    return false;
  }
  strings_ = reinterpret_cast<const char*>(bytes + h.hdr_len + h.str_off);
  strings_size_ = h.str_len;
  if (strings_size_ == 0 || strings_[strings_size_ - 1] != '\0') {
    error = "BTF strings do not end with NUL";
    return false;
  }
  offsets_.assign(1, 0);
  // vmlinux has ~130,000 types of 26 bytes on average; one reservation avoids growth copies.
  offsets_.reserve(h.type_len / 16);
  size_t at = 0;
  while (at < h.type_len) {
    if (h.type_len - at < sizeof(btf_type)) {
      error = "truncated BTF type";
      return false;
    }
    const auto* t = reinterpret_cast<const btf_type*>(types_ + at);
    size_t n = record_size(t);
    if (n == 0) {
      error = "unknown BTF kind " + std::to_string(btf_kind(t));
      return false;
    }
    if (n > h.type_len - at) {
      error = "truncated BTF type";
      return false;
    }
    offsets_.push_back(static_cast<uint32_t>(at));
    at += n;
  }
  return true;
}

const btf_type* BtfView::type(uint32_t id) const {
  if (id == 0 || id >= offsets_.size()) return nullptr;
  return reinterpret_cast<const btf_type*>(types_ + offsets_[id]);
}

const char* BtfView::name(uint32_t offset) const {
  return offset < strings_size_ ? strings_ + offset : "";
}

size_t essential_name_length(std::string_view name) {
  // The last "X___Y" where neither X nor Y is an underscore ends the essential name at X.
  for (size_t i = name.size() >= 5 ? name.size() - 5 + 1 : 0; i-- > 0;)
    if (name[i] != '_' && name.compare(i + 1, 3, "___") == 0 && name[i + 4] != '_') return i + 1;
  return name.size();
}

} // namespace btc::rt
