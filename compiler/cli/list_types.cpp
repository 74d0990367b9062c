#include "cli/list_types.h"

#include "cli/list_probes.h"
#include "kernel/btf.h"

#include <bpf/btf.h>
#include <cstdarg>
#include <cstdio>
#include <iostream>
#include <map>

namespace btc::cli {

namespace {

bool kind_matches(const btf_type* t, const std::string& kind) {
  if (kind == "struct") return btf_is_struct(t);
  if (kind == "union") return btf_is_union(t);
  return btf_is_any_enum(t);
}

void append(void* ctx, const char* fmt, va_list args) {
  va_list copy;
  va_copy(copy, args);
  int n = std::vsnprintf(nullptr, 0, fmt, copy);
  va_end(copy);
  if (n <= 0) return;
  auto& out = *static_cast<std::string*>(ctx);
  size_t at = out.size();
  out.resize(at + static_cast<size_t>(n) + 1);
  std::vsnprintf(out.data() + at, static_cast<size_t>(n) + 1, fmt, args);
  out.resize(at + static_cast<size_t>(n));
}

// btf_dump writes a type after every type it needs by value (and forward declarations): the
// definition asked for is the last one, from its own first line on.
std::string definition(const btf* b, uint32_t id, const std::string& head) {
  std::string text;
  btf_dump* d = btf_dump__new(b, append, &text, nullptr);
  if (!d) return "";
  int err = btf_dump__dump_type(d, id);
  btf_dump__free(d);
  if (err) return "";
  size_t at = text.rfind("\n" + head + " {\n");
  return text.substr(at == std::string::npos ? 0 : at + 1);
}

} // namespace

std::optional<int> list_types(const std::string& search, bool verbose) {
  size_t space = search.find(' ');
  std::string kind = search.substr(0, space);
  if (space == std::string::npos || (kind != "struct" && kind != "union" && kind != "enum"))
    return std::nullopt;
  std::string pattern = search.substr(search.find_first_not_of(' ', space));
  KernelBtf& kernel = KernelBtf::get();
  const btf* b = kernel.data();
  if (!b) {
    std::cerr << "btc: error: cannot list kernel types: " << kernel.load_error() << "\n";
    return 1;
  }
  std::map<std::string, uint32_t> found; // by name: bpftrace's order; the first id of a name
  for (uint32_t id = 1; id < btf__type_cnt(b); ++id) {
    const btf_type* t = btf__type_by_id(b, id);
    if (!kind_matches(t, kind)) continue;
    std::string name = btf__name_by_offset(b, t->name_off);
    if (!name.empty() && glob_match(pattern, name)) found.emplace(name, id);
  }
  if (found.empty() && pattern.find('*') == std::string::npos) {
    std::cerr << "btc: error: the kernel's BTF has no " << kind << " " << pattern << "\n";
    return 1;
  }
  for (const auto& [name, id] : found) {
    std::string head = kind + " " + name;
    if (!verbose) {
      std::cout << head << "\n";
      continue;
    }
    std::string text = definition(b, id, head);
    if (text.empty()) {
      std::cerr << "btc: error: cannot write the definition of " << head << "\n";
      return 1;
    }
    std::cout << text;
  }
  std::cout << std::flush;
  return 0;
}

} // namespace btc::cli
