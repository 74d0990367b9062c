// A C++ traced program: overloads, a namespace, a class method and templates, to probe by
// demangled name. noipa: no clones (.isra.0) that would rename them.
#include <cstdio>
#include <cstdlib>

namespace ns {

__attribute__((noipa)) int over(int x) {
  return x + 1;
}
__attribute__((noipa)) long over(long x, long y) {
  return x + y;
}

struct Klass {
  __attribute__((noipa)) int method(int x) const { return x * 3; }
};

template <typename T> __attribute__((noipa)) T twice(T x) {
  return x + x;
}

} // namespace ns

int main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 2;
  ns::Klass k;
  long sum = 0;
  for (int i = 0; i < n; ++i)
    sum += ns::over(i) + ns::over(long(i), 2L) + k.method(i) + ns::twice(i) + ns::twice(long(i));
  std::printf("sum=%ld\n", sum);
  return 0;
}
