#include "toolchain/skeleton_embed.h"

#include "lower/c_literal.h"

namespace btc {

bool embed_object_by_reference(std::string& skeleton, const std::string& skeleton_name,
                               const std::string& object_path) {
  const std::string function =
      "static inline const void *" + skeleton_name + "__elf_bytes(size_t *sz)\n{";
  size_t at = skeleton.find(function);
  if (at == std::string::npos) return false;
  const std::string literal_begin = "return (const void *)\"";
  size_t begin = skeleton.find(literal_begin, at);
  size_t end = skeleton.find("\";\n}", begin);
  if (begin == std::string::npos || end == std::string::npos) return false;

  std::string symbol = skeleton_name + "_object_bytes";
  std::string incbin = "extern \"C\" const char " + symbol + "[];\n" +
                       "asm(\".pushsection .rodata." + symbol + ", \\\"a\\\"\\n\"\n" +
                       "    \".balign 8\\n\"\n" + "    \"" + symbol + ":\\n\"\n" +
                       "    \".incbin \" " + c_string_literal(c_string_literal(object_path)) +
                       " \"\\n\"\n" + "    \".popsection\\n\");\n\n";
  skeleton.replace(begin, end + 2 - begin, "return " + symbol + ";");
  skeleton.insert(at, incbin);
  return true;
}

} // namespace btc
