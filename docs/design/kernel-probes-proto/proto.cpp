// Prototype runtime for kernel probes (static, libbpf 1.1). Modes:
//   errors            host error paths: kprobe w/o CONFIG_KPROBES, fentry EPERM, missing function
//   kprobe FN [OFF]   one kprobe (+offset) and kretprobe on FN, kernel stack symbolized
//   bench N PATTERN   N kprobes one link each vs one kprobe.multi link (syms list, then pattern)
//   fentry FN         fentry/fexit on FN chosen at start; load cost of 0 vs 50 fentry programs
//   iter              iter:task, iter:task_file, iter:task_vma via bpf_iter_create + read()
//   ksyms             /proc/kallsyms parse cost and lookup structure
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "proto.skel.h"

static double now_ms() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static std::string last_libbpf_msg;
static int quiet_print(enum libbpf_print_level level, const char* fmt, va_list ap) {
  char buf[1024];
  vsnprintf(buf, sizeof buf, fmt, ap);
  if (level != LIBBPF_DEBUG) last_libbpf_msg = buf;  // keep, never print: the tool reports one line
  if (getenv("PROTO_VERBOSE")) fputs(buf, stderr);
  return 0;
}

// ---------- kernel symbols: loaded once, only when a stack is printed ----------
struct KSym {
  uint64_t addr;
  uint32_t name;  // offset into names
};
struct KSyms {
  std::vector<KSym> syms;
  std::string names;
  bool load() {
    // One read() loop into a buffer, then parse in place: /proc/kallsyms is ~5 MB, 120k lines.
    int fd = open("/proc/kallsyms", O_RDONLY);
    if (fd < 0) return false;
    std::string text;
    text.resize(8 << 20);
    size_t len = 0;
    for (;;) {
      if (len == text.size()) text.resize(text.size() * 2);
      ssize_t n = read(fd, &text[len], text.size() - len);
      if (n <= 0) break;
      len += n;
    }
    close(fd);
    text.resize(len);
    syms.reserve(len / 40);
    names.reserve(len / 2);
    const char* p = text.data();
    const char* end = p + len;
    while (p < end) {
      const char* nl = (const char*)memchr(p, '\n', end - p);
      if (!nl) nl = end;
      char* after;
      uint64_t a = strtoull(p, &after, 16);
      if (a != 0 && after + 3 < nl) {  // zeros: kptr_restrict or no CAP_SYSLOG
        char type = after[1];
        if (!strchr("bBdDrR", type)) {  // bcc (bpftrace 0.17): every non-data symbol
          const char* name = after + 3;
          const char* ne = (const char*)memchr(name, '\t', nl - name);  // "\t[module]"
          if (!ne) ne = nl;
          syms.push_back({a, (uint32_t)names.size()});
          names.append(name, ne - name).push_back('\0');
        }
      }
      p = nl + 1;
    }
    // std::sort, not stable_sort: bcc sorts the same sequence with the same address-only
    // comparator, so equal addresses (aliases such as _text/_stext) come out in the same order
    // and the same alias is printed.
    std::sort(syms.begin(), syms.end(), [](const KSym& x, const KSym& y) { return x.addr < y.addr; });
    return !syms.empty();
  }
  // "name+off" as bpftrace prints it; nullptr when below the first symbol
  std::string resolve(uint64_t a) const {
    auto it = std::upper_bound(syms.begin(), syms.end(), a,
                               [](uint64_t v, const KSym& s) { return v < s.addr; });
    if (it == syms.begin()) {
      char b[32];
      snprintf(b, sizeof b, "0x%llx", (unsigned long long)a);
      return b;
    }
    --it;
    return std::string(&names[it->name]) + "+" + std::to_string(a - it->addr);
  }
};

static void print_stack(const KSyms& ks, const uint64_t* ips, int n) {
  for (int i = 0; i < n && ips[i]; ++i) printf("        %s\n", ks.resolve(ips[i]).c_str());
}

static void workload() {  // reads: hits vfs_read/ksys_read etc.
  if (const char* run = getenv("PROTO_RUN")) (void)!system(run);
  char buf[256];
  for (int i = 0; i < 20; ++i) {
    int fd = open("/proc/self/stat", O_RDONLY);
    if (fd >= 0) {
      (void)!read(fd, buf, sizeof buf);
      close(fd);
    }
    getppid();
  }
}

