// How fast can a tool find its few types in the kernel's BTF without libbpf's full parse?
// One read, one walk over the type section (sizes by kind), names compared only for
// STRUCT/UNION/TYPEDEF: the base of a runtime "mini BTF" for btf_custom_path.
#include <linux/btf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
static double now() { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
int main(int argc, char **argv) {
  double t0 = now();
  int fd = open("/sys/kernel/btf/vmlinux", O_RDONLY);
  size_t cap = 16 << 20, len = 0; char *buf = malloc(cap); ssize_t n;
  while ((n = read(fd, buf + len, cap - len)) > 0) len += n;
  double t1 = now();
  struct btf_header *h = (void *)buf;
  char *types = buf + h->hdr_len + h->type_off, *end = types + h->type_len;
  const char *strs = buf + h->hdr_len + h->str_off;
  unsigned id = 1, found = 0;
  for (char *p = types; p < end; id++) {
    struct btf_type *t = (void *)p; unsigned kind = BTF_INFO_KIND(t->info), vlen = BTF_INFO_VLEN(t->info);
    p += sizeof *t;
    switch (kind) {
    case BTF_KIND_INT: p += 4; break;
    case BTF_KIND_ARRAY: p += sizeof(struct btf_array); break;
    case BTF_KIND_STRUCT: case BTF_KIND_UNION: p += vlen * sizeof(struct btf_member); break;
    case BTF_KIND_ENUM: p += vlen * sizeof(struct btf_enum); break;
    case BTF_KIND_ENUM64: p += vlen * 12; break;
    case BTF_KIND_FUNC_PROTO: p += vlen * sizeof(struct btf_param); break;
    case BTF_KIND_VAR: p += 4; break;
    case BTF_KIND_DATASEC: p += vlen * sizeof(struct btf_var_secinfo); break;
    case BTF_KIND_DECL_TAG: p += 4; break;
    default: break;
    }
    if (kind == BTF_KIND_STRUCT || kind == BTF_KIND_UNION || kind == BTF_KIND_TYPEDEF)
      for (int i = 1; i < argc; i++)
        if (!strcmp(strs + t->name_off, argv[i])) { printf("  %s = [%u]\n", argv[i], id); found++; }
  }
  double t2 = now();
  struct rusage ru; getrusage(RUSAGE_SELF, &ru);
  printf("read %.1f ms, scan %u types %.1f ms, found %u, maxrss %ld KB\n", t1 - t0, id - 1, t2 - t1, found, ru.ru_maxrss);
}
