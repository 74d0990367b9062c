// Unit tests of the lexer: every token kind, literal forms, escapes, comments, probe specs and
// `#define` macros.
#include "frontend_test_util.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

namespace btc {
namespace {

using test::lex;
using test::lex_one;

std::vector<Tok> kinds(const std::vector<Token>& tokens) {
  std::vector<Tok> out;
  for (const Token& t : tokens) out.push_back(t.kind);
  return out;
}

// ---- punctuation and operators ---------------------------------------------------------------

struct PunctCase {
  const char* text;
  Tok kind;
};

const PunctCase kPunct[] = {
    {"{", Tok::LBrace},       {"}", Tok::RBrace},
    {"(", Tok::LParen},       {")", Tok::RParen},
    {"[", Tok::LBracket},     {"]", Tok::RBracket},
    {",", Tok::Comma},        {";", Tok::Semi},
    {":", Tok::Colon},        {".", Tok::Dot},
    {"->", Tok::Arrow},       {"?", Tok::Question},
    {"+", Tok::Plus},         {"-", Tok::Minus},
    {"*", Tok::Star},         {"/", Tok::Slash},
    {"%", Tok::Percent},      {"&", Tok::Amp},
    {"|", Tok::Pipe},         {"^", Tok::Caret},
    {"~", Tok::Tilde},        {"!", Tok::Bang},
    {"<", Tok::Lt},           {">", Tok::Gt},
    {"<=", Tok::Le},          {">=", Tok::Ge},
    {"==", Tok::EqEq},        {"!=", Tok::Ne},
    {"<<", Tok::Shl},         {">>", Tok::Shr},
    {"&&", Tok::AndAnd},      {"||", Tok::OrOr},
    {"=", Tok::Assign},       {"+=", Tok::PlusAssign},
    {"-=", Tok::MinusAssign}, {"*=", Tok::StarAssign},
    {"/=", Tok::SlashAssign}, {"%=", Tok::PercentAssign},
    {"&=", Tok::AmpAssign},   {"|=", Tok::PipeAssign},
    {"^=", Tok::CaretAssign}, {"<<=", Tok::ShlAssign},
    {">>=", Tok::ShrAssign},  {"++", Tok::PlusPlus},
    {"--", Tok::MinusMinus},
};

TEST(Lexer, EveryPunctuatorAlone) {
  for (const PunctCase& c : kPunct) {
    SCOPED_TRACE(c.text);
    test::Lexed r = lex(c.text);
    ASSERT_EQ(r.tokens.size(), 2u);
    const Token& t = r.tokens[0];
    EXPECT_EQ(t.kind, c.kind);
    EXPECT_EQ(t.text, c.text);
    EXPECT_EQ(t.range.begin, 0u);
    EXPECT_EQ(t.range.end, std::string(c.text).size());
    EXPECT_EQ(r.tokens[1].kind, Tok::End);
    EXPECT_EQ(r.diagnostics, "");
  }
}

TEST(Lexer, EveryPunctuatorInOneStream) {
  std::string text;
  std::vector<Tok> expected;
  for (const PunctCase& c : kPunct) {
    text += std::string(c.text) + " ";
    expected.push_back(c.kind);
  }
  expected.push_back(Tok::End);
  EXPECT_EQ(kinds(lex(text).tokens), expected);
}

TEST(Lexer, LongestMatchWins) {
  EXPECT_EQ(kinds(lex("<<=<<<=<").tokens),
            (std::vector<Tok>{Tok::ShlAssign, Tok::Shl, Tok::Le, Tok::Lt, Tok::End}));
  EXPECT_EQ(kinds(lex("a--->b").tokens),
            (std::vector<Tok>{Tok::Ident, Tok::MinusMinus, Tok::Arrow, Tok::Ident, Tok::End}));
  EXPECT_EQ(kinds(lex("- >").tokens), (std::vector<Tok>{Tok::Minus, Tok::Gt, Tok::End}));
  EXPECT_EQ(kinds(lex("+++").tokens), (std::vector<Tok>{Tok::PlusPlus, Tok::Plus, Tok::End}));
  EXPECT_EQ(kinds(lex("&&&").tokens), (std::vector<Tok>{Tok::AndAnd, Tok::Amp, Tok::End}));
  EXPECT_EQ(kinds(lex("|||=").tokens), (std::vector<Tok>{Tok::OrOr, Tok::PipeAssign, Tok::End}));
  EXPECT_EQ(kinds(lex("===").tokens), (std::vector<Tok>{Tok::EqEq, Tok::Assign, Tok::End}));
  EXPECT_EQ(kinds(lex("!==").tokens), (std::vector<Tok>{Tok::Ne, Tok::Assign, Tok::End}));
}

TEST(Lexer, UnexpectedCharacter) {
  // A printable character is shown, any other byte named.
  for (auto [text, message] :
       {std::pair{"`", "unexpected character '`'"}, std::pair{"\\", "unexpected character '\\'"},
        std::pair{"\x01", "unexpected byte 0x01"},
        std::pair{"\xc3\xa9", "unexpected byte 0xc3 (non-ASCII text belongs "
                              "in strings and comments)"}}) {
    SCOPED_TRACE(text);
    Token t = lex_one(text);
    EXPECT_EQ(t.kind, Tok::Error);
    EXPECT_EQ(t.text, message);
    EXPECT_EQ(t.range.begin, 0u);
    EXPECT_EQ(t.range.end, 1u);
  }
}

TEST(Lexer, TokSpellingCoversEveryKind) {
  for (int k = 0; k <= static_cast<int>(Tok::Error); ++k)
    EXPECT_STRNE(tok_spelling(static_cast<Tok>(k)), "token") << k;
  EXPECT_STREQ(tok_spelling(Tok::ShlAssign), "'<<='");
  EXPECT_STREQ(tok_spelling(Tok::End), "end of input");
}

// ---- identifiers, variables, maps ---------------------------------------------------------------

TEST(Lexer, Identifiers) {
  test::Lexed r = lex("  foo_1 _x if BEGIN\targ0");
  ASSERT_EQ(kinds(r.tokens), (std::vector<Tok>{Tok::Ident, Tok::Ident, Tok::Ident, Tok::Ident,
                                               Tok::Ident, Tok::End}));
  EXPECT_EQ(r.tokens[0].text, "foo_1");
  EXPECT_EQ(r.tokens[0].range.begin, 2u);
  EXPECT_EQ(r.tokens[0].range.end, 7u);
  EXPECT_EQ(r.tokens[1].text, "_x");
  EXPECT_EQ(r.tokens[2].text, "if");
  EXPECT_EQ(r.tokens[3].text, "BEGIN");
  EXPECT_EQ(r.tokens[4].text, "arg0");
  EXPECT_EQ(r.tokens[5].range.begin, 24u); // End sits at the end of the text
}

TEST(Lexer, EmptyInputIsEnd) {
  for (const char* text : {"", "   \n\t ", "// only a comment", "/* c */"}) {
    SCOPED_TRACE(text);
    test::Lexed r = lex(text);
    ASSERT_EQ(r.tokens.size(), 1u);
    EXPECT_EQ(r.tokens[0].kind, Tok::End);
    EXPECT_EQ(r.diagnostics, "");
  }
}

TEST(Lexer, Variables) {
  Token t = lex_one("$name_2");
  EXPECT_EQ(t.kind, Tok::Var);
  EXPECT_EQ(t.text, "name_2"); // without the '$'
  EXPECT_EQ(t.range.begin, 0u);
  EXPECT_EQ(t.range.end, 7u);

  t = lex_one("$_");
  EXPECT_EQ(t.kind, Tok::Var);
  EXPECT_EQ(t.text, "_");
}

TEST(Lexer, DollarWithoutName) {
  for (const char* text : {"$", "$ x", "$-"}) {
    SCOPED_TRACE(text);
    Token t = lex_one(text);
    EXPECT_EQ(t.kind, Tok::Error);
    EXPECT_EQ(t.text, "expected a variable name after '$'");
    EXPECT_EQ(t.range.begin, 0u);
    EXPECT_EQ(t.range.end, 1u);
  }
}

TEST(Lexer, PositionalParameters) {
  Token t = lex_one("$1");
  EXPECT_EQ(t.kind, Tok::Positional);
  EXPECT_EQ(t.int_value, 1u);
  EXPECT_EQ(t.text, "$1");

  t = lex_one("$12+");
  EXPECT_EQ(t.kind, Tok::Positional);
  EXPECT_EQ(t.int_value, 12u);
  EXPECT_EQ(t.range.end, 3u);

  t = lex_one("$0");
  EXPECT_EQ(t.kind, Tok::Positional);
  EXPECT_EQ(t.int_value, 0u);
}

TEST(Lexer, HugePositionalParameterIsAnErrorNotACrash) {
  // std::stoull throws std::out_of_range on this; the lexer must report an error token instead.
  Token t;
  EXPECT_NO_THROW(t = lex_one("$99999999999999999999999"));
  EXPECT_EQ(t.kind, Tok::Error);
}

TEST(Lexer, ArgCount) {
  test::Lexed r = lex("$# $#x");
  ASSERT_EQ(kinds(r.tokens),
            (std::vector<Tok>{Tok::ArgCount, Tok::ArgCount, Tok::Ident, Tok::End}));
  EXPECT_EQ(r.tokens[0].text, "$#");
  EXPECT_EQ(r.tokens[0].range.end, 2u);
}

TEST(Lexer, Maps) {
  test::Lexed r = lex("@ @name @x_1[");
  ASSERT_EQ(kinds(r.tokens),
            (std::vector<Tok>{Tok::Map, Tok::Map, Tok::Map, Tok::LBracket, Tok::End}));
  EXPECT_EQ(r.tokens[0].text, "@");
  EXPECT_EQ(r.tokens[0].range.end, 1u);
  EXPECT_EQ(r.tokens[1].text, "@name"); // with the '@'
  EXPECT_EQ(r.tokens[1].range.begin, 2u);
  EXPECT_EQ(r.tokens[1].range.end, 7u);
  EXPECT_EQ(r.tokens[2].text, "@x_1");
}

// ---- integer literals ---------------------------------------------------------------------------

struct IntCase {
  const char* text;
  uint64_t value;
  bool is_unsigned;
};

TEST(Lexer, IntegerLiteralForms) {
  const IntCase cases[] = {
      {"0", 0, false},
      {"42", 42, false},
      {"0x1F", 31, false},
      {"0XfF", 255, false},
      {"0xdeadBEEF", 0xdeadbeef, false},
      {"017", 15, false},
      {"00", 0, false},
      {"0b101", 5, false},
      {"0B11", 3, false},
      {"1e3", 1000, false},
      {"5E2", 500, false},
      {"1e0", 1, false},
      {"1e19", 10000000000000000000ull, false},
      {"1_000", 1000, false},
      {"1_000_000", 1000000, false},
      {"0xff_ff", 0xffff, false},
      {"1u", 1, true},
      {"1U", 1, true},
      {"1l", 1, false},
      {"1L", 1, false},
      {"1ul", 1, true},
      {"1UL", 1, true},
      {"1ll", 1, false},
      {"1LL", 1, false},
      {"1ull", 1, true},
      {"1ULL", 1, true},
      {"0x10u", 16, true},
      {"18446744073709551615", std::numeric_limits<uint64_t>::max(), false},
      {"0xffffffffffffffff", std::numeric_limits<uint64_t>::max(), false},
      {"0b1111111111111111111111111111111111111111111111111111111111111111",
       std::numeric_limits<uint64_t>::max(), false},
      {"01777777777777777777777", std::numeric_limits<uint64_t>::max(), false},
  };
  for (const IntCase& c : cases) {
    SCOPED_TRACE(c.text);
    test::Lexed r = lex(c.text);
    ASSERT_EQ(r.tokens.size(), 2u);
    const Token& t = r.tokens[0];
    ASSERT_EQ(t.kind, Tok::Int) << t.text;
    EXPECT_EQ(t.int_value, c.value);
    EXPECT_EQ(t.is_unsigned, c.is_unsigned);
    EXPECT_EQ(t.text, c.text);
    EXPECT_EQ(t.range.end, std::string(c.text).size());
  }
}

TEST(Lexer, IntegerFollowedByPunctuation) {
  test::Lexed r = lex("10)+0x1f;1e3,7u]");
  EXPECT_EQ(kinds(r.tokens),
            (std::vector<Tok>{Tok::Int, Tok::RParen, Tok::Plus, Tok::Int, Tok::Semi, Tok::Int,
                              Tok::Comma, Tok::Int, Tok::RBracket, Tok::End}));
  // A tuple index: `.0` after a name is Dot then Int, and `0.1` is Int Dot Int.
  EXPECT_EQ(kinds(lex("$t.0.1").tokens),
            (std::vector<Tok>{Tok::Var, Tok::Dot, Tok::Int, Tok::Dot, Tok::Int, Tok::End}));
}

struct BadIntCase {
  const char* text;
  const char* message;
};

TEST(Lexer, InvalidIntegerLiterals) {
  const BadIntCase cases[] = {
      {"18446744073709551616", "integer literal is too large"},
      {"99999999999999999999", "integer literal is too large"},
      {"0x10000000000000000", "integer literal is too large"},
      {"0b10000000000000000000000000000000000000000000000000000000000000000",
       "integer literal is too large"},
      {"1e20", "integer literal is too large"},
      {"2e19", "integer literal is too large"},
      {"0x", "invalid integer literal"},
      {"0b", "invalid integer literal"},
      {"1e", "invalid integer literal"},
      {"123foo", "invalid integer literal"},
      {"1uz", "invalid integer literal"},
      {"08", "invalid digit in integer literal"},
      {"0b2", "invalid digit in integer literal"},
      {"12abc", "invalid digit in integer literal"},
  };
  for (const BadIntCase& c : cases) {
    SCOPED_TRACE(c.text);
    Token t = lex_one(c.text);
    ASSERT_EQ(t.kind, Tok::Error);
    EXPECT_EQ(t.text, c.message);
    // The error covers the whole literal.
    EXPECT_EQ(t.range.begin, 0u);
    EXPECT_EQ(t.range.end, std::string(c.text).size());
  }
}

TEST(Lexer, HugeExponentIsTooLarge) {
  // The exponent itself overflows: 18446744073709551616 wraps to 0 (and ...617 to 1), so the
  // literal silently became 1 (or 10).
  for (const char* text : {"1e18446744073709551616", "1e18446744073709551617", "1e99999999999"}) {
    SCOPED_TRACE(text);
    Token t = lex_one(text);
    EXPECT_EQ(t.kind, Tok::Error) << "lexed as " << t.int_value;
    EXPECT_EQ(t.text, "integer literal is too large");
  }
}

TEST(Lexer, HugeExponentOfZeroDoesNotHang) {
  // The exponent was applied by multiplying by 10 once per unit: `0e99999999999999` never
  // overflows, so the lexer looped for hours. The child process gets two seconds of CPU time
  // (not of wall time, which a loaded machine stretches).
  EXPECT_EXIT(
      {
        struct rlimit cpu;
        cpu.rlim_cur = 2;
        cpu.rlim_max = 3;
        setrlimit(RLIMIT_CPU, &cpu);
        Token t = lex_one("0e99999999999999");
        std::exit(t.kind == Tok::Int || t.kind == Tok::Error ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

// ---- character literals -------------------------------------------------------------------------

TEST(Lexer, CharacterLiterals) {
  const IntCase cases[] = {
      {"'a'", 'a', false},     {"' '", ' ', false},     {"'\\n'", '\n', false},
      {"'\\t'", '\t', false},  {"'\\\\'", '\\', false}, {"'\\''", '\'', false},
      {"'\"'", '"', false},    {"'\\0'", 0, false},     {"'\\101'", 'A', false},
      {"'\\x41'", 'A', false}, {"'\\xff'", 255, false}, {"'\\e'", 27, false},
  };
  for (const IntCase& c : cases) {
    SCOPED_TRACE(c.text);
    test::Lexed r = lex(c.text);
    ASSERT_EQ(r.tokens.size(), 2u);
    const Token& t = r.tokens[0];
    ASSERT_EQ(t.kind, Tok::Int) << t.text;
    EXPECT_EQ(t.int_value, c.value);
    EXPECT_EQ(t.range.end, std::string(c.text).size());
  }
}

TEST(Lexer, InvalidCharacterLiterals) {
  const BadIntCase cases[] = {
      {"''", "invalid character literal"},
      {"'ab'", "invalid character literal"},
      {"'a", "invalid character literal"},
      {"'", "invalid character literal"},
      {"'\\q'", "invalid escape sequence in character"},
      {"'\\xg'", "invalid escape sequence in character"},
  };
  for (const BadIntCase& c : cases) {
    SCOPED_TRACE(c.text);
    Token t = lex_one(c.text);
    ASSERT_EQ(t.kind, Tok::Error);
    EXPECT_EQ(t.text, c.message);
    EXPECT_EQ(t.range.begin, 0u);
  }
}

// ---- strings ------------------------------------------------------------------------------------

struct StringCase {
  std::string text;
  std::string value;
};

TEST(Lexer, StringEscapes) {
  const StringCase cases[] = {
      {R"("")", ""},
      {R"("hello world")", "hello world"},
      {R"("a\nb")", "a\nb"},
      {R"("\t")", "\t"},
      {R"("\\")", "\\"},
      {R"("\"quoted\"")", "\"quoted\""},
      {R"("it\'s")", "it's"},
      {R"("\r\a\b\f\v\e")", "\r\a\b\f\v\x1b"},
      {R"("\0")", std::string(1, '\0')},
      {R"("\012")", "\n"},
      {R"("\101\102")", "AB"},
      {R"("\1012")", "A2"}, // at most three octal digits
      {R"("\7")", "\a"},
      {R"("\377")", "\xff"},
      {R"("\x41")", "A"},
      {R"("\x4a\x4B")", "JK"},
      {R"("\x414")", "A4"}, // at most two hex digits
      {R"("\x9")", "\t"},
      {R"("%d\n")", "%d\n"},
      {"\"tab\there\"", "tab\there"}, // a raw tab is kept
  };
  for (const StringCase& c : cases) {
    SCOPED_TRACE(c.text);
    test::Lexed r = lex(c.text);
    ASSERT_EQ(r.tokens.size(), 2u);
    const Token& t = r.tokens[0];
    ASSERT_EQ(t.kind, Tok::String) << t.text;
    EXPECT_EQ(t.text, c.value); // decoded
    EXPECT_EQ(t.range.begin, 0u);
    EXPECT_EQ(t.range.end, c.text.size());
  }
}

struct BadStringCase {
  std::string text;
  const char* message;
  uint32_t begin, end;
};

TEST(Lexer, InvalidStrings) {
  const BadStringCase cases[] = {
      {R"("a\qb")", "invalid escape sequence in string", 2, 4},
      {R"("\xg")", "invalid escape sequence in string", 1, 3},
      {R"("\400")", "invalid escape sequence in string", 1, 5},
      {R"("abc)", "unterminated string", 0, 4},
      {"\"abc\ndef\"", "unterminated string", 0, 4},
      {R"("abc\")", "unterminated string", 0, 6},
  };
  for (const BadStringCase& c : cases) {
    SCOPED_TRACE(c.text);
    Token t = lex_one(c.text);
    ASSERT_EQ(t.kind, Tok::Error);
    EXPECT_EQ(t.text, c.message);
    EXPECT_EQ(t.range.begin, c.begin);
    EXPECT_EQ(t.range.end, c.end);
  }
}

// ---- comments -----------------------------------------------------------------------------------

TEST(Lexer, Comments) {
  std::string text = "// line comment\n1 /* block\n comment */ 2 // trailing";
  test::Lexed r = lex(text);
  ASSERT_EQ(kinds(r.tokens), (std::vector<Tok>{Tok::Int, Tok::Int, Tok::End}));
  EXPECT_EQ(r.tokens[0].int_value, 1u);
  EXPECT_EQ(r.tokens[0].range.begin, text.find('1'));
  EXPECT_EQ(r.tokens[1].int_value, 2u);
  EXPECT_EQ(r.tokens[1].range.begin, text.find('2'));
  EXPECT_EQ(r.diagnostics, "");
}

TEST(Lexer, BlockCommentsDoNotNest) {
  test::Lexed r = lex("/* /* */ 3 */");
  EXPECT_EQ(kinds(r.tokens), (std::vector<Tok>{Tok::Int, Tok::Star, Tok::Slash, Tok::End}));
}

TEST(Lexer, CommentMarkersInsideStringsAreText) {
  Token t = lex_one(R"("// not /* a comment")");
  EXPECT_EQ(t.kind, Tok::String);
  EXPECT_EQ(t.text, "// not /* a comment");
}

TEST(Lexer, SlashesThatAreNotComments) {
  EXPECT_EQ(kinds(lex("a/b /=c").tokens),
            (std::vector<Tok>{Tok::Ident, Tok::Slash, Tok::Ident, Tok::SlashAssign, Tok::Ident,
                              Tok::End}));
}

TEST(Lexer, UnterminatedBlockComment) {
  test::Lexed r = lex("1 /* never closed\n2");
  ASSERT_EQ(kinds(r.tokens), (std::vector<Tok>{Tok::Int, Tok::End}));
  EXPECT_EQ(r.diagnostics, "test.bt:1:3: error: unterminated comment\n"
                           "1 /* never closed\n"
                           "  ^~\n");
}

// ---- probe specs --------------------------------------------------------------------------------

// The probe spec at the start of `text`, then the ordinary tokens after it.
std::vector<Token> lex_probe(const std::string& text, std::string* diagnostics = nullptr) {
  SourceFile source(test::kFileName, text);
  std::ostringstream out;
  Diagnostics diags(source, out);
  Lexer lexer(source, diags);
  std::vector<Token> tokens{lexer.next_probe_spec()};
  while (tokens.back().kind != Tok::End && tokens.back().kind != Tok::Error)
    tokens.push_back(lexer.next());
  if (diagnostics) *diagnostics = out.str();
  return tokens;
}

struct ProbeCase {
  std::string text;
  std::string spec;
  Tok after;
};

TEST(Lexer, ProbeSpecs) {
  const ProbeCase cases[] = {
      {"t:syscalls:sys_enter_* { }", "t:syscalls:sys_enter_*", Tok::LBrace},
      {"tracepoint:syscalls:sys_enter_openat{", "tracepoint:syscalls:sys_enter_openat",
       Tok::LBrace},
      {"interval:s:1 {", "interval:s:1", Tok::LBrace},
      {"BEGIN", "BEGIN", Tok::End},
      {"BEGIN{}", "BEGIN", Tok::LBrace},
      {"END /pid/", "END", Tok::Slash},
      {"BEGIN/pid/", "BEGIN", Tok::Slash},
      {"interval:ms:100/1/", "interval:ms:100", Tok::Slash},
      {"t:sched:sched_switch,t:sched:sched_wakeup", "t:sched:sched_switch", Tok::Comma},
      {"rt:sched_switch {", "rt:sched_switch", Tok::LBrace},
      {"software:cpu-clock:1000 {", "software:cpu-clock:1000", Tok::LBrace},
      {"t:sys?calls:sys_[ef]*_read {", "t:sys?calls:sys_[ef]*_read", Tok::LBrace},
      {"kprobe:vfs_read+16 {", "kprobe:vfs_read+16", Tok::LBrace},
      {"uprobe:/bin/bash:readline /1/", "uprobe:/bin/bash:readline", Tok::Slash},
      {"uprobe:/usr/lib/libc.so.6:malloc{", "uprobe:/usr/lib/libc.so.6:malloc", Tok::LBrace},
      {"uprobe:bin/prog:f {", "uprobe:bin/prog:f", Tok::LBrace},
      {"uprobe:/b:f_[!a-l]*{", "uprobe:/b:f_[!a-l]*", Tok::LBrace},
      {"uprobe:/b:f_[^a]? {", "uprobe:/b:f_[^a]?", Tok::LBrace},
      {"uprobe:bin/prog:f/1/", "uprobe:bin/prog:f", Tok::Slash},
      {"uretprobe:a-b/c.d+e/f#g:f {", "uretprobe:a-b/c.d+e/f#g:f", Tok::LBrace},
      {"usdt:lib/x.so:p:n {", "usdt:lib/x.so:p:n", Tok::LBrace},
      {"uprobe:../b/p:f {", "uprobe:../b/p:f", Tok::LBrace},
      {"uprobe:a/../b:f,uprobe:c/d:g", "uprobe:a/../b:f", Tok::Comma},
      {"kprobe:f/arg0?1:2/ {", "kprobe:f", Tok::Slash},
      {"kprobe:f/arg0/ {", "kprobe:f", Tok::Slash},
      {"uprobe:bin/arg0/ {", "uprobe:bin", Tok::Slash},
      {"  // comment\n  /* c */ BEGIN {", "BEGIN", Tok::LBrace},
      {"BEGIN// comment\n{", "BEGIN", Tok::LBrace},
  };
  for (const ProbeCase& c : cases) {
    SCOPED_TRACE(c.text);
    std::vector<Token> tokens = lex_probe(c.text);
    ASSERT_GE(tokens.size(), 1u);
    EXPECT_EQ(tokens[0].kind, Tok::ProbeSpec);
    EXPECT_EQ(tokens[0].text, c.spec);
    EXPECT_EQ(tokens[0].range.begin, c.text.find(c.spec));
    EXPECT_EQ(tokens[0].range.end, c.text.find(c.spec) + c.spec.size());
    ASSERT_GE(tokens.size(), 2u);
    EXPECT_EQ(tokens[1].kind, c.after);
  }
}

TEST(Lexer, ProbeSpecAtEndOfInput) {
  std::vector<Token> tokens = lex_probe("  \n// nothing\n");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].kind, Tok::End);
}

TEST(Lexer, ProbeSpecMissing) {
  std::vector<Token> tokens = lex_probe("  { }");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].kind, Tok::Error);
  EXPECT_EQ(tokens[0].text, "expected a probe, found '{'");
  EXPECT_EQ(tokens[0].range.begin, 2u);
  EXPECT_EQ(tokens[0].range.end, 3u);
}

TEST(Lexer, ProbeSpecsAreOnlyLexedOnRequest) {
  // Through next(), a probe spec is ordinary tokens.
  EXPECT_EQ(kinds(lex("t:syscalls:sys_enter_*").tokens),
            (std::vector<Tok>{Tok::Ident, Tok::Colon, Tok::Ident, Tok::Colon, Tok::Ident, Tok::Star,
                              Tok::End}));
}

// ---- #define ------------------------------------------------------------------------------------

TEST(Lexer, DefineExpandsToItsTokens) {
  std::string text = "#define N 10\n#define GREETING \"hi\"\nN GREETING";
  test::Lexed r = lex(text);
  ASSERT_EQ(kinds(r.tokens), (std::vector<Tok>{Tok::Int, Tok::String, Tok::End}));
  EXPECT_EQ(r.tokens[0].int_value, 10u);
  // Expanded tokens carry the range of the macro's use.
  EXPECT_EQ(r.tokens[0].range.begin, text.find("\nN ") + 1);
  EXPECT_EQ(r.tokens[0].range.end, text.find("\nN ") + 1 + 1);
  EXPECT_EQ(r.tokens[1].text, "hi");
  EXPECT_EQ(r.tokens[1].range.begin, text.rfind("GREETING"));
  EXPECT_EQ(r.tokens[1].range.end, text.size());
  EXPECT_EQ(r.diagnostics, "");
}

TEST(Lexer, DefineWithSeveralTokens) {
  test::Lexed r = lex("#define EXPR (1 + 2) * 3\nx = EXPR;");
  EXPECT_EQ(kinds(r.tokens),
            (std::vector<Tok>{Tok::Ident, Tok::Assign, Tok::LParen, Tok::Int, Tok::Plus, Tok::Int,
                              Tok::RParen, Tok::Star, Tok::Int, Tok::Semi, Tok::End}));
}

TEST(Lexer, DefineEmptyBody) {
  test::Lexed r = lex("#define NOTHING\nNOTHING x NOTHING");
  ASSERT_EQ(kinds(r.tokens), (std::vector<Tok>{Tok::Ident, Tok::End}));
  EXPECT_EQ(r.tokens[0].text, "x");
}

TEST(Lexer, DefineUsesEarlierMacros) {
  test::Lexed r = lex("#define A 1\n#define B A + A\nB");
  ASSERT_EQ(kinds(r.tokens), (std::vector<Tok>{Tok::Int, Tok::Plus, Tok::Int, Tok::End}));
}

TEST(Lexer, DefineIsNotExpandedInsideNames) {
  test::Lexed r = lex("#define N 10\nNN $N @N \"N\"");
  ASSERT_EQ(kinds(r.tokens),
            (std::vector<Tok>{Tok::Ident, Tok::Var, Tok::Map, Tok::String, Tok::End}));
  EXPECT_EQ(r.tokens[0].text, "NN");
  EXPECT_EQ(r.tokens[1].text, "N");
  EXPECT_EQ(r.tokens[2].text, "@N");
  EXPECT_EQ(r.tokens[3].text, "N");
}

TEST(Lexer, DefineBodyEndsAtEndOfLineDespiteComments) {
  // A comment (or a '\r') after the body made the lexer read on into the next line: the macro
  // took the next line's first token into its body.
  for (const char* text :
       {"#define N 10 // ten\nN", "#define N 10 /* ten */\nN", "#define N 10\r\nN"}) {
    SCOPED_TRACE(text);
    test::Lexed r = lex(text);
    EXPECT_EQ(kinds(r.tokens), (std::vector<Tok>{Tok::Int, Tok::End}));
    EXPECT_EQ(r.tokens[0].int_value, 10u);
    EXPECT_EQ(r.diagnostics, "");
  }
}

struct DirectiveErrorCase {
  std::string text;
  std::string diagnostics;
};

TEST(Lexer, DirectiveErrors) {
  const DirectiveErrorCase cases[] = {
      {"#define F(x) x\n", "test.bt:1:1: error: function-like macros are not supported\n"
                           "#define F(x) x\n"
                           "^~~~~~~~~~~~~~\n"},
      {"#define 1 2\n", "test.bt:1:1: error: expected a macro name after #define\n"
                        "#define 1 2\n"
                        "^~~~~~~~~~~\n"},
      {"#include <linux/sched.h>\n",
       "test.bt:1:1: error: #include is not supported yet: kernel types come from BTF\n"
       "#include <linux/sched.h>\n"
       "^~~~~~~~~~~~~~~~~~~~~~~~\n"},
      {"#pragma once\n", "test.bt:1:1: error: unknown preprocessor directive\n"
                         "#pragma once\n"
                         "^~~~~~~~~~~~\n"},
      {"#define S \"abc\n", "test.bt:1:11: error: unterminated string\n"
                            "#define S \"abc\n"
                            "          ^~~~\n"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(lex(c.text).diagnostics, c.diagnostics);
  }
}

TEST(Lexer, SkipPreambleDirectiveReportsWhetherOneWasFound) {
  SourceFile source(test::kFileName, "// c\n#define A 1\n  #define B 2\nBEGIN");
  std::ostringstream out;
  Diagnostics diags(source, out);
  Lexer lexer(source, diags);
  EXPECT_TRUE(lexer.skip_preamble_directive());
  EXPECT_TRUE(lexer.skip_preamble_directive());
  EXPECT_FALSE(lexer.skip_preamble_directive());
  Token spec = lexer.next_probe_spec();
  EXPECT_EQ(spec.kind, Tok::ProbeSpec);
  EXPECT_EQ(spec.text, "BEGIN");
  EXPECT_EQ(out.str(), "");
}

} // namespace
} // namespace btc
