// The DWARF line-table reader of show_debug_info: hand-assembled line-number programs of DWARF 4
// and 5 (each opcode kind, 64-bit DWARF, several sequences, damaged units), then the test
// targets' real tables (plain, zlib-compressed, stripped) checked against binutils' addr2line.
#include "user/dwarf_inlines.h"
#include "user/dwarf_lines.h"
#include "user/dwarf_reader.h"
#include "user/elf_image.h"

#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <iostream>
#include <iterator>
#include <random>
#include <regex>
#include <sstream>
#include <unistd.h>

namespace btc::rt {
namespace {

const std::string kTargets = BTC_TARGETS_DIR;

// Little-endian bytes of a hand-assembled .debug_line section.
struct Bytes {
  std::string s;
  Bytes& u8(uint64_t v) {
    s.push_back(static_cast<char>(v & 0xff));
    return *this;
  }
  Bytes& fixed(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) u8(v >> (8 * i));
    return *this;
  }
  Bytes& uleb(uint64_t v) {
    do {
      uint8_t b = v & 0x7f;
      v >>= 7;
      u8(v ? b | 0x80 : b);
    } while (v);
    return *this;
  }
  Bytes& sleb(int64_t v) {
    for (;;) {
      uint8_t b = v & 0x7f;
      v >>= 7;
      bool done = (v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40));
      u8(done ? b : b | 0x80);
      if (done) return *this;
    }
  }
  Bytes& str(std::string_view t) {
    s.append(t);
    s.push_back('\0');
    return *this;
  }
  Bytes& set_address(uint64_t a) { return u8(0).uleb(9).u8(2).fixed(a, 8); }
  Bytes& end_sequence() { return u8(0).uleb(1).u8(1); }
};

// line_base -5, line_range 14, opcode_base 13 (GCC's): the special opcode for the advances.
uint8_t special(int line, unsigned addr) {
  return static_cast<uint8_t>((line + 5) + 14 * addr + 13);
}

// A unit around `header` (after header_length) and `program`; 64-bit DWARF when `dwarf64`.
std::string unit(int version, const std::string& header, const std::string& program,
                 bool dwarf64 = false) {
  int offset = dwarf64 ? 8 : 4;
  Bytes params;
  params.u8(1); // minimum_instruction_length
  if (version >= 4) params.u8(1);
  params.u8(1).u8(static_cast<uint8_t>(-5)).u8(14).u8(13);
  for (int n : {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1}) params.u8(n);
  std::string after_length_field = params.s + header;
  Bytes body;
  body.fixed(version, 2);
  if (version >= 5) body.u8(8).u8(0);
  body.fixed(after_length_field.size(), offset);
  body.s += after_length_field + program;
  Bytes out;
  if (dwarf64)
    out.fixed(0xffffffff, 4).fixed(body.s.size(), 8);
  else
    out.fixed(body.s.size(), 4);
  return out.s + body.s;
}

std::string v4_header() {
  Bytes h;
  h.str("src").str("");                         // include_directories: 1 = src
  h.str("a.c").uleb(1).uleb(0).uleb(0);         // file 1: src/a.c
  h.str("b.h").uleb(0).uleb(0).uleb(0).str(""); // file 2: b.h (the compilation directory)
  return h.s;
}

std::string v4_program() {
  Bytes p;
  p.set_address(0x1000).u8(3).sleb(9).u8(1);          // line 10 at 0x1000
  p.u8(special(1, 4));                                // line 11 at 0x1004
  p.u8(4).uleb(2).u8(2).uleb(8).u8(3).sleb(-3).u8(1); // b.h:8 at 0x100c
  p.u8(8);                                            // const_add_pc: 17
  p.u8(9).fixed(3, 2);                                // fixed_advance_pc: 0x1020
  p.u8(5).uleb(7).u8(6).u8(10);                       // set_column, negate_stmt, prologue_end
  p.end_sequence();
  p.set_address(0x500).u8(3).sleb(99).u8(1).u8(2).uleb(0x10).end_sequence(); // a.c:100
  return p.s;
}

std::string at(const LineTable& t, uint64_t addr) {
  std::string file;
  uint32_t line = 0;
  if (!t.find(addr, file, line)) return "-";
  return file + ":" + std::to_string(line);
}

