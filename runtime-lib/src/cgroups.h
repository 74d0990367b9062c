// cgroup_path(): a cgroup id to the paths of that cgroup in the hierarchies mounted where the
// tool runs, as bpftrace prints them ("unified:/a/b,cpu:/a").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace btc::rt {

// A mounted hierarchy: "unified" for cgroup2, else the mount point's last component.
struct CgroupRoot {
  std::string name;
  std::string mount;
};

// The hierarchies in a /proc/mounts text, in mount order.
std::vector<CgroupRoot> cgroup_roots(std::string_view mounts);

// The path, from `mount`, of the directory whose inode number is `id` ("/" for the root), or
// "" when there is none.
std::string cgroup_path_in(uint64_t id, const std::string& mount);

// (hierarchy, path) pairs as bpftrace prints them: "unified" first, then by name; hierarchies
// without the cgroup left out; joined by ",".
std::string join_cgroup_paths(std::vector<std::pair<std::string, std::string>> paths);

// The text of cgroup_path(id, filter) on this host, from /proc/mounts.
std::string cgroup_paths_text(uint64_t id, const std::string& filter);

} // namespace btc::rt
