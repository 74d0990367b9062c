// Unit tests of the verifier's reason picked out of libbpf's load log. The logs are excerpts of
// real ones (kernel 6.18): btc tools run with -v, and raw programs loaded with log_level 1.
#include "verifier.h"

#include <gtest/gtest.h>

#include <string>
#include <sys/utsname.h>

using namespace btc::rt;

namespace {

// BEGIN { $i = 0; while (1) { $i++; } }
const char* const kInfiniteLoop = R"(libbpf: prog 'btc_begin0': -- BEGIN PROG LOAD LOG --
arg#0 reference type('UNKNOWN ') size cannot be determined: -22
0: R1=ctx() R10=fp0
; BEGIN { $i = 0; while (1) { $i++; } }  @btc:1 @ script.lines:1
0: (05) goto pc-1
0: (05) goto pc-1
0: (05) goto pc-1
infinite loop detected at insn 0
cur state: R1=ctx() R10=fp0
old state: R1=ctx() R10=fp0
processed 9 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0
-- END PROG LOAD LOG --
)";

// BEGIN { $i = 0; $s = 0; while ($i < 1000000) { $i++; $s += nsecs; } printf("%d\n", $s); }
const char* const kTooLarge = R"(libbpf: prog 'btc_begin0': -- BEGIN PROG LOAD LOG --
arg#0 reference type('UNKNOWN ') size cannot be determined: -22
0: R1=ctx() R10=fp0
; int btc_begin0(void *ctx) { @ btc_tool.bpf.c:191
0: (b7) r7 = 0                        ; R7=0
1: (b7) r6 = 1000000                  ; R6=0xf4240
5: (bf) r7 = r0                       ; R0=scalar(id=199999) R7=scalar(id=199999)
6: (55) if r6 != 0x0 goto pc-5        ; R6=0xc3501
2: (85) call bpf_ktime_get_ns#5       ; R0=scalar()
3: (0f) r0 += r7                      ; R0=scalar() R7=scalar(id=199999)
4: (07) r6 += -1
BPF program is too large. Processed 1000001 insn
processed 1000001 insns (limit 1000000) max_states_per_insn 4 total_states 20002 peak_states 20002 mark_read 0
-- END PROG LOAD LOG --
)";

// BEGIN { $i = 0; while ($i < 10000000) { $i++; @x[$i % 7] = count(); } exit(); }
const char* const kTooComplex = R"(libbpf: prog 'btc_begin0': -- BEGIN PROG LOAD LOG --
arg#0 reference type('UNKNOWN ') size cannot be determined: -22
0: R1=ctx() R10=fp0
; BEGIN { $i = 0; while ($i < 10000000) { $i++; @x[$i % 7] = count(); } exit(); }  @btc:1 @ script.lines:1
7: (18) r1 = 0xffff88811c108c00       ; R1=map_ptr(map=m_x,ks=8,vs=8)
9: (85) call bpf_map_lookup_elem#1    ; R0=map_value_or_null(id=12290,map=m_x,ks=8,vs=8)
10: (55) if r0 != 0x0 goto pc+14
The sequence of 8193 jumps is too complex.
processed 102410 insns (limit 1000000) max_states_per_insn 4 total_states 1234 peak_states 1234 mark_read 0
-- END PROG LOAD LOG --
)";

// r1 = 0; r0 = *(u64 *)(r1 + 0); exit
const char* const kNullDeref = R"(0: R1=ctx() R10=fp0
0: (b7) r1 = 0                        ; R1=0
1: (79) r0 = *(u64 *)(r1 +0)
R1 invalid mem access 'scalar'
processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
)";

// r1 = 0; exit (r0 never set)
const char* const kNoReturnValue = R"(0: R1=ctx() R10=fp0
0: (b7) r1 = 0                        ; R1=0
1: (95) exit
R0 !read_ok
processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
)";

} // namespace

TEST(VerifierReason, InfiniteLoopNotTheStatesCompared) {
  EXPECT_EQ(verifier_reason(kInfiniteLoop), "infinite loop detected at insn 0");
}

TEST(VerifierReason, ProgramTooLarge) {
  EXPECT_EQ(verifier_reason(kTooLarge), "BPF program is too large. Processed 1000001 insn");
}

TEST(VerifierReason, TooManyJumps) {
  EXPECT_EQ(verifier_reason(kTooComplex), "The sequence of 8193 jumps is too complex.");
}

TEST(VerifierReason, InvalidMemoryAccess) {
  EXPECT_EQ(verifier_reason(kNullDeref), "R1 invalid mem access 'scalar'");
  EXPECT_EQ(verifier_reason(kNoReturnValue), "R0 !read_ok");
}

TEST(VerifierReason, OnlyTraceFallsBackToTheLastLine) {
  EXPECT_EQ(verifier_reason("0: R1=ctx() R10=fp0\nR1=ctx() R10=fp0\n"), "R1=ctx() R10=fp0");
  EXPECT_EQ(verifier_reason(""), "");
}