void expect_v4(const LineTable& t) {
  EXPECT_EQ(at(t, 0x4ff), "-");
  EXPECT_EQ(at(t, 0x500), "src/a.c:100");
  EXPECT_EQ(at(t, 0x50f), "src/a.c:100");
  EXPECT_EQ(at(t, 0x510), "-");
  EXPECT_EQ(at(t, 0x1000), "src/a.c:10");
  EXPECT_EQ(at(t, 0x1003), "src/a.c:10");
  EXPECT_EQ(at(t, 0x1004), "src/a.c:11");
  EXPECT_EQ(at(t, 0x100b), "src/a.c:11");
  EXPECT_EQ(at(t, 0x100c), "b.h:8");
  EXPECT_EQ(at(t, 0x101f), "b.h:8");
  EXPECT_EQ(at(t, 0x1020), "-"); // the end of the sequence is past it
}

TEST(LineTable, Dwarf4Opcodes) {
  expect_v4(LineTable::decode(unit(4, v4_header(), v4_program()), "", ""));
}

TEST(LineTable, Dwarf3And64BitUnits) {
  expect_v4(LineTable::decode(unit(3, v4_header(), v4_program()), "", ""));
  expect_v4(LineTable::decode(unit(4, v4_header(), v4_program(), true), "", ""));
}

TEST(LineTable, Dwarf5NamesFromLineStrAndStr) {
  const std::string line_str = std::string("/comp\0inc\0main.c\0", 17);
  const std::string str = std::string("zz\0x.h\0", 7);
  Bytes h;
  h.u8(1).uleb(1).uleb(0x1f);        // directories: path as line_strp
  h.uleb(2).fixed(0, 4).fixed(6, 4); // 0 = /comp, 1 = inc (so /comp/inc)
  h.u8(3).uleb(1).uleb(0x1f).uleb(2).uleb(0x0b).uleb(5).uleb(0x1e); // path, dir (data1), MD5
  h.uleb(2);
  h.fixed(10, 4).u8(0).s.append(16, '\x55'); // 0: /comp/main.c
  h.fixed(10, 4).u8(1).s.append(16, '\x55'); // 1: /comp/inc/main.c
  // A file whose path is a strp (x.h in .debug_str) needs a format of its own: a second unit.
  Bytes p;
  p.set_address(0x2000).u8(4).uleb(0).u8(3).sleb(4).u8(1); // /comp/main.c:5
  p.u8(special(2, 6)).u8(4).uleb(1).u8(1);                 // /comp/inc/main.c:7 at 0x2006
  p.u8(2).uleb(4).end_sequence();
  Bytes h2;
  h2.u8(1).uleb(1).uleb(0x08).uleb(1).str("/abs");
  h2.u8(2).uleb(1).uleb(0x0e).uleb(2).uleb(0x0f).uleb(1).fixed(3, 4).uleb(0);
  Bytes p2;
  p2.set_address(0x3000).u8(4).uleb(0).u8(1).u8(2).uleb(2).end_sequence(); // /abs/x.h:1
  LineTable t = LineTable::decode(unit(5, h.s, p.s) + unit(5, h2.s, p2.s), line_str, str);
  EXPECT_EQ(at(t, 0x2000), "/comp/main.c:5");
  EXPECT_EQ(at(t, 0x2005), "/comp/main.c:5");
  EXPECT_EQ(at(t, 0x2006), "/comp/inc/main.c:7");
  EXPECT_EQ(at(t, 0x2009), "/comp/inc/main.c:7");
  EXPECT_EQ(at(t, 0x200a), "-");
  EXPECT_EQ(at(t, 0x3001), "/abs/x.h:1");
}

