/* libut.so: a shared library with a function and a USDT probe (with a semaphore). */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>
unsigned short libut_add_semaphore __attribute__((section(".probes"), used));
__attribute__((noinline)) int lib_inner(int a) { asm volatile("" ::: "memory"); return a + 3; }
__attribute__((noinline)) int lib_add(int a, int b) {
  if (libut_add_semaphore) STAP_PROBE2(libut, add, a, b);
  return lib_inner(a) + b;
}
