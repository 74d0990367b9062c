/* A traced program with calls inlined into each other, for config show_debug_info's
 * "[inlined]" frames: inline_work calls outer (inlined), which calls inner (inlined), which
 * calls inline_leaf, which calls inline_sink (the probed function: a uprobe at a function's
 * entry loses its caller from the stack, here inline_leaf).
 * usage: inline_target [iterations [interval_ms]] */
#include <stdlib.h>
#include <unistd.h>

__attribute__((noinline)) int inline_sink(int x) {
  asm volatile("" ::: "memory");
  return x + 1;
}

__attribute__((noinline)) int inline_leaf(int x) {
  int r = inline_sink(x);
  asm volatile("" : "+r"(r));
  return r;
}

static inline __attribute__((always_inline)) int inner(int x) {
  int r = inline_leaf(x); /* line 21: the call in inner */
  asm volatile("" : "+r"(r));
  return r * 3;
}

static inline __attribute__((always_inline)) int outer(int x) {
  int r = inner(x + 1); /* line 27: the call of inner */
  asm volatile("" : "+r"(r));
  return r * 5;
}

__attribute__((noinline)) int inline_work(int x) {
  int r = outer(x); /* line 33: the call of outer */
  asm volatile("" : "+r"(r));
  return r * 7;
}

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 3;
  long ms = argc > 2 ? atol(argv[2]) : 10;
  int r = 0;
  for (long i = 0; n == 0 || i < n; i++) {
    r += inline_work((int)i);
    if (ms) usleep(ms * 1000);
  }
  return r == 12345;
}
