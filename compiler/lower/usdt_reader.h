// The BPF half of USDT arguments, emitted into programs that have usdt probes. libbpf's
// user-space half (bpf_program__attach_usdt, which the tool calls) decodes each probe site's
// argument specs ("-4@%eax 8@-16(%rbp)") into two maps of the object, by name; this C reads
// them back. Their layout is libbpf 1.x's ABI between its two halves.
#pragma once

namespace btc {

// C declarations: the two maps, the kconfig switch libbpf sets,
// `__u64 btc_usdt_arg(struct btc_pt_regs *ctx, __u32 n)` (0 for an argument the site lacks) and
// `__u64 btc_usdt_cookie(struct btc_pt_regs *ctx)` (the site's usdt_cookie, 0 when none).
extern const char* const kUsdtReader;

} // namespace btc
