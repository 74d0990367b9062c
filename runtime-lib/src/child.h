// The process a produced tool traces: the command of `-c CMD`, forked at start and held before
// its exec until the probes are attached, or the running process of `-p PID`. Either way the
// tool watches it through a pidfd and ends when it exits (docs/design/user-space.md 4.2).
#pragma once

#include <string>
#include <vector>

namespace btc::rt {

class TracedProcess {
public:
  TracedProcess() = default;
  TracedProcess(const TracedProcess&) = delete;
  TracedProcess& operator=(const TracedProcess&) = delete;
  // A child still held is killed (it never runs its command); one running gets stop().
  ~TracedProcess();

  // -c: the program `argv[0]` (a path, or a name looked up in $PATH) must be an executable
  // file, checked here so that a command that cannot run fails before anything is loaded. Then
  // forks a child that dies with the tool and waits for release() before it execs. False with
  // a one-line reason in `error`.
  bool spawn(const std::vector<std::string>& argv, std::string& error);
  // -p: an existing process; false with a one-line reason in `error` when there is none.
  bool attach(int pid, std::string& error);
  // Lets the held child exec its command and waits until it did; false with "cannot run
  // 'CMD': <reason>" in `error` when the exec failed or the child died before it.
  bool release(std::string& error);
  // SIGTERM to a child still running (bpftrace's behaviour), then a short wait for it to exit
  // and be reaped. A -p process is left alone.
  void stop();

  int pid() const { return pid_; }
  // The program it runs: -c's file as found in $PATH (before its exec), -p's /proc/PID/exe.
  const std::string& program_path() const { return path_; }
  bool active() const { return pid_ > 0; }
  // Readable once the process has exited; -1 when there is none.
  int exit_fd() const { return pidfd_; }
  // Whether the process has exited (a poll of exit_fd() that does not block).
  bool exited() const;

private:
  void reap(int timeout_ms);

  int pid_ = 0;
  int pidfd_ = -1;
  int control_fd_ = -1; // -c until released: the tool's end of the socket pair with the child
  bool child_ = false;  // forked here (so it can be waited for), not -p
  bool reaped_ = false;
  std::string program_; // argv[0], for messages
  std::string path_;
};

// `cmd` split into words the way a POSIX shell splits a simple command, without any expansion:
// blanks separate words, '...' keeps everything literally, "..." keeps all but \" \\ \$ \`,
// and a backslash outside quotes keeps the next character. False with a one-line reason in
// `error` for an unterminated quote or a command with no words.
bool split_command(const std::string& cmd, std::vector<std::string>& words, std::string& error);

} // namespace btc::rt