static void only(bpf_object* obj, std::set<std::string> keep) {
  bpf_program* p;
  bpf_object__for_each_program(p, obj) bpf_program__set_autoload(p, keep.count(bpf_program__name(p)) > 0);
}

static std::vector<std::string> attachable(const char* pattern, size_t n) {
  // available_filter_functions: "name" or "name [module]"; names may repeat (static functions)
  std::ifstream in("/sys/kernel/tracing/available_filter_functions");
  std::map<std::string, int> seen;
  std::vector<std::string> order;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find(" [") != std::string::npos) continue;
    if (fnmatch(pattern, line.c_str(), 0) != 0) continue;
    if (seen[line]++ == 0) order.push_back(line);
  }
  std::vector<std::string> out;
  for (auto& s : order)
    if (seen[s] == 1 && out.size() < n) out.push_back(s);
  return out;
}

static int errno_of(const void* p) { return p ? 0 : errno; }

// Feature probe as later libbpf does it: a kprobe.multi link on a symbol that does not exist
// fails with ESRCH where the kernel has multi-kprobes; EOPNOTSUPP (no CONFIG_FPROBE) or
// EINVAL (attach type unknown, < 5.18) where it has not.
static int probe_kprobe_multi() {
  struct bpf_insn insns[] = {
      {.code = 0xb7, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0},  // r0 = 0
      {.code = 0x95, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0},  // exit
  };
  LIBBPF_OPTS(bpf_prog_load_opts, po, .expected_attach_type = BPF_TRACE_KPROBE_MULTI);
  int pfd = bpf_prog_load(BPF_PROG_TYPE_KPROBE, nullptr, "GPL", insns, 2, &po);
  if (pfd < 0) return -errno;
  const char* syms[] = {"btc_no_such_function__"};
  LIBBPF_OPTS(bpf_link_create_opts, lo);
  lo.kprobe_multi.syms = syms;
  lo.kprobe_multi.cnt = 1;
  int lfd = bpf_link_create(pfd, 0, BPF_TRACE_KPROBE_MULTI, &lo);
  int err = lfd < 0 ? -errno : 0;
  if (lfd >= 0) close(lfd);
  close(pfd);
  return err;
}

static int mode_features() {
  double t0 = now_ms();
  int e = probe_kprobe_multi();
  double t1 = now_ms();
  printf("kprobe_multi probe: %d (%s) -> %s, %.2f ms\n", e, strerror(-e), e == -ESRCH ? "HAS kprobe.multi" : "no kprobe.multi", t1 - t0);
  printf("kprobe PMU: %s\n", access("/sys/bus/event_source/devices/kprobe/type", R_OK) == 0 ? "present" : "absent");
  // access(R_OK) says yes on this host, but open() fails with EPERM: open it for real.
  int fd = open("/sys/kernel/tracing/available_filter_functions", O_RDONLY);
  printf("available_filter_functions: %s\n", fd >= 0 ? "readable" : strerror(errno));
  if (fd >= 0) close(fd);
  return 0;
}

