#include "kernel/tracepoints.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fnmatch.h>
#include <fstream>
#include <sstream>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>

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

// Reads `key:value;` out of a format line.
bool field_attr(const std::string& line, const char* key, std::string& value) {
  std::string k = std::string(key) + ":";
  size_t pos = line.find(k);
  if (pos == std::string::npos) return false;
  pos += k.size();
  size_t end = line.find(';', pos);
  if (end == std::string::npos) return false;
  value = line.substr(pos, end - pos);
  return true;
}

} // namespace

const TracepointField* TracepointFormat::find(const std::string& name) const {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

std::string tracefs_root(std::string& error) {
  for (const char* candidate : {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"})
    if (is_tracefs(candidate) && has_events(candidate)) return candidate;
  if (mount("nodev", "/sys/kernel/tracing", "tracefs", 0, nullptr) == 0 ||
      is_tracefs("/sys/kernel/tracing"))
    return "/sys/kernel/tracing";
  error = std::string("tracefs is not mounted at /sys/kernel/tracing and mounting it failed: ") +
          std::strerror(errno);
  return "";
}

std::vector<std::string> list_tracepoints(const std::string& root, const std::string& pattern) {
  std::vector<std::string> out;
  size_t colon = pattern.find(':');
  if (colon == std::string::npos) return out;
  std::string cat_glob = pattern.substr(0, colon);
  std::string event_glob = pattern.substr(colon + 1);
  for (const auto& category : list_dir(root + "/events")) {
    if (fnmatch(cat_glob.c_str(), category.c_str(), 0) != 0) continue;
    for (const auto& event : list_dir(root + "/events/" + category)) {
      if (fnmatch(event_glob.c_str(), event.c_str(), 0) != 0) continue;
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
  if (format) {
    format->category = category;
    format->event = event;
  }
  return format;
}

std::optional<TracepointFormat> parse_tracepoint_format(const std::string& text,
                                                        std::string& error) {
  TracepointFormat format;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::string decl, offset, size, is_signed;
    if (!field_attr(line, "field", decl)) continue;
    if (!field_attr(line, "offset", offset) || !field_attr(line, "size", size)) {
      error = "malformed tracepoint format line: " + line;
      return std::nullopt;
    }
    field_attr(line, "signed", is_signed);
    TracepointField f;
    decl = trim(decl);
    // The name is the last identifier, possibly followed by an array suffix `[N]`.
    size_t bracket = decl.back() == ']' ? decl.rfind('[') : std::string::npos;
    std::string head = bracket == std::string::npos ? decl : decl.substr(0, bracket);
    size_t name_begin = head.find_last_of(" *");
    f.name = trim(head.substr(name_begin == std::string::npos ? 0 : name_begin + 1));
    f.c_type = trim(head.substr(0, name_begin == std::string::npos ? 0 : name_begin + 1));
    if (f.name.rfind("common_", 0) == 0) continue;
    f.offset = static_cast<uint32_t>(std::stoul(offset));
    f.size = static_cast<uint32_t>(std::stoul(size));
    f.is_signed = trim(is_signed) == "1";
    f.is_data_loc = f.c_type.find("__data_loc") != std::string::npos;
    bool is_char = f.c_type.find("char") != std::string::npos;
    if (bracket != std::string::npos) {
      f.is_char_array = is_char;
    } else if (!f.is_data_loc && f.c_type.find('*') != std::string::npos) {
      f.is_pointer = true;
      f.points_to_char = is_char && f.c_type.find('*') == f.c_type.rfind('*');
    }
    format.size = std::max(format.size, f.offset + f.size);
    format.fields.push_back(std::move(f));
  }
  return format;
}

} // namespace btc
