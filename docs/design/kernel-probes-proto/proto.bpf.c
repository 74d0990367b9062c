// Prototype BPF object: kprobe/kretprobe/kprobe.multi/fentry/fexit/iter + kernel stacks.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

// `func`: bpf_get_func_ip where the kernel has it (5.15+ for kprobes), the saved IP before.
// The branch is decided at load time by a CO-RE enum relocation, so 5.10 never sees the helper.
static __u64 func_ip(struct pt_regs* ctx) {
  if (bpf_core_enum_value_exists(enum bpf_func_id, BPF_FUNC_get_func_ip))
    return bpf_get_func_ip(ctx);
  return PT_REGS_IP(ctx);
}

char LICENSE[] SEC("license") = "GPL";

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 8);
  __type(key, __u32);
  __type(value, __u64);
} counts SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_STACK_TRACE);
  __uint(max_entries, 1024);
  __uint(key_size, sizeof(__u32));
  __uint(value_size, 127 * sizeof(__u64));
} stacks SEC(".maps");

__u64 stack_buf[127];
long stack_len = -1;
long stackid = -1;
__u64 last_ip, kp_ip, last_ret, fentry_arg0, fexit_ret;
__u64 iter_tasks, iter_files, iter_vmas;

static void bump(__u32 i) {
  __u64* v = bpf_map_lookup_elem(&counts, &i);
  if (v) __sync_fetch_and_add(v, 1);
}

SEC("kprobe")
int kp(struct pt_regs* ctx) {
  bump(0);
  kp_ip = func_ip(ctx);
  if (stackid < 0) stackid = bpf_get_stackid(ctx, &stacks, 0);
  if (stack_len < 0) stack_len = bpf_get_stack(ctx, stack_buf, sizeof(stack_buf), 0);
  return 0;
}

// Same choice without CO-RE: the runtime sets this before load; the verifier prunes the branch it
// knows is dead (frozen .rodata), so 5.10 never checks the unknown helper.
const volatile int has_func_ip = 0;
__u64 kp2_ip;

SEC("kprobe")
int kp2(struct pt_regs* ctx) {
  if (has_func_ip)
    kp2_ip = bpf_get_func_ip(ctx);
  else
    kp2_ip = PT_REGS_IP(ctx);
  return 0;
}

SEC("kretprobe.multi")
int krpm(struct pt_regs* ctx) {
  bump(6);
  last_ret = PT_REGS_RC(ctx);
  return 0;
}

SEC("kretprobe")
int krp(struct pt_regs* ctx) {
  bump(1);
  last_ret = PT_REGS_RC(ctx);
  return 0;
}

SEC("kprobe.multi")
int kpm(struct pt_regs* ctx) {
  bump(2);
  last_ip = func_ip(ctx);
  return 0;
}

// Generic fentry/fexit: the target is chosen at start with bpf_program__set_attach_target.
SEC("fentry")
int fe(__u64* ctx) {
  bump(3);
  fentry_arg0 = ctx[0];
  if (stackid < 0) stackid = bpf_get_stackid(ctx, &stacks, 0);
  return 0;
}

// fexit of a 2-argument function (ksys_read-like: fd, buf, count -> 3 args): retval is ctx[nargs].
SEC("fexit")
int fx(__u64* ctx) {
  bump(4);
  fexit_ret = ctx[3];
  return 0;
}

#define FE(n) SEC("fentry") int fe##n(__u64* ctx) { bump(5); return 0; }
#define FE10(n) FE(n##0) FE(n##1) FE(n##2) FE(n##3) FE(n##4) FE(n##5) FE(n##6) FE(n##7) FE(n##8) FE(n##9)
FE10(1) FE10(2) FE10(3) FE10(4) FE10(5)

SEC("iter/task")
int it_task(struct bpf_iter__task* ctx) {
  struct task_struct* t = ctx->task;
  if (!t) return 0;
  iter_tasks++;
  if (iter_tasks <= 3) {
    static const char fmt[] = "task %d %s\n";
    __u64 args[] = {t->pid, (__u64)t->comm};
    bpf_seq_printf(ctx->meta->seq, fmt, sizeof(fmt), args, sizeof(args));
  }
  return 0;
}

SEC("iter/task_file")
int it_file(struct bpf_iter__task_file* ctx) {
  if (ctx->file) iter_files++;
  return 0;
}

SEC("iter/task_vma")
int it_vma(struct bpf_iter__task_vma* ctx) {
  if (ctx->vma) iter_vmas++;
  return 0;
}
