// The DebugInfo piece (show_debug_info): the line tables and inlined calls of user frames, read
// by dwarf_lines.cpp and dwarf_inlines.cpp, offered to user_symbols.cpp through its hooks.
#include "pieces.h"
#include "user/dwarf_inlines.h"

#include <cstdio>

namespace btc::rt {
namespace {

std::shared_ptr<const SourceInfo> load(const std::string& path, const std::string& debug_path,
                                       const std::string& name, bool verbose) {
  auto info = std::make_shared<SourceInfo>(SourceInfo::load(path));
  if (info->lines.empty() && !debug_path.empty()) *info = SourceInfo::load(debug_path);
  if (verbose)
    std::fprintf(stderr, "btc: read %zu line rows and %zu inlined calls of %s\n",
                 info->lines.rows(), info->inlines.size(), name.c_str());
  return info;
}

bool find(const SourceInfo& info, uint64_t vaddr, std::string& file, uint32_t& line,
          std::vector<InlinedCall>& calls) {
  if (!info.lines.find(vaddr, file, line)) return false;
  calls = info.inlines.find(vaddr);
  return true;
}

} // namespace

void install_debug_info() {
  static const PieceApi<Piece::DebugInfo> api = {.load = load, .find = find};
  install_piece(api);
}

} // namespace btc::rt
