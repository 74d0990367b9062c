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
  ResolvedBinary bin = resolve_binary(p.target, target_pid_);
  if (bin.path.empty()) return missing(m, p, plan, bin.error, tool, error);
  std::string why;
  std::unique_ptr<ElfImage>& image = elf_images_[bin.path];
  if (!image) image = ElfImage::open(bin.path, why);
  if (!image) return missing(m, p, plan, why, tool, error);
  plan.path = bin.path;

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

  // `args` were placed and typed from the debug info of the build host's file: another build
  // of it may pass them elsewhere, and a wrong value must never pass for a right one.
  if (*p.build_id && image->build_id() != p.build_id) {
    error = std::string(p.display) + ": args were read from the debug info of a build of " +
            bin.path + " with build-id " + p.build_id + ", but this one has " +
            (image->build_id().empty() ? "none" : "build-id " + image->build_id()) +
            "; compile the script against this file";
    return false;
  }
  std::vector<UprobeSite> sites;
  if (uprobe_sites(*image, p.symbol, p.cpp, p.offset, p.address, sites, why) != SiteProblem::None)
    return missing(m, p, plan, why, tool, error);
  for (UprobeSite& site : sites)
    plan.sites.emplace_back(site.file_offset, std::move(site.function));
  return true;
}

bool Attachments::attach_uprobe(const ProbeSpec& p, const Plan& plan, bpf_program* prog,
                                std::string& error) {
  for (const auto& [offset, name] : plan.sites) {
    LIBBPF_OPTS(bpf_uprobe_opts, uo, .retprobe = p.kind == ProbeKind::Uretprobe);
    bpf_link* link =
        bpf_program__attach_uprobe_opts(prog, target_pid_ > 0 ? target_pid_ : -1, plan.path.c_str(),
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
    bpf_link* link =
        bpf_program__attach_usdt(prog, target_pid_ > 0 ? target_pid_ : -1, plan.path.c_str(),
                                 provider.c_str(), name.c_str(), nullptr);
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
