#include "syntax/lexer.h"
#include "syntax/chars.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace btc {

namespace {

// Characters a probe spec may contain besides letters and digits: globs, separators, dashes in
// event names and the '.' of `rt:` names.
bool is_probe_char(char c) {
  return is_ident_char(c) || c == ':' || c == '*' || c == '?' || c == '.' || c == '-' || c == '+' ||
         c == '[' || c == ']';
}

// The character at `at` for an error: itself when printable, else what it is ("a NUL byte",
// "byte 0xc3": the start of a UTF-8 character outside strings and comments).
// `printable` goes before a printable character ("character " or "").
std::string describe_char(const std::string& text, uint32_t at, const char* printable) {
  unsigned char c = static_cast<unsigned char>(text[at]);
  if (c >= 0x20 && c < 0x7f) return printable + std::string("'") + text[at] + "'";
  if (c == 0) return "a NUL byte";
  static const char digits[] = "0123456789abcdef";
  std::string hex = {digits[c >> 4], digits[c & 15]};
  return "byte 0x" + hex + (c >= 0x80 ? " (non-ASCII text belongs in strings and comments)" : "");
}

// Whether the probe type `type` (the text before the first ':') takes a file as its first part:
// there a relative path (uprobe:bin/prog:f) may hold '/' and '#' as bpftrace's lexer allows.
bool takes_file(std::string_view type) {
  for (std::string_view t : {"uprobe", "uretprobe", "u", "ur", "usdt", "U"})
    if (type == t) return true;
  return false;
}

} // namespace

const char* tok_spelling(Tok kind) {
  switch (kind) {
  case Tok::End:
    return "end of input";
  case Tok::Ident:
    return "identifier";
  case Tok::Var:
    return "variable";
  case Tok::Positional:
    return "positional parameter";
  case Tok::ArgCount:
    return "'$#'";
  case Tok::Map:
    return "map";
  case Tok::Int:
    return "integer";
  case Tok::String:
    return "string";
  case Tok::ProbeSpec:
    return "probe";
  case Tok::LBrace:
    return "'{'";
  case Tok::RBrace:
    return "'}'";
  case Tok::LParen:
    return "'('";
  case Tok::RParen:
    return "')'";
  case Tok::LBracket:
    return "'['";
  case Tok::RBracket:
    return "']'";
  case Tok::Comma:
    return "','";
  case Tok::Semi:
    return "';'";
  case Tok::Colon:
    return "':'";
  case Tok::Dot:
    return "'.'";
  case Tok::DotDot:
    return "'..'";
  case Tok::Arrow:
    return "'->'";
  case Tok::Question:
    return "'?'";
  case Tok::Plus:
    return "'+'";
  case Tok::Minus:
    return "'-'";
  case Tok::Star:
    return "'*'";
  case Tok::Slash:
    return "'/'";
  case Tok::Percent:
    return "'%'";
  case Tok::Amp:
    return "'&'";
  case Tok::Pipe:
    return "'|'";
  case Tok::Caret:
    return "'^'";
  case Tok::Tilde:
    return "'~'";
  case Tok::Bang:
    return "'!'";
  case Tok::Lt:
    return "'<'";
  case Tok::Gt:
    return "'>'";
  case Tok::Le:
    return "'<='";
  case Tok::Ge:
    return "'>='";
  case Tok::EqEq:
    return "'=='";
  case Tok::Ne:
    return "'!='";
  case Tok::Shl:
    return "'<<'";
  case Tok::Shr:
    return "'>>'";
  case Tok::AndAnd:
    return "'&&'";
  case Tok::OrOr:
    return "'||'";
  case Tok::Assign:
    return "'='";
  case Tok::PlusAssign:
    return "'+='";
  case Tok::MinusAssign:
    return "'-='";
  case Tok::StarAssign:
    return "'*='";
  case Tok::SlashAssign:
    return "'/='";
  case Tok::PercentAssign:
    return "'%='";
  case Tok::AmpAssign:
    return "'&='";
  case Tok::PipeAssign:
    return "'|='";
  case Tok::CaretAssign:
    return "'^='";
  case Tok::ShlAssign:
    return "'<<='";
  case Tok::ShrAssign:
    return "'>>='";
  case Tok::PlusPlus:
    return "'++'";
  case Tok::MinusMinus:
    return "'--'";
  case Tok::Error:
    return "invalid token";
  }
  return "token";
}

