// Sema tests: the exact diagnostics (message, line, column, underline) for broken scripts, and
// the types, symbols and facts sema infers for good ones.
#include "frontend_test_util.h"
#include "kernel/btf.h"
#include "sema/str_param.h"
#include "sema/user_probes.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace btc {
namespace {

using test::analyze_script;
using test::diagnostics_of;

// ---- diagnostics --------------------------------------------------------------------------------

// One located error in a one-line (or multi-line) script: `location` is "LINE:COL" and
// `underline` the caret line printed under that script line.
struct DiagCase {
  std::string script;
  std::string location;
  std::string message;
  std::string underline;
};

std::string script_line(const std::string& script, int line) {
  size_t begin = 0;
  for (int i = 1; i < line; ++i) begin = script.find('\n', begin) + 1;
  size_t end = script.find('\n', begin);
  return script.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

std::string expected_text(const DiagCase& c) {
  int line = std::stoi(c.location.substr(0, c.location.find(':')));
  return "test.bt:" + c.location + ": error: " + c.message + "\n" + script_line(c.script, line) +
         "\n" + c.underline + "\n";
}

void check_cases(const std::vector<DiagCase>& cases) {
  for (const DiagCase& c : cases) {
    SCOPED_TRACE(c.script);
    auto r = analyze_script(c.script);
    EXPECT_FALSE(r->program && r->sema) << "the script was accepted";
    EXPECT_EQ(r->diagnostics(), expected_text(c));
    EXPECT_EQ(r->diags.errors(), 1u);
  }
}

TEST(SemaErrors, Probes) {
  check_cases({
      {"foo { }", "1:1", "unknown probe 'foo'", "^~~"},
      {"blah:x { }", "1:1", "unknown probe type 'blah'", "^~~~~~"},
      {"hardware:cycles:0 { }", "1:1",
       "invalid hardware event count '0': expected a positive integer, e.g. "
       "hardware:cycles:1000000 or 1e6",
       "^~~~~~~~~~~~~~~~~"},
      {"tracepoint:nosuch:event { }", "1:1", "unknown tracepoint: tracepoint:nosuch:event",
       "^~~~~~~~~~~~~~~~~~~~~~~"},
      {"t:syscalls:nosuch_* { }", "1:1", "no tracepoint matches tracepoint:syscalls:nosuch_*",
       "^~~~~~~~~~~~~~~~~~~"},
      {"tracepoint:syscalls { }", "1:1", "tracepoint probes are written tracepoint:CATEGORY:EVENT",
       "^~~~~~~~~~~~~~~~~~~"},
      {"interval:s { }", "1:1",
       "interval probes take a duration or a unit and a count, e.g. interval:1s, interval:s:1 or "
       "interval:hz:99",
       "^~~~~~~~~~"},
      {"interval:x:1 { }", "1:1", "invalid interval unit 'x': expected s, ms, us or hz",
       "^~~~~~~~~~~~"},
      {"interval:s:0 { }", "1:1", "invalid interval count '0': expected a positive integer",
       "^~~~~~~~~~~~"},
      {"interval:s:abc { }", "1:1", "invalid interval count 'abc': expected a positive integer",
       "^~~~~~~~~~~~~~"},
      {"interval:hz:2000000000 { }", "1:1", "interval frequency is too high",
       "^~~~~~~~~~~~~~~~~~~~~~"},
      {"software:nosuch { }", "1:1", "unknown software event 'nosuch'", "^~~~~~~~~~~~~~~"},
      {"rawtracepoint:sched_* { }", "1:1",
       "raw tracepoint probes are written rawtracepoint[:MODULE]:EVENT (no wildcards)",
       "^~~~~~~~~~~~~~~~~~~~~"},
      {"BEGIN, END { }", "1:1",
       "BEGIN, END, self:signal, bench and test must each have an action block of their own",
       "^~~~~"},
      {"BEGIN:x { }", "1:1", "BEGIN is written alone, without ':'", "^~~~~~~"},
      {"w:0x1000:3:w { }", "1:1", "watchpoint length must be one of (1,2,4,8), not '3'",
       "^~~~~~~~~~~~"},
      // The spec in error is underlined, not the first one of the block.
      {"BEGIN { }\ninterval:s:1, interval:q:1 { }", "2:15",
       "invalid interval unit 'q': expected s, ms, us or hz", "              ^~~~~~~~~~~~"},
  });
}

TEST(SemaErrors, BeginMixedWithOtherProbesIsAnErrorAtBegin) {
  auto r = analyze_script("BEGIN, interval:s:1 { }");
  EXPECT_FALSE(r->sema);
  EXPECT_EQ(r->diagnostics().rfind("test.bt:1:1: error: ", 0), 0u) << r->diagnostics();
}

TEST(SemaErrors, Variables) {
  check_cases({
      {"BEGIN { print($x) }", "1:15", "undefined variable: $x", "              ^~"},
      // Used before its first assignment in the probe.
      {"BEGIN { print($x); $x = 1 }", "1:15", "undefined variable: $x", "              ^~"},
      // Variables belong to their probe.
      {"BEGIN { $x = 1 } END { print($x) }", "1:30", "undefined variable: $x",
       "                             ^~"},
      {"BEGIN { $x = 1; $x = \"a\" }", "1:17",
       "type mismatch for $x: trying to assign a value of type string[2] when the variable "
       "already holds int64",
       "                ^~~~~~~~"},
      {"BEGIN { let $x = 1; let $x = 2; }", "1:25", "variable $x is already declared",
       "                        ^~"},
      {"BEGIN { let $x; print($x); }", "1:23",
       "$x is declared without a type and never assigned: it has no value yet",
       "                      ^~"},
      {"BEGIN { let $x: uint8 = \"a\"; }", "1:25",
       "cannot assign a value of type string[2] to $x declared as uint8",
       "                        ^~~"},
      {"BEGIN { $x = count() }", "1:14", "count() must be assigned to a map, not a variable",
       "             ^~~~~~~"},
      {"BEGIN { $x = printf(\"a\") }", "1:14",
       "printf() does not return a value: it can only be used as a statement",
       "             ^~~~~~~~~~~"},
      {"BEGIN { $x = print(1) }", "1:14",
       "print() does not return a value: it can only be used as a statement",
       "             ^~~~~~~~"},
      {"BEGIN { $x = 1; $x += \"a\" }", "1:23",
       "compound assignment needs an integer value, not string[2]", "                      ^~~"},
      {"BEGIN { $x = $0 }", "1:14", "positional parameters start at $1", "             ^~"},
  });
}

TEST(SemaErrors, CompoundAssignmentToAStringVariableNamesItWithItsDollar) {
  // Maps are named "@x" in this message; variables were named "x", without the '$'.
  check_cases({
      {"BEGIN { $x = \"a\"; $x += 1 }", "1:19",
       "compound assignment needs an integer, $x is string[2]", "                  ^~"},
      {"BEGIN { @x = \"a\"; @x += 1 }", "1:19",
       "compound assignment needs an integer, @x is string[2]", "                  ^~"},
  });
}

TEST(SemaErrors, Maps) {
  check_cases({
      {"BEGIN { $y = @x }", "1:14", "undefined map: @x is never assigned", "             ^~"},
      {"BEGIN { print(@x) }", "1:15", "undefined map: @x is never assigned", "              ^~"},
      {"BEGIN { clear(@x) }", "1:15", "undefined map: @x is never assigned", "              ^~"},
      {"BEGIN { @x = 1; @x[1] = 2 }", "1:17", "@x is used without a key elsewhere",
       "                ^~~~~"},
      {"BEGIN { @x[1] = 2; @x = 1 }", "1:20", "@x is used with a key elsewhere",
       "                   ^~"},
      {"BEGIN { @x[1] = 1; @x[\"a\"] = 2 }", "1:20",
       "the key of @x has type string[2], but it was first used with int64",
       "                   ^~~~~~~"},
      {"BEGIN { @x[1, \"a\"] = 1; @x[1] = 2 }", "1:25",
       "the key of @x has type int64, but it was first used with (int64,string[2])",
       "                        ^~~~~"},
      {"BEGIN { @x = 1; @x = \"a\" }", "1:17",
       "type mismatch for @x: trying to assign a value of type string[2] when the map already "
       "holds int64",
       "                ^~~~~~~~"},
      {"BEGIN { @x = count(); @x = sum(1) }", "1:23",
       "type mismatch for @x: trying to assign a value of type sum when the map already holds "
       "count",
       "                      ^~~~~~~~~~~"},
      {"BEGIN { @x = hist(1); $y = @x }", "1:28",
       "the value of @x (hist) cannot be used in an expression; print it instead",
       "                           ^~"},
      {"BEGIN { @x = stats(1); $y = @x + 1 }", "1:29",
       "the value of @x (stats) cannot be used in an expression; print it instead",
       "                            ^~"},
      {"BEGIN { @x[count()] = 1 }", "1:12",
       "a map key must be an integer, a string or a tuple, not count", "           ^~~~~~~"},
      {"BEGIN { count() }", "1:9", "count() must be assigned to a map, e.g. @x = count(...)",
       "        ^~~~~~~"},
      {"BEGIN { @x += count() }", "1:9", "compound assignment of count() is not allowed",
       "        ^~~~~~~~~~~~~"},
      {"BEGIN { $t = (1, count()) }", "1:18", "a tuple cannot hold a value of type count",
       "                 ^~~~~~~"},
  });
}

TEST(SemaErrors, LhistBoundsMismatch) {
  auto r = analyze_script("BEGIN { @x = lhist(1, 0, 100, 10); @x = lhist(1, 0, 200, 10) }");
  EXPECT_FALSE(r->sema);
  EXPECT_EQ(r->diagnostics().rfind("test.bt:1:36: error: type mismatch for @x", 0), 0u)
      << r->diagnostics();
}

TEST(SemaErrors, CompoundAssignmentToAnAggregationMapIsRejected) {
  // bpftrace: "Type mismatch for @x: trying to assign value of type 'int64' when map already
  // contains a value of type 'count'". btc accepted it and printed @x: 2.
  auto r = analyze_script("BEGIN { @x = count(); @x += 1 }");
  EXPECT_FALSE(r->sema);
  EXPECT_EQ(r->diagnostics().rfind("test.bt:1:23: error: ", 0), 0u) << r->diagnostics();
}

TEST(SemaErrors, DeleteOfAKeyedMapNeedsAKey) {
  // bpftrace: "Argument mismatch for @x: trying to access with arguments: [] when map expects
  // arguments: [unsigned int64]". btc accepted it, and the tool deleted nothing.
  auto r = analyze_script("BEGIN { @x[1] = 1; delete(@x) }");
  EXPECT_FALSE(r->sema);
  EXPECT_EQ(r->diagnostics().rfind("test.bt:1:", 0), 0u) << r->diagnostics();
}

TEST(SemaErrors, Expressions) {
  check_cases({
      {"BEGIN { $x = \"a\" + 1 }", "1:14", "operator '+' cannot be applied to string[2] and int64",
       "             ^~~~~~~"},
      {"BEGIN { $x = \"a\" < \"b\" }", "1:14",
       "operator '<' cannot be applied to string[2] and string[2]", "             ^~~~~~~~~"},
      {"BEGIN { $x = -\"a\" }", "1:14", "operator '-' cannot be applied to string[2]",
       "             ^~~~"},
      {"BEGIN { $x = !comm }", "1:14", "operator '!' cannot be applied to string[16]",
       "             ^~~~~"},
      {"BEGIN { $x = (uint8)\"a\" }", "1:14", "cannot cast string[2] to uint8",
       "             ^~~~~~~~~~"},
      {"BEGIN { $x = 1 ? \"a\" : 2 }", "1:14",
       "the branches of the conditional have different types: string[2] and int64",
       "             ^~~~~~~~~~~"},
      {"BEGIN { $x = 1 ? \"a\" : (1, 2) }", "1:14",
       "the branches of the conditional have different types: string[2] and (int64,int64)",
       "             ^~~~~~~~~~~~~~~~"},
      {"BEGIN { if (\"a\") { } }", "1:12", "the condition must be an integer, not string[2]",
       "           ^~~~~"},
      {"BEGIN /comm/ { }", "1:8", "the predicate must be an integer, not string[16]",
       "       ^~~~"},
      {"BEGIN { while (\"a\") { } }", "1:16",
       "the loop condition must be an integer, not string[2]", "               ^~~"},
      {"BEGIN { $x = \"a\" ? 1 : 2 }", "1:14", "the condition must be an integer, not string[2]",
       "             ^~~"},
      {"BEGIN { break; }", "1:9", "break outside of a loop", "        ^~~~~"},
      {"BEGIN { unroll(2) { continue; } }", "1:21", "continue outside of a loop",
       "                    ^~~~~~~~"},
      {"BEGIN { 1++ }", "1:9", "'++' can only be applied to a variable or map", "        ^~~"},
      {"BEGIN { --(1 + 2) }", "1:9", "'--' can only be applied to a variable or map",
       "        ^~~~~~~~~"},
      {"BEGIN { $s = \"a\"; $s++ }", "1:19", "'++' needs an integer, not string[2]",
       "                  ^~~~"},
      // A tab before the error is kept in the underline so that the caret lines up.
      {"BEGIN {\n\t$x = \"a\" + 1;\n}", "2:7",
       "operator '+' cannot be applied to string[2] and int64", "\t     ^~~~~~~"},
      // A range over several lines is underlined to the end of its first line.
      {"BEGIN {\n  $x = 1\n    + \"a\";\n}", "2:8",
       "operator '+' cannot be applied to int64 and string[2]", "       ^"},
  });
}

TEST(SemaErrors, KstackArguments) {
  check_cases({
      {"BEGIN { @[kstack(0)] = count() }", "1:18", "kstack() takes 1 to 127 frames, not 0",
       "                 ^"},
      {"BEGIN { @[kstack(perf, 128)] = count() }", "1:24",
       "kstack() takes 1 to 127 frames, not 128", "                       ^~~"},
      {"BEGIN { @[kstack(3, perf)] = count() }", "1:18",
       "kstack() expects a stack mode here: bpftrace, perf or raw", "                 ^"},
      {"BEGIN { @[kstack(user)] = count() }", "1:18",
       "kstack() expects a stack mode (bpftrace, perf or raw) or a frame limit, not 'user'",
       "                 ^~~~"},
      {"BEGIN { @[kstack(\"a\")] = count() }", "1:18", "kstack() expects an integer literal here",
       "                 ^~~"},
      {"BEGIN { @[kstack(perf, 1, 2)] = count() }", "1:11",
       "kstack() takes at most 2 arguments (3 given)", "          ^~~~~~~~~~~~~~~~~~"},
      {"BEGIN { $x = kstack + 1 }", "1:14",
       "operator '+' cannot be applied to kstack(bpftrace, 127) and int64",
       "             ^~~~~~~~~~"},
      {"BEGIN { @[kstack] = count(); @[kstack(2)] = count() }", "1:30",
       "the key of @ has type kstack(bpftrace, 2), but it was first used with "
       "kstack(bpftrace, 127)",
       "                             ^~~~~~~~~~~~"},
  });
}

TEST(SemaErrors, UserStacksAndSymbols) {
  check_cases({
      {"i:s:1 { @[ustack(0)] = count() }", "1:18", "ustack() takes 1 to 127 frames, not 0",
       "                 ^"},
      {"i:s:1 { @[ustack(perf, 128)] = count() }", "1:24",
       "ustack() takes 1 to 127 frames, not 128", "                       ^~~"},
      {"i:s:1 { @[ustack(3, perf)] = count() }", "1:18",
       "ustack() expects a stack mode here: bpftrace, perf or raw", "                 ^"},
      {"i:s:1 { @[ustack(kernel)] = count() }", "1:18",
       "ustack() expects a stack mode (bpftrace, perf or raw) or a frame limit, not 'kernel'",
       "                 ^~~~~~"},
      {"i:s:1 { @[ustack] = count(); @[ustack(perf, 2)] = count() }", "1:30",
       "the key of @ has type ustack(perf, 2), but it was first used with "
       "ustack(bpftrace, 127)",
       "                             ^~~~~~~~~~~~~~~~~~"},
      {"i:s:1 { @[kstack] = count(); @[ustack] = count() }", "1:30",
       "the key of @ has type ustack(bpftrace, 127), but it was first used with "
       "kstack(bpftrace, 127)",
       "                             ^~~~~~~~~"},
      {"i:s:1 { $x = usym(1) + 1 }", "1:14", "operator '+' cannot be applied to usym and int64",
       "             ^~~~~~~~~~~"},
      {"i:s:1 { $x = uaddr(\"main\") }", "1:14",
       "uaddr() can only be used in uprobe, uretprobe and usdt probes",
       "             ^~~~~~~~~~~~~"},
      {"usdt:*:a:b { $x = uaddr(\"main\") }", "1:19",
       "uaddr() names a symbol of the probe's file, but usdt:*:a:b names no one file: write "
       "the file (usdt:FILE:...)",
       "                  ^~~~~~~~~~~~~"},
  });
}

TEST(SemaErrors, FieldsAndBuiltins) {
  check_cases({
      {"BEGIN { $t = (1, 2); $x = $t.2 }", "1:27", "tuple index 2 is out of range (2 elements)",
       "                          ^~~~"},
      {"BEGIN { $t = (1, 2); $x = $t.a }", "1:27",
       "tuple elements are accessed by index, e.g. $t.0", "                          ^~~~"},
      {"BEGIN { $x = 1; $y = $x.foo }", "1:22",
       "cannot access field 'foo' of a value of type int64", "                     ^~~~~~"},
      {"BEGIN { $x = args.foo }", "1:14",
       "args can only be used in tracepoint, rawtracepoint, kfunc/kretfunc and uprobe probes",
       "             ^~~~"},
      {"t:syscalls:sys_enter_openat { $x = args.nosuch }", "1:36",
       "tracepoint tracepoint:syscalls:sys_enter_openat has no field 'nosuch'",
       "                                   ^~~~~~~~~~~"},
      // Every tracepoint of the block must have the field.
      {"t:syscalls:sys_enter_openat,t:syscalls:sys_enter_read { $x = args.filename }", "1:62",
       "tracepoint tracepoint:syscalls:sys_enter_read has no field 'filename'",
       "                                                             ^~~~~~~~~~~~~"},
      // args as a value is a tracepoint's record of its fields (tests/e2e/cases/args_as_value.bt);
      // elsewhere only its fields are read.
      {"rawtracepoint:sched_switch { $x = args }", "1:35",
       "args as a value is only supported in tracepoints; read its fields instead (args.field)",
       "                                  ^~~~"},
      {"rawtracepoint:sched_switch { @x = args }", "1:35",
       "args as a value is only supported in tracepoints; read its fields instead (args.field)",
       "                                  ^~~~"},
      {"rawtracepoint:sched_switch { print(args) }", "1:36",
       "args as a value is only supported in tracepoints; read its fields instead (args.field)",
       "                                   ^~~~"},
      {"BEGIN { $x = arg0 }", "1:14",
       "arg0 can only be used in kprobe, uprobe, usdt and rawtracepoint probes; tracepoints and "
       "kfuncs "
       "use args",
       "             ^~~~"},
      {"rt:sched_switch { $x = arg12 }", "1:24",
       "raw tracepoints and USDT probes have at most 12 arguments (arg0 .. arg11)",
       "                       ^~~~~"},
      {"BEGIN { $x = retval }", "1:14",
       "retval can only be used in return probes (kretprobe, kretfunc, uretprobe)",
       "             ^~~~~~"},
      {"BEGIN { $x = ustack }", "1:14",
       "ustack can only be used in probes of traced processes, not in BEGIN, END, self, bench or "
       "test "
       "(they run "
       "in "
       "the tool itself)",
       "             ^~~~~~"},
      {"END { $x = ustack(3) }", "1:12",
       "ustack() can only be used in probes of traced processes, not in BEGIN, END, self, bench or "
       "test "
       "(they "
       "run "
       "in the tool itself)",
       "           ^~~~~~~~~"},
      {"i:s:1 { $x = has_cpid + 1 }", "1:14", "operator '+' cannot be applied to bool and int64",
       "             ^~~~~~~~~~~~"},
      {"BEGIN { $x = foo }", "1:14", "unknown identifier 'foo'", "             ^~~"},
      // Every probe of the block must have the builtin, not only the first.
      {"t:syscalls:sys_enter_openat, rt:sched_switch { $x = args.filename }", "1:53",
       "args means different things in tracepoint:syscalls:sys_enter_openat and "
       "rawtracepoint:sched_switch: read it in separate probe blocks",
       "                                                    ^~~~"},
      {"interval:s:1, rt:sched_switch { $x = args.prev }", "1:38",
       "args can only be used in tracepoint, rawtracepoint, kfunc/kretfunc and uprobe probes",
       "                                     ^~~~"},
      {"rt:sched_switch, interval:s:1 { $x = arg0 }", "1:38",
       "arg0 can only be used in kprobe, uprobe, usdt and rawtracepoint probes; tracepoints and "
       "kfuncs "
       "use args",
       "                                     ^~~~"},
      // A family is known for every index.
      {"BEGIN { $x = sarg3 }", "1:14", "sarg3 can only be used in kprobe and uprobe probes",
       "             ^~~~~"},
      {"BEGIN { $x = arg }", "1:14", "unknown identifier 'arg'", "             ^~~"},
  });
}

TEST(SemaErrors, Calls) {
  check_cases({
      {"BEGIN { foo() }", "1:9", "unknown function 'foo'", "        ^~~~~"},
      {"BEGIN { exit(1, 2) }", "1:9", "exit() takes at most 1 argument (2 given)",
       "        ^~~~~~~~~~"},
      {"BEGIN { @x = count(1) }", "1:14", "count() takes no arguments (1 given)",
       "             ^~~~~~~~"},
      {"BEGIN { @x = sum() }", "1:14", "sum() takes exactly 1 argument (0 given)",
       "             ^~~~~"},
      {"BEGIN { @x = sum(\"a\") }", "1:18", "sum() expects an integer argument, not string[2]",
       "                 ^~~"},
      {"BEGIN { @x = lhist(1, 0, 100) }", "1:14", "lhist() takes exactly 4 arguments (3 given)",
       "             ^~~~~~~~~~~~~~~~"},
      {"BEGIN { @x = lhist(1, -1, 100, 10) }", "1:23", "lhist() min must be non-negative",
       "                      ^~"},
      {"BEGIN { @x = lhist(1, 10, 10, 1) }", "1:27", "lhist() max must be greater than min",
       "                          ^~"},
      {"BEGIN { @x = lhist(1, 0, 10, 0) }", "1:30", "lhist() step must be positive",
       "                             ^"},
      {"BEGIN { @x = lhist(1, 0, 10000, 1) }", "1:33",
       "lhist() has too many buckets (at most 1000)", "                                ^"},
      {"BEGIN { $a = 1; @x = lhist(1, $a, 10, 1) }", "1:31",
       "lhist() expects an integer literal here", "                              ^~"},
      {"BEGIN { print(1, 2) }", "1:18", "print() of a value takes no other arguments",
       "                 ^"},
      {"BEGIN { print(1, 2, 3, 4) }", "1:9", "print() takes at most 3 arguments (4 given)",
       "        ^~~~~~~~~~~~~~~~~"},
      {"BEGIN { @x = 1; print(@x, $y) }", "1:27", "print() expects an integer literal here",
       "                          ^~"},
      {"BEGIN { print(count()) }", "1:15", "print() cannot print a value of type count",
       "              ^~~~~~~"},
      {"BEGIN { delete(1) }", "1:16", "delete() expects a map, e.g. delete(@m)",
       "               ^"},
      {"BEGIN { @x[1] = 1; clear(@x[1]) }", "1:26", "clear() expects a map, e.g. clear(@m)",
       "                         ^~~~~"},
      {"BEGIN { time(1) }", "1:14", "time() expects a string literal format", "             ^"},
      {"BEGIN { $n = strncmp(\"abc\", \"xyz\", -1) }", "1:36",
       "strncmp() needs a non-negative length, not -1", "                                   ^~"},
      {"BEGIN { $n = strncmp(\"abc\", \"xyz\", 18446744073709551615) }", "1:36",
       "strncmp() needs a non-negative length, not -1",
       "                                   ^~~~~~~~~~~~~~~~~~~~"},
      {"BEGIN { $n = strncmp(\"abc\", \"xyz\", $1) }", "1:36",
       "strncmp() expects an integer literal here", "                                   ^~"},
      {"BEGIN { printf() }", "1:9", "printf() takes at least 1 argument (0 given)",
       "        ^~~~~~~~"},
      {"BEGIN { printf(1) }", "1:16", "printf() expects a string literal as its format",
       "               ^"},
      {"BEGIN { printf(\"%d\", (1, 2)) }", "1:22",
       "printf() cannot print a value of type (int64,int64)", "                     ^~~~~~"},
      {"t:syscalls:sys_enter_openat { printf(\"%s\", args) }", "1:44",
       "printf() cannot print a value of type args",
       "                                           ^~~~"},
  });
}

TEST(SemaErrors, PrintfFormats) {
  // printf argument errors keep bpftrace's wording and underline the whole call.
  check_cases({
      {"BEGIN { printf(\"%d\") }", "1:9",
       "printf: Not enough arguments for format string (0 supplied, 1 expected)",
       "        ^~~~~~~~~~~~"},
      {"BEGIN { printf(\"%d %s\", 1) }", "1:9",
       "printf: Not enough arguments for format string (1 supplied, 2 expected)",
       "        ^~~~~~~~~~~~~~~~~~"},
      {"BEGIN { printf(\"%s\", \"a\", 2) }", "1:9",
       "printf: Too many arguments for format string (2 supplied, 1 expected)",
       "        ^~~~~~~~~~~~~~~~~~~~"},
      {"BEGIN { printf(\"%d\", \"a\") }", "1:9",
       "printf: %d specifier expects a value of type integer (string supplied)",
       "        ^~~~~~~~~~~~~~~~~"},
      {"BEGIN { printf(\"%s\", 1) }", "1:9",
       "printf: %s specifier expects a value of type string (integer supplied)",
       "        ^~~~~~~~~~~~~~~"},
      {"BEGIN { printf(\"%q\", 1) }", "1:9",
       "printf: unknown conversion specifier '%q' in the format string", "        ^~~~~~~~~~~~~~~"},
  });
}

TEST(SemaErrors, OneErrorPerMistake) {
  // A call whose argument is wrong gets that error only: not also "str() does not return a
  // value" at the assignment, which is untrue.
  check_cases({
      {"BEGIN { $x = str(\"a\", \"b\") }", "1:23",
       "str() expects an integer argument, not string[2]", "                      ^~~"},
      {"BEGIN { $x = str((1, 2)) }", "1:18",
       "str() expects a pointer or a string, not (int64,int64)", "                 ^~~~~~"},
      {"BEGIN { $x = strncmp(1, \"a\", 1) }", "1:22", "strncmp() expects strings, not int64",
       "                     ^"},
      {"BEGIN { $x = strncmp(\"a\", \"a\", $y) }", "1:32",
       "strncmp() expects an integer literal here", "                               ^~"},
      {"BEGIN { $x = strcontains(comm, 1) }", "1:32", "strcontains() expects strings, not int64",
       "                               ^"},
      {"BEGIN { $x = strftime(1, nsecs) }", "1:23", "strftime() expects a string literal format",
       "                      ^"},
      {"BEGIN { $x = strftime(\"%H\", \"a\") }", "1:29",
       "strftime() expects an integer argument, not string[2]", "                            ^~~"},
      {"BEGIN { $x = bswap(\"a\") }", "1:20", "bswap() expects an integer argument, not string[2]",
       "                   ^~~"},
      {"BEGIN { $x = usym(\"a\") }", "1:19", "usym() expects an integer argument, not string[2]",
       "                  ^~~"},
      {"BEGIN { $x = socket_cookie(1) }", "1:14",
       "socket_cookie() can only be used in kfunc and kretfunc probes",
       "             ^~~~~~~~~~~~~~~~"},
      {"BEGIN { $x = percpu_kaddr(1) }", "1:27",
       "percpu_kaddr() expects a string literal: the per-CPU variable's name",
       "                          ^"},
  });
}

TEST(SemaErrors, EveryErrorIsReported) {
  std::string script = "BEGIN { $a = $b; $c = $d }\nEND { @x = \"s\" + 1 }";
  EXPECT_EQ(diagnostics_of(script), "test.bt:1:14: error: undefined variable: $b\n"
                                    "BEGIN { $a = $b; $c = $d }\n"
                                    "             ^~\n"
                                    "test.bt:1:23: error: undefined variable: $d\n"
                                    "BEGIN { $a = $b; $c = $d }\n"
                                    "                      ^~\n"
                                    "test.bt:2:12: error: operator '+' cannot be applied to "
                                    "string[2] and int64\n"
                                    "END { @x = \"s\" + 1 }\n"
                                    "           ^~~~~~~\n");
  EXPECT_EQ(analyze_script(script)->diags.errors(), 3u);
}

TEST(SemaErrors, EveryProbeSpecErrorIsReported) {
  EXPECT_EQ(diagnostics_of("foo, interval:s:0 { }"), "test.bt:1:1: error: unknown probe 'foo'\n"
                                                     "foo, interval:s:0 { }\n"
                                                     "^~~\n"
                                                     "test.bt:1:6: error: invalid interval count "
                                                     "'0': expected a positive integer\n"
                                                     "foo, interval:s:0 { }\n"
                                                     "     ^~~~~~~~~~~~\n");
}

// ---- accepted scripts: inferred types and facts -------------------------------------------------

const Type kI64 = Type::integer();
const Type kU64 = Type::integer(64, false);

// Analyzes a script that must be accepted.
std::unique_ptr<test::Compiled> ok(const std::string& script) {
  auto r = analyze_script(script);
  EXPECT_TRUE(r->sema) << script << "\n" << r->diagnostics();
  EXPECT_EQ(r->diagnostics(), "") << script;
  return r;
}

// The type of variable `name` in probe `probe`, as sema recorded it.
Type var_type(const test::Compiled& c, const std::string& name, size_t probe = 0) {
  if (!c.sema || probe >= c.sema->probes.size()) return Type::none();
  auto it = c.sema->probes[probe].vars.find(name);
  return it == c.sema->probes[probe].vars.end() ? Type::none() : it->second.type;
}

const MapInfo* map_info(const test::Compiled& c, const std::string& name) {
  if (!c.sema) return nullptr;
  auto it = c.sema->maps.find(name);
  return it == c.sema->maps.end() ? nullptr : &it->second;
}

Type map_value(const test::Compiled& c, const std::string& name) {
  const MapInfo* m = map_info(c, name);
  return m ? m->value : Type::none();
}

Type map_key(const test::Compiled& c, const std::string& name) {
  const MapInfo* m = map_info(c, name);
  return m ? m->key : Type::none();
}

TEST(SemaTypes, StringsWidenToTheLargestAssigned) {
  auto r = ok("BEGIN { $s = \"a\"; $s = \"abcdef\"; @m = \"xy\"; @m = comm; @m = \"z\"; }");
  EXPECT_EQ(var_type(*r, "s"), Type::string(7));
  EXPECT_EQ(map_value(*r, "@m"), Type::string(16));
  // The first assignment's target node carries the final (widened) type too.
  const Stmt& first = *r->program->probes[0].body[0];
  EXPECT_EQ(first.target->type, Type::string(7));
  EXPECT_EQ(first.value->type, Type::string(2));
}

TEST(SemaTypes, MapTypesAreProgramWideAndWidenAcrossProbes) {
  // @s is read in BEGIN before the END block that widens it is seen.
  auto r = ok("BEGIN { @s = \"a\"; printf(\"%s\\n\", @s); } END { @s = \"abcdefgh\"; }");
  EXPECT_EQ(map_value(*r, "@s"), Type::string(9));
  EXPECT_EQ(r->program->probes[0].body[0]->target->type, Type::string(9));
}

TEST(SemaTypes, MapReadInAProbeBeforeTheOneAssigningIt) {
  auto r = ok("BEGIN { @y = @x + 1; } END { @x = 5; }");
  EXPECT_EQ(map_value(*r, "@x"), kI64);
  EXPECT_EQ(map_value(*r, "@y"), kI64);
}

TEST(SemaTypes, MapChainsAssignedInReverseOrderSettle) {
  // Each link is assigned in a probe written after the one reading it: one inference pass per
  // link (bpftrace accepts this and prints `@a: 0`).
  auto r = ok("BEGIN { @a = @b; exit(); } interval:s:1 { @b = @c; } interval:s:2 { @c = 1; }");
  EXPECT_EQ(map_value(*r, "@a"), kI64);
  EXPECT_EQ(map_value(*r, "@b"), kI64);
  EXPECT_EQ(r->program->probes[0].body[0]->value->type, kI64);
  // Longer chains, through variables and keys, and a string that widens at the far end.
  auto c = ok("BEGIN { $v = @b[@k]; @a = $v; } i:s:1 { @b[1] = @c; } i:s:2 { @c = @d; } "
              "i:s:3 { @d = @e; } i:s:4 { @e = \"x\"; @k = 1; } END { @e = \"longer\"; }");
  EXPECT_EQ(map_value(*c, "@a"), Type::string(7));
  EXPECT_EQ(var_type(*c, "v"), Type::string(7));
  EXPECT_EQ(map_key(*c, "@b"), kI64);
}

TEST(SemaTypes, VariablesAreLocalToTheirProbe) {
  auto r = ok("BEGIN { $x = 1; } END { $x = \"s\"; }");
  ASSERT_EQ(r->sema->probes.size(), 2u);
  EXPECT_EQ(var_type(*r, "x", 0), kI64);
  EXPECT_EQ(var_type(*r, "x", 1), Type::string(2));
}

TEST(SemaTypes, IntegerVariablesAndMaps) {
  auto r = ok("BEGIN { $a = 1; $b = pid; $c = (int32)1; $d = (uint8)1; $e = -1; @a = (int32)1; "
              "@b = pid; @c = $d; }");
  EXPECT_EQ(var_type(*r, "a"), kI64);
  EXPECT_EQ(var_type(*r, "b"), kU64);
  EXPECT_EQ(var_type(*r, "c"), Type::integer(32, true));
  EXPECT_EQ(var_type(*r, "d"), Type::integer(8, false));
  EXPECT_EQ(var_type(*r, "e"), kI64);
  EXPECT_EQ(var_type(*r, "c").bits(), 32); // a variable keeps the width of its first value
  // Map values are stored in 64 bits.
  EXPECT_EQ(map_value(*r, "@a"), kI64);
  EXPECT_EQ(map_value(*r, "@a").bits(), 64);
  EXPECT_EQ(map_value(*r, "@b"), kU64);
  EXPECT_EQ(map_value(*r, "@c"), kU64);
  EXPECT_EQ(map_value(*r, "@c").bits(), 64);
}

TEST(SemaTypes, LetDeclarations) {
  auto r = ok("BEGIN { let $a: uint8 = 5; let $b = \"s\"; let $c: int16; $c = 1; $d = 1; }");
  const auto& vars = r->sema->probes[0].vars;
  EXPECT_EQ(var_type(*r, "a"), Type::integer(8, false));
  EXPECT_EQ(var_type(*r, "a").bits(), 8);
  EXPECT_TRUE(vars.at("a").is_let);
  EXPECT_EQ(var_type(*r, "b"), Type::string(2));
  EXPECT_TRUE(vars.at("b").is_let);
  EXPECT_EQ(var_type(*r, "c").bits(), 16);
  EXPECT_TRUE(vars.at("c").is_let);
  EXPECT_FALSE(vars.at("d").is_let);
}

TEST(SemaTypes, Tuples) {
  auto r = ok("BEGIN { $t = (1, \"ab\", comm); @t = (pid, (int8)-1, \"x\"); "
              "$n = ((1, \"a\"), 2); $e = $n.0.1; }");
  EXPECT_EQ(var_type(*r, "t"), Type::tuple({kI64, Type::string(3), Type::string(16)}));
  // Tuple elements are 64-bit integers.
  Type t = map_value(*r, "@t");
  EXPECT_EQ(t, Type::tuple({kU64, kI64, Type::string(2)}));
  ASSERT_EQ(t.elems().size(), 3u);
  EXPECT_EQ(t.elems()[1].bits(), 64);
  EXPECT_EQ(var_type(*r, "n"), Type::tuple({Type::tuple({kI64, Type::string(2)}), kI64}));
  EXPECT_EQ(var_type(*r, "e"), Type::string(2));
}

TEST(SemaTypes, TupleStringsWidenElementwise) {
  auto r = ok("BEGIN { @t = (1, \"a\"); @t = (2, \"abcd\"); $v = (\"abc\", 1); $v = (\"a\", 2); }");
  EXPECT_EQ(map_value(*r, "@t"), Type::tuple({kI64, Type::string(5)}));
  EXPECT_EQ(var_type(*r, "v"), Type::tuple({Type::string(4), kI64}));
}

TEST(SemaTypes, AggregationKinds) {
  auto r = ok("BEGIN { @c = count(); @s = sum(1); @mn = min(1); @mx = max(1); @a = avg(1); "
              "@st = stats(1); @h = hist(1); @l = lhist(1, 10, 100, 5); @k[comm] = count(); }");
  EXPECT_EQ(map_value(*r, "@c").kind(), TypeKind::Count);
  EXPECT_EQ(map_value(*r, "@s").kind(), TypeKind::Sum);
  EXPECT_EQ(map_value(*r, "@mn").kind(), TypeKind::Min);
  EXPECT_EQ(map_value(*r, "@mx").kind(), TypeKind::Max);
  EXPECT_EQ(map_value(*r, "@a").kind(), TypeKind::Avg);
  EXPECT_EQ(map_value(*r, "@st").kind(), TypeKind::Stats);
  EXPECT_EQ(map_value(*r, "@h").kind(), TypeKind::Hist);
  Type l = map_value(*r, "@l");
  EXPECT_EQ(l.kind(), TypeKind::LHist);
  EXPECT_EQ(l.lhist_min(), 10);
  EXPECT_EQ(l.lhist_max(), 100);
  EXPECT_EQ(l.lhist_step(), 5);
  EXPECT_EQ(map_value(*r, "@k").kind(), TypeKind::Count);
  EXPECT_EQ(map_key(*r, "@k"), Type::string(16));
}

// As in current bpftrace: count(), sum(), min(), max() and avg() read as integers (their total
// over the CPUs); a count is unsigned, the others signed. stats(), hist(), lhist() are not.
TEST(SemaTypes, AggregationValuesAreRead) {
  auto r = ok("BEGIN { @c = count(); @s = sum(5); @m = max(1); @a = avg(2); $c = @c + 1; "
              "$s = @s; $m = @m; $a = @a; if (@s > 1) { printf(\"%d %d\\n\", @m, @a); } }");
  const auto& vars = r->sema->probes[0].vars;
  EXPECT_EQ(type_name(vars.at("c").type), "uint64");
  EXPECT_EQ(type_name(vars.at("s").type), "int64");
  EXPECT_EQ(type_name(vars.at("m").type), "int64");
  EXPECT_EQ(type_name(vars.at("a").type), "int64");
  for (const char* script : {"BEGIN { @h = hist(1); $x = @h + 1; }",
                             "BEGIN { @l = lhist(1, 0, 10, 1); if (@l > 1) { exit(); } }",
                             "BEGIN { @s = stats(1); printf(\"%d\\n\", @s); }"}) {
    auto bad = analyze_script(script);
    EXPECT_FALSE(bad->sema) << script;
    EXPECT_NE(bad->diagnostics().find("cannot be used in an expression"), std::string::npos)
        << bad->diagnostics();
  }
}

TEST(SemaTypes, MapKeys) {
  auto r = ok("BEGIN { @scalar = 1; @int[1] = 1; @uint[pid] = 1; @narrow[(int8)1] = 1; "
              "@str[\"a\"] = 1; @str[\"abc\"] = 2; @multi[1, \"a\", comm] = 1; "
              "@tup[(1, \"a\")] = 1; @mixed[1] = 1; @mixed[pid] = 2; }");
  const MapInfo* scalar = map_info(*r, "@scalar");
  ASSERT_TRUE(scalar);
  EXPECT_FALSE(scalar->has_key);
  EXPECT_EQ(scalar->name, "@scalar");
  ASSERT_TRUE(map_info(*r, "@int"));
  EXPECT_TRUE(map_info(*r, "@int")->has_key);
  EXPECT_EQ(map_key(*r, "@int"), kI64);
  EXPECT_EQ(map_key(*r, "@uint"), kU64);
  // Integer keys are 64 bits whatever the width of the key expression.
  EXPECT_EQ(map_key(*r, "@narrow"), kI64);
  EXPECT_EQ(map_key(*r, "@narrow").bits(), 64);
  EXPECT_EQ(map_key(*r, "@str"), Type::string(4));
  // Several keys make a tuple key.
  EXPECT_EQ(map_key(*r, "@multi"), Type::tuple({kI64, Type::string(2), Type::string(16)}));
  EXPECT_EQ(map_key(*r, "@tup"), Type::tuple({kI64, Type::string(2)}));
  EXPECT_EQ(map_key(*r, "@mixed"), kU64);
}

TEST(SemaTypes, PointerKeysAndValuesAreUnsignedIntegers) {
  auto r = ok("t:syscalls:sys_enter_openat { @k[args.filename] = args.filename; "
              "$p = args.filename; }");
  EXPECT_EQ(map_key(*r, "@k"), kU64);
  EXPECT_EQ(map_value(*r, "@k"), kU64);
  Type p = var_type(*r, "p");
  EXPECT_EQ(p.kind(), TypeKind::Pointer);
  EXPECT_TRUE(p.points_to_char());
}

TEST(SemaTypes, MapFirstUse) {
  auto r = ok("BEGIN { $x = 1; @m[1] = 2; @m[2] = 3; }");
  const MapInfo* m = map_info(*r, "@m");
  ASSERT_TRUE(m);
  EXPECT_EQ(r->source.text().substr(m->first_use.begin, m->first_use.end - m->first_use.begin),
            "@m[1]");
}

TEST(SemaTypes, IncrementAndCompoundAssignmentDefineIntegerMaps) {
  auto r = ok("BEGIN { @a++; --@b[1]; @c += 5; @d[comm] |= 1; }");
  EXPECT_EQ(map_value(*r, "@a"), kI64);
  EXPECT_EQ(map_value(*r, "@b"), kI64);
  EXPECT_EQ(map_key(*r, "@b"), kI64);
  EXPECT_EQ(map_value(*r, "@c"), kI64);
  EXPECT_EQ(map_value(*r, "@d"), kI64);
  EXPECT_EQ(map_key(*r, "@d"), Type::string(16));
}

TEST(SemaTypes, TracepointFields) {
  auto r =
      ok("tracepoint:sched:sched_switch { $comm = args->prev_comm; $pid = args.next_pid; "
         "$state = args.prev_state; } "
         "tracepoint:syscalls:sys_exit_openat { $ret = args.ret; } "
         "tracepoint:syscalls:sys_enter_openat { $f = args.filename; $s = str(args->filename); }");
  EXPECT_EQ(var_type(*r, "comm", 0), Type::string(16));
  EXPECT_EQ(var_type(*r, "pid", 0), Type::integer(32, true));
  EXPECT_EQ(var_type(*r, "pid", 0).bits(), 32);
  EXPECT_EQ(var_type(*r, "state", 0), kI64);
  EXPECT_EQ(var_type(*r, "ret", 1), kI64);
  EXPECT_EQ(var_type(*r, "f", 2).kind(), TypeKind::Pointer);
  EXPECT_TRUE(var_type(*r, "f", 2).points_to_char());
  EXPECT_EQ(var_type(*r, "s", 2), Type::string(64));
}

TEST(SemaTypes, ConditionalOfStringsWidens) {
  auto r =
      ok("BEGIN { $t = pid ? \"a\" : \"abcd\"; $u = pid ? comm : \"x\"; $i = pid ? 1 : pid; }");
  EXPECT_EQ(var_type(*r, "t"), Type::string(5));
  EXPECT_EQ(var_type(*r, "u"), Type::string(16));
  EXPECT_EQ(var_type(*r, "i"), kU64);
}

TEST(SemaTypes, BuiltinsAndCalls) {
  auto r = ok("BEGIN { $pid = pid; $comm = comm; $n = nsecs; $probe = probe; "
              "$t = strftime(\"%H\", nsecs); $s = str($1); $c = strncmp(comm, \"a\", 1); "
              "$sz = sizeof(uint16); $cmp = comm == \"bash\"; }");
  EXPECT_EQ(var_type(*r, "pid"), kU64);
  EXPECT_EQ(var_type(*r, "comm"), Type::string(16));
  EXPECT_EQ(var_type(*r, "n"), kU64);
  EXPECT_EQ(var_type(*r, "probe"), Type::string(6)); // "BEGIN" and its NUL
  Type t = var_type(*r, "t");
  EXPECT_EQ(t.kind(), TypeKind::Timestamp);
  EXPECT_EQ(t.strftime_fmt(), "%H");
  EXPECT_EQ(var_type(*r, "s"), Type::string(64));
  EXPECT_EQ(var_type(*r, "c"), kU64);
  EXPECT_EQ(var_type(*r, "sz"), kU64);
  EXPECT_EQ(var_type(*r, "cmp").kind(), TypeKind::Int);
}

TEST(SemaTypes, BswapIsUnsignedOfTheArgumentsWidth) {
  // bpftrace 0.17 types bswap() as an unsigned integer of its argument's width:
  // `print(bswap(255))` prints 18374686479671623680 and `print(bswap((int8)-1))` prints 255.
  // btc kept the argument's sign and printed -72057594037927936 and -1.
  auto r = ok("BEGIN { $a = bswap(255); $b = bswap((int8)-1); $c = bswap((uint16)1); "
              "$d = bswap((int32)1); }");
  EXPECT_EQ(var_type(*r, "a"), kU64);
  EXPECT_EQ(var_type(*r, "b"), Type::integer(8, false));
  EXPECT_EQ(var_type(*r, "c"), Type::integer(16, false));
  EXPECT_EQ(var_type(*r, "c").bits(), 16);
  EXPECT_EQ(var_type(*r, "d"), Type::integer(32, false));
  EXPECT_EQ(var_type(*r, "d").bits(), 32);
}

TEST(SemaTypes, NegatingAnUnsignedValueStaysUnsigned) {
  // bpftrace 0.17: `$p = (uint64)5; print(-$p)` prints 18446744073709551611; btc printed -5.
  auto r = ok("BEGIN { $p = (uint64)5; $n = -$p; $q = -pid; $i = -5; }");
  EXPECT_EQ(var_type(*r, "n"), kU64);
  EXPECT_EQ(var_type(*r, "q"), kU64);
  EXPECT_EQ(var_type(*r, "i"), kI64);
}

TEST(SemaTypes, SuffixedLiteralsAreInt64AsInBpftrace) {
  // bpftrace 0.17 ignores the u/l suffixes for the type: `print(18446744073709551615u)` prints
  // -1 and `$x = 1u; print($x - 2)` prints -1. btc made them uint64 and printed
  // 18446744073709551615 for both.
  auto r = ok("BEGIN { $a = 18446744073709551615u; $b = 1u; $c = 1ul; $d = 1ll; }");
  EXPECT_EQ(var_type(*r, "a"), kI64);
  EXPECT_EQ(var_type(*r, "b"), kI64);
  EXPECT_EQ(var_type(*r, "c"), kI64);
  EXPECT_EQ(var_type(*r, "d"), kI64);
}

TEST(SemaTypes, IntegerLiteralsAreInt64) {
  auto r = ok("BEGIN { $a = 18446744073709551615; $b = 0x8000000000000000; $c = 'a'; }");
  EXPECT_EQ(var_type(*r, "a"), kI64);
  EXPECT_EQ(var_type(*r, "b"), kI64);
  EXPECT_EQ(var_type(*r, "c"), kI64);
}

// ---- probes, parameters and usage facts ---------------------------------------------------------

TEST(SemaFacts, PositionalParameterUsage) {
  auto r = ok("BEGIN { $a = $1; $b = str($2); $c = $3 + 1; $d = str($3); printf(\"%d\\n\", $#); }");
  const auto& params = r->sema->params;
  ASSERT_EQ(params.size(), 3u);
  EXPECT_TRUE(params.at(1).as_number);
  EXPECT_FALSE(params.at(1).as_string);
  EXPECT_FALSE(params.at(2).as_number);
  EXPECT_TRUE(params.at(2).as_string);
  EXPECT_TRUE(params.at(3).as_number);
  EXPECT_TRUE(params.at(3).as_string);
  EXPECT_TRUE(r->sema->uses_argc);
}

TEST(SemaFacts, NoParameters) {
  auto r = ok("BEGIN { $a = 1; }");
  EXPECT_TRUE(r->sema->params.empty());
  EXPECT_FALSE(r->sema->uses_argc);
  EXPECT_FALSE(r->sema->uses_elapsed);
}

TEST(SemaFacts, ParametersInPredicatesAndSeveralProbes) {
  auto r = ok("BEGIN / $1 > 0 / { } END { @x = str($4); }");
  ASSERT_EQ(r->sema->params.size(), 2u);
  EXPECT_TRUE(r->sema->params.at(1).as_number);
  EXPECT_TRUE(r->sema->params.at(4).as_string);
}

TEST(SemaFacts, UsesArgsAndProbeName) {
  auto r = ok("tracepoint:syscalls:sys_enter_openat { @[args.dfd] = count(); } "
              "tracepoint:syscalls:sys_enter_openat* { @p[probe] = count(); } "
              "interval:s:1 { @e = elapsed; }");
  const auto& probes = r->sema->probes;
  ASSERT_EQ(probes.size(), 3u);
  EXPECT_TRUE(probes[0].uses_args);
  EXPECT_FALSE(probes[0].uses_probe_name);
  EXPECT_FALSE(probes[1].uses_args);
  EXPECT_TRUE(probes[1].uses_probe_name);
  EXPECT_FALSE(probes[2].uses_args);
  EXPECT_FALSE(probes[2].uses_probe_name);
  EXPECT_TRUE(r->sema->uses_elapsed);
  // `probe` holds the longest full name of the block's probes.
  EXPECT_EQ(map_key(*r, "@p"), Type::string(38)); // tracepoint:syscalls:sys_enter_openat2
}

TEST(SemaFacts, ProbeResolution) {
  auto r = ok("BEGIN { } END { } interval:s:2 { } interval:ms:5 { } interval:hz:100 { } "
              "profile:hz:99 { } profile:us:250 { } software:cs { } software:page-faults:10 { } "
              "rt:sched_switch { } t:syscalls:sys_enter_openat* { } i:us:3 { }");
  const auto& p = r->sema->probes;
  ASSERT_EQ(p.size(), 12u);
  auto only = [&](size_t i) -> const ResolvedProbe& {
    EXPECT_EQ(p[i].attach.size(), 1u) << i;
    return p[i].attach.at(0);
  };
  EXPECT_EQ(only(0).type, ProbeType::Begin);
  EXPECT_EQ(only(0).display, "BEGIN");
  EXPECT_EQ(only(1).type, ProbeType::End);
  EXPECT_EQ(only(2).type, ProbeType::Interval);
  EXPECT_EQ(only(2).period, 2000000000u);
  EXPECT_EQ(only(2).display, "interval:s:2");
  EXPECT_EQ(only(3).period, 5000000u);
  EXPECT_EQ(only(4).period, 10000000u); // 100 Hz: every 10 ms
  EXPECT_FALSE(only(4).freq);
  EXPECT_EQ(only(5).type, ProbeType::Profile);
  EXPECT_EQ(only(5).period, 99u);
  EXPECT_TRUE(only(5).freq);
  EXPECT_EQ(only(6).period, 250000u);
  EXPECT_FALSE(only(6).freq);
  EXPECT_EQ(only(7).type, ProbeType::Software);
  EXPECT_EQ(only(7).target, "context-switches");
  EXPECT_EQ(only(7).period, 1000u);
  EXPECT_EQ(only(7).display, "software:cs");
  EXPECT_EQ(only(8).target, "page-faults");
  EXPECT_EQ(only(8).period, 10u);
  EXPECT_EQ(only(9).type, ProbeType::RawTracepoint);
  EXPECT_EQ(only(9).target, "sched_switch");
  EXPECT_EQ(only(9).display, "rawtracepoint:sched_switch");
  // A wildcard expands to every matching tracepoint, sorted, each with its format.
  ASSERT_EQ(p[10].attach.size(), 2u);
  EXPECT_EQ(p[10].attach[0].target, "syscalls:sys_enter_openat");
  EXPECT_EQ(p[10].attach[0].display, "tracepoint:syscalls:sys_enter_openat");
  EXPECT_EQ(p[10].attach[1].target, "syscalls:sys_enter_openat2");
  ASSERT_TRUE(p[10].attach[0].format);
  EXPECT_TRUE(p[10].attach[0].format->find("filename"));
  EXPECT_EQ(only(11).display, "interval:us:3");
  EXPECT_EQ(only(11).period, 3000u);
  // ProbeInfo points at the AST probe it describes.
  EXPECT_EQ(p[3].ast, &r->program->probes[3]);
}

TEST(SemaFacts, UserProbeNames) {
  // Files no host has: the tool looks for them where it runs (warnings here).
  auto r = analyze_script("uprobe:/nonexistent-btc-unit/prog:0x12e0 { @a = probe; } "
                          "u:btc-unit-no-such-prog:f+4 { @b = probe; } "
                          "ur:libbtcunitnosuch:g* { @c = probe; } "
                          "usdt:btc-unit-no-such-prog:tick { @d = probe; }");
  ASSERT_TRUE(r->sema) << r->diagnostics();
  const auto& p = r->sema->probes;
  ASSERT_EQ(p.size(), 4u);
  // A path is named as written, compiled in; an address in decimal, as bpftrace.
  const ResolvedProbe& path = p[0].attach.at(0);
  EXPECT_EQ(path.display, "uprobe:/nonexistent-btc-unit/prog:4832");
  EXPECT_FALSE(path.runtime_file);
  EXPECT_EQ(map_value(*r, "@a"), Type::string(39));
  // A program in $PATH or a library name: the tool writes the name of the file it finds, in
  // the 120 bytes `probe` then holds; `u:`/`ur:` are named by the type's full name.
  const ResolvedProbe& prog = p[1].attach.at(0);
  EXPECT_EQ(prog.display, "uprobe:btc-unit-no-such-prog:f+4");
  EXPECT_TRUE(prog.runtime_file);
  EXPECT_EQ(prog.name_file, "btc-unit-no-such-prog");
  EXPECT_EQ(probe_name_tail(prog), ":f+4");
  EXPECT_EQ(map_value(*r, "@b"), Type::string(120));
  const ResolvedProbe& lib = p[2].attach.at(0);
  EXPECT_EQ(lib.display, "uretprobe:libbtcunitnosuch:g*");
  EXPECT_EQ(lib.name_prefix, "uretprobe:libbtcunitnosuch:");
  EXPECT_TRUE(lib.runtime_file);
  EXPECT_EQ(map_value(*r, "@c"), Type::string(120));
  const ResolvedProbe& usdt = p[3].attach.at(0);
  EXPECT_EQ(usdt.display, "usdt:btc-unit-no-such-prog:tick");
  EXPECT_TRUE(usdt.runtime_file);
  EXPECT_EQ(map_value(*r, "@d"), Type::string(120));
}

TEST(SemaFacts, UsdtInEveryFileOfAProcess) {
  // `*` or no binary: the tool finds the files where it runs and names each site's in `probe`.
  auto r = analyze_script("usdt:*:target:tick { @a = probe; } usdt::tick { @b = probe; } "
                          "usdt:ti* { @c = probe; printf(\"%d\\n\", arg11); }");
  ASSERT_TRUE(r->sema) << r->diagnostics();
  const auto& p = r->sema->probes;
  ASSERT_EQ(p.size(), 3u);
  const ResolvedProbe& any = p[0].attach.at(0);
  EXPECT_EQ(any.target, "*");
  EXPECT_EQ(any.symbol, "target:tick");
  EXPECT_EQ(any.display, "usdt:*:target:tick");
  EXPECT_EQ(any.name_prefix, "usdt:*:");
  EXPECT_TRUE(any.runtime_file);
  EXPECT_EQ(map_value(*r, "@a"), Type::string(120));
  const ResolvedProbe& none = p[1].attach.at(0);
  EXPECT_EQ(none.target, "");
  EXPECT_EQ(none.symbol, ":tick");
  EXPECT_EQ(none.display, "usdt::tick");
  // usdt:NAME is bpftrace's usdt::NAME (with -p); the sites' arguments are unknown here.
  const ResolvedProbe& bare = p[2].attach.at(0);
  EXPECT_EQ(bare.target, "");
  EXPECT_EQ(bare.symbol, ":ti*");
  EXPECT_EQ(bare.display, "usdt:ti*");
  EXPECT_EQ(bare.raw_args, -1);
}

TEST(SemaErrors, UsdtBinaries) {
  check_cases({
      {"usdt:/usr/lib/*.so:a:b { }", "1:1",
       "wildcards in the binary of a usdt probe are not supported, but for * alone (usdt:*:a:b: "
       "every file the -p/-c process maps)",
       "^~~~~~~~~~~~~~~~~~~~~~"},
      {"usdt:/bin/app { }", "1:1",
       "usdt probes are written usdt:BINARY:NAME or usdt:BINARY:PROVIDER:NAME", "^~~~~~~~~~~~~"},
      {"usdt:*:a:b:c { }", "1:1",
       "usdt probes are written usdt:BINARY:NAME or usdt:BINARY:PROVIDER:NAME", "^~~~~~~~~~~~"},
  });
}

TEST(SemaFacts, HardwareAndWatchpointResolution) {
  auto r = ok("h:cycles { } hardware:branches:1e5 { } hardware:cache-misses:250 { } "
              "w:0x10000000:4:wr { } watchpoint:4096:1:x { }");
  const auto& p = r->sema->probes;
  ASSERT_EQ(p.size(), 5u);
  auto only = [&](size_t i) -> const ResolvedProbe& {
    EXPECT_EQ(p[i].attach.size(), 1u) << i;
    return p[i].attach.at(0);
  };
  // An alias names the event the runtime opens; the default periods are bpftrace's.
  EXPECT_EQ(only(0).type, ProbeType::Hardware);
  EXPECT_EQ(only(0).target, "cpu-cycles");
  EXPECT_EQ(only(0).period, 1000000u);
  EXPECT_EQ(only(0).display, "hardware:cycles");
  EXPECT_EQ(only(1).target, "branch-instructions");
  EXPECT_EQ(only(1).period, 100000u);
  EXPECT_EQ(only(1).display, "hardware:branches:100000");
  EXPECT_EQ(only(2).period, 250u);
  // The mode's letters sorted, the address in decimal: bpftrace's probe name.
  EXPECT_EQ(only(3).type, ProbeType::Watchpoint);
  EXPECT_EQ(only(3).address, 0x10000000u);
  EXPECT_EQ(only(3).watch_len, 4u);
  EXPECT_EQ(only(3).watch_mode, "rw");
  EXPECT_EQ(only(3).watch_arg, -1);
  EXPECT_EQ(only(3).display, "watchpoint:268435456:4:rw");
  EXPECT_EQ(only(4).address, 4096u);
  EXPECT_EQ(only(4).watch_mode, "x");
}

TEST(SemaFacts, WatchpointOnAnArgument) {
  auto r = ok("w:increment+arg1:4:w { unwatch(0x10); } "
              "aw:/bin/prog:set_value+arg0:8:rw { }");
  const auto& p = r->sema->probes;
  ASSERT_EQ(p.size(), 2u);
  // Without a program: the -p/-c process's, found where the tool runs.
  const ResolvedProbe& sync = p[0].attach.at(0);
  EXPECT_EQ(sync.type, ProbeType::Watchpoint);
  EXPECT_EQ(sync.target, "");
  EXPECT_EQ(sync.symbol, "increment");
  EXPECT_EQ(sync.watch_arg, 1);
  EXPECT_EQ(sync.address, 0u);
  EXPECT_EQ(sync.display, "watchpoint:increment+arg1:4:w");
  const ResolvedProbe& async = p[1].attach.at(0);
  EXPECT_EQ(async.type, ProbeType::AsyncWatchpoint);
  EXPECT_EQ(async.target, "/bin/prog");
  EXPECT_EQ(async.symbol, "set_value");
  EXPECT_EQ(async.watch_arg, 0);
  EXPECT_EQ(async.watch_len, 8u);
  EXPECT_EQ(async.watch_mode, "rw");
  EXPECT_EQ(async.display, "asyncwatchpoint:/bin/prog:set_value+arg0:8:rw");
}

TEST(SemaFacts, LowercaseBeginEnd) {
  auto r = ok("begin { } end { }");
  EXPECT_EQ(r->sema->probes[0].attach.at(0).type, ProbeType::Begin);
  EXPECT_EQ(r->sema->probes[1].attach.at(0).type, ProbeType::End);
}

// max_strlen sizes every string sema does not size from its source: str(), buf()'s limit,
// path(), string parameters and `let $s: string`; BPFTRACE_MAX_STRLEN wins over the block.
TEST(SemaFacts, MaxStrlenSizesStrings) {
  const std::string script = "config = { max_strlen = 100 }\n"
                             "BEGIN { let $s: string; $s = str(0); @p = str($1); @c = comm; }";
  auto r = ok(script);
  EXPECT_EQ(r->sema->config.max_strlen, 100u);
  EXPECT_EQ(r->sema->maps.at("@p").value.str_size(), 100u);
  EXPECT_EQ(r->sema->maps.at("@c").value.str_size(), 16u);
  for (const auto& [key, var] : r->sema->probes[0].vars) EXPECT_EQ(var.type.str_size(), 100u);
  ::setenv("BPFTRACE_MAX_STRLEN", "32", 1);
  auto from_env = ok(script);
  ::unsetenv("BPFTRACE_MAX_STRLEN");
  EXPECT_EQ(from_env->sema->maps.at("@p").value.str_size(), 32u);
  ::setenv("BPFTRACE_STRLEN", "0", 1);
  std::string bad = diagnostics_of(script);
  ::unsetenv("BPFTRACE_STRLEN");
  EXPECT_EQ(bad, "btc: error: BPFTRACE_STRLEN=0: expected a number from 1 to 32768\n");
}

} // namespace
} // namespace btc

