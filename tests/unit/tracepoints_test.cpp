// Unit tests of the tracefs `format` parser and of tracepoint listing (kernel/tracepoints), on
// format texts copied from a 6.x kernel and on a fake tracefs tree in a temporary directory.
#include "kernel/tracepoints.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace btc {
namespace {

namespace fs = std::filesystem;

const char kOpenat[] =
    "name: sys_enter_openat\n"
    "ID: 782\n"
    "format:\n"
    "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
    "\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
    "\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
    "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
    "\n"
    "\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n"
    "\tfield:int dfd;\toffset:16;\tsize:8;\tsigned:0;\n"
    "\tfield:const char * filename;\toffset:24;\tsize:8;\tsigned:0;\n"
    "\tfield:int flags;\toffset:32;\tsize:8;\tsigned:0;\n"
    "\tfield:umode_t mode;\toffset:40;\tsize:8;\tsigned:0;\n"
    "\n"
    "print fmt: \"dfd: 0x%08lx, filename: 0x%08lx, flags: 0x%08lx, mode: 0x%08lx\", "
    "((unsigned long)(REC->dfd)), ((unsigned long)(REC->filename)), "
    "((unsigned long)(REC->flags)), ((unsigned long)(REC->mode))\n";

const char kSchedSwitch[] =
    "name: sched_switch\n"
    "ID: 316\n"
    "format:\n"
    "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
    "\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
    "\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
    "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
    "\n"
    "\tfield:char prev_comm[16];\toffset:8;\tsize:16;\tsigned:0;\n"
    "\tfield:pid_t prev_pid;\toffset:24;\tsize:4;\tsigned:1;\n"
    "\tfield:int prev_prio;\toffset:28;\tsize:4;\tsigned:1;\n"
    "\tfield:long prev_state;\toffset:32;\tsize:8;\tsigned:1;\n"
    "\tfield:char next_comm[16];\toffset:40;\tsize:16;\tsigned:0;\n"
    "\tfield:pid_t next_pid;\toffset:56;\tsize:4;\tsigned:1;\n"
    "\tfield:int next_prio;\toffset:60;\tsize:4;\tsigned:1;\n"
    "\n"
    "print fmt: \"prev_comm=%s prev_pid=%d\", REC->prev_comm, REC->prev_pid\n";

const char kExecve[] = "name: sys_enter_execve\n"
                       "format:\n"
                       "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
                       "\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n"
                       "\tfield:const char * filename;\toffset:16;\tsize:8;\tsigned:0;\n"
                       "\tfield:const char *const * argv;\toffset:24;\tsize:8;\tsigned:0;\n"
                       "\tfield:const char *const * envp;\toffset:32;\tsize:8;\tsigned:0;\n";

const char kDataLoc[] = "name: sched_process_exec\n"
                        "format:\n"
                        "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
                        "\tfield:__data_loc char[] filename;\toffset:8;\tsize:4;\tsigned:0;\n"
                        "\tfield:pid_t pid;\toffset:12;\tsize:4;\tsigned:1;\n"
                        "\tfield:unsigned char flag;\toffset:16;\tsize:1;\tsigned:0;\n"
                        "\tfield:u8 bytes[6];\toffset:17;\tsize:6;\tsigned:0;\n";

TracepointFormat parse(const char* text) {
  std::string error;
  auto f = parse_tracepoint_format(text, error);
  EXPECT_TRUE(f) << error;
  EXPECT_EQ(error, "");
  return f ? *f : TracepointFormat{};
}

TEST(TracepointFormat, SyscallEnter) {
  TracepointFormat f = parse(kOpenat);
  // The common_ header fields are left out.
  ASSERT_EQ(f.fields.size(), 5u);
  EXPECT_EQ(f.fields[0].name, "__syscall_nr");
  EXPECT_EQ(f.fields[0].c_type, "int");
  EXPECT_EQ(f.fields[0].offset, 8u);
  EXPECT_EQ(f.fields[0].size, 4u);
  EXPECT_TRUE(f.fields[0].is_signed);

  const TracepointField* dfd = f.find("dfd");
  ASSERT_TRUE(dfd);
  EXPECT_EQ(dfd->c_type, "int");
  EXPECT_EQ(dfd->offset, 16u);
  EXPECT_EQ(dfd->size, 8u);
  EXPECT_FALSE(dfd->is_signed); // as the format file says
  EXPECT_FALSE(dfd->is_pointer);
  EXPECT_FALSE(dfd->is_char_array);

  const TracepointField* filename = f.find("filename");
  ASSERT_TRUE(filename);
  EXPECT_EQ(filename->c_type, "const char *");
  EXPECT_EQ(filename->offset, 24u);
  EXPECT_TRUE(filename->is_pointer);
  EXPECT_TRUE(filename->points_to_char);
  EXPECT_FALSE(filename->is_char_array);
  EXPECT_FALSE(filename->is_data_loc);

  const TracepointField* mode = f.find("mode");
  ASSERT_TRUE(mode);
  EXPECT_EQ(mode->c_type, "umode_t");
  EXPECT_EQ(f.size, 48u); // the end of the last field
  EXPECT_EQ(f.find("common_pid"), nullptr);
  EXPECT_EQ(f.find("nosuch"), nullptr);
}

TEST(TracepointFormat, CharArraysAndSignedFields) {
  TracepointFormat f = parse(kSchedSwitch);
  ASSERT_EQ(f.fields.size(), 7u);
  const TracepointField* comm = f.find("prev_comm");
  ASSERT_TRUE(comm);
  EXPECT_EQ(comm->c_type, "char");
  EXPECT_TRUE(comm->is_char_array);
  EXPECT_FALSE(comm->is_pointer);
  EXPECT_EQ(comm->size, 16u);
  EXPECT_EQ(comm->count, 16u);
  EXPECT_EQ(comm->offset, 8u);
  const TracepointField* pid = f.find("next_pid");
  ASSERT_TRUE(pid);
  EXPECT_EQ(pid->c_type, "pid_t");
  EXPECT_TRUE(pid->is_signed);
  EXPECT_EQ(pid->size, 4u);
  EXPECT_EQ(pid->offset, 56u);
  const TracepointField* state = f.find("prev_state");
  ASSERT_TRUE(state);
  EXPECT_EQ(state->c_type, "long");
  EXPECT_EQ(state->size, 8u);
  EXPECT_EQ(f.size, 64u);
}

TEST(TracepointFormat, DataLocStringsAndNonCharArrays) {
  TracepointFormat f = parse(kDataLoc);
  const TracepointField* filename = f.find("filename");
  ASSERT_TRUE(filename);
  EXPECT_TRUE(filename->is_data_loc);
  EXPECT_FALSE(filename->is_pointer);
  EXPECT_EQ(filename->c_type, "__data_loc char[]");
  const TracepointField* flag = f.find("flag");
  ASSERT_TRUE(flag);
  EXPECT_EQ(flag->c_type, "unsigned char");
  EXPECT_FALSE(flag->is_char_array);
  EXPECT_FALSE(flag->is_pointer);
  const TracepointField* bytes = f.find("bytes");
  ASSERT_TRUE(bytes);
  EXPECT_EQ(bytes->size, 6u);
  EXPECT_FALSE(bytes->is_char_array); // u8[6] is not a string
  EXPECT_TRUE(bytes->is_array);
  EXPECT_EQ(bytes->count, 6u);
  EXPECT_EQ(f.size, 23u);
}

TEST(TracepointFormat, PointerToPointerIsNotACharPointer) {
  // `const char *const * argv` is a `char **`: not a string str() can read.
  TracepointFormat f = parse(kExecve);
  const TracepointField* argv = f.find("argv");
  ASSERT_TRUE(argv);
  EXPECT_EQ(argv->c_type, "const char *const *");
  EXPECT_TRUE(argv->is_pointer);
  EXPECT_FALSE(argv->points_to_char);
  EXPECT_TRUE(f.find("filename")->points_to_char);
}

TEST(TracepointFormat, Empty) {
  std::string error;
  auto empty = parse_tracepoint_format("name: x\nformat:\n", error);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->fields.empty());
  EXPECT_EQ(empty->size, 0u);
}