static int mode_errors() {
  proto* s = proto__open();
  only(s->obj, {"kp", "krp"});
  int err = proto__load(s);
  printf("load kprobe program: %s\n", err ? strerror(-err) : "ok");
  bpf_kprobe_opts ko = {.sz = sizeof ko};
  bpf_link* l = bpf_program__attach_kprobe_opts(s->progs.kp, "vfs_read", &ko);
  int e = errno_of(l);
  printf("attach kprobe:vfs_read: %s (errno %d, libbpf_get_error %ld) last libbpf msg: %s", l ? "ok" : strerror(e), e,
         l ? 0 : libbpf_get_error(l), last_libbpf_msg.c_str());
  l = bpf_program__attach_kprobe_opts(s->progs.kp, "no_such_function_xyz", &ko);
  e = errno_of(l);
  printf("attach kprobe:no_such_function_xyz: %s (errno %d) msg: %s", l ? "ok" : strerror(e), e, last_libbpf_msg.c_str());
  const char* syms[] = {"vfs_read"};
  bpf_kprobe_multi_opts mo = {.sz = sizeof mo, .syms = syms, .cnt = 1};
  proto__destroy(s);
  s = proto__open();
  only(s->obj, {"kpm"});
  err = proto__load(s);
  printf("load kprobe.multi program: %s\n", err ? strerror(-err) : "ok");
  l = bpf_program__attach_kprobe_multi_opts(s->progs.kpm, nullptr, &mo);
  e = errno_of(l);
  printf("attach kprobe.multi vfs_read: %s (errno %d) msg: %s", l ? "ok" : strerror(e), e, last_libbpf_msg.c_str());
  proto__destroy(s);

  s = proto__open();
  only(s->obj, {"fe"});
  err = bpf_program__set_attach_target(s->progs.fe, 0, "no_such_function_xyz");
  printf("set_attach_target(no_such_function_xyz): %d %s msg: %s", err, strerror(-err), last_libbpf_msg.c_str());
  err = bpf_program__set_attach_target(s->progs.fe, 0, "vfs_read");
  printf("set_attach_target(vfs_read): %d\n", err);
  err = proto__load(s);
  printf("load fentry:vfs_read: %d %s msg: %s", err, strerror(-err), last_libbpf_msg.c_str());
  proto__destroy(s);

  s = proto__open();
  only(s->obj, {"it_task"});
  err = proto__load(s);
  printf("load iter/task: %d %s\n", err, strerror(-err));
  proto__destroy(s);
  return 0;
}

static int mode_kprobe(const char* fn, long off) {
  proto* s = proto__open();
  only(s->obj, {"kp", "krp"});
  double t0 = now_ms();
  if (int err = proto__load(s)) {
    printf("load: %s\n", strerror(-err));
    return 1;
  }
  double t1 = now_ms();
  bpf_kprobe_opts ko = {.sz = sizeof ko, .offset = (size_t)off};
  bpf_link* l = bpf_program__attach_kprobe_opts(s->progs.kp, fn, &ko);
  if (!l) {
    int e = errno;
    printf("cannot attach kprobe:%s+%ld: %s (errno %d) msg: %s", fn, off, strerror(e), e, last_libbpf_msg.c_str());
    return 1;
  }
  bpf_kprobe_opts ro = {.sz = sizeof ro, .retprobe = true};
  bpf_link* r = bpf_program__attach_kprobe_opts(s->progs.krp, fn, &ro);
  if (!r) printf("cannot attach kretprobe:%s: %s\n", fn, strerror(errno));
  double t2 = now_ms();
  workload();
  int cfd = bpf_map__fd(s->maps.counts);
  uint64_t c0 = 0, c1 = 0;
  uint32_t k = 0;
  bpf_map_lookup_elem(cfd, &k, &c0);
  k = 1;
  bpf_map_lookup_elem(cfd, &k, &c1);
  printf("kprobe:%s+%ld load %.1f ms attach(2) %.1f ms: hits %llu, kretprobe hits %llu last retval %lld\n", fn, off,
         t1 - t0, t2 - t1, (unsigned long long)c0, (unsigned long long)c1, (long long)s->bss->last_ret);
  double t3 = now_ms();
  KSyms ks;
  bool ok = ks.load();
  double t4 = now_ms();
  printf("kallsyms: %s, %zu text symbols, %zu bytes of names, %.1f ms\n", ok ? "ok" : "unreadable", ks.syms.size(),
         ks.names.size(), t4 - t3);
  printf("func (kp_ip) = 0x%llx = %s\n", (unsigned long long)s->bss->kp_ip, ks.resolve(s->bss->kp_ip).c_str());
  printf("bpf_get_stack -> %ld bytes:\n", s->data->stack_len);
  if (s->data->stack_len > 0) print_stack(ks, (const uint64_t*)s->bss->stack_buf, s->data->stack_len / 8);
  printf("bpf_get_stackid -> %ld:\n", s->data->stackid);
  if (s->data->stackid >= 0) {
    uint64_t ips[127] = {};
    uint32_t id = s->data->stackid;
    if (bpf_map_lookup_elem(bpf_map__fd(s->maps.stacks), &id, ips) == 0) print_stack(ks, ips, 127);
  }
  bpf_link__destroy(l);
  if (r) bpf_link__destroy(r);
  proto__destroy(s);
  return 0;
}

