// Finding user-space probe targets: ELF functions and USDT notes of the test targets
// (tests/targets), library names, C++ names, and the instruction-boundary check, whose length
// decoder is compared with objdump over whole libraries.
#include "user/elf_image.h"
#include "user/process_files.h"
#include "user/user_targets.h"
#include "user/x86_length.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <gtest/gtest.h>
#include <set>
#include <unistd.h>

namespace btc::rt {
namespace {

const std::string kTargets = BTC_TARGETS_DIR;

std::unique_ptr<ElfImage> open_image(const std::string& path) {
  std::string error;
  auto image = ElfImage::open(path, error);
  EXPECT_TRUE(image) << error;
  return image;
}

const ElfFunction* find(const ElfImage& image, const std::string& name) {
  for (const ElfFunction& f : image.functions())
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string> names(const std::vector<const ElfFunction*>& fns) {
  std::vector<std::string> out;
  for (const ElfFunction* f : fns) out.push_back(f->name);
  return out;
}

TEST(ElfImage, FunctionsOfAPieWithItsSymbolTable) {
  auto image = open_image(kTargets + "/uprobe_target");
  ASSERT_TRUE(image);
  EXPECT_TRUE(image->has_symtab());
  EXPECT_EQ(image->build_id().size(), 40u);
  const ElfFunction* work = find(*image, "target_work");
  const ElfFunction* stat = find(*image, "target_static");
  ASSERT_TRUE(work && stat);
  EXPECT_GT(work->size, 0u);
  // A PIE's text is loaded at its file offset plus a constant: offset and address agree here.
  EXPECT_EQ(image->file_offset(work->vaddr), work->file_offset);
  EXPECT_EQ(find(*image, "shlib_add"), nullptr) << "undefined symbols are not functions";
}

TEST(ElfImage, StrippedFileKeepsOnlyItsDynamicSymbols) {
  auto image = open_image(kTargets + "/uprobe_target_stripped");
  ASSERT_TRUE(image);
  EXPECT_FALSE(image->has_symtab());
  EXPECT_EQ(find(*image, "target_static"), nullptr);
}

TEST(ElfImage, UsdtNotesWithAndWithoutSemaphores) {
  auto image = open_image(kTargets + "/uprobe_target");
  ASSERT_TRUE(image);
  std::map<std::string, const UsdtNote*> notes;
  for (const UsdtNote& n : image->usdt()) notes[n.provider + ":" + n.name] = &n;
  ASSERT_EQ(notes.size(), 2u);
  const UsdtNote* tick = notes["target:tick"];
  const UsdtNote* plain = notes["target:plain"];
  ASSERT_TRUE(tick && plain);
  EXPECT_NE(tick->semaphore, 0u);
  EXPECT_NE(tick->semaphore_file_offset, 0u);
  EXPECT_EQ(plain->semaphore, 0u);
  EXPECT_NE(tick->args.find('@'), std::string::npos) << tick->args;
  // The probe site is a nop inside main.
  std::vector<uint8_t> byte;
  ASSERT_TRUE(image->read(tick->pc_file_offset, 1, byte));
  EXPECT_EQ(byte[0], 0x90);

  auto lib = open_image(kTargets + "/libbtctarget.so");
  ASSERT_TRUE(lib);
  ASSERT_EQ(lib->usdt().size(), 1u);
  EXPECT_EQ(lib->usdt()[0].provider + ":" + lib->usdt()[0].name, "shlib:add");
  EXPECT_NE(lib->usdt()[0].semaphore, 0u);
}

TEST(ElfImage, RefusesWhatIsNotAnElfFile) {
  std::string error;
  EXPECT_EQ(ElfImage::open("/no/such/file", error), nullptr);
  EXPECT_EQ(error, "cannot read /no/such/file: No such file or directory");
  EXPECT_EQ(ElfImage::open("/etc/hostname", error), nullptr);
  EXPECT_EQ(error, "/etc/hostname is not an ELF file");
}

TEST(MatchFunctions, NamesAndWildcards) {
  auto image = open_image(kTargets + "/uprobe_target");
  ASSERT_TRUE(image);
  EXPECT_EQ(names(match_functions(*image, "target_work", false)),
            std::vector<std::string>{"target_work"});
  auto all = names(match_functions(*image, "target_*", false));
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()),
            (std::set<std::string>{"target_leaf", "target_many", "target_plain", "target_static",
                                   "target_work"}));
  EXPECT_TRUE(match_functions(*image, "no_such_function", false).empty());
  EXPECT_TRUE(match_functions(*image, "target_work", true).empty()) << "cpp: C++ names only";
}

TEST(MatchFunctions, CppByDemangledName) {
  auto image = open_image(kTargets + "/uprobe_cpp");
  ASSERT_TRUE(image);
  EXPECT_EQ(match_functions(*image, "ns::over", false).size(), 2u);
  EXPECT_EQ(names(match_functions(*image, "ns::over(int)", true)),
            std::vector<std::string>{"_ZN2ns4overEi"});
  EXPECT_EQ(names(match_functions(*image, "ns::Klass::method", true)),
            std::vector<std::string>{"_ZNK2ns5Klass6methodEi"});
  EXPECT_EQ(names(match_functions(*image, "ns::twice<int>", false)),
            std::vector<std::string>{"_ZN2ns5twiceIiEET_S1_"});
  EXPECT_EQ(match_functions(*image, "ns::twice*", true).size(), 2u);
  EXPECT_EQ(names(match_functions(*image, "_ZN2ns4overEi", false)),
            std::vector<std::string>{"_ZN2ns4overEi"});
}

TEST(Demangle, BaseNames) {
  EXPECT_EQ(demangle("_ZN2ns4overEi"), "ns::over(int)");
  EXPECT_EQ(demangle("main"), "");
  EXPECT_EQ(demangled_base("ns::over(int)"), "ns::over");
  EXPECT_EQ(demangled_base("int ns::twice<int>(int)"), "ns::twice<int>");
  EXPECT_EQ(demangled_base("ns::Klass::method(int) const"), "ns::Klass::method");
  EXPECT_EQ(demangled_base("(anonymous namespace)::f(int)"), "(anonymous namespace)::f");
  EXPECT_EQ(demangled_base("ns::K::operator()(int)"), "ns::K::operator()");
  EXPECT_EQ(demangled_base("operator new(unsigned long)"), "operator new");
  EXPECT_EQ(demangled_base("bool ns::operator< <int>(ns::A<int>, ns::A<int>)"),
            "ns::operator< <int>");
  EXPECT_EQ(demangled_base("std::ostream& std::operator<< <std::char_traits<char> >(char)"),
            "std::operator<< <std::char_traits<char> >");
}

TEST(UprobeOffset, OnlyInstructionStartsInsideTheFunction) {
  auto image = open_image(kTargets + "/uprobe_target");
  ASSERT_TRUE(image);
  const ElfFunction* work = find(*image, "target_work");
  ASSERT_TRUE(work);
  std::vector<uint8_t> code;
  ASSERT_TRUE(image->read(work->file_offset, work->size, code));
  size_t first = x86_instruction_length(code);
  ASSERT_GT(first, 0u);
  EXPECT_EQ(check_uprobe_offset(*image, *work, 0, "target_work"), "");
  EXPECT_EQ(check_uprobe_offset(*image, *work, first, "target_work+1"), "");
  if (first > 1) {
    EXPECT_EQ(check_uprobe_offset(*image, *work, 1, "target_work+1"),
              "cannot probe target_work+1: the offset is inside an instruction (a uprobe there "
              "would corrupt the traced program)");
  }
  EXPECT_EQ(check_uprobe_offset(*image, *work, work->size, "target_work+999"),
            "cannot probe target_work+999: target_work is " + std::to_string(work->size) +
                " bytes long");
}

// The instruction starts objdump finds in `path`, by address.
std::set<uint64_t> objdump_starts(const std::string& path) {
  std::set<uint64_t> starts;
  std::string cmd = "objdump -d -w --no-show-raw-insn " + path + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return starts;
  char line[4096];
  while (fgets(line, sizeof line, p)) {
    unsigned long long addr;
    char colon;
    if (std::sscanf(line, " %llx%c", &addr, &colon) == 2 && colon == ':' && line[0] == ' ')
      starts.insert(addr);
  }
  pclose(p);
  return starts;
}

// Every function of `path` decoded from its first byte: each instruction start must be one of
// objdump's (which decodes the same bytes with a full disassembler).
void expect_lengths_agree_with_objdump(const std::string& path) {
  auto image = open_image(path);
  ASSERT_TRUE(image);
  std::set<uint64_t> starts = objdump_starts(path);
  if (starts.empty()) GTEST_SKIP() << "objdump is not installed";
  size_t functions = 0, instructions = 0;
  for (const ElfFunction& f : image->functions()) {
    if (f.size == 0 || !starts.count(f.vaddr)) continue;
    std::vector<uint8_t> code;
    ASSERT_TRUE(image->read(f.file_offset, f.size, code));
    ++functions;
    for (uint64_t at = 0; at < f.size;) {
      ASSERT_TRUE(starts.count(f.vaddr + at))
          << path << ": " << f.name << "+" << at << " is not an instruction start";
      size_t n = x86_instruction_length(std::span<const uint8_t>(code).subspan(at));
      ASSERT_GT(n, 0u) << path << ": cannot decode " << f.name << "+" << at;
      at += n;
      ++instructions;
    }
  }
  EXPECT_GT(functions, 0u);
  ::testing::Test::RecordProperty("instructions", static_cast<int>(instructions));
}

TEST(X86Length, AgreesWithObjdumpOnTheTargets) {
  expect_lengths_agree_with_objdump(kTargets + "/uprobe_target");
  expect_lengths_agree_with_objdump(kTargets + "/uprobe_cpp");
}

// libc has every kind of instruction gcc and glibc's hand-written assembly use: SSE, AVX2,
// AVX-512 (EVEX), string and x87 instructions.
TEST(X86Length, AgreesWithObjdumpOnLibc) {
  expect_lengths_agree_with_objdump("/lib/x86_64-linux-gnu/libc.so.6");
}

TEST(X86Length, PrefixesImmediatesAndTruncation) {
  auto len = [](std::vector<uint8_t> b) { return x86_instruction_length(b); };
  EXPECT_EQ(len({0x55}), 1u);                                           // push %rbp
  EXPECT_EQ(len({0x48, 0x89, 0xe5}), 3u);                               // mov %rsp,%rbp
  EXPECT_EQ(len({0x48, 0xb8, 1, 2, 3, 4, 5, 6, 7, 8}), 10u);            // movabs $imm64
  EXPECT_EQ(len({0x66, 0x81, 0xc1, 1, 2}), 5u);                         // add $imm16,%cx
  EXPECT_EQ(len({0xf7, 0xc0, 1, 2, 3, 4}), 6u);                         // test $imm32,%eax
  EXPECT_EQ(len({0xf7, 0xd8}), 2u);                                     // neg %eax
  EXPECT_EQ(len({0xf3, 0x0f, 0x1e, 0xfa}), 4u);                         // endbr64
  EXPECT_EQ(len({0x8b, 0x44, 0x24, 0x08}), 4u);                         // mov 8(%rsp),%eax
  EXPECT_EQ(len({0x8b, 0x05, 1, 2, 3, 4}), 6u);                         // mov rip+d32
  EXPECT_EQ(len({0xc5, 0xf9, 0x6f, 0xc1}), 4u);                         // vmovdqa %xmm1,%xmm0
  EXPECT_EQ(len({0x62, 0xf1, 0x7d, 0x48, 0x6f, 0x44, 0x24, 0x01}), 8u); // vmovdqa32 disp8
  EXPECT_EQ(len({0x48, 0x89}), 0u) << "truncated";
  EXPECT_EQ(len({0x06}), 0u) << "invalid in 64-bit mode";
}

TEST(Binaries, PathsProgramsAndLibraries) {
  ResolvedBinary bash = resolve_binary("bash", 0);
  EXPECT_TRUE(bash.path.ends_with("/bash")) << bash.error;
  ResolvedBinary libc = resolve_binary("libc", 0);
  EXPECT_TRUE(libc.path.ends_with("/libc.so.6")) << libc.error;
  EXPECT_EQ(resolve_binary("/no/such/bin", 0).error,
            "/no/such/bin does not exist or is not a file");
  EXPECT_EQ(resolve_binary("nosuchprogram", 0).error,
            "cannot find nosuchprogram: not a path and not a program in $PATH");
  EXPECT_EQ(resolve_binary("libnosuchlib", 0).error,
            "cannot find libnosuchlib: not a program in $PATH nor a library in ld.so.cache");
  // With a process, its own mappings first: this test links the C++ library dynamically.
  ResolvedBinary mapped = resolve_binary("libstdc++", getpid());
  EXPECT_NE(mapped.path.find("libstdc++.so"), std::string::npos) << mapped.error;
}

TEST(Binaries, BareNameNeverInCurrentDirectory) {
  // bpftrace 0.17 looks a bare name up in $PATH only; a file of that name in the current
  // directory is not used, but the message says how to name it.
  char old_cwd[4096];
  ASSERT_TRUE(getcwd(old_cwd, sizeof old_cwd));
  ASSERT_EQ(chdir(kTargets.c_str()), 0);
  ResolvedBinary here = resolve_binary("uprobe_target", 0);
  ResolvedBinary dotted = resolve_binary("./uprobe_target", 0);
  ASSERT_EQ(chdir(old_cwd), 0);
  EXPECT_EQ(here.path, "");
  EXPECT_EQ(here.error, "cannot find uprobe_target: not a path and not a program in $PATH");
  EXPECT_EQ(here.hint, "; ./uprobe_target is in the current directory: write ./uprobe_target");
  EXPECT_EQ(dotted.path, "./uprobe_target");
  EXPECT_EQ(resolve_binary("nosuchprogram", 0).hint, "");
}

TEST(Binaries, LdCacheFormat) {
  // A cache of two entries: libc.so.6 for another ABI, then for x86-64.
  std::string cache = "glibc-ld.so.cache1.1";
  auto u32 = [&](uint32_t v) { cache.append(reinterpret_cast<const char*>(&v), 4); };
  u32(2);                 // entries
  u32(0);                 // string table size (unused here)
  cache.append(16, '\0'); // flags, padding, extension offset, unused
  cache.resize(48);
  uint32_t strings = 48 + 2 * 24;
  for (uint32_t flags : {0x0003u, 0x0303u}) { // libc6 without, then with, x86-64
    u32(flags);
    u32(strings);                                   // key: soname
    u32(strings + 10 + (flags == 0x0303 ? 20 : 0)); // value: path
    u32(0);
    cache.append(8, '\0');
  }
  cache += std::string("libc.so.6\0", 10) + std::string("/lib32/libc.so.6\0\0\0\0", 20) +
           std::string("/lib64/libc.so.6\0", 17);
  EXPECT_EQ(ld_cache_lookup(cache, "libc"), "/lib64/libc.so.6");
  EXPECT_EQ(ld_cache_lookup(cache, "libcrypt"), "");
  EXPECT_EQ(ld_cache_lookup("garbage", "libc"), "");
  EXPECT_EQ(ld_cache_soname(cache, "libc.so.6"), "/lib64/libc.so.6");
  EXPECT_EQ(ld_cache_soname(cache, "libc"), "");
}

TEST(ElfImage, NotesWithoutSymbols) {
  std::string error;
  auto image = ElfImage::open_notes(kTargets + "/uprobe_target", error);
  ASSERT_TRUE(image) << error;
  EXPECT_TRUE(image->functions().empty());
  EXPECT_EQ(image->usdt().size(), 2u);
  EXPECT_EQ(image->interpreter(), "/lib64/ld-linux-x86-64.so.2");
  EXPECT_EQ(image->runpath().rfind("$ORIGIN", 0), 0u) << image->runpath();
  EXPECT_EQ(image->rpath(), "");
  EXPECT_NE(std::find(image->needed().begin(), image->needed().end(), "libbtctarget.so"),
            image->needed().end());
}

std::string real(const std::string& path) {
  char buf[PATH_MAX];
  return realpath(path.c_str(), buf) ? buf : path;
}

TEST(ProcessFiles, LoadedAtStartAsTheDynamicLinkerFindsThem) {
  // The program, its interpreter, its library found through DT_RUNPATH's $ORIGIN, and libc
  // through ld.so.cache: each by its real path, the program first.
  std::vector<std::string> files = files_loaded_at_start(kTargets + "/uprobe_target");
  ASSERT_GE(files.size(), 4u);
  EXPECT_EQ(files[0], real(kTargets + "/uprobe_target"));
  auto has = [&](const std::string& path) {
    return std::find(files.begin(), files.end(), path) != files.end();
  };
  EXPECT_TRUE(has(real("/lib64/ld-linux-x86-64.so.2")));
  EXPECT_TRUE(has(real(kTargets + "/libbtctarget.so")));
  EXPECT_TRUE(std::any_of(files.begin(), files.end(), [](const std::string& f) {
    return f.size() >= 10 && f.compare(f.size() - 10, 10, "/libc.so.6") == 0;
  }));
  EXPECT_TRUE(files_loaded_at_start("/etc/hostname").empty());
  // A script runs its interpreter.
  std::string script = testing::TempDir() + "/btc-unit-script.sh";
  FILE* f = std::fopen(script.c_str(), "w");
  ASSERT_TRUE(f);
  std::fprintf(f, "#! %s/uprobe_target 3\n", kTargets.c_str());
  std::fclose(f);
  std::vector<std::string> run = files_loaded_at_start(script);
  std::remove(script.c_str());
  ASSERT_FALSE(run.empty());
  EXPECT_EQ(run[0], real(kTargets + "/uprobe_target"));
}

TEST(ProcessFiles, MappedByAProcess) {
  std::vector<std::string> files;
  std::string error;
  ASSERT_TRUE(files_mapped_by(getpid(), files, error)) << error;
  EXPECT_NE(std::find(files.begin(), files.end(), real("/proc/self/exe")), files.end());
  std::vector<std::string> all = files_mapped_by_all();
  EXPECT_NE(std::find(all.begin(), all.end(), real("/proc/self/exe")), all.end());
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
  files.clear();
  EXPECT_FALSE(files_mapped_by(999999999, files, error));
  EXPECT_EQ(error.rfind("cannot read the mappings of process 999999999 (/proc/999999999/maps)", 0),
            0u)
      << error;
}

} // namespace
} // namespace btc::rt
