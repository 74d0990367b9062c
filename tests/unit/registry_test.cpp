// The registries (sema/*.def) against docs/language.md: every supported builtin, function and
// probe type is shown as supported and every planned one as planned, in its own table, so the
// documentation cannot drift from what btc accepts. Also: names resolve to the ids lowering
// switches on, and lowering refuses an id it does not handle.
#include "frontend_test_util.h"
#include "lower/lower.h"
#include "sema/config.h"
#include "sema/registry.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace btc {
namespace {

struct DocRow {
  std::vector<std::string> names; // the leading identifier of each code span of the first cell
  std::string status;             // the last cell
  std::string text;
};

std::string read_doc() {
  std::ifstream in(BTC_LANGUAGE_DOC);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The cells of a table row; `\|` inside a cell is not a separator.
std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  for (size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '|' && line[i - 1] != '\\') {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  return cells;
}

std::vector<std::string> code_span_names(const std::string& cell) {
  std::vector<std::string> names;
  size_t pos = 0;
  for (;;) {
    size_t open = cell.find('`', pos);
    if (open == std::string::npos) return names;
    size_t close = cell.find('`', open + 1);
    if (close == std::string::npos) return names;
    std::string span = cell.substr(open + 1, close - open - 1);
    size_t n = 0;
    while (n < span.size() &&
           (std::isalnum(static_cast<unsigned char>(span[n])) || span[n] == '_' || span[n] == '-'))
      ++n;
    if (n > 0) names.push_back(span.substr(0, n));
    pos = close + 1;
  }
}

// The rows of the tables under `## heading` (without the header rows).
std::vector<DocRow> table_rows(const std::string& doc, const std::string& heading) {
  std::vector<DocRow> rows;
  size_t start = doc.find("\n## " + heading + "\n");
  EXPECT_NE(start, std::string::npos) << heading;
  if (start == std::string::npos) return rows;
  size_t end = doc.find("\n## ", start + 1);
  std::istringstream in(doc.substr(start, end - start));
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.rfind("|", 0) != 0) {
      header = true;
      continue;
    }
    if (header || line.rfind("| ---", 0) == 0) {
      header = false;
      continue;
    }
    std::vector<std::string> cells = cells_of(line);
    if (cells.size() < 2) continue;
    rows.push_back({code_span_names(cells.front()), cells.back(), line});
  }
  return rows;
}

bool has(const std::string& s, const char* part) {
  return s.find(part) != std::string::npos;
}

// What is wrong with how the rows show `name` ("" when it is fine): some row must name it, and
// every row naming it must show `support`.
std::string doc_problem(const std::vector<DocRow>& rows, const std::string& name, Support support) {
  int found = 0;
  for (const DocRow& row : rows) {
    bool named = false;
    for (const auto& n : row.names) named = named || n == name;
    if (!named) continue;
    ++found;
    bool supported = has(row.status, "**supported**") || has(row.status, "**differs**");
    if (support == Support::Supported && !supported)
      return name + " is supported, but this row does not say so: " + row.text;
    if (support == Support::Planned && (supported || !has(row.status, "**planned**")))
      return name + " is planned, but this row does not say so: " + row.text;
  }
  return found ? "" : "no table row names " + name;
}

TEST(RegistryDocs, BuiltinsMatchTheBuiltinTable) {
  std::vector<DocRow> rows = table_rows(read_doc(), "Builtin variables");
  for (const BuiltinInfo& b : all_builtins()) {
    std::string name(b.name);
    EXPECT_EQ(doc_problem(rows, b.form == BuiltinForm::Family ? name + "0" : name, b.support), "");
  }
}

TEST(RegistryDocs, FunctionsMatchTheFunctionTables) {
  std::string doc = read_doc();
  std::vector<DocRow> rows = table_rows(doc, "Functions");
  for (const DocRow& r : table_rows(doc, "Map functions")) rows.push_back(r);
  for (const FunctionInfo& f : all_functions())
    EXPECT_EQ(doc_problem(rows, std::string(f.name), f.support), "");
}

TEST(RegistryDocs, ProbeTypesAndAliasesMatchTheProbeTable) {
  std::vector<DocRow> rows = table_rows(read_doc(), "Probes");
  for (const ProbeTypeInfo& p : all_probe_types()) {
    std::string name(p.name);
    EXPECT_EQ(doc_problem(rows, name, p.support), "");
    for (std::string_view alias : p.aliases) {
      if (alias.empty()) continue;
      bool shown = false;
      for (const DocRow& row : rows) {
        bool named = false, aliased = false;
        for (const auto& n : row.names) {
          named = named || n == name;
          aliased = aliased || n == alias;
        }
        shown = shown || (named && aliased);
      }
      EXPECT_TRUE(shown) << name << " alias " << alias;
    }
  }
}

TEST(RegistryDocs, ConfigSettingsMatchTheConfigTable) {
  std::vector<DocRow> rows = table_rows(read_doc(), "Config block");
  for (const ConfigInfo& c : config_settings())
    EXPECT_EQ(doc_problem(rows, c.name, Support::Supported), "");
  for (const char* name : planned_config_settings())
    EXPECT_EQ(doc_problem(rows, name, Support::Planned), "");
}

// The check itself catches a wrong status and a missing row.
TEST(RegistryDocs, AWrongStatusOrAMissingRowIsCaught) {
  std::vector<DocRow> rows = {
      {{"pid", "tid"}, " **planned** ", "| `pid`, `tid` | x | **planned** |"},
      {{"kstack"}, " **supported** for ints; **planned** for stacks ", "| `kstack` |"}};
  EXPECT_NE(doc_problem(rows, "pid", Support::Supported), "");
  EXPECT_EQ(doc_problem(rows, "tid", Support::Planned), "");
  EXPECT_NE(doc_problem(rows, "kstack", Support::Planned), "");
  EXPECT_EQ(doc_problem(rows, "uid", Support::Supported), "no table row names uid");
}

