// A probe over many syscall tracepoints (`tracepoint:syscalls:sys_enter_*`) as one program on
// raw_syscalls:sys_enter (and one on sys_exit) that finds which of them fired from the syscall
// number. The kernel releases each perf tracepoint event under one global mutex after waiting for
// RCU grace periods: 361 syscall tracepoints took 12 s to detach, one raw tracepoint link takes
// about a millisecond, and one program loads instead of one per tracepoint. The x86-64 syscall
// numbers are the ABI's, the same on every kernel (kernel/syscall_numbers.inc); which events
// exist is decided where the tool runs: the runtime puts each one's slot into the program's map
// under its number only when the kernel has the event.
#include "kernel/tracepoints.h"
#include "lower/lowerer.h"

namespace btc::lowering {

namespace {

// More syscall tracepoints than this in one probe make a group. Below it, the tracepoints cost
// little to attach and detach, and a raw_syscalls program would run on every syscall of the
// system to find the few traced.
constexpr size_t kSyscallGroupMin = 8;
// Entries of a group's number map: x86-64 syscall numbers are below 512 (x32's start at 512,
// with bit 30 set); a larger number finds no entry.
constexpr uint32_t kSyscallSlots = 1024;

constexpr const char* kSyscallHelpers = R"c(
/* The kernel's syscalls:* events leave out 32-bit syscalls (TS_COMPAT in the thread's status),
 * whose numbers are another table's; raw_syscalls sees them. */
struct thread_info___btcsys {
  __u32 status;
} __attribute__((preserve_access_index));
struct task_struct___btcsys {
  struct thread_info___btcsys thread_info;
} __attribute__((preserve_access_index));
static __always_inline int btc_compat_syscall(void) {
  struct task_struct___btcsys *t = (void *)bpf_get_current_task();
  __u32 status = 0;
  bpf_probe_read_kernel(&status, sizeof(status),
                        __builtin_preserve_access_index(&t->thread_info.status));
  return status & 2 /* TS_COMPAT */;
}
/* Where syscall argument i is: the x86-64 syscall registers, whose values the syscalls:* record
 * holds in its 8-byte fields. */
static __always_inline __u64 *btc_syscall_arg_at(struct btc_pt_regs *r, __u32 i) {
  switch (i) {
  case 0: return &r->di;
  case 1: return &r->si;
  case 2: return &r->dx;
  case 3: return &r->r10;
  case 4: return &r->r8;
  default: return &r->r9;
  }
}
static __always_inline __u64 btc_syscall_arg(struct btc_pt_regs *r, __u32 i) {
  __u64 v = 0;
  bpf_probe_read_kernel(&v, sizeof(v), btc_syscall_arg_at(r, i));
  return v;
}
)c";

bool is_exit_event(const std::string& event) {
  return event.rfind("sys_exit_", 0) == 0;
}

} // namespace

std::vector<Lowerer::SyscallGroup> Lowerer::syscall_groups(const ProbeInfo& probe) const {
  // A stack taken in the raw tracepoint has its frames, not the syscall tracepoint's; `ctx` is
  // the raw tracepoint's arguments, not the record.
  if (probe.uses_kstack || probe.uses_ctx) return {};
  SyscallGroup enter, exit;
  exit.exit = true;
  for (const ResolvedProbe& t : probe.attach) {
    if (t.type != ProbeType::Tracepoint || !t.format || t.format->category != "syscalls") continue;
    int nr = syscall_number(t.format->event);
    if (nr < 0) continue;
    (is_exit_event(t.format->event) ? exit : enter).targets.emplace_back(&t, nr);
  }
  std::vector<SyscallGroup> groups;
  for (SyscallGroup* g : {&enter, &exit})
    if (g->targets.size() > kSyscallGroupMin) groups.push_back(std::move(*g));
  return groups;
}

void Lowerer::lower_syscall_group(const ProbeInfo& probe, const SyscallGroup& group) {
  if (!declared_syscall_helpers_) {
    declared_syscall_helpers_ = true;
    declare_pt_regs();
    decls_.line(kSyscallHelpers);
  }
  maps_.map({group.program + "_nr", "BPF_MAP_TYPE_ARRAY", kSyscallSlots, "__u32", "__u32"});
  Context ctx{&probe, nullptr, "", nullptr};
  ctx.in_process = true;
  ctx.syscalls = &group;
  const std::string direction = group.exit ? "sys_exit" : "sys_enter";
  emit_program(group.program, "raw_tracepoint/" + direction, ctx);
  for (size_t i = 0; i < group.targets.size(); ++i) {
    const auto& [target, nr] = group.targets[i];
    ProbeEntry entry;
    entry.kind = rt::ProbeKind::Tracepoint;
    entry.program = group.program;
    entry.target = target->target;
    entry.display = target->display;
    entry.syscall_nr = nr;
    entry.syscall_slot = static_cast<uint32_t>(i);
    manifest_.probes.push_back(std::move(entry));
  }
  // The compat check is a CO-RE read.
  uses_syscall_groups_ = true;
}

