// `args` of a uprobe: the parameters of the function(s) it names, from the debug info of the
// build host's copy of the binary. Sema types `args.NAME` with them, lowering reads each from
// its register or stack slot, and the tool refuses to start where its copy of the binary has
// another build-id (the values would be read at the wrong places).
#pragma once

#include "dwarf/dwarf_info.h"
#include "sema/probes.h"

#include <map>
#include <string>
#include <vector>

namespace btc {

struct UprobeArgs {
  // Why the probe has no `args` at all ("/bin/bash has no debug info; args needs DWARF").
  std::string problem;
  // The parameters every matched function has, at one place with one type.
  std::vector<DwarfParam> params;
  // For a wildcard: why a name is not among `params` ("dw_byval has none").
  std::map<std::string, std::string> param_problems;
  // uretprobe `retval`: the type every matched function returns in rax; none when they differ
  // or one returns something else.
  Type returns;
  std::string file;     // the build host's file
  std::string build_id; // its GNU build-id, lowercase hex; empty when it has none
};

// Computed once per (binary, function spec) and kept for the compiler's run.
const UprobeArgs& uprobe_args(const ResolvedProbe& p);

// The type of `retval` in a block of uretprobes from their functions' debug info: what every
// one returns in rax (an enum as its integer); none when one lacks debug info or they differ,
// and `retval` stays the raw 64-bit register, as in bpftrace.
Type uretprobe_retval_type(const std::vector<ResolvedProbe>& attach);

} // namespace btc
