// The abstract syntax tree. Sema fills in `type` (and a few resolved fields) in place; later
// stages only read.
#pragma once

#include "diag/source.h"
#include "syntax/token.h"
#include "types/types.h"

#include <memory>
#include <string>
#include <vector>

namespace btc {

enum class ExprKind : uint8_t {
  Int,        // int_value
  String,     // str_value
  Var,        // $name
  Positional, // $N (int_value = N)
  ArgCount,   // $#
  Map,        // @name or @name[keys...] (args = keys)
  Builtin,    // pid, comm, args, arg0, ... (argN: int_value = N, set by sema)
  Call,       // name(args...)
  Binary,     // args[0] op args[1]
  Unary,      // op args[0]; ++/-- with `postfix`
  Ternary,    // args[0] ? args[1] : args[2]
  Cast,       // (cast_type) args[0]
  Tuple,      // (args...), or a record (name = args[0], ...) with field_names
  Field,      // args[0].name, args[0]->name, tuple.N (int_value = N)
  Sizeof,     // sizeof(type) or sizeof(expr) (args[0])
  Offsetof,   // offsetof(type_ref, name), name a field path "f.g"
  Index,      // args[0][args[1]] on an array or a pointer
  Deref,      // *args[0]
  Block,      // { stmts; args[0] }: the statements, then the value of the last expression
};

// A type as written in a cast, sizeof or offsetof: `uint32`, `struct task_struct *`. The
// parser resolves the built-in names into `builtin`; sema looks the others up (struct, union,
// enum or a typedef name) among the script's and the kernel's types.
struct TypeRef {
  Type builtin;    // an integer type; none() when `name` is to be looked up
  std::string tag; // "struct", "union", "enum", or "" for a typedef name
  std::string name;
  int pointers = 0; // the number of '*' after the name
  // A cast to an integer array (current bpftrace): `(uint8[8])`, or `(uint8[])` whose count
  // (array_count 0) comes from the size of the value cast.
  bool array = false;
  uint32_t array_count = 0;
  SourceRange range;
  bool present() const { return builtin.kind() != TypeKind::None || !name.empty(); }
};

// What a builtin or function name resolved to. Sema defines them from its registry
// (sema/registry.h); the AST only carries them, so it does not depend on sema.
enum class BuiltinId : uint16_t;
enum class FunctionId : uint16_t;

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;
struct Stmt;

struct Expr {
  ExprKind kind;
  SourceRange range;
  std::string name;
  uint64_t int_value = 0;
  bool is_unsigned = false;
  std::string str_value;
  Tok op = Tok::End;
  SourceRange op_range; // Binary: where its operator is written
  bool postfix = false;
  bool arrow = false; // Field written with '->'
  Type cast_type;     // Cast, Sizeof(type), Offsetof: set by sema from `type_ref`
  TypeRef type_ref;   // Cast, Sizeof(type), Offsetof as written
  std::vector<ExprPtr> args;
  std::vector<std::unique_ptr<Stmt>> stmts; // Block
  ExprPtr type_of; // Cast to `typeof(expr)`: the expression whose type it is (not evaluated)
  std::vector<std::string> field_names;  // Tuple of a record: one name per element
  std::vector<SourceRange> field_ranges; // where each name is written

  Type type;             // set by sema
  std::string var_key;   // Var: the variable sema resolved it to (scoped ones are renamed)
  BuiltinId builtin{};   // Builtin: set by sema
  FunctionId function{}; // Call: set by sema
};

enum class StmtKind : uint8_t {
  Expr,   // value
  Assign, // target op value (op is Assign or a compound assignment)
  Let,    // let $name [: type] [= value]
  If,     // cond, body, else_body
  While,  // cond, body
  Unroll, // count, body
  For,    // for (target : value) body, or for (target : value..end) body over a range
  Return,
  Break,
  Continue,
  Block, // body
};

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;

struct Stmt {
  StmtKind kind;
  SourceRange range;
  ExprPtr target;
  ExprPtr value;
  ExprPtr cond;
  ExprPtr end; // For over a range: its end (value is its start)
  Tok op = Tok::Assign;
  uint64_t count = 0;
  bool has_declared_type = false;
  bool discard =
      false;          // Expr written `_ = value;` (current bpftrace): the value is computed, unused
  Type declared_type; // Let
  ExprPtr type_of;    // Let `let $x: typeof(expr)`: the expression whose type it is (not evaluated)
  std::vector<StmtPtr> body;
  std::vector<StmtPtr> else_body;
};

struct ProbeRef {
  std::string text;
  SourceRange range;
};

struct Probe {
  std::vector<ProbeRef> specs;
  ExprPtr predicate;
  std::vector<StmtPtr> body;
  SourceRange range;
};

// One `name = value` of a `config = { ... }` block. The value is an identifier (`perf`, `warn`,
// `true`), an integer or a string literal, as `kind` says; sema checks it against config.def.
struct ConfigEntry {
  std::string name;
  SourceRange name_range;
  Tok kind = Tok::Ident; // Ident, Int or String
  std::string text;      // Ident and String
  uint64_t int_value = 0;
  SourceRange value_range;
};

// `macro name($var, @map, expr) { body }`: expanded where it is called (syntax/macros.h).
struct MacroParam {
  Tok kind = Tok::Ident; // Var, Map or Ident (an expression)
  std::string name;      // as written: "$a", "@m" without the sigil for Var; "@m" for Map
  SourceRange range;
};

struct Macro {
  std::string name;
  SourceRange range; // the name
  std::vector<MacroParam> params;
  ExprPtr body; // a Block; no args when the body ends with a statement (it has no value)
};

// `let @name = hash(100);` before the first probe (current bpftrace): the BPF map type and the
// maximum number of entries of the map @name. Sema checks the kind and the size.
struct MapDecl {
  std::string name;  // "@name"
  SourceRange range; // the map's name
  std::string kind;  // hash, lruhash, percpuhash, percpulruhash, or anything else (an error)
  SourceRange kind_range;
  uint64_t max_entries = 0;
  SourceRange size_range;
};

struct Program {
  std::vector<ConfigEntry> config; // the config block before the first probe, if any
  std::vector<MapDecl> map_decls;
  std::vector<Macro> macros;
  std::vector<Probe> probes;
};

} // namespace btc
