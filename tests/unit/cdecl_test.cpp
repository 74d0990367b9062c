// Unit tests of C in scripts: the preamble scan, the lexer over a C preamble, and the Clang
// TypeSource (record layouts with bit fields, unions, nested and anonymous records, enums,
// typedefs, macros evaluated as integers, skipped #if branches, located errors).
#include "cdecl/cdecl.h"
#include "frontend_test_util.h"

#include <gtest/gtest.h>

#include <sstream>

namespace btc {
namespace {

// A script's C preamble parsed by Clang, with what it reported.
struct Parsed {
  SourceFile source;
  std::ostringstream diag_text;
  Diagnostics diags;
  std::unique_ptr<CDeclarations> decls;

  explicit Parsed(const std::string& text)
      : source("cdecl_test.bt", text), diags(source, diag_text) {
    CPreambleOptions options;
    options.machine = "x86_64";
    options.have_btf = true;
    decls = parse_c_preamble(source, scan_preamble(text), script_identifiers(text), options, diags);
  }
  std::string diagnostics() const { return diag_text.str(); }
};

std::string with_probe(const std::string& preamble, const std::string& body = "exit();") {
  return preamble + "\nBEGIN { " + body + " }\n";
}

TEST(PreambleScan, FindsTheFirstProbeAndWhetherCIsThere) {
  EXPECT_FALSE(scan_preamble("BEGIN { exit(); }").has_c);
  EXPECT_EQ(scan_preamble("BEGIN { exit(); }").end, 0u);

  std::string defines = "#!/usr/bin/env bpftrace\n// x\n#define A 1\n#define B (A + 1)\nBEGIN {}";
  PreambleScan scan = scan_preamble(defines);
  EXPECT_FALSE(scan.has_c);
  EXPECT_EQ(scan.end, defines.find("BEGIN"));

  std::string c = "#include <x.h>\nstruct s {\n  int a; /* } ; */\n  char b[2];\n};\n"
                  "typedef int t;\nenum { E = ';' };\nkprobe:f {}";
  scan = scan_preamble(c);
  EXPECT_TRUE(scan.has_c);
  EXPECT_EQ(scan.end, c.find("kprobe"));

  EXPECT_TRUE(scan_preamble("#ifdef X\n#endif\nBEGIN {}").has_c);
  EXPECT_TRUE(scan_preamble("union u { int a; };\nBEGIN {}").has_c);
  // A directive continued on the next line is one directive.
  std::string continued = "#define A \\\n  1\nBEGIN {}";
  EXPECT_EQ(scan_preamble(continued).end, continued.find("BEGIN"));
}

TEST(PreambleScan, DefinitionsWithoutTheirSemicolon) {
  // bpftrace accepts `struct S { ... }` before a probe: the definition ends at its `}`.
  std::string text = "struct A { int x; }\nunion U { int i; } // u\nenum E { E0 }\n"
                     "struct B { struct A a; } kprobe:f { }";
  PreambleScan scan = scan_preamble(text);
  EXPECT_EQ(scan.end, text.find("kprobe"));
  ASSERT_EQ(scan.unterminated.size(), 4u);
  EXPECT_EQ(scan.unterminated[0], text.find("}\nunion") + 1);
  // What follows the `}` may continue the declaration: a declarator, an attribute.
  std::string rest = "struct S { int x; } __attribute__((packed));\nstruct T { int y; } t;\n"
                     "BEGIN { }";
  scan = scan_preamble(rest);
  EXPECT_EQ(scan.end, rest.find("BEGIN"));
  EXPECT_TRUE(scan.unterminated.empty());
  std::string config = "struct S { int x; }\nconfig = { max_map_keys = 1 }\nBEGIN { }";
  EXPECT_EQ(scan_preamble(config).end, config.find("config"));
}

TEST(PreambleScan, ScriptIdentifiersSkipCommentsStringsVariablesAndMaps) {
  std::vector<std::string> words = script_identifiers(
      "// HIDDEN\nBEGIN { @m[X] = $v + Y2 + 0x1fUL; printf(\"NOT %d\", 'Z'); /* NOPE */ X; }");
  EXPECT_EQ(words, (std::vector<std::string>{"BEGIN", "X", "Y2", "printf"}));
}

TEST(CPreambleLexer, SkipsCAndKeepsActiveDefines) {
  std::string text = "#include <a.h>\n"
                     "#ifdef NOPE\n"
                     "#define LIMIT 1\n"
                     "#else\n"
                     "#define LIMIT 2\n"
                     "#endif\n"
                     "struct s { int a; };\n"
                     "#define GONE 3\n"
                     "#undef GONE\n"
                     "#define F(x) x\n"
                     "#define LONG 4 \\\n  + 5\n"
                     "BEGIN { LIMIT; GONE; LONG; }";
  SourceFile source("test.bt", text);
  std::ostringstream out;
  Diagnostics diags(source, out);
  CPreamble c;
  c.end = scan_preamble(text).end;
  uint32_t inactive = static_cast<uint32_t>(text.find("#define LIMIT 1"));
  c.inactive.push_back({inactive - 12, static_cast<uint32_t>(text.find("#define LIMIT 2"))});
  Lexer lexer(source, diags);
  lexer.set_c_preamble(&c);
  while (lexer.skip_preamble_directive()) {
  }
  std::vector<std::string> spelled;
  for (Token t = lexer.next_probe_spec(); t.kind != Tok::End; t = lexer.next())
    spelled.push_back(t.kind == Tok::Int ? std::to_string(t.int_value) : t.text);
  EXPECT_EQ(spelled, (std::vector<std::string>{"BEGIN", "{", "2", ";", "GONE", ";", "4", "+", "5",
                                               ";", "}"}));
  EXPECT_EQ(out.str(), "");
}

TEST(CDecl, StructLayoutWithBitFields) {
  Parsed p(with_probe("struct bits {\n"
                      "  unsigned char a;\n"
                      "  unsigned int b : 3;\n"
                      "  unsigned int c : 12;\n"
                      "  int : 0;\n"
                      "  int d;\n"
                      "  long e;\n"
                      "  _Bool f;\n"
                      "};"));
  ASSERT_TRUE(p.decls) << p.diagnostics();
  const RecordDef* r = p.decls->record("bits", false);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->from_kernel);
  EXPECT_FALSE(r->is_union);
  EXPECT_EQ(r->name, "bits");
  EXPECT_EQ(r->size, 24u);
  ASSERT_EQ(r->fields.size(), 6u);
  struct Expected {
    const char* name;
    uint32_t offset;
    uint8_t bit_offset, bit_size;
    Type type;
  } expected[] = {
      {"a", 0, 0, 0, Type::integer(8, false)},   {"b", 1, 0, 3, Type::integer(32, false)},
      {"c", 1, 3, 12, Type::integer(32, false)}, {"d", 4, 0, 0, Type::integer(32, true)},
      {"e", 8, 0, 0, Type::integer(64, true)},   {"f", 16, 0, 0, Type::boolean()}};
  for (size_t i = 0; i < r->fields.size(); ++i) {
    SCOPED_TRACE(expected[i].name);
    EXPECT_EQ(r->fields[i].name, expected[i].name);
    EXPECT_EQ(r->fields[i].offset, expected[i].offset);
    EXPECT_EQ(r->fields[i].bit_offset, expected[i].bit_offset);
    EXPECT_EQ(r->fields[i].bit_size, expected[i].bit_size);
    EXPECT_TRUE(r->fields[i].type.same_node(expected[i].type)) << type_name(r->fields[i].type);
  }
  EXPECT_EQ(p.decls->record("bits", true), nullptr);
  EXPECT_EQ(p.decls->record("nosuch", false), nullptr);
}

TEST(CDecl, UnionNestedAnonymousAndArrays) {
  Parsed p(with_probe("struct cd_inner { short s; char tag[3]; };\n"
                      "union cd_value { int i; long l; char bytes[12]; };\n"
                      "struct cd_outer {\n"
                      "  struct cd_inner in;\n"
                      "  struct cd_nested { int n; } nested;\n"
                      "  struct { int x; int y; };\n"
                      "  union cd_value v;\n"
                      "  struct cd_outer *next;\n"
                      "  void *opaque;\n"
                      "  char *name;\n"
                      "  int grid[2][3];\n"
                      "  float ratio;\n"
                      "  int rest[];\n"
                      "};"));
  ASSERT_TRUE(p.decls) << p.diagnostics();
  const RecordDef* u = p.decls->record("cd_value", true);
  ASSERT_TRUE(u);
  EXPECT_TRUE(u->is_union);
  EXPECT_EQ(u->size, 16u);
  for (const RecordField& f : u->fields) EXPECT_EQ(f.offset, 0u) << f.name;
  // A char array is a string, as in BTF: printed as text in a record value.
  EXPECT_TRUE(u->find("bytes")->type.same_node(Type::string(12)));

  const RecordDef* inner = p.decls->record("cd_inner", false);
  const RecordDef* nested = p.decls->record("cd_nested", false);
  ASSERT_TRUE(inner);
  ASSERT_TRUE(nested) << "a record defined inside another is in the enclosing scope";
  EXPECT_EQ(inner->size, 6u);

  const RecordDef* o = p.decls->record("cd_outer", false);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->find("in")->type.record(), inner);
  EXPECT_EQ(o->find("nested")->offset, 8u);
  EXPECT_EQ(o->find("nested")->type.record(), nested);
  // The anonymous struct member: no name, an anonymous record holding x and y.
  const RecordField* anon = o->find("");
  ASSERT_TRUE(anon);
  EXPECT_EQ(anon->offset, 12u);
  ASSERT_EQ(anon->type.kind(), TypeKind::Record);
  EXPECT_EQ(anon->type.record()->name, "");
  EXPECT_EQ(anon->type.record()->find("y")->offset, 4u);
  EXPECT_EQ(o->find("v")->offset, 24u);
  EXPECT_EQ(o->find("v")->type.record(), u);
  // A pointer back to the record being defined cannot name it yet.
  EXPECT_TRUE(o->find("next")->type.same_node(Type::pointer(Type::none(), AddrSpace::Kernel)));
  EXPECT_TRUE(o->find("opaque")->type.same_node(Type::pointer(Type::none(), AddrSpace::Kernel)));
  EXPECT_TRUE(o->find("name")->type.points_to_char());
  EXPECT_EQ(o->find("grid")->offset, 64u);
  EXPECT_TRUE(
      o->find("grid")->type.same_node(Type::array(Type::array(Type::integer(32, true), 3), 2)));
  // Floating point has no btc type; its place still counts.
  EXPECT_EQ(o->find("ratio")->offset, 88u);
  EXPECT_EQ(o->find("ratio")->type.kind(), TypeKind::None);
  EXPECT_EQ(o->find("rest")->offset, 92u);
  EXPECT_TRUE(o->find("rest")->type.same_node(Type::array(Type::integer(32, true), 0)));
  EXPECT_EQ(o->size, 96u);
}