static int mode_bench(size_t n, const char* pattern) {
  auto fns = attachable(pattern, n);
  printf("bench: %zu attachable unique functions matching %s (wanted %zu)\n", fns.size(), pattern, n);
  proto* s = proto__open();
  only(s->obj, {"kp", "kpm", "krpm"});
  if (int err = proto__load(s)) {
    printf("load: %s\n", strerror(-err));
    return 1;
  }
  std::vector<bpf_link*> links;
  double t0 = now_ms();
  size_t failed = 0;
  for (auto& f : fns) {
    bpf_kprobe_opts ko = {.sz = sizeof ko};
    bpf_link* l = bpf_program__attach_kprobe_opts(s->progs.kp, f.c_str(), &ko);
    if (l)
      links.push_back(l);
    else if (failed++ < 3)
      printf("  single %s: %s\n", f.c_str(), strerror(errno));
  }
  double t1 = now_ms();
  for (auto* l : links) bpf_link__destroy(l);
  double t2 = now_ms();
  printf("single: %zu links in %.1f ms (%.2f ms each), %zu failed; detach %.1f ms\n", links.size(), t1 - t0,
         (t1 - t0) / std::max<size_t>(1, links.size()), failed, t2 - t1);

  std::vector<const char*> syms;
  for (auto& f : fns) syms.push_back(f.c_str());
  bpf_kprobe_multi_opts mo = {.sz = sizeof mo, .syms = syms.data(), .cnt = syms.size()};
  t0 = now_ms();
  bpf_link* m = bpf_program__attach_kprobe_multi_opts(s->progs.kpm, nullptr, &mo);
  int e = errno;
  t1 = now_ms();
  if (m) bpf_link__destroy(m);
  t2 = now_ms();
  printf("multi(syms): %s in %.1f ms; detach %.1f ms%s%s", m ? "ok" : strerror(e), t1 - t0, t2 - t1,
         m ? "\n" : " msg: ", m ? "" : last_libbpf_msg.c_str());
  if (m) {
    std::vector<const char*> one = {"ksys_read"};
    bpf_kprobe_multi_opts o1 = {.sz = sizeof o1, .syms = one.data(), .cnt = 1};
    bpf_link* a = bpf_program__attach_kprobe_multi_opts(s->progs.kpm, nullptr, &o1);
    workload();
    KSyms ks;
    ks.load();
    printf("multi on ksys_read: bpf_get_func_ip = %s\n", ks.resolve(s->bss->last_ip).c_str());
    if (a) bpf_link__destroy(a);
  }
  {
    bpf_kprobe_multi_opts ro = {.sz = sizeof ro, .syms = syms.data(), .cnt = syms.size(), .retprobe = true};
    double r0 = now_ms();
    bpf_link* x = bpf_program__attach_kprobe_multi_opts(s->progs.krpm, nullptr, &ro);
    printf("kretprobe.multi(syms): %s in %.1f ms\n", x ? "ok" : strerror(errno), now_ms() - r0);
    if (x) bpf_link__destroy(x);
  }
  bpf_kprobe_multi_opts po = {.sz = sizeof po};
  t0 = now_ms();
  m = bpf_program__attach_kprobe_multi_opts(s->progs.kpm, pattern, &po);
  e = errno;
  t1 = now_ms();
  if (m) bpf_link__destroy(m);
  {
    bpf_kprobe_opts ko = {.sz = sizeof ko};
    bpf_link* x = bpf_program__attach_kprobe_opts(s->progs.kpm, fns.empty() ? "vfs_read" : fns[0].c_str(), &ko);
    printf("kprobe.multi-loaded program attached as a plain kprobe: %s\n", x ? "ok" : strerror(errno));
    if (x) bpf_link__destroy(x);
  }
  printf("multi(pattern %s): %s in %.1f ms%s%s", pattern, m ? "ok" : strerror(e), t1 - t0, m ? "\n" : " msg: ",
         m ? "" : last_libbpf_msg.c_str());
  proto__destroy(s);
  return 0;
}

