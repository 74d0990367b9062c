/* ldcache NAME...: resolve a library name the way a uprobe spec needs it ("libc", "c", "libssl",
 * "libssl.so.3", a path) from /etc/ld.so.cache (glibc "glibc-ld.so.cache1.1" format, the only
 * one Debian 12 writes), for this machine's ABI (x86-64 libc6: flags 0x0303). Prints every
 * match in cache order (glibc's order: the first is what the dynamic linker would pick). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct hdr { char magic[17]; char version[3]; uint32_t nlibs, len_strings; uint8_t flags, pad[3]; uint32_t ext_off, unused[3]; };
struct ent { int32_t flags; uint32_t key, value, osversion; uint64_t hwcap; };

int main(int argc, char **argv) {
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int fd = open("/etc/ld.so.cache", O_RDONLY);
  struct stat st; fstat(fd, &st);
  const char *m = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  const struct hdr *h = (const void *)m;
  if (memcmp(h->magic, "glibc-ld.so.cache", 17) || memcmp(h->version, "1.1", 3)) { puts("unknown format"); return 1; }
  const struct ent *e = (const void *)(h + 1);
  if ((const char *)(e + h->nlibs) > m + st.st_size) { puts("truncated"); return 1; }
  for (int a = 1; a < argc; a++) {
    const char *q = argv[a];
    char pre[256];
    /* "c" and "libc" both mean libc.so*; "libssl.so.3" is exact; bcc/bpftrace: "lib" + name + ".so" prefix */
    if (!strncmp(q, "lib", 3)) snprintf(pre, sizeof pre, "%s", q); else snprintf(pre, sizeof pre, "lib%s", q);
    int exact = strstr(pre, ".so") != NULL;
    if (!exact) strncat(pre, ".so", sizeof pre - strlen(pre) - 1);
    int n = 0;
    for (uint32_t i = 0; i < h->nlibs; i++) {
      if ((e[i].flags & 0xffff) != 0x0303) continue;          /* FLAG_ELF_LIBC6 | FLAG_X8664_LIB64 */
      if (e[i].key >= st.st_size || e[i].value >= st.st_size) continue;
      const char *soname = m + e[i].key, *path = m + e[i].value;
      size_t pl = strlen(pre);
      if (exact ? strcmp(soname, pre) : (strncmp(soname, pre, pl) || (soname[pl] && soname[pl] != '.')))
        continue;
      printf("%-14s -> %-28s %s\n", q, soname, path);
      n++;
    }
    if (!n) printf("%-14s -> not in ld.so.cache\n", q);
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  fprintf(stderr, "%u entries, %.3f ms\n", h->nlibs, (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
  return 0;
}