TEST(CDecl, EnumsAndTheirConstants) {
  Parsed p(with_probe("enum cd_color { CD_RED, CD_GREEN = 5, CD_BLUE };\n"
                      "enum cd_sign { CD_NEG = -2, CD_POS = 2 };\n"
                      "enum { CD_ANON = 1ULL << 40 };\n"
                      "enum cd_huge { CD_HUGE = 0xffffffffffffffffULL };\n"
                      "struct cd_pixel { enum cd_color color : 8; enum cd_sign sign; };",
                      "CD_RED; CD_BLUE; CD_NEG; CD_ANON;"));
  ASSERT_TRUE(p.decls) << p.diagnostics();
  const EnumDef* color = p.decls->enumeration("cd_color");
  ASSERT_TRUE(color);
  EXPECT_EQ(color->bits, 32);
  EXPECT_FALSE(color->is_signed);
  ASSERT_EQ(color->values.size(), 3u);
  EXPECT_EQ(color->values[2].name, "CD_BLUE");
  EXPECT_EQ(color->values[2].value, 6);
  const EnumDef* sign = p.decls->enumeration("cd_sign");
  ASSERT_TRUE(sign);
  EXPECT_TRUE(sign->is_signed);
  EXPECT_EQ(p.decls->constant("CD_GREEN"), 5);
  EXPECT_EQ(p.decls->constant("CD_NEG"), -2);
  EXPECT_EQ(p.decls->constant("CD_ANON"), int64_t{1} << 40);
  // Unsigned 64-bit values keep their bits, as integer literals do.
  EXPECT_EQ(p.decls->constant("CD_HUGE"), -1);
  EXPECT_EQ(p.decls->enumeration("cd_huge")->bits, 64);
  EXPECT_EQ(p.decls->constant("cd_color"), std::nullopt);
  const RecordDef* pixel = p.decls->record("cd_pixel", false);
  ASSERT_TRUE(pixel);
  EXPECT_EQ(pixel->find("color")->type.enum_def(), color);
  EXPECT_EQ(pixel->find("color")->bit_size, 8);
  EXPECT_EQ(pixel->find("sign")->type.enum_def(), sign);
}

