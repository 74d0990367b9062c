// Builtin identifiers: pid, comm, args, arg0, ... (the table is builtins.def).
#include "dwarf/uprobe_args.h"
#include "sema/checker.h"
#include "sema/registry.h"
#include "sema/user_probes.h"

#include <algorithm>
#include <map>

namespace btc {

Type Checker::check_builtin_call(Expr& e, const BuiltinInfo& info) {
  // Current bpftrace: a builtin may be written as a call, `pid()` is `pid`; pid and tid take
  // the PID namespace they are seen from, `curr_ns` (the tool's) or `init`.
  const std::string& n = e.name;
  if (info.type == BuiltinType::Args || info.form == BuiltinForm::Family) {
    error(e.range, n + " is not a function: write it without '()'");
    return e.type = Type::none();
  }
  e.int_value = 0;
  if (!e.args.empty()) {
    const Expr& a = *e.args[0];
    bool pid_ns = info.id == BuiltinId::Pid || info.id == BuiltinId::Tid;
    if (pid_ns && e.args.size() == 1 && a.kind == ExprKind::Builtin &&
        (a.name == "curr_ns" || a.name == "init")) {
      e.int_value = a.name == "curr_ns" ? kPidCurrentNamespace : 0;
    } else if (pid_ns) {
      error(e.args.size() == 1 ? a.range : e.range,
            n + "() takes one of curr_ns (the PID namespace of the tool) or init");
      return e.type = Type::none();
    } else if (info.id == BuiltinId::Comm && e.args.size() == 1) {
      return check_comm_of_pid(e);
    } else {
      error(e.range, n + "() takes no arguments");
      return e.type = Type::none();
    }
  }
  e.args.clear();
  e.kind = ExprKind::Builtin;
  return check_builtin(e);
}

// comm(PID) of current bpftrace: the name of process PID. The kernel finds its task with the
// kfunc bpf_task_from_pid (Linux 6.2+), which it lets only tracing programs call: kfunc,
// kretfunc and iter probes. The expression stays the builtin comm with the PID as its argument;
// cast_type holds `struct task_struct *` for lowering's CO-RE read of the task's comm.
Type Checker::check_comm_of_pid(Expr& e) {
  Type t = check(*e.args[0]);
  if (t.kind() == TypeKind::None) return e.type = t;
  if (t.kind() != TypeKind::Int) {
    error(e.args[0]->range, "comm() expects an integer PID, not " + type_name(t));
    return e.type = Type::none();
  }
  // Kprobe and raw tracepoint programs (kprobe, uprobe, usdt, rawtracepoint, BEGIN, END, self)
  // may not call it on any kernel up to 6.18; tracepoint and perf event programs may on newer
  // kernels, which the tool checks when it starts.
  for (const ResolvedProbe& p : probe_->attach) {
    const std::string section = rt::section_of(probe_type_info(p.type).attach);
    if (section == "kprobe" || section == "kretprobe" || section == "uprobe" ||
        section == "uretprobe" || section == "usdt" || section == "raw_tp") {
      error(e.range, "comm(PID) cannot be used in " + p.display +
                         ": the kernel does not let its program call bpf_task_from_pid (kfunc, "
                         "kretfunc and iter probes may, and tracepoint and perf event probes "
                         "where the kernel allows it)");
      return e.type = Type::none();
    }
  }
  const RecordDef* task = find_record("task_struct", false, nullptr);
  if (!task || !task->find("comm")) {
    error(e.range, "comm(PID) needs the kernel's BTF (struct task_struct)");
    return e.type = Type::none();
  }
  e.cast_type = Type::pointer(Type::record_of(*task), AddrSpace::Kernel);
  e.kind = ExprKind::Builtin;
  e.builtin = BuiltinId::Comm;
  return e.type = Type::string(kCommLen);
}

Type Checker::check_builtin(Expr& e) {
  const std::string& n = e.name;
  uint64_t index = 0;
  const BuiltinInfo* info = find_builtin(n, index);
  if (!info) {
    if (n == "true" || n == "false") return check_bool_literal(e);
    // A function of no arguments may be written without them, as current bpftrace allows:
    // `ppid` is `ppid()`.
    if (const FunctionInfo* f = find_function(n);
        f && f->support == Support::Supported && f->kind == CallKind::Value && f->min_args == 0) {
      e.kind = ExprKind::Call;
      return check_call(e);
    }
    // An enumerator (or, from the script's C, a macro) stands for its value, as a literal would.
    for (TypeSource* source : sources_) {
      if (auto value = source->constant(n)) {
        e.kind = ExprKind::Int;
        e.int_value = static_cast<uint64_t>(*value);
        // It remembers its enum, for printf's %s.
        if (const EnumDef* def = source->constant_enum(n))
          return e.type = Type::enum_integer(*def, 64, true);
        return e.type = Type::integer();
      }
    }
    if (c_preamble_)
      error(e.range, "unknown identifier '" + n +
                         "': no header or preamble declaration defines it as an integer constant");
    else
      error(e.range, "unknown identifier '" + n + "'");
    return e.type = Type::none();
  }
  if (info->support == Support::Planned && info->where.empty()) {
    error(e.range, "the builtin '" + n + "' is not supported by btc yet");
    return e.type = Type::none();
  }
  // Every concrete probe of the block must provide the value.
  bool allowed = info->support == Support::Supported;
  for (const auto& p : probe_->attach) allowed = allowed && (info->probes & probe_mask(p.type));
  if (!allowed) {
    error(e.range, n + " can only be used in " + std::string(info->where));
    return e.type = Type::none();
  }
  e.builtin = info->id;
  // A single builtin keeps what its call form chose (pid(curr_ns): check_builtin_call).
  if (info->form == BuiltinForm::Family) e.int_value = index;

  // The names in an attach point with $N are known only where the tool starts; the probe's
  // name and its file's debug info are compiled in.
  for (const ResolvedProbe& p : probe_->attach) {
    bool user_args = info->id == BuiltinId::Args &&
                     (p.type == ProbeType::Uprobe || p.type == ProbeType::Uretprobe);
    bool fn_param = info->id == BuiltinId::Func && p.symbol.find('$') != std::string::npos;
    if (p.at_start && (info->id == BuiltinId::Probe || user_args || fn_param ||
                       (info->id == BuiltinId::Func && p.symbol.empty()))) {
      error(e.range, n + " cannot be used in " + p.display +
                         ": its attach point names positional parameters, which the tool "
                         "substitutes only when it starts");
      return e.type = Type::none();
    }
  }
  switch (info->id) {
  case BuiltinId::Elapsed:
    result_.uses_elapsed = true;
    break;
  case BuiltinId::Cpid:
    result_.uses_cpid = true;
    break;
  case BuiltinId::HasCpid:
    result_.uses_has_cpid = true;
    break;
  case BuiltinId::Probe:
  case BuiltinId::Probetype: // a program of its own for each probe, as for its name
    probe_->uses_probe_name = true;
    break;
  case BuiltinId::Args: {
    // A tracepoint's record, a raw tracepoint's and a kernel function's arguments are read in
    // different ways: one block reads one kind.
    auto family = [](ProbeType t) { return t == ProbeType::Kretfunc ? ProbeType::Kfunc : t; };
    const ResolvedProbe& front = probe_->attach.front();
    for (const auto& p : probe_->attach)
      if (family(p.type) != family(front.type)) {
        error(e.range, "args means different things in " + front.display + " and " + p.display +
                           ": read it in separate probe blocks");
        return e.type = Type::none();
      }
    probe_->uses_args = true;
    break;
  }
  case BuiltinId::Arg:
    if (std::any_of(probe_->attach.begin(), probe_->attach.end(), [](const ResolvedProbe& p) {
          return p.type == ProbeType::Kprobe || p.type == ProbeType::Uprobe;
        })) {
      // The x86-64 calling convention passes six arguments in registers.
      if (index > 5) {
        error(e.range, "x86_64 passes arg0 .. arg5 in registers: use sarg0.. for arguments on "
                       "the stack");
        return e.type = Type::none();
      }
      break;
    }
    if (index > 11) {
      error(e.range, "raw tracepoints and USDT probes have at most 12 arguments (arg0 .. arg11)");
      return e.type = Type::none();
    }
    for (const auto& p : probe_->attach) {
      if (p.raw_args >= 0 && index >= static_cast<uint64_t>(p.raw_args)) {
        error(e.range, (p.raw_args_site.empty() ? p.display : p.raw_args_site) + " has " +
                           std::to_string(p.raw_args) + " argument" + (p.raw_args == 1 ? "" : "s") +
                           (p.raw_args == 1 ? " (arg0)"
                            : p.raw_args    ? " (arg0 .. arg" + std::to_string(p.raw_args - 1) + ")"
                                            : ""));
        return e.type = Type::none();
      }
    }
    break;
  case BuiltinId::Func:
    probe_->uses_func = true;
    break;
  case BuiltinId::Retval:
    probe_->uses_retval = true;
    break;
  case BuiltinId::Ctx:
    probe_->uses_ctx = true;
    break;
  case BuiltinId::Kstack:
    probe_->uses_kstack = true;
    break;
  case BuiltinId::Sarg:
  case BuiltinId::Pid:
  case BuiltinId::Tid:
  case BuiltinId::Uid:
  case BuiltinId::Gid:
  case BuiltinId::Nsecs:
  case BuiltinId::Cpu:
  case BuiltinId::Rand:
  case BuiltinId::Cgroup:
  case BuiltinId::Comm:
  case BuiltinId::Curtask:
  case BuiltinId::Ustack:
  case BuiltinId::Jiffies:
  case BuiltinId::Numaid:
  case BuiltinId::Ncpus:
  case BuiltinId::Username:
  case BuiltinId::Usermode:
  case BuiltinId::None:
    break;
  }

  switch (info->type) {
  case BuiltinType::U64:
    return e.type = Type::integer(64, false);
  case BuiltinType::Comm:
    return e.type = Type::string(kCommLen);
  case BuiltinType::ProbeName: {
    // The longest name of the block's probes (a wildcard's: its prefix, "kprobe:", and the
    // matched function; a user probe's whose file the tool finds: kRuntimeNameLen).
    size_t longest = 0;
    for (const auto& p : probe_->attach) longest = std::max<size_t>(longest, probe_name_size(p));
    return e.type = Type::string(static_cast<uint32_t>(longest));
  }
  case BuiltinType::Args:
    return e.type = Type::of(TypeKind::Args);
  case BuiltinType::Curtask:
    // Without kernel BTF it is still the address, as in bpftrace.
    if (const RecordDef* task = find_record("task_struct", false, nullptr))
      return e.type = Type::pointer(Type::record_of(*task), AddrSpace::Kernel);
    return e.type = Type::pointer({}, AddrSpace::Kernel);
  case BuiltinType::Stack:
    return e.type = Type::stack(false, kDefaultStackFrames, result_.config.stack_mode);
  case BuiltinType::UStack:
    return e.type = Type::stack(true, kDefaultStackFrames, result_.config.stack_mode);
  case BuiltinType::Retval: {
    // A kretfunc's return value has the function's type (the same in every probe of the
    // block, which names one function); a kretprobe's is a raw register.
    const ResolvedProbe& p = probe_->attach.front();
    if (p.type == ProbeType::Kretfunc && p.returns.kind() != TypeKind::None)
      return e.type = p.returns;
    // A uretprobe's, from the binary's debug info when it has some.
    if (p.type == ProbeType::Uretprobe)
      if (Type t = uretprobe_retval_type(probe_->attach); t.kind() != TypeKind::None)
        return e.type = t;
    return e.type = Type::integer(64, false);
  }
  case BuiltinType::FuncName:
    return e.type = Type::string(rt::kFuncNameLen);
  case BuiltinType::Username:
    return e.type = Type::of(TypeKind::Username);
  case BuiltinType::U8:
    return e.type = Type::integer(8, false);
  case BuiltinType::ProbeTypeName:
    return e.type = Type::string(kProbeTypeNameLen);
  case BuiltinType::Bool:
    return e.type = Type::boolean();
  case BuiltinType::None:
    break;
  }
  return e.type = Type::none();
}

Type Checker::check_kfunc_arg(Expr& e) {
  // Every function of the block must have the parameter; the type comes from the first. Its
  // position is looked up again where the tool runs: kernels differ.
  const FuncParam* first = nullptr;
  for (const auto& p : probe_->attach) {
    if (p.params.empty() && !p.record_problem.empty()) {
      error(e.range, p.record_problem);
      return e.type = Type::none();
    }
    auto it = std::find_if(p.params.begin(), p.params.end(),
                           [&](const FuncParam& f) { return f.name == e.name; });
    if (it == p.params.end()) {
      std::string names;
      for (const auto& f : p.params) names += (names.empty() ? "" : ", ") + f.name;
      auto why = p.param_problems.find(e.name);
      if (p.wildcard && why != p.param_problems.end())
        error(e.range, "not every function matching " + p.target + " has an argument '" + e.name +
                           "' of one type: " + why->second +
                           (names.empty() ? " (they share none)" : " (they share " + names + ")"));
      else if (p.wildcard)
        error(e.range, "no function matching " + p.target + " has an argument '" + e.name + "'" +
                           (names.empty() ? " (they share none)" : " (they share " + names + ")"));
      else if (p.type == ProbeType::RawTracepoint)
        error(e.range, p.display + " has no argument '" + e.name + "'" +
                           (names.empty() ? " (it takes none)" : " (it takes " + names + ")"));
      else
        error(e.range, "function " + p.target + " has no argument '" + e.name + "'" +
                           (names.empty() ? " (it takes none)" : " (it takes " + names + ")"));
      return e.type = Type::none();
    }
    if (!first) first = &*it;
  }
  probe_->kfunc_args.insert(e.name);
  return e.type = first->type;
}

Type Checker::check_iter_field(Expr& e) {
  // The context records of the iterators (struct bpf_iter__task, __task_file, __task_vma).
  for (const auto& p : probe_->attach) {
    bool known = e.name == "meta" || e.name == "task" ||
                 (p.target == "task_file" && (e.name == "fd" || e.name == "file")) ||
                 (p.target == "task_vma" && e.name == "vma");
    if (!known) {
      error(e.range, "the context of " + p.display + " has no field '" + e.name + "' (it has " +
                         (p.target == "task"        ? "meta, task"
                          : p.target == "task_file" ? "meta, task, fd, file"
                                                    : "meta, task, vma") +
                         ")");
      return e.type = Type::none();
    }
  }
  if (e.name == "fd") return e.type = Type::integer(32, false);
  // The pointers are typed as in the kernel's struct bpf_iter__*, so `ctx->task->comm` reads
  // through CO-RE; without kernel BTF they stay addresses.
  static const std::map<std::string, std::string> kRecords = {{"meta", "bpf_iter_meta"},
                                                              {"task", "task_struct"},
                                                              {"file", "file"},
                                                              {"vma", "vm_area_struct"}};
  if (const RecordDef* r = find_record(kRecords.at(e.name), false, nullptr))
    return e.type = Type::pointer(Type::record_of(*r), AddrSpace::Kernel);
  return e.type = Type::pointer(Type::none(), AddrSpace::Kernel);
}

} // namespace btc