TEST(Registry, NamesResolveToEntries) {
  uint64_t index = 0;
  const BuiltinInfo* arg = find_builtin("arg7", index);
  ASSERT_NE(arg, nullptr);
  EXPECT_EQ(arg->id, BuiltinId::Arg);
  EXPECT_EQ(index, 7u);
  EXPECT_EQ(find_builtin("arg", index), nullptr);
  EXPECT_EQ(find_builtin("args", index)->id, BuiltinId::Args);
  EXPECT_EQ(find_builtin("sarg3", index)->id, BuiltinId::Sarg);
  EXPECT_EQ(index, 3u);
  EXPECT_EQ(find_builtin("ustack", index)->id, BuiltinId::Ustack);
  EXPECT_EQ(find_builtin("usermode", index)->id, BuiltinId::Usermode);
  EXPECT_EQ(find_builtin("has_cpid", index)->id, BuiltinId::HasCpid);
  EXPECT_EQ(find_function("lhist")->result, TypeKind::LHist);
  EXPECT_EQ(find_function("printf")->kind, CallKind::Statement);
  EXPECT_EQ(find_function("usym")->id, FunctionId::Usym);
  EXPECT_EQ(find_function("percpu_kaddr")->id, FunctionId::PercpuKaddr);
  EXPECT_EQ(find_function("socket_cookie")->id, FunctionId::SocketCookie);
  EXPECT_EQ(find_function("is_str")->id, FunctionId::IsStr);
  EXPECT_EQ(find_function("nosuch"), nullptr);
  EXPECT_EQ(find_probe_type("t")->id, ProbeType::Tracepoint);
  EXPECT_EQ(find_probe_type("fexit")->id, ProbeType::Kretfunc);
  EXPECT_EQ(find_probe_type("aw")->id, ProbeType::AsyncWatchpoint);
  EXPECT_EQ(probe_type_info(ProbeType::AsyncWatchpoint).attach, rt::ProbeKind::Watchpoint);
  EXPECT_EQ(find_probe_type("ur")->id, ProbeType::Uretprobe);
  EXPECT_EQ(probe_type_info(ProbeType::Profile).attach, rt::ProbeKind::Profile);
  // Every spelling of a probe type, alias or name, finds that type and no other.
  for (const ProbeTypeInfo& p : all_probe_types()) {
    EXPECT_EQ(find_probe_type(p.name), &p);
    for (std::string_view alias : p.aliases)
      EXPECT_TRUE(alias.empty() || find_probe_type(alias) == &p) << alias;
  }
  for (const FunctionInfo& f : all_functions())
    EXPECT_TRUE(f.support == Support::Planned || &function_info(f.id) == &f) << f.name;
  for (const BuiltinInfo& b : all_builtins())
    EXPECT_TRUE(b.support == Support::Planned || &builtin_info(b.id) == &b) << b.name;
}

TEST(Registry, SemaStoresTheIds) {
  auto r = test::analyze_script("rawtracepoint:sched_switch { printf(\"%d %s\\n\", arg1, comm); }");
  ASSERT_TRUE(r->sema) << r->diagnostics();
  const Expr& call = *r->program->probes[0].body[0]->value;
  EXPECT_EQ(call.function, FunctionId::Printf);
  EXPECT_EQ(call.args[1]->builtin, BuiltinId::Arg);
  EXPECT_EQ(call.args[1]->int_value, 1u);
  EXPECT_EQ(call.args[2]->builtin, BuiltinId::Comm);
  EXPECT_EQ(r->sema->probes[0].attach[0].type, ProbeType::RawTracepoint);
}

// Lowering fails closed: an id it does not handle is an internal error at the construct, not
// a silent 0 or a dropped statement.
TEST(LoweringFailsClosed, UnhandledIdsThrowAtTheirPlace) {
  const LowerPaths paths{"t.bpf.c", "t.lines"};
  {
    auto r = test::analyze_script("BEGIN { printf(\"%d\\n\", pid); }");
    ASSERT_TRUE(r->sema);
    Expr& pid = *r->program->probes[0].body[0]->value->args[1];
    EXPECT_NO_THROW(lower(*r->sema, r->source, "", paths));
    pid.builtin = BuiltinId::None;
    try {
      lower(*r->sema, r->source, "", paths);
      ADD_FAILURE() << "no InternalError";
    } catch (const InternalError& e) {
      ASSERT_TRUE(e.range.has_value());
      EXPECT_EQ(e.range->begin, pid.range.begin);
      EXPECT_EQ(e.range->end, pid.range.end);
      EXPECT_STREQ(e.what(), "the builtin 'pid' has no lowering here");
    }
  }
  {
    // A statement whose function is not resolved is not dropped.
    auto r = test::analyze_script("BEGIN { exit(); }");
    ASSERT_TRUE(r->sema);
    r->program->probes[0].body[0]->value->function = FunctionId::None;
    EXPECT_THROW(lower(*r->sema, r->source, "", paths), InternalError);
  }
  {
    // A value function has no lowering as a statement, nor a statement as a value.
    auto r = test::analyze_script("BEGIN { $s = str(\"a\"); }");
    ASSERT_TRUE(r->sema);
    r->program->probes[0].body[0]->value->function = FunctionId::Exit;
    EXPECT_THROW(lower(*r->sema, r->source, "", paths), InternalError);
  }
}

} // namespace
} // namespace btc