TEST(CDecl, Typedefs) {
  Parsed p(with_probe("#include <stdint.h>\n"
                      "struct cd_point { int x, y; };\n"
                      "typedef struct cd_point cd_point_t;\n"
                      "typedef cd_point_t cd_again_t;\n"
                      "typedef uint16_t cd_port_t;\n"
                      "typedef struct { char c; } cd_anon_t;\n"
                      "typedef int cd_row_t[4];"));
  ASSERT_TRUE(p.decls) << p.diagnostics();
  const RecordDef* point = p.decls->record("cd_point", false);
  ASSERT_TRUE(point);
  EXPECT_EQ(p.decls->typedef_type("cd_point_t")->record(), point);
  EXPECT_EQ(p.decls->typedef_type("cd_again_t")->record(), point);
  EXPECT_TRUE(p.decls->typedef_type("cd_port_t")->same_node(Type::integer(16, false)));
  std::optional<Type> anon = p.decls->typedef_type("cd_anon_t");
  ASSERT_TRUE(anon);
  EXPECT_EQ(anon->record()->name, "");
  EXPECT_EQ(anon->record()->size, 1u);
  EXPECT_TRUE(
      p.decls->typedef_type("cd_row_t")->same_node(Type::array(Type::integer(32, true), 4)));
  // A system header's types are not the script's: kernel types come from BTF.
  EXPECT_EQ(p.decls->typedef_type("uint16_t"), std::nullopt);
}

