// Fetch vmlinux BTF with one bpf() call (BTF object id 1) or mmap, vs read() of sysfs.
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
static double now() { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
int main() {
  double t0 = now();
  int fd = bpf_btf_get_fd_by_id(1);
  struct bpf_btf_info info = {}; unsigned len = sizeof info;
  void *buf = malloc(16 << 20); info.btf = (unsigned long)buf; info.btf_size = 16 << 20;
  int err = bpf_obj_get_info_by_fd(fd, &info, &len);
  double t1 = now();
  printf("bpf(BTF_GET_INFO) err %d size %u: %.1f ms\n", err, info.btf_size, t1 - t0);
  int f = open("/sys/kernel/btf/vmlinux", O_RDONLY); struct stat st; fstat(f, &st);
  double t2 = now(); void *m = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, f, 0); volatile char c = 0;
  if (m != MAP_FAILED) for (long i = 0; i < st.st_size; i += 4096) c += ((char *)m)[i];
  printf("mmap sysfs: %s %.1f ms\n", m == MAP_FAILED ? "refused" : "ok", now() - t2);
  double t3 = now(); struct btf *b = btf__new(buf, info.btf_size); printf("btf__new on fetched bytes: %.1f ms (%p)\n", now() - t3, (void *)b);
}
