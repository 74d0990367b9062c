#include "kernel/tracepoint_btf.h"

#include <bpf/btf.h>

#include <algorithm>
#include <map>

namespace btc {

namespace {

constexpr const char* kRecordPrefix = "trace_event_raw_";
constexpr const char* kBpfTracePrefix = "__bpf_trace_";

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

int record_id(const btf* b, const std::string& cls) {
  return btf__find_by_name_kind(b, (kRecordPrefix + cls).c_str(), BTF_KIND_STRUCT);
}

// FUNC_PROTO id -> the classes whose `__bpf_trace_<class>` has it. One scan of the whole BTF,
// done once per BTF object.
const std::map<uint32_t, std::vector<std::string>>& classes_by_proto(const btf* b) {
  static std::map<const btf*, std::map<uint32_t, std::vector<std::string>>> cache;
  auto [it, inserted] = cache.try_emplace(b);
  if (!inserted) return it->second;
  uint32_t n = btf__type_cnt(b);
  const std::string prefix = kBpfTracePrefix;
  for (uint32_t id = 1; id < n; ++id) {
    const btf_type* t = btf__type_by_id(b, id);
    if (!btf_is_func(t)) continue;
    std::string name = btf__name_by_offset(b, t->name_off);
    if (starts_with(name, prefix)) it->second[t->type].push_back(name.substr(prefix.size()));
  }
  return it->second;
}

const btf_type* skip_modifiers(const btf* b, uint32_t id) {
  const btf_type* t = btf__type_by_id(b, id);
  while (t && (btf_is_const(t) || btf_is_volatile(t) || btf_is_restrict(t)))
    t = btf__type_by_id(b, t->type);
  return t;
}

// Whether `id` (qualifiers aside, typedefs not) is a char type, as "char" in the C declaration
// the format file shows: `u8 x[6]` is a byte array there, not a string.
bool is_char(const btf* b, uint32_t id) {
  const btf_type* t = skip_modifiers(b, id);
  return t && btf_is_int(t) &&
         std::string(btf__name_by_offset(b, t->name_off)).find("char") != std::string::npos;
}

// The C type of `id` for messages ("const char *", "u64"), in the words the kernel source uses.
std::string type_text(const btf* b, uint32_t id) {
  const btf_type* t = btf__type_by_id(b, id);
  if (!t) return "?";
  std::string name = btf__name_by_offset(b, t->name_off);
  if (btf_is_const(t)) return "const " + type_text(b, t->type);
  if (btf_is_volatile(t)) return "volatile " + type_text(b, t->type);
  if (btf_is_ptr(t)) return type_text(b, t->type) + " *";
  if (btf_is_array(t)) return type_text(b, btf_array(t)->type);
  if (btf_is_struct(t)) return "struct " + name;
  if (btf_is_union(t)) return "union " + name;
  if (btf_is_any_enum(t)) return "enum " + name;
  if (id == 0) return "void";
  return name;
}

bool same_fields(const TracepointFormat& a, const TracepointFormat& b) {
  if (a.fields.size() != b.fields.size()) return false;
  for (size_t i = 0; i < a.fields.size(); ++i)
    if (a.fields[i].name != b.fields[i].name) return false;
  return true;
}

} // namespace

bool btf_has_tracepoint(const btf* b, const std::string& event) {
  return btf__find_by_name_kind(b, ("btf_trace_" + event).c_str(), BTF_KIND_TYPEDEF) > 0;
}

std::optional<std::string> tracepoint_class(const btf* b, const std::string& event,
                                            const TracepointFormat* tracefs, std::string& problem) {
  if (record_id(b, event) > 0) return event;
  int stub = btf__find_by_name_kind(b, ("__probestub_" + event).c_str(), BTF_KIND_FUNC);
  if (stub <= 0) {
    problem = "the kernel's BTF has no record type for it (no struct " +
              std::string(kRecordPrefix) + event + ")";
    return std::nullopt;
  }
  const auto& by_proto = classes_by_proto(b);
  auto found = by_proto.find(btf__type_by_id(b, stub)->type);
  std::vector<std::string> candidates;
  if (found != by_proto.end())
    for (const auto& cls : found->second)
      if (record_id(b, cls) > 0) candidates.push_back(cls);
  if (candidates.size() == 1) return candidates.front();
  if (candidates.empty()) {
    problem = "the kernel's BTF names no record class for it";
    return std::nullopt;
  }
  if (tracefs) {
    std::vector<std::string> matching;
    for (const auto& cls : candidates) {
      auto record = tracepoint_record(b, cls);
      if (record && same_fields(*record, *tracefs)) matching.push_back(cls);
    }
    if (matching.size() == 1) return matching.front();
  }
  std::sort(candidates.begin(), candidates.end());
  problem = "the kernel's BTF does not say which of its record classes it uses (";
  for (size_t i = 0; i < candidates.size(); ++i)
    problem += (i ? ", " : "") + std::string(kRecordPrefix) + candidates[i];
  problem += ")";
  return std::nullopt;
}

std::optional<TracepointFormat> tracepoint_record(const btf* b, const std::string& cls) {
  int id = record_id(b, cls);
  if (id <= 0) return std::nullopt;
  const btf_type* record = btf__type_by_id(b, id);
  TracepointFormat format;
  format.btf_class = cls;
  const btf_member* m = btf_members(record);
  for (uint32_t i = 0; i < btf_vlen(record); ++i, ++m) {
    std::string member = btf__name_by_offset(b, m->name_off);
    if (member == "ent" || member == "__data" || member.empty()) continue;
    if (btf_member_bitfield_size(record, i) != 0 || btf_member_bit_offset(record, i) % 8) continue;
    TracepointField f;
    f.member = member;
    f.name = member;
    f.offset = btf_member_bit_offset(record, i) / 8;
    long size = btf__resolve_size(b, m->type);
    if (size < 0) continue;
    f.size = static_cast<uint32_t>(size);
    f.c_type = type_text(b, m->type);
    const btf_type* t = btf__type_by_id(b, btf__resolve_type(b, m->type));
    for (const std::string loc : {"__data_loc_", "__rel_loc_"}) {
      if (!starts_with(member, loc)) continue;
      f.name = member.substr(loc.size());
      f.is_data_loc = loc == "__data_loc_";
      f.c_type = (f.is_data_loc ? "__data_loc " : "__rel_loc ") + std::string("char[]");
    }
    if (f.is_data_loc) {
      // The u32 that locates the string: its bytes are what the record holds.
    } else if (btf_is_int(t)) {
      f.is_signed = btf_int_encoding(t) & BTF_INT_SIGNED;
    } else if (btf_is_any_enum(t)) {
      f.is_signed = btf_kflag(t);
    } else if (btf_is_ptr(t)) {
      // As in the format file, a pointer only when declared as one, not through a typedef.
      f.is_pointer = btf_is_ptr(skip_modifiers(b, m->type));
      f.points_to_char = f.is_pointer && is_char(b, t->type);
    } else if (btf_is_array(t)) {
      const btf_type* elem = btf__type_by_id(b, btf__resolve_type(b, btf_array(t)->type));
      f.is_signed = elem && btf_is_int(elem) && (btf_int_encoding(elem) & BTF_INT_SIGNED);
      f.is_array = true;
      // An array of arrays or records has no element btc can read: no count, no value.
      if (elem && (btf_is_int(elem) || btf_is_any_enum(elem))) f.count = btf_array(t)->nelems;
      f.is_char_array = is_char(b, btf_array(t)->type);
    } else {
      continue;
    }
    format.size = std::max(format.size, f.offset + f.size);
    format.fields.push_back(std::move(f));
  }
  return format;
}

} // namespace btc
