// Unit tests of a produced tool's command line: the name it calls itself, -p and -c.
#include "child.h"
#include "cli.h"

#include <gtest/gtest.h>
#include <stdio_ext.h>

#include <cstring>
#include <string>
#include <vector>

using namespace btc::rt;

namespace {

Manifest make_manifest() {
  Manifest m{};
  m.tool_name = "t1";
  m.script_name = "t1.bt";
  m.script_text = "// Counts things.\nBEGIN { exit(); }\n";
  m.script_hash = "abc";
  m.btc_version = "0";
  return m;
}

const Manifest kManifest = make_manifest();

int parse(std::vector<std::string> args, ToolOptions& opts) {
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return parse_tool_options(kManifest, static_cast<int>(args.size()), argv.data(), opts);
}

} // namespace

TEST(ToolName, BasenameOfArgv0) {
  EXPECT_EQ(tool_name_from_argv(kManifest, "/usr/local/bin/mytool"), "mytool");
  EXPECT_EQ(tool_name_from_argv(kManifest, "./mytool"), "mytool");
  EXPECT_EQ(tool_name_from_argv(kManifest, "mytool"), "mytool");
  EXPECT_EQ(tool_name_from_argv(kManifest, "dir/mytool/"), "mytool");
}

TEST(ToolName, ManifestNameWithoutArgv0) {
  EXPECT_EQ(tool_name_from_argv(kManifest, nullptr), "t1");
  EXPECT_EQ(tool_name_from_argv(kManifest, ""), "t1");
  EXPECT_EQ(tool_name_from_argv(kManifest, "/"), "t1");
}

TEST(ToolName, UsedInHelpAndErrors) {
  ToolOptions opts;
  testing::internal::CaptureStdout();
  EXPECT_EQ(parse({"/tmp/x/mytool", "--help"}, opts), 0);
  std::string help = testing::internal::GetCapturedStdout();
  EXPECT_EQ(help.rfind("usage: mytool [options] [--]\n\nCounts things.\n", 0), 0u) << help;
  EXPECT_EQ(help.find("t1"), std::string::npos) << help;

  testing::internal::CaptureStderr();
  EXPECT_EQ(parse({"mytool", "--bogus"}, opts), 1);
  EXPECT_EQ(testing::internal::GetCapturedStderr(),
            "mytool: error: unknown option --bogus (see mytool --help)\n");

  testing::internal::CaptureStderr();
  EXPECT_EQ(parse({"", "-o"}, opts), 1);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "t1: error: -o needs a file name\n");

  ToolOptions run;
  EXPECT_EQ(parse({"/a/b/renamed", "-q", "x"}, run), -1);
  EXPECT_EQ(run.name, "renamed");
  EXPECT_EQ(run.args, std::vector<std::string>{"x"});
}

TEST(ToolOptions, PidAndCommand) {
  ToolOptions p;
  EXPECT_EQ(parse({"t", "-p", "123", "x"}, p), -1);
  EXPECT_EQ(p.pid, 123);
  EXPECT_TRUE(p.command.empty());
  EXPECT_EQ(p.args, std::vector<std::string>{"x"});

  ToolOptions c;
  EXPECT_EQ(parse({"t", "--usdt-file-activation", "-c", "/bin/echo 'a  b' c", "--", "-1"}, c), -1);
  EXPECT_EQ(c.pid, 0);
  EXPECT_EQ(c.command, (std::vector<std::string>{"/bin/echo", "a  b", "c"}));
  EXPECT_EQ(c.command_text, "/bin/echo 'a  b' c");
  EXPECT_EQ(c.args, std::vector<std::string>{"-1"});
}

TEST(ToolOptions, PidAndCommandErrors) {
  auto error = [](std::vector<std::string> args) {
    ToolOptions opts;
    testing::internal::CaptureStderr();
    int status = parse(std::move(args), opts);
    std::string err = testing::internal::GetCapturedStderr();
    EXPECT_EQ(status, 1) << err;
    return err;
  };
  EXPECT_EQ(error({"t", "-p"}), "t: error: -p needs a process id\n");
  EXPECT_EQ(error({"t", "-p", "abc"}), "t: error: -p needs a process id, got 'abc'\n");
  EXPECT_EQ(error({"t", "-p", "0"}), "t: error: -p needs a process id, got '0'\n");
  EXPECT_EQ(error({"t", "-p", "-5"}), "t: error: -p needs a process id, got '-5'\n");
  EXPECT_EQ(error({"t", "-p", "+5"}), "t: error: -p needs a process id, got '+5'\n");
  EXPECT_EQ(error({"t", "-p", "99999999999"}),
            "t: error: -p needs a process id, got '99999999999'\n");
  EXPECT_EQ(error({"t", "-c"}), "t: error: -c needs a command\n");
  EXPECT_EQ(error({"t", "-c", "  "}), "t: error: -c needs a command\n");
  EXPECT_EQ(error({"t", "-c", "echo 'a"}), "t: error: -c: unterminated ' quote in: echo 'a\n");
  EXPECT_EQ(error({"t", "-p", "1", "-c", "true"}), "t: error: -p and -c cannot be used together\n");
  EXPECT_EQ(error({"t", "--bench", "--test"}),
            "t: error: --bench and --test cannot be used together\n");
}