Lexer::Lexer(const SourceFile& source, Diagnostics& diags)
    : source_(source), diags_(diags), text_(source.text()) {}

char Lexer::peek(uint32_t ahead) const {
  return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
}

Token Lexer::make(Tok kind, uint32_t begin) {
  Token t;
  t.kind = kind;
  t.range = {begin, pos_};
  t.text = text_.substr(begin, pos_ - begin);
  return t;
}

Token Lexer::error(uint32_t begin, const std::string& message) {
  Token t = make(Tok::Error, begin);
  if (t.range.end == t.range.begin) t.range.end = begin + 1;
  t.text = message;
  return t;
}

void Lexer::skip_space_and_comments() {
  for (;;) {
    char c = peek();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++pos_;
    } else if (c == '/' && peek(1) == '/') {
      while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    } else if (c == '/' && peek(1) == '*') {
      uint32_t begin = pos_;
      pos_ += 2;
      while (pos_ < text_.size() && !(peek() == '*' && peek(1) == '/')) ++pos_;
      if (pos_ >= text_.size()) {
        diags_.error({begin, begin + 2}, "unterminated comment");
        return;
      }
      pos_ += 2;
    } else {
      return;
    }
  }
}

bool Lexer::skip_preamble_directive() {
  if (pos_ == 0 && text_.starts_with("#!")) {
    // An interpreter line, as in executable bpftrace scripts.
    while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    return true;
  }
  skip_space_and_comments();
  if (c_) return skip_c_preamble_item();
  if (peek() != '#') return false;
  uint32_t begin = pos_;
  uint32_t eol = pos_;
  while (eol < text_.size() && text_[eol] != '\n') ++eol;
  std::string line = text_.substr(pos_, eol - pos_);
  if (line.rfind("#define", 0) == 0) return lex_define(begin, eol);
  if (line.rfind("#include", 0) == 0) {
    diags_.error({begin, eol}, "#include is not supported yet: kernel types come from BTF");
  } else {
    diags_.error({begin, eol}, "unknown preprocessor directive");
  }
  pos_ = eol;
  return true;
}

bool Lexer::lex_define(uint32_t begin, uint32_t eol) {
  pos_ = begin + 7;
  while (peek() == ' ' || peek() == '\t') ++pos_;
  uint32_t name_begin = pos_;
  while (is_ident_char(peek())) ++pos_;
  std::string name = text_.substr(name_begin, pos_ - name_begin);
  if (name.empty() || !is_ident_start(name[0])) {
    diags_.error({begin, eol}, "expected a macro name after #define");
    pos_ = eol;
    return true;
  }
  if (peek() == '(') {
    // With a C preamble, Clang has the macro for the C declarations that use it.
    if (!c_) diags_.error({begin, eol}, "function-like macros are not supported");
    pos_ = eol;
    return true;
  }
  // The body is lexed now, with the normal token rules, up to the end of the line.
  std::vector<Token> body;
  for (;;) {
    // In a C preamble, `eol` is past the lines a backslash continues.
    while (peek() == ' ' || peek() == '\t' || (c_ && peek() == '\\' && peek(1) == '\n'))
      pos_ += peek() == '\\' ? 2 : 1;
    if (pos_ >= eol || (peek() == '/' && peek(1) == '/')) break;
    Token t = next();
    if (t.range.begin >= eol) break; // a comment ran past the end of the line
    if (t.kind == Tok::Error) {
      diags_.error(t.range, t.text);
      break;
    }
    body.push_back(t);
  }
  pos_ = eol;
  macros_[name] = std::move(body);
  return true;
}