// What is wrong with the format text: the error, or "" when it parses.
std::string malformed(const std::string& text) {
  std::string error;
  auto f = parse_tracepoint_format(text, error);
  return f ? "" : error;
}

TEST(TracepointFormat, MalformedFieldLinesAreErrorsNamingTheLine) {
  const std::string head = "name: x\nformat:\n";
  EXPECT_EQ(malformed(head + "\tfield:int x;\toffset:8;\n"), "line 3: field 'int x' has no size");
  EXPECT_EQ(malformed(head + "\tfield:int x;\tsize:4;\n"), "line 3: field 'int x' has no offset");
  EXPECT_EQ(malformed(head + "\tfield:int x;\toffset:abc;\tsize:4;\n"),
            "line 3: offset is not a number: 'abc'");
  EXPECT_EQ(malformed(head + "\tfield:int x;\toffset:;\tsize:4;\n"),
            "line 3: offset is not a number: ''");
  EXPECT_EQ(malformed(head + "\tfield:int x;\toffset:-8;\tsize:4;\n"),
            "line 3: offset is not a number: '-8'");
  EXPECT_EQ(malformed(head + "\tfield:int x;\toffset:8;\tsize:4x;\n"),
            "line 3: size is not a number: '4x'");
  // Out of range for std::stoul's callers before: no exception, an error.
  EXPECT_EQ(malformed(head + "\tfield:int x;\toffset:99999999999999999999999;\tsize:4;\n"),
            "line 3: offset is not a number: '99999999999999999999999'");
  EXPECT_EQ(malformed(head + "\tfield:int x;\toffset:4294967295;\tsize:4;\n"),
            "line 3: field 'int x' ends past 4 GiB");
  EXPECT_EQ(malformed(head + "\tfield:int x;\toffset:8;\tsize:4;\tsigned:yes;\n"),
            "line 3: signed is neither 0 nor 1: 'yes'");
  EXPECT_EQ(malformed(head + "\tfield:;\toffset:8;\tsize:4;\n"),
            "line 3: a field without a declaration");
  EXPECT_EQ(malformed(head +
                      "\tfield:int x;\toffset:8;\tsize:4;\n\tfield:long x;\toffset:12;\tsize:8;\n"),
            "line 4: field 'x' is declared twice");
  // Truncated files and garbage.
  EXPECT_EQ(malformed(head + "\tfield:int x;\toffset:8;\tsi"), "line 3: field 'int x' has no size");
  EXPECT_EQ(malformed(head + "\tfield:"), "line 3: a field without a declaration");
  std::string nul = "\tfield:int x;\toffset:8";
  nul += '\0';
  nul += ";\tsize:4;\n";
  EXPECT_EQ(malformed(nul), "line 1: offset is not a number: '8\\x00'");
  EXPECT_EQ(malformed("\tfield:int\x1b[31m x;\toffset:8;\n"),
            "line 1: field 'int\\x1b[31m x' has no size");
  // Lines that are not fields are not looked at.
  EXPECT_EQ(malformed("garbage\n:::\n;;;\nprint fmt: \"offset:x;\"\n"), "");
}

