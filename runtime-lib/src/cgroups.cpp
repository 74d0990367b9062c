#include "cgroups.h"
#include "pieces.h"

#include "text.h"

#include <algorithm>
#include <dirent.h>
#include <map>
#include <memory>

#include <sys/stat.h>

namespace btc::rt {

// Without iostreams or std::filesystem, which would add ~500 KB to every tool.
std::vector<CgroupRoot> cgroup_roots(std::string_view mounts) {
  std::vector<CgroupRoot> roots;
  while (!mounts.empty()) {
    size_t nl = mounts.find('\n');
    std::string_view line = mounts.substr(0, nl);
    mounts.remove_prefix(nl == std::string_view::npos ? mounts.size() : nl + 1);
    std::string_view fields[3];
    for (std::string_view& f : fields) {
      size_t start = line.find_first_not_of(" \t");
      if (start == std::string_view::npos) break;
      line.remove_prefix(start);
      size_t end = line.find_first_of(" \t");
      f = line.substr(0, end);
      line.remove_prefix(end == std::string_view::npos ? line.size() : end);
    }
    std::string mount(fields[1]);
    if (fields[2] == "cgroup2")
      roots.push_back({"unified", mount});
    else if (fields[2] == "cgroup")
      roots.push_back({mount.substr(mount.rfind('/') + 1), mount});
  }
  return roots;
}

namespace {

// The directory under `dir` (relative path `rel`) whose inode number is `id`, depth first in
// directory order; empty when none. Symbolic links are not followed.
std::string find_inode(const std::string& dir, const std::string& rel, uint64_t id) {
  std::unique_ptr<DIR, int (*)(DIR*)> d(opendir(dir.c_str()), closedir);
  if (!d) return "";
  while (dirent* e = readdir(d.get())) {
    if (e->d_type != DT_DIR || std::string_view(e->d_name) == "." ||
        std::string_view(e->d_name) == "..")
      continue;
    std::string sub_rel = rel + "/" + e->d_name;
    if (e->d_ino == id) return sub_rel;
    std::string found = find_inode(dir + "/" + e->d_name, sub_rel, id);
    if (!found.empty()) return found;
  }
  return "";
}

} // namespace

std::string cgroup_path_in(uint64_t id, const std::string& mount) {
  // A cgroup keeps its directory: the path found last time is checked before a new walk.
  static std::map<std::pair<uint64_t, std::string>, std::string> cache;
  struct stat st {};
  auto key = std::make_pair(id, mount);
  if (auto it = cache.find(key); it != cache.end()) {
    if (stat((mount + it->second).c_str(), &st) == 0 && st.st_ino == id) return it->second;
    cache.erase(it);
  }
  if (stat(mount.c_str(), &st) == 0 && st.st_ino == id) return cache[key] = "/";
  std::string found = find_inode(mount, "", id);
  if (!found.empty()) cache[key] = found;
  return found;
}

std::string join_cgroup_paths(std::vector<std::pair<std::string, std::string>> paths) {
  std::stable_sort(paths.begin(), paths.end(), [](const auto& a, const auto& b) {
    if (b.first == "unified") return false;
    if (a.first == "unified") return true;
    return a.first < b.first;
  });
  std::string out;
  for (const auto& [name, path] : paths) {
    if (path.empty()) continue;
    if (!out.empty()) out += ",";
    out += name + ":" + path;
  }
  return out;
}

std::string cgroup_paths_text(uint64_t id, const std::string& filter) {
  std::vector<std::pair<std::string, std::string>> paths;
  for (const CgroupRoot& root : cgroup_roots(read_small_file("/proc/mounts")))
    if (glob_match(filter, root.name))
      paths.emplace_back(root.name, cgroup_path_in(id, root.mount));
  return join_cgroup_paths(std::move(paths));
}

void install_cgroup_paths() {
  static const PieceApi<Piece::CgroupPaths> api = {.text = cgroup_paths_text};
  install_piece(api);
}

} // namespace btc::rt