bool Lexer::skip_c_preamble_item() {
  if (pos_ >= c_->end) return false;
  for (const SourceRange& r : c_->inactive) {
    if (pos_ > r.begin && pos_ < r.end) {
      pos_ = r.end;
      return true;
    }
  }
  if (peek() != '#') {
    pos_ = std::min(skip_c_declaration(text_, pos_), c_->end);
    return true;
  }
  uint32_t begin = pos_;
  uint32_t eol = pos_;
  while (eol < text_.size() && text_[eol] != '\n') {
    // A directive continues on the next line after a backslash.
    eol += text_[eol] == '\\' && eol + 1 < text_.size() && text_[eol + 1] == '\n' ? 2 : 1;
  }
  uint32_t word = begin + 1;
  while (word < eol && (text_[word] == ' ' || text_[word] == '\t')) ++word;
  uint32_t word_end = word;
  while (word_end < eol && is_ident_char(text_[word_end])) ++word_end;
  std::string directive = text_.substr(word, word_end - word);
  if (directive == "define" && word == begin + 1) return lex_define(begin, eol);
  if (directive == "undef") {
    uint32_t name = word_end;
    while (name < eol && (text_[name] == ' ' || text_[name] == '\t')) ++name;
    uint32_t name_end = name;
    while (name_end < eol && is_ident_char(text_[name_end])) ++name_end;
    macros_.erase(text_.substr(name, name_end - name));
  }
  pos_ = eol;
  return true;
}

bool Lexer::at_assignment() {
  skip_space_and_comments();
  return text_.compare(pos_, 1, "=") == 0 && text_.compare(pos_, 2, "==") != 0;
}

Token Lexer::next_probe_spec() {
  skip_space_and_comments();
  uint32_t begin = pos_;
  if (pos_ >= text_.size()) return make(Tok::End, begin);
  bool in_path = false;
  uint32_t part = begin; // where the text after the last ':' starts
  int parts = 0;         // the ':'s seen
  while (pos_ < text_.size()) {
    char c = peek();
    bool dots_only = pos_ > part && text_.find_first_not_of('.', part) >= pos_;
    // The file part of uprobe:FILE:f (the second part, followed by another ':' before anything
    // that ends a spec): a '/' there is the path's, not a predicate's (uprobe:bin/prog:f).
    auto file_part = [&] {
      if (parts != 1 || !takes_file(std::string_view(text_).substr(begin, part - 1 - begin)))
        return false;
      size_t at = pos_;
      while (at < text_.size() &&
             (is_probe_char(text_[at]) || text_[at] == '/' || text_[at] == '#') && text_[at] != ':')
        ++at;
      return at < text_.size() && text_[at] == ':';
    };
    if (c == '"' && pos_ > begin && text_[pos_ - 1] == ':') {
      // A quoted name (uprobe:BIN:"ns::f(int)"): everything up to the closing quote.
      size_t close = text_.find_first_of("\"\n", pos_ + 1);
      if (close == std::string::npos || text_[close] != '"')
        return error(pos_, "unterminated quoted name in a probe");
      pos_ = static_cast<uint32_t>(close) + 1;
      continue;
    } else if (c == '/' && pos_ > begin &&
               (text_[pos_ - 1] == ':' || in_path || dots_only || file_part())) {
      // A path: uprobe:/bin/bash, uprobe:./a.out, uprobe:../lib/x.so, uprobe:bin/prog.
      in_path = true;
    } else if ((c == '!' || c == '^') && pos_ > begin && text_[pos_ - 1] == '[') {
      // A negated set of characters in a wildcard: target_[!a-l]*.
    } else if (c == '#' && (in_path || file_part())) {
      // A '#' in a file name (uprobe:a#b:f), as bpftrace 0.17 reads it.
    } else if (c == '$' && pos_ + 1 < text_.size() &&
               std::isdigit(static_cast<unsigned char>(text_[pos_ + 1]))) {
      // A positional parameter ($1) in an attach point, substituted where the tool starts.
      ++pos_;
      while (pos_ + 1 < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_ + 1])))
        ++pos_;
    } else if (!is_probe_char(c)) {
      break;
    } else if (c == ':') {
      in_path = false;
      part = pos_ + 1;
      ++parts;
    }
    ++pos_;
  }
  if (pos_ == begin) {
    ++pos_;
    return error(begin, "expected a probe, found " + describe_char(text_, begin, ""));
  }
  return make(Tok::ProbeSpec, begin);
}

