// Parser tests. Golden files: each tests/unit/golden/NAME.bt is parsed and its AST dump compared
// with NAME.ast; then sema runs over it and the typed dump is compared with NAME.sema.ast. A
// script whose first line is `// golden: parse-only` skips the sema half (it is syntactically
// fine but meant to be rejected by sema, or needs something the build host may lack).
//
// BTC_UPDATE_GOLDEN=1 rewrites the expected files from the current output; review the diff.
//
// Then the exact diagnostics of syntax errors.
#include "syntax/ast_printer.h"

#include "frontend_test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifndef BTC_GOLDEN_DIR
#error "BTC_GOLDEN_DIR must name tests/unit/golden"
#endif

namespace btc {
namespace {

namespace fs = std::filesystem;

const fs::path kGoldenDir = BTC_GOLDEN_DIR;

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

bool update_goldens() {
  const char* v = std::getenv("BTC_UPDATE_GOLDEN");
  return v && *v && std::string(v) != "0";
}

// Compares `actual` with the golden file, or rewrites it under BTC_UPDATE_GOLDEN.
void check_golden(const fs::path& path, const std::string& actual) {
  if (update_goldens()) {
    std::ofstream(path) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(path)) << path << " is missing; run with BTC_UPDATE_GOLDEN=1 to create "
                                << "it, and review it. The output is:\n"
                                << actual;
  EXPECT_EQ(actual, read_file(path)) << "golden file " << path;
}

std::vector<std::string> golden_scripts() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kGoldenDir, ec))
    if (entry.path().extension() == ".bt") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

class Golden : public ::testing::TestWithParam<std::string> {
protected:
  fs::path script() const { return kGoldenDir / (GetParam() + ".bt"); }
  fs::path expected(const char* suffix) const { return kGoldenDir / (GetParam() + suffix); }
};

TEST_P(Golden, Parse) {
  std::string text = read_file(script());
  auto c = test::parse(text);
  ASSERT_TRUE(c->program) << c->diagnostics();
  EXPECT_EQ(c->diagnostics(), "");
  check_golden(expected(".ast"), print_ast(*c->program));
}

TEST_P(Golden, Sema) {
  std::string text = read_file(script());
  auto c = test::analyze_script(text);
  if (text.rfind("// golden: parse-only", 0) == 0) {
    // A script that parses but that sema must reject.
    ASSERT_TRUE(c->program) << c->diagnostics();
    EXPECT_FALSE(c->sema);
    EXPECT_NE(c->diagnostics().find("error:"), std::string::npos);
    return;
  }
  ASSERT_TRUE(c->program) << c->diagnostics();
  ASSERT_TRUE(c->sema) << c->diagnostics();
  EXPECT_EQ(c->diagnostics(), "");
  check_golden(expected(".sema.ast"), print_ast(*c->program));
}

