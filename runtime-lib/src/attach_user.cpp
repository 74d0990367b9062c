// uprobe/uretprobe/usdt: the binary, its functions and their file offsets (or its USDT probes)
// are found on this host when the tool starts (runtime-lib/src/user). Functions are attached by
// file offset, so libbpf never resolves names itself (docs/design/user-space.md 1.1); USDT
// probes through libbpf, which decodes their argument specs.
#include "attach.h"

#include "user/elf_image.h"
#include "user/user_targets.h"

#include <bpf/libbpf.h>
#include <cerrno>
#include <cstring>

namespace btc::rt {

bool Attachments::prepare_uprobe(const Manifest& m, const ProbeSpec& p, Plan& plan,
                                 const char* tool, std::string& error) {
  ResolvedBinary bin = resolve_binary(p.target, 0);
  if (bin.path.empty()) return missing(m, p, plan, bin.error, tool, error);
  std::string why;
  auto image = ElfImage::open(bin.path, why);
  if (!image) return missing(m, p, plan, why, tool, error);
  plan.path = bin.path;
  bool wildcard = std::strchr(p.symbol, '*') != nullptr;

  if (p.kind == ProbeKind::Usdt) {
    std::string_view spec = p.symbol;
    size_t colon = spec.find(':');
    for (const auto& [provider, name] :
         match_usdt(*image, spec.substr(0, colon), spec.substr(colon + 1)))
      plan.sites.emplace_back(0, provider + ":" + name);
    if (plan.sites.empty())
      return missing(m, p, plan,
                     "no USDT probe " + std::string(spec.substr(colon == 0 ? 1 : 0)) + " in " +
                         bin.path,
                     tool, error);
    return true;
  }

  if (p.address) {
    for (const ElfFunction& f : image->functions()) {
      if (p.address < f.vaddr || p.address >= f.vaddr + f.size) continue;
      std::string label = f.name + "+" + std::to_string(p.address - f.vaddr);
      why = check_uprobe_offset(*image, f, p.address - f.vaddr, label);
      if (!why.empty()) return missing(m, p, plan, why, tool, error);
      plan.sites.emplace_back(f.file_offset + (p.address - f.vaddr), f.name);
      return true;
    }
    return missing(m, p, plan, "no function of " + bin.path + " holds that address", tool, error);
  }

  for (const ElfFunction* f : match_functions(*image, p.symbol, p.cpp)) {
    if (f->ifunc) {
      if (wildcard) continue; // a resolver, run once by ld.so: never what a wildcard means
      return missing(m, p, plan,
                     std::string(p.symbol) + " in " + bin.path +
                         " is an IFUNC (its implementation is chosen when the program starts): "
                         "probe one of its implementations instead",
                     tool, error);
    }
    if (p.offset) {
      why = check_uprobe_offset(*image, *f, p.offset,
                                std::string(p.symbol) + "+" + std::to_string(p.offset));
      if (!why.empty()) return missing(m, p, plan, why, tool, error);
    }
    plan.sites.emplace_back(f->file_offset + p.offset, f->name);
  }
  if (plan.sites.empty()) {
    std::string what = std::string(wildcard ? "no function matches " : "no function named ") +
                       p.symbol + " in " + bin.path;
    if (!image->has_symtab())
      what += " (the file is stripped: only its exported functions are known)";
    return missing(m, p, plan, what, tool, error);
  }
  return true;
}

bool Attachments::attach_uprobe(const ProbeSpec& p, const Plan& plan, bpf_program* prog,
                                std::string& error) {
  for (const auto& [offset, name] : plan.sites) {
    LIBBPF_OPTS(bpf_uprobe_opts, uo, .retprobe = p.kind == ProbeKind::Uretprobe);
    bpf_link* link = bpf_program__attach_uprobe_opts(prog, -1, plan.path.c_str(),
                                                     static_cast<size_t>(offset), &uo);
    if (!link) {
      error = std::string("cannot attach ") + p.display + " (" + name + " in " + plan.path +
              "): " + std::strerror(errno);
      return false;
    }
    links_.push_back(link);
  }
  return true;
}

bool Attachments::attach_usdt(const ProbeSpec& p, const Plan& plan, bpf_program* prog,
                              std::string& error) {
  for (const auto& [unused, probe] : plan.sites) {
    size_t colon = probe.find(':');
    std::string provider = probe.substr(0, colon), name = probe.substr(colon + 1);
    // libbpf decodes each site's argument specs into the object's USDT maps, and the kernel
    // sets the probe's semaphore while it is attached.
    bpf_link* link = bpf_program__attach_usdt(prog, -1, plan.path.c_str(), provider.c_str(),
                                              name.c_str(), nullptr);
    if (!link) {
      error = std::string("cannot attach ") + p.display + " (" + probe + " in " + plan.path +
              "): " + std::strerror(errno);
      return false;
    }
    links_.push_back(link);
  }
  return true;
}

} // namespace btc::rt
