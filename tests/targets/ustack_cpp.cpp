// A C++ program for user-stack tests: a namespace, a template and a const method on the stack,
// called slowly enough that it still runs when a tracing tool prints its stacks.
// usage: ustack_cpp [iterations [interval_ms]]
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace app {

__attribute__((noipa)) int leaf(int x) {
  return x + 1;
}

template <typename T> __attribute__((noipa)) T twice(T x) {
  return static_cast<T>(leaf(static_cast<int>(x))) * 2;
}

struct Worker {
  __attribute__((noipa)) long run(long i) const { return twice<long>(i) + twice<int>(int(i)); }
};

} // namespace app

int main(int argc, char** argv) {
  long n = argc > 1 ? std::atol(argv[1]) : 3;
  long ms = argc > 2 ? std::atol(argv[2]) : 10;
  app::Worker w;
  long sum = 0;
  for (long i = 0; i < n; ++i) {
    sum += w.run(i);
    if (ms) usleep(static_cast<useconds_t>(ms * 1000));
  }
  std::printf("sum=%ld\n", sum);
  return 0;
}
