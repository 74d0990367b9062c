/* Research prototype for btc issue 7 (user-space probes with static libbpf 1.1).
 * Build and run: see README.md. Modes:
 *   uproto names                      what libbpf 1.1 resolves itself (func_name, paths, lib names)
 *   uproto wild BIN GLOB [single|multi] attach time of a symbol wildcard: one link per symbol
 *                                     vs one raw BPF_TRACE_UPROBE_MULTI link (kernel 6.6+)
 *   uproto usdt BIN PROV NAME [-c CMD ARGS... | -p PID]
 *                                     libbpf's USDT attach (arguments, semaphores, shared libs)
 *   uproto bstack BIN FUNC -c CMD ARGS...
 *                                     one user stack as IPs and as build-id + file offset
 *                                     (BPF_F_STACK_BUILD_ID), read after the process exited
 *   uproto hold BIN FUNC -c CMD ARGS...
 *                                     -c flow: fork, hold before exec, attach with the child's
 *                                     pid, release, notice exit with a pidfd */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <gelf.h>
#include <libelf.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "uproto.skel.h"

static double now_ms(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
static int quiet_print(enum libbpf_print_level l, const char *f, va_list a) {
  if (getenv("V") || l == LIBBPF_WARN) return vfprintf(stderr, f, a);
  return 0;
}

/* ---- ELF: function symbols -> file offsets (what the runtime must do for wildcards) ---- */
struct sym { char *name; unsigned long off; };
static int elf_funcs(const char *path, const char *glob, struct sym **out) {
  int fd = open(path, O_RDONLY | O_CLOEXEC), n = 0, cap = 0;
  if (fd < 0) return -errno;
  elf_version(EV_CURRENT);
  Elf *e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
  size_t nph; elf_getphdrnum(e, &nph);
  for (int pass = 0; pass < 2; pass++) {           /* .symtab first, then .dynsym */
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(e, scn))) {
      GElf_Shdr sh; gelf_getshdr(scn, &sh);
      if (sh.sh_type != (pass == 0 ? SHT_SYMTAB : SHT_DYNSYM)) continue;
      Elf_Data *d = elf_getdata(scn, NULL);
      for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
        GElf_Sym s; gelf_getsym(d, i, &s);
        int t = GELF_ST_TYPE(s.st_info);
        if ((t != STT_FUNC && t != STT_GNU_IFUNC) || s.st_value == 0 || s.st_shndx == SHN_UNDEF) continue;
        const char *nm = elf_strptr(e, sh.sh_link, s.st_name);
        if (!nm || fnmatch(glob, nm, 0)) continue;
        int dup = 0;
        for (int k = 0; k < n; k++) if (!strcmp((*out)[k].name, nm)) dup = 1;
        if (dup) continue;
        unsigned long off = 0;                      /* vaddr -> file offset via PT_LOAD */
        for (size_t p = 0; p < nph; p++) {
          GElf_Phdr ph; gelf_getphdr(e, p, &ph);
          if (ph.p_type == PT_LOAD && (ph.p_flags & PF_X) && s.st_value >= ph.p_vaddr &&
              s.st_value < ph.p_vaddr + ph.p_memsz)
            off = s.st_value - ph.p_vaddr + ph.p_offset;
        }
        if (n == cap) *out = realloc(*out, (cap = cap ? 2 * cap : 64) * sizeof **out);
        (*out)[n++] = (struct sym){strdup(nm), off};
      }
    }
    if (n) break;                                   /* symtab had them: done */
  }
  elf_end(e); close(fd);
  return n;
}

