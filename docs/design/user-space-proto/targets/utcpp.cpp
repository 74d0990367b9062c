// utcpp: C++ test target (namespaces, methods, overloads, a template) for demangled-name probes.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>
namespace ns {
struct Klass {
  int base;
  __attribute__((noinline)) int method(int x) { asm volatile(""); return base + x; }
};
__attribute__((noinline)) int over(int x) { asm volatile(""); return x + 1; }
__attribute__((noinline)) double over(double x) { asm volatile(""); return x + 0.5; }
template <typename T> __attribute__((noinline)) T twice(T v) { asm volatile(""); return v + v; }
}  // namespace ns
__attribute__((noinline)) int plain_c_like(int x) { asm volatile(""); return x - 1; }
int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 5;
  setvbuf(stdout, nullptr, _IOLBF, 0);
  ns::Klass k{10};
  for (long i = 0; n == 0 || i < n; i++) {
    int r = k.method((int)i) + ns::over((int)i) + (int)ns::over(1.0) + ns::twice<int>((int)i) +
            (int)ns::twice<long>(i) + plain_c_like((int)i) + (int)ns::twice(std::string("a")).size();
    printf("utcpp %d: %d\n", getpid(), r);
    usleep(100000);
  }
}
