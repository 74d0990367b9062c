#include "child.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace btc::rt {

namespace {

// How long a child that was sent SIGTERM gets to exit before the tool leaves it behind.
constexpr int kTermGraceMs = 1000;

bool is_executable_file(const std::string& path, int& err) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    err = errno;
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    err = S_ISDIR(st.st_mode) ? EISDIR : EACCES;
    return false;
  }
  if (access(path.c_str(), X_OK) != 0) {
    err = errno;
    return false;
  }
  return true;
}

// The file execvp would run for `name`: itself when it holds a '/', else the first executable
// of that name in $PATH (execvp's default list when unset). Empty with `err` set when none.
std::string find_program(const std::string& name, int& err) {
  if (name.empty()) {
    err = ENOENT;
    return "";
  }
  if (name.find('/') != std::string::npos) return is_executable_file(name, err) ? name : "";
  const char* env = std::getenv("PATH");
  std::string dirs = env ? env : "/bin:/usr/bin";
  err = ENOENT;
  for (size_t at = 0; at <= dirs.size();) {
    size_t colon = dirs.find(':', at);
    if (colon == std::string::npos) colon = dirs.size();
    std::string dir = dirs.substr(at, colon - at);
    at = colon + 1;
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    int why = 0;
    if (is_executable_file(candidate, why)) return candidate;
    // As execvp: a file that exists but cannot be run explains a failure better than "not found".
    if (why == EACCES || why == EISDIR) err = EACCES;
  }
  return "";
}

std::string cannot_run(const std::string& program, int err) {
  return "cannot run '" + program + "': " + std::strerror(err);
}

int pidfd_open(int pid) {
  return static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
}

} // namespace

bool split_command(const std::string& cmd, std::vector<std::string>& words, std::string& error) {
  words.clear();
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < cmd.size(); ++i) {
    char c = cmd[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
      continue;
    }
    if (c == '\\' && i + 1 < cmd.size() && cmd[i + 1] == '\n') {
      // A backslash-newline joins lines.
      ++i;
      continue;
    }
    in_word = true;
    if (c == '\\') {
      // A trailing backslash stays itself.
      word += i + 1 < cmd.size() ? cmd[i + 1] : c;
      ++i;
    } else if (c == '\'') {
      size_t end = cmd.find('\'', i + 1);
      if (end == std::string::npos) {
        error = "-c: unterminated ' quote in: " + cmd;
        return false;
      }
      word += cmd.substr(i + 1, end - i - 1);
      i = end;
    } else if (c == '"') {
      size_t j = i + 1;
      for (; j < cmd.size() && cmd[j] != '"'; ++j) {
        if (cmd[j] == '\\' && j + 1 < cmd.size() &&
            std::strchr("\"\\$`\n", cmd[j + 1]) != nullptr) {
          if (cmd[j + 1] != '\n') word += cmd[j + 1];
          ++j;
        } else {
          word += cmd[j];
        }
      }
      if (j >= cmd.size()) {
        error = "-c: unterminated \" quote in: " + cmd;
        return false;
      }
      i = j;
    } else {
      word += c;
    }
  }
  if (in_word) words.push_back(word);
  if (words.empty()) {
    error = "-c needs a command";
    return false;
  }
  return true;
}

TracedProcess::~TracedProcess() {
  if (control_fd_ >= 0) {
    // Still held: it must never run its command.
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    reaped_ = true;
    close(control_fd_);
  }
  stop();
  if (pidfd_ >= 0) close(pidfd_);
}

bool TracedProcess::spawn(const std::vector<std::string>& argv, std::string& error) {
  program_ = argv.empty() ? "" : argv[0];
  int err = 0;
  std::string path = find_program(program_, err);
  if (path.empty()) {
    error = cannot_run(program_, err);
    return false;
  }
  path_ = path;
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    error = "cannot start '" + program_ + "': " + std::strerror(errno);
    return false;
  }
  // What the tool buffered must not be written twice.
  std::fflush(nullptr);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    error = "cannot start '" + program_ + "': " + std::strerror(errno);
    close(sv[0]);
    close(sv[1]);
    return false;
  }
  if (pid == 0) {
    close(sv[0]);
    // The command must not outlive a tool that dies before it could stop it; a tool that died
    // before prctl() took effect left a child whose parent changed.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);
    // Held: the tool attaches only after this byte, so the calls above (getppid() among them)
    // are never taken for the command's own. What follows is a read() and the execve().
    char held = 1;
    if (write(sv[1], &held, 1) != 1) _exit(127);
    char go = 0;
    ssize_t n;
    do {
      n = read(sv[1], &go, 1);
    } while (n < 0 && errno == EINTR);
    // End of file: the tool gave up before its probes were attached.
    if (n != 1) _exit(127);
    execv(path.c_str(), args.data());
    int why = errno;
    ssize_t unused = write(sv[1], &why, sizeof why);
    (void)unused;
    _exit(127);
  }
  close(sv[1]);
  pid_ = pid;
  child_ = true;
  control_fd_ = sv[0];
  char held = 0;
  ssize_t n;
  do {
    n = recv(control_fd_, &held, 1, 0);
  } while (n < 0 && errno == EINTR);
  if (n != 1) {
    error = "cannot start '" + program_ + "': its process ended before it could be held";
    return false;
  }
  pidfd_ = pidfd_open(pid);
  if (pidfd_ < 0) {
    error = "cannot watch the process of '" + program_ + "': " + std::strerror(errno);
    return false;
  }
  return true;
}

bool TracedProcess::attach(int pid, std::string& error) {
  pidfd_ = pidfd_open(pid);
  if (pidfd_ >= 0) {
    pid_ = pid;
    // The link, not its target: the file is found even from another mount namespace.
    path_ = "/proc/" + std::to_string(pid) + "/exe";
    return true;
  }
  if (errno == ESRCH)
    error = "no process with PID " + std::to_string(pid);
  else if (errno == EINVAL)
    error = "PID " + std::to_string(pid) + " is a thread, not a process: give the process's PID";
  else
    error = "cannot watch process " + std::to_string(pid) + ": " + std::strerror(errno);
  return false;
}

bool TracedProcess::release(std::string& error) {
  if (control_fd_ < 0) return true;
  char go = 1;
  int why = 0;
  if (send(control_fd_, &go, 1, MSG_NOSIGNAL) != 1) {
    why = errno;
  } else {
    // The exec closes the child's end (close-on-exec): end of file means it succeeded.
    ssize_t n;
    do {
      n = recv(control_fd_, &why, sizeof why, MSG_WAITALL);
    } while (n < 0 && errno == EINTR);
    if (n < 0) why = errno;
  }
  close(control_fd_);
  control_fd_ = -1;
  if (why == 0) return true;
  error = cannot_run(program_, why);
  reap(kTermGraceMs);
  return false;
}

bool TracedProcess::exited() const {
  if (pidfd_ < 0) return false;
  pollfd p{pidfd_, POLLIN, 0};
  return poll(&p, 1, 0) > 0;
}

void TracedProcess::stop() {
  if (!child_ || reaped_) return;
  if (!exited()) kill(pid_, SIGTERM);
  reap(kTermGraceMs);
}

void TracedProcess::reap(int timeout_ms) {
  if (!child_ || reaped_ || pidfd_ < 0) return;
  pollfd p{pidfd_, POLLIN, 0};
  int n;
  do {
    n = poll(&p, 1, timeout_ms);
  } while (n < 0 && errno == EINTR);
  if (n > 0 && waitpid(pid_, nullptr, WNOHANG) == pid_) reaped_ = true;
}

} // namespace btc::rt
