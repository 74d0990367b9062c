// Unit tests of the raw BTF view, the running kernel's BTF and the minimal BTF CO-RE resolves
// against (runtime-lib/src/btf_view, kernel_btf, core_btf).
#include "btf_view.h"
#include "core_btf.h"
#include "kernel_btf.h"

#include <bpf/btf.h>
#include <cstring>
#include <elf.h>
#include <gtest/gtest.h>
#include <linux/bpf.h>
#include <memory>
#include <set>
#include <unistd.h>

namespace btc::rt {
namespace {

using BtfPtr = std::unique_ptr<btf, decltype(&btf__free)>;

std::string raw(const btf* b) {
  uint32_t size = 0;
  const void* data = btf__raw_data(b, &size);
  return std::string(static_cast<const char*>(data), size);
}

// A BtfView over its own copy of `bytes`, aligned as the view needs.
struct View {
  explicit View(const std::string& bytes) : words((bytes.size() + 3) / 4) {
    std::memcpy(words.data(), bytes.data(), bytes.size());
    size = bytes.size();
  }
  bool init(std::string& error) { return view.init(words.data(), size, error); }
  std::vector<uint32_t> words;
  size_t size;
  BtfView view;
};

// A small "kernel": records that embed records, point to others, hold arrays, a bitfield, an
// anonymous union, a flavored twin, enums, and types no root reaches.
BtfPtr small_kernel() {
  BtfPtr b(btf__new_empty(), btf__free);
  btf* k = b.get();
  int i32 = btf__add_int(k, "int", 4, BTF_INT_SIGNED);  // 1
  int u64 = btf__add_int(k, "long unsigned int", 8, 0); // 2
  int inner = btf__add_struct(k, "inner", 8);           // 3
  btf__add_field(k, "a", i32, 0, 0);
  btf__add_field(k, "flag", i32, 32, 3);
  int mm = btf__add_struct(k, "mm_struct", 16); // 4
  btf__add_field(k, "start", u64, 0, 0);
  btf__add_field(k, "end", u64, 64, 0);
  int mm_ptr = btf__add_ptr(k, mm);                       // 5
  int task_fwd = btf__add_fwd(k, "task", BTF_FWD_STRUCT); // 6
  int task_ptr = btf__add_ptr(k, task_fwd);               // 7
  int inner_arr = btf__add_array(k, i32, inner, 4);       // 8
  int anon = btf__add_union(k, nullptr, 8);               // 9
  btf__add_field(k, "x", i32, 0, 0);
  btf__add_field(k, "y", u64, 0, 0);
  int state = btf__add_enum(k, "state", 4); // 10
  btf__add_enum_value(k, "RUNNING", 0);
  btf__add_enum_value(k, "SLEEPING", 1);
  int task = btf__add_struct(k, "task", 96); // 11
  btf__add_field(k, "pid", i32, 0, 0);
  btf__add_field(k, "in", inner, 32, 0);
  btf__add_field(k, "parent", task_ptr, 128, 0);
  btf__add_field(k, "mm", mm_ptr, 192, 0);
  btf__add_field(k, "ins", inner_arr, 256, 0);
  btf__add_field(k, nullptr, anon, 512, 0);
  btf__add_field(k, "st", state, 576, 0);
  btf__add_struct(k, "task___2", 4); // 12
  btf__add_field(k, "pid", i32, 0, 0);
  btf__add_struct(k, "unrelated", 4); // 13
  btf__add_field(k, "z", i32, 0, 0);
  btf__add_typedef(k, "task_t", task); // 14
  btf__add_enum(k, "other_enum", 4);   // 15
  btf__add_enum_value(k, "OTHER", 7);
  return b;
}

// Whether `got`'s type `gid` describes what `want`'s `wid` does: kind, name, size and, where
// `whole`, every member (else a record may have lost its members).
void expect_same_shape(const btf* want, uint32_t wid, const btf* got, uint32_t gid, bool whole,
                       std::set<std::pair<uint32_t, bool>>& seen) {
  if (!seen.insert({wid, whole}).second) return;
  if (wid == 0 || gid == 0) {
    EXPECT_EQ(wid, gid);
    return;
  }
  const btf_type* w = btf__type_by_id(want, wid);
  const btf_type* g = btf__type_by_id(got, gid);
  ASSERT_TRUE(w && g);
  std::string where =
      std::string(btf__name_by_offset(want, w->name_off)) + " [" + std::to_string(wid) + "]";
  ASSERT_EQ(btf_kind(w), btf_kind(g)) << where;
  EXPECT_STREQ(btf__name_by_offset(want, w->name_off), btf__name_by_offset(got, g->name_off))
      << where;
  switch (btf_kind(w)) {
  case BTF_KIND_INT:
    EXPECT_EQ(w->size, g->size) << where;
    EXPECT_EQ(*reinterpret_cast<const uint32_t*>(w + 1), *reinterpret_cast<const uint32_t*>(g + 1))
        << where;
    break;
  case BTF_KIND_STRUCT:
  case BTF_KIND_UNION:
    EXPECT_EQ(w->size, g->size) << where;
    if (!whole) break;
    ASSERT_EQ(btf_vlen(w), btf_vlen(g)) << where;
    EXPECT_EQ(btf_kflag(w), btf_kflag(g)) << where;
    for (uint16_t i = 0; i < btf_vlen(w); ++i) {
      const btf_member& wm = btf_members(w)[i];
      const btf_member& gm = btf_members(g)[i];
      EXPECT_STREQ(btf__name_by_offset(want, wm.name_off), btf__name_by_offset(got, gm.name_off));
      EXPECT_EQ(wm.offset, gm.offset) << where << " member " << i;
      expect_same_shape(want, wm.type, got, gm.type, true, seen);
    }
    break;
  case BTF_KIND_ENUM:
  case BTF_KIND_ENUM64:
    EXPECT_EQ(w->size, g->size) << where;
    ASSERT_EQ(btf_vlen(w), btf_vlen(g)) << where;
    for (uint16_t i = 0; i < btf_vlen(w); ++i) {
      uint32_t wn = btf_is_enum(w) ? btf_enum(w)[i].name_off : btf_enum64(w)[i].name_off;
      uint32_t gn = btf_is_enum(g) ? btf_enum(g)[i].name_off : btf_enum64(g)[i].name_off;
      EXPECT_STREQ(btf__name_by_offset(want, wn), btf__name_by_offset(got, gn));
      if (btf_is_enum(w))
        EXPECT_EQ(btf_enum(w)[i].val, btf_enum(g)[i].val);
      else
        EXPECT_EQ(btf_enum64_value(btf_enum64(w) + i), btf_enum64_value(btf_enum64(g) + i));
    }
    break;
  case BTF_KIND_ARRAY:
    EXPECT_EQ(btf_array(w)->nelems, btf_array(g)->nelems) << where;
    expect_same_shape(want, btf_array(w)->type, got, btf_array(g)->type, whole, seen);
    expect_same_shape(want, btf_array(w)->index_type, got, btf_array(g)->index_type, whole, seen);
    break;
  case BTF_KIND_PTR:
    expect_same_shape(want, w->type, got, g->type, false, seen);
    break;
  case BTF_KIND_TYPEDEF:
  case BTF_KIND_VOLATILE:
  case BTF_KIND_CONST:
  case BTF_KIND_RESTRICT:
  case BTF_KIND_TYPE_TAG:
    expect_same_shape(want, w->type, got, g->type, whole, seen);
    break;
  case BTF_KIND_FUNC_PROTO:
    ASSERT_EQ(btf_vlen(w), btf_vlen(g)) << where;
    expect_same_shape(want, w->type, got, g->type, false, seen);
    for (uint16_t i = 0; i < btf_vlen(w); ++i)
      expect_same_shape(want, btf_params(w)[i].type, got, btf_params(g)[i].type, false, seen);
    break;
  default:
    break;
  }
}

std::string names_of(const btf* b) {
  std::string out;
  for (uint32_t id = 1; id < btf__type_cnt(b); ++id) {
    const btf_type* t = btf__type_by_id(b, id);
    out += std::string(out.empty() ? "" : " ") + btf__name_by_offset(b, t->name_off) + "/" +
           std::to_string(btf_kind(t)) + "/" + std::to_string(btf_vlen(t));
  }
  return out;
}

TEST(BtfView, IndexesTypesAndNames) {
  BtfPtr k = small_kernel();
  View v(raw(k.get()));
  std::string error;
  ASSERT_TRUE(v.init(error)) << error;
  EXPECT_EQ(v.view.count(), btf__type_cnt(k.get()));
  EXPECT_STREQ(v.view.name_of(v.view.type(11)), "task");
  EXPECT_EQ(btf_vlen(v.view.type(11)), 7);
  EXPECT_STREQ(v.view.name_of(v.view.type(15)), "other_enum");
  EXPECT_EQ(v.view.type(0), nullptr);
  EXPECT_EQ(v.view.type(16), nullptr);
  EXPECT_STREQ(v.view.name(1u << 30), "");
}

TEST(BtfView, RejectsWhatIsNotBtf) {
  std::string bytes = raw(small_kernel().get());
  std::string error;
  {
    View v("not BTF at all, not even close");
    EXPECT_FALSE(v.init(error));
    EXPECT_EQ(error, "not BTF (bad magic)");
  }
  {
    View v(bytes.substr(0, bytes.size() - 10));
    EXPECT_FALSE(v.init(error));
    EXPECT_EQ(error, "truncated BTF");
  }
  {
    std::string bad = bytes;
    btf_header h;
    std::memcpy(&h, bad.data(), sizeof h);
    // The first type's kind becomes 31, which no BTF has.
    bad[h.hdr_len + h.type_off + 7] = 31;
    View v(bad);
    EXPECT_FALSE(v.init(error));
    EXPECT_EQ(error, "unknown BTF kind 31");
  }
}

TEST(BtfView, EssentialNames) {
  EXPECT_EQ(essential_name_length("task_struct___btc"), 11u);
  EXPECT_EQ(essential_name_length("task_struct"), 11u);
  EXPECT_EQ(essential_name_length("a___b___c"), 5u);
  EXPECT_EQ(essential_name_length("foo____bar"), 10u); // "____" is no separator
  EXPECT_EQ(essential_name_length("foo___"), 6u);
  EXPECT_EQ(essential_name_length("___x"), 4u);
  EXPECT_EQ(essential_name_length(""), 0u);
}

TEST(CoreBtf, KeepsRootsWholeAndWhatTheyPointToAsShapes) {
  BtfPtr k = small_kernel();
  View v(raw(k.get()));
  std::string error;
  ASSERT_TRUE(v.init(error)) << error;
  std::vector<CoreRoot> missing;
  std::string mini = minimal_core_btf(v.view,
                                      {{BTF_KIND_STRUCT, "task"},
                                       {BTF_KIND_ENUM, "state"},
                                       {BTF_KIND_STRUCT, "nosuch"},
                                       {BTF_KIND_UNION, "task"}},
                                      missing);
  ASSERT_FALSE(mini.empty());
  EXPECT_EQ(missing,
            (std::vector<CoreRoot>{{BTF_KIND_STRUCT, "nosuch"}, {BTF_KIND_UNION, "task"}}));
  BtfPtr got(btf__new(mini.data(), static_cast<uint32_t>(mini.size())), btf__free);
  ASSERT_NE(got.get(), nullptr);
  // In the kernel's order: the embedded inner and union whole, mm_struct (behind a pointer)
  // without members, the flavored twin as a candidate too; neither unrelated, nor the typedef,
  // nor other_enum.
  EXPECT_EQ(names_of(got.get()), "int/1/0 long unsigned int/1/0 inner/4/2 mm_struct/4/0 /2/0 "
                                 "task/7/0 /2/0 /3/0 /5/2 state/6/2 task/4/7 task___2/4/1");
  std::set<std::pair<uint32_t, bool>> seen;
  expect_same_shape(
      k.get(), 11, got.get(),
      static_cast<uint32_t>(btf__find_by_name_kind(got.get(), "task", BTF_KIND_STRUCT)), true,
      seen);
  expect_same_shape(
      k.get(), 10, got.get(),
      static_cast<uint32_t>(btf__find_by_name_kind(got.get(), "state", BTF_KIND_ENUM)), true, seen);
}

TEST(CoreBtf, EnumRootsMatchEnum64) {
  BtfPtr b(btf__new_empty(), btf__free);
  btf__add_enum64(b.get(), "wide", 8, false);
  btf__add_enum64_value(b.get(), "BIG", 1ull << 40);
  View v(raw(b.get()));
  std::string error;
  ASSERT_TRUE(v.init(error)) << error;
  std::vector<CoreRoot> missing;
  std::string mini = minimal_core_btf(v.view, {{BTF_KIND_ENUM, "wide"}}, missing);
  EXPECT_TRUE(missing.empty());
  BtfPtr got(btf__new(mini.data(), static_cast<uint32_t>(mini.size())), btf__free);
  ASSERT_NE(got.get(), nullptr);
  std::set<std::pair<uint32_t, bool>> seen;
  expect_same_shape(b.get(), 1, got.get(), 1, true, seen);
}

// The host's own BTF: every candidate of some roots a script reads kept as libbpf would see it.
TEST(CoreBtf, MatchesTheRunningKernel) {
  std::string error;
  const BtfView* kernel = kernel_btf(error);
  if (!kernel) GTEST_SKIP() << error;
  const std::vector<CoreRoot> roots = {{BTF_KIND_STRUCT, "task_struct"},
                                       {BTF_KIND_STRUCT, "signal_struct"},
                                       {BTF_KIND_STRUCT, "mm_struct"},
                                       {BTF_KIND_STRUCT, "file"},
                                       {BTF_KIND_STRUCT, "trace_event_raw_sched_switch"},
                                       {BTF_KIND_ENUM, "pid_type"},
                                       {BTF_KIND_STRUCT, "btc_no_such_struct"}};
  std::vector<CoreRoot> missing;
  std::string mini = minimal_core_btf(*kernel, roots, missing);
  ASSERT_FALSE(mini.empty());
  EXPECT_EQ(missing, (std::vector<CoreRoot>{{BTF_KIND_STRUCT, "btc_no_such_struct"}}));
  // Far smaller than the kernel's, which is megabytes.
  EXPECT_LT(mini.size(), 1u << 20);
  BtfPtr want(btf__load_vmlinux_btf(), btf__free);
  ASSERT_NE(want.get(), nullptr);
  BtfPtr got(btf__new(mini.data(), static_cast<uint32_t>(mini.size())), btf__free);
  ASSERT_NE(got.get(), nullptr);
  for (const CoreRoot& r : roots) {
    if (r.name == "btc_no_such_struct") continue;
    int wid = btf__find_by_name_kind(want.get(), r.name.c_str(), r.kind);
    int gid = btf__find_by_name_kind(got.get(), r.name.c_str(), r.kind);
    ASSERT_GT(wid, 0) << r.name;
    ASSERT_GT(gid, 0) << r.name;
    std::set<std::pair<uint32_t, bool>> seen;
    expect_same_shape(want.get(), static_cast<uint32_t>(wid), got.get(), static_cast<uint32_t>(gid),
                      true, seen);
  }
}

TEST(RuntimeKernelBtf, ReadOnceAndReadable) {
  std::string error;
  const BtfView* first = kernel_btf(error);
  if (!first) GTEST_SKIP() << error;
  EXPECT_EQ(kernel_btf(error), first);
  EXPECT_GT(first->count(), 1000u);
  EXPECT_TRUE(kernel_btf_readable(error)) << error;
}

// An ELF object with the given sections, as Clang lays out a BPF object.
struct Section {
  std::string name;
  uint64_t flags;
  std::string data;
};

std::string elf_with(const std::vector<Section>& sections) {
  std::string names(1, '\0');
  std::vector<uint32_t> name_at;
  for (const Section& s : sections) {
    name_at.push_back(static_cast<uint32_t>(names.size()));
    names += s.name + '\0';
  }
  uint32_t shstrtab_name = static_cast<uint32_t>(names.size());
  names += std::string(".shstrtab") + '\0';
  std::string body;
  std::vector<Elf64_Shdr> headers(1); // the null section
  auto add = [&](uint32_t name, uint32_t type, uint64_t flags, const std::string& data) {
    while (body.size() % 8) body.push_back('\0');
    Elf64_Shdr h{};
    h.sh_name = name;
    h.sh_type = type;
    h.sh_flags = flags;
    h.sh_offset = sizeof(Elf64_Ehdr) + body.size();
    h.sh_size = data.size();
    body += data;
    headers.push_back(h);
  };
  for (size_t i = 0; i < sections.size(); ++i)
    add(name_at[i], SHT_PROGBITS, sections[i].flags, sections[i].data);
  add(shstrtab_name, SHT_STRTAB, 0, names);
  while (body.size() % 8) body.push_back('\0');
  Elf64_Ehdr eh{};
  std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
  eh.e_ident[EI_CLASS] = ELFCLASS64;
  eh.e_ident[EI_DATA] = ELFDATA2LSB;
  eh.e_ident[EI_VERSION] = EV_CURRENT;
  eh.e_type = ET_REL;
  eh.e_machine = EM_BPF;
  eh.e_ehsize = sizeof eh;
  eh.e_shentsize = sizeof(Elf64_Shdr);
  eh.e_shnum = static_cast<uint16_t>(headers.size());
  eh.e_shstrndx = static_cast<uint16_t>(headers.size() - 1);
  eh.e_shoff = sizeof eh + body.size();
  std::string out(reinterpret_cast<const char*>(&eh), sizeof eh);
  out += body;
  out.append(reinterpret_cast<const char*>(headers.data()), headers.size() * sizeof(Elf64_Shdr));
  return out;
}

template <typename T> void append(std::string& s, const T& v) {
  s.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// .BTF.ext with one section's CO-RE relocations, each {type id, kind}.
std::string btf_ext(const std::vector<std::pair<uint32_t, uint32_t>>& relos) {
  std::string data;
  append(data, uint32_t{16}); // record size
  append(data, uint32_t{0});  // section name
  append(data, static_cast<uint32_t>(relos.size()));
  for (auto [type, kind] : relos) {
    append(data, uint32_t{0}); // instruction
    append(data, type);
    append(data, uint32_t{0}); // access string
    append(data, kind);
  }
  std::string out;
  append(out, uint16_t{BTF_MAGIC});
  append(out, uint8_t{1});
  append(out, uint8_t{0});
  append(out, uint32_t{32}); // header length
  for (int i = 0; i < 4; ++i) append(out, uint32_t{0});
  append(out, uint32_t{0}); // CO-RE relocations right after the header
  append(out, static_cast<uint32_t>(data.size()));
  return out + data;
}

// The object's own BTF: flavored local types as btc's BPF C declares them.
std::string local_btf() {
  BtfPtr b(btf__new_empty(), btf__free);
  int i32 = btf__add_int(b.get(), "int", 4, BTF_INT_SIGNED); // 1
  btf__add_struct(b.get(), "task_struct___btc", 4);          // 2
  btf__add_field(b.get(), "pid", i32, 0, 0);
  btf__add_enum(b.get(), "pid_type___btc", 4); // 3
  btf__add_enum_value(b.get(), "PIDTYPE_PID", 0);
  btf__add_struct(b.get(), "signal_struct", 0); // 4
  btf__add_struct(b.get(), nullptr, 4);         // 5
  return raw(b.get());
}

TEST(CoreBtf, ReadsTheRootsOfAnObjectsRelocations) {
  std::string elf = elf_with(
      {{"tracepoint/syscalls/sys_enter_openat", SHF_ALLOC | SHF_EXECINSTR, std::string(8, '\0')},
       {".BTF", 0, local_btf()},
       {".BTF.ext", 0,
        btf_ext({{2, BPF_CORE_FIELD_BYTE_OFFSET},
                 {2, BPF_CORE_FIELD_BYTE_SIZE},
                 {3, BPF_CORE_ENUMVAL_VALUE},
                 {1, BPF_CORE_TYPE_ID_LOCAL},
                 {4, BPF_CORE_TYPE_SIZE}})}});
  CoreNeeds needs;
  std::string error;
  ASSERT_TRUE(read_core_needs(elf.data(), elf.size(), needs, error)) << error;
  EXPECT_EQ(needs.roots, (std::vector<CoreRoot>{{BTF_KIND_STRUCT, "task_struct"},
                                                {BTF_KIND_ENUM, "pid_type"},
                                                {BTF_KIND_STRUCT, "signal_struct"}}));
  EXPECT_FALSE(needs.whole_btf);
  EXPECT_FALSE(needs.libbpf_reads_btf);
}

TEST(CoreBtf, SaysWhenOnlyTheWholeBtfWillDo) {
  std::string btf = local_btf();
  CoreNeeds needs;
  std::string error;
  std::string target_id =
      elf_with({{".BTF", 0, btf}, {".BTF.ext", 0, btf_ext({{2, BPF_CORE_TYPE_ID_TARGET}})}});
  ASSERT_TRUE(read_core_needs(target_id.data(), target_id.size(), needs, error)) << error;
  EXPECT_TRUE(needs.whole_btf);
  std::string anonymous = elf_with({{".BTF", 0, btf}, {".BTF.ext", 0, btf_ext({{5, 0}})}});
  ASSERT_TRUE(read_core_needs(anonymous.data(), anonymous.size(), needs, error)) << error;
  EXPECT_TRUE(needs.whole_btf);
  for (const char* section : {"fentry/vfs_read", "fexit", "iter/task", "tp_btf/sched_switch"}) {
    std::string tracing = elf_with({{section, SHF_ALLOC | SHF_EXECINSTR, std::string(8, '\0')},
                                    {".BTF", 0, btf},
                                    {".BTF.ext", 0, btf_ext({{2, 0}})}});
    ASSERT_TRUE(read_core_needs(tracing.data(), tracing.size(), needs, error)) << error;
    EXPECT_TRUE(needs.libbpf_reads_btf) << section;
    EXPECT_EQ(needs.roots.size(), 1u);
  }
  std::string none = elf_with({{"fentry_like/x", SHF_ALLOC | SHF_EXECINSTR, ""}, {".BTF", 0, btf}});
  ASSERT_TRUE(read_core_needs(none.data(), none.size(), needs, error)) << error;
  EXPECT_FALSE(needs.libbpf_reads_btf);
  EXPECT_TRUE(needs.roots.empty());
}

TEST(CoreBtf, RejectsBrokenObjects) {
  CoreNeeds needs;
  std::string error;
  std::string junk = "not an ELF file";
  EXPECT_FALSE(read_core_needs(junk.data(), junk.size(), needs, error));
  EXPECT_EQ(error, "not a 64-bit ELF object");
  std::string bad_type = elf_with({{".BTF", 0, local_btf()}, {".BTF.ext", 0, btf_ext({{99, 0}})}});
  EXPECT_FALSE(read_core_needs(bad_type.data(), bad_type.size(), needs, error));
  EXPECT_EQ(error, ".BTF.ext: a CO-RE relocation names type 99, which .BTF lacks");
  std::string ext = btf_ext({{2, 0}});
  std::string truncated =
      elf_with({{".BTF", 0, local_btf()}, {".BTF.ext", 0, ext.substr(0, ext.size() - 4)}});
  EXPECT_FALSE(read_core_needs(truncated.data(), truncated.size(), needs, error));
  EXPECT_EQ(error, ".BTF.ext: CO-RE relocations out of bounds");
}

} // namespace
} // namespace btc::rt