Token Lexer::next() {
  if (!pending_.empty()) {
    Token t = pending_.front();
    pending_.pop_front();
    return t;
  }
  skip_space_and_comments();
  uint32_t begin = pos_;
  if (pos_ >= text_.size()) return make(Tok::End, begin);
  char c = peek();
  if (is_ident_start(c)) {
    while (is_ident_char(peek())) ++pos_;
    Token t = make(Tok::Ident, begin);
    auto macro = macros_.find(t.text);
    if (macro == macros_.end() && c_ && pos_ > c_->end) {
      // A string macro of the C preamble's headers: the string it stands for.
      auto string = c_->string_macros.find(t.text);
      if (string != c_->string_macros.end()) {
        t.kind = Tok::String;
        t.text = string->second;
        return t;
      }
    }
    if (macro == macros_.end()) return t;
    // Expanded tokens keep the range of the macro's use, so errors point at the script.
    for (Token m : macro->second) {
      m.range = t.range;
      pending_.push_back(m);
    }
    return next();
  }
  if (std::isdigit(static_cast<unsigned char>(c))) return lex_number();
  if (c == '"') return lex_string();
  if (c == '\'') return lex_char();
  if (c == '$') {
    ++pos_;
    if (peek() == '#') {
      ++pos_;
      return make(Tok::ArgCount, begin);
    }
    if (std::isdigit(static_cast<unsigned char>(peek()))) {
      uint64_t n = 0;
      while (std::isdigit(static_cast<unsigned char>(peek()))) {
        n = n * 10 + (text_[pos_++] - '0');
        if (n > 65535) {
          while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
          return error(begin, "positional parameter number is too large");
        }
      }
      Token t = make(Tok::Positional, begin);
      t.int_value = n;
      return t;
    }
    if (!is_ident_start(peek())) return error(begin, "expected a variable name after '$'");
    while (is_ident_char(peek())) ++pos_;
    Token t = make(Tok::Var, begin);
    t.text = t.text.substr(1);
    return t;
  }
  if (c == '@') {
    ++pos_;
    while (is_ident_char(peek())) ++pos_;
    return make(Tok::Map, begin);
  }
  return lex_punct();
}