INSTANTIATE_TEST_SUITE_P(Parser, Golden, ::testing::ValuesIn(golden_scripts()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

TEST(Parser, GoldenDirectoryHasScripts) {
  EXPECT_GE(golden_scripts().size(), 10u) << kGoldenDir;
}

// ---- small ASTs checked inline ------------------------------------------------------------------

// The dump of the single expression statement in `BEGIN { EXPR }`.
std::string expr_dump(const std::string& expr) {
  auto c = test::parse("BEGIN { " + expr + " }");
  if (!c->program) return "error: " + c->diagnostics();
  const auto& body = c->program->probes.at(0).body;
  if (body.size() != 1 || body[0]->kind != StmtKind::Expr) return "not one expression";
  return print_expr(*body[0]->value);
}

TEST(Parser, ParenthesesOnlyGroup) {
  EXPECT_EQ(expr_dump("(1 + 2) * 3"), expr_dump("((1 + 2)) * (3)"));
  EXPECT_EQ(expr_dump("(1 + 2) * 3"), "Binary *\n"
                                      "  Binary +\n"
                                      "    Int 1\n"
                                      "    Int 2\n"
                                      "  Int 3\n");
}

TEST(Parser, UnaryPlusIsDropped) {
  EXPECT_EQ(expr_dump("+1"), "Int 1\n");
  EXPECT_EQ(expr_dump("+-+$x"), "Unary -\n"
                                "  Var $x\n");
}

TEST(Parser, PostfixBindsTighterThanPrefix) {
  EXPECT_EQ(expr_dump("-$x++"), "Unary -\n"
                                "  Unary ++ postfix\n"
                                "    Var $x\n");
  EXPECT_EQ(expr_dump("!@m[1]--"), "Unary !\n"
                                   "  Unary -- postfix\n"
                                   "    Map @m\n"
                                   "      Int 1\n");
}

TEST(Parser, CastBindsTighterThanBinary) {
  EXPECT_EQ(expr_dump("(uint8)$x + 1"), "Binary +\n"
                                        "  Cast uint8\n"
                                        "    Var $x\n"
                                        "  Int 1\n");
  // Not a type name: a parenthesized expression.
  EXPECT_EQ(expr_dump("(uint7) - 1"), "Binary -\n"
                                      "  Builtin uint7\n"
                                      "  Int 1\n");
}

TEST(Parser, SourceRanges) {
  auto c = test::parse("BEGIN { @x[1, 2] = (uint8)-5 + $y->f; }");
  ASSERT_TRUE(c->program) << c->diagnostics();
  const Stmt& s = *c->program->probes[0].body[0];
  auto text_of = [&](SourceRange r) { return c->source.text().substr(r.begin, r.end - r.begin); };
  EXPECT_EQ(text_of(s.range), "@x[1, 2] = (uint8)-5 + $y->f");
  EXPECT_EQ(text_of(s.target->range), "@x[1, 2]");
  EXPECT_EQ(text_of(s.value->range), "(uint8)-5 + $y->f");
  EXPECT_EQ(text_of(s.value->args[0]->range), "(uint8)-5");
  EXPECT_EQ(text_of(s.value->args[0]->args[0]->range), "-5");
  EXPECT_EQ(text_of(s.value->args[1]->range), "$y->f");
  EXPECT_EQ(text_of(c->program->probes[0].specs[0].range), "BEGIN");
}

TEST(Parser, SourceRangeOfParenthesizedExpressionIncludesParentheses) {
  auto c = test::parse("BEGIN { $x = (1 + 2); }");
  ASSERT_TRUE(c->program) << c->diagnostics();
  const Expr& e = *c->program->probes[0].body[0]->value;
  EXPECT_EQ(c->source.text().substr(e.range.begin, e.range.end - e.range.begin), "(1 + 2)");
}

TEST(Parser, RecordLiteralsAndMapDeclarations) {
  auto c = test::parse("let @a = lruhash(300);\nlet @b = hash(2);\n"
                       "BEGIN { $r = (a = 1, b = (c = \"x\", d = 2)); $t = (1, 2); }");
  ASSERT_TRUE(c->program) << c->diagnostics();
  const auto& decls = c->program->map_decls;
  ASSERT_EQ(decls.size(), 2u);
  EXPECT_EQ(decls[0].name, "@a");
  EXPECT_EQ(decls[0].kind, "lruhash");
  EXPECT_EQ(decls[0].max_entries, 300u);
  EXPECT_EQ(decls[1].name, "@b");
  const Expr& r = *c->program->probes[0].body[0]->value;
  EXPECT_EQ(r.kind, ExprKind::Tuple);
  EXPECT_EQ(r.field_names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r.args[1]->field_names, (std::vector<std::string>{"c", "d"}));
  EXPECT_TRUE(c->program->probes[0].body[1]->value->field_names.empty());
}

TEST(Parser, DivisionInsideSizeofInAPredicate) {
  // `sizeof(` opens a parenthesis like a call does: a '/' inside it divides.
  EXPECT_EQ(test::parse("BEGIN / sizeof(10 / 2) == 8 / { }")->diagnostics(), "");
}

// ---- syntax errors ------------------------------------------------------------------------------

struct ErrorCase {
  std::string script;
  std::string diagnostics;
};

TEST(Parser, SyntaxErrors) {
  const ErrorCase cases[] = {
      {"", "test.bt:1:1: error: the program has no probes\n"
           "\n"
           "^\n"},
      {"// nothing\n", "test.bt:1:1: error: the program has no probes\n"
                       "// nothing\n"
                       "^\n"},
      {"BEGIN", "test.bt:1:6: error: syntax error: unexpected end of input, expected '{' to "
                "start the probe's action block\n"
                "BEGIN\n"
                "     ^\n"},
      {"BEGIN { @x = 1", "test.bt:1:15: error: syntax error: unexpected end of input, expected "
                         "';' or '}' after the statement\n"
                         "BEGIN { @x = 1\n"
                         "              ^\n"},
      {"BEGIN { @x = 1 @y = 2 }",
       "test.bt:1:16: error: syntax error: unexpected '@y', expected ';' or '}' after the "
       "statement\n"
       "BEGIN { @x = 1 @y = 2 }\n"
       "               ^~\n"},
      {"BEGIN { ; }", "test.bt:1:9: error: syntax error: unexpected ';', expected an expression\n"
                      "BEGIN { ; }\n"
                      "        ^\n"},
      {"BEGIN { @x = ; }", "test.bt:1:14: error: syntax error: unexpected ';', expected an "
                           "expression\n"
                           "BEGIN { @x = ; }\n"
                           "             ^\n"},
      {"BEGIN { 1 = 2; }", "test.bt:1:9: error: only variables and maps can be assigned to\n"
                           "BEGIN { 1 = 2; }\n"
                           "        ^\n"},
      {"BEGIN { $x.y = 2; }", "test.bt:1:9: error: only variables and maps can be assigned to\n"
                              "BEGIN { $x.y = 2; }\n"
                              "        ^~~~\n"},
      {"BEGIN { print(\"a\" \"b\") }",
       "test.bt:1:19: error: syntax error: unexpected string \"b\", expected ')' or ',' in the "
       "argument list\n"
       "BEGIN { print(\"a\" \"b\") }\n"
       "                  ^~~\n"},
      {"BEGIN { @x[1 = 2; }", "test.bt:1:14: error: syntax error: unexpected '=', expected ']' "
                              "or ',' in the map key\n"
                              "BEGIN { @x[1 = 2; }\n"
                              "             ^\n"},
      {"BEGIN { $t = (1, 2; }", "test.bt:1:19: error: syntax error: unexpected ';', expected ')' "
                                "to close the tuple\n"
                                "BEGIN { $t = (1, 2; }\n"
                                "                  ^\n"},
      {"BEGIN { $x = 1 ? 2; }", "test.bt:1:19: error: syntax error: unexpected ';', expected ':' "
                                "in the conditional expression\n"
                                "BEGIN { $x = 1 ? 2; }\n"
                                "                  ^\n"},
      {"BEGIN { else { } }", "test.bt:1:9: error: 'else' without a matching 'if'\n"
                             "BEGIN { else { } }\n"
                             "        ^~~~\n"},
      {"BEGIN { if (1) @x = 1; }", "test.bt:1:16: error: syntax error: unexpected '@x', "
                                   "expected '{'\n"
                                   "BEGIN { if (1) @x = 1; }\n"
                                   "               ^~\n"},
      {"BEGIN { while 1 { } }", "test.bt:1:15: error: syntax error: unexpected '1', expected "
                                "'(' after 'while'\n"
                                "BEGIN { while 1 { } }\n"
                                "              ^\n"},
      {"BEGIN { unroll(0) { } }", "test.bt:1:16: error: unroll count must be between 1 and "
                                  "100\n"
                                  "BEGIN { unroll(0) { } }\n"
                                  "               ^\n"},
      {"BEGIN { unroll(101) { } }", "test.bt:1:16: error: unroll count must be between 1 and "
                                    "100\n"
                                    "BEGIN { unroll(101) { } }\n"
                                    "               ^~~\n"},
      {"BEGIN { unroll($n) { } }", "test.bt:1:16: error: syntax error: unexpected '$n', "
                                   "expected an integer literal repeat count\n"
                                   "BEGIN { unroll($n) { } }\n"
                                   "               ^~\n"},
      {"BEGIN { let x = 1; }", "test.bt:1:13: error: syntax error: unexpected 'x', expected a "
                               "variable name after 'let'\n"
                               "BEGIN { let x = 1; }\n"
                               "            ^\n"},
      {"BEGIN { let $x: float = 1; }",
       "test.bt:1:17: error: syntax error: unexpected 'float', expected a type name (int8 ... "
       "uint64, bool, string, string[N])\n"
       "BEGIN { let $x: float = 1; }\n"
       "                ^~~~~\n"},
      {"BEGIN { $x = $t.; }", "test.bt:1:17: error: syntax error: unexpected ';', expected a "
                              "field name\n"
                              "BEGIN { $x = $t.; }\n"
                              "                ^\n"},
      {"BEGIN / pid { }", "test.bt:1:13: error: syntax error: unexpected '{', expected '/' to "
                          "end the predicate\n"
                          "BEGIN / pid { }\n"
                          "            ^\n"},
      {"BEGIN, { }", "test.bt:1:8: error: expected a probe after ','\n"
                     "BEGIN, { }\n"
                     "       ^\n"},
      {"BEGIN { } }", "test.bt:1:11: error: expected a probe, found '}'\n"
                      "BEGIN { } }\n"
                      "          ^\n"},
      {"BEGIN { $x = 1 # 2; }", "test.bt:1:16: error: unexpected character '#'\n"
                                "BEGIN { $x = 1 # 2; }\n"
                                "               ^\n"},
      {"BEGIN { $x = \"abc; }", "test.bt:1:14: error: unterminated string\n"
                                "BEGIN { $x = \"abc; }\n"
                                "             ^~~~~~~\n"},
      {"BEGIN {\n  $x = 1;\n  @y = $x +;\n}",
       "test.bt:3:12: error: syntax error: unexpected ';', expected an expression\n"
       "  @y = $x +;\n"
       "           ^\n"},
      {"#define\nBEGIN { }", "test.bt:1:1: error: expected a macro name after #define\n"
                             "#define\n"
                             "^~~~~~~\n"},
      {"BEGIN { $x = (uint8); }", "test.bt:1:21: error: syntax error: unexpected ';', "
                                  "expected an expression\n"
                                  "BEGIN { $x = (uint8); }\n"
                                  "                    ^\n"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.script);
    auto r = test::parse(c.script);
    EXPECT_FALSE(r->program);
    EXPECT_EQ(r->diagnostics(), c.diagnostics);
    EXPECT_EQ(r->diags.errors(), 1u);
  }
}

TEST(Parser, UnterminatedCommentIsReportedOnce) {
  auto r = test::parse("BEGIN { @x = 1; } /* never closed");
  EXPECT_FALSE(r->program);
  EXPECT_EQ(r->diagnostics(), "test.bt:1:19: error: unterminated comment\n"
                              "BEGIN { @x = 1; } /* never closed\n"
                              "                  ^~\n");
}

TEST(Parser, EmptyStatementsAndOptionalSemicolons) {
  for (const char* script :
       {"BEGIN { }", "BEGIN { @x = 1;; ; @y = 2 }", "BEGIN { @x = 1; }",
        "BEGIN { if (1) { } @x = 1 }", "BEGIN { while (0) { } unroll(2) { } { } @x = 1 }",
        "BEGIN{}END{}", "BEGIN { exit() } END { }"}) {
    SCOPED_TRACE(script);
    auto r = test::parse(script);
    EXPECT_TRUE(r->program);
    EXPECT_EQ(r->diagnostics(), "");
  }
}

} // namespace
} // namespace btc