/* ---- -c: fork, hold the child before exec, release after attach ---- */
struct child { pid_t pid; int go_fd; int err_fd; };
static int spawn_held(char **argv, struct child *c) {
  int go[2], err[2];
  if (pipe2(go, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) return -errno;
  c->pid = fork();
  if (c->pid < 0) return -errno;
  if (c->pid == 0) {
    char b;
    close(go[1]); close(err[0]);
    if (read(go[0], &b, 1) != 1) _exit(127);       /* tool died before release: never exec */
    execvp(argv[0], argv);
    int e = errno; (void)!write(err[1], &e, sizeof e); _exit(127);
  }
  close(go[0]); close(err[1]);
  c->go_fd = go[1]; c->err_fd = err[0];
  return 0;
}
static int release(struct child *c) {              /* returns 0 or the child's exec errno */
  int e = 0;
  (void)!write(c->go_fd, "g", 1); close(c->go_fd);
  if (read(c->err_fd, &e, sizeof e) != sizeof e) e = 0;  /* EOF = exec succeeded (CLOEXEC) */
  close(c->err_fd);
  return e;
}
static int wait_exit(pid_t pid, int timeout_ms) {  /* pidfd: poll until the process ends */
  int pfd = syscall(SYS_pidfd_open, pid, 0);
  struct pollfd p = {.fd = pfd, .events = POLLIN};
  int r = poll(&p, 1, timeout_ms);
  int st = 0; waitpid(pid, &st, 0); close(pfd);
  return r == 1 ? st : -1;
}

static void dump_hits(struct uproto *s, const char *what) {
  int fd = bpf_map__fd(s->maps.hits);
  printf("  hits %s:", what);
  for (__u32 k = 0; k < 256; k++) { __u64 v = 0; bpf_map_lookup_elem(fd, &k, &v); if (v) printf(" [%u]=%llu", k, (unsigned long long)v); }
  printf("\n");
}
static long long last(struct uproto *s, __u32 k) { long long v = 0; bpf_map_lookup_elem(bpf_map__fd(s->maps.last), &k, &v); return v; }

/* ---- names ---- */
static void mode_names(void) {
  struct uproto *s = uproto__open_and_load();
  if (!s) { perror("load"); exit(1); }
  struct { const char *bin, *fn; size_t off; } cases[] = {
    {"targets/ut", "ut_work", 0}, {"targets/ut", "ut_static_fn", 0}, {"targets/ut", "ut_work", 4},
    {"targets/ut-stripped", "ut_work", 0}, {"targets/ut-stripped", "main", 0},
    {"targets/ut", "lib_add", 0}, {"targets/libut.so", "lib_add", 0}, {"libut.so", "lib_add", 0},
    {"/lib/x86_64-linux-gnu/libc.so.6", "malloc", 0}, {"libc.so.6", "malloc", 0}, {"libc", "malloc", 0},
    {"/lib/x86_64-linux-gnu/libc.so.6", "memcpy", 0}, {"/lib/x86_64-linux-gnu/libc.so.6", "malloc@GLIBC_2.2.5", 0},
    {"/usr/bin/bash", "readline", 0}, {"bash", "readline", 0},
    {"targets/utcpp", "_ZN2ns5Klass6methodEi", 0}, {"targets/utcpp", "ns::Klass::method", 0},
    {"targets/ut", "no_such_fn", 0}, {"/no/such/bin", "malloc", 0},
    {"/usr/lib/x86_64-linux-gnu/libssl.so.3", "SSL_read", 0}, {"libssl.so.3", "SSL_read", 0},
  };
  for (unsigned i = 0; i < sizeof cases / sizeof *cases; i++) {
    LIBBPF_OPTS(bpf_uprobe_opts, o, .func_name = cases[i].fn, .bpf_cookie = i);
    double t0 = now_ms();
    struct bpf_link *l = bpf_program__attach_uprobe_opts(s->progs.up, -1, cases[i].bin, cases[i].off, &o);
    int e = l ? 0 : errno;
    printf("%-2u %-36s %-26s +%zu: %s (%.2f ms)\n", i, cases[i].bin, cases[i].fn, cases[i].off,
           l ? "ok" : strerror(e), now_ms() - t0);
  }
  /* by offset, resolved by us */
  struct sym *sy = NULL;
  int n = elf_funcs("targets/ut", "ut_leaf", &sy);
  if (n == 1) {
    struct bpf_link *l = bpf_program__attach_uprobe(s->progs.up, false, -1, "targets/ut", sy[0].off);
    printf("by offset ut_leaf @0x%lx: %s\n", sy[0].off, l ? "ok" : strerror(errno));
    LIBBPF_OPTS(bpf_uprobe_opts, ro, .retprobe = true, .bpf_cookie = 99);
    l = bpf_program__attach_uprobe_opts(s->progs.urp, -1, "targets/ut", sy[0].off, &ro);
    printf("uretprobe by offset: %s\n", l ? "ok" : strerror(errno));
  }
  system("targets/ut 3 1 >/dev/null");
  dump_hits(s, "after targets/ut 3 1");
  printf("  last arg0 %lld, last retval %lld\n", last(s, 0), last(s, 1));
}

/* ---- wild: single links vs uprobe_multi ---- */
struct slice { struct bpf_link **l; int from, to; };
static void *destroy_slice(void *p) {
  struct slice *s = p;
  for (int i = s->from; i < s->to; i++) if (s->l[i]) bpf_link__destroy(s->l[i]);
  return NULL;
}
#ifndef BPF_TRACE_UPROBE_MULTI
#define BPF_TRACE_UPROBE_MULTI 48
#endif
struct link_create_uprobe_multi {      /* union bpf_attr, link_create, uprobe_multi (6.6+) */
  __u32 prog_fd, target_fd, attach_type, flags;
  __u64 path, offsets, ref_ctr_offsets, cookies;
  __u32 cnt, um_flags, pid;
  __u8 pad[128];
};
static void mode_wild(const char *bin, const char *glob, const char *how) {
  struct sym *sy = NULL;
  double t0 = now_ms();
  int n = elf_funcs(bin, glob, &sy);
  printf("resolved %d symbols matching %s in %s: %.2f ms\n", n, glob, bin, now_ms() - t0);
  if (n <= 0) exit(1);
  struct uproto *s = uproto__open();
  if (!strcmp(how, "multi")) bpf_program__set_expected_attach_type(s->progs.upm, BPF_TRACE_UPROBE_MULTI);
  t0 = now_ms();
  if (uproto__load(s)) { perror("load"); exit(1); }
  printf("load: %.2f ms\n", now_ms() - t0);
  struct bpf_link **links = calloc(n, sizeof *links);
  int mfd = -1;
  t0 = now_ms();
  if (!strcmp(how, "single")) {
    for (int i = 0; i < n; i++) {
      LIBBPF_OPTS(bpf_uprobe_opts, o, .bpf_cookie = i);
      links[i] = bpf_program__attach_uprobe_opts(s->progs.up, -1, bin, sy[i].off, &o);
      if (!links[i]) { printf("attach %s: %s\n", sy[i].name, strerror(errno)); exit(1); }
    }
  } else {
    unsigned long *offs = calloc(n, sizeof *offs); __u64 *ck = calloc(n, sizeof *ck);
    for (int i = 0; i < n; i++) { offs[i] = sy[i].off; ck[i] = i; }
    struct link_create_uprobe_multi a; memset(&a, 0, sizeof a);
    a.prog_fd = bpf_program__fd(s->progs.upm); a.attach_type = BPF_TRACE_UPROBE_MULTI;
    a.path = (unsigned long)bin; a.offsets = (unsigned long)offs; a.cookies = (unsigned long)ck; a.cnt = n;
    mfd = syscall(SYS_bpf, BPF_LINK_CREATE, &a, sizeof a);
    if (mfd < 0) { printf("uprobe_multi link_create: %s\n", strerror(errno)); exit(1); }
  }
  printf("attach %d (%s): %.2f ms\n", n, how, now_ms() - t0);
  system("targets/ut 2 1 >/dev/null");
  int fd = bpf_map__fd(s->maps.hits), fired = 0;
  for (__u32 k = 0; k < (unsigned)n && k < 256; k++) { __u64 v = 0; bpf_map_lookup_elem(fd, &k, &v); fired += v > 0; }
  printf("symbols that fired during 'ut 2 1': %d of %d\n", fired, n);
  t0 = now_ms();
  if (mfd >= 0) close(mfd);
  int nt = getenv("THREADS") ? atoi(getenv("THREADS")) : 1; if (nt < 1) nt = 1; if (nt > 64) nt = 64;   /* THREADS=k: detach in k threads */
  pthread_t th[64]; struct slice sl[64];
  for (int t = 0; t < nt; t++) {
    sl[t] = (struct slice){links, n * t / nt, n * (t + 1) / nt};
    pthread_create(&th[t], NULL, destroy_slice, &sl[t]);
  }
  for (int t = 0; t < nt; t++) pthread_join(th[t], NULL);
  printf("detach (%d threads): %.2f ms\n", nt, now_ms() - t0);
}

/* ---- usdt ---- */
static void mode_usdt(int argc, char **argv) {
  const char *bin = argv[2], *prov = argv[3], *name = argv[4];
  pid_t pid = -1; struct child c = {0}; int held = 0;
  struct uproto *s = uproto__open();
  if (argc > 6 && !strcmp(argv[5], "-p")) { pid = atoi(argv[6]); bpf_program__set_autoload(s->progs.upm, false); }
  if (argc > 6 && !strcmp(argv[5], "-c")) {
    if (spawn_held(argv + 6, &c)) { perror("fork"); exit(1); }
    pid = c.pid; held = 1;
  }
  if (uproto__load(s)) { perror("load"); exit(1); }
  LIBBPF_OPTS(bpf_usdt_opts, uo, .usdt_cookie = 1);
  double t0 = now_ms();
  struct bpf_link *l = bpf_program__attach_usdt(s->progs.ud, pid, bin, prov, name, &uo);
  printf("attach_usdt(pid %d, %s, %s:%s): %s (%.2f ms)\n", pid, bin, prov, name, l ? "ok" : strerror(errno), now_ms() - t0);
  if (held) {
    int e = release(&c);
    if (e) { printf("cannot run %s: %s\n", argv[6], strerror(e)); exit(1); }
    int st = wait_exit(c.pid, 20000);
    printf("child %d exited, status %d\n", c.pid, WEXITSTATUS(st));
  } else if (pid > 0) {
    wait_exit(pid, 3000);     /* not our child: waitpid fails, poll times out or sees exit */
  } else {
    sleep(2);
  }
  dump_hits(s, "usdt");
  printf("  last args: arg0=%lld arg1=%lld argc=%lld pid=%lld\n", last(s, 2), last(s, 3), last(s, 4), last(s, 5));
}

/* ---- hold: -c with a uprobe bound to the child's pid ---- */
static void mode_hold(int argc, char **argv) {
  struct child c;
  if (argc < 6 || spawn_held(argv + 5, &c)) { fprintf(stderr, "usage\n"); exit(1); }
  struct uproto *s = uproto__open_and_load();
  LIBBPF_OPTS(bpf_uprobe_opts, o, .func_name = argv[3], .bpf_cookie = 1);
  struct bpf_link *l = bpf_program__attach_uprobe_opts(s->progs.up, c.pid, argv[2], getenv("OFF") ? strtoul(getenv("OFF"), 0, 0) : 0, &o); /* OFF=n: func+n */
  printf("attach %s:%s pid %d: %s\n", argv[2], argv[3], c.pid, l ? "ok" : strerror(errno));
  /* a second, unfiltered copy of the same target runs concurrently: its calls must not count */
  if (fork() == 0) { execl(argv[5], argv[5], "3", "1", (char *)NULL); _exit(1); }
  double t0 = now_ms();
  int e = release(&c);
  if (e) { printf("cannot run %s: %s\n", argv[5], strerror(e)); exit(1); }
  printf("released after %.3f ms (exec confirmed)\n", now_ms() - t0);
  int st = wait_exit(c.pid, 30000);
  printf("child exited (status %d) after %.1f ms\n", WEXITSTATUS(st), now_ms() - t0);
  dump_hits(s, "pid-bound uprobe");
  wait(NULL);
}

/* ---- bstack: ustack as IPs and as build-id + offset, read after the child exited ---- */
static void mode_bstack(int argc, char **argv) {
  struct child c;
  if (argc < 6 || spawn_held(argv + 5, &c)) { fprintf(stderr, "usage\n"); exit(1); }
  struct uproto *s = uproto__open_and_load();
  if (!s) { perror("load"); exit(1); }
  LIBBPF_OPTS(bpf_uprobe_opts, o, .func_name = argv[3]);
  struct bpf_link *l = bpf_program__attach_uprobe_opts(s->progs.ust, c.pid, argv[2], 0, &o);
  printf("attach %s:%s: %s\n", argv[2], argv[3], l ? "ok" : strerror(errno));
  if (release(&c)) exit(1);
  wait_exit(c.pid, 30000);
  long long ipid = last(s, 6), bid = last(s, 7);
  printf("child exited; stackid ip=%lld buildid=%lld\n", ipid, bid);
  __u64 ips[32] = {0}; struct bpf_stack_build_id b[32]; memset(b, 0, sizeof b);
  __u32 k = ipid; bpf_map_lookup_elem(bpf_map__fd(s->maps.ipstacks), &k, ips);
  k = bid; bpf_map_lookup_elem(bpf_map__fd(s->maps.bidstacks), &k, b);
  for (int i = 0; i < 32 && ips[i]; i++) {
    printf("  %2d ip %llx  status %d build-id ", i, (unsigned long long)ips[i], b[i].status);
    for (int j = 0; j < 20; j++) printf("%02x", b[i].build_id[j]);
    printf(" file-offset 0x%llx\n", (unsigned long long)b[i].offset);
  }
}

int main(int argc, char **argv) {
  libbpf_set_print(quiet_print);
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc > 1 && !strcmp(argv[1], "names")) mode_names();
  else if (argc > 3 && !strcmp(argv[1], "wild")) mode_wild(argv[2], argv[3], argc > 4 ? argv[4] : "single");
  else if (argc > 4 && !strcmp(argv[1], "usdt")) mode_usdt(argc, argv);
  else if (argc > 3 && !strcmp(argv[1], "hold")) mode_hold(argc, argv);
  else if (argc > 3 && !strcmp(argv[1], "bstack")) mode_bstack(argc, argv);
  else { fprintf(stderr, "see the comment at the top of uproto.c\n"); return 2; }
  return 0;
}
