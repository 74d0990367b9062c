/* ut: a PIE test target for uprobes, USDT (with a semaphore), ustack and -p/-c.
 * usage: ut [iterations [interval_ms]]   (iterations 0 = forever)
 * Prints one line per iteration to stdout (so -c pass-through can be checked). */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* is-enabled USDT probe ut:tick: the kernel increments this while a uprobe with
 * ref_ctr_offset is attached (STAP_PROBE records its address in the note). */
unsigned short ut_tick_semaphore __attribute__((section(".probes"), used));

int lib_add(int a, int b);          /* libut.so */
void wild_all(int i);               /* wild.c: f000..f099 */

__attribute__((noinline)) int ut_leaf(int x) { asm volatile("" ::: "memory"); return x * 2 + 1; }
__attribute__((noinline)) int ut_mid(int x) { int r = ut_leaf(x + 1); asm volatile(""); return r + 1; }
__attribute__((noinline)) static int ut_static_fn(int x) { int r = ut_mid(x); asm volatile(""); return r; }
__attribute__((noinline)) int ut_work(int i) { return ut_static_fn(i) + lib_add(i, 1); }

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 5;
  long ms = argc > 2 ? atol(argv[2]) : 100;
  setvbuf(stdout, NULL, _IOLBF, 0);
  for (long i = 0; n == 0 || i < n; i++) {
    int r = ut_work((int)i);
    if (ut_tick_semaphore) {            /* only when a tracer attached */
      STAP_PROBE2(ut, tick, i, r);
      printf("ut %d: i=%ld r=%d (tick enabled, sem=%u)\n", getpid(), i, r, ut_tick_semaphore);
    } else {
      printf("ut %d: i=%ld r=%d\n", getpid(), i, r);
    }
    wild_all((int)i);
    usleep(ms * 1000);
  }
  return 0;
}