Token Lexer::lex_number() {
  uint32_t begin = pos_;
  std::string digits;
  int base = 10;
  if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
    base = 16;
    pos_ += 2;
  } else if (peek() == '0' && (peek(1) == 'b' || peek(1) == 'B')) {
    base = 2;
    pos_ += 2;
  } else if (peek() == '0' && std::isdigit(static_cast<unsigned char>(peek(1)))) {
    base = 8;
    ++pos_;
  }
  while (std::isxdigit(static_cast<unsigned char>(peek())) || peek() == '_') {
    char c = peek();
    // In decimal a letter ends the digits: an exponent, or a suffix such as the `d` of `2d`.
    if (base == 10 && std::isalpha(static_cast<unsigned char>(c))) break;
    if (c != '_') digits += c;
    ++pos_;
  }
  uint64_t exponent = 0;
  if (base == 10 && (peek() == 'e' || peek() == 'E') &&
      std::isdigit(static_cast<unsigned char>(peek(1)))) {
    ++pos_;
    // Capped: any exponent above 19 overflows a nonzero mantissa anyway.
    while (std::isdigit(static_cast<unsigned char>(peek())))
      exponent = std::min<uint64_t>(exponent * 10 + (text_[pos_++] - '0'), 1000);
  }
  Token t;
  bool is_unsigned = false;
  // A duration suffix, as current bpftrace has them: the value in nanoseconds.
  static const struct {
    const char* suffix;
    uint64_t ns;
  } kDurations[] = {
      {"ns", 1},          {"us", 1000},         {"ms", 1000000},      {"s", 1000000000},
      {"m", 60000000000}, {"h", 3600000000000}, {"d", 86400000000000}};
  uint32_t word = pos_;
  while (is_ident_char(peek())) ++pos_;
  std::string suffix = text_.substr(word, pos_ - word);
  uint64_t scale = 1;
  bool duration = false;
  for (const auto& d : kDurations)
    if (suffix == d.suffix && base == 10) {
      scale = d.ns;
      duration = true;
    }
  if (!duration) {
    // C's integer suffixes (`u`, `l`, `ul`, `ull`, ...): parsed, not size specifiers.
    for (char c : suffix) {
      if (c != 'u' && c != 'U' && c != 'l' && c != 'L')
        return error(begin,
                     suffix.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos &&
                             suffix[0] != 'e' && suffix[0] != 'E'
                         ? "invalid digit in integer literal" // 12abc: hex digits
                         : "invalid integer literal");
      if (c == 'u' || c == 'U') is_unsigned = true;
    }
  }
  if (digits.empty()) return error(begin, "invalid integer literal");
  uint64_t value = 0;
  for (char c : digits) {
    int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10;
    if (d >= base) return error(begin, "invalid digit in integer literal");
    if (value > (std::numeric_limits<uint64_t>::max() - d) / base)
      return error(begin, "integer literal is too large");
    value = value * base + d;
  }
  for (uint64_t i = 0; i < exponent && value != 0; ++i) {
    if (value > std::numeric_limits<uint64_t>::max() / 10)
      return error(begin, "integer literal is too large");
    value *= 10;
  }
  if (value > std::numeric_limits<uint64_t>::max() / scale)
    return error(begin, "integer literal is too large");
  value *= scale;
  t = make(Tok::Int, begin);
  t.int_value = value;
  t.is_unsigned = is_unsigned;
  return t;
}

bool Lexer::decode_escape(std::string& out) {
  // pos_ is just past the backslash.
  char c = peek();
  ++pos_;
  switch (c) {
  case 'n':
    out += '\n';
    return true;
  case 't':
    out += '\t';
    return true;
  case 'r':
    out += '\r';
    return true;
  case 'a':
    out += '\a';
    return true;
  case 'b':
    out += '\b';
    return true;
  case 'f':
    out += '\f';
    return true;
  case 'v':
    out += '\v';
    return true;
  case 'e':
    out += '\x1b';
    return true;
  case '\\':
    out += '\\';
    return true;
  case '"':
    out += '"';
    return true;
  case '\'':
    out += '\'';
    return true;
  case 'x': {
    int value = 0, n = 0;
    while (n < 2 && std::isxdigit(static_cast<unsigned char>(peek()))) {
      char d = text_[pos_++];
      value = value * 16 +
              (std::isdigit(static_cast<unsigned char>(d)) ? d - '0' : std::tolower(d) - 'a' + 10);
      ++n;
    }
    if (n == 0) return false;
    out += static_cast<char>(value);
    return true;
  }
  default:
    if (c >= '0' && c <= '7') {
      int value = c - '0', n = 1;
      while (n < 3 && peek() >= '0' && peek() <= '7') {
        value = value * 8 + (text_[pos_++] - '0');
        ++n;
      }
      if (value > 255) return false;
      out += static_cast<char>(value);
      return true;
    }
    return false;
  }
}

