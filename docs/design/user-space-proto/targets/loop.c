/* loop N: calls a noinline function N times, prints ns per call (uprobe cost figure). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
__attribute__((noinline)) long loop_fn(long x) { asm volatile("" ::: "memory"); return x + 1; }
int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000, s = 0;
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  for (long i = 0; i < n; i++) s += loop_fn(i);
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("%.1f ns/call (%ld calls, sum %ld)\n", ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n, n, s);
  return 0;
}
