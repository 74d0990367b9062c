// Dump named kernel types (with all dependencies) from vmlinux BTF as C, via libbpf btf_dump.
// usage: dumptypes [--btf FILE] struct:NAME ... > out.h
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
static void out(void *ctx, const char *fmt, va_list ap) { vfprintf(stdout, fmt, ap); }
int main(int argc, char **argv) {
  int i = 1; struct btf *b;
  if (argc > 2 && !strcmp(argv[1], "--btf")) { b = btf__parse(argv[2], NULL); i = 3; }
  else b = btf__load_vmlinux_btf();
  if (!b) { perror("btf"); return 1; }
  struct btf_dump *d = btf_dump__new(b, out, NULL, NULL);
  printf("#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n");
  for (; i < argc; i++) {
    char *n = argv[i]; int kind = BTF_KIND_STRUCT;
    if (!strncmp(n, "struct:", 7)) n += 7;
    else if (!strncmp(n, "union:", 6)) { n += 6; kind = BTF_KIND_UNION; }
    else if (!strncmp(n, "typedef:", 8)) { n += 8; kind = BTF_KIND_TYPEDEF; }
    int id = btf__find_by_name_kind(b, n, kind);
    if (id < 0) { fprintf(stderr, "no type %s\n", n); return 1; }
    if (btf_dump__dump_type(d, id)) { fprintf(stderr, "dump %s failed\n", n); return 1; }
  }
  printf("#pragma clang attribute pop\n");
  return 0;
}