TEST(VerifierReason, ReportAgainstTheScriptLine) {
  Manifest m{};
  m.script_name = "loop.bt";
  m.script_text = "// a loop\n  BEGIN { $i = 0; while (1) { $i++; } }\n";
  std::string log = kInfiniteLoop;
  size_t at = log.find("@btc:1");
  log.replace(at, 6, "@btc:2");
  EXPECT_EQ(explain_load_failure(m, log, -22),
            "loop.bt:2:3: error: the kernel's BPF verifier rejected this code: infinite loop "
            "detected at insn 0\n"
            "  BEGIN { $i = 0; while (1) { $i++; } }\n"
            "  ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
}

namespace {

std::string release() {
  struct utsname u;
  return uname(&u) == 0 ? u.release : "unknown";
}

// A tool built on 6.18 reading timer_start's bucket_expiry, loaded on 5.10 (libbpf 1.1 fixes up
// the verifier log where it poisoned the relocated instruction).
const char* const kMissingField =
    R"(libbpf: CO-RE relocating [7] struct trace_event_raw_timer_start___btc: found target candidate [1523] struct trace_event_raw_timer_start in [vmlinux]
libbpf: prog 'btc_p0_0': relo #2: non-matching candidate #0 <byte_sz> [1523] struct trace_event_raw_timer_start.flags (0:3 @ offset 40)
libbpf: prog 'btc_p0_0': -- BEGIN PROG LOAD LOG --
0: R1=ctx() R10=fp0
; @btc:1 @ script.lines:1
7: (85) call bpf_probe_read_kernel#113
12: <invalid CO-RE relocation>
failed to resolve CO-RE relocation <byte_sz> [7] struct trace_event_raw_timer_start___btc.bucket_expiry (0:1 @ offset 8)
processed 13 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
-- END PROG LOAD LOG --
)";

const KernelFieldSpec kTimerFields[] = {
    {.record = "trace_event_raw_timer_start",
     .path = "now",
     .kind = KernelFieldKind::TracepointRecord,
     .event = "timer:timer_start",
     .line = 2,
     .column = 3,
     .length = 9},
    {.record = "trace_event_raw_timer_start",
     .path = "bucket_expiry",
     .kind = KernelFieldKind::TracepointRecord,
     .event = "timer:timer_start",
     .line = 3,
     .column = 10,
     .length = 19},
};

Manifest timer_manifest() {
  Manifest m{};
  m.script_name = "timer.bt";
  m.script_text = "t:timer:timer_start {\n  args->now;\n  print(args->bucket_expiry);\n}\n";
  m.kernel_fields = kTimerFields;
  m.num_kernel_fields = 2;
  return m;
}

} // namespace

TEST(CoreFailure, ParsesTheRecordAndPath) {
  auto f = parse_core_failure("failed to resolve CO-RE relocation <byte_off> [5] struct "
                              "task_struct___btc.signal.rlim[7].rlim_cur (0:51:7:0 @ offset 784)");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->record, "task_struct");
  EXPECT_EQ(f->path, "signal.rlim[7].rlim_cur");
  auto u = parse_core_failure("failed to resolve CO-RE relocation <byte_sz> [9] union "
                              "u___btc.x (0:0 @ offset 0)");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->record, "u");
  EXPECT_FALSE(parse_core_failure("R1 invalid mem access 'scalar'"));
  EXPECT_FALSE(parse_core_failure("failed to resolve CO-RE relocation <type_exists> [5] struct "
                                  "x___btc (0 @ offset 0)"));
}

TEST(CoreFailure, MissingFieldReportedWhereTheScriptReadsIt) {
  // The @btc marker says line 1 (Clang can give the relocated instruction an earlier line): the
  // table decides.
  EXPECT_EQ(explain_load_failure(timer_manifest(), kMissingField, -22),
            "timer.bt:3:10: error: this kernel (" + release() +
                ") has no field 'bucket_expiry' in tracepoint timer:timer_start's record\n"
                "  print(args->bucket_expiry);\n"
                "         ^~~~~~~~~~~~~~~~~~~\n");
}

TEST(CoreFailure, MissingRecordTypeSaysSo) {
  std::string log = kMissingField;
  log.erase(0, log.find("libbpf: prog 'btc_p0_0': -- BEGIN")); // no candidate found
  EXPECT_EQ(explain_load_failure(timer_manifest(), log, -22),
            "timer.bt:3:10: error: this kernel (" + release() +
                ") has no record type trace_event_raw_timer_start for tracepoint "
                "timer:timer_start (it was renamed or removed)\n"
                "  print(args->bucket_expiry);\n"
                "         ^~~~~~~~~~~~~~~~~~~\n");
}

TEST(CoreFailure, UnknownFieldFallsBackToTheMarker) {
  Manifest m = timer_manifest();
  m.num_kernel_fields = 1;
  EXPECT_EQ(explain_load_failure(m, kMissingField, -22),
            "timer.bt:1:1: error: the kernel's BPF verifier rejected this code: failed to resolve "
            "CO-RE relocation <byte_sz> [7] struct trace_event_raw_timer_start___btc.bucket_expiry "
            "(0:1 @ offset 8)\n"
            "t:timer:timer_start {\n"
            "^~~~~~~~~~~~~~~~~~~~~\n");
}