TEST(ToolOptions, HelpListsPidAndCommand) {
  ToolOptions opts;
  testing::internal::CaptureStdout();
  EXPECT_EQ(parse({"t", "--help"}, opts), 0);
  std::string help = testing::internal::GetCapturedStdout();
  EXPECT_NE(help.find("\n  -p PID  "), std::string::npos) << help;
  EXPECT_NE(help.find("\n  -c 'CMD ARGS' "), std::string::npos) << help;
  EXPECT_NE(help.find("\n  --usdt-file-activation\n"), std::string::npos) << help;
}

TEST(SplitCommand, LikeAShellWithoutExpansion) {
  auto split = [](const std::string& cmd) {
    std::vector<std::string> words;
    std::string error;
    EXPECT_TRUE(split_command(cmd, words, error)) << cmd << ": " << error;
    return words;
  };
  using W = std::vector<std::string>;
  EXPECT_EQ(split("ls"), W{"ls"});
  EXPECT_EQ(split("  ls \t -l\n /tmp  "), (W{"ls", "-l", "/tmp"}));
  EXPECT_EQ(split("echo 'a  b' \"c  d\""), (W{"echo", "a  b", "c  d"}));
  EXPECT_EQ(split("echo a'b c'd"), (W{"echo", "ab cd"}));
  EXPECT_EQ(split("echo '' \"\""), (W{"echo", "", ""}));
  EXPECT_EQ(split("echo a\\ b"), (W{"echo", "a b"}));
  EXPECT_EQ(split("echo '\\n' \"\\n \\\" \\\\ \\$\""), (W{"echo", "\\n", "\\n \" \\ $"}));
  EXPECT_EQ(split("echo $HOME * ~ `x`"), (W{"echo", "$HOME", "*", "~", "`x`"}));
  EXPECT_EQ(split("echo a\\\nb c"), (W{"echo", "ab", "c"}));
  EXPECT_EQ(split("echo \\\n x"), (W{"echo", "x"}));
  EXPECT_EQ(split("echo a\\"), (W{"echo", "a\\"}));
}

TEST(SplitCommand, Errors) {
  std::vector<std::string> words;
  std::string error;
  EXPECT_FALSE(split_command("", words, error));
  EXPECT_EQ(error, "-c needs a command");
  EXPECT_FALSE(split_command("sh -c \"echo", words, error));
  EXPECT_EQ(error, "-c: unterminated \" quote in: sh -c \"echo");
}

TEST(ToolOptions, OutputFormat) {
  ToolOptions text, json, both;
  EXPECT_EQ(parse({"t", "-q", "x"}, text), -1);
  EXPECT_EQ(text.format, OutputFormat::Text);
  EXPECT_EQ(parse({"t", "-f", "json", "-o", "out.json", "7"}, json), -1);
  EXPECT_EQ(json.format, OutputFormat::Json);
  EXPECT_EQ(json.output_file, "out.json");
  EXPECT_EQ(json.args, std::vector<std::string>{"7"});
  EXPECT_EQ(parse({"t", "-f", "json", "-f", "text"}, both), -1);
  EXPECT_EQ(both.format, OutputFormat::Text);
  auto error = [](std::vector<std::string> args) {
    ToolOptions opts;
    testing::internal::CaptureStderr();
    EXPECT_EQ(parse(std::move(args), opts), 1);
    return testing::internal::GetCapturedStderr();
  };
  EXPECT_EQ(error({"t", "-f"}), "t: error: -f needs a format: text or json\n");
  EXPECT_EQ(error({"t", "-f", "yaml"}), "t: error: -f takes text or json, got 'yaml'\n");
  testing::internal::CaptureStdout();
  EXPECT_EQ(parse({"t", "--help"}, text), 0);
  std::string help = testing::internal::GetCapturedStdout();
  EXPECT_NE(help.find("\n  -f FORMAT     output format: text (default) or json"), std::string::npos)
      << help;
}

TEST(ToolOptions, AnywhereBeforeDoubleDash) {
  ToolOptions o;
  EXPECT_EQ(parse({"t", "1", "-q", "two", "-o", "f", "-5", "--", "-v", "-"}, o), -1);
  EXPECT_TRUE(o.quiet);
  EXPECT_FALSE(o.verbose);
  EXPECT_EQ(o.output_file, "f");
  EXPECT_EQ(o.args, (std::vector<std::string>{"1", "two", "-5", "-v", "-"}));

  ToolOptions g;
  EXPECT_EQ(parse({"t", "-qvkk", "-ofile", "-Bnone", "x"}, g), -1);
  EXPECT_TRUE(g.quiet);
  EXPECT_TRUE(g.verbose);
  EXPECT_EQ(g.helper_checks, 2);
  EXPECT_EQ(g.output_file, "file");
  EXPECT_EQ(g.buffering, Buffering::None);
  EXPECT_EQ(g.args, std::vector<std::string>{"x"});
}

