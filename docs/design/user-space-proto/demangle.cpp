// Which C++ demangler a static tool can use: libstdc++'s abi::__cxa_demangle (already linked
// into every btc tool) vs libiberty's cplus_demangle (libiberty-dev). Reads mangled names on
// stdin, prints "mangled<TAB>cxa<TAB>iberty" and whether they differ.
#include <cxxabi.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <iostream>
#ifdef WITH_IBERTY
#include <libiberty/demangle.h>
#endif
int main() {
  std::string line;
  int n = 0, diff = 0;
  while (std::getline(std::cin, line)) {
    int st = 0;
    char* a = abi::__cxa_demangle(line.c_str(), nullptr, nullptr, &st);
    std::string sa = a ? a : line;
    free(a);
    std::string sb = "-";
#ifdef WITH_IBERTY
    char* b = cplus_demangle(line.c_str(), DMGL_PARAMS | DMGL_ANSI);
    sb = b ? b : line;
    free(b);
#endif
    n++;
    if (sb != "-" && sa != sb) diff++;
    if (getenv("ALL") || (sb != "-" && sa != sb)) printf("%s\t%s\t%s\n", line.c_str(), sa.c_str(), sb.c_str());
  }
  fprintf(stderr, "%d names, %d differ\n", n, diff);
}