Token Lexer::lex_string() {
  uint32_t begin = pos_++;
  std::string value;
  for (;;) {
    if (pos_ >= text_.size() || peek() == '\n') return error(begin, "unterminated string");
    char c = text_[pos_++];
    if (c == '"') break;
    if (c == '\\') {
      uint32_t escape = pos_ - 1;
      if (!decode_escape(value)) {
        Token t = error(escape, "invalid escape sequence in string");
        t.range = {escape, pos_};
        return t;
      }
      continue;
    }
    value += c;
  }
  Token t = make(Tok::String, begin);
  t.text = value;
  return t;
}

Token Lexer::lex_char() {
  uint32_t begin = pos_++;
  std::string value;
  if (peek() == '\\') {
    ++pos_;
    if (!decode_escape(value)) return error(begin, "invalid escape sequence in character");
  } else if (pos_ < text_.size() && peek() != '\'') {
    value += text_[pos_++];
  }
  if (peek() != '\'' || value.size() != 1) {
    // Underline up to the closing quote when there is one on this line.
    size_t close = text_.find_first_of("'\n", pos_);
    if (close != std::string::npos && text_[close] == '\'') pos_ = static_cast<uint32_t>(close + 1);
    return error(begin, "invalid character literal");
  }
  ++pos_;
  Token t = make(Tok::Int, begin);
  t.int_value = static_cast<unsigned char>(value[0]);
  return t;
}

Token Lexer::lex_punct() {
  uint32_t begin = pos_;
  struct Op {
    const char* text;
    Tok kind;
  };
  // Longest first.
  static const Op ops[] = {
      {"<<=", Tok::ShlAssign},
      {">>=", Tok::ShrAssign},
      {"->", Tok::Arrow},
      {"..", Tok::DotDot},
      {"++", Tok::PlusPlus},
      {"--", Tok::MinusMinus},
      {"<=", Tok::Le},
      {">=", Tok::Ge},
      {"==", Tok::EqEq},
      {"!=", Tok::Ne},
      {"<<", Tok::Shl},
      {">>", Tok::Shr},
      {"&&", Tok::AndAnd},
      {"||", Tok::OrOr},
      {"+=", Tok::PlusAssign},
      {"-=", Tok::MinusAssign},
      {"*=", Tok::StarAssign},
      {"/=", Tok::SlashAssign},
      {"%=", Tok::PercentAssign},
      {"&=", Tok::AmpAssign},
      {"|=", Tok::PipeAssign},
      {"^=", Tok::CaretAssign},
      {"{", Tok::LBrace},
      {"}", Tok::RBrace},
      {"(", Tok::LParen},
      {")", Tok::RParen},
      {"[", Tok::LBracket},
      {"]", Tok::RBracket},
      {",", Tok::Comma},
      {";", Tok::Semi},
      {":", Tok::Colon},
      {".", Tok::Dot},
      {"?", Tok::Question},
      {"+", Tok::Plus},
      {"-", Tok::Minus},
      {"*", Tok::Star},
      {"/", Tok::Slash},
      {"%", Tok::Percent},
      {"&", Tok::Amp},
      {"|", Tok::Pipe},
      {"^", Tok::Caret},
      {"~", Tok::Tilde},
      {"!", Tok::Bang},
      {"<", Tok::Lt},
      {">", Tok::Gt},
      {"=", Tok::Assign},
  };
  std::string_view rest = std::string_view(text_).substr(pos_);
  for (const Op& op : ops) {
    if (rest.starts_with(op.text)) {
      pos_ += std::char_traits<char>::length(op.text);
      return make(op.kind, begin);
    }
  }
  ++pos_;
  return error(begin, "unexpected " + describe_char(text_, begin, "character "));
}

} // namespace btc
