#include "lower/c_types.h"

#include "lower/manifest_data.h"

#include <btc/abi.h>

#include <algorithm>

namespace btc {

namespace {

uint32_t align_up(uint32_t v, uint32_t a) {
  return (v + a - 1) / a * a;
}

// A signature that tells apart every type that needs its own C struct.
std::string signature(const Type& t) {
  switch (t.kind()) {
  case TypeKind::Str:
    return "s" + std::to_string(t.str_size());
  case TypeKind::Tuple: {
    std::string s = "(";
    for (const auto& e : t.elems()) s += signature(e) + ",";
    return s + ")";
  }
  case TypeKind::LHist:
    return "l" + std::to_string(lhist_bucket_count(t));
  case TypeKind::TSeries:
    return "t" + std::to_string(t.tseries_count());
  case TypeKind::Hist:
    return "h" + std::to_string(t.count());
  case TypeKind::Buffer:
    return "b" + std::to_string(t.count());
  case TypeKind::Inet:
    return "n";
  case TypeKind::USym:
    return "u";
  case TypeKind::Record:
  case TypeKind::Array:
    // Interned: one node per distinct record or array type.
    return "v" + std::to_string(reinterpret_cast<uintptr_t>(t.identity()));
  default:
    return "i";
  }
}

} // namespace

std::string param_num_name(uint32_t index) {
  return "btc_arg" + std::to_string(index) + "_num";
}
std::string start_value_name(uint32_t index) {
  return "btc_start" + std::to_string(index);
}
std::string param_str_name(uint32_t index) {
  return "btc_arg" + std::to_string(index) + "_str";
}

std::string stack_map_name(const Type& t) {
  return (t.user_stack() ? "btc_ustack" : "btc_stack") + std::to_string(t.count());
}

uint64_t stack_map_entries(const Type& t) {
  if (!t.user_stack()) return BTC_STACK_MAP_ENTRIES;
  // As many entries as bpftrace where 16 MiB of frames allow: user stacks are often many and
  // short (ustack(2) keys), and a stack that collides with another in the map prints empty.
  constexpr uint64_t kBudget = 16 << 20, kMost = 131072;
  return std::clamp<uint64_t>(kBudget / (8 * uint64_t{t.count()}), BTC_STACK_MAP_ENTRIES, kMost);
}

uint32_t lhist_bucket_count(const Type& t) {
  if (t.lhist_at_start()) return kLhistStartBuckets;
  return static_cast<uint32_t>(BTC_LHIST_BUCKETS(t.lhist_min(), t.lhist_max(), t.lhist_step()));
}

Layout layout_of(const Type& t) {
  switch (t.kind()) {
  case TypeKind::Str:
    return {t.str_size(), 1};
  case TypeKind::Tuple: {
    uint32_t size = 0, align = 1;
    for (const auto& e : t.elems()) {
      Layout l = layout_of(e);
      size = align_up(size, l.align) + l.size;
      align = std::max(align, l.align);
    }
    // The empty tuple takes a byte (CTypes::name): BPF has no value of size 0.
    return {std::max<uint32_t>(1, align_up(size, align)), align};
  }
  case TypeKind::Min:
  case TypeKind::Max:
    return {sizeof(rt::btc_minmax), alignof(rt::btc_minmax)};
  case TypeKind::Avg:
  case TypeKind::Stats:
    return {sizeof(rt::btc_avg), alignof(rt::btc_avg)};
  case TypeKind::Hist:
    return {rt::hist_buckets(t.count()) * 8, 8};
  case TypeKind::Inet:
    return {sizeof(rt::btc_inet), alignof(rt::btc_inet)};
  case TypeKind::USym:
    return {sizeof(rt::btc_usym), alignof(rt::btc_usym)};
  case TypeKind::LHist:
    return {lhist_bucket_count(t) * 8, 8};
  case TypeKind::TSeries:
    return {t.tseries_count() * static_cast<uint32_t>(sizeof(rt::btc_tseries_slot)), 8};
  case TypeKind::Buffer: // struct btc_bufN: __u32 len; char d[N]
    return {align_up(4 + t.count(), 4), 4};
  case TypeKind::Record:
  case TypeKind::Array: {
    ValueLayout l = member_layout(t);
    return {l.size, l.align};
  }
  default:
    return {8, 8};
  }
}

std::vector<uint32_t> tuple_offsets(const Type& t) {
  std::vector<uint32_t> offsets;
  uint32_t size = 0;
  for (const auto& e : t.elems()) {
    Layout l = layout_of(e);
    size = align_up(size, l.align);
    offsets.push_back(size);
    size += l.size;
  }
  return offsets;
}

Layout event_layout(const Type& payload) {
  Layout l{sizeof(rt::EventHeader), alignof(rt::EventHeader)};
  if (payload.elems().empty()) return l;
  Layout p = layout_of(payload);
  uint32_t align = std::max(l.align, p.align);
  return {align_up(align_up(l.size, p.align) + p.size, align), align};
}

std::string CTypes::name(const Type& t) {
  switch (t.kind()) {
  case TypeKind::Int:
    return t.is_signed() ? "__s64" : "__u64";
  case TypeKind::Pointer:
  case TypeKind::Timestamp:
  case TypeKind::Ksym:
  case TypeKind::Username:   // the uid
  case TypeKind::MacAddr:    // the 6 bytes, then 2 zero bytes
  case TypeKind::CgroupPath: // the cgroup id
    return "__u64";
  case TypeKind::Strerror:
    return "__s64";
  case TypeKind::Count:
  case TypeKind::Sum:
  case TypeKind::Stack: // the stack id
    return "__s64";
  case TypeKind::Min:
  case TypeKind::Max:
    return "struct btc_minmax";
  case TypeKind::Avg:
  case TypeKind::Stats:
    return "struct btc_avg";
  case TypeKind::Hist:
    if (t.count() == 0) return "struct btc_hist";
    break;
  case TypeKind::Inet:
    return "struct btc_inet";
  case TypeKind::USym:
    return "struct btc_usym";
  case TypeKind::None:
  case TypeKind::Args:
    throw InternalError("a value without a C type: " + type_name(t));
  case TypeKind::Bool:
    return "__u64";
  case TypeKind::Enum:
    // Sema reads enums as integers: no value has this type.
    throw InternalError("no C type for values of type " + type_name(t));
  case TypeKind::Str:
  case TypeKind::Tuple:
  case TypeKind::LHist:
  case TypeKind::TSeries:
  case TypeKind::Buffer:
  case TypeKind::Record:
  case TypeKind::Array:
    break;
  }
  std::string sig = signature(t);
  auto it = names_.find(sig);
  if (it != names_.end()) return it->second;
  std::string tag;
  std::vector<CField> fields;
  if (t.kind() == TypeKind::Str) {
    tag = "btc_str" + std::to_string(t.str_size());
    fields.push_back({"char", "s", t.str_size()});
  } else if (t.kind() == TypeKind::Buffer) {
    tag = "btc_buf" + std::to_string(t.count());
    fields.push_back({"__u32", "len"});
    fields.push_back({"char", "d", t.count()});
  } else if (t.kind() == TypeKind::Record) {
    for (size_t i = 0; i < value_members(*t.record()).size(); ++i) {
      const RecordField& f = *value_members(*t.record())[i];
      fields.push_back({member_name(f.type), "f" + std::to_string(i)});
    }
    tag = "btc_rec" + std::to_string(tuples_++);
  } else if (t.kind() == TypeKind::Array) {
    fields.push_back({member_name(*t.pointee()), "a", t.count()});
    tag = "btc_arr" + std::to_string(tuples_++);
  } else if (t.kind() == TypeKind::Hist) {
    tag = "btc_hist" + std::to_string(t.count()) + "bits";
    fields.push_back({"__u64", "b", rt::hist_buckets(t.count())});
  } else if (t.kind() == TypeKind::LHist) {
    tag = "btc_lhist" + std::to_string(lhist_bucket_count(t));
    fields.push_back({"__u64", "b", lhist_bucket_count(t)});
  } else if (t.kind() == TypeKind::TSeries) {
    tag = "btc_tseries" + std::to_string(t.tseries_count());
    fields.push_back({"struct btc_tseries_slot", "s", t.tseries_count()});
  } else {
    // Elements first: their structs are defined before this one.
    for (size_t i = 0; i < t.elems().size(); ++i)
      fields.push_back({name(t.elems()[i]), "f" + std::to_string(i)});
    // The empty tuple `()` takes a byte: BPF maps and variables hold no value of size 0.
    if (t.elems().empty()) fields.push_back({"__u8", "pad"});
    tag = "btc_tuple" + std::to_string(tuples_++);
  }
  std::string n = "struct " + tag;
  names_[sig] = n;
  defs_.struct_def(tag, fields);
  asserts_.static_assertion("sizeof(" + n + ") == " + std::to_string(layout_of(t).size),
                            "btc layout: " + n + " size");
  if (t.kind() == TypeKind::Record) {
    std::vector<uint32_t> offsets = value_member_offsets(*t.record());
    for (size_t i = 0; i < offsets.size(); ++i)
      asserts_.static_assertion("__builtin_offsetof(" + n + ", f" + std::to_string(i) +
                                    ") == " + std::to_string(offsets[i]),
                                "btc layout: " + n + " field " + std::to_string(i));
  }
  if (t.kind() == TypeKind::Tuple) {
    std::vector<uint32_t> offsets = tuple_offsets(t);
    for (size_t i = 0; i < offsets.size(); ++i)
      asserts_.static_assertion("__builtin_offsetof(" + n + ", f" + std::to_string(i) +
                                    ") == " + std::to_string(offsets[i]),
                                "btc layout: " + n + " field " + std::to_string(i));
  }
  return n;
}

std::string CTypes::member_name(const Type& t) {
  switch (t.kind()) {
  case TypeKind::Int:
  case TypeKind::Enum:
    return std::string(t.is_signed() ? "__s" : "__u") +
           std::to_string(std::max<uint32_t>(8, t.bits()));
  case TypeKind::Bool:
    return "__u8";
  case TypeKind::Pointer:
    return "__u64";
  default:
    return name(t);
  }
}

} // namespace btc