void Lowerer::syscall_group_head(const SyscallGroup& group) {
  emit("struct btc_pt_regs *__regs = (struct btc_pt_regs *)ctx->args[0];");
  if (group.exit) {
    emit("__s64 __ret = (__s64)ctx->args[1];");
    emit("__u64 __orig_ax = 0;");
    emit("bpf_probe_read_kernel(&__orig_ax, sizeof(__orig_ax), &__regs->orig_ax);");
    emit("__u32 __nr = (__u32)__orig_ax;");
  } else {
    emit("__u32 __nr = (__u32)ctx->args[1];");
  }
  emit("if (btc_compat_syscall())");
  emit("  return 0;");
  emit("__u32 *__slot = bpf_map_lookup_elem(&" + group.program + "_nr, &__nr);");
  emit("if (!__slot)");
  emit("  return 0;");
  // One test on the register that indexes the tables, so that every verifier (5.10's too)
  // knows its bounds; an empty slot (0) wraps around and fails it too.
  emit("__u32 __probe = *__slot - 1;");
  emit("if (__probe >= " + std::to_string(group.targets.size()) + ")");
  emit("  return 0;");
  if (group.exit) emit("(void)__ret;");
}

std::string Lowerer::syscall_arg_index(const Expr& e) {
  const SyscallGroup& g = *ctx_.syscalls;
  std::vector<uint32_t> index;
  for (const auto& [target, nr] : g.targets) {
    const TracepointField* f = target->format->find(e.name);
    if (!f || f->offset < 16) throw InternalError(target->display + " has no argument " + e.name);
    index.push_back((f->offset - 16) / 8);
  }
  bool same = std::all_of(index.begin(), index.end(), [&](uint32_t i) { return i == index[0]; });
  if (same) return std::to_string(index[0]);
  const std::string table = g.program + "_arg_" + e.name;
  if (syscall_tables_.insert(table).second) {
    std::string values;
    for (uint32_t i : index) values += (values.empty() ? "" : ", ") + std::to_string(i);
    decls_.line("static const __u8 " + table + "[" + std::to_string(index.size()) + "] = {" +
                values + "};");
  }
  return table + "[__probe]";
}

std::string Lowerer::syscall_field(const Expr& e) {
  const std::string cast = e.type.is_signed() ? "((__s64)" : "((__u64)";
  if (e.name == "__syscall_nr") return cast + "(__s32)__nr)";
  if (ctx_.syscalls->exit) return cast + "__ret)"; // a sys_exit record's other field
  return cast + "btc_syscall_arg(__regs, " + syscall_arg_index(e) + "))";
}

Lowerer::Place Lowerer::syscall_field_place(const Expr& e) {
  Place p;
  p.type = e.type;
  if (e.name == "__syscall_nr")
    p.base = "(__u64)&__nr";
  else if (ctx_.syscalls->exit)
    p.base = "(__u64)&__ret";
  else
    p.base = "(__u64)btc_syscall_arg_at(__regs, " + syscall_arg_index(e) + ")";
  return p;
}

std::string Lowerer::syscall_probe_name(const Type& type) {
  const SyscallGroup& g = *ctx_.syscalls;
  const uint32_t size = type.str_size();
  const std::string table = g.program + "_names_" + std::to_string(size);
  if (syscall_tables_.insert(table).second) {
    std::string names;
    for (const auto& [target, nr] : g.targets)
      names += (names.empty() ? "" : ", ") + c_string_literal(target->display.substr(0, size - 1));
    decls_.line("static const char " + table + "[" + std::to_string(g.targets.size()) + "][" +
                std::to_string(size) + "] = {" + names + "};");
  }
  std::string t = tmp();
  return "({ " + types_.name(type) + " " + t + " = {}; __builtin_memcpy(" + t + ".s, " + table +
         "[__probe], " + std::to_string(size) + "); " + t + "; })";
}

} // namespace btc::lowering
