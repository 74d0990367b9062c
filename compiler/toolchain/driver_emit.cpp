#include "toolchain/driver_emit.h"

#include "lower/c_literal.h"
#include "lower/c_types.h"
#include "toolchain/runtime_pieces.h"

#include <cstdio>
#include <map>
#include <stdexcept>

namespace btc {

namespace {

// The runtime's kind of a value the manifest describes.
rt::Kind value_kind(TypeKind k) {
  switch (k) {
  case TypeKind::Int:
  case TypeKind::Pointer:
    return rt::Kind::Int;
  case TypeKind::Str:
    return rt::Kind::Str;
  case TypeKind::Tuple:
    return rt::Kind::Tuple;
  case TypeKind::Timestamp:
    return rt::Kind::Timestamp;
  case TypeKind::Count:
    return rt::Kind::Count;
  case TypeKind::Sum:
    return rt::Kind::Sum;
  case TypeKind::Min:
    return rt::Kind::Min;
  case TypeKind::Max:
    return rt::Kind::Max;
  case TypeKind::Avg:
    return rt::Kind::Avg;
  case TypeKind::Stats:
    return rt::Kind::Stats;
  case TypeKind::Hist:
    return rt::Kind::Hist;
  case TypeKind::LHist:
    return rt::Kind::LHist;
  case TypeKind::TSeries:
    return rt::Kind::TSeries;
  case TypeKind::Stack:
    return rt::Kind::Stack;
  case TypeKind::Ksym:
    return rt::Kind::Ksym;
  case TypeKind::Username:
    return rt::Kind::Username;
  case TypeKind::USym:
    return rt::Kind::USym;
  case TypeKind::Strerror:
    return rt::Kind::Strerror;
  case TypeKind::Inet:
    return rt::Kind::Inet;
  case TypeKind::Buffer:
    return rt::Kind::Buffer;
  case TypeKind::MacAddr:
    return rt::Kind::MacAddr;
  case TypeKind::CgroupPath:
    return rt::Kind::CgroupPath;
  case TypeKind::Bool:
    return rt::Kind::Bool;
  case TypeKind::Record:
    return rt::Kind::Record;
  case TypeKind::Array:
    return rt::Kind::Array;
  case TypeKind::Enum: // a member of a record value
    return rt::Kind::Int;
  case TypeKind::None:
  case TypeKind::Args:
    break;
  }
  // Lowering gives such values no C type, so they never reach the manifest.
  throw std::logic_error("a value without storage in the manifest");
}

rt::StackMode stack_mode(const Type& t) {
  switch (t.stack_mode()) {
  case StackMode::Bpftrace:
    return rt::StackMode::Bpftrace;
  case StackMode::Perf:
    return rt::StackMode::Perf;
  case StackMode::Raw:
    return rt::StackMode::Raw;
  }
  throw std::logic_error("a stack mode the runtime does not know");
}

std::string boolean(bool b) {
  return b ? "true" : "false";
}

// Enumerators by name in the generated driver: switches, so that a new one must be named here.
const char* enumerator(rt::StartLookup kind) {
  switch (kind) {
  case rt::StartLookup::KernelAddress:
    return "StartLookup::KernelAddress";
  case rt::StartLookup::CgroupId:
    return "StartLookup::CgroupId";
  case rt::StartLookup::UserAddress:
    return "StartLookup::UserAddress";
  case rt::StartLookup::CpuCount:
    return "StartLookup::CpuCount";
  case rt::StartLookup::TaiOffset:
    return "StartLookup::TaiOffset";
  case rt::StartLookup::PossibleCpus:
    return "StartLookup::PossibleCpus";
  case rt::StartLookup::CommandGiven:
    return "StartLookup::CommandGiven";
  case rt::StartLookup::PidNamespace:
    return "StartLookup::PidNamespace";
  case rt::StartLookup::KernelFunc:
    return "StartLookup::KernelFunc";
  case rt::StartLookup::KfuncAllowed:
    return "StartLookup::KfuncAllowed";
  case rt::StartLookup::KernelFuncRequired:
    return "StartLookup::KernelFuncRequired";
  }
  return "";
}

const char* enumerator(rt::ParamCheckKind kind) {
  switch (kind) {
  case rt::ParamCheckKind::UnrollCount:
    return "ParamCheckKind::UnrollCount";
  case rt::ParamCheckKind::LhistBounds:
    return "ParamCheckKind::LhistBounds";
  case rt::ParamCheckKind::StrOffset:
    return "ParamCheckKind::StrOffset";
  }
  return "";
}

const char* enumerator(rt::MissingProbes mode) {
  switch (mode) {
  case rt::MissingProbes::Error:
    return "MissingProbes::Error";
  case rt::MissingProbes::Warn:
    return "MissingProbes::Warn";
  case rt::MissingProbes::Ignore:
    return "MissingProbes::Ignore";
  }
  return "";
}

std::string u64(uint64_t v) {
  return std::to_string(v) + "ULL";
}

// Emits runtime `Type` objects, one per distinct compiler type.
class TypeTable {
public:
  // `member`: `t` is a member or element of a record or array value, stored at its declared
  // width (member_layout()).
  std::string ref(const Type& t, bool member = false);
  const std::string& text() const { return text_; }
  const EmittedTypes& emitted() const { return emitted_; }

private:
  std::string field_list(const std::string& list);