TEST(TracepointFormat, FieldsWhoseNameIsNotACIdentifierAreLeftOut) {
  std::string error;
  auto f = parse_tracepoint_format("format:\n"
                                   "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
                                   "\tfield:int ok1;\toffset:8;\tsize:4;\tsigned:1;\n"
                                   "\tfield:int foo-bar;\toffset:12;\tsize:4;\tsigned:1;\n"
                                   "\tfield:int 9lives;\toffset:16;\tsize:4;\tsigned:1;\n"
                                   "\tfield:int int;\toffset:20;\tsize:4;\tsigned:1;\n"
                                   "\tfield:char x}; int y[4];\toffset:24;\tsize:4;\tsigned:0;\n"
                                   "\tfield:int *;\toffset:28;\tsize:8;\tsigned:0;\n"
                                   "\tfield:u8 caf\xc3\xa9[2];\toffset:36;\tsize:2;\tsigned:0;\n"
                                   "\tfield:int _ok_2;\toffset:40;\tsize:4;\tsigned:1;\n",
                                   error);
  ASSERT_TRUE(f) << error;
  ASSERT_EQ(f->fields.size(), 2u);
  EXPECT_EQ(f->fields[0].name, "ok1");
  EXPECT_EQ(f->fields[1].name, "_ok_2");
  EXPECT_EQ(f->find("foo-bar"), nullptr);
  EXPECT_EQ(f->find("int"), nullptr);
  EXPECT_EQ(f->size, 44u); // the record still holds the fields that were left out
}

// A fake tracefs tree: ROOT/events/CATEGORY/EVENT/format.
class FakeTracefs : public ::testing::Test {
protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("btc-tracefs-test-" + std::to_string(getpid()));
    fs::remove_all(root_);
    add("syscalls", "sys_enter_openat", kOpenat);
    add("syscalls", "sys_enter_open", kOpenat);
    add("syscalls", "sys_exit_openat", "format:\n");
    add("sched", "sched_switch", kSchedSwitch);
    fs::create_directories(root_ / "events" / "syscalls" / "no_format_here");
    std::ofstream(root_ / "events" / "syscalls" / "enable") << "0\n";
  }
  void TearDown() override { fs::remove_all(root_); }

  void add(const std::string& category, const std::string& event, const char* format) {
    fs::path dir = root_ / "events" / category / event;
    fs::create_directories(dir);
    std::ofstream(dir / "format") << format;
  }

  fs::path root_;
};

