/* A USDT probe without a semaphore (a file of its own: <sys/sdt.h> gives every probe of a file
 * a semaphore or none). */
#include <sys/sdt.h>

__attribute__((noinline)) void target_plain(long i) {
  STAP_PROBE1(target, plain, i);
}
