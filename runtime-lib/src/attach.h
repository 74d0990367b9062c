// Attaching the programs of a tool to their probes.
#pragma once

#include "btc/manifest.h"

#include <cstdint>
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
  ~Attachments();

  // Before load: resolves kernel functions and iterators on this kernel, decides each kprobe's
  // attach type (one multi-kprobe link or one link per function), sets each kfunc's target and
  // writes its argument positions into `rodata`. Missing functions fail (returns false, message
  // in `error`) or, with the manifest's missing_probes_warn, are skipped with a warning.
  bool prepare(const Manifest& m, bpf_object* obj, uint8_t* rodata, const char* tool,
               std::string& error);
  // -v: say how each kprobe wildcard is attached.
  void set_verbose(bool verbose) { verbose_ = verbose; }
  // The probes that will be attached, counting each function a wildcard matched.
  size_t planned() const { return planned_; }
  // Attaches every probe except BEGIN/END. Missing tracepoints are skipped with a warning; it
  // fails (returns false, message in `error`) when nothing at all could be attached or any
  // other probe fails.
  bool attach_all(const Manifest& m, bpf_object* obj, const char* tool, std::string& error);
  void detach();
  size_t count() const { return links_.size(); }
  // The iterators to read after BEGIN: the probe and the fd of its stream.
  const std::vector<std::pair<const ProbeSpec*, int>>& iterators() const { return iters_; }

private:
  struct Plan {
    std::vector<std::string> functions; // kprobe: the functions to attach to
    bool multi = false;                 // one multi-kprobe link for all of them
    bool skip = false;                  // missing here, skipped with a warning
    // uprobe: the file and, per matched function, its file offset and name; usdt: the file and
    // each matched probe's "provider:name"
    std::string path;
    std::vector<std::pair<uint64_t, std::string>> sites;
  };

  bool attach_one(const ProbeSpec& p, const Plan& plan, bpf_program* prog, const char* tool,
                  std::string& error);
  bool attach_perf(const ProbeSpec& p, bpf_program* prog, std::string& error);
  bool attach_kprobe(const ProbeSpec& p, const Plan& plan, bpf_program* prog, const char* tool,
                     std::string& error);
  // uprobe/uretprobe (attach_user.cpp): the file and the functions of this host.
  bool prepare_uprobe(const Manifest& m, const ProbeSpec& p, Plan& plan, const char* tool,
                      std::string& error);
  bool attach_uprobe(const ProbeSpec& p, const Plan& plan, bpf_program* prog, std::string& error);
  bool attach_usdt(const ProbeSpec& p, const Plan& plan, bpf_program* prog, std::string& error);
  // A kernel function or iterator missing here: an error, or a warning and the probe skipped.
  bool missing(const Manifest& m, const ProbeSpec& p, Plan& plan, const std::string& why,
               const char* tool, std::string& error);

  std::vector<bpf_link*> links_;
  std::vector<Plan> plans_; // per manifest probe, from prepare()
  std::vector<std::pair<const ProbeSpec*, int>> iters_;
  std::vector<std::pair<uint64_t, std::string>> func_names_; // for BTC_FUNC_MAP
  size_t planned_ = 0;
  bool verbose_ = false;
};

// Mounts tracefs at /sys/kernel/tracing when no tracefs is there; false with a message when
// that fails.
bool ensure_tracefs(std::string& error);

} // namespace btc::rt
