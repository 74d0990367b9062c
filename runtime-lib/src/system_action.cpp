#include "system_action.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace btc::rt {

namespace {
rlim_t g_command_nofile = 0; // 0: the tool's own limit is the one it started with
} // namespace

void set_command_open_files_limit(unsigned long soft) {
  g_command_nofile = soft;
}

// popen()'s work, but the shell gets SIGTERM when the tool dies (a second stop signal while
// the tool waits for a command that does not end, or SIGKILL), as -c's command does: a command
// the tool started does not outlive it.
std::string run_system_command(const std::string& command, std::string& error) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    error = std::strerror(errno);
    return "";
  }
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    error = std::strerror(errno);
    close(fds[0]);
    close(fds[1]);
    return "";
  }
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);
    if (g_command_nofile != 0) {
      rlimit lim{};
      getrlimit(RLIMIT_NOFILE, &lim);
      lim.rlim_cur = g_command_nofile;
      setrlimit(RLIMIT_NOFILE, &lim);
    }
    // The write end becomes stdout, without close-on-exec (dup2() clears it).
    if (fds[1] == STDOUT_FILENO)
      fcntl(fds[1], F_SETFD, 0);
    else
      dup2(fds[1], STDOUT_FILENO);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
  return out;
}

} // namespace btc::rt
