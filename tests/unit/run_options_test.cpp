// Unit tests of `btc run`'s command line (compile-time and run-time options apart), its cache
// key's hash and the cache entry's trailer, and -l's pattern matching.
#include "cli/list_probes.h"
#include "cli/run.h"
#include "cli/sha256.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace btc::cli;

namespace {

int parse(std::vector<std::string> args, RunOptions& o) {
  args.insert(args.begin(), "run");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return parse_run_options(static_cast<int>(args.size()), argv.data(), o);
}

std::string sha(const std::string& s) {
  Sha256 h;
  h.update(s);
  return h.hex();
}

TEST(Sha256, KnownDigests) {
  EXPECT_EQ(sha(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // Over several blocks, fed in pieces that straddle them.
  Sha256 h;
  for (int i = 0; i < 1000; ++i) h.update(std::string(1000, 'a'));
  EXPECT_EQ(h.hex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(RunOptions, SplitsCompileAndRunTimeOptions) {
  RunOptions o;
  ASSERT_EQ(parse({"-I", "inc",  "-Iinc2", "--include", "h.h", "--unsafe", "-q",  "x.bt",
                   "1",  "-o",   "out",    "-p123",     "two", "--top=5",  "-kk", "--no-warnings",
                   "-B", "line", "--",     "-q"},
                  o),
            -1);
  EXPECT_EQ(o.file, "x.bt");
  EXPECT_EQ(o.include_dirs, (std::vector<std::string>{"inc", "inc2"}));
  EXPECT_EQ(o.include_files, (std::vector<std::string>{"h.h"}));
  EXPECT_TRUE(o.unsafe);
  EXPECT_EQ(o.tool_options, (std::vector<std::string>{"-q", "-o", "out", "-p", "123", "-kk",
                                                      "--no-warnings", "-B", "line"}));
  EXPECT_EQ(o.named_args, (std::vector<std::string>{"--top=5"}));
  EXPECT_EQ(o.args, (std::vector<std::string>{"1", "two", "-q"}));
}

TEST(RunOptions, ProgramTakesThePositionalWords) {
  RunOptions o;
  ASSERT_EQ(parse({"10", "-e", "BEGIN {}", "-5", "x"}, o), -1);
  EXPECT_TRUE(o.from_program);
  EXPECT_TRUE(o.file.empty());
  EXPECT_EQ(o.args, (std::vector<std::string>{"10", "-5", "x"}));
}

TEST(RunOptions, Listing) {
  RunOptions o;
  ASSERT_EQ(parse({"-lv", "t:sched:*"}, o), -1);
  EXPECT_TRUE(o.list);
  EXPECT_TRUE(o.list_verbose);
  EXPECT_EQ(o.file, "t:sched:*");
  // With a program: its probes (btc-compile -l).
  RunOptions p;
  ASSERT_EQ(parse({"-l", "-e", "BEGIN {}"}, p), -1);
  EXPECT_TRUE(p.list);
  EXPECT_TRUE(p.from_program);
  EXPECT_EQ(p.program, "BEGIN {}");
}

TEST(RunOptions, Mistakes) {
  RunOptions o;
  testing::internal::CaptureStderr();
  EXPECT_EQ(parse({"-x", "a.bt"}, o), 1);
  EXPECT_EQ(parse({"a.bt", "-c"}, o), 1);
  EXPECT_EQ(parse({}, o), 1);
  EXPECT_EQ(parse({"--emit-llvm", "f", "a.bt"}, o), 1);
  EXPECT_EQ(testing::internal::GetCapturedStderr(),
            "btc run: error: unknown option -x (see btc run --help)\n"
            "btc run: error: -c needs an argument\n"
            "btc run: error: no script given (see btc run --help)\n"
            "btc run: error: --emit-llvm is a bpftrace debugging option that btc does not have "
            "(see btc --emit-c and --keep-temps)\n");
}

TEST(RunCache, KeyFollowsWhatChangesTheTool) {
  RunOptions o;
  std::string base = cache_key(o, "x.bt", "BEGIN {}", "/nonexistent/btc-compile");
  EXPECT_EQ(base.size(), 64u);
  EXPECT_EQ(base, cache_key(o, "x.bt", "BEGIN {}", "/nonexistent/btc-compile"));
  EXPECT_NE(base, cache_key(o, "x.bt", "BEGIN { }", "/nonexistent/btc-compile"));
  EXPECT_NE(base, cache_key(o, "y.bt", "BEGIN {}", "/nonexistent/btc-compile"));
  RunOptions unsafe;
  unsafe.unsafe = true;
  EXPECT_NE(base, cache_key(unsafe, "x.bt", "BEGIN {}", "/nonexistent/btc-compile"));
  RunOptions inc;
  inc.include_dirs.push_back("/usr/include");
  EXPECT_NE(base, cache_key(inc, "x.bt", "BEGIN {}", "/nonexistent/btc-compile"));
  // Run-time options are not part of it.
  RunOptions run_time;
  run_time.tool_options = {"-q"};
  run_time.args = {"1"};
  EXPECT_EQ(base, cache_key(run_time, "x.bt", "BEGIN {}", "/nonexistent/btc-compile"));
}

TEST(RunCache, KeyFollowsTheUprobeBinaries) {
  char path[] = "/tmp/btc-run-bin-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, "one", 3), 3);
  close(fd);
  RunOptions o;
  std::string script = std::string("uprobe:") + path + ":f { }\n";
  std::string before = cache_key(o, "u.bt", script, "/nonexistent/btc-compile");
  EXPECT_EQ(before, cache_key(o, "u.bt", script, "/nonexistent/btc-compile"));
  // Rebuilt: another size (and time).
  {
    std::ofstream out(path, std::ios::binary);
    out << "rebuilt";
  }
  EXPECT_NE(before, cache_key(o, "u.bt", script, "/nonexistent/btc-compile"));
  std::remove(path);
}

TEST(RunCache, TrailerMarksCompleteEntries) {
  char path[] = "/tmp/btc-run-test-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  std::string key(64, 'a');
  {
    std::ofstream out(path, std::ios::binary);
    out << "\x7f"
           "ELF"
        << std::string(4096, 'x');
  }
  EXPECT_FALSE(valid_entry(path, key));
  ASSERT_TRUE(seal_entry(path, key));
  EXPECT_TRUE(valid_entry(path, key));
  EXPECT_FALSE(valid_entry(path, std::string(64, 'b')));
  // Cut short: the trailer is gone.
  ASSERT_EQ(truncate(path, 2000), 0);
  EXPECT_FALSE(valid_entry(path, key));
  std::remove(path);
}

TEST(ListProbes, GlobMatch) {
  EXPECT_TRUE(glob_match("sys_enter_open*", "sys_enter_openat"));
  EXPECT_TRUE(glob_match("*:*sleep*", "syscalls:sys_enter_nanosleep"));
  EXPECT_FALSE(glob_match("sys_enter_open", "sys_enter_openat"));
}

} // namespace
