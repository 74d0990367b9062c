// Unit tests of the -c child: held until released, errors of a command that cannot run, its end
// seen through the pidfd, SIGTERM to one still running when the tool stops.
#include "child.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace btc::rt;

namespace {

bool wait_exit(const TracedProcess& p, int timeout_ms) {
  pollfd fd{p.exit_fd(), POLLIN, 0};
  return poll(&fd, 1, timeout_ms) == 1 && p.exited();
}

std::string temp_dir() {
  char dir[] = "/tmp/btc-child-test-XXXXXX";
  EXPECT_NE(mkdtemp(dir), nullptr);
  return dir;
}

} // namespace

TEST(TracedProcess, MissingOrNotExecutableCommand) {
  std::string error;
  TracedProcess missing;
  EXPECT_FALSE(missing.spawn({"/no/such/cmd", "x"}, error));
  EXPECT_EQ(error, "cannot run '/no/such/cmd': No such file or directory");
  EXPECT_FALSE(missing.active());

  TracedProcess not_in_path;
  EXPECT_FALSE(not_in_path.spawn({"btc-no-such-command-here"}, error));
  EXPECT_EQ(error, "cannot run 'btc-no-such-command-here': No such file or directory");

  std::string dir = temp_dir();
  std::string file = dir + "/plain";
  int fd = open(file.c_str(), O_CREAT | O_WRONLY, 0644);
  ASSERT_GE(fd, 0);
  close(fd);
  TracedProcess not_executable;
  EXPECT_FALSE(not_executable.spawn({file}, error));
  EXPECT_EQ(error, "cannot run '" + file + "': Permission denied");
  TracedProcess directory;
  EXPECT_FALSE(directory.spawn({dir}, error));
  EXPECT_EQ(error, "cannot run '" + dir + "': Is a directory");
  unlink(file.c_str());
  rmdir(dir.c_str());
}

TEST(TracedProcess, HeldUntilReleased) {
  std::string dir = temp_dir();
  std::string mark = dir + "/ran";
  TracedProcess p;
  std::string error;
  ASSERT_TRUE(p.spawn({"sh", "-c", "echo > \"$0\"", mark}, error)) << error;
  EXPECT_TRUE(p.active());
  EXPECT_GT(p.pid(), 0);
  EXPECT_FALSE(wait_exit(p, 200));
  EXPECT_NE(access(mark.c_str(), F_OK), 0) << "the command ran before release()";
  ASSERT_TRUE(p.release(error)) << error;
  EXPECT_TRUE(wait_exit(p, 5000));
  EXPECT_EQ(access(mark.c_str(), F_OK), 0);
  p.stop();
  EXPECT_EQ(kill(p.pid(), 0), -1) << "not reaped";
  EXPECT_EQ(errno, ESRCH);
  unlink(mark.c_str());
  rmdir(dir.c_str());
}

TEST(TracedProcess, NeverReleasedNeverRuns) {
  std::string dir = temp_dir();
  std::string mark = dir + "/ran";
  int pid = 0;
  {
    TracedProcess p;
    std::string error;
    ASSERT_TRUE(p.spawn({"sh", "-c", "echo > \"$0\"", mark}, error)) << error;
    pid = p.pid();
  }
  EXPECT_EQ(kill(pid, 0), -1);
  EXPECT_NE(access(mark.c_str(), F_OK), 0);
  rmdir(dir.c_str());
}

TEST(TracedProcess, StopSendsTerm) {
  std::string dir = temp_dir();
  std::string mark = dir + "/term";
  TracedProcess p;
  std::string error;
  ASSERT_TRUE(p.spawn({"sh", "-c",
                       "trap 'kill $!; echo > \"$0\"; exit 0' TERM; echo > \"$0.ready\"; "
                       "sleep 5 & wait",
                       mark},
                      error))
      << error;
  ASSERT_TRUE(p.release(error)) << error;
  // The shell sets its trap after exec: wait until it says so (a fixed time could be too short
  // on a loaded machine).
  std::string ready = mark + ".ready";
  for (int i = 0; i < 1000 && access(ready.c_str(), F_OK) != 0; ++i) usleep(10 * 1000);
  p.stop();
  EXPECT_EQ(access(mark.c_str(), F_OK), 0) << "the child did not get SIGTERM";
  EXPECT_EQ(kill(p.pid(), 0), -1);
  unlink(mark.c_str());
  unlink(ready.c_str());
  rmdir(dir.c_str());
}

TEST(TracedProcess, ExistingProcess) {
  TracedProcess self;
  std::string error;
  ASSERT_TRUE(self.attach(getpid(), error)) << error;
  EXPECT_EQ(self.pid(), getpid());
  EXPECT_FALSE(self.exited());
  EXPECT_TRUE(self.release(error));
  self.stop(); // a -p process is never signalled
  EXPECT_FALSE(self.exited());

  TracedProcess none;
  EXPECT_FALSE(none.attach(2147483647, error));
  EXPECT_EQ(error, "no process with PID 2147483647");
}