TEST(ToolOptions, BufferingWarningsHelperChecks) {
  ToolOptions d;
  EXPECT_EQ(parse({"t"}, d), -1);
  EXPECT_EQ(d.buffering, Buffering::Line);
  EXPECT_TRUE(d.warnings);
  EXPECT_EQ(d.helper_checks, 0);

  ToolOptions o;
  EXPECT_EQ(parse({"t", "-B", "full", "--no-warnings", "-k"}, o), -1);
  EXPECT_EQ(o.buffering, Buffering::Full);
  EXPECT_FALSE(o.warnings);
  EXPECT_FALSE(warnings_enabled());
  EXPECT_EQ(o.helper_checks, 1);
  testing::internal::CaptureStderr();
  warn("%s: warning: %d\n", "t", 1);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");

  ToolOptions l;
  EXPECT_EQ(parse({"t", "-kkk", "-B", "line"}, l), -1);
  EXPECT_EQ(l.helper_checks, 2);
  EXPECT_EQ(l.buffering, Buffering::Line);
  EXPECT_TRUE(warnings_enabled());
  testing::internal::CaptureStderr();
  warn("%s: warning: %d\n", "t", 1);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "t: warning: 1\n");
}

TEST(ToolOptions, UsageErrors) {
  auto error = [](std::vector<std::string> args) {
    ToolOptions opts;
    testing::internal::CaptureStderr();
    int status = parse(std::move(args), opts);
    std::string err = testing::internal::GetCapturedStderr();
    EXPECT_EQ(status, 1) << err;
    return err;
  };
  EXPECT_EQ(error({"t", "1", "-x"}), "t: error: unknown option -x (see t --help)\n");
  EXPECT_EQ(error({"t", "-qz"}), "t: error: unknown option -z (see t --help)\n");
  EXPECT_EQ(error({"t", "x", "--nope"}), "t: error: unknown option --nope (see t --help)\n");
  EXPECT_EQ(error({"t", "-B"}), "t: error: -B needs a mode: line, full or none\n");
  EXPECT_EQ(error({"t", "-B", "half"}),
            "t: error: -B needs a mode: line, full or none, got 'half'\n");
}

TEST(ToolOptions, SetBuffering) {
  FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  set_buffering(f, Buffering::Line);
  EXPECT_NE(__flbf(f), 0);
  set_buffering(f, Buffering::Full);
  EXPECT_EQ(__flbf(f), 0);
  EXPECT_GT(__fbufsize(f), 1u);
  set_buffering(f, Buffering::None);
  EXPECT_EQ(__flbf(f), 0);
  EXPECT_LE(__fbufsize(f), 1u);
  std::fclose(f);
}

TEST(ToolOptions, NamedOptions) {
  static const NamedOptionSpec kOptions[] = {
      {.name = "flag",
       .type = OptionType::Bool,
       .default_value = "false",
       .description = "",
       .offset = 0},
      {.name = "limit",
       .type = OptionType::Int,
       .default_value = "10",
       .description = "how many",
       .offset = 8},
      {.name = "label",
       .type = OptionType::String,
       .default_value = "none",
       .description = "",
       .offset = 16,
       .str_size = 8},
  };
  Manifest m = make_manifest();
  m.named_options = kOptions;
  m.num_named_options = 3;
  auto run = [&](std::vector<std::string> args, ToolOptions& opts) {
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    return parse_tool_options(m, static_cast<int>(args.size()), argv.data(), opts);
  };
  ToolOptions o;
  EXPECT_EQ(run({"t", "1", "--flag", "2", "--limit", "-3", "--label=a long label"}, o), -1);
  EXPECT_EQ(o.args, (std::vector<std::string>{"1", "2"}));
  uint8_t rodata[24] = {};
  set_named_options(m, o, rodata);
  uint64_t flag = 0;
  int64_t limit = 0;
  std::memcpy(&flag, rodata, 8);
  std::memcpy(&limit, rodata + 8, 8);
  EXPECT_EQ(flag, 1u);
  EXPECT_EQ(limit, -3);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(rodata + 16)), "a long ");

  ToolOptions d;
  EXPECT_EQ(run({"t", "--flag=0"}, d), -1);
  set_named_options(m, d, rodata);
  std::memcpy(&flag, rodata, 8);
  std::memcpy(&limit, rodata + 8, 8);
  EXPECT_EQ(flag, 0u);
  EXPECT_EQ(limit, 10);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(rodata + 16)), "none");

  auto error = [&](std::vector<std::string> args) {
    ToolOptions opts;
    testing::internal::CaptureStderr();
    EXPECT_EQ(run(std::move(args), opts), 1);
    return testing::internal::GetCapturedStderr();
  };
  EXPECT_EQ(error({"t", "--limit=x"}), "t: error: --limit expects a number, got 'x'\n");
  EXPECT_EQ(error({"t", "--flag=yes"}),
            "t: error: --flag expects true, false, 1 or 0, got 'yes'\n");
  EXPECT_EQ(error({"t", "--label"}), "t: error: --label needs a value\n");
  EXPECT_EQ(error({"t", "--other=1"}), "t: error: unknown option --other=1 (see t --help)\n");
}
