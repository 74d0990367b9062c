/* The shared library of uprobe_target: a function probed inside a library, and a USDT probe
 * whose semaphore lives in the library. */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>

unsigned short shlib_add_semaphore __attribute__((section(".probes"), used));

/* The calls so far, for uaddr() in a shared library. */
volatile int shlib_calls;

__attribute__((noinline)) int shlib_add(int a, int b) {
  shlib_calls++;
  if (shlib_add_semaphore) STAP_PROBE2(shlib, add, a, b);
  return a + b;
}