TEST(LineTable, DamagedUnitsKeepTheUnitsBefore) {
  std::string good = unit(4, v4_header(), v4_program());
  // A length past the section's end.
  expect_v4(LineTable::decode(good + std::string("\xff\x00\x00\x00\x04\x00", 6), "", ""));
  // A program cut inside set_address: the sequence never ends, so it is not kept.
  std::string cut = unit(4, v4_header(), Bytes().set_address(0x9000).u8(1).s.substr(0, 5));
  LineTable t = LineTable::decode(good + cut, "", "");
  expect_v4(t);
  EXPECT_EQ(at(t, 0x9000), "-");
  // A unit whose header cannot be read (a DWARF 5 name through strx, no .debug_str_offsets)
  // is skipped: the units after it are read.
  Bytes strx;
  strx.u8(1).uleb(1).uleb(0x1a).uleb(1).uleb(0);
  std::string skipped = unit(5, strx.s, Bytes().set_address(0x7000).u8(1).end_sequence().s);
  t = LineTable::decode(skipped + good, "", "");
  expect_v4(t);
  EXPECT_EQ(at(t, 0x7000), "-");
  // Nothing at all, and a unit of an unknown version (skipped).
  EXPECT_TRUE(LineTable::decode("", "", "").empty());
  Bytes v9;
  v9.fixed(2, 4).fixed(9, 2);
  expect_v4(LineTable::decode(v9.s + good, "", ""));
}

