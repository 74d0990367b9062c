#include "dwarf/uprobe_args.h"
#include "kernel/btf.h"
#include "lower/lowerer.h"
#include "lower/usdt_reader.h"
#include "sema/registry.h"
#include "sema/user_probes.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace btc {

namespace lowering {

namespace {

constexpr uint32_t kRingBufferBytes = 1u << 20; // without config perf_rb_pages
constexpr uint32_t kPageSize = 4096;            // x86-64's, for perf_rb_pages

// The ring buffer's size for config perf_rb_pages: a power of two, as the kernel requires.
uint32_t ring_bytes(uint32_t pages) {
  if (pages == 0) return kRingBufferBytes;
  uint64_t size = kPageSize;
  while (size < static_cast<uint64_t>(pages) * kPageSize) size <<= 1;
  return static_cast<uint32_t>(size);
}

// How the runtime attaches a probe type: its registry entry says.
rt::ProbeKind probe_kind(ProbeType t) {
  return probe_type_info(t).attach;
}

// Whether a probe's program runs in the context of the process that hit it (a tracepoint, a
// function, a sample): with -p/-c such programs return at once in other processes, as current
// bpftrace does. BEGIN/END, interval and iter belong to no traced process.
bool runs_in_process(rt::ProbeKind kind) {
  switch (kind) {
  case rt::ProbeKind::Begin:
  case rt::ProbeKind::End:
  case rt::ProbeKind::Signal:
  case rt::ProbeKind::Bench:
  case rt::ProbeKind::Test:
  case rt::ProbeKind::Interval:
  case rt::ProbeKind::Iter:
    return false;
  case rt::ProbeKind::Tracepoint:
  case rt::ProbeKind::RawTracepoint:
  case rt::ProbeKind::Profile:
  case rt::ProbeKind::Software:
  case rt::ProbeKind::Kprobe:
  case rt::ProbeKind::Kretprobe:
  case rt::ProbeKind::Fentry:
  case rt::ProbeKind::Fexit:
  case rt::ProbeKind::Uprobe:
  case rt::ProbeKind::Uretprobe:
  case rt::ProbeKind::Usdt:
  case rt::ProbeKind::Watchpoint:
  case rt::ProbeKind::Hardware:
    return true;
  }
  return false;
}

ProbeEntry probe_entry(rt::ProbeKind kind, const std::string& program, const std::string& target,
                       const std::string& display, uint64_t period, bool freq) {
  ProbeEntry e;
  e.kind = kind;
  e.program = program;
  e.target = target;
  e.display = display;
  e.period = period;
  e.freq = freq;
  return e;
}

// The maps a probe deletes an element of (delete() or its value). A per-CPU array cannot drop a
// slot for every CPU at once, as a per-CPU hash drops its entry.
void deleted_maps(const Expr& e, std::set<std::string>& out);
void deleted_maps(const Stmt& s, std::set<std::string>& out) {
  for (const ExprPtr* e : {&s.target, &s.value, &s.cond, &s.end})
    if (*e) deleted_maps(**e, out);
  for (const auto* body : {&s.body, &s.else_body})
    for (const StmtPtr& b : *body) deleted_maps(*b, out);
}
void deleted_maps(const Expr& e, std::set<std::string>& out) {
  if (e.kind == ExprKind::Call && e.function == FunctionId::Delete && !e.args.empty())
    out.insert(e.args[0]->name);
  for (const ExprPtr& a : e.args)
    if (a) deleted_maps(*a, out);
  for (const auto& s : e.stmts) deleted_maps(*s, out);
}

// What an aggregation's slot holds before its first value (all zeroes) reads as "no value"
// (the runtime's read_map() tells a slot with a value by its bytes), except for sum(), whose
// first value may be 0.
bool fits_array(const MapInfo& info) {
  return !info.has_key && info.value.is_aggregation() && info.value.kind() != TypeKind::Sum;
}

} // namespace

LowerOutput Lowerer::run(const std::string& prelude) {
  declare_maps();
  for (size_t i = 0; i < sema_.probes.size(); ++i) lower_probe(i, sema_.probes[i]);

  CWriter& globals = globals_;
  if (manifest_.uses_func_ip) globals.global("const volatile __u32", kHasFuncIpName, 0, "0");
  if (uses_func_map_)
    globals.map({"BTC_FUNC_MAP", "BPF_MAP_TYPE_HASH", 1, "__u64",
                 types_.name(Type::string(func_map_value_len_))});
  for (const auto& [index, use] : sema_.params) {
    uint32_t str_size = sema_.config.max_strlen + use.str_offset_max;
    if (use.as_number) globals.global("const volatile __s64", param_num_name(index), 0, "0");
    if (use.as_string) globals.global("const volatile char", param_str_name(index), str_size, "{}");
    manifest_.params.push_back({index, use.as_number, use.as_string, str_size});
  }
  for (size_t i = 0; i < manifest_.start_values.size(); ++i)
    globals.global("const volatile __u64", start_value_name(static_cast<uint32_t>(i)), 0, "0");
  if (sema_.uses_argc) globals.global("const volatile __u64", kArgcName, 0, "0");
  if (sema_.uses_elapsed) globals.global("const volatile __u64", kStartNsName, 0, "0");
  if (manifest_.filters_target || sema_.uses_cpid)
    globals.global("const volatile __u32", kTargetTgidName, 0, "0");
  if (manifest_.checks_helpers) globals.global("const volatile __u32", kHelperChecksName, 0, "0");
  uint32_t option = 0;
  for (const auto& [name, o] : sema_.options) {
    rt::OptionType type = o.type.is_str()                   ? rt::OptionType::String
                          : o.type.kind() == TypeKind::Bool ? rt::OptionType::Bool
                                                            : rt::OptionType::Int;
    if (type == rt::OptionType::String)
      globals.global("const volatile char", option_name(option), sema_.config.max_strlen, "{}");
    else
      globals.global(type == rt::OptionType::Int ? "const volatile __s64" : "const volatile __u64",
                     option_name(option), 0, "0");
    manifest_.named_options.push_back({name, type, o.default_value, o.description});
    ++option;
  }
  manifest_.uses_cpid = sema_.uses_cpid;
  // A script that asks has_cpid reads cpid only when there is one (0 otherwise).
  manifest_.cpid_optional = sema_.uses_has_cpid;
  manifest_.uses_argc = sema_.uses_argc;
  manifest_.uses_elapsed = sema_.uses_elapsed;
  manifest_.unsafe = sema_.unsafe;
  manifest_.missing_probes = sema_.config.missing_probes;
  manifest_.print_maps_on_exit = sema_.config.print_maps_on_exit;
  manifest_.cpp_demangle = sema_.config.cpp_demangle;
  manifest_.cache_user_symbols = sema_.config.cache_user_symbols;
  manifest_.lazy_symbolication = sema_.config.lazy_symbolication;
  manifest_.show_debug_info = sema_.config.show_debug_info;
  manifest_.max_map_keys = sema_.config.max_map_keys;
  manifest_.max_strlen = sema_.config.max_strlen;
  manifest_.str_trunc_trailer = sema_.config.str_trunc_trailer;
  manifest_.max_cat_bytes = sema_.config.max_cat_bytes;
  manifest_.max_probes = sema_.config.max_probes;
  globals.global("char", "BTC_ZERO_BUFFER", max_value_size_, "");
  if (!manifest_.events.empty()) {
    manifest_.ring_bytes = ring_bytes(sema_.config.perf_rb_pages);
    globals.map({"BTC_EVENTS_MAP", "BPF_MAP_TYPE_RINGBUF", manifest_.ring_bytes, "", ""});
  }
  // One slot per CPU (libbpf sizes a perf event array of 0 entries so).
  if (uses_skb_output_)
    globals.map({"BTC_SKB_MAP", "BPF_MAP_TYPE_PERF_EVENT_ARRAY", 0, "int", "int"});

  manifest_.kernel_fields = kernel_fields_.entries(source_);
  // CO-RE relocations and BTF-typed programs (their attach target is a BTF id) are resolved
  // against the running kernel's BTF.
  manifest_.uses_kernel_btf = kernel_.has_kernel_records() || kernel_.has_enumerators() ||
                              uses_syscall_groups_ || !percpu_syms_.empty();
  for (const ProbeEntry& p : manifest_.probes)
    if (p.kind == rt::ProbeKind::Fentry || p.kind == rt::ProbeKind::Fexit ||
        p.kind == rt::ProbeKind::Iter)
      manifest_.uses_kernel_btf = true;
  CWriter kernel_decls;
  kernel_.write(kernel_decls);
  // The config block's license (GPL unless it says otherwise), which the kernel checks the
  // GPL-only helpers against.
  std::string license =
      "char LICENSE[] SEC(\"license\") = " + c_string_literal(sema_.config.license) + ";\n";
  std::string text = prelude + "\n" + license + kernel_decls.text() + types_.definitions() +
                     types_.assertions() + decls_.text() + globals.text() + maps_.text() +
                     functions_.text();
  // Point generated code after each probe back at the C file itself.
  const std::string reset = kResetLine + std::string("\n");
  std::string out;
  uint32_t line = 1;
  size_t pos = 0;
  for (;;) {
    size_t next = text.find(reset, pos);
    std::string chunk =
        text.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    for (char c : chunk) line += c == '\n';
    out += chunk;
    if (next == std::string::npos) break;
    out += line_directive(line + 1, paths_.c_file);
    ++line;
    pos = next + reset.size();
  }

  LowerOutput result;
  result.c_source = std::move(out);
  result.manifest = std::move(manifest_);
  const std::string& script = source_.text();
  uint32_t lines = source_.line_of(static_cast<uint32_t>(script.size()));
  for (uint32_t i = 1; i <= lines; ++i)
    result.line_file_text += std::string(source_.line_text(i)) + line_marker(i) + "\n";
  return result;
}

namespace {

const char* bpf_map_type(DeclaredMapKind kind) {
  switch (kind) {
  case DeclaredMapKind::Hash:
    return "BPF_MAP_TYPE_HASH";
  case DeclaredMapKind::LruHash:
    return "BPF_MAP_TYPE_LRU_HASH";
  case DeclaredMapKind::PercpuHash:
    return "BPF_MAP_TYPE_PERCPU_HASH";
  case DeclaredMapKind::PercpuLruHash:
    return "BPF_MAP_TYPE_LRU_PERCPU_HASH";
  }
  return "";
}

} // namespace

void Lowerer::declare_maps() {
  // The prelude names the map types every tool uses; the LRU ones only declared maps have.
  for (const auto& [name, decl] : sema_.declared_maps)
    if (decl.kind == DeclaredMapKind::LruHash || decl.kind == DeclaredMapKind::PercpuLruHash) {
      maps_.line("enum { BPF_MAP_TYPE_LRU_HASH = 9, BPF_MAP_TYPE_LRU_PERCPU_HASH = 10 };");
      break;
    }
  std::set<std::string> deleted;
  for (const ProbeInfo& p : sema_.probes) {
    if (p.ast->predicate) deleted_maps(*p.ast->predicate, deleted);
    for (const StmtPtr& s : p.ast->body) deleted_maps(*s, deleted);
  }
  for (const auto& [name, info] : sema_.maps) {
    MapEntry entry;
    entry.name = name;
    entry.c_name = map_c_name(name);
    entry.has_key = info.has_key;
    entry.key = info.key;
    entry.value = info.value;
    entry.per_cpu = info.value.is_aggregation();
    map_index_[name] = static_cast<int>(manifest_.maps.size());
    bool array = fits_array(info) && !deleted.count(name) && !sema_.declared_maps.count(name);
    if (array) array_maps_.insert(name);
    std::string key = key_type(info);
    std::string value = types_.name(info.value);
    max_value_size_ = std::max(max_value_size_, layout_of(info.value).size);
    // The runtime reads keys and values with the compiler's layouts: Clang must agree.
    uint32_t key_size = info.has_key ? layout_of(info.key).size : array ? 4 : 8;
    maps_.static_assertion("sizeof(" + key + ") == " + std::to_string(key_size),
                           "btc layout: " + entry.c_name + " key size");
    maps_.static_assertion("sizeof(" + value + ") == " + std::to_string(layout_of(info.value).size),
                           "btc layout: " + entry.c_name + " value size");
    std::string type = array           ? "BPF_MAP_TYPE_PERCPU_ARRAY"
                       : entry.per_cpu ? "BPF_MAP_TYPE_PERCPU_HASH"
                                       : "BPF_MAP_TYPE_HASH";
    uint64_t max_entries = info.has_key ? sema_.config.max_map_keys : 1;
    auto declared = sema_.declared_maps.find(name);
    if (declared != sema_.declared_maps.end()) {
      entry.declared = true;
      type = bpf_map_type(declared->second.kind);
      max_entries = declared->second.max_entries;
    }
    maps_.map({entry.c_name, type, max_entries, key, value});
    manifest_.maps.push_back(std::move(entry));
  }
}

void Lowerer::tracepoint_struct(const TracepointFormat& format, const std::string& name) {
  std::vector<CField> fields = {{"__u64", "__common"}};
  uint32_t at = 8; // the common_ header fields
  bool packed = false;
  for (const auto& f : format.fields) {
    if (f.offset < at) continue;
    if (f.offset > at) fields.push_back({"char", "__pad" + std::to_string(at), f.offset - at});
    if (f.is_char_array) {
      fields.push_back({"char", f.name, f.size});
    } else if (f.is_data_loc) {
      fields.push_back({"__u32", f.name});
    } else if (f.size == 1 || f.size == 2 || f.size == 4 || f.size == 8) {
      std::string t = (f.is_signed && !f.is_pointer ? "__s" : "__u") + std::to_string(f.size * 8);
      fields.push_back({t, f.name});
      if (f.offset % f.size) packed = true;
    } else {
      fields.push_back({"char", f.name, f.size});
    }
    at = f.offset + f.size;
  }
  decls_.struct_def(name, fields, packed);
}

void Lowerer::lower_probe(size_t index, const ProbeInfo& probe) {
  const ResolvedProbe& first = probe.attach.front();
  std::string base = "btc_p" + std::to_string(index);
  if (first.type == ProbeType::Begin || first.type == ProbeType::End ||
      first.type == ProbeType::Self || first.type == ProbeType::Bench ||
      first.type == ProbeType::Test) {
    std::string name = (first.type == ProbeType::Begin   ? "btc_begin"
                        : first.type == ProbeType::End   ? "btc_end"
                        : first.type == ProbeType::Bench ? "btc_bench"
                        : first.type == ProbeType::Test  ? "btc_test"
                                                         : "btc_self") +
                       std::to_string(index);
    rt::ProbeKind kind = probe_kind(first.type);
    manifest_.probes.push_back(probe_entry(kind, name, first.target, first.display, 0, false));
    emit_program(name, rt::section_of(kind), {&probe, &first, ""});
    return;
  }
  // Probes whose body does not depend on which concrete probe fired share one program per
  // program type; `args` and `probe` need a program for each, and so does every kernel
  // function and iterator (the runtime chooses each one's attach type before load).
  bool per_target = probe.uses_args || probe.uses_probe_name;
  rt::ProbeKind first_kind = probe_kind(first.type);
  if (first_kind == rt::ProbeKind::Kprobe || first_kind == rt::ProbeKind::Kretprobe ||
      first_kind == rt::ProbeKind::Fentry || first_kind == rt::ProbeKind::Fexit ||
      first_kind == rt::ProbeKind::Iter || first_kind == rt::ProbeKind::Uprobe ||
      first_kind == rt::ProbeKind::Uretprobe || first_kind == rt::ProbeKind::Usdt)
    per_target = true;
  // A watchpoint's address, length and mode are in its manifest entry, which only a program of
  // its own gets.
  for (const ResolvedProbe& target : probe.attach)
    if (probe_kind(target.type) == rt::ProbeKind::Watchpoint) per_target = true;
  // Many syscall tracepoints: one raw_syscalls program each way (lower_syscalls.cpp).
  std::set<const ResolvedProbe*> grouped;
  std::vector<SyscallGroup> groups = syscall_groups(probe);
  for (SyscallGroup& group : groups) {
    group.program = base + (group.exit ? "_sys_exit" : "_sys_enter");
    lower_syscall_group(probe, group);
    for (const auto& [target, nr] : group.targets) grouped.insert(target);
  }
  // section (and whether it filters on the traced process: interval and profile share one)
  // -> program
  std::map<std::pair<std::string, bool>, std::string> shared;
  for (size_t j = 0; j < probe.attach.size(); ++j) {
    const ResolvedProbe& target = probe.attach[j];
    if (grouped.count(&target)) continue;
    rt::ProbeKind kind = probe_kind(target.type);
    std::string section = rt::section_of(kind);
    std::pair<std::string, bool> share{section, runs_in_process(kind)};
    std::string name;
    if (!per_target && shared.count(share)) {
      name = shared[share];
    } else {
      name = base + "_" + std::to_string(j);
      Context ctx{&probe, per_target ? &target : nullptr, "", nullptr};
      ctx.in_process = runs_in_process(kind);
      std::string full_section = section;
      if (kind == rt::ProbeKind::Tracepoint) {
        std::string t = target.target;
        full_section += "/" + t.replace(t.find(':'), 1, "/");
        if (probe.uses_args && !target.format->btf_class.empty()) {
          // A kernel record like any other: a minimal `trace_event_raw_<class>___btc`.
          std::string record = "trace_event_raw_" + target.format->btf_class;
          ctx.args_record = KernelBtf::get().record(record, false);
          if (!ctx.args_record)
            throw InternalError("the kernel BTF sema read has no struct " + record);
          kernel_.use_record(*ctx.args_record);
          ctx.args_type = kernel_.c_name(*ctx.args_record);
        } else if (probe.uses_args) {
          std::string name = "btc_args_" + std::to_string(index) + "_" + std::to_string(j);
          tracepoint_struct(*target.format, name);
          ctx.args_type = "struct " + name;
        }
      } else if (kind == rt::ProbeKind::RawTracepoint || kind == rt::ProbeKind::Iter) {
        full_section += "/" + target.target;
      }
      ProbeEntry entry =
          probe_entry(kind, name, target.target, target.display, target.period, target.freq);
      entry.offset = target.offset;
      if (kind == rt::ProbeKind::Fentry || kind == rt::ProbeKind::Fexit ||
          kind == rt::ProbeKind::RawTracepoint) {
        // Argument positions differ between kernels: the tool writes them before load. A raw
        // tracepoint's start as the build host's, for a kernel whose BTF cannot say.
        for (const std::string& arg : probe.kfunc_args) {
          std::string global = "btc_arg_" + name + "_" + arg;
          std::string init = "0";
          if (kind == rt::ProbeKind::RawTracepoint) {
            auto it = std::find_if(target.params.begin(), target.params.end(),
                                   [&](const FuncParam& f) { return f.name == arg; });
            init = std::to_string(it - target.params.begin());
          }
          globals_.global("const volatile __u32", global, 0, init);
          entry.args.emplace_back(arg, global);
        }
        if (probe.uses_retval && kind == rt::ProbeKind::Fexit) {
          entry.nargs_global = "btc_nargs_" + name;
          globals_.global("const volatile __u32", entry.nargs_global, 0, "0");
        }
      }
      bool user = kind == rt::ProbeKind::Uprobe || kind == rt::ProbeKind::Uretprobe ||
                  kind == rt::ProbeKind::Usdt;
      bool names = (probe.uses_func || probe.uses_probe_name) &&
                   (user ? !target.name_prefix.empty() : target.wildcard);
      entry.func_names =
          names && (kind == rt::ProbeKind::Kprobe || kind == rt::ProbeKind::Kretprobe || user);
      if (names && (kind == rt::ProbeKind::Kretprobe || kind == rt::ProbeKind::Uprobe ||
                    kind == rt::ProbeKind::Uretprobe)) {
        // Before 5.15 nothing in a return probe tells which function returned, and no uprobe
        // has a BPF cookie telling which site fired: the tool gives each function a copy of
        // the program whose .rodata holds the function's address (uprobe: the site's key).
        entry.func_ip_global = "btc_fip_" + name;
        globals_.global("const volatile __u64", entry.func_ip_global, 0, "0");
      }
      if (names && (kind == rt::ProbeKind::Fentry || kind == rt::ProbeKind::Fexit)) {
        // Each copy of a wildcard's program has its own .rodata: the tool writes the name of
        // the function it is attached to.
        entry.func_name_global = "btc_fn_" + name;
        globals_.global("const volatile char", entry.func_name_global, rt::kFuncNameLen, "{}");
      }
      if (user && probe.uses_probe_name && target.runtime_file) {
        // The file is found where the tool runs: so is the name, which the tool writes.
        entry.probe_name_len = probe_name_size(target);
        entry.probe_name_head = target.display.substr(0, target.display.find(':') + 1);
        entry.probe_name_tail = probe_name_tail(target);
        if (target.name_prefix.empty()) {
          entry.probe_name_global = "btc_pn_" + name;
          globals_.global("const volatile char", entry.probe_name_global, entry.probe_name_len,
                          "{}");
        } else {
          func_map_value_len_ = std::max(func_map_value_len_, entry.probe_name_len);
        }
      }
      entry.symbol = target.symbol;
      entry.address = target.address;
      entry.cpp = target.cpp;
      entry.optional = target.optional;
      // What the debug info placed or typed is checked against the file where the tool runs.
      if ((probe.uses_args && kind == rt::ProbeKind::Uprobe) ||
          (probe.uses_retval && kind == rt::ProbeKind::Uretprobe &&
           uretprobe_retval_type(probe.attach).kind() != TypeKind::None))
        entry.build_id = uprobe_args(target).build_id;
      entry.watch_len = target.watch_len;
      entry.watch_mode = target.watch_mode;
      entry.watch_arg = target.watch_arg;
      entry.watch_async = target.type == ProbeType::AsyncWatchpoint;
      entry.pin = target.pin;
      current_ = &entry;
      emit_program(name, full_section, ctx);
      current_ = nullptr;
      shared[share] = name;
      manifest_.probes.push_back(std::move(entry));
      if (target.watch_arg >= 0)
        lower_watch_setup(target, name + "_setup", manifest_.probes.size() - 1);
      continue;
    }
    manifest_.probes.push_back(
        probe_entry(kind, name, target.target, target.display, target.period, target.freq));
  }
}

void Lowerer::declare_event(int id) {
  const Type& payload = manifest_.events[id].payload;
  std::string name = "btc_event" + std::to_string(id);
  std::string type = "struct " + name;
  std::vector<CField> fields = {{"struct btc_event_header", "header"}};
  if (!payload.elems().empty()) fields.push_back({types_.name(payload), "p"});
  decls_.struct_def(name, fields);
  // The runtime reads the payload right after the header, each argument at the offset the
  // manifest gives.
  std::vector<uint32_t> offsets = tuple_offsets(payload);
  for (size_t i = 0; i < offsets.size(); ++i)
    decls_.static_assertion("__builtin_offsetof(" + type + ", p.f" + std::to_string(i) +
                                ") == sizeof(struct btc_event_header) + " +
                                std::to_string(offsets[i]),
                            "btc layout: " + type + " argument " + std::to_string(i));
  decls_.static_assertion("sizeof(" + type + ") == " + std::to_string(event_layout(payload).size),
                          "btc layout: " + type + " size");
}

void Lowerer::emit_program(const std::string& name, const std::string& section,
                           const Context& ctx) {
  ctx_ = ctx;
  body_.clear();
  indent_ = 1;
  big_bytes_ = 0;
  std::string param_type = "void *", param = "ctx";
  if (!ctx.args_type.empty()) {
    param_type = ctx.args_type + " *";
    param = "args";
  }
  switch (ctx.syscalls ? ProbeType::RawTracepoint
          : ctx.target ? ctx.target->type
                       : ctx.probe->attach.front().type) {
  case ProbeType::RawTracepoint:
    param_type = "struct btc_raw_tp_args *";
    break;
  case ProbeType::Usdt:
    declare_pt_regs();
    if (!declared_usdt_reader_) {
      decls_.line(kUsdtReader);
      declared_usdt_reader_ = true;
    }
    param_type = "struct btc_pt_regs *";
    break;
  case ProbeType::Kprobe:
  case ProbeType::Kretprobe:
  case ProbeType::Uprobe:
  case ProbeType::Uretprobe:
    declare_pt_regs();
    param_type = "struct btc_pt_regs *";
    break;
  case ProbeType::Kfunc:
  case ProbeType::Kretfunc:
  case ProbeType::Iter:
    // The function's arguments (the iterator's context fields), one u64 each.
    declare_ctx_arg();
    param_type = "__u64 *";
    break;
  default:
    break;
  }
  const Probe& ast = *ctx.probe->ast;
  line_ = 0;
  ProbeType type = ctx.probe->attach.front().type;
  if (ctx.in_process) {
    // 0 without -p/-c: the verifier knows .rodata's value and drops the test and the call.
    manifest_.filters_target = true;
    emit(std::string("if (") + kTargetTgidName +
         " && (__u32)(bpf_get_current_pid_tgid() >> 32) != " + kTargetTgidName + ")");
    emit("  return 0;");
  }
  // A pinned iterator runs after the tool has ended, stop flag set: it ignores the flag.
  bool pinned = ctx.target && !ctx.target->pin.empty();
  if (type != ProbeType::Begin && type != ProbeType::End && !pinned) {
    emit("if (btc_stopping())");
    emit("  return 0;");
  }
  if (ctx.syscalls) syscall_group_head(*ctx.syscalls);
  if (type == ProbeType::Iter) {
    // The kernel calls the program once more after the last object, with a NULL one.
    const std::string& it = ctx.target->target;
    emit(std::string("if (!ctx[") + (it == "task" ? "1" : it == "task_file" ? "3" : "2") + "])");
    emit("  return 0;");
  }
  // Integers live in registers or on the stack. Strings and tuples live in a per-CPU scratch
  // map of this program: the BPF stack is only 512 bytes. A program never runs nested in itself
  // on one CPU, so one slot per CPU suffices.
  std::vector<CField> scratch;
  for (const auto& [var, info] : ctx.probe->vars) {
    std::string type = types_.name(info.type);
    std::string c_var = var_c_name(var);
    if (var_is_local(info.type))
      emit(type + " " + c_var + " = 0;");
    else
      scratch.push_back({type, c_var});
  }
  program_name_ = name;
  param_type_ = param_type;
  param_ = param;
  vars_type_.clear();
  loop_count_ = 0;
  if (!scratch.empty()) {
    std::string vars = name + "_vars";
    vars_type_ = vars;
    decls_.struct_def(vars, scratch);
    maps_.map({vars, "BPF_MAP_TYPE_PERCPU_ARRAY", 1, "__u32", "struct " + vars});
    emit("__u32 __zero = 0;");
    emit("struct " + vars + " *__vars = bpf_map_lookup_elem(&" + vars + ", &__zero);");
    emit("if (!__vars)");
    emit("  return 0;");
  }
  // What the program holds from here on is lowered apart: the big-value slots it turns out to
  // need are looked up before it.
  CWriter head = body_;
  body_.clear();
  if (ast.predicate) {
    line_ = source_.line_of(ast.predicate->range.begin);
    emit("if (!(" + ex(*ast.predicate) + "))");
    emit("  return 0;");
  }
  block(ast.body);
  line_ = 0;
  emit("return 0;");
  if (big_bytes_ > 0) {
    // The program's values over kMaxValueBytes, each in a slot of its own (big_slot()).
    std::string big = name + "_big";
    decls_.struct_def(big, {{"__u64", "b", (big_bytes_ + 7) / 8}});
    maps_.map({big, "BPF_MAP_TYPE_PERCPU_ARRAY", 1, "__u32", "struct " + big});
    head.line("__u32 __big_key = 0;", 1);
    head.line("struct " + big + " *__big = bpf_map_lookup_elem(&" + big + ", &__big_key);", 1);
    head.line("if (!__big)", 1);
    head.line("  return 0;", 1);
  }
  head.append(body_);
  body_ = head;
  functions_.function(section, name, param_type, param, body_);
  functions_.line(kResetLine);
}

void Lowerer::declare_pt_regs() {
  if (declared_pt_regs_) return;
  declared_pt_regs_ = true;
  // x86-64 struct pt_regs as a kprobe program sees it (the kernel's layout; kPtRegsNames).
  std::vector<CField> fields;
  std::string names = kPtRegsNames;
  for (size_t pos = 0; pos < names.size();) {
    size_t end = names.find(',', pos);
    if (end == std::string::npos) end = names.size();
    fields.push_back({"__u64", names.substr(pos, end - pos)});
    pos = end + 2;
  }
  decls_.struct_def("btc_pt_regs", fields);
}

void Lowerer::declare_ctx_arg() {
  if (declared_ctx_arg_) return;
  declared_ctx_arg_ = true;
  // ctx[i] of a tracing program for an index only known at load (from .rodata). A direct
  // load would need a constant offset into ctx, and the optimizer turns any switch over
  // constant offsets back into one load at a computed address, which the verifier refuses;
  // the helper reads the trampoline's argument array by address instead.
  std::string body = "static __always_inline __u64 btc_ctx_arg(__u64 *ctx, __u32 i) {\n"
                     "  __u64 v = 0;\n"
                     "  bpf_probe_read_kernel(&v, sizeof(v), ctx + i);\n"
                     "  return v;\n"
                     "}\n";
  decls_.line(body);
}

} // namespace lowering

std::string line_marker(uint32_t line) {
  return std::string("  ") + BTC_LINE_MARKER + std::to_string(line);
}

LowerOutput lower(const SemaResult& sema, const SourceFile& source, const std::string& prelude,
                  const LowerPaths& paths) {
  return lowering::Lowerer(sema, source, paths).run(prelude);
}

} // namespace btc
