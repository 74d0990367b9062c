#include "syntax/preamble.h"
#include "syntax/chars.h"

#include <cctype>
#include <set>

namespace btc {

namespace {

// Past a comment starting at `pos`, or `pos` itself when none starts there. An unterminated
// block comment runs to the end.
uint32_t skip_comment(const std::string& text, uint32_t pos) {
  if (text.compare(pos, 2, "//") == 0) {
    size_t eol = text.find('\n', pos);
    return static_cast<uint32_t>(eol == std::string::npos ? text.size() : eol);
  }
  if (text.compare(pos, 2, "/*") == 0) {
    size_t close = text.find("*/", pos + 2);
    return static_cast<uint32_t>(close == std::string::npos ? text.size() : close + 2);
  }
  return pos;
}

uint32_t skip_space_and_comments(const std::string& text, uint32_t pos) {
  while (pos < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[pos]))) {
      ++pos;
      continue;
    }
    uint32_t next = skip_comment(text, pos);
    if (next == pos) break;
    pos = next;
  }
  return pos;
}

// Past a string or character literal starting at `pos` (at its quote); it ends at its closing
// quote or the end of the line.
uint32_t skip_quoted(const std::string& text, uint32_t pos) {
  char quote = text[pos++];
  while (pos < text.size() && text[pos] != '\n') {
    if (text[pos] == '\\') {
      pos += 2;
      continue;
    }
    if (text[pos++] == quote) break;
  }
  return pos < text.size() ? pos : static_cast<uint32_t>(text.size());
}

// The end of the directive line starting at `pos`: its newline (or the end of the text),
// following backslash continuations.
uint32_t directive_end(const std::string& text, uint32_t pos) {
  while (pos < text.size() && text[pos] != '\n') {
    if (text[pos] == '\\' && pos + 1 < text.size() && text[pos + 1] == '\n') {
      pos += 2;
      continue;
    }
    uint32_t next = skip_comment(text, pos);
    pos = next == pos ? pos + 1 : next;
  }
  return pos;
}

// The word after the '#' at `pos`: "define", "include", ...
std::string directive_name(const std::string& text, uint32_t pos) {
  ++pos;
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  uint32_t begin = pos;
  while (pos < text.size() && is_ident_char(text[pos])) ++pos;
  return text.substr(begin, pos - begin);
}

} // namespace

bool is_c_declaration_keyword(const std::string& word) {
  return word == "struct" || word == "union" || word == "enum" || word == "typedef";
}

namespace {

// Whether the text at `pos`, just past a definition's closing `}`, starts something other than
// the rest of the declaration (`} name;`, `} __attribute__((packed));`): a probe (`BEGIN`,
// `kprobe:f`, `i:s:1`, `name=probe`), the config block, a map declaration, a macro, another C
// declaration, a directive or the end of the script.
bool starts_next_item(const std::string& text, uint32_t pos) {
  pos = skip_space_and_comments(text, pos);
  if (pos >= text.size() || text[pos] == '#') return true;
  if (!is_ident_start(text[pos])) return false;
  uint32_t end = pos;
  while (end < text.size() && is_ident_char(text[end])) ++end;
  std::string word = text.substr(pos, end - pos);
  static const std::set<std::string> starters = {"BEGIN",  "END", "begin", "end",
                                                 "config", "let", "macro", "import"};
  if (starters.count(word) || is_c_declaration_keyword(word)) return true;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
  return end < text.size() && (text[end] == ':' || text[end] == '{' || text[end] == '=');
}

// Whether a line ends between `pos` and the next thing past spaces and comments.
bool line_ends_before_next(const std::string& text, uint32_t pos) {
  uint32_t next = skip_space_and_comments(text, pos);
  return next >= text.size() || text.find('\n', pos) < next;
}

} // namespace

uint32_t skip_c_declaration(const std::string& text, uint32_t pos, bool* unterminated) {
  if (unterminated) *unterminated = false;
  uint32_t word_end = pos;
  while (word_end < text.size() && is_ident_char(text[word_end])) ++word_end;
  std::string word = text.substr(pos, word_end - pos);
  bool definition = word == "struct" || word == "union" || word == "enum";
  bool typedef_ = word == "typedef";
  int depth = 0;
  while (pos < text.size()) {
    char c = text[pos];
    uint32_t next = skip_comment(text, pos);
    if (next != pos) {
      pos = next;
    } else if (c == '"' || c == '\'') {
      pos = skip_quoted(text, pos);
    } else if (c == '#' && (pos == 0 || text[pos - 1] == '\n')) {
      // A directive inside a declaration (an #ifdef around a member) is the preprocessor's.
      pos = directive_end(text, pos);
    } else {
      ++pos;
      if (c == '{' || c == '(' || c == '[') ++depth;
      if ((c == '}' || c == ')' || c == ']') && depth > 0) --depth;
      if (c == ';' && depth == 0) return pos;
      if (c == '}' && depth == 0 && definition && starts_next_item(text, pos)) {
        if (unterminated) *unterminated = true;
        return pos;
      }
      // A typedef ends at the end of its line when the next line starts something else
      // (`typedef unsigned int u32_t` before a probe), after its name or declarator.
      if (typedef_ && depth == 0 && (is_ident_char(c) || c == ')' || c == ']') &&
          (pos >= text.size() || !is_ident_char(text[pos])) && line_ends_before_next(text, pos) &&
          starts_next_item(text, pos)) {
        if (unterminated) *unterminated = true;
        return pos;
      }
    }
  }
  return pos;
}

PreambleScan scan_preamble(const std::string& text) {
  PreambleScan scan;
  uint32_t pos = 0;
  if (text.starts_with("#!")) pos = directive_end(text, 0);
  for (;;) {
    pos = skip_space_and_comments(text, pos);
    if (pos >= text.size()) break;
    if (text[pos] == '#') {
      if (directive_name(text, pos) != "define") scan.has_c = true;
      pos = directive_end(text, pos);
      continue;
    }
    if (!is_ident_start(text[pos])) break;
    uint32_t word_end = pos;
    while (word_end < text.size() && is_ident_char(text[word_end])) ++word_end;
    if (!is_c_declaration_keyword(text.substr(pos, word_end - pos))) break;
    scan.has_c = true;
    bool unterminated = false;
    pos = skip_c_declaration(text, pos, &unterminated);
    if (unterminated) scan.unterminated.push_back(pos);
  }
  scan.end = pos;
  return scan;
}

std::vector<std::string> script_identifiers(const std::string& text) {
  std::vector<std::string> words;
  std::set<std::string> seen;
  uint32_t pos = 0;
  while (pos < text.size()) {
    char c = text[pos];
    uint32_t next = skip_comment(text, pos);
    if (next != pos) {
      pos = next;
    } else if (c == '"' || c == '\'') {
      pos = skip_quoted(text, pos);
    } else if (is_ident_start(c)) {
      uint32_t begin = pos;
      while (pos < text.size() && is_ident_char(text[pos])) ++pos;
      bool named_value = begin > 0 && (text[begin - 1] == '$' || text[begin - 1] == '@');
      std::string word = text.substr(begin, pos - begin);
      if (!named_value && seen.insert(word).second) words.push_back(std::move(word));
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      // A number's suffix or hex digits are no names.
      while (pos < text.size() && is_ident_char(text[pos])) ++pos;
    } else {
      ++pos;
    }
  }
  return words;
}

} // namespace btc
