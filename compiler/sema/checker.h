// The type checker shared by sema's source files (statements, expressions, calls).
#pragma once

#include "sema/sema.h"

namespace btc {

struct BuiltinInfo;

class Checker {
public:
  Checker(SemaResult& result, Diagnostics& diags, const std::vector<TypeSource*>& sources,
          bool c_preamble)
      : result_(result), diags_(diags), sources_(sources), c_preamble_(c_preamble) {}

  // Checks every probe. Silent passes learn the types of all maps and variables (a map may be
  // read in a probe written before the one assigning it, and strings widen to the largest
  // assigned); analyze() repeats them until nothing changes, then one reporting pass reports
  // errors against the final types.
  void run(bool report);

private:
  friend class CallChecker;

  void check_probe(ProbeInfo& probe);
  void check_block(std::vector<StmtPtr>& body);
  void check_stmt(Stmt& s);
  void check_assign(Stmt& s);
  void check_let(Stmt& s);
  void check_for(Stmt& s);
  // Scopes (bpftrace's lexical ones for `let` and loop variables; a variable assigned without
  // `let` belongs to the whole probe, as in bpftrace 0.17). The key of the visible variable
  // `name`, or nullptr.
  const std::string* lookup_var(const std::string& name) const;
  // Declares `target` (a `let` or a loop variable) in the innermost scope and returns its key:
  // its name in the probe's own block, else renamed after its position, unique in the probe.
  std::string declare_var(Expr& target, bool probe_level_ok);
  void check_scoped_block(std::vector<StmtPtr>& body);
  void assign_var(Expr& target, const Type& value, SourceRange where);
  void assign_map(Expr& target, const Type& value, SourceRange where);
  void check_map_key(Expr& map);
  void check_condition(Expr& e, const char* what);
  // Marks a statement expression (and the branches of a conditional one) as a place where
  // printf() and the other statement-like calls may stand.
  void allow_void(const Expr& e);

  Type check(Expr& e);
  Type check_var(Expr& e);
  Type check_map_read(Expr& e);
  Type check_comm_of_pid(Expr& e);
  Type check_builtin(Expr& e);
  Type check_builtin_call(Expr& e, const BuiltinInfo& info);
  Type check_array_cast(Expr& e, const Type& from, const Type& to);
  Type check_address_of(Expr& e);
  Type check_binary(Expr& e);
  Type check_unary(Expr& e);
  Type check_ternary(Expr& e);
  Type check_field(Expr& e);
  Type check_kfunc_arg(Expr& e); // args.name in kfunc/kretfunc
  // `args` (checked) in a place that takes a value: a tracepoint's record of its fields, made
  // into the record `(field = args.field, ...)` in place; any other expression unchanged.
  Type args_as_record(Expr& e);
  Type check_iter_field(Expr& e); // ctx->name in iter
  // The probe is an iterator pinned at a file (iter:NAME:PIN): it runs when the file is read.
  bool pinned_iter() const {
    return probe_ && probe_->attach.size() == 1 && !probe_->attach.front().pin.empty();
  }
  Type check_uprobe_arg(Expr& e); // args.name in uprobe, from DWARF (user_args.cpp)
  Type check_call(Expr& e);
  // delete(@m, key) and has_key(@m, key): moves the key into the map expression, @m[key],
  // once (a call is checked more than once), remembering it in keys_moved_.
  bool key_into_map(Expr& call);
  void check_fail(Expr& e);
  // The type of `typeof(e)` (a `let` or a cast): e is checked, not evaluated; nullopt after an
  // error.
  std::optional<Type> typeof_type(Expr& e);
  void check_debugf(Expr& e);
  Type check_positional(Expr& e, bool as_string);
  // str(arg [, len]) of a string parameter (sema/str_param.h); nullopt when `arg` names none.
  // Reports a parameter inside `arg` in any other form, as bpftrace 0.17 does (Type::none()).
  std::optional<Type> check_str_param(Expr& call);
  Type check_cast(Expr& e);
  Type check_index(Expr& e);
  Type check_deref(Expr& e);
  Type check_member(Expr& e, const Type& base);
  Type check_offsetof(Expr& e);
  // tracepoint_fields.cpp: the type of `args.NAME` from its field `f` of probe `p`'s record,
  // and the type a pointer field of C type `c_type` points to, when the script or BTF knows it.
  Type tracepoint_field_type(const ResolvedProbe& p, const TracepointField& f, const Expr& e);
  std::optional<Type> c_pointee(const std::string& c_type);
  // Records and arrays as values (records.cpp): whether `e`, of record or array type `t`, can
  // be copied as a whole (stored, printed, a map key, compared); reports why not at `e`.
  bool check_aggregate_value(const Expr& e, const Type& t);
  // `true` / `false` (a Builtin expression by that name), rewritten as a cast to bool.
  Type check_bool_literal(Expr& e);
  // is_str(), is_ptr(), ... (sema/type_tests.cpp): the call becomes `true` or `false`.
  Type check_type_test(Expr& e, FunctionId test);
  void check_assert_str(Expr& a);
  // `==`/`!=` of two records or arrays; other operators on them are errors.
  Type check_aggregate_binary(Expr& e, const Type& l, const Type& r);

