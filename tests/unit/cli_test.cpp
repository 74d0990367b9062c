// Unit tests of a produced tool's command line: the name it calls itself.
#include "cli.h"

#include <gtest/gtest.h>

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
