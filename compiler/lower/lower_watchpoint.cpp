// watchpoint:FUNCTION+argN: the address to watch is only known when FUNCTION runs. A uprobe on
// it sends the argument to the tool (a WatchAttach event), which opens the breakpoint perf
// event in that process and attaches the watchpoint's program to it. A sync `watchpoint` also
// stops the process (SIGSTOP) until the watchpoint is set; the tool continues it (SIGCONT).
#include "lower/lowerer.h"

namespace btc::lowering {

void Lowerer::lower_watch_setup(const ResolvedProbe& target, const std::string& program,
                                size_t watchpoint) {
  static const char* const kArgRegs[] = {"di", "si", "dx", "cx", "r8", "r9"};
  declare_pt_regs();
  int id = static_cast<int>(manifest_.events.size());
  EventEntry event = event_of(rt::EventKind::WatchAttach);
  event.payload =
      Type::tuple({Type::integer(64, false), Type::integer(64, false), Type::integer(64, false)});
  manifest_.events.push_back(std::move(event));
  declare_event(id);
  const std::string ev = "struct btc_event" + std::to_string(id);
  bool sync = target.type == ProbeType::Watchpoint;
  CWriter body;
  body.line("  if (btc_stopping())");
  body.line("    return 0;");
  body.line("  " + ev + " *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(" + ev + "), 0);");
  body.line("  if (!__event)");
  body.line("    return 0;");
  body.line("  __event->header.id = " + std::to_string(id) + ";");
  body.line("  __event->header.reserved = 0;");
  body.line("  __event->p.f0 = " + std::to_string(watchpoint) + ";");
  body.line(std::string("  __event->p.f1 = (__u64)ctx->") + kArgRegs[target.watch_arg] + ";");
  body.line("  __event->p.f2 = bpf_get_current_pid_tgid() >> 32;");
  body.line("  bpf_ringbuf_submit(__event, 0);");
  // Stopped before FUNCTION's first instruction: the watchpoint is set before it writes.
  if (sync) body.line("  bpf_send_signal(19 /* SIGSTOP */);");
  body.line("  return 0;");
  functions_.function(rt::section_of(rt::ProbeKind::Uprobe), program, "struct btc_pt_regs *", "ctx",
                      body);
  ProbeEntry entry;
  entry.kind = rt::ProbeKind::Uprobe;
  entry.program = program;
  entry.target = target.target; // "": the -p/-c process's program
  entry.display = target.display;
  entry.symbol = target.symbol;
  entry.watch_arg = target.watch_arg;
  manifest_.probes.push_back(std::move(entry));
}

} // namespace btc::lowering
