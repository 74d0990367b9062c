// usdt:*:[provider:]name and usdt::[provider:]name (piece usdt_files): the USDT probes of every
// file the -p process maps, the -c command's dynamic linker maps when it starts, or (usdt:*
// without either, as current bpftrace) any running process maps. Each site keeps its file;
// attach_user.cpp attaches and names them as any usdt probe's.
#include "attach.h"

#include "user/elf_image.h"
#include "user/process_files.h"
#include "user/user_targets.h"

#include <algorithm>
#include <cstring>

namespace btc::rt {

bool Attachments::prepare_usdt_files(const Manifest& m, const ProbeSpec& p, Plan& plan,
                                     uint8_t* rodata, const char* tool, std::string& error) {
  const std::string display = p.display;
  std::string where;
  if (target_pid_ > 0 && target_before_exec_) {
    // Held before its exec, the child still maps the tool's files: its program's are those the
    // dynamic linker will map. The kernel sets each probe once the process maps its file.
    where = "the files " + target_program_ + " loads when it starts";
    if (!usdt_files_) usdt_files_ = files_loaded_at_start(target_program_);
  } else if (target_pid_ > 0) {
    where = "the files of process " + std::to_string(target_pid_);
    if (!usdt_files_) {
      std::vector<std::string> files;
      if (!files_mapped_by(target_pid_, files, error)) {
        error = "cannot attach " + display + ": " + error;
        return false;
      }
      usdt_files_ = std::move(files);
    }
  } else if (*p.target) {
    where = "the files of the running processes";
    if (!usdt_files_) usdt_files_ = files_mapped_by_all();
  } else {
    error = display + " names no binary: give the process with -p PID or -c CMD, or write " +
            "usdt:*:... for the files every running process maps";
    return false;
  }
  std::string_view spec = p.symbol;
  size_t colon = spec.find(':');
  const ElfImage* first = nullptr; // the first site's file
  for (const std::string& file : *usdt_files_) {
    std::unique_ptr<ElfImage>& image = note_images_[file];
    std::string unreadable; // not every mapped file is an ELF file of this machine
    if (!image) image = ElfImage::open_notes(file, unreadable);
    if (!image) continue;
    for (auto& [provider, name] :
         match_usdt(*image, spec.substr(0, colon), spec.substr(colon + 1))) {
      plan.sites.emplace_back(0, provider + ":" + name);
      plan.site_paths.push_back(file);
      if (!first) first = image.get();
    }
  }
  if (plan.sites.empty())
    return missing(m, p, plan,
                   "no USDT probe " + std::string(spec.substr(colon == 0 ? 1 : 0)) + " in " + where,
                   tool, error);
  bool one_file = std::all_of(plan.site_paths.begin(), plan.site_paths.end(),
                              [&](const std::string& f) { return f == plan.site_paths[0]; });
  if (one_file) plan.path = plan.site_paths[0];
  name_usdt_sites(p, plan, tool);
  if (p.uload_offset < 0) return true;
  if (!one_file) {
    // ustack and usym of sites in several files read the process's mappings (uaddr() is
    // refused in such probes when they are compiled).
    uint64_t unplaced[3] = {0, 0, 0};
    std::memcpy(rodata + p.uload_offset, unplaced, sizeof unplaced);
    return true;
  }
  return place_file(p, *first, usdt_site_pcs(*first, plan), rodata, error);
}

void install_usdt_files() {
  static const PieceApi<Piece::UsdtFiles> api = {.prepare = &Attachments::prepare_usdt_files};
  install_piece(api);
}

} // namespace btc::rt
