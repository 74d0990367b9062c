// Spelling arbitrary bytes as a C/C++ string literal.
#pragma once

#include <string>

namespace btc {

std::string c_string_literal(const std::string& s);

} // namespace btc