static int mode_fentry(const char* fn) {
  proto* s = proto__open();
  only(s->obj, {"fe", "fx"});
  int e1 = bpf_program__set_attach_target(s->progs.fe, 0, fn);
  int e2 = bpf_program__set_attach_target(s->progs.fx, 0, fn);
  if (e1 || e2) {
    printf("set_attach_target %s: %s\n", fn, strerror(-(e1 ? e1 : e2)));
    return 1;
  }
  double t0 = now_ms();
  int err = proto__load(s);
  double t1 = now_ms();
  if (err) {
    printf("load fentry/fexit:%s: %s msg: %s", fn, strerror(-err), last_libbpf_msg.c_str());
    return 1;
  }
  bpf_link* a = bpf_program__attach(s->progs.fe);
  bpf_link* b = bpf_program__attach(s->progs.fx);
  double t2 = now_ms();
  workload();
  uint64_t c3 = 0, c4 = 0;
  uint32_t k = 3;
  bpf_map_lookup_elem(bpf_map__fd(s->maps.counts), &k, &c3);
  k = 4;
  bpf_map_lookup_elem(bpf_map__fd(s->maps.counts), &k, &c4);
  printf("fentry+fexit:%s load(2 progs) %.1f ms attach %.1f ms (%s/%s): entry hits %llu arg0 %llu, exit hits %llu retval %lld\n",
         fn, t1 - t0, t2 - t1, a ? "ok" : "fail", b ? "ok" : "fail", (unsigned long long)c3,
         (unsigned long long)s->bss->fentry_arg0, (unsigned long long)c4, (long long)s->bss->fexit_ret);
  {
    KSyms ks;
    ks.load();
    printf("fentry kstack (stackid %ld):\n", s->data->stack_len >= 0 ? s->data->stackid : s->data->stackid);
    uint64_t ips[127] = {};
    uint32_t id = s->data->stackid;
    if (s->data->stackid >= 0 && bpf_map_lookup_elem(bpf_map__fd(s->maps.stacks), &id, ips) == 0) print_stack(ks, ips, 127);
  }
  // args by name: the function's FUNC_PROTO in vmlinux BTF
  btf* vm = btf__load_vmlinux_btf();
  int id = vm ? btf__find_by_name_kind(vm, fn, BTF_KIND_FUNC) : -1;
  if (id > 0) {
    const btf_type* f = btf__type_by_id(vm, id);
    const btf_type* proto_t = btf__type_by_id(vm, f->type);
    const btf_param* p = btf_params(proto_t);
    printf("BTF %s(", fn);
    for (int i = 0; i < btf_vlen(proto_t); ++i) printf("%s%s", i ? ", " : "", btf__name_by_offset(vm, p[i].name_off));
    printf(") ret type id %u\n", proto_t->type);
  }
  if (a) bpf_link__destroy(a);
  if (b) bpf_link__destroy(b);
  proto__destroy(s);

  // Load cost: object with 50 fentry programs, each on its own function (same object otherwise).
  std::vector<std::string> targets;
  if (vm) {
    auto cands = attachable("*", 100000);
    for (auto& c : cands) {
      if (targets.size() == 50) break;
      if (c.rfind("vfs_", 0) != 0 && c.rfind("tcp_", 0) != 0 && c.rfind("ext4_", 0) != 0) continue;
      if (btf__find_by_name_kind(vm, c.c_str(), BTF_KIND_FUNC) > 0) targets.push_back(c);
    }
  }
  for (int nprog : {1, 10, 50}) {
    if ((size_t)nprog > targets.size()) break;
    s = proto__open();
    std::set<std::string> keep;
    for (int i = 0; i < nprog; ++i) keep.insert("fe" + std::to_string(10 + i + (i / 10) * 0 ) );
    // programs are fe10..fe19, fe20..fe29, ... fe50..fe59
    keep.clear();
    for (int i = 0; i < nprog; ++i) keep.insert("fe" + std::to_string(10 * (1 + i / 10) + i % 10));
    only(s->obj, keep);
    int i = 0;
    bpf_program* p;
    double ts0 = now_ms();
    bpf_object__for_each_program(p, s->obj) if (bpf_program__autoload(p))
        bpf_program__set_attach_target(p, 0, targets[i++].c_str());
    double ts1 = now_ms();
    err = proto__load(s);
    double ts2 = now_ms();
    std::vector<bpf_link*> ls;
    bpf_object__for_each_program(p, s->obj) if (bpf_program__autoload(p)) {
      bpf_link* l = bpf_program__attach(p);
      if (l) ls.push_back(l);
    }
    double ts3 = now_ms();
    for (auto* l : ls) bpf_link__destroy(l);
    double ts4 = now_ms();
    printf("fentry x%d: set_attach_target %.1f ms, load %s %.1f ms (%.2f ms/prog), attach %zu in %.1f ms, detach %.1f ms\n",
           nprog, ts1 - ts0, err ? strerror(-err) : "ok", ts2 - ts1, (ts2 - ts1) / nprog, ls.size(), ts3 - ts2,
           ts4 - ts3);
    proto__destroy(s);
  }
  btf__free(vm);
  return 0;
}

