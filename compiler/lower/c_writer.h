// Writing the generated BPF C: every declaration, map, program and section of it goes through
// CWriter, which checks identifiers, escapes every string it writes (c_literal) and does the
// indentation. What the writer is given is known to be a valid C type or expression; what comes
// from the script or the kernel (names, sections, formats, strings) is checked or escaped here.
#pragma once

#include "diag/internal_error.h"
#include <cstdint>
#include <stdexcept>
#include <string>

#include <string_view>
#include <vector>

namespace btc {

// `#line n "file"` and a newline.
std::string line_directive(uint32_t n, const std::string& file);

// Whether `s` is a C identifier that is not a C keyword.
bool is_c_identifier(std::string_view s);
// `s`, checked with is_c_identifier(); an InternalError otherwise.
const std::string& c_ident(const std::string& s);
// `s`, checked to be a C type name: words ("struct", "const", a type keyword or an identifier)
// separated by single spaces, optionally followed by " *"; an InternalError otherwise.
const std::string& c_type(const std::string& s);

struct CField {
  std::string type;
  std::string name;
  uint32_t count = 0; // array elements; 0: not an array
};

struct CMap {
  std::string name;
  std::string type; // BPF_MAP_TYPE_*
  uint64_t max_entries;
  std::string key;   // C type; empty for a ring buffer
  std::string value; // C type; empty for a ring buffer
};

class CWriter {
public:
  // One line of code, `extra` levels deeper than the writer's depth.
  void line(const std::string& code, int extra = 0);
  void blank() { out_ += '\n'; }
  // `head {` and one level deeper; close() goes back and writes `}` + tail.
  void open(const std::string& head);
  void close(const std::string& tail = "");
  // `#line n "file"`: the following line's position, for Clang's debug info and so the BTF.
  void line_directive(uint32_t n, const std::string& file);

  // `struct name { fields };`, on one line when it has one field.
  void struct_def(const std::string& name, const std::vector<CField>& fields, bool packed = false);
  // `_Static_assert(expr, "message");`
  void static_assertion(const std::string& expr, const std::string& message);
  // A BTF-defined map in the ".maps" section.
  void map(const CMap& m);
  // A global variable: `type name[count] = init;` (no array for count 0, no initializer for "").
  void global(const std::string& type, const std::string& name, uint32_t count,
              const std::string& init);
  // `SEC("section") int name(param_type param) { body }`; the body's lines are already
  // indented one level.
  void function(const std::string& section, const std::string& name, const std::string& param_type,
                const std::string& param, const CWriter& body);

  void append(const CWriter& other) { out_ += other.out_; }
  const std::string& text() const { return out_; }
  bool empty() const { return out_.empty(); }
  void clear() {
    out_.clear();
    depth_ = 0;
  }

private:
  std::string out_;
  int depth_ = 0;
};

} // namespace btc
