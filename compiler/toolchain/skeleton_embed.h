// bpftool embeds the BPF object in the skeleton as a C string literal; for a large object (a
// wildcard over hundreds of tracepoints: ~500 KB) the C++ compiler then spends a second parsing
// it. This swaps the literal for the object file itself, assembled in with `.incbin`.
#pragma once

#include <string>

namespace btc {

// Rewrites `skeleton` (the text of NAME.skel.h) so that NAME__elf_bytes() returns the bytes of
// `object_path`. Returns false, leaving the text as it was, when the skeleton does not have the
// expected shape (another bpftool version): the literal then stays, which is only slower.
bool embed_object_by_reference(std::string& skeleton, const std::string& skeleton_name,
                               const std::string& object_path);

} // namespace btc
