#include "kernel/tracepoints.h"
#include "attach_glob.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <sstream>
#include <string_view>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <utility>

namespace btc {

namespace {

constexpr long kTracefsMagic = 0x74726163;

bool is_tracefs(const std::string& path) {
  struct statfs fs;
  return statfs(path.c_str(), &fs) == 0 && fs.f_type == kTracefsMagic;
}

bool has_events(const std::string& root) {
  struct stat st;
  return stat((root + "/events").c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::vector<std::string> list_dir(const std::string& path) {
  std::vector<std::string> names;
  DIR* dir = opendir(path.c_str());
  if (!dir) return names;
  while (dirent* entry = readdir(dir)) {
    if (entry->d_name[0] == '.') continue;
    names.emplace_back(entry->d_name);
  }
  closedir(dir);
  return names;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// The `key:value;` attributes of a format line, in order.
std::vector<std::pair<std::string, std::string>> attributes(const std::string& line) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t begin = 0;
  while (begin < line.size()) {
    size_t end = line.find(';', begin);
    if (end == std::string::npos) end = line.size();
    std::string part = trim(line.substr(begin, end - begin));
    size_t colon = part.find(':');
    if (colon != std::string::npos)
      out.emplace_back(trim(part.substr(0, colon)), trim(part.substr(colon + 1)));
    begin = end + 1;
  }
  return out;
}

// `text` in quotes for a message, control bytes escaped so that the message stays one line.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (unsigned char c : text) {
    if (c >= 0x20 && c != 0x7f) {
      out += static_cast<char>(c);
    } else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  return out + "'";
}

// A decimal number that fits in 32 bits, and nothing else.
std::optional<uint32_t> parse_u32(const std::string& text) {
  uint32_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

bool is_c_keyword(const std::string& s) {
  static const char* const kKeywords[] = {
      "_Bool",    "auto",    "break",  "case",     "char",   "const",    "continue",
      "default",  "do",      "double", "else",     "enum",   "extern",   "float",
      "for",      "goto",    "if",     "inline",   "int",    "long",     "register",
      "restrict", "return",  "short",  "signed",   "sizeof", "static",   "struct",
      "switch",   "typedef", "union",  "unsigned", "void",   "volatile", "while"};
  for (const char* k : kKeywords)
    if (s == k) return true;
  return false;
}

// Whether `s` can name a member of the C struct the compiler generates for the record.
bool is_c_identifier(const std::string& s) {
  if (s.empty() || is_c_keyword(s)) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(s[0])) return false;
  for (char c : s)
    if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
  return true;
}

// One `field:DECL; offset:N; size:N; signed:N;` line. Returns "" or what is wrong with it.
std::string parse_field(const std::string& line, TracepointField& f) {
  std::string decl;
  std::optional<uint32_t> offset, size;
  std::string is_signed;
  for (const auto& [key, value] : attributes(line)) {
    if (key == "field") {
      decl = value;
    } else if (key == "offset" || key == "size") {
      std::optional<uint32_t> n = parse_u32(value);
      if (!n) return key + " is not a number: " + quoted(value);
      (key == "offset" ? offset : size) = n;
    } else if (key == "signed") {
      if (value != "0" && value != "1") return "signed is neither 0 nor 1: " + quoted(value);
      is_signed = value;
    }
  }
  if (decl.empty()) return "a field without a declaration";
  if (!offset) return "field " + quoted(decl) + " has no offset";
  if (!size) return "field " + quoted(decl) + " has no size";
  if (uint64_t{*offset} + *size > UINT32_MAX) return "field " + quoted(decl) + " ends past 4 GiB";
  // The name is the last word, possibly followed by an array suffix `[N]`.
  size_t bracket = decl.back() == ']' ? decl.rfind('[') : std::string::npos;
  std::string head = bracket == std::string::npos ? decl : decl.substr(0, bracket);
  size_t name_begin = head.find_last_of(" *");
  f.name = trim(head.substr(name_begin == std::string::npos ? 0 : name_begin + 1));
  f.c_type = trim(head.substr(0, name_begin == std::string::npos ? 0 : name_begin + 1));
  f.offset = *offset;
  f.size = *size;
  f.is_signed = is_signed == "1";
  f.is_data_loc = f.c_type.find("__data_loc") != std::string::npos;
  bool is_char = f.c_type.find("char") != std::string::npos;
  if (bracket != std::string::npos) {
    f.is_array = true;
    f.is_char_array = is_char;
    f.count = parse_u32(decl.substr(bracket + 1, decl.size() - bracket - 2)).value_or(0);
  } else if (!f.is_data_loc && f.c_type.find('*') != std::string::npos) {
    f.is_pointer = true;
    f.points_to_char = is_char && f.c_type.find('*') == f.c_type.rfind('*');
  }
  return "";
}

struct SyscallFormat {
  const char* event;
  const char* fields; // "declaration|signed;..."
};

constexpr SyscallFormat kSyscallFormats[] = {
#define BTC_SYSCALL_FORMAT(event, fields) {event, fields},
#include "kernel/syscall_formats.inc"
#undef BTC_SYSCALL_FORMAT
};

struct SyscallNumber {
  const char* syscall;
  int number;
};

constexpr SyscallNumber kSyscallNumbers[] = {
#define BTC_SYSCALL_NUMBER(syscall, number) {syscall, number},
#include "kernel/syscall_numbers.inc"
#undef BTC_SYSCALL_NUMBER
};

} // namespace

int syscall_number(const std::string& event) {
  std::string_view name = event;
  for (std::string_view prefix : {"sys_enter_", "sys_exit_"})
    if (name.substr(0, prefix.size()) == prefix) {
      name.remove_prefix(prefix.size());
      for (const SyscallNumber& s : kSyscallNumbers)
        if (name == s.syscall) return s.number;
    }
  return -1;
}

const TracepointField* TracepointFormat::find(const std::string& name) const {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

std::string tracefs_root(std::string& error) {
  bool mounted = false;
  for (const char* candidate : {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"}) {
    if (!is_tracefs(candidate)) continue;
    mounted = true;
    if (has_events(candidate) &&
        access((std::string(candidate) + "/events").c_str(), R_OK | X_OK) == 0)
      return candidate;
  }
  error = mounted ? "/sys/kernel/tracing is readable by root only"
                  : "tracefs is not mounted at /sys/kernel/tracing";
  return "";
}

std::vector<std::string> list_tracepoints(const std::string& root, const std::string& pattern) {
  std::vector<std::string> out;
  size_t colon = pattern.find(':');
  if (colon == std::string::npos) return out;
  std::string cat_glob = pattern.substr(0, colon);
  std::string event_glob = pattern.substr(colon + 1);
  for (const auto& category : list_dir(root + "/events")) {
    if (!rt::attach_glob_match(cat_glob, category)) continue;
    for (const auto& event : list_dir(root + "/events/" + category)) {
      if (!rt::attach_glob_match(event_glob, event)) continue;
      struct stat st;
      if (stat((root + "/events/" + category + "/" + event + "/format").c_str(), &st) == 0)
        out.push_back(category + ":" + event);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<TracepointFormat> read_tracepoint_format(const std::string& root,
                                                       const std::string& category,
                                                       const std::string& event,
                                                       std::string& error) {
  std::string path = root + "/events/" + category + "/" + event + "/format";
  std::ifstream in(path);
  if (!in) {
    error = "cannot read " + path;
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto format = parse_tracepoint_format(text.str(), error);
  if (!format) {
    error = "malformed tracepoint format file " + path + ": " + error;
    return std::nullopt;
  }
  format->category = category;
  format->event = event;
  return format;
}

std::vector<std::string> builtin_syscall_events(const std::string& event_glob) {
  std::vector<std::string> out;
  for (const SyscallFormat& s : kSyscallFormats)
    if (rt::attach_glob_match(event_glob, s.event))
      out.push_back(std::string("syscalls:") + s.event);
  return out;
}

std::optional<TracepointFormat> builtin_syscall_format(const std::string& event) {
  for (const SyscallFormat& s : kSyscallFormats) {
    if (event != s.event) continue;
    // The table holds what the format file would, minus the fixed offsets and sizes.
    std::string text = "\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n";
    std::istringstream fields(s.fields);
    std::string field;
    for (uint32_t offset = 16; std::getline(fields, field, ';'); offset += 8) {
      size_t bar = field.rfind('|');
      text += "\tfield:" + field.substr(0, bar) + ";\toffset:" + std::to_string(offset) +
              ";\tsize:8;\tsigned:" + field.substr(bar + 1) + ";\n";
    }
    std::string error;
    auto format = parse_tracepoint_format(text, error);
    if (!format) return std::nullopt;
    format->category = "syscalls";
    format->event = event;
    return format;
  }
  return std::nullopt;
}

std::optional<TracepointFormat> parse_tracepoint_format(const std::string& text,
                                                        std::string& error) {
  TracepointFormat format;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (trim(line).rfind("field:", 0) != 0) continue;
    TracepointField f;
    std::string problem = parse_field(line, f);
    if (problem.empty() && !f.name.empty() && format.find(f.name))
      problem = "field " + quoted(f.name) + " is declared twice";
    if (!problem.empty()) {
      error = "line " + std::to_string(number) + ": " + problem;
      return std::nullopt;
    }
    if (f.name.rfind("common_", 0) == 0) continue;
    format.size = std::max(format.size, f.offset + f.size);
    // A name that is not a C identifier cannot be declared in the generated record struct (nor
    // written as args.NAME): the field is left out, as if the event had no such field, and
    // the struct pads over its bytes.
    if (!is_c_identifier(f.name)) continue;
    format.fields.push_back(std::move(f));
  }
  return format;
}

} // namespace btc