// Whether the test programs were built by clang (the sanitizer build, scripts/test-sanitize.sh):
// binutils 2.40's addr2line misses clang's DWARF 5 inlined calls (llvm-symbolizer sees them, as
// the tool does), and clang places a function's entry on its signature's line, so the
// comparisons below, written against GCC's output, are for GCC-built programs.
bool targets_built_by_clang() {
  std::ifstream in(kTargets + "/uprobe_target", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return bytes.find("clang version") != std::string::npos;
}

// binutils' answer for `addr` in `file`, "file:line"; empty without addr2line.
std::string addr2line(const std::string& file, uint64_t addr) {
  char cmd[512];
  std::snprintf(cmd, sizeof cmd, "addr2line -e '%s' %llx 2>/dev/null", file.c_str(),
                static_cast<unsigned long long>(addr));
  FILE* p = popen(cmd, "r");
  if (!p) return "";
  char buf[1024] = {};
  std::string out = fgets(buf, sizeof buf, p) ? buf : "";
  pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  // " (discriminator N)" is addr2line's addition.
  if (size_t d = out.find(" (discriminator"); d != std::string::npos) out.erase(d);
  return out;
}

TEST(LineTable, TestTargetsAgreeWithAddr2line) {
  if (targets_built_by_clang()) GTEST_SKIP() << "test programs built by clang";
  for (const char* name : {"uprobe_target", "uprobe_target_zdebug", "uprobe_target_nopie",
                           "uprobe_target_dwarf4", "libbtctarget.so"}) {
    SCOPED_TRACE(name);
    std::string path = kTargets + "/" + name;
    std::string error;
    auto image = ElfImage::open(path, error);
    ASSERT_TRUE(image) << error;
    LineTable t = LineTable::load(path);
    ASSERT_FALSE(t.empty());
    int checked = 0;
    for (const ElfFunction& f : image->functions()) {
      for (uint64_t addr : {f.vaddr, f.vaddr + f.size / 2}) {
        std::string want = addr2line(path, addr);
        if (want.empty()) GTEST_SKIP() << "no addr2line";
        if (want.rfind("??", 0) == 0 || want.ends_with(":?") || want.ends_with(":0")) {
          EXPECT_EQ(at(t, addr), "-") << f.name;
        } else {
          EXPECT_EQ(at(t, addr), want) << f.name;
          ++checked;
        }
      }
    }
    EXPECT_GE(checked, std::string(name) == "libbtctarget.so" ? 2 : 10);
    // The marked line of tests/targets/uprobe_target.c.
    for (const ElfFunction& f : image->functions())
      if (f.name == "target_leaf") {
        std::string where = at(t, f.vaddr);
        EXPECT_NE(where.find("/tests/targets/uprobe_target.c:21"), std::string::npos) << where;
      }
  }
}

// Every address of every function of `path`, as `addr2line -a -i -f` tells its frames
// ("name@file:line", innermost first; the outermost's name left out) and as the tool does.
void expect_inlines_agree(const std::string& path, int want_inlined) {
  std::string error;
  auto image = ElfImage::open(path, error);
  ASSERT_TRUE(image) << error;
  SourceInfo info = SourceInfo::load(path);
  ASSERT_FALSE(info.lines.empty());
  const std::string list = "/tmp/btc-dwarf-lines-test-" + std::to_string(getpid());
  {
    std::ofstream out(list);
    for (const ElfFunction& f : image->functions())
      for (uint64_t a = f.vaddr; a < f.vaddr + f.size; ++a) out << std::hex << "0x" << a << "\n";
  }
  std::string cmd = "addr2line -a -i -f -e '" + path + "' < " + list + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_TRUE(p);
  std::string text;
  char buf[4096];
  while (fgets(buf, sizeof buf, p)) text += buf;
  pclose(p);
  std::remove(list.c_str());
  if (text.empty()) GTEST_SKIP() << "no addr2line";
  std::istringstream in(text);
  std::string line;
  std::vector<std::pair<uint64_t, std::vector<std::string>>> frames;
  std::vector<std::string> pending;
  while (std::getline(in, line)) {
    if (line.rfind("0x", 0) == 0) {
      frames.push_back({std::stoull(line, nullptr, 16), {}});
      continue;
    }
    std::string where;
    std::getline(in, where);
    if (size_t d = where.find(" (discriminator"); d != std::string::npos) where.erase(d);
    frames.back().second.push_back(line + "@" + where);
  }
  int compared = 0, inlined = 0;
  for (auto& [addr, want] : frames) {
    if (want.empty() || want.front().find("@??") != std::string::npos ||
        want.front().ends_with(":?") || want.front().ends_with(":0"))
      continue;
    // The outermost frame's name is the ELF symbol's in a stack: only its place is compared.
    want.back() = want.back().substr(want.back().rfind('@'));
    std::vector<std::string> got;
    std::string file;
    uint32_t l = 0;
    ASSERT_TRUE(info.lines.find(addr, file, l)) << std::hex << addr;
    std::string where = file + ":" + std::to_string(l);
    std::vector<InlinedCall> calls = info.inlines.find(addr);
    for (size_t i = calls.size(); i-- > 0;) {
      got.push_back(calls[i].name + "@" + where);
      where = calls[i].call_file + ":" + std::to_string(calls[i].call_line);
    }
    got.push_back("@" + where);
    EXPECT_EQ(got, want) << std::hex << "0x" << addr;
    if (got != want) return;
    ++compared;
    inlined += got.size() > 1;
  }
  EXPECT_GE(compared, 50);
  EXPECT_GE(inlined, want_inlined);
}

TEST(InlineTable, TestTargetsAgreeWithAddr2line) {
  if (targets_built_by_clang()) GTEST_SKIP() << "test programs built by clang";
  expect_inlines_agree(kTargets + "/inline_target", 4);
  expect_inlines_agree(kTargets + "/uprobe_target", 0);
  expect_inlines_agree(kTargets + "/uprobe_target_dwarf4", 0);
}

// libc's separate debug file (large, DWARF 5, many inlined calls) against llvm-symbolizer
// (binutils 2.40's addr2line names the wrong file in it), at a sample of its functions.
TEST(InlineTable, LibcDebugFileAgreesWithLlvmSymbolizer) {
  std::string error;
  auto libc = ElfImage::open("/lib/x86_64-linux-gnu/libc.so.6", error);
  if (!libc || libc->build_id().size() < 3) GTEST_SKIP() << "no libc build-id";
  const std::string& id = libc->build_id();
  const std::string path =
      "/usr/lib/debug/.build-id/" + id.substr(0, 2) + "/" + id.substr(2) + ".debug";
  if (access(path.c_str(), R_OK) != 0 || system("llvm-symbolizer --version >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "no libc debug file or llvm-symbolizer";
  auto image = ElfImage::open(path, error);
  ASSERT_TRUE(image) << error;
  SourceInfo info = SourceInfo::load(path);
  ASSERT_FALSE(info.lines.empty());
  std::vector<uint64_t> addrs;
  // A debug file maps no code (its segments hold no bytes): its symbols are read instead.
  for (size_t i = 0; i < image->symbols().size(); i += 3) {
    const ElfSymbol& sym = image->symbols()[i];
    if (sym.size > 0) addrs.push_back(sym.value + sym.size / 3);
  }
  const std::string list = "/tmp/btc-dwarf-lines-libc-" + std::to_string(getpid());
  {
    std::ofstream out(list);
    for (uint64_t a : addrs) out << std::hex << "0x" << a << "\n";
  }
  std::string cmd = "llvm-symbolizer --obj='" + path + "' < " + list + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_TRUE(p);
  std::string text;
  char buf[4096];
  while (fgets(buf, sizeof buf, p)) text += buf;
  pclose(p);
  std::remove(list.c_str());
  std::istringstream in(text);
  int compared = 0, inlined = 0, differ = 0;
  for (uint64_t addr : addrs) {
    std::vector<std::string> want;
    std::string name, where;
    while (std::getline(in, name) && !name.empty()) {
      std::getline(in, where);
      // file:line:column; the column is not shown.
      where = where.substr(0, where.rfind(':'));
      // LLVM puts a relative compilation directory before DWARF 5's directory 0, which is that
      // directory already ("./csu/./csu/check_fds.c"); gimli (so blazesym) and btc do not.
      where = std::regex_replace(where, std::regex(R"(^(\./[^/]+)/\1/)"), "$1/");
      want.push_back(name + "@" + where);
    }
    if (want.empty() || want.front().find("??") != std::string::npos ||
        want.front().ends_with(":0"))
      continue;
    want.back() = want.back().substr(want.back().rfind('@'));
    std::vector<std::string> got;
    std::string file;
    uint32_t l = 0;
    if (!info.lines.find(addr, file, l)) {
      ++differ;
      continue;
    }
    std::string w = file + ":" + std::to_string(l);
    std::vector<InlinedCall> calls = info.inlines.find(addr);
    for (size_t i = calls.size(); i-- > 0;) {
      got.push_back(calls[i].name + "@" + w);
      w = calls[i].call_file + ":" + std::to_string(calls[i].call_line);
    }
    got.push_back("@" + w);
    if (got != want && ++differ <= 5) ADD_FAILURE() << std::hex << "0x" << addr;
    if (got != want && differ <= 5) {
      for (auto& g : got) std::cerr << "  got  " << g << "\n";
      for (auto& g : want) std::cerr << "  want " << g << "\n";
    }
    ++compared;
    inlined += got.size() > 1;
  }
  EXPECT_EQ(differ, 0) << "of " << compared;
  EXPECT_GE(compared, 500);
  EXPECT_GE(inlined, 50);
}

// The tool reads whatever files a process maps: damaged DWARF must not crash it or make it
// read out of bounds. Random bytes of a real file's sections changed, cut short, and decoded.
TEST(InlineTable, DamagedSectionsAreReadSafely) {
  dwarf::Sections good;
  ASSERT_TRUE(dwarf::read_sections(kTargets + "/inline_target", good));
  ASSERT_FALSE(good.line.empty());
  ASSERT_FALSE(good.info.empty());
  std::mt19937 rng(12345);
  for (int round = 0; round < 300; ++round) {
    dwarf::Sections s = good;
    for (std::string* section : {&s.line, &s.info, &s.abbrev, &s.line_str, &s.rnglists}) {
      if (section->empty()) continue;
      for (int n = 0; n < 1 + round % 8; ++n)
        (*section)[rng() % section->size()] = static_cast<char>(rng());
      if (round % 5 == 0) section->resize(rng() % section->size());
    }
    LineTable lines = LineTable::build(s);
    InlineTable inlines = InlineTable::build(s, lines);
    std::string file;
    uint32_t line = 0;
    for (uint64_t a = 0; a < 0x2000; a += 3) {
      lines.find(a, file, line);
      inlines.find(a);
    }
  }
}

TEST(LineTable, NoDwarfNoLines) {
  EXPECT_TRUE(LineTable::load(kTargets + "/uprobe_target_nodebug").empty());
  EXPECT_TRUE(LineTable::load(kTargets + "/uprobe_target_stripped").empty());
  EXPECT_TRUE(LineTable::load("/nonexistent-btc-dwarf-lines").empty());
}

} // namespace
} // namespace btc::rt