TEST(CDecl, MacrosThatEvaluateToIntegers) {
  Parsed p(with_probe("#include <stdint.h>\n"
                      "enum { CD_BASE = 4 };\n"
                      "#define CD_SHIFT (1 << 3)\n"
                      "#define CD_OR (CD_SHIFT | 2)\n"
                      "#define CD_FROM_ENUM (CD_BASE * 10 + sizeof(long))\n"
                      "#define CD_NEG (-5)\n"
                      "#define CD_BIG 0xffffffffffffffffULL\n"
                      "#define CD_STR \"text\"\n"
                      "#define CD_FN(x) ((x) + 1)\n"
                      "#define CD_TYPE unsigned int\n"
                      "#define CD_EMPTY\n"
                      "#define CD_UNUSED 7",
                      "CD_SHIFT; CD_OR; CD_FROM_ENUM; CD_NEG; CD_BIG; CD_STR; CD_FN; CD_TYPE; "
                      "CD_EMPTY; UINT8_MAX; INT64_MIN; CD_UNDEFINED; __LINE__; __x86_64__;"));
  ASSERT_TRUE(p.decls) << p.diagnostics();
  EXPECT_EQ(p.decls->constant("CD_SHIFT"), 8);
  EXPECT_EQ(p.decls->constant("CD_OR"), 10);
  EXPECT_EQ(p.decls->constant("CD_FROM_ENUM"), 48);
  EXPECT_EQ(p.decls->constant("CD_NEG"), -5);
  EXPECT_EQ(p.decls->constant("CD_BIG"), -1);
  EXPECT_EQ(p.decls->constant("UINT8_MAX"), 255);
  EXPECT_EQ(p.decls->constant("INT64_MIN"), INT64_MIN);
  for (const char* none :
       {"CD_STR", "CD_FN", "CD_TYPE", "CD_EMPTY", "CD_UNDEFINED", "__LINE__", "__x86_64__"})
    EXPECT_EQ(p.decls->constant(none), std::nullopt) << none;
  // Only the names the script mentions are evaluated.
  EXPECT_EQ(p.decls->constant("CD_UNUSED"), 7);
  EXPECT_EQ(p.decls->constant("UINT16_MAX"), std::nullopt);
  EXPECT_EQ(p.diagnostics(), "");
}

