// `btc -l 'struct NAME'` and `-lv`: kernel types from BTF, as bpftrace lists them. -l prints
// "struct NAME" for each match, -lv its C definition as libbpf's btf_dump writes it (tabs,
// bitfields, padding), the type alone without the types it uses.
#pragma once

#include <optional>
#include <string>

namespace btc::cli {

// When `search` is a type search ("struct X", "union X", "enum X"; X may be a glob), lists the
// matches and returns the exit status; nothing otherwise.
std::optional<int> list_types(const std::string& search, bool verbose);

} // namespace btc::cli