  // Named types: the first source that defines the name wins. `where`: report an unknown name
  // there (nullptr: silently nothing).
  const RecordDef* find_record(const std::string& name, bool is_union, const SourceRange* where);
  std::optional<Type> resolve_type(const TypeRef& ref);
  // " (why a source has no types)" when one cannot be read, for unknown-name messages.
  std::string unavailable_sources();

  void error(SourceRange range, const std::string& message);
  void warning(SourceRange range, const std::string& message);
  bool is_begin_or_end() const;

  SemaResult& result_;
  Diagnostics& diags_;
  const std::vector<TypeSource*>& sources_;
  bool c_preamble_; // the script has C declarations: an unknown name may be a macro
  bool report_ = false;
  bool tseries_warned_ = false;  // unstable_tseries=warn: said once
  bool typeinfo_warned_ = false; // unstable_typeinfo=warn: said once
  // Current bpftrace's unstable features: false after the located error of `error`; `warn`
  // warns at the first use.
  bool unstable_feature(const Expr& e, uint8_t setting, bool& warned, const std::string& feature,
                        const std::string& config);
  ProbeInfo* probe_ = nullptr;
  std::set<std::string> defined_vars_; // keys assigned so far on this pass, in this probe
  // Written name -> key, innermost scope last; the first is the probe's.
  std::vector<std::map<std::string, std::string>> scopes_;
  // Loop variables whose loop had an error: their uses are not reported again.
  std::set<std::string> failed_vars_;
  int loop_depth_ = 0;
  int for_depth_ = 0; // `for` loops around the statement (their bodies are callbacks)
  std::set<const Expr*> void_ok_;
  std::set<const Expr*> keys_moved_; // delete/has_key calls whose key is in the map now
  std::set<const ResolvedProbe*> warned_records_; // tracefs-record warnings given, once each
  std::set<std::string> warned_unchecked_;        // uprobe files without a build-id, warned once
};

// map_decls.cpp: the script's `let @name = KIND(N);` into result.declared_maps (kinds, sizes,
// names declared twice), before type checking; then, once every map's type is known, whether
// each declared map's use fits its kind (aggregations need a per-CPU map, other values a
// plain one) and whether it is used at all (a warning, as in bpftrace).
void declare_maps(const Program& program, SemaResult& result, Diagnostics& diags);
void check_declared_maps(const SemaResult& result, Diagnostics& diags);

// Whether `==` applies to two tuples (or two records, matched by name): elements of the same
// kind, integers, bools, strings or such tuples.
bool comparable_tuples(const Type& a, const Type& b);

// A pointer kept in a map or a tuple (Type::pointer_number()) is the pointer it was where it is
// read through (`@m[k]->field`, `*@m`): `slot` becomes an implicit cast to it. Returns the
// expression's type after (records.cpp).
Type restore_pointer(ExprPtr& slot);

// "; did you mean 'pid'?" when one of `candidates` is close enough to be a typo of `name`
// (`shown_prefix` goes before the name shown: "struct "); "" otherwise (records.cpp).
std::string nearest_name(const std::vector<std::string>& candidates, const std::string& name,
                         const std::string& shown_prefix = "");

// The value of a checked expression that is known when btc compiles the script: literals,
// sizeof of an integer type and operators on them (calls.cpp).
std::optional<int64_t> constant_value(const Expr& e);

// The most iterations the kernel's bpf_loop() runs (BPF_MAX_LOOPS); it runs none of more.
inline constexpr uint64_t kMaxRangeIterations = uint64_t{1} << 23;

// The aggregation functions: they can only be assigned to a map.
bool is_aggregation_call(const Expr& e);
// Functions that are statements: printf, print, exit, ...
bool is_void_call(const Expr& e);
// count(), sum(), min(), max() and avg() maps: their value is an integer in expressions.
bool is_readable_aggregation(const Type& t);
// "FILE:LINE:COL-END" of a range, as bpftrace names a place in its run-time messages (END
// only when the range ends on its first line).
std::string location_text(const SourceFile& source, SourceRange range);

} // namespace btc