  std::string text_;
  std::map<std::string, std::string> names_; // emitted initializer -> name
  EmittedTypes emitted_;
};

std::string TypeTable::field_list(const std::string& list) {
  std::string key = "fields:" + list;
  if (!names_.count(key)) {
    names_[key] = "fields" + std::to_string(names_.size());
    text_ += "const Field " + names_[key] + "[] = {" + list + "};\n";
  }
  return names_[key];
}

std::string TypeTable::ref(const Type& t, bool member) {
  rt::Kind kind = value_kind(t.kind());
  if (kind == rt::Kind::Stack && t.user_stack()) kind = rt::Kind::UStack;
  // A value of a named enum prints as its enumerator's name (current bpftrace), wherever it is.
  if ((t.kind() == TypeKind::Int || t.kind() == TypeKind::Enum) && t.enum_def() &&
      !t.enum_def()->values.empty())
    kind = rt::Kind::Enum;
  // Counts are unsigned; every other aggregation holds signed values. A pointer prints as a
  // signed number (in a map key in hexadecimal), as bpftrace 0.17 shows it.
  bool is_pointer = t.kind() == TypeKind::Pointer || t.is_pointer_number();
  bool is_signed = kind == rt::Kind::Int ? (is_pointer || t.is_signed())
                   : kind == rt::Kind::TSeries || kind == rt::Kind::Enum
                       ? t.is_signed()
                       : rt::is_aggregation(kind) && kind != rt::Kind::Count;
  emitted_.kinds.insert(kind);
  if (kind == rt::Kind::UStack) emitted_.user_stack_modes.insert(stack_mode(t));
  if (kind == rt::Kind::Stack) emitted_.kernel_stack_modes.insert(stack_mode(t));
  uint32_t size = member ? member_layout(t).size : layout_of(t).size;
  std::string init = "{.kind = Kind::" + std::string(rt::name_of(kind)) +
                     ", .is_signed = " + boolean(is_signed) + ", .size = " + std::to_string(size);
  if (kind == rt::Kind::Tuple) {
    std::vector<uint32_t> offsets = tuple_offsets(t);
    std::string list;
    // A record's elements carry their names (the runtime prints it as a record).
    for (size_t i = 0; i < t.elems().size(); ++i)
      list += "{.type = &" + ref(t.elems()[i]) + ", .offset = " + std::to_string(offsets[i]) +
              (t.is_record_tuple() ? ", .name = " + c_string_literal(t.field_names()[i]) : "") +
              "}, ";
    init +=
        ", .fields = " + field_list(list) + ", .num_fields = " + std::to_string(t.elems().size());
  }
  if (kind == rt::Kind::Record) {
    std::vector<const RecordField*> members = value_members(*t.record());
    std::vector<uint32_t> offsets = value_member_offsets(*t.record());
    std::string list;
    for (size_t i = 0; i < members.size(); ++i)
      list += "{.type = &" + ref(members[i]->type, true) +
              ", .offset = " + std::to_string(offsets[i]) +
              ", .name = " + c_string_literal(members[i]->name) + "}, ";
    init += ", .fields = " + (members.empty() ? std::string("nullptr") : field_list(list)) +
            ", .num_fields = " + std::to_string(members.size());
  }
  if (kind == rt::Kind::Array)
    init +=
        ", .fields = " + field_list("{.type = &" + ref(*t.pointee(), true) + ", .offset = 0}, ") +
        ", .num_fields = 1, .count = " + std::to_string(t.count());
  if (kind == rt::Kind::Hist && t.count()) init += ", .count = " + std::to_string(t.count());
  if (kind == rt::Kind::Timestamp)
    init += ", .strftime_fmt = " + c_string_literal(t.strftime_fmt());
  if (kind == rt::Kind::CgroupPath)
    init += ", .cgroup_filter = " + c_string_literal(t.cgroup_filter());
  if (kind == rt::Kind::Stack || kind == rt::Kind::UStack)
    init += std::string(", .stack_mode = StackMode::") + rt::name_of(stack_mode(t)) +
            ", .stack_map = " + c_string_literal(stack_map_name(t));
  if (kind == rt::Kind::LHist)
    init += ", .lhist_min = " + std::to_string(t.lhist_min()) +
            ", .lhist_max = " + std::to_string(t.lhist_max()) +
            ", .lhist_step = " + std::to_string(t.lhist_step());
  if (kind == rt::Kind::Enum) {
    const EnumDef& def = *t.enum_def();
    std::string list;
    for (const auto& v : def.values)
      list += "{" + c_string_literal(v.name) + ", " + std::to_string(v.value) + "LL}, ";
    std::string key = "enum:" + list;
    if (!names_.count(key)) {
      names_[key] = "enum_values" + std::to_string(names_.size());
      text_ += "const EnumValue " + names_[key] + "[] = {" + list + "};\n";
    }
    init += ", .enum_name = " + c_string_literal(def.name) +
            ", .enum_values = " + (def.values.empty() ? std::string("nullptr") : names_[key]) +
            ", .num_enum_values = " + std::to_string(def.values.size()) +
            ", .enum_from_kernel = " + boolean(def.from_kernel);
  }
  if (kind == rt::Kind::Int && is_pointer) init += ", .is_pointer = true";
  if (kind == rt::Kind::TSeries)
    init +=
        ", .tseries_interval = " + std::to_string(t.tseries_interval()) +
        "ULL, .tseries_count = " + std::to_string(t.tseries_count()) +
        ", .tseries_agg = TSeriesAgg::" + rt::name_of(static_cast<rt::TSeriesAgg>(t.tseries_agg()));
  init += "}";
  auto it = names_.find(init);
  if (it != names_.end()) return it->second;
  std::string name = "type" + std::to_string(names_.size());
  names_[init] = name;
  // An lhist with bounds from $N: the tool sets them when it starts (ParamCheckSpec).
  bool set_at_start = t.kind() == TypeKind::LHist && t.lhist_at_start();
  text_ += (set_at_start ? "Type " : "const Type ") + name + init + ";\n";
  return name;
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

  std::string probes, arg_slots;
  bool has_kfunc_slots = false;
  for (size_t i = 0; i < m.probes.size(); ++i) {
    const ProbeEntry& p = m.probes[i];
    probes += "    {.kind = ProbeKind::" + std::string(rt::name_of(p.kind)) +
              ", .program = " + c_string_literal(p.program) +
              ", .target = " + c_string_literal(p.target) +
              ", .display = " + c_string_literal(p.display) + ", .period = " + u64(p.period) +
              ", .freq = " + boolean(p.freq);
    if (p.offset) probes += ", .offset = " + u64(p.offset);
    if (!p.args.empty()) {
      std::string slots = "kArgSlots" + std::to_string(i);
      arg_slots += "const ArgSlot " + slots + "[] = {";
      for (const auto& [name, global] : p.args)
        arg_slots +=
            "{.name = " + c_string_literal(name) + ", .rodata_offset = " + offset(global) + "}, ";
      arg_slots += "};\n";
      probes += ", .args = " + slots + ", .num_args = " + std::to_string(p.args.size());
      has_kfunc_slots = true;
    }
    if (!p.nargs_global.empty()) {
      probes += ", .nargs_offset = " + offset(p.nargs_global);
      has_kfunc_slots = true;
    }
    if (p.func_names) probes += ", .func_names = true";
    // In ProbeSpec's order (designated initializers).
    if (!p.func_name_global.empty()) {
      probes += ", .func_name_offset = " + offset(p.func_name_global);
      has_kfunc_slots = true;
    }
    if (!p.func_ip_global.empty()) {
      probes += ", .func_ip_offset = " + offset(p.func_ip_global);
      has_kfunc_slots = true;
    }
    if (!p.symbol.empty()) probes += ", .symbol = " + c_string_literal(p.symbol);
    if (p.address) probes += ", .address = " + u64(p.address);
    if (p.cpp) probes += ", .cpp = true";
    if (p.optional) probes += ", .optional = true";
    if (!p.build_id.empty()) probes += ", .build_id = " + c_string_literal(p.build_id);
    if (p.watch_len) probes += ", .watch_len = " + std::to_string(p.watch_len);
    if (!p.watch_mode.empty()) probes += ", .watch_mode = " + c_string_literal(p.watch_mode);
    if (p.watch_arg >= 0) probes += ", .watch_arg = " + std::to_string(p.watch_arg);
    if (p.watch_async) probes += ", .watch_async = true";
    if (p.syscall_nr >= 0)
      probes += ", .syscall_nr = " + std::to_string(p.syscall_nr) +
                ", .syscall_slot = " + std::to_string(p.syscall_slot);
    if (!p.uload_global.empty()) probes += ", .uload_offset = " + offset(p.uload_global);
    if (p.uaddr) probes += ", .uaddr = true";
    if (p.probe_name_len) {
      probes += ", .probe_name_len = " + std::to_string(p.probe_name_len);
      if (!p.probe_name_global.empty()) {
        probes += ", .probe_name_offset = " + offset(p.probe_name_global);
        has_kfunc_slots = true;
      }
      probes += ", .probe_name_head = " + c_string_literal(p.probe_name_head) +
                ", .probe_name_tail = " + c_string_literal(p.probe_name_tail);
    }
    if (!p.pin.empty()) probes += ", .pin = " + c_string_literal(p.pin);
    probes += "},\n";
  }

  std::string maps;
  for (const auto& map : m.maps)
    maps += "    {.name = " + c_string_literal(map.name) +
            ", .bpf_name = " + c_string_literal(map.c_name) +
            ", .key = " + (map.has_key ? "&" + types.ref(map.key) : "nullptr") + ", .value = &" +
            types.ref(map.value) + ", .per_cpu = " + boolean(map.per_cpu) +
            (map.declared ? ", .declared = true" : "") + "},\n";

  std::string events;
  for (const auto& e : m.events) {
    events += "    {.kind = EventKind::" + std::string(rt::name_of(e.kind));
    if (!e.format.empty() || e.kind == rt::EventKind::Printf)
      events += ", .format = " + c_string_literal(e.format);
    if (!e.payload.elems().empty()) {
      std::string tuple = types.ref(e.payload);
      events += ", .args = " + tuple + ".fields, .num_args = " + tuple + ".num_fields";
    }
    events += ", .map = " + std::to_string(e.map) + ", .top = " + u64(e.top) +
              ", .div = " + u64(e.div) + (e.in_end ? ", .in_end = true" : "");
    if (e.kind == rt::EventKind::HelperError)
      events += ", .line = " + std::to_string(e.line) + ", .column = " + std::to_string(e.column) +
                ", .length = " + std::to_string(e.length) +
                (e.inside_event ? ", .inside_event = true" : "");
    if (e.holds_reports) events += ", .holds_reports = true";
    events += "},\n";
  }

  std::string params;
  for (const auto& p : m.params)
    params += "    {.index = " + std::to_string(p.index) +
              ", .num_offset = " + (p.as_number ? offset(param_num_name(p.index)) : "-1") +
              ", .str_offset = " + (p.as_string ? offset(param_str_name(p.index)) : "-1") +
              ", .str_size = " + std::to_string(p.str_size) + "},\n";

  std::string start_values;
  for (size_t i = 0; i < m.start_values.size(); ++i) {
    const StartValueEntry& v = m.start_values[i];
    start_values += std::string("    {.kind = ") + enumerator(v.kind) +
                    ", .arg = " + c_string_literal(v.arg) +
                    ", .call = " + c_string_literal(v.call) +
                    ", .offset = " + offset(start_value_name(static_cast<uint32_t>(i))) +
                    (v.binary.empty() ? "" : ", .binary = " + c_string_literal(v.binary)) + "},\n";
  }

  std::string named_options;
  for (size_t i = 0; i < m.named_options.size(); ++i) {
    const NamedOptionEntry& o = m.named_options[i];
    named_options +=
        "    {.name = " + c_string_literal(o.name) + ", .type = OptionType::" +
        (o.type == rt::OptionType::Int      ? "Int"
         : o.type == rt::OptionType::String ? "String"
                                            : "Bool") +
        ", .default_value = " + c_string_literal(o.default_value) +
        ", .description = " + c_string_literal(o.description) +
        ", .offset = " + offset(option_name(static_cast<uint32_t>(i))) +
        ", .str_size = " + std::to_string(o.type == rt::OptionType::String ? m.max_strlen : 0) +
        "},\n";
  }

  std::string param_checks;
  for (const ParamCheckEntry& c : m.param_checks) {
    auto list = [](const auto& values) {
      return "{" + std::to_string(values[0]) + ", " + std::to_string(values[1]) + ", " +
             std::to_string(values[2]) + "}";
    };
    param_checks += std::string("    {.kind = ") + enumerator(c.kind) +
                    ", .line = " + std::to_string(c.line) +
                    ", .column = " + std::to_string(c.column) + ", .values = " + list(c.values) +
                    ", .params = " + list(c.params) +
                    (c.kind == rt::ParamCheckKind::LhistBounds ? ", .lhist = &" + types.ref(c.lhist)
                                                               : std::string()) +
                    "},\n";
  }

  std::string kernel_fields;
  for (const auto& f : m.kernel_fields)
    kernel_fields += "    {.record = " + c_string_literal(f.record) +
                     ", .path = " + c_string_literal(f.path) + ", .kind = KernelFieldKind::" +
                     (f.kind == KernelFieldKind::Struct ? "Struct" : "TracepointRecord") +
                     ", .event = " + c_string_literal(f.event) +
                     ", .line = " + std::to_string(f.line) +
                     ", .column = " + std::to_string(f.column) +
                     ", .length = " + std::to_string(f.length) + "},\n";

  bool has_rodata = !m.params.empty() || !m.start_values.empty() || m.uses_argc || m.uses_elapsed ||
                    m.uses_func_ip || has_kfunc_slots || m.filters_target || m.uses_cpid ||
                    m.checks_helpers || !m.named_options.empty();
  auto array = [](const std::string& type, const std::string& name, const std::string& body) {
    if (body.empty()) return "const " + type + "* const " + name + " = nullptr;\n";
    return "const " + type + " " + name + "[] = {\n" + body + "};\n";
  };

  std::string out;
  out += "// Generated by btc " + info.version + " from " + info.script_name + ". Do not edit.\n";
  out += "#include \"" + skel + ".skel.h\"\n\n#include <btc/manifest.h>\n\n#include <cstddef>\n\n";
  out += "namespace {\n\nusing namespace btc::rt;\n\n";
  out += types.text() + "\n";
  out += arg_slots;
  out += array("ProbeSpec", "kProbes", probes);
  out += array("MapSpec", "kMaps", maps);
  out += array("EventSpec", "kEvents", events);
  out += array("ParamSpec", "kParams", params);
  out += array("StartValueSpec", "kStartValues", start_values);
  out += array("KernelFieldSpec", "kKernelFields", kernel_fields);
  out += array("NamedOptionSpec", "kNamedOptions", named_options);
  out += array("ParamCheckSpec", "kParamChecks", param_checks);
  std::string pcap_paths;
  for (const std::string& p : m.pcap_paths) pcap_paths += "    " + c_string_literal(p) + ",\n";
  out += array("char*", "kPcapPaths", pcap_paths);
  // The optional runtime pieces the script needs: naming their installers links their code.
  std::vector<rt::Piece> pieces = runtime_pieces(m, types.emitted());
  std::string installers;
  for (rt::Piece p : pieces) installers += std::string("    install_") + rt::name_of(p) + ",\n";
  out += array("PieceInstaller", "kPieces", installers);
  out += "\nconst Manifest kManifest = {\n";
  out += "    .tool_name = " + c_string_literal(info.tool_name) + ",\n";
  out += "    .script_name = " + c_string_literal(info.script_name) + ",\n";
  out += "    .script_text = " + c_string_literal(info.script_text) + ",\n";
  out += "    .script_hash = " + c_string_literal(script_hash(info.script_text)) + ",\n";
  out += "    .btc_version = " + c_string_literal(info.version) + ",\n";
  out += "    .probes = kProbes,\n    .num_probes = " + std::to_string(m.probes.size()) + ",\n";
  out += "    .maps = kMaps,\n    .num_maps = " + std::to_string(m.maps.size()) + ",\n";
  out += "    .events = kEvents,\n    .num_events = " + std::to_string(m.events.size()) + ",\n";
  out += "    .params = kParams,\n    .num_params = " + std::to_string(m.params.size()) + ",\n";
  out += "    .start_values = kStartValues,\n    .num_start_values = " +
         std::to_string(m.start_values.size()) + ",\n";
  out += "    .kernel_fields = kKernelFields,\n    .num_kernel_fields = " +
         std::to_string(m.kernel_fields.size()) + ",\n";
  out += "    .argc_offset = " + (m.uses_argc ? offset(kArgcName) : std::string("-1")) + ",\n";
  out += "    .start_ns_offset = " + (m.uses_elapsed ? offset(kStartNsName) : std::string("-1")) +
         ",\n";
  out += "    .uses_kernel_btf = " + boolean(m.uses_kernel_btf) + ",\n";
  out +=
      "    .has_func_ip_offset = " + (m.uses_func_ip ? offset(kHasFuncIpName) : std::string("-1")) +
      ",\n";
  out += std::string("    .missing_probes = ") + enumerator(m.missing_probes) + ",\n";
  out += "    .print_maps_on_exit = " + boolean(m.print_maps_on_exit) + ",\n";
  out += "    .cpp_demangle = " + boolean(m.cpp_demangle) + ",\n";
  out += std::string("    .cache_user_symbols = ") +
         (m.cache_user_symbols == rt::UserSymbolCache::PerPid       ? "UserSymbolCache::PerPid"
          : m.cache_user_symbols == rt::UserSymbolCache::PerProgram ? "UserSymbolCache::PerProgram"
                                                                    : "UserSymbolCache::None") +
         ",\n";
  out += "    .lazy_symbolication = " + boolean(m.lazy_symbolication) + ",\n";
  out += "    .show_debug_info = " + boolean(m.show_debug_info) + ",\n";
  out += "    .max_map_keys = " + std::to_string(m.max_map_keys) + ",\n";
  out += "    .ring_bytes = " + std::to_string(m.ring_bytes) + ",\n";
  out += "    .unsafe = " + boolean(m.unsafe) + ",\n";
  out += "    .target_pid_offset = " +
         (m.filters_target || m.uses_cpid ? offset(kTargetTgidName) : std::string("-1")) + ",\n";
  out += "    .uses_cpid = " + boolean(m.uses_cpid) + ",\n";
  out += "    .cpid_optional = " + boolean(m.cpid_optional) + ",\n";
  out += "    .helper_checks_offset = " +
         (m.checks_helpers ? offset(kHelperChecksName) : std::string("-1")) + ",\n";
  out += "    .named_options = kNamedOptions,\n    .num_named_options = " +
         std::to_string(m.named_options.size()) + ",\n";
  out += "    .param_checks = kParamChecks,\n    .num_param_checks = " +
         std::to_string(m.param_checks.size()) + ",\n";
  out += "    .max_strlen = " + std::to_string(m.max_strlen) + ",\n";
  out += "    .str_trunc_trailer = " + c_string_literal(m.str_trunc_trailer) + ",\n";
  out += "    .max_cat_bytes = " + std::to_string(m.max_cat_bytes) + ",\n";
  out += "    .max_probes = " + std::to_string(m.max_probes) + ",\n";
  out += "    .pcap_paths = kPcapPaths,\n    .num_pcap_paths = " +
         std::to_string(m.pcap_paths.size()) + ",\n";
  out += "    .pieces = kPieces,\n    .num_pieces = " + std::to_string(pieces.size()) + ",\n};\n\n";
  out += "Skeleton open_skeleton(const bpf_object_open_opts* opts) {\n";
  out += "  " + skel + "* s = " + skel + "__open_opts(opts);\n";
  out += "  if (!s) return {};\n";
  out += "  return {.skel = s,\n          .obj = s->obj,\n";
  out += "          .rodata = " + std::string(has_rodata ? "s->rodata" : "nullptr") + ",\n";
  out += "          .load = [](void* p) { return " + skel + "__load(static_cast<" + skel +
         "*>(p)); },\n";
  out += "          .destroy = [](void* p) { " + skel + "__destroy(static_cast<" + skel +
         "*>(p)); }};\n";
  out += "}\n\n} // namespace\n\n";
  out += "int main(int argc, char** argv) {\n";
  out += "  return btc::rt::run_tool(kManifest, {open_skeleton, " + skel +
         "__elf_bytes}, argc, "
         "argv);\n}\n";
  return out;
}

} // namespace btc
