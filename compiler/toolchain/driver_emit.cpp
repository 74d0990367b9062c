#include "toolchain/driver_emit.h"

#include "lower/c_literal.h"
#include "lower/c_types.h"

#include <cstdio>
#include <map>

namespace btc {

namespace {

// Emits runtime `Type` objects, one per distinct compiler type.
class TypeTable {
public:
  std::string ref(const Type& t);
  const std::string& text() const { return text_; }

private:
  std::string text_;
  std::map<std::string, std::string> names_; // emitted declaration -> name
};

const char* kind_name(TypeKind k) {
  switch (k) {
  case TypeKind::Int:
  case TypeKind::Pointer:
    return "Int";
  case TypeKind::Str:
    return "Str";
  case TypeKind::Tuple:
    return "Tuple";
  case TypeKind::Timestamp:
    return "Timestamp";
  case TypeKind::Count:
    return "Count";
  case TypeKind::Sum:
    return "Sum";
  case TypeKind::Min:
    return "Min";
  case TypeKind::Max:
    return "Max";
  case TypeKind::Avg:
    return "Avg";
  case TypeKind::Stats:
    return "Stats";
  case TypeKind::Hist:
    return "Hist";
  case TypeKind::LHist:
    return "LHist";
  default:
    return "Int";
  }
}

std::string TypeTable::ref(const Type& t) {
  std::string fields = "nullptr";
  uint32_t num_fields = 0;
  if (t.kind == TypeKind::Tuple) {
    std::vector<uint32_t> offsets = tuple_offsets(t);
    std::string list;
    for (size_t i = 0; i < t.elems.size(); ++i)
      list += "{&" + ref(t.elems[i]) + ", " + std::to_string(offsets[i]) + "}, ";
    std::string key = "fields:" + list;
    if (!names_.count(key)) {
      names_[key] = "fields" + std::to_string(names_.size());
      text_ += "const Field " + names_[key] + "[] = {" + list + "};\n";
    }
    fields = names_[key];
    num_fields = static_cast<uint32_t>(t.elems.size());
  }
  // Counts are unsigned; every other aggregation holds signed values.
  bool is_signed =
      t.kind == TypeKind::Int ? t.is_signed : t.is_aggregation() && t.kind != TypeKind::Count;
  std::string init =
      std::string("{Kind::") + kind_name(t.kind) + ", " + (is_signed ? "true" : "false") + ", " +
      std::to_string(layout_of(t).size) + ", " + fields + ", " + std::to_string(num_fields) + ", " +
      (t.kind == TypeKind::Timestamp ? c_string_literal(t.strftime_fmt) : "nullptr") + ", " +
      std::to_string(t.lhist_min) + ", " + std::to_string(t.lhist_max) + ", " +
      std::to_string(t.kind == TypeKind::LHist ? t.lhist_step : 1) + "}";
  auto it = names_.find(init);
  if (it != names_.end()) return it->second;
  std::string name = "type" + std::to_string(names_.size());
  names_[init] = name;
  text_ += "const Type " + name + init + ";\n";
  return name;
}

const char* probe_kind(ProbeType t) {
  switch (t) {
  case ProbeType::Begin:
    return "Begin";
  case ProbeType::End:
    return "End";
  case ProbeType::Tracepoint:
    return "Tracepoint";
  case ProbeType::RawTracepoint:
    return "RawTracepoint";
  case ProbeType::Interval:
    return "Interval";
  case ProbeType::Profile:
    return "Profile";
  case ProbeType::Software:
    return "Software";
  }
  return "Begin";
}

const char* event_kind(EventType t) {
  switch (t) {
  case EventType::Printf:
    return "Printf";
  case EventType::Print:
    return "Print";
  case EventType::PrintMap:
    return "PrintMap";
  case EventType::Clear:
    return "Clear";
  case EventType::Zero:
    return "Zero";
  case EventType::Time:
    return "Time";
  case EventType::Exit:
    return "Exit";
  }
  return "Exit";
}

} // namespace

std::string script_hash(const std::string& text) {
  uint64_t h = 1469598103934665603ull; // FNV-1a
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return std::string(buf, 12);
}

std::string emit_driver(const ManifestData& m, const DriverInfo& info) {
  TypeTable types;
  const std::string& skel = info.skeleton_name;
  std::string rodata = skel + "::" + skel + "__rodata";
  auto offset = [&](const std::string& field) {
    return "static_cast<int64_t>(offsetof(" + rodata + ", " + field + "))";
  };

  std::string probes;
  for (const auto& p : m.probes)
    probes += "    {ProbeKind::" + std::string(probe_kind(p.type)) + ", " +
              c_string_literal(p.program) + ", " + c_string_literal(p.target) + ", " +
              c_string_literal(p.display) + ", " + std::to_string(p.period) + "ULL, " +
              (p.freq ? "true" : "false") + "},\n";

  std::string maps;
  for (const auto& map : m.maps)
    maps += "    {" + c_string_literal(map.name) + ", " + c_string_literal(map.c_name) + ", " +
            (map.has_key ? "&" + types.ref(map.key) : "nullptr") + ", &" + types.ref(map.value) +
            ", " + (map.per_cpu ? "true" : "false") + "},\n";

  std::string events;
  for (const auto& e : m.events) {
    std::string args = "nullptr";
    std::string n = "0";
    if (!e.payload.elems.empty()) {
      std::string tuple = types.ref(e.payload);
      args = tuple + ".fields";
      n = tuple + ".num_fields";
    }
    events +=
        "    {EventKind::" + std::string(event_kind(e.type)) + ", " +
        (e.format.empty() && e.type != EventType::Printf ? "nullptr" : c_string_literal(e.format)) +
        ", " + args + ", " + n + ", " + std::to_string(e.map) + ", " + std::to_string(e.top) +
        "ULL, " + std::to_string(e.div) + "ULL},\n";
  }

  std::string params;
  for (const auto& p : m.params)
    params += "    {" + std::to_string(p.index) + ", " +
              (p.as_number ? offset(param_num_name(p.index)) : "-1") + ", " +
              (p.as_string ? offset(param_str_name(p.index)) : "-1") + ", " +
              std::to_string(kStrLen) + "},\n";

  bool has_rodata = !m.params.empty() || m.uses_argc || m.uses_elapsed;
  auto array = [](const std::string& type, const std::string& name, const std::string& body) {
    if (body.empty()) return "const " + type + "* const " + name + " = nullptr;\n";
    return "const " + type + " " + name + "[] = {\n" + body + "};\n";
  };

  std::string out;
  out += "// Generated by btc " + info.version + " from " + info.script_name + ". Do not edit.\n";
  out += "#include \"" + skel + ".skel.h\"\n\n#include <btc/manifest.h>\n\n#include <cstddef>\n\n";
  out += "namespace {\n\nusing namespace btc::rt;\n\n";
  out += types.text() + "\n";
  out += array("ProbeSpec", "kProbes", probes);
  out += array("MapSpec", "kMaps", maps);
  out += array("EventSpec", "kEvents", events);
  out += array("ParamSpec", "kParams", params);
  out += "\nconst Manifest kManifest = {\n";
  out += "    " + c_string_literal(info.tool_name) + ",\n";
  out += "    " + c_string_literal(info.script_name) + ",\n";
  out += "    " + c_string_literal(info.script_text) + ",\n";
  out += "    " + c_string_literal(script_hash(info.script_text)) + ",\n";
  out += "    " + c_string_literal(info.version) + ",\n";
  out += "    kProbes, " + std::to_string(m.probes.size()) + ",\n";
  out += "    kMaps, " + std::to_string(m.maps.size()) + ",\n";
  out += "    kEvents, " + std::to_string(m.events.size()) + ",\n";
  out += "    kParams, " + std::to_string(m.params.size()) + ",\n";
  out += "    " + (m.uses_argc ? offset(kArgcName) : std::string("-1")) + ",\n";
  out += "    " + (m.uses_elapsed ? offset(kStartNsName) : std::string("-1")) + ",\n";
  out += "    false,\n};\n\n";
  out += "Skeleton open_skeleton() {\n";
  out += "  " + skel + "* s = " + skel + "__open();\n";
  out += "  if (!s) return {};\n";
  out += "  return {s, s->obj, " + std::string(has_rodata ? "s->rodata" : "nullptr") + ",\n";
  out += "          [](void* p) { return " + skel + "__load(static_cast<" + skel + "*>(p)); },\n";
  out += "          [](void* p) { " + skel + "__destroy(static_cast<" + skel + "*>(p)); }};\n";
  out += "}\n\n} // namespace\n\n";
  out += "int main(int argc, char** argv) {\n";
  out += "  return btc::rt::run_tool(kManifest, open_skeleton, argc, argv);\n}\n";
  return out;
}

} // namespace btc
