#include "base.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
char LICENSE[] SEC("license") = "GPL";
struct task_struct { int pid; int tgid; struct task_struct *real_parent; } __attribute__((preserve_access_index));
struct { __u64 out[16]; char outs[16]; } g;
/* An integer field read with the TARGET's size and signedness (both relocated), into 64 bits:
 * right even if the kernel changed the field's width. Little-endian targets only. */
#define btc_core_int(base, field) ({                                                   \
  __u64 __v = 0;                                                                       \
  __u32 __sz = bpf_core_field_size(base->field);                                       \
  bpf_probe_read_kernel(&__v, __sz > 8 ? 8 : __sz, __builtin_preserve_access_index(&base->field)); \
  if (__builtin_preserve_field_info(base->field, BPF_FIELD_SIGNED) && __sz < 8) {                                \
    __u32 __sh = 64 - __sz * 8; __v = (__u64)(((__s64)(__v << __sh)) >> __sh); }       \
  __v; })
/* Pointers: SIGNED field info on a pointer crashes Clang 19's backend, so a separate form. */
#define btc_core_ptr(base, field) ({ void *__p = 0; \
  bpf_probe_read_kernel(&__p, sizeof __p, __builtin_preserve_access_index(&base->field)); __p; })
SEC("tracepoint/syscalls/sys_enter_getppid")
int tp(void *ctx) {
  struct task_struct *t = (struct task_struct *)bpf_get_current_task();
  g.out[0] = btc_core_int(t, tgid);
  struct task_struct *p = (struct task_struct *)btc_core_ptr(t, real_parent);
  g.out[1] = btc_core_int(p, tgid);
  return 0;
}
