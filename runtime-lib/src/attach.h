// Attaching the programs of a tool to their probes.
#pragma once

#include "btc/manifest.h"

#include <string>
#include <vector>

struct bpf_link;
struct bpf_program;

namespace btc::rt {

class Attachments {
public:
  Attachments() = default;
  Attachments(const Attachments&) = delete;
  Attachments& operator=(const Attachments&) = delete;
  ~Attachments() { detach(); }

  // Attaches every probe except BEGIN/END. Missing tracepoints are skipped with a warning; it
  // fails (returns false, message in `error`) when nothing at all could be attached or any
  // other probe fails.
  bool attach_all(const Manifest& m, bpf_object* obj, const char* tool, std::string& error);
  void detach();
  size_t count() const { return links_.size(); }

private:
  bool attach_one(const ProbeSpec& p, bpf_program* prog, std::string& error);
  bool attach_perf(const ProbeSpec& p, bpf_program* prog, std::string& error);

  std::vector<bpf_link*> links_;
};

// Mounts tracefs at /sys/kernel/tracing when no tracefs is there; false with a message when
// that fails.
bool ensure_tracefs(std::string& error);

} // namespace btc::rt
