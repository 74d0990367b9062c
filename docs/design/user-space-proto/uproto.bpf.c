// SPDX-License-Identifier: GPL-2.0
/* Research prototype for btc issue 7: uprobes (single + raw uprobe_multi), uretprobes, USDT. */
#include <stdbool.h>
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/usdt.bpf.h>

struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 256); __type(key, __u32); __type(value, __u64); } hits SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 8); __type(key, __u32); __type(value, __s64); } last SEC(".maps");

const volatile __u32 filter_tgid = 0;   /* -p / -c: 0 = all */

static void bump(__u64 cookie) {
  __u32 k = cookie & 255;
  __u64 *v = bpf_map_lookup_elem(&hits, &k);
  if (v) __sync_fetch_and_add(v, 1);
}
static void put(__u32 k, __s64 val) { __s64 *v = bpf_map_lookup_elem(&last, &k); if (v) *v = val; }

SEC("uprobe") int up(struct pt_regs *ctx) {
  if (filter_tgid && (bpf_get_current_pid_tgid() >> 32) != filter_tgid) return 0;
  bump(bpf_get_attach_cookie(ctx));
  put(0, PT_REGS_PARM1(ctx));
  return 0;
}
SEC("uretprobe") int urp(struct pt_regs *ctx) {
  bump(bpf_get_attach_cookie(ctx));
  put(1, PT_REGS_RC(ctx));
  return 0;
}
/* loaded with expected_attach_type BPF_TRACE_UPROBE_MULTI (48) by the user side */
SEC("uprobe") int upm(struct pt_regs *ctx) {
  bump(bpf_get_attach_cookie(ctx));
  return 0;
}
SEC("usdt") int ud(struct pt_regs *ctx) {
  long a0 = 0, a1 = 0;
  bump(200 + (bpf_usdt_cookie(ctx) & 15));
  bpf_usdt_arg(ctx, 0, &a0);
  bpf_usdt_arg(ctx, 1, &a1);
  put(2, a0); put(3, a1); put(4, bpf_usdt_arg_cnt(ctx));
  put(5, bpf_get_current_pid_tgid() >> 32);
  return 0;
}
char LICENSE[] SEC("license") = "GPL";

/* user stacks two ways: IPs (what bpftrace uses) and build-id + file offset (BPF_F_STACK_BUILD_ID),
 * which stays symbolizable after the process exits. */
#define MAXF 32
struct { __uint(type, BPF_MAP_TYPE_STACK_TRACE); __uint(max_entries, 1024); __type(key, __u32); __uint(value_size, MAXF * 8); } ipstacks SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_STACK_TRACE); __uint(max_entries, 1024); __type(key, __u32);
         __uint(value_size, MAXF * sizeof(struct bpf_stack_build_id)); __uint(map_flags, BPF_F_STACK_BUILD_ID); } bidstacks SEC(".maps");
SEC("uprobe") int ust(struct pt_regs *ctx) {
  put(6, bpf_get_stackid(ctx, &ipstacks, BPF_F_USER_STACK));
  put(7, bpf_get_stackid(ctx, &bidstacks, BPF_F_USER_STACK));
  return 0;
}
