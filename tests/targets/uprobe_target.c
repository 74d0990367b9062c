/* A traced program for the user-space probe tests: named functions with frame pointers, a
 * static one, calls into a shared library, and a USDT probe with a semaphore (is-enabled).
 * usage: uprobe_target [iterations [interval_ms]]   (0 iterations = run until killed) */
#define _SDT_HAS_SEMAPHORES 1
#include <stdio.h>
#include <stdlib.h>
#include <sys/sdt.h>
#include <unistd.h>

/* Set by the kernel while a USDT probe of target:tick is attached (the note names it). */
unsigned short target_tick_semaphore __attribute__((section(".probes"), used));

int shlib_add(int a, int b);
void target_plain(long i);

/* The iteration running, for uaddr() at the load address of a PIE. */
volatile long target_iteration;

__attribute__((noinline)) int target_leaf(int x) {
  asm volatile("" ::: "memory");
  return x * 2 + 1; /* line 21: tests/e2e/cases/config_show_debug_info*.bt */
}

__attribute__((noinline)) static int target_static(int x) {
  int r = target_leaf(x + 1);
  asm volatile("" ::: "memory");
  return r + 1;
}

/* Eight arguments: the last two are on the stack (sarg0, sarg1). */
__attribute__((noipa)) long target_many(long a, long b, long c, long d, long e, long f, long g,
                                        long h) {
  return a + b + c + d + e + f + g + h;
}

__attribute__((noinline)) int target_work(int i) {
  return target_static(i) + shlib_add(i, 1); /* line 37: config_show_debug_info.bt */
}

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 3;
  long ms = argc > 2 ? atol(argv[2]) : 10;
  setvbuf(stdout, NULL, _IOLBF, 0);
  for (long i = 0; n == 0 || i < n; i++) {
    target_iteration = 100 + i;
    int r = target_work((int)i);
    target_many(1, 2, 3, 4, 5, 6, 7 + i, 8 + i); /* line 47: config_show_debug_info.bt */
    if (target_tick_semaphore) STAP_PROBE2(target, tick, i, r);
    target_plain(i);
    printf("i=%ld r=%d\n", i, r);
    if (ms) usleep(ms * 1000);
  }
  return 0;
}
