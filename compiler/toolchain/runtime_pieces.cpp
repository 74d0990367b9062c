#include "toolchain/runtime_pieces.h"

#include <btc/printf_format.h>

#include <algorithm>

namespace btc {
namespace {

// A stack printed with names (raw mode prints addresses only).
bool named_stacks(const std::set<rt::StackMode>& modes) {
  return std::any_of(modes.begin(), modes.end(),
                     [](rt::StackMode s) { return s != rt::StackMode::Raw; });
}

// Whether the runtime reaches piece `p` for this manifest: one case per piece, in the terms of
// what the runtime reads (a switch without default, so a new piece must be decided here).
bool needs(rt::Piece p, const ManifestData& m, const EmittedTypes& types) {
  switch (p) {
  case rt::Piece::DebugInfo:
    // BPFTRACE_SHOW_DEBUG_INFO may turn it on where the tool runs, whatever the config block
    // says: any user stack printed with names may need it.
    return named_stacks(types.user_stack_modes);
  case rt::Piece::GfpFlags:
    // The runtime parses every event's format as a printf format (run.cpp).
    return std::any_of(m.events.begin(), m.events.end(), [](const EventEntry& e) {
      rt::PrintfFormat f = rt::parse_printf_format(e.format);
      return std::any_of(f.conversions.begin(), f.conversions.end(),
                         [](const rt::PrintfConversion& c) { return c.conversion == 'g'; });
    });
  case rt::Piece::TSeries:
    return types.kinds.count(rt::Kind::TSeries) > 0;
  case rt::Piece::EnumNames:
    return types.kinds.count(rt::Kind::Enum) > 0;
  case rt::Piece::Pcap:
    return !m.pcap_paths.empty();
  case rt::Piece::KfuncTest:
    return std::any_of(m.start_values.begin(), m.start_values.end(), [](const auto& v) {
      return v.kind == rt::StartLookup::KfuncAllowed ||
             v.kind == rt::StartLookup::KernelFuncRequired;
    });
  case rt::Piece::UserSymbols:
    // NewPid: a process whose user addresses the tool names later is read while it lives.
    return named_stacks(types.user_stack_modes) || types.kinds.count(rt::Kind::USym) ||
           std::any_of(m.events.begin(), m.events.end(),
                       [](const EventEntry& e) { return e.kind == rt::EventKind::NewPid; });
  case rt::Piece::KernelSymbols:
    return named_stacks(types.kernel_stack_modes) || types.kinds.count(rt::Kind::Ksym);
  case rt::Piece::CgroupPaths:
    return types.kinds.count(rt::Kind::CgroupPath) > 0;
  case rt::Piece::UserProbes:
    return std::any_of(m.probes.begin(), m.probes.end(),
                       [](const ProbeEntry& p) {
                         return p.kind == rt::ProbeKind::Uprobe ||
                                p.kind == rt::ProbeKind::Uretprobe || p.kind == rt::ProbeKind::Usdt;
                       }) ||
           std::any_of(m.start_values.begin(), m.start_values.end(),
                       [](const auto& v) { return v.kind == rt::StartLookup::UserAddress; });
  case rt::Piece::UsdtFiles:
    // usdt:*:..., a usdt probe without a binary, or one a parameter may make so (usdt:$1:...).
    return std::any_of(m.probes.begin(), m.probes.end(), [](const ProbeEntry& p) {
      return p.kind == rt::ProbeKind::Usdt &&
             (p.target.empty() || p.target == "*" || p.target.find('$') != std::string::npos);
    });
  case rt::Piece::HardwareEvents:
    return std::any_of(m.probes.begin(), m.probes.end(),
                       [](const ProbeEntry& p) {
                         return p.kind == rt::ProbeKind::Hardware ||
                                p.kind == rt::ProbeKind::Watchpoint;
                       }) ||
           std::any_of(m.events.begin(), m.events.end(), [](const EventEntry& e) {
             return e.kind == rt::EventKind::WatchAttach || e.kind == rt::EventKind::Unwatch;
           });
  case rt::Piece::CoreBtf:
    return m.uses_kernel_btf; // run.cpp opens the object through it then
  }
  return true;
}

} // namespace

std::vector<rt::Piece> runtime_pieces(const ManifestData& m, const EmittedTypes& types) {
  std::vector<rt::Piece> out;
  for (unsigned i = 0; i < rt::kNumPieces; ++i)
    if (needs(static_cast<rt::Piece>(i), m, types)) out.push_back(static_cast<rt::Piece>(i));
  return out;
}

} // namespace btc
