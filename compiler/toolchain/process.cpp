#include "toolchain/process.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace btc {

namespace {

ProcessResult run(const std::vector<std::string>& argv, int stdout_fd, const std::string& cwd) {
  ProcessResult result;
  int pipefd[2];
  if (pipe2(pipefd, O_CLOEXEC) != 0) return result;
  pid_t pid = fork();
  if (pid < 0) {
    close(pipefd[0]);
    close(pipefd[1]);
    return result;
  }
  if (pid == 0) {
    dup2(stdout_fd >= 0 ? stdout_fd : pipefd[1], STDOUT_FILENO);
    dup2(pipefd[1], STDERR_FILENO);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) {
      dprintf(STDERR_FILENO, "cannot enter %s: %s\n", cwd.c_str(), strerror(errno));
      _exit(127);
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    dprintf(STDERR_FILENO, "cannot run %s\n", args[0]);
    _exit(127);
  }
  close(pipefd[1]);
  char buf[4096];
  ssize_t n;
  while ((n = read(pipefd[0], buf, sizeof buf)) > 0) result.output.append(buf, n);
  close(pipefd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

} // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& cwd) {
  return run(argv, -1, cwd);
}

ProcessResult run_process_to_file(const std::vector<std::string>& argv,
                                  const std::string& stdout_path, const std::string& cwd) {
  int fd = open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    ProcessResult failed;
    failed.open_errno = errno;
    return failed;
  }
  ProcessResult r = run(argv, fd, cwd);
  close(fd);
  return r;
}

} // namespace btc
