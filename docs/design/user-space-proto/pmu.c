/* Which perf PMUs this host has for watchpoint: and hardware: probes.
 * Opens a write breakpoint (PERF_TYPE_BREAKPOINT, HW_BREAKPOINT_W, len 8) on a variable of this
 * process and counts hits; then tries the PERF_TYPE_HARDWARE and HW_CACHE events bpftrace's
 * hardware: probe names map to. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile uint64_t watched;
__attribute__((noinline)) static void callee(void) { asm volatile("" ::: "memory"); }
static int peo(struct perf_event_attr *a, pid_t pid, int cpu) { return syscall(SYS_perf_event_open, a, pid, cpu, -1, 0); }

int main(void) {
  struct perf_event_attr a;
  memset(&a, 0, sizeof a);
  a.size = sizeof a; a.type = PERF_TYPE_BREAKPOINT; a.bp_type = HW_BREAKPOINT_W;
  a.bp_addr = (uintptr_t)&watched; a.bp_len = HW_BREAKPOINT_LEN_8; a.sample_period = 1;
  a.exclude_kernel = 1; a.exclude_hv = 1;
  int fd = peo(&a, 0, -1);
  if (fd < 0) printf("breakpoint (W, len 8) on own variable: %s\n", strerror(errno));
  else {
    usleep(1000);                        /* let the event be scheduled in */
    for (int i = 0; i < 5; i++) watched = i;
    uint64_t n = 0; (void)!read(fd, &n, sizeof n);
    printf("breakpoint (W, len 8) on own variable: ok, %llu hits for 5 writes\n", (unsigned long long)n);
  }
  int open_bp = 0;                       /* how many breakpoints can be open at once (DR0-3) */
  int fds[16];
  for (int i = 0; i < 16; i++) {
    a.bp_addr = (uintptr_t)&watched; a.bp_len = HW_BREAKPOINT_LEN_1;
    fds[i] = peo(&a, 0, -1);
    if (fds[i] < 0) { printf("breakpoint #%d: %s\n", i + 1, strerror(errno)); break; }
    open_bp++;
  }
  printf("breakpoints open at once on this task: %d\n", open_bp);
  a.bp_type = HW_BREAKPOINT_RW; a.bp_len = HW_BREAKPOINT_LEN_4;
  int rw = peo(&a, 0, -1);
  printf("bp_type RW len 4 (with %d already open): %s\n", open_bp, rw >= 0 ? "ok" : strerror(errno));
  for (int i = 0; i < open_bp; i++) close(fds[i]);
  a.bp_type = HW_BREAKPOINT_R; a.bp_len = HW_BREAKPOINT_LEN_4;
  rw = peo(&a, 0, -1);
  printf("bp_type R (read-only) len 4: %s\n", rw >= 0 ? "ok" : strerror(errno));
  a.bp_type = HW_BREAKPOINT_X; a.bp_len = sizeof(long); a.bp_addr = (uintptr_t)&callee;
  rw = peo(&a, 0, -1);
  if (rw < 0) printf("bp_type X on a function: %s\n", strerror(errno));
  else {
    usleep(1000);
    for (int i = 0; i < 5; i++) callee();
    uint64_t n = 0; (void)!read(rw, &n, sizeof n);
    printf("bp_type X on a function: ok, %llu hits for 5 calls\n", (unsigned long long)n);
  }

  struct { const char *name; uint32_t type; uint64_t config; } hw[] = {
    {"cpu-cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES},
    {"instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS},
    {"cache-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES},
    {"branch-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES},
    {"L1-dcache-load-misses", PERF_TYPE_HW_CACHE,
     PERF_COUNT_HW_CACHE_L1D | (PERF_COUNT_HW_CACHE_OP_READ << 8) | (PERF_COUNT_HW_CACHE_RESULT_MISS << 16)},
    {"cpu-clock (software, for comparison)", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK},
  };
  for (unsigned i = 0; i < sizeof hw / sizeof *hw; i++) {
    memset(&a, 0, sizeof a);
    a.size = sizeof a; a.type = hw[i].type; a.config = hw[i].config; a.sample_period = 1000000;
    int f = peo(&a, -1, 0);
    printf("%-40s cpu 0, all tasks: %s\n", hw[i].name, f >= 0 ? "ok" : strerror(errno));
    if (f >= 0) close(f);
  }
  return 0;
}
