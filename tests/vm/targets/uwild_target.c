/* A traced program for the matrix's uprobe cases (built static: the guest has no libc). Three
 * functions, each called once per iteration, and a USDT probe.
 * usage: uwild_target [iterations] */
#include <stdio.h>
#include <stdlib.h>
#include <sys/sdt.h>

__attribute__((noinline)) long vm_alpha(long x) {
  asm volatile("" ::: "memory");
  return x + 1;
}

__attribute__((noinline)) long vm_beta(long x) {
  asm volatile("" ::: "memory");
  return x + 20;
}

__attribute__((noinline)) long vm_gamma(long x) {
  asm volatile("" ::: "memory");
  return x + 300;
}

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 3, sum = 0;
  for (long i = 0; i < n; i++) {
    sum += vm_alpha(i) + vm_beta(i) + vm_gamma(i);
    STAP_PROBE1(vm, tick, i);
  }
  printf("sum %ld\n", sum);
  return 0;
}
