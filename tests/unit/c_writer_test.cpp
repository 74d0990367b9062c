// Unit tests of the C writer (lower/c_writer) and of C string literals (lower/c_literal): what
// the generated BPF C is made of must be valid C whatever the script or the kernel names.
#include "lower/c_literal.h"
#include "lower/c_writer.h"

#include <gtest/gtest.h>

#include <string>

namespace btc {
namespace {

TEST(CIdentifier, AcceptsIdentifiers) {
  for (const char* s : {"x", "_", "m_", "m__", "v_x1", "btc_p0_12", "__common", "_Foo", "Z9"})
    EXPECT_TRUE(is_c_identifier(s)) << s;
}

TEST(CIdentifier, RejectsOtherSyntax) {
  for (const char* s : {"", "1x", "a-b", "a b", "a.b", "m_$", "x\n", "caf\xc3\xa9", "@x", "a\"b"})
    EXPECT_FALSE(is_c_identifier(s)) << c_string_literal(s);
}

TEST(CIdentifier, RejectsKeywords) {
  for (const char* s :
       {"int", "char", "struct", "return", "if", "while", "sizeof", "static", "restrict", "_Bool",
        "_Static_assert", "typeof", "asm", "unsigned", "void", "volatile", "register"})
    EXPECT_FALSE(is_c_identifier(s)) << s;
  EXPECT_TRUE(is_c_identifier("Int"));
  EXPECT_TRUE(is_c_identifier("ints"));
}

TEST(CIdentifier, InvalidIsAnInternalError) {
  EXPECT_EQ(c_ident("m_x"), "m_x");
  EXPECT_THROW(c_ident("int"), InternalError);
  EXPECT_THROW(c_ident("m-x"), InternalError);
  EXPECT_THROW(c_ident(""), InternalError);
}

TEST(CType, AcceptsTypeNames) {
  for (const char* s : {"__u64", "char", "struct btc_str16", "void *", "struct btc_args_0_1 *",
                        "const volatile __s64", "const volatile char", "unsigned long"})
    EXPECT_EQ(c_type(s), s);
}

TEST(CType, RejectsOther) {
  for (const char* s : {"", " ", "struct", "const", "__u64 ", " __u64", "struct  x", "int;", "x[2]",
                        "struct return", "*", " *", "a+b"})
    EXPECT_THROW(c_type(s), InternalError) << c_string_literal(s);
}

TEST(CLiteral, PlainText) {
  EXPECT_EQ(c_string_literal(""), "\"\"");
  EXPECT_EQ(c_string_literal("hello world %d"), "\"hello world %d\"");
}

TEST(CLiteral, QuotesBackslashesNewlines) {
  EXPECT_EQ(c_string_literal("a\"b"), "\"a\\\"b\"");
  EXPECT_EQ(c_string_literal("a\\b"), "\"a\\\\b\"");
  EXPECT_EQ(c_string_literal("a\\"), "\"a\\\\\"");
  EXPECT_EQ(c_string_literal("line\n"), "\"line\\n\"");
  EXPECT_EQ(c_string_literal("\t\r"), "\"\\011\\015\"");
}

TEST(CLiteral, QuestionMarksCannotFormTrigraphs) {
  // (Split literals: this test's own source must not contain a trigraph.)
  EXPECT_EQ(c_string_literal("?"
                             "?="),
            "\"\\077\\077=\"");
  EXPECT_EQ(c_string_literal("what?"), "\"what\\077\"");
}

TEST(CLiteral, NonAsciiAndControlBytesAreOctal) {
  EXPECT_EQ(c_string_literal("caf\xc3\xa9"), "\"caf\\303\\251\"");
  EXPECT_EQ(c_string_literal(std::string("a\0b", 3)), "\"a\\000b\"");
  // Three digits always: a following digit is not part of the escape.
  EXPECT_EQ(c_string_literal("\x01"
                             "7"),
            "\"\\0017\"");
  EXPECT_EQ(c_string_literal("\x7f"), "\"\\177\"");
}

TEST(CWriter, SectionNamesAreEscaped) {
  CWriter body;
  body.line("return 0;", 1);
  CWriter w;
  w.function("tracepoint/a\"b\\c/d\ne?"
             "?/\xc3\xa9",
             "btc_p0_0", "void *", "ctx", body);
  EXPECT_EQ(w.text(), "\n"
                      "SEC(\"tracepoint/a\\\"b\\\\c/d\\ne\\077\\077/\\303\\251\")\n"
                      "int btc_p0_0(void *ctx) {\n"
                      "  return 0;\n"
                      "}\n");
}

TEST(CWriter, FunctionNamesAndParametersAreChecked) {
  CWriter body, w;
  EXPECT_THROW(w.function("raw_tp", "btc begin", "void *", "ctx", body), InternalError);
  EXPECT_THROW(w.function("raw_tp", "f", "void *", "int", body), InternalError);
  EXPECT_THROW(w.function("raw_tp", "f", "void * *", "ctx", body), InternalError);
  w.function("raw_tp", "f", "struct btc_args *", "args", body);
  EXPECT_NE(w.text().find("int f(struct btc_args *args) {"), std::string::npos) << w.text();
}

TEST(CWriter, Structs) {
  CWriter w;
  w.struct_def("btc_str8", {{"char", "s", 8}});
  w.struct_def("btc_args_0_0", {{"__u64", "__common"}, {"__u32", "pid"}, {"char", "comm", 16}},
               true);
  EXPECT_EQ(w.text(), "struct btc_str8 { char s[8]; };\n"
                      "struct btc_args_0_0 {\n"
                      "  __u64 __common;\n"
                      "  __u32 pid;\n"
                      "  char comm[16];\n"
                      "} __attribute__((packed));\n");
  // A tracepoint field named like a C keyword cannot become a member.
  EXPECT_THROW(w.struct_def("btc_args_0_1", {{"__u64", "__common"}, {"__u32", "default"}}),
               InternalError);
}

TEST(CWriter, Maps) {
  CWriter w;
  w.map({"m_x", "BPF_MAP_TYPE_HASH", 4096, "struct btc_tuple0", "__s64"});
  w.map({"BTC_EVENTS_MAP", "BPF_MAP_TYPE_RINGBUF", 1 << 20, "", ""});
  EXPECT_EQ(w.text(), "struct {\n"
                      "  __uint(type, BPF_MAP_TYPE_HASH);\n"
                      "  __uint(max_entries, 4096);\n"
                      "  __type(key, struct btc_tuple0);\n"
                      "  __type(value, __s64);\n"
                      "} m_x SEC(\".maps\");\n"
                      "struct {\n"
                      "  __uint(type, BPF_MAP_TYPE_RINGBUF);\n"
                      "  __uint(max_entries, 1048576);\n"
                      "} BTC_EVENTS_MAP SEC(\".maps\");\n");
  EXPECT_THROW(w.map({"m-x", "BPF_MAP_TYPE_HASH", 1, "__u64", "__u64"}), InternalError);
}

TEST(CWriter, GlobalsAndAssertions) {
  CWriter w;
  w.global("const volatile __s64", "btc_arg1_num", 0, "0");
  w.global("const volatile char", "btc_arg1_str", 64, "{}");
  w.global("char", "btc_zero", 16, "");
  w.static_assertion("sizeof(struct x) == 8", "btc layout: \"x\" size");
  EXPECT_EQ(w.text(), "const volatile __s64 btc_arg1_num = 0;\n"
                      "const volatile char btc_arg1_str[64] = {};\n"
                      "char btc_zero[16];\n"
                      "_Static_assert(sizeof(struct x) == 8, \"btc layout: \\\"x\\\" size\");\n");
}

TEST(CWriter, IndentationAndLineDirectives) {
  CWriter w;
  w.open("if (x)");
  w.line("y();");
  w.line("z();", 1);
  w.line_directive(12, "dir/\"q\".lines");
  w.close(" else {");
  EXPECT_EQ(w.text(), "if (x) {\n"
                      "  y();\n"
                      "    z();\n"
                      "#line 12 \"dir/\\\"q\\\".lines\"\n"
                      "} else {\n");
  CWriter top;
  EXPECT_THROW(top.close(), InternalError);
}

} // namespace
} // namespace btc
