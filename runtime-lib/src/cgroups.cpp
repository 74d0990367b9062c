#include "cgroups.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <sys/stat.h>

namespace btc::rt {

std::vector<CgroupRoot> cgroup_roots(std::istream& mounts) {
  std::vector<CgroupRoot> roots;
  for (std::string line; std::getline(mounts, line);) {
    std::istringstream fields(line);
    std::string source, mount, type;
    if (!(fields >> source >> mount >> type)) continue;
    if (type == "cgroup2")
      roots.push_back({"unified", mount});
    else if (type == "cgroup")
      roots.push_back({std::filesystem::path(mount).filename().string(), mount});
  }
  return roots;
}

bool cgroup_filter_match(const std::string& name, const std::string& filter) {
  // Greedy glob with backtracking to the last '*'.
  size_t n = 0, f = 0, star = std::string::npos, mark = 0;
  while (n < name.size()) {
    if (f < filter.size() && filter[f] == '*') {
      star = f++;
      mark = n;
    } else if (f < filter.size() && filter[f] == name[n]) {
      ++f;
      ++n;
    } else if (star != std::string::npos) {
      f = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (f < filter.size() && filter[f] == '*') ++f;
  return f == filter.size();
}

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
  std::error_code ec;
  namespace fs = std::filesystem;
  for (fs::recursive_directory_iterator
           it(mount, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    if (!it->is_directory(ec) || it->is_symlink(ec)) continue;
    if (stat(it->path().c_str(), &st) == 0 && st.st_ino == id)
      return cache[key] = it->path().string().substr(mount.size());
  }
  return "";
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
  std::ifstream mounts("/proc/mounts");
  std::vector<std::pair<std::string, std::string>> paths;
  for (const CgroupRoot& root : cgroup_roots(mounts))
    if (cgroup_filter_match(root.name, filter))
      paths.emplace_back(root.name, cgroup_path_in(id, root.mount));
  return join_cgroup_paths(std::move(paths));
}

} // namespace btc::rt
