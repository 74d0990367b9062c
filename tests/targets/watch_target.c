// The program the watchpoint tests trace (host e2e and, built static, the qemu matrix):
// increment() writes through its pointer argument, so watchpoint:increment+arg0 watches the
// caller's counter; `watched` sits at 0x10000000 (not position-independent, its section placed
// there, in the host build) for watchpoints on an address. stop_watching() names the address the
// scripts unwatch; `a` is written once more directly, then through increment() again.
//
// usage: watch_target [DELAY_MS [FIRST_MS]]: DELAY_MS between the calls (for asyncwatchpoint,
// which does not stop the process while the watchpoint is set) and FIRST_MS (default DELAY_MS)
// before the first one (for -p, which finds the program running); FIRST_MS -1: print "waiting"
// and wait for SIGUSR1 instead (sent once the tool is attached, however long that takes).
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((section(".watched"))) volatile long watched = 1;

// The nop is the first instruction, which the uprobe replaces; the write comes after it.
__attribute__((noinline)) void increment(volatile int* p) {
  __asm__ volatile("nop");
  ++*p;
}

__attribute__((noinline)) void stop_watching(volatile int* p) {
  __asm__ volatile("" : : "r"(p) : "memory");
}

// Where a tool tracing the program without -c can stop.
__attribute__((noinline)) void finished(void) {
  __asm__ volatile("" : : : "memory");
}

static void on_usr1(int sig) {
  (void)sig;
}

int main(int argc, char** argv) {
  int delay_us = argc > 1 ? atoi(argv[1]) * 1000 : 0;
  int first_ms = argc > 2 ? atoi(argv[2]) : -2;
  volatile int a = 0, b = 0;
  if (first_ms == -1) {
    // Blocked before saying so: a SIGUSR1 sent right after the line is not lost.
    sigset_t usr1, old;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, &old);
    signal(SIGUSR1, on_usr1);
    printf("waiting\n");
    fflush(stdout);
    sigsuspend(&old);
    sigprocmask(SIG_SETMASK, &old, NULL);
  } else {
    usleep(first_ms >= 0 ? first_ms * 1000 : delay_us);
  }
  for (int i = 0; i < 3; ++i) {
    increment(&a);
    usleep(delay_us);
  }
  for (int i = 0; i < 2; ++i) {
    increment(&b);
    usleep(delay_us);
  }
  for (long i = 0; i < 4; ++i) watched = i;
  // The unwatch() event reaches the tool while the program waits.
  stop_watching(&a);
  usleep(300000);
  a += 10;
  // A new call with the address watches it again.
  increment(&a);
  printf("a=%d b=%d watched=%ld\n", a, b, watched);
  finished();
  // No exit handlers: they would reuse the stack where `a` and `b` were, under the watchpoints.
  fflush(stdout);
  _exit(0);
}
