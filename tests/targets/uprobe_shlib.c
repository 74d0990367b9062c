/* The shared library of uprobe_target: a function probed inside a library, and a USDT probe
 * whose semaphore lives in the library. */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>

unsigned short shlib_add_semaphore __attribute__((section(".probes"), used));

__attribute__((noinline)) int shlib_add(int a, int b) {
  if (shlib_add_semaphore) STAP_PROBE2(shlib, add, a, b);
  return a + b;
}