namespace btc {
namespace {

// A source of named types standing in front of another, as the script's C declarations will
// stand in front of the kernel's BTF.
class FakeSource : public TypeSource {
public:
  const RecordDef* record(const std::string& name, bool is_union) override {
    if (name != "btc_fake" || is_union) return nullptr;
    RecordDef def;
    def.name = "btc_fake";
    def.size = 8;
    def.fields = {{"x", Type::integer(32, true), 0, 0, 0},
                  {"next", Type::pointer({}, AddrSpace::Kernel), 0, 0, 0}};
    return intern_record(def);
  }
  const EnumDef* enumeration(const std::string&) override { return nullptr; }
  std::optional<Type> typedef_type(const std::string&) override { return std::nullopt; }
  std::optional<int64_t> constant(const std::string& name) override {
    if (name == "PIDTYPE_PGID") return 42; // shadows the kernel's enumerator
    return std::nullopt;
  }
};

std::string diagnostics_with(const std::string& text, std::vector<TypeSource*> sources,
                             Type* printed = nullptr) {
  auto c = test::parse(text);
  if (!c->program) return c->diagnostics();
  c->sema = analyze(*c->program, c->diags, sources);
  if (printed && c->sema) {
    const Expr& call = *c->program->probes[0].body[0]->value;
    *printed = call.args[1]->type;
  }
  return c->diagnostics();
}

TEST(SemaKernelData, SourcesAreAskedInOrder) {
  FakeSource fake;
  Type t;
  EXPECT_EQ(
      diagnostics_with("BEGIN { printf(\"%d\\n\", ((struct btc_fake *)0)->x); }", {&fake}, &t), "");
  EXPECT_EQ(t, Type::integer(32, true));
  EXPECT_EQ(
      diagnostics_with("BEGIN { printf(\"%d\\n\", PIDTYPE_PGID); }", {&fake, &KernelBtf::get()}),
      "");
  EXPECT_EQ(diagnostics_with("BEGIN { printf(\"%d\\n\", ((struct btc_fake *)0)->y); }", {&fake}),
            "test.bt:1:24: error: struct btc_fake has no field 'y'; did you mean 'x'?\n"
            "BEGIN { printf(\"%d\\n\", ((struct btc_fake *)0)->y); }\n"
            "                       ^~~~~~~~~~~~~~~~~~~~~~~~~\n");
  // Without a source, no named type exists.
  EXPECT_NE(diagnostics_with("BEGIN { printf(\"%d\\n\", sizeof(struct btc_fake)); }", {})
                .find("unknown struct 'btc_fake'"),
            std::string::npos);
  // Without readable BTF, curtask is an untyped address and messages say why.
  KernelBtf missing("/nonexistent/btc-sema-btf");
  std::string without = diagnostics_with("BEGIN { printf(\"%d\\n\", curtask->pid); }", {&missing});
  EXPECT_NE(without.find("it does not point to a struct; cast it first (cannot read kernel BTF "
                         "from /nonexistent/btc-sema-btf: No such file or directory)"),
            std::string::npos)
      << without;
  // An untyped pointer has no fields; a typed one is read with '->'.
  EXPECT_NE(
      diagnostics_with("BEGIN { printf(\"%d\\n\", ((struct btc_fake *)0)->next->x); }", {&fake})
          .find("it does not point to a struct; cast it first"),
      std::string::npos);
}

// The one description of str()'s string parameter forms (sema/str_param.h): $N, $N + K and
// K + $N with K an integer literal, located from the `+` to the end of the sum.
TEST(StrParam, Forms) {
  struct Case {
    std::string arg;
    bool is_form;
    uint32_t index = 0;
    uint64_t offset = 0;
    std::string at = "";
  };
  for (const Case& c : std::vector<Case>{{"$2", true, 2, 0, "$2"},
                                         {"$1 + 3", true, 1, 3, "+ 3"},
                                         {"4 + $3", true, 3, 4, "+ $3"},
                                         {"($1 + 0x10)", true, 1, 16, "+ 0x10"},
                                         {"$1 - 1", false},
                                         {"$1 + -1", false},
                                         {"$1 + $2", false},
                                         {"$1 + 1 + 1", false},
                                         {"$1 * 2", false},
                                         {"arg0", false}}) {
    SCOPED_TRACE(c.arg);
    const std::string script = "BEGIN { str(" + c.arg + "); }";
    auto r = test::parse(script);
    ASSERT_TRUE(r->program);
    const Expr& arg = *r->program->probes[0].body[0]->value->args[0];
    std::optional<StrParam> p = str_param(arg);
    ASSERT_EQ(p.has_value(), c.is_form);
    if (!p) continue;
    EXPECT_EQ(p->index, c.index);
    EXPECT_EQ(p->offset, c.offset);
    EXPECT_EQ(script.substr(p->at.begin, p->at.end - p->at.begin), c.at);
  }
}

} // namespace
} // namespace btc
