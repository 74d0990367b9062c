// A counting workload for the stress tests: THREADS threads call getppid(2) as fast as they can
// for SECONDS seconds (0: until killed, counting nothing), then the total number of calls is
// written to COUNT_FILE. Every call is a raw syscall, so the count is exactly the number of
// sys_enter_getppid events this process made.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double seconds;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void* flood(void* arg) {
  unsigned long long* calls = arg;
  double end = now() + seconds;
  for (;;) {
    // The clock is read once per batch: it costs about as much as the syscall.
    for (int i = 0; i < 1024; ++i) syscall(SYS_getppid);
    *calls += 1024;
    if (seconds > 0 && now() >= end) break;
  }
  return NULL;
}

int main(int argc, char** argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s SECONDS THREADS COUNT_FILE\n", argv[0]);
    return 2;
  }
  seconds = atof(argv[1]);
  int threads = atoi(argv[2]);
  if (threads < 1 || threads > 64) threads = 1;
  pthread_t ids[64];
  unsigned long long calls[64] = {0};
  for (int i = 0; i < threads; ++i) pthread_create(&ids[i], NULL, flood, &calls[i]);
  unsigned long long total = 0;
  for (int i = 0; i < threads; ++i) {
    pthread_join(ids[i], NULL);
    total += calls[i];
  }
  FILE* f = fopen(argv[3], "w");
  if (!f || fprintf(f, "%llu\n", total) < 0 || fclose(f) != 0) {
    perror(argv[3]);
    return 1;
  }
  return 0;
}