TEST(CDecl, PredefinedMacrosAndSkippedBranches) {
  std::string text = with_probe("#ifdef BPFTRACE_HAVE_BTF\n"
                                "#define CD_MODE 1\n"
                                "#else\n"
                                "#define CD_MODE 2\n"
                                "struct cd_hidden { not C at all };\n"
                                "#endif",
                                "CD_MODE;");
  Parsed p(text);
  ASSERT_TRUE(p.decls) << p.diagnostics();
  EXPECT_EQ(p.decls->constant("CD_MODE"), 1);
  EXPECT_EQ(p.decls->record("cd_hidden", false), nullptr);
  const CPreamble& c = p.decls->preamble();
  EXPECT_EQ(c.end, text.find("BEGIN"));
  ASSERT_EQ(c.inactive.size(), 1u);
  uint32_t skipped = static_cast<uint32_t>(text.find("#define CD_MODE 2"));
  EXPECT_LT(c.inactive[0].begin, skipped);
  EXPECT_GT(c.inactive[0].end, static_cast<uint32_t>(text.find("struct cd_hidden")));
}

TEST(CDecl, ErrorsAreLocatedInTheScript) {
  struct Case {
    const char* text;
    const char* diagnostics;
  } cases[] = {
      {"#!/usr/bin/env bpftrace\nstruct cd_bad {\n  int x\n  int y;\n};\nBEGIN {}\n",
       "cdecl_test.bt:3:8: error: expected ';' at end of declaration list\n"
       "  int x\n"
       "       ^\n"},
      {"#include <cd_no_such_header.h>\nBEGIN {}\n",
       "cdecl_test.bt:1:10: error: 'cd_no_such_header.h' file not found\n"
       "#include <cd_no_such_header.h>\n"
       "         ^~~~~~~~~~~~~~~~~~~~~\n"},
      {"#if 1\nBEGIN {}\n", "cdecl_test.bt:1:1: error: unterminated conditional directive\n"
                            "#if 1\n"
                            "^~~\n"},
      {"#error cd stop here\nBEGIN {}\n", "cdecl_test.bt:1:1: error: cd stop here\n"
                                          "#error cd stop here\n"
                                          "^~~~~~\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    Parsed p(c.text);
    EXPECT_FALSE(p.decls);
    EXPECT_EQ(p.diagnostics(), c.diagnostics);
  }
}

// Stands for a C preamble defining one constant.
class OneConstant : public TypeSource {
public:
  const RecordDef* record(const std::string&, bool) override { return nullptr; }
  const EnumDef* enumeration(const std::string&) override { return nullptr; }
  std::optional<Type> typedef_type(const std::string&) override { return std::nullopt; }
  std::optional<int64_t> constant(const std::string& name) override {
    if (name == "CD_CONST") return -12;
    return std::nullopt;
  }
};

TEST(SemaCConstants, BareIdentifiersNameThePreamblesConstants) {
  auto c = test::parse("BEGIN { @x = CD_CONST + 1; @y = pid; }");
  ASSERT_TRUE(c->program);
  OneConstant source;
  c->sema = analyze(*c->program, c->diags, {&source}, true);
  ASSERT_TRUE(c->sema) << c->diagnostics();
  const Expr& sum = *c->program->probes[0].body[0]->value;
  ASSERT_EQ(sum.args[0]->kind, ExprKind::Int);
  EXPECT_EQ(static_cast<int64_t>(sum.args[0]->int_value), -12);
  EXPECT_TRUE(sum.args[0]->type == Type::integer());

  auto unknown = test::parse("BEGIN { @x = CD_NOT_DEFINED; }");
  ASSERT_TRUE(unknown->program);
  EXPECT_FALSE(analyze(*unknown->program, unknown->diags, {&source}, true));
  EXPECT_EQ(unknown->diagnostics(),
            "test.bt:1:14: error: unknown identifier 'CD_NOT_DEFINED': no header or preamble "
            "declaration defines it as an integer constant\n"
            "BEGIN { @x = CD_NOT_DEFINED; }\n"
            "             ^~~~~~~~~~~~~~\n");
  // Without a C preamble the message stays bpftrace's.
  EXPECT_EQ(test::diagnostics_of("BEGIN { @x = CD_CONST; }"),
            "test.bt:1:14: error: unknown identifier 'CD_CONST'\n"
            "BEGIN { @x = CD_CONST; }\n"
            "             ^~~~~~~~\n");
}

} // namespace
} // namespace btc
