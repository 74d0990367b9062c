#include "kfunc_allowed.h"

#include "kernel_btf.h"
#include "pieces.h"

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <cerrno>
#include <cstring>
#include <linux/bpf.h>
#include <unistd.h>
#include <vector>

namespace btc::rt {
namespace {

// The BTF id of function `name` in the kernel's BTF, 0 when there is none.
uint32_t kernel_func_id(const BtfView& btf, const char* name) {
  for (uint32_t id = 1; id < btf.count(); ++id) {
    const btf_type* t = btf.type(id);
    if (btf_is_func(t) && std::strcmp(btf.name_of(t), name) == 0) return id;
  }
  return 0;
}

bool contains(const std::string& log, const std::string& what) {
  return log.find(what) != std::string::npos;
}

} // namespace

std::string kfunc_since(const std::string& name) {
  if (name == "bpf_task_from_pid") return " (Linux 6.2+)";
  return "";
}

bool kernel_kfunc_allowed(const std::string& name, const std::string& section, bool& allowed,
                          std::string& error) {
  allowed = false;
  bool exists = false;
  if (!kernel_has_kfunc(name, exists, error)) return false;
  if (!exists) return true;
  const BtfView* btf = kernel_btf(error);
  if (!btf) return false;
  const uint32_t kfunc = kernel_func_id(*btf, name.c_str());

  bpf_prog_type type = BPF_PROG_TYPE_UNSPEC;
  bpf_attach_type attach = static_cast<bpf_attach_type>(0);
  if (libbpf_prog_type_by_name(section.c_str(), &type, &attach) != 0) {
    error = "no BPF program type for section " + section;
    return false;
  }
  LIBBPF_OPTS(bpf_prog_load_opts, opts);
  if (type == BPF_PROG_TYPE_TRACING) {
    // A tracing program must name what it attaches to: a task iterator, which every kernel
    // with kfuncs has and which needs no trampoline.
    opts.expected_attach_type = BPF_TRACE_ITER;
    opts.attach_btf_id = kernel_func_id(*btf, "bpf_iter_task");
  } else {
    opts.expected_attach_type = attach;
  }
  std::vector<char> log(64 * 1024);
  opts.log_buf = log.data();
  opts.log_size = static_cast<uint32_t>(log.size());
  opts.log_level = 1;
  const bpf_insn insns[] = {
      // r1 = 0; call the kfunc; r0 = 0; exit
      {BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_1, 0, 0, 0},
      {BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, static_cast<int32_t>(kfunc)},
      {BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0},
      {BPF_JMP | BPF_EXIT, 0, 0, 0, 0},
  };
  int fd =
      bpf_prog_load(type, "btc_kfunc_test", "GPL", insns, sizeof insns / sizeof insns[0], &opts);
  if (fd >= 0) {
    close(fd);
    allowed = true;
    return true;
  }
  const int load_errno = errno;
  std::string text(log.data(), strnlen(log.data(), log.size()));
  if (text.empty()) {
    error = std::string("cannot test-load a ") + section + " program (" +
            std::strerror(load_errno) + ")";
    return false;
  }
  allowed = !contains(text, "calling kernel function") &&
            !contains(text, "cannot call kernel function") &&
            !contains(text, "kernel function calls") && !contains(text, "BPF_CALL uses reserved");
  return true;
}

void install_kfunc_test() {
  static const PieceApi<Piece::KfuncTest> api = {.allowed = kernel_kfunc_allowed,
                                                 .since = kfunc_since};
  install_piece(api);
}

} // namespace btc::rt
