// Unit tests of cgroup_path()'s text: hierarchies from /proc/mounts, filters, the search by
// inode number and bpftrace's order.
#include "cgroups.h"
#include "text.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

using namespace btc::rt;

TEST(Cgroups, RootsFromMounts) {
  std::string mounts("sysfs /sys sysfs rw 0 0\n"
                     "tmpfs /sys/fs/cgroup tmpfs rw 0 0\n"
                     "cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0\n"
                     "none /sys/fs/cgroup/net_cls,net_prio cgroup rw,net_cls,net_prio 0 0\n"
                     "cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0\n");
  std::vector<CgroupRoot> roots = cgroup_roots(mounts);
  ASSERT_EQ(roots.size(), 3u);
  EXPECT_EQ(roots[0].name, "cpu");
  EXPECT_EQ(roots[0].mount, "/sys/fs/cgroup/cpu");
  EXPECT_EQ(roots[1].name, "net_cls,net_prio");
  EXPECT_EQ(roots[2].name, "unified");
  EXPECT_EQ(roots[2].mount, "/sys/fs/cgroup/unified");
}

TEST(Cgroups, FilterWithStars) {
  EXPECT_TRUE(glob_match("*", "unified"));
  EXPECT_TRUE(glob_match("unified", "unified"));
  EXPECT_FALSE(glob_match("unif", "unified"));
  EXPECT_TRUE(glob_match("cpu*", "cpuacct"));
  EXPECT_TRUE(glob_match("cpu*", "cpu"));
  EXPECT_FALSE(glob_match("cpu*", "memory"));
  EXPECT_TRUE(glob_match("*prio", "net_cls,net_prio"));
  EXPECT_TRUE(glob_match("c*s*t", "cpuset"));
  EXPECT_FALSE(glob_match("c*s*x", "cpuset"));
  EXPECT_FALSE(glob_match("", "cpu"));
}

TEST(Cgroups, JoinedUnifiedFirstThenByName) {
  EXPECT_EQ(join_cgroup_paths({{"pids", "/a"}, {"cpu", "/"}, {"unified", "/a/b"}, {"memory", ""}}),
            "unified:/a/b,cpu:/,pids:/a");
  EXPECT_EQ(join_cgroup_paths({{"memory", ""}}), "");
}

TEST(Cgroups, PathFoundByInodeNumber) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("btc-cgroups-test-" + std::to_string(getpid()));
  fs::create_directories(root / "a" / "b");
  fs::create_directories(root / "c");
  struct stat st {};
  ASSERT_EQ(stat((root / "a" / "b").c_str(), &st), 0);
  EXPECT_EQ(cgroup_path_in(st.st_ino, root.string()), "/a/b");
  ASSERT_EQ(stat(root.c_str(), &st), 0);
  EXPECT_EQ(cgroup_path_in(st.st_ino, root.string()), "/");
  // A directory that moved is found again, not at its cached place.
  ASSERT_EQ(stat((root / "c").c_str(), &st), 0);
  EXPECT_EQ(cgroup_path_in(st.st_ino, root.string()), "/c");
  fs::rename(root / "c", root / "a" / "c");
  EXPECT_EQ(cgroup_path_in(st.st_ino, root.string()), "/a/c");
  EXPECT_EQ(cgroup_path_in(1, (root / "a" / "b").string()), "");
  fs::remove_all(root);
}
