#include "kernel_btf.h"

#include <bpf/btf.h>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <linux/btf.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace btc::rt {

namespace {

struct Loaded {
  bool done = false;
  std::string error;
  BtfView view;
};

std::string open_error(int err) {
  return std::string(kKernelBtfPath) + ": " + std::strerror(err);
}

// The whole file: its pages mapped when the kernel offers that, else read into anonymous
// memory faulted in up front (half the cost of faulting page by page while reading). Never
// unmapped: the view lives as long as the process.
const void* read_all(int fd, size_t& size, std::string& error) {
  struct stat st;
  if (fstat(fd, &st) != 0) {
    error = open_error(errno);
    return nullptr;
  }
  size = static_cast<size_t>(st.st_size);
  if (size == 0) {
    error = std::string(kKernelBtfPath) + " is empty";
    return nullptr;
  }
  void* mapped = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (mapped != MAP_FAILED) return mapped;
  void* buf = mmap(nullptr, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  if (buf == MAP_FAILED) {
    error = std::string("cannot allocate memory for ") + kKernelBtfPath;
    return nullptr;
  }
  size_t got = 0;
  while (got < size) {
    ssize_t n = read(fd, static_cast<char*>(buf) + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = open_error(errno);
      munmap(buf, size);
      return nullptr;
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  size = got;
  return buf;
}

} // namespace

const BtfView* kernel_btf(std::string& error) {
  static Loaded loaded;
  if (!loaded.done) {
    loaded.done = true;
    int fd = open(kKernelBtfPath, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      loaded.error = open_error(errno);
    } else {
      size_t size = 0;
      std::string why;
      const void* data = read_all(fd, size, loaded.error);
      close(fd);
      if (data && !loaded.view.init(data, size, why))
        loaded.error = std::string(kKernelBtfPath) + ": " + why;
    }
  }
  error = loaded.error;
  return loaded.error.empty() ? &loaded.view : nullptr;
}

bool kernel_btf_readable(std::string& error) {
  int fd = open(kKernelBtfPath, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = open_error(errno);
    return false;
  }
  btf_header h{};
  ssize_t n = read(fd, &h, sizeof h);
  int err = errno;
  close(fd);
  if (n < 0) {
    error = open_error(err);
    return false;
  }
  if (static_cast<size_t>(n) < sizeof h || h.magic != BTF_MAGIC) {
    error = std::string(kKernelBtfPath) + ": not BTF (bad magic)";
    return false;
  }
  return true;
}

bool kernel_has_kfunc(const std::string& name, bool& found, std::string& error) {
  const BtfView* btf = kernel_btf(error);
  if (!btf) return false;
  found = false;
  uint32_t func = 0;
  bool tags_kfuncs = false, tagged = false;
  for (uint32_t id = 1; id < btf->count(); ++id) {
    const btf_type* t = btf->type(id);
    if (btf_is_func(t) && func == 0 && name == btf->name_of(t)) func = id;
    if (btf_is_decl_tag(t) && std::strcmp(btf->name_of(t), "bpf_kfunc") == 0) {
      tags_kfuncs = true;
      tagged = tagged || (func != 0 && t->type == func);
    }
  }
  // A tag may come before its function in the BTF: look again once the function is known.
  if (func != 0 && tags_kfuncs && !tagged)
    for (uint32_t id = 1; id < btf->count() && !tagged; ++id) {
      const btf_type* t = btf->type(id);
      tagged =
          btf_is_decl_tag(t) && t->type == func && std::strcmp(btf->name_of(t), "bpf_kfunc") == 0;
    }
  found = func != 0 && (!tags_kfuncs || tagged);
  return true;
}

bool has_module_btf() {
  DIR* dir = opendir("/sys/kernel/btf");
  if (!dir) return false;
  bool found = false;
  while (dirent* e = readdir(dir)) {
    std::string name = e->d_name;
    if (name != "." && name != ".." && name != "vmlinux") {
      found = true;
      break;
    }
  }
  closedir(dir);
  return found;
}

} // namespace btc::rt