TEST_F(FakeTracefs, ListMatchesGlobsSorted) {
  EXPECT_EQ(list_tracepoints(root_, "syscalls:sys_enter_openat"),
            (std::vector<std::string>{"syscalls:sys_enter_openat"}));
  EXPECT_EQ(list_tracepoints(root_, "syscalls:sys_enter_*"),
            (std::vector<std::string>{"syscalls:sys_enter_open", "syscalls:sys_enter_openat"}));
  EXPECT_EQ(list_tracepoints(root_, "syscalls:*openat"),
            (std::vector<std::string>{"syscalls:sys_enter_openat", "syscalls:sys_exit_openat"}));
  EXPECT_EQ(list_tracepoints(root_, "*:sched_?witch"),
            (std::vector<std::string>{"sched:sched_switch"}));
  EXPECT_EQ(list_tracepoints(root_, "*:*").size(), 4u); // directories without format skipped
  EXPECT_TRUE(list_tracepoints(root_, "syscalls:nosuch").empty());
  EXPECT_TRUE(list_tracepoints(root_, "no_colon").empty());
  EXPECT_TRUE(list_tracepoints(root_ / "missing", "*:*").empty());
}

TEST_F(FakeTracefs, ReadFormat) {
  std::string error;
  auto f = read_tracepoint_format(root_, "sched", "sched_switch", error);
  ASSERT_TRUE(f) << error;
  EXPECT_EQ(f->category, "sched");
  EXPECT_EQ(f->event, "sched_switch");
  EXPECT_TRUE(f->find("next_pid"));

  auto missing = read_tracepoint_format(root_, "sched", "nosuch", error);
  EXPECT_FALSE(missing);
  EXPECT_EQ(error, "cannot read " + (root_ / "events/sched/nosuch/format").string());
}

TEST_F(FakeTracefs, MalformedFormatNamesTheFile) {
  add("bad", "offset", "name: offset\nformat:\n\tfield:int x;\toffset:zz;\tsize:4;\n");
  std::string error;
  EXPECT_FALSE(read_tracepoint_format(root_, "bad", "offset", error));
  EXPECT_EQ(error, "malformed tracepoint format file " +
                       (root_ / "events/bad/offset/format").string() +
                       ": line 3: offset is not a number: 'zz'");
}

TEST(Tracefs, HostHasSyscallTracepoints) {
  std::string error;
  std::string root = tracefs_root(error);
  ASSERT_FALSE(root.empty()) << error;
  auto names = list_tracepoints(root, "syscalls:sys_enter_openat");
  ASSERT_EQ(names.size(), 1u);
  auto f = read_tracepoint_format(root, "syscalls", "sys_enter_openat", error);
  ASSERT_TRUE(f) << error;
  ASSERT_TRUE(f->find("filename"));
  EXPECT_TRUE(f->find("filename")->points_to_char);
}

// The x86-64 ABI's numbers, by the event's name (the entry point's: newfstat is fstat's).
TEST(SyscallNumbers, ByEventName) {
  EXPECT_EQ(syscall_number("sys_enter_read"), 0);
  EXPECT_EQ(syscall_number("sys_exit_newfstat"), 5);
  EXPECT_EQ(syscall_number("sys_enter_getppid"), 110);
  EXPECT_EQ(syscall_number("sys_enter_umount"), 166);
  EXPECT_EQ(syscall_number("sys_enter_openat"), 257);
  EXPECT_EQ(syscall_number("sys_exit_cachestat"), 451);
  EXPECT_EQ(syscall_number("sys_enter_no_such_call"), -1);
  EXPECT_EQ(syscall_number("openat"), -1);
  EXPECT_EQ(syscall_number("sched_switch"), -1);
}

// Every syscall event of btc's table has a number: a syscall wildcard groups all of them.
TEST(SyscallNumbers, EveryTableEventHasOne) {
  std::vector<std::string> events = builtin_syscall_events("sys_*");
  EXPECT_GT(events.size(), 300u);
  for (const std::string& event : events)
    EXPECT_GE(syscall_number(event.substr(event.find(':') + 1)), 0) << event;
}

// The parser accepts every format file of the build host: the checks only reject broken text.
TEST(Tracefs, EveryHostFormatParses) {
  std::string error;
  std::string root = tracefs_root(error);
  ASSERT_FALSE(root.empty()) << error;
  std::vector<std::string> names = list_tracepoints(root, "*:*");
  EXPECT_GT(names.size(), 100u);
  for (const std::string& name : names) {
    size_t colon = name.find(':');
    EXPECT_TRUE(read_tracepoint_format(root, name.substr(0, colon), name.substr(colon + 1), error))
        << error;
  }
}

} // namespace
} // namespace btc
