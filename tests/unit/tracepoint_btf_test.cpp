// Unit tests of tracepoint records from BTF (kernel/tracepoint_btf) against the build host's
// kernel BTF, and, where this process can read it, against the host's tracefs formats, which
// must describe every record the same way.
#include "kernel/btf.h"
#include "kernel/tracepoint_btf.h"

#include <gtest/gtest.h>

#include <string>

namespace btc {
namespace {

const btf* host_btf() {
  const btf* b = KernelBtf::get().data();
  if (!b) ADD_FAILURE() << "the build host has no kernel BTF";
  return b;
}

std::string class_of(const std::string& event, const TracepointFormat* tracefs = nullptr) {
  std::string problem;
  auto cls = tracepoint_class(host_btf(), event, tracefs, problem);
  return cls ? *cls : "(none: " + problem + ")";
}

std::string describe(const TracepointField& f) {
  return f.name + " @" + std::to_string(f.offset) + " size " + std::to_string(f.size) +
         (f.is_signed ? " signed" : "") + (f.is_array ? " array" : "") +
         (f.is_char_array ? " chars" : "") + (f.is_pointer ? " pointer" : "") +
         (f.points_to_char ? " to-char" : "") + (f.is_data_loc ? " data_loc" : "");
}

TEST(TracepointBtf, EventsExist) {
  const btf* b = host_btf();
  ASSERT_TRUE(b);
  EXPECT_TRUE(btf_has_tracepoint(b, "timer_start"));
  EXPECT_TRUE(btf_has_tracepoint(b, "sched_switch"));
  EXPECT_FALSE(btf_has_tracepoint(b, "no_such_event"));
  // Syscall events are not in BTF: btc carries their records itself.
  EXPECT_FALSE(btf_has_tracepoint(b, "sys_enter_openat"));
}

TEST(TracepointBtf, ClassNamedAfterTheEvent) {
  ASSERT_TRUE(host_btf());
  EXPECT_EQ(class_of("timer_start"), "timer_start");
  auto record = tracepoint_record(host_btf(), "timer_start");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->btf_class, "timer_start");
  const TracepointField* now = record->find("now");
  ASSERT_TRUE(now);
  EXPECT_EQ(now->size, 8u);
  EXPECT_FALSE(now->is_signed);
  EXPECT_EQ(now->member, "now");
  EXPECT_EQ(now->c_type, "long unsigned int"); // BTF's name for it
  EXPECT_FALSE(record->find("ent"));
  EXPECT_FALSE(record->find("__data"));
  EXPECT_FALSE(record->find("common_pid"));
}

TEST(TracepointBtf, ClassSharedThroughProbestub) {
  ASSERT_TRUE(host_btf());
  // DEFINE_EVENT(timer_class, timer_init, ...): no record named after the event, and only
  // timer_class's __bpf_trace_ has __probestub_timer_init's prototype.
  EXPECT_EQ(class_of("timer_init"), "timer_class");
  EXPECT_EQ(class_of("block_rq_complete"), "block_rq_completion");
}

TEST(TracepointBtf, AmbiguousClassSettledByTheFormat) {
  ASSERT_TRUE(host_btf());
  // sched_process_template and sched_wakeup_template both take (struct task_struct *p).
  EXPECT_EQ(class_of("sched_waking"),
            "(none: the kernel's BTF does not say which of its record classes it uses "
            "(trace_event_raw_sched_process_template, trace_event_raw_sched_wakeup_template))");
  std::string error;
  auto waking = parse_tracepoint_format("\tfield:char comm[16];\toffset:8;\tsize:16;\tsigned:0;\n"
                                        "\tfield:pid_t pid;\toffset:24;\tsize:4;\tsigned:1;\n"
                                        "\tfield:int prio;\toffset:28;\tsize:4;\tsigned:1;\n"
                                        "\tfield:int target_cpu;\toffset:32;\tsize:4;\tsigned:1;\n",
                                        error);
  ASSERT_TRUE(waking) << error;
  EXPECT_EQ(class_of("sched_waking", &*waking), "sched_wakeup_template");
}

TEST(TracepointBtf, DataLocAndCharArrays) {
  ASSERT_TRUE(host_btf());
  auto exec = tracepoint_record(host_btf(), class_of("sched_process_exec"));
  ASSERT_TRUE(exec);
  const TracepointField* filename = exec->find("filename");
  ASSERT_TRUE(filename);
  EXPECT_TRUE(filename->is_data_loc);
  EXPECT_EQ(filename->member, "__data_loc_filename");
  EXPECT_EQ(filename->size, 4u);
  auto sw = tracepoint_record(host_btf(), class_of("sched_switch"));
  ASSERT_TRUE(sw);
  ASSERT_TRUE(sw->find("prev_comm"));
  EXPECT_TRUE(sw->find("prev_comm")->is_char_array);
  EXPECT_EQ(sw->find("prev_comm")->size, 16u);
  ASSERT_TRUE(sw->find("prev_pid"));
  EXPECT_TRUE(sw->find("prev_pid")->is_signed);
  // Arrays carry their element count (an element's size is size / count).
  auto sock = tracepoint_record(host_btf(), class_of("inet_sock_set_state"));
  ASSERT_TRUE(sock);
  const TracepointField* v6 = sock->find("saddr_v6");
  ASSERT_TRUE(v6);
  EXPECT_TRUE(v6->is_array);
  EXPECT_FALSE(v6->is_char_array);
  EXPECT_EQ(v6->count, 16u);
  EXPECT_EQ(v6->size, 16u);
}

TEST(TracepointBtf, UnknownEventSaysWhy) {
  ASSERT_TRUE(host_btf());
  std::string problem;
  EXPECT_FALSE(tracepoint_class(host_btf(), "no_such_event", nullptr, problem));
  EXPECT_EQ(problem,
            "the kernel's BTF has no record type for it (no struct trace_event_raw_no_such_event)");
  EXPECT_FALSE(tracepoint_record(host_btf(), "no_such_class"));
}

// Every non-syscall event of the host: the class BTF names (settled by the tracefs format when
// ambiguous) has exactly the format's fields, at the same offsets, with the same sizes and
// kinds; and BTF alone never names a wrong class.
TEST(TracepointBtf, AgreesWithEveryHostFormat) {
  const btf* b = host_btf();
  ASSERT_TRUE(b);
  std::string error;
  std::string root = tracefs_root(error);
  if (root.empty()) GTEST_SKIP() << error;
  int compared = 0, without_class = 0, ambiguous = 0;
  for (const std::string& name : list_tracepoints(root, "*:*")) {
    size_t colon = name.find(':');
    std::string category = name.substr(0, colon), event = name.substr(colon + 1);
    if (category == "syscalls" || category == "ftrace") continue;
    auto tracefs = read_tracepoint_format(root, category, event, error);
    ASSERT_TRUE(tracefs) << error;
    std::string problem;
    auto cls = tracepoint_class(b, event, &*tracefs, problem);
    if (!cls) {
      ++without_class;
      continue;
    }
    std::string alone_problem;
    auto alone = tracepoint_class(b, event, nullptr, alone_problem);
    if (alone)
      EXPECT_EQ(*alone, *cls) << name;
    else
      ++ambiguous;
    auto record = tracepoint_record(b, *cls);
    ASSERT_TRUE(record) << name;
    std::string want, got;
    for (const auto& f : tracefs->fields) want += describe(f) + "\n";
    for (const auto& f : record->fields) got += describe(f) + "\n";
    EXPECT_EQ(got, want) << name << " (class " << *cls << ")";
    ++compared;
  }
  EXPECT_GT(compared, 1000);
  // Bare and odd events have no class (40 on 6.18); the rest resolve by BTF alone or tracefs.
  EXPECT_LT(without_class, 100);
  EXPECT_LT(ambiguous, 300);
}

TEST(SyscallTable, MatchesTheHostFormats) {
  std::vector<std::string> open = builtin_syscall_events("sys_enter_open*");
  EXPECT_EQ(open, (std::vector<std::string>{
                      "syscalls:sys_enter_open", "syscalls:sys_enter_open_by_handle_at",
                      "syscalls:sys_enter_open_tree", "syscalls:sys_enter_open_tree_attr",
                      "syscalls:sys_enter_openat", "syscalls:sys_enter_openat2"}));
  auto openat = builtin_syscall_format("sys_enter_openat");
  ASSERT_TRUE(openat);
  ASSERT_TRUE(openat->find("filename"));
  EXPECT_EQ(openat->find("filename")->offset, 24u);
  EXPECT_TRUE(openat->find("filename")->points_to_char);
  EXPECT_EQ(openat->find("__syscall_nr")->offset, 8u);
  auto ret = builtin_syscall_format("sys_exit_openat");
  ASSERT_TRUE(ret && ret->find("ret"));
  EXPECT_TRUE(ret->find("ret")->is_signed);
  EXPECT_FALSE(builtin_syscall_format("sys_enter_no_such_call"));

  std::string error;
  std::string root = tracefs_root(error);
  if (root.empty()) GTEST_SKIP() << error;
  for (const std::string& name : builtin_syscall_events("*")) {
    std::string event = name.substr(name.find(':') + 1);
    auto tracefs = read_tracepoint_format(root, "syscalls", event, error);
    if (!tracefs) continue; // the table was generated on another kernel
    auto table = builtin_syscall_format(event);
    ASSERT_TRUE(table) << event;
    std::string want, got;
    for (const auto& f : tracefs->fields) want += describe(f) + " " + f.c_type + "\n";
    for (const auto& f : table->fields) got += describe(f) + " " + f.c_type + "\n";
    EXPECT_EQ(got, want) << event;
  }
}

} // namespace
} // namespace btc
