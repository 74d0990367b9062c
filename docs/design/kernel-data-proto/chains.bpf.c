#include "base.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
char LICENSE[] SEC("license") = "GPL";
#define __pai __attribute__((preserve_access_index))
/* Minimal records: only the fields used; anonymous nesting flattened (libbpf looks through
 * the target's anonymous members when matching a name). */
struct rlimit { unsigned long rlim_cur; unsigned long rlim_max; } __pai;
struct signal_struct { struct rlimit rlim[16]; } __pai;
struct mm_struct { unsigned long arg_start; } __pai;          /* target: inside anon struct */
struct task_struct {
  int pid; int tgid; char comm[16];
  struct task_struct *real_parent;
  struct signal_struct *signal;
  struct mm_struct *mm;
  unsigned int in_execve : 1;                                  /* bitfield */
} __pai;
struct { __u64 out[16]; char outs[16]; } g;

/* Read of a chain as btc would emit it: each step a probe read of a CO-RE-relocated address.
 * Same code works when the base pointer is BTF-typed (tp_btf/fentry args). */
#define BTC_READ(T, addr) ({ T __v = 0; bpf_probe_read_kernel(&__v, sizeof __v, (const void *)(addr)); __v; })

SEC("tracepoint/syscalls/sys_enter_getppid")
int tp(void *ctx) {
  struct task_struct *t = (struct task_struct *)bpf_get_current_task();
  /* address expressions under __builtin_preserve_access_index: t->real_parent->tgid */
  struct task_struct *parent = BTC_READ(struct task_struct *, __builtin_preserve_access_index(&t->real_parent));
  g.out[0] = BTC_READ(int, __builtin_preserve_access_index(&parent->tgid));
  /* array of records with an index: signal->rlim[7].rlim_cur (RLIMIT_NOFILE) */
  struct signal_struct *sig = BTC_READ(struct signal_struct *, &t->signal);   /* record has __pai: plain & is relocated too */
  g.out[1] = BTC_READ(unsigned long, &sig->rlim[7].rlim_cur);
  /* field inside the target's anonymous struct */
  struct mm_struct *mm = BTC_READ(struct mm_struct *, &t->mm);
  g.out[2] = BTC_READ(unsigned long, &mm->arg_start);
  /* char array element */
  g.out[3] = BTC_READ(char, &t->comm[1]);
  g.out[4] = BPF_CORE_READ(t, signal, rlim[7].rlim_max);
  return 0;
}

SEC("tracepoint/sched/sched_process_exec")
int exec_tp(void *ctx) {
  struct task_struct *t = (struct task_struct *)bpf_get_current_task();
  g.out[5] = BPF_CORE_READ_BITFIELD_PROBED(t, in_execve);
  g.out[6] = BPF_CORE_READ(t, pid);
  return 0;
}

SEC("tp_btf/sched_process_exec")
int exec_btf(unsigned long long *ctx) {
  struct task_struct *pt = (struct task_struct *)ctx[0];
  g.out[7] = pt->pid;                     /* direct deref: BTF pointer, CO-RE LDX */
  g.out[8] = BPF_CORE_READ(pt, real_parent, tgid);   /* probe-read pattern on a BTF pointer */
  g.out[9] = pt->real_parent->tgid;         /* direct chain: only on BTF pointers */
  g.out[10] = BPF_CORE_READ_BITFIELD(pt, in_execve); /* direct bitfield read */
  return 0;
}
