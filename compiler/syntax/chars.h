// Character classes shared by the lexer and the preamble scanner.
#pragma once

#include <cctype>

namespace btc {

inline bool is_ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
inline bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

} // namespace btc
