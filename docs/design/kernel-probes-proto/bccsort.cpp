// Replica of bcc's KSyms (what bpftrace 0.17 uses): non-data symbols in file order, std::sort by
// address only (unstable), upper_bound - 1. Prints "ADDR name" for each argument.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>
struct Symbol { std::string name; unsigned long long addr; bool operator<(const Symbol& o) const { return addr < o.addr; } };
int main(int argc, char** argv) {
  std::vector<Symbol> syms;
  FILE* f = fopen("/proc/kallsyms", "r");
  char line[2048];
  while (fgets(line, sizeof line, f)) {
    char* s; unsigned long long a = strtoull(line, &s, 16);
    if (a == 0 || a == ~0ULL) continue;
    s++;
    if (strchr("bBdDrR", *s)) continue;
    s += 2; char* e = s; while (*e && *e != ' ' && *e != '\t' && *e != '\n') e++; *e = 0;
    syms.push_back({s, a});
  }
  std::sort(syms.begin(), syms.end());
  for (int i = 1; i < argc; ++i) {
    unsigned long long a = strtoull(argv[i], nullptr, 16);
    auto it = std::upper_bound(syms.begin(), syms.end(), Symbol{"", a}) - 1;
    printf("%s %s\n", argv[i], it->name.c_str());
  }
}
