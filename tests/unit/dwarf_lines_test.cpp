// The DWARF line-table reader of show_debug_info: hand-assembled line-number programs of DWARF 4
// and 5 (each opcode kind, 64-bit DWARF, several sequences, damaged units), then the test
// targets' real tables (plain, zlib-compressed, stripped) checked against binutils' addr2line.
#include "user/dwarf_lines.h"
#include "user/elf_image.h"

#include <cstdio>
#include <gtest/gtest.h>

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
  // Nothing at all, and a unit of an unknown version (skipped).
  EXPECT_TRUE(LineTable::decode("", "", "").empty());
  Bytes v9;
  v9.fixed(2, 4).fixed(9, 2);
  expect_v4(LineTable::decode(v9.s + good, "", ""));
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

TEST(LineTable, NoDwarfNoLines) {
  EXPECT_TRUE(LineTable::load(kTargets + "/uprobe_target_nodebug").empty());
  EXPECT_TRUE(LineTable::load(kTargets + "/uprobe_target_stripped").empty());
  EXPECT_TRUE(LineTable::load("/nonexistent-btc-dwarf-lines").empty());
}

} // namespace
} // namespace btc::rt