static int mode_iter() {
  for (const char* name : {"it_task", "it_file", "it_vma"}) {
    proto* s = proto__open();
    only(s->obj, {name});
    double t0 = now_ms();
    int err = proto__load(s);
    if (err) {
      printf("iter %s: load: %s\n", name, strerror(-err));
      proto__destroy(s);
      continue;
    }
    bpf_program* prog = bpf_object__find_program_by_name(s->obj, name);
    bpf_link* l = bpf_program__attach_iter(prog, nullptr);
    if (!l) {
      printf("iter %s: attach: %s\n", name, strerror(errno));
      proto__destroy(s);
      continue;
    }
    int fd = bpf_iter_create(bpf_link__fd(l));
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, n);
    close(fd);
    double t1 = now_ms();
    printf("iter %s: %.1f ms, tasks %llu files %llu vmas %llu, seq output %zu bytes: %s", name, t1 - t0,
           (unsigned long long)s->bss->iter_tasks, (unsigned long long)s->bss->iter_files,
           (unsigned long long)s->bss->iter_vmas, out.size(), out.substr(0, 60).c_str());
    printf("\n");
    bpf_link__destroy(l);
    proto__destroy(s);
  }
  return 0;
}

static int mode_cost(const char* pattern) {
  double t0 = now_ms();
  auto fns = attachable(pattern, 1000000);
  double t1 = now_ms();
  printf("available_filter_functions glob %s: %zu unique functions in %.1f ms\n", pattern, fns.size(), t1 - t0);
  t0 = now_ms();
  btf* vm = btf__load_vmlinux_btf();
  t1 = now_ms();
  printf("btf__load_vmlinux_btf: %s, %u types, %.1f ms\n", vm ? "ok" : "fail", vm ? btf__type_cnt(vm) : 0, t1 - t0);
  t0 = now_ms();
  int id = vm ? btf__find_by_name_kind(vm, "vfs_read", BTF_KIND_FUNC) : -1;
  t1 = now_ms();
  printf("btf__find_by_name_kind(vfs_read) = %d in %.2f ms (linear scan)\n", id, t1 - t0);
  btf__free(vm);
  return 0;
}

