// User-space symbols for ustack and usym: bcc's lookup rules on hand-made tables, and the test
// targets (tests/targets) mapped at made-up addresses of made-up processes: PIE, fixed address,
// shared library, C++, misses; and the UStack/USym values decoded and printed through them.
#include "text_format.h"
#include "user/elf_image.h"
#include "user/user_symbols.h"
#include "values.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

namespace btc::rt {
namespace {

const std::string kTargets = BTC_TARGETS_DIR;

std::string find(const SymbolTable& t, uint64_t vaddr) {
  std::string name;
  uint64_t offset = 0;
  if (!t.find(vaddr, name, offset)) return "-";
  return name + "+" + std::to_string(offset);
}

TEST(SymbolTable, TheInnermostSymbolWhoseSizeCoversTheAddress) {
  SymbolTable t;
  t.add("goo", 0x0, 0x6);
  t.add("foo", 0x6, 0x10);
  t.add("bar", 0x8, 0x4);
  t.add("baz", 0x16, 0x10);
  t.add("_ZN2ns4leafEi", 0x40, 0x8);
  t.sort();
  EXPECT_EQ(find(t, 0x9), "bar+1");
  // Past bar's end but inside foo, which holds bar.
  EXPECT_EQ(find(t, 0x12), "foo+12");
  EXPECT_EQ(find(t, 0x16), "baz+0");
  // Between symbols, and before the first: nothing.
  EXPECT_EQ(find(t, 0x30), "-");
  EXPECT_EQ(find(t, 0x41), "ns::leaf(int)+1");
}

// A maps line for the executable segment of `path` holding `vaddr`, mapped at `start`.
std::string text_mapping(const std::string& path, uint64_t start, uint64_t vaddr, uint64_t& addr,
                         const char* inode) {
  std::string error;
  auto image = ElfImage::open(path, error);
  EXPECT_TRUE(image) << error;
  uint64_t off = image ? image->file_offset(vaddr).value_or(0) : 0;
  uint64_t page = off & ~uint64_t{0xfff};
  addr = image && image->fixed_address() ? vaddr : start + (off - page);
  uint64_t base = image && image->fixed_address() ? (vaddr & ~uint64_t{0xfff}) : start;
  char line[512];
  std::snprintf(line, sizeof line, "%llx-%llx r-xp %08llx fe:00 %s    %s\n",
                static_cast<unsigned long long>(base),
                static_cast<unsigned long long>(base + 0x10000),
                static_cast<unsigned long long>(page), inode, path.c_str());
  return line;
}

uint64_t function_vaddr(const std::string& path, const std::string& name) {
  std::string error;
  auto image = ElfImage::open(path, error);
  if (!image) return 0;
  for (const ElfFunction& f : image->functions())
    if (f.name == name) return f.vaddr;
  return 0;
}

class UserSymbolsTest : public ::testing::Test {
protected:
  void SetUp() override {
    const std::string exe = kTargets + "/uprobe_target";
    const std::string lib = kTargets + "/libbtctarget.so";
    const std::string nopie = kTargets + "/uprobe_target_nopie";
    const std::string cpp = kTargets + "/uprobe_cpp";
    std::string maps =
        "7ffd0000-7ffd1000 rw-p 00000000 00:00 0    [stack]\n" +
        text_mapping(exe, 0x555555555000, function_vaddr(exe, "target_work") + 4, work_, "101") +
        text_mapping(lib, 0x7ffff7fbc000, function_vaddr(lib, "shlib_add"), add_, "102");
    UserSymbols::get().install(2000000042, maps);
    UserSymbols::get().install(
        2000000043,
        text_mapping(nopie, 0, function_vaddr(nopie, "target_plain"), plain_, "103") +
            text_mapping(cpp, 0x555555560000, function_vaddr(cpp, "_ZN2ns4overEi"), over_, "104"));
  }
  uint64_t work_ = 0, add_ = 0, plain_ = 0, over_ = 0;
};

TEST_F(UserSymbolsTest, NamesAddressesOfAPieItsLibraryAFixedAddressFileAndCpp) {
  UserSymbols& s = UserSymbols::get();
  EXPECT_EQ(s.resolve(2000000042, work_, true, false), "target_work+4");
  EXPECT_EQ(s.resolve(2000000042, work_, false, false), "target_work");
  EXPECT_EQ(s.resolve(2000000042, add_, true, true),
            "shlib_add+0 (" + kTargets + "/libbtctarget.so)");
  EXPECT_EQ(s.resolve(2000000043, plain_, true, true),
            "target_plain+0 (" + kTargets + "/uprobe_target_nopie)");
  EXPECT_EQ(s.resolve(2000000043, over_, false, false), "ns::over(int)");
}

TEST_F(UserSymbolsTest, AGoneProcessIsNamedFromTheFileItsProbeSawLoaded) {
  // A process that exited before the tool read its mappings: the probe that saw it said where
  // its file was loaded (the load bias), which names addresses in that file only.
  UserSymbols& s = UserSymbols::get();
  const std::string exe = kTargets + "/uprobe_target";
  const uint64_t bias = 0x563412340000;
  s.note_process(2000000044, exe, bias);
  EXPECT_EQ(s.resolve(2000000044, bias + function_vaddr(exe, "target_work") + 4, true, true),
            "target_work+4 (" + exe + ")");
  EXPECT_EQ(s.resolve(2000000044, 0x7ffff7fbc000, true, false), "0x7ffff7fbc000");
  // A fixed-address file is where it was linked, whatever the bias.
  const std::string nopie = kTargets + "/uprobe_target_nopie";
  s.note_process(2000000045, nopie, 0);
  EXPECT_EQ(s.resolve(2000000045, function_vaddr(nopie, "target_plain"), false, false),
            "target_plain");
  // Without a file nothing is known of it.
  s.note_process(2000000046);
  EXPECT_EQ(
      s.resolve(2000000046, bias + function_vaddr(exe, "target_work"), false, false), "0x" + [&] {
        char hex[24];
        std::snprintf(hex, sizeof hex, "%llx",
                      static_cast<unsigned long long>(bias + function_vaddr(exe, "target_work")));
        return std::string(hex);
      }());
}

// A running copy of uprobe_target, killed at the end of the test.
struct RunningTarget {
  pid_t pid = -1;
  uint64_t work = 0; // target_work where this process has it
  explicit RunningTarget(const std::string& exe) {
    pid = fork();
    if (pid == 0) {
      int null = open("/dev/null", O_WRONLY);
      dup2(null, 1);
      execl(exe.c_str(), exe.c_str(), "0", "50", static_cast<char*>(nullptr));
      _exit(127);
    }
    std::string error;
    auto image = ElfImage::open(exe, error);
    uint64_t bias = 0;
    // Until the loader has mapped the program (the fork's mappings are the test's own).
    for (int i = 0; i < 200 && image && !load_bias(pid, exe, *image, bias); ++i) usleep(10000);
    work = bias + function_vaddr(exe, "target_work");
  }
  ~RunningTarget() {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
};

TEST_F(UserSymbolsTest, CacheUserSymbolsPerProgramNamesEveryProcessWithTheFirstOnesMappings) {
  UserSymbols& s = UserSymbols::get();
  // Copies of the program and its library (found through its $ORIGIN run path): uprobes that
  // the e2e cases running at the same time put on tests/targets' files do not fire in them.
  char dir_template[] = "/tmp/btc-unit-usym-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::filesystem::path dir = dir_template;
  for (const char* file : {"uprobe_target", "libbtctarget.so"})
    std::filesystem::copy_file(kTargets + "/" + file, dir / file);
  const std::string exe = dir / "uprobe_target";
  struct RemoveDir {
    std::filesystem::path dir;
    ~RemoveDir() { std::filesystem::remove_all(dir); }
  } remove_dir{dir};
  RunningTarget a(exe), b(exe), c(exe);
  ASSERT_NE(a.work, c.work) << "ASLR loaded two processes at one address";
  // Per process (the default): each process's own mappings.
  EXPECT_EQ(s.resolve(static_cast<uint32_t>(b.pid), b.work, false, false), "target_work");
  // Per program: the first process of the executable stands for the others.
  s.set_cache(UserSymbolCache::PerProgram);
  s.note_process(static_cast<uint32_t>(a.pid));
  EXPECT_EQ(s.resolve(static_cast<uint32_t>(c.pid), a.work, false, false), "target_work");
  EXPECT_NE(s.resolve(static_cast<uint32_t>(c.pid), c.work, false, false), "target_work");
  s.set_cache(UserSymbolCache::PerPid);
}

TEST_F(UserSymbolsTest, MissesPrintTheAddress) {
  UserSymbols& s = UserSymbols::get();
  // Outside every executable mapping of a process whose /proc entry does not exist.
  EXPECT_EQ(s.resolve(2000000042, 0x7ffd0010, true, false), "0x7ffd0010");
  EXPECT_EQ(s.resolve(2000000042, 0x7ffd0010, true, true), "0x7ffd0010 ([unknown])");
  // The same address in another process is that process's.
  EXPECT_EQ(
      s.resolve(2000000043, work_, true, false), "0x" + [&] {
        char hex[24];
        std::snprintf(hex, sizeof hex, "%llx", static_cast<unsigned long long>(work_));
        return std::string(hex);
      }());
}

TEST_F(UserSymbolsTest, UserStacksAndSymbolsDecodeTheirProcess) {
  const Type ustack{.kind = Kind::UStack, .stack_mode = StackMode::Perf, .stack_map = "m"};
  const Type usym{.kind = Kind::USym, .size = 16};
  uint64_t seen_id = 0;
  set_stack_reader([&](const Type&, int64_t id) {
    seen_id = static_cast<uint64_t>(id);
    return std::vector<uint64_t>{add_, work_};
  });
  uint64_t word = uint64_t{2000000042} << 32 | 9;
  uint8_t bytes[16];
  std::memcpy(bytes, &word, 8);
  Value v = decode_value(ustack, bytes);
  EXPECT_EQ(v.pid, 2000000042u);
  EXPECT_EQ(v.as_signed(), 9);
  EXPECT_EQ(seen_id, 9u);
  char hex_add[24], hex_work[24];
  std::snprintf(hex_add, sizeof hex_add, "%llx", static_cast<unsigned long long>(add_));
  std::snprintf(hex_work, sizeof hex_work, "%llx", static_cast<unsigned long long>(work_));
  EXPECT_EQ(value_text(v), std::string("\n\t") + hex_add + " shlib_add+0 (" + kTargets +
                               "/libbtctarget.so)\n\t" + hex_work + " target_work+4 (" + kTargets +
                               "/uprobe_target)\n");
  // An error id (a collision, no stack) in the low half: empty, whatever the process.
  word = uint64_t{2000000042} << 32 | 0xfffffff2u;
  std::memcpy(bytes, &word, 8);
  Value none = decode_value(ustack, bytes);
  EXPECT_EQ(none.as_signed(), -14);
  EXPECT_EQ(value_text(none), "");
  set_stack_reader(nullptr);

  uint64_t sym[2] = {work_, 2000000042};
  std::memcpy(bytes, sym, 16);
  Value s = decode_value(usym, bytes);
  EXPECT_EQ(s.pid, 2000000042u);
  EXPECT_EQ(value_text(s), "target_work");
  EXPECT_EQ(key_text(s), "target_work");
}

} // namespace
} // namespace btc::rt
