#include "sema/user_probes.h"
#include "attach_glob.h"

#include "btc/abi.h"
#include "user/elf_image.h"
#include "user/user_targets.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <iterator>
#include <sstream>

namespace btc {
namespace {

bool parse_number(const std::string& s, uint64_t& out) {
  if (s.empty() || s[0] < '0' || s[0] > '9') return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtoull(s.c_str(), &end, 0);
  return *end == '\0' && errno == 0;
}

// What the build host's copy of the binary says about the probe: an error for what cannot work
// anywhere that file is, a warning for what only the target host can decide.
void check_on_build_host(ResolvedProbe& p, const std::string& path, std::string& error) {
  auto image = rt::ElfImage::open(path, error);
  if (!image) return;
  std::vector<rt::UprobeSite> sites;
  std::string why;
  switch (rt::uprobe_sites(*image, p.symbol, p.cpp, p.offset, p.address, sites, why)) {
  case rt::SiteProblem::None:
    if (p.address && !sites.empty()) p.address_function = sites.front().function;
    break;
  case rt::SiteProblem::Refused:
    error = why;
    break;
  case rt::SiteProblem::NotFound:
    // A library stub whose functions moved (libpthread into libc): the tool finds them there.
    if (!rt::needed_library_with(p.target, *image, p.symbol, p.cpp).empty()) break;
    // A wildcard may match on the target's version of the file.
    if (p.wildcard)
      p.warning = why + "; attaching will fail where the tool runs unless its copy has one";
    else
      p.missing_here = why;
    break;
  }
}

// Where the file part of `rest` (FILE:... or "FILE":..., quoted for a path with blanks or
// ':'s, as bpftrace allows) ends, and the file without its quotes; npos when a quote is unclosed.
size_t split_file(const std::string& rest, std::string& file) {
  if (!rest.empty() && rest.front() == '"') {
    size_t close = rest.find('"', 1);
    if (close == std::string::npos) return std::string::npos;
    file = rest.substr(1, close - 1);
    return close + 1 < rest.size() && rest[close + 1] == ':' ? close + 1 : std::string::npos;
  }
  size_t colon = rest.find(':');
  file = rest.substr(0, colon);
  return colon;
}

} // namespace

uint32_t probe_name_size(const ResolvedProbe& p) {
  size_t here = !p.name_prefix.empty() ? p.name_prefix.size() + rt::kFuncNameLen
                // A kernel function wildcard: its prefix ("kprobe:", "kfunc:mod:") and the
                // function.
                : p.wildcard ? p.display.rfind(':') + rt::kFuncNameLen
                             : p.display.size() + 1;
  return static_cast<uint32_t>(p.runtime_file ? std::max(here, kRuntimeNameLen) : here);
}

std::string probe_name_tail(const ResolvedProbe& p) {
  return p.display.substr(p.display.find(':') + 1 + p.name_file.size());
}

std::optional<std::vector<ResolvedProbe>> resolve_user_function(ProbeType type,
                                                                const std::string& kind,
                                                                const std::string& rest,
                                                                std::string& error) {
  const std::string shape = kind + " probes are written " + kind + ":BINARY:FUNCTION, " + kind +
                            ":BINARY:FUNCTION+OFFSET, " + kind + ":BINARY:ADDRESS or " + kind +
                            ":BINARY:cpp:NAME";
  ResolvedProbe p;
  p.type = type;
  size_t colon = split_file(rest, p.target);
  if (colon == std::string::npos || p.target.empty() || colon + 1 == rest.size()) {
    error = shape;
    return std::nullopt;
  }
  std::string name = rest.substr(colon + 1);
  if (name.rfind("cpp:", 0) == 0) {
    p.cpp = true;
    name.erase(0, 4);
  }
  bool quoted = name.size() >= 2 && name.front() == '"' && name.back() == '"';
  if (quoted) {
    name = name.substr(1, name.size() - 2);
  } else if (name.find(':') != std::string::npos || name.find('"') != std::string::npos) {
    error = "a C++ name in a " + kind + " probe is written in double quotes: " + kind + ":" +
            p.target + ":\"" + name + "\"";
    return std::nullopt;
  }
  if (name.empty()) {
    error = shape;
    return std::nullopt;
  }
  if (!quoted && !p.cpp && parse_number(name, p.address)) {
    if (type == ProbeType::Uretprobe) {
      error = "a uretprobe is set on a function, not an address";
      return std::nullopt;
    }
    if (p.address == 0) {
      error = "address 0 is not in any function";
      return std::nullopt;
    }
  } else {
    size_t plus = quoted ? std::string::npos : name.rfind('+');
    if (plus != std::string::npos) {
      if (type == ProbeType::Uretprobe) {
        error = "only uprobe probes take an offset (" + kind + ":" + p.target + ":" + name + ")";
        return std::nullopt;
      }
      if (!parse_number(name.substr(plus + 1), p.offset)) {
        error = "invalid offset '" + name.substr(plus + 1) +
                "': expected a non-negative integer, e.g. uprobe:/bin/bash:readline+4";
        return std::nullopt;
      }
      name.resize(plus);
    }
    // In a quoted C++ name only '*' is a wildcard ("Vec::operator[](unsigned long)").
    p.symbol = quoted ? rt::attach_glob_escape_all_but_star(name) : name;
    p.wildcard = rt::attach_glob_has_wildcard(p.symbol);
    if (p.wildcard && plus != std::string::npos) {
      error = "a " + kind + " with a wildcard cannot have an offset";
      return std::nullopt;
    }
  }
  if (p.target.find_first_of("*?[") != std::string::npos) {
    error = "wildcards in the binary of a " + kind + " probe are not supported";
    return std::nullopt;
  }

  // bpftrace names the probe with the file it found ("uprobe:libc:malloc" is
  // "uprobe:/lib/x86_64-linux-gnu/libc.so.6:malloc"); the build host's file stands for it.
  rt::ResolvedBinary bin = rt::resolve_binary(p.target, 0);
  std::string file = bin.path.empty() ? p.target : bin.path;
  std::string spelled = quoted ? "\"" + name + "\"" : name;
  // An address in decimal, as bpftrace prints it.
  p.display = kind + ":" + file + ":" + (p.cpp ? "cpp:" : "") +
              (p.address ? std::to_string(p.address) : spelled) +
              (p.offset ? "+" + std::to_string(p.offset) : "");
  if (p.wildcard) p.name_prefix = kind + ":" + file + ":";
  p.runtime_file = p.target.find('/') == std::string::npos;
  p.name_file = file;
  if (bin.path.empty()) {
    p.warning = bin.error + " on the build host; the tool looks for it where it runs" + bin.hint;
  } else {
    check_on_build_host(p, bin.path, error);
    if (!error.empty()) return std::nullopt;
  }
  return std::vector<ResolvedProbe>{p};
}

std::optional<std::vector<ResolvedProbe>> resolve_usdt(const std::string& rest,
                                                       std::string& error) {
  std::string target;
  size_t colon = split_file(rest, target);
  std::string probe = colon == std::string::npos ? "" : rest.substr(colon + 1);
  // usdt:NAME, as bpftrace reads it with -p: a probe of any file of the process (usdt::NAME).
  bool no_binary = colon == 0 || (colon == std::string::npos && !rest.empty() &&
                                  rest.front() != '"' && rest.find('/') == std::string::npos);
  if (colon == std::string::npos && no_binary) {
    probe = rest;
    target.clear();
  }
  size_t second = probe.find(':');
  std::string provider = second == std::string::npos ? "" : probe.substr(0, second);
  std::string name = second == std::string::npos ? probe : probe.substr(second + 1);
  if ((target.empty() && !no_binary) || name.empty() || name.find(':') != std::string::npos ||
      (second != std::string::npos && provider.empty())) {
    error = "usdt probes are written usdt:BINARY:NAME or usdt:BINARY:PROVIDER:NAME";
    return std::nullopt;
  }
  ResolvedProbe p;
  p.type = ProbeType::Usdt;
  p.target = target;
  p.symbol = provider + ":" + name;
  p.wildcard = rt::attach_glob_has_wildcard(p.symbol);
  if (target == "*" || no_binary) {
    // Every file the -p/-c process maps (usdt:* without either: every running process), found
    // where the tool runs: `probe` names each site's file, and nothing is known here of the
    // sites' arguments.
    p.display = "usdt:" + rest;
    p.runtime_file = true;
    p.name_file = target;
    p.name_prefix = "usdt:" + target + ":";
    return std::vector<ResolvedProbe>{p};
  }
  if (p.target.find_first_of("*?[") != std::string::npos) {
    error = "wildcards in the binary of a usdt probe are not supported, but for * alone "
            "(usdt:*:" +
            probe + ": every file the -p/-c process maps)";
    return std::nullopt;
  }
  rt::ResolvedBinary bin = rt::resolve_binary(p.target, 0);
  p.runtime_file = p.target.find('/') == std::string::npos;
  p.name_file = bin.path.empty() ? p.target : bin.path;
  p.display = "usdt:" + (bin.path.empty() ? p.target : bin.path) + ":" + probe;
  // bpftrace names a probe found without its provider with the provider.
  if (p.wildcard || provider.empty())
    p.name_prefix = "usdt:" + (bin.path.empty() ? p.target : bin.path) + ":";
  if (bin.path.empty()) {
    p.warning = bin.error + " on the build host; the tool looks for it where it runs" + bin.hint;
    return std::vector<ResolvedProbe>{p};
  }
  std::string why;
  auto image = rt::ElfImage::open(bin.path, why);
  if (!image) {
    error = why;
    return std::nullopt;
  }
  const auto matched = rt::match_usdt(*image, provider, name);
  if (matched.empty()) {
    std::string message = "no USDT probe " + probe + " in " + bin.path;
    if (p.wildcard)
      p.warning = message + "; attaching will fail where the tool runs unless its copy has one";
    else
      p.missing_here = message;
    return std::vector<ResolvedProbe>{p};
  }
  // argN beyond a site's arguments would read 0 there: the fewest arguments of the sites the
  // spec names bound argN, as bpftrace refuses an argument a probe lacks.
  for (const rt::UsdtNote& n : image->usdt()) {
    if (std::find(matched.begin(), matched.end(), std::make_pair(n.provider, n.name)) ==
        matched.end())
      continue;
    std::istringstream specs(n.args);
    int count = static_cast<int>(std::distance(std::istream_iterator<std::string>(specs),
                                               std::istream_iterator<std::string>()));
    if (p.raw_args < 0 || count < p.raw_args) {
      p.raw_args = count;
      p.raw_args_site = "usdt:" + bin.path + ":" + n.provider + ":" + n.name;
    }
  }
  return std::vector<ResolvedProbe>{p};
}

} // namespace btc
