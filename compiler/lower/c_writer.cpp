#include "lower/c_writer.h"

#include "lower/c_literal.h"

#include <algorithm>
#include <iterator>

namespace btc {

namespace {

constexpr std::string_view kKeywords[] = {
    "_Alignas",
    "_Alignof",
    "_Atomic",
    "_Bool",
    "_Complex",
    "_Generic",
    "_Imaginary",
    "_Noreturn",
    "_Static_assert",
    "_Thread_local",
    "asm",
    "auto",
    "break",
    "case",
    "char",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extern",
    "float",
    "for",
    "goto",
    "if",
    "inline",
    "int",
    "long",
    "register",
    "restrict",
    "return",
    "short",
    "signed",
    "sizeof",
    "static",
    "struct",
    "switch",
    "typedef",
    "typeof",
    "union",
    "unsigned",
    "void",
    "volatile",
    "while",
    "__asm__",
    "__attribute__",
    "__typeof__",
};

// Keywords that name a basic type.
constexpr std::string_view kTypeWords[] = {"unsigned", "signed", "char", "short",
                                           "int",      "long",   "void"};

bool is_keyword(std::string_view s) {
  return std::find(std::begin(kKeywords), std::end(kKeywords), s) != std::end(kKeywords);
}

bool has_identifier_syntax(std::string_view s) {
  if (s.empty()) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(s[0])) return false;
  return std::all_of(s.begin(), s.end(),
                     [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); });
}

} // namespace

bool is_c_identifier(std::string_view s) {
  return has_identifier_syntax(s) && !is_keyword(s);
}

const std::string& c_ident(const std::string& s) {
  if (!is_c_identifier(s)) throw InternalError("not a C identifier: " + c_string_literal(s));
  return s;
}

const std::string& c_type(const std::string& s) {
  std::string_view rest = s;
  if (rest.size() > 2 && rest.substr(rest.size() - 2) == " *") rest.remove_suffix(2);
  bool valid = !rest.empty();
  bool after_struct = false, named = false;
  while (valid) {
    size_t space = rest.find(' ');
    std::string_view word = rest.substr(0, space);
    if (after_struct) {
      valid = is_c_identifier(word);
      after_struct = false;
      named = true;
    } else if (word == "struct") {
      after_struct = true;
    } else if (word == "const" || word == "volatile") {
      named = false;
    } else {
      valid = is_c_identifier(word) ||
              std::find(std::begin(kTypeWords), std::end(kTypeWords), word) != std::end(kTypeWords);
      named = true;
    }
    if (space == std::string_view::npos) break;
    rest = rest.substr(space + 1);
  }
  if (!valid || !named || after_struct) throw InternalError("not a C type: " + c_string_literal(s));
  return s;
}

void CWriter::line(const std::string& code, int extra) {
  out_.append(2 * (depth_ + extra), ' ');
  out_ += code;
  out_ += '\n';
}

void CWriter::open(const std::string& head) {
  line(head + " {");
  ++depth_;
}

void CWriter::close(const std::string& tail) {
  if (depth_ == 0) throw InternalError("unbalanced braces in generated C");
  --depth_;
  line("}" + tail);
}

std::string line_directive(uint32_t n, const std::string& file) {
  return "#line " + std::to_string(n) + " " + c_string_literal(file) + "\n";
}

void CWriter::line_directive(uint32_t n, const std::string& file) {
  out_ += btc::line_directive(n, file);
}

void CWriter::struct_def(const std::string& name, const std::vector<CField>& fields, bool packed) {
  auto field = [](const CField& f) {
    return c_type(f.type) + " " + c_ident(f.name) +
           (f.count ? "[" + std::to_string(f.count) + "]" : "") + ";";
  };
  std::string head = "struct " + c_ident(name);
  std::string tail = packed ? " __attribute__((packed));" : ";";
  if (fields.size() == 1) {
    line(head + " { " + field(fields[0]) + " }" + tail);
    return;
  }
  open(head);
  for (const CField& f : fields) line(field(f));
  close(tail);
}

void CWriter::static_assertion(const std::string& expr, const std::string& message) {
  line("_Static_assert(" + expr + ", " + c_string_literal(message) + ");");
}

void CWriter::map(const CMap& m) {
  open("struct");
  line("__uint(type, " + c_ident(m.type) + ");");
  line("__uint(max_entries, " + std::to_string(m.max_entries) + ");");
  if (!m.key.empty()) line("__type(key, " + c_type(m.key) + ");");
  if (!m.value.empty()) line("__type(value, " + c_type(m.value) + ");");
  close(" " + c_ident(m.name) + " SEC(" + c_string_literal(".maps") + ");");
}

void CWriter::global(const std::string& type, const std::string& name, uint32_t count,
                     const std::string& init) {
  line(c_type(type) + " " + c_ident(name) + (count ? "[" + std::to_string(count) + "]" : "") +
       (init.empty() ? "" : " = " + init) + ";");
}

void CWriter::function(const std::string& section, const std::string& name,
                       const std::string& param_type, const std::string& param,
                       const CWriter& body) {
  blank();
  line("SEC(" + c_string_literal(section) + ")");
  const std::string& type = c_type(param_type);
  line("int " + c_ident(name) + "(" + type + (type.back() == '*' ? "" : " ") + c_ident(param) +
       ") {");
  append(body);
  line("}");
}

} // namespace btc