// kfunc wildcards resolved at start: load the compiled program once through libbpf (first
// match), then load its final instructions again for every other match with the match's BTF id.
static int mode_fclone(size_t n, const char* prefix) {
  btf* vm = btf__load_vmlinux_btf();
  std::vector<std::pair<std::string, int>> targets;
  for (auto& c : attachable("*", 1000000)) {
    if (targets.size() == n) break;
    if (c.rfind(prefix, 0) != 0) continue;
    int id = btf__find_by_name_kind(vm, c.c_str(), BTF_KIND_FUNC);
    if (id > 0) targets.push_back({c, id});
  }
  if (targets.empty()) return 1;
  proto* s = proto__open();
  only(s->obj, {"fe"});
  bpf_program__set_attach_target(s->progs.fe, 0, targets[0].first.c_str());
  double t0 = now_ms();
  int err = proto__load(s);
  double t1 = now_ms();
  if (err) {
    printf("load: %s\n", strerror(-err));
    return 1;
  }
  std::vector<bpf_link*> links;
  links.push_back(bpf_program__attach(s->progs.fe));
  std::vector<int> fds;
  const bpf_insn* insns = bpf_program__insns(s->progs.fe);
  size_t cnt = bpf_program__insn_cnt(s->progs.fe);
  double t2 = now_ms();
  size_t ok = 0;
  for (size_t i = 1; i < targets.size(); ++i) {
    LIBBPF_OPTS(bpf_prog_load_opts, po, .expected_attach_type = BPF_TRACE_FENTRY,
                .attach_btf_id = (__u32)targets[i].second);
    int fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "fe", "GPL", insns, cnt, &po);
    if (fd < 0) {
      printf("clone %s: load %s\n", targets[i].first.c_str(), strerror(errno));
      continue;
    }
    int lfd = bpf_link_create(fd, 0, BPF_TRACE_FENTRY, nullptr);
    if (lfd < 0) {
      printf("clone %s: link %s\n", targets[i].first.c_str(), strerror(errno));
      close(fd);
      continue;
    }
    fds.push_back(fd);
    fds.push_back(lfd);
    ++ok;
  }
  double t3 = now_ms();
  workload();
  uint64_t c3 = 0;
  uint32_t k = 3;
  bpf_map_lookup_elem(bpf_map__fd(s->maps.counts), &k, &c3);
  printf("fentry %s* x%zu: first via libbpf load %.1f ms; %zu clones loaded+attached in %.1f ms (%.2f ms each); hits %llu\n",
         prefix, targets.size(), t1 - t0, ok, t3 - t2, (t3 - t2) / std::max<size_t>(1, ok), (unsigned long long)c3);
  for (int fd : fds) close(fd);
  for (auto* l : links) bpf_link__destroy(l);
  proto__destroy(s);
  btf__free(vm);
  return 0;
}

// has_func_ip from .rodata instead of a CO-RE guard: argv[2] = 0/1.
static int mode_rodata_gate(int v) {
  proto* s = proto__open();
  only(s->obj, {"kp2"});
  s->rodata->has_func_ip = v;
  int err = proto__load(s);
  if (err) {
    printf("rodata gate has_func_ip=%d: load %s\n", v, strerror(-err));
    return 1;
  }
  bpf_link* l = bpf_program__attach_kprobe(s->progs.kp2, false, "vfs_read");
  workload();
  KSyms ks;
  ks.load();
  printf("rodata gate has_func_ip=%d: load ok, attach %s, ip %s\n", v, l ? "ok" : strerror(errno),
         ks.resolve(s->bss->kp2_ip).c_str());
  if (l) bpf_link__destroy(l);
  proto__destroy(s);
  return 0;
}

static int mode_ksyms() {
  double t0 = now_ms();
  KSyms ks;
  bool ok = ks.load();
  double t1 = now_ms();
  rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("kallsyms: %s, %zu text syms, names %zu bytes, table %zu bytes, %.1f ms, maxrss %ld KB\n", ok ? "ok" : "no",
         ks.syms.size(), ks.names.size(), ks.syms.size() * sizeof(KSym), t1 - t0, ru.ru_maxrss);
  if (ok) {
    double t2 = now_ms();
    size_t x = 0;
    for (int i = 0; i < 100000; ++i) x += ks.resolve(ks.syms[i % ks.syms.size()].addr + 5).size();
    printf("100k lookups %.1f ms (%zu)\n", now_ms() - t2, x);
  }
  return 0;
}

int main(int argc, char** argv) {
  libbpf_set_print(quiet_print);
  std::string m = argc > 1 ? argv[1] : "";
  if (m == "errors") return mode_errors();
  if (m == "features") return mode_features();
  if (m == "kprobe") return mode_kprobe(argv[2], argc > 3 ? atol(argv[3]) : 0);
  if (m == "bench") return mode_bench(atol(argv[2]), argv[3]);
  if (m == "fentry") return mode_fentry(argv[2]);
  if (m == "iter") return mode_iter();
  if (m == "ksyms") return mode_ksyms();
  if (m == "gate") return mode_rodata_gate(atoi(argv[2]));
  if (m == "fclone") return mode_fclone(atol(argv[2]), argv[3]);
  if (m == "cost") return mode_cost(argv[2]);
  if (m == "resolve") {  // resolve ADDR... (hex) and print like kstack(perf)
    KSyms ks;
    ks.load();
    for (int i = 2; i < argc; ++i) printf("\t%s %s\n", argv[i], ks.resolve(strtoull(argv[i], nullptr, 16)).c_str());
    return 0;
  }
  fprintf(stderr, "usage\n");
  return 2;
}
