#include "user/process_files.h"

#include "text.h"
#include "user/elf_image.h"
#include "user/proc_maps.h"
#include "user/user_targets.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <memory>
#include <set>
#include <sys/stat.h>
#include <utility>

namespace btc::rt {
namespace {

// The directories glibc's ld.so searches last on Debian's x86-64 (its "system directories").
constexpr const char* kSystemDirs[] = {"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
                                       "/lib64", "/usr/lib64"};

std::string real_path(const std::string& path) {
  char buf[PATH_MAX];
  return realpath(path.c_str(), buf) ? std::string(buf) : path;
}

std::string directory_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

// A search path as ld.so reads it: ':'- (or, in LD_PRELOAD, blank-) separated, with $ORIGIN
// (or ${ORIGIN}) the directory of the object that asks. A directory naming another token ($LIB,
// $PLATFORM) is skipped: what those expand to depends on the build of glibc.
std::vector<std::string> search_dirs(const std::string& list, const std::string& origin) {
  std::vector<std::string> dirs;
  size_t at = 0;
  while (at <= list.size()) {
    size_t end = list.find(':', at);
    if (end == std::string::npos) end = list.size();
    std::string dir = list.substr(at, end - at);
    at = end + 1;
    for (const char* token : {"${ORIGIN}", "$ORIGIN"})
      for (size_t t; (t = dir.find(token)) != std::string::npos;)
        dir.replace(t, std::strlen(token), origin);
    if (dir.find('$') != std::string::npos) continue;
    dirs.push_back(dir.empty() ? "." : dir);
  }
  return dirs;
}

// Whether `path` is an ELF file of this machine: ld.so skips others in its search.
bool loadable(const std::string& path, std::unique_ptr<ElfImage>& image) {
  std::string error;
  image = ElfImage::open_notes(path, error);
  return image != nullptr;
}

// The files the process's /proc/PID/maps maps executable, each once, in their order there.
std::vector<std::string> executable_mappings(const std::string& maps) {
  std::vector<std::string> out;
  for (const std::string& line : split_lines(maps)) {
    MapsLine m;
    if (!parse_maps_line(line, m) || m.perms[2] != 'x' || m.path.empty() || m.path[0] != '/' ||
        m.path.find(" (deleted)") != std::string_view::npos)
      continue;
    if (std::find(out.begin(), out.end(), m.path) == out.end()) out.emplace_back(m.path);
  }
  return out;
}

// The interpreter of a script starting with "#!" (the first word after it); empty for others.
std::string script_interpreter(const std::string& path) {
  char buf[256] = {};
  FILE* f = std::fopen(path.c_str(), "re");
  if (!f) return "";
  std::string head(buf, std::fread(buf, 1, sizeof buf, f));
  std::fclose(f);
  if (head.rfind("#!", 0) != 0) return "";
  size_t start = head.find_first_not_of(" \t", 2);
  if (start == std::string::npos) return "";
  return head.substr(start, head.find_first_of(" \t\n", start) - start);
}

} // namespace

bool same_mount_namespace(const std::string& proc) {
  struct stat mine, theirs;
  if (stat("/proc/self/ns/mnt", &mine) != 0 || stat((proc + "/ns/mnt").c_str(), &theirs) != 0)
    return true;
  return mine.st_dev == theirs.st_dev && mine.st_ino == theirs.st_ino;
}

bool files_mapped_by(int pid, std::vector<std::string>& files, std::string& error) {
  const std::string proc = "/proc/" + std::to_string(pid);
  errno = 0;
  std::string maps = read_small_file((proc + "/maps").c_str());
  if (maps.empty()) {
    error = "cannot read the mappings of process " + std::to_string(pid) + " (" + proc +
            "/maps): " + (errno ? std::strerror(errno) : "empty");
    return false;
  }
  const std::string root = same_mount_namespace(proc) ? "" : proc + "/root";
  for (const std::string& path : executable_mappings(maps)) files.push_back(root + path);
  return true;
}

std::vector<std::string> files_mapped_by_all() {
  std::set<std::pair<dev_t, ino_t>> seen;
  std::vector<std::string> files;
  std::unique_ptr<DIR, int (*)(DIR*)> proc(opendir("/proc"), closedir);
  if (!proc) return files;
  while (dirent* e = readdir(proc.get())) {
    char* end = nullptr;
    long pid = std::strtol(e->d_name, &end, 10);
    if (pid <= 0 || *end) continue;
    std::vector<std::string> mapped;
    std::string gone; // a process that exits meanwhile maps nothing
    if (!files_mapped_by(static_cast<int>(pid), mapped, gone)) continue;
    for (std::string& path : mapped) {
      struct stat st;
      if (stat(path.c_str(), &st) == 0 && seen.insert({st.st_dev, st.st_ino}).second)
        files.push_back(std::move(path));
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> files_loaded_at_start(const std::string& program) {
  std::vector<std::string> files;
  std::set<std::string> names; // sonames and paths already loaded, which ld.so does not reload
  std::unique_ptr<ElfImage> exe;
  // A script runs its interpreter, which may be a script too (the kernel follows 4 of them).
  std::string path = program;
  for (int depth = 0; !loadable(path, exe); ++depth) {
    path = script_interpreter(path);
    if (path.empty() || depth == 4) return files;
  }
  files.push_back(real_path(path));
  if (!exe->interpreter().empty()) {
    std::unique_ptr<ElfImage> interp;
    if (loadable(exe->interpreter(), interp)) files.push_back(real_path(exe->interpreter()));
  }
  const std::string cache = read_small_file("/etc/ld.so.cache");
  const char* env_path = std::getenv("LD_LIBRARY_PATH");
  const std::vector<std::string> library_path = env_path && *env_path
                                                    ? search_dirs(env_path, directory_of(files[0]))
                                                    : std::vector<std::string>{};
  // Where ld.so finds `name`, needed by the object at `requester` (its image `by`): a path as
  // it is; else DT_RPATH (when the object has no DT_RUNPATH; then the program's too),
  // LD_LIBRARY_PATH, DT_RUNPATH, ld.so.cache, the system directories.
  auto find = [&](const std::string& name, const ElfImage* by, const std::string& requester,
                  std::unique_ptr<ElfImage>& image) -> std::string {
    if (name.find('/') != std::string::npos) return loadable(name, image) ? name : "";
    std::vector<std::string> dirs;
    auto add = [&](const std::string& list, const std::string& origin) {
      for (std::string& d : search_dirs(list, origin)) dirs.push_back(std::move(d));
    };
    if (by && by->runpath().empty()) {
      add(by->rpath(), directory_of(requester));
      if (by != exe.get() && exe->runpath().empty()) add(exe->rpath(), directory_of(files[0]));
    }
    dirs.insert(dirs.end(), library_path.begin(), library_path.end());
    if (by) add(by->runpath(), directory_of(requester));
    for (const std::string& dir : dirs)
      if (loadable(dir + "/" + name, image)) return dir + "/" + name;
    if (std::string cached = ld_cache_soname(cache, name);
        !cached.empty() && loadable(cached, image))
      return cached;
    for (const char* dir : kSystemDirs)
      if (loadable(std::string(dir) + "/" + name, image)) return std::string(dir) + "/" + name;
    return "";
  };
  // Breadth first, as ld.so loads them: the preloaded libraries, then the program's needs in
  // order, then theirs.
  std::vector<std::pair<std::string, std::unique_ptr<ElfImage>>> queue;
  std::vector<std::string> preload;
  for (std::string list : {std::string(std::getenv("LD_PRELOAD") ? std::getenv("LD_PRELOAD") : ""),
                           read_small_file("/etc/ld.so.preload")}) {
    std::replace_if(
        list.begin(), list.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n'; }, ':');
    for (const std::string& lib : search_dirs(list, directory_of(files[0])))
      if (lib != ".") preload.push_back(lib);
  }
  auto load = [&](const std::string& name, const ElfImage* by, const std::string& requester) {
    if (!names.insert(name).second) return;
    std::unique_ptr<ElfImage> image;
    std::string path = find(name, by, requester, image);
    if (path.empty()) return;
    std::string real = real_path(path);
    if (std::find(files.begin(), files.end(), real) != files.end()) return;
    files.push_back(real);
    queue.emplace_back(path, std::move(image));
  };
  for (const std::string& lib : preload) load(lib, nullptr, files[0]);
  for (const std::string& lib : exe->needed()) load(lib, exe.get(), path);
  for (size_t i = 0; i < queue.size(); ++i) {
    // `queue` grows meanwhile: its strings move, its images stay where they are.
    const std::string path = queue[i].first;
    const ElfImage* image = queue[i].second.get();
    for (const std::string& lib : image->needed()) load(lib, image, path);
  }
  return files;
}

} // namespace btc::rt
