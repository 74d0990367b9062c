#include <bpf/btf.h>
#include <bpf/bpf.h>
#include <stdio.h>
#include <time.h>
#include <sys/resource.h>
static double now() { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
int main() {
  double t0 = now(); struct btf *b = btf__load_vmlinux_btf(); double t1 = now();
  unsigned id = 0; int n = 0; while (!bpf_btf_get_next_id(id, &id)) n++;
  struct rusage ru; getrusage(RUSAGE_SELF, &ru);
  printf("cpu %.1f ms; vmlinux BTF parse %.1f ms, %u types, maxrss %ld KB; BTF objects in kernel: %d\n", (ru.ru_utime.tv_sec*1e3+ru.ru_utime.tv_usec/1e3+ru.ru_stime.tv_sec*1e3+ru.ru_stime.tv_usec/1e3), t1 - t0, btf__type_cnt(b), ru.ru_maxrss, n);
}
