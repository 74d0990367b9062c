// The lowering's shared state and the helpers its three source files use: lower.cpp assembles
// the program, lower_stmt.cpp lowers statements and events, lower_expr.cpp lowers expressions.
// Private to lower/.
#pragma once

#include "lower/c_literal.h"
#include "lower/c_types.h"
#include "lower/c_writer.h"
#include "lower/kernel_types.h"
#include "lower/lower.h"

#include <functional>
#include <map>
#include <set>

struct btf;

namespace btc::lowering {

inline std::string int_literal(uint64_t v, bool is_signed) {
  if (is_signed && v <= static_cast<uint64_t>(INT64_MAX))
    return "((__s64)" + std::to_string(v) + "LL)";
  return std::string(is_signed ? "((__s64)" : "((__u64)") + std::to_string(v) + "ULL)";
}

inline std::string map_c_name(const std::string& name) {
  return c_ident("m_" + name.substr(1)); // "@" -> "m_", "@x" -> "m_x", "@_" -> "m__"
}

// Where each function's #line directive pointing back at the C file goes: the line number is
// known only once the whole file is assembled.
inline constexpr const char* kResetLine = "#line BTC_RESET";

// The C name of the scratch variable sema keyed `key`: `v_NAME`; a macro's own variable
// (`NAME#N`, syntax/macros.h) `mN_NAME`; a scoped one (`...@OFFSET`) `sOFFSET_` and the rest
// without its `v_`. The prefixes keep the three kinds apart.
inline std::string var_c_name(const std::string& key) {
  size_t at = key.find('@');
  std::string base = key.substr(0, at);
  size_t hash = base.find('#');
  std::string name =
      hash == std::string::npos ? base : "m" + base.substr(hash + 1) + "_" + base.substr(0, hash);
  if (at == std::string::npos) return c_ident((hash == std::string::npos ? "v_" : "") + name);
  return c_ident("s" + key.substr(at + 1) + "_" + name);
}

inline EventEntry event_of(rt::EventKind kind, std::string format = "") {
  EventEntry e;
  e.kind = kind;
  e.format = std::move(format);
  return e;
}

// The probe-read helper for memory in `space` (`str`: the one stopping at a NUL). An address
// in no known space gets bpf_probe_read(_str), which reads either (x86-64), as in bpftrace.
inline std::string probe_read(AddrSpace space, bool str = false) {
  const char* helper = space == AddrSpace::User     ? "bpf_probe_read_user"
                       : space == AddrSpace::Kernel ? "bpf_probe_read_kernel"
                                                    : "bpf_probe_read";
  return helper + std::string(str ? "_str" : "");
}

// An integer literal, possibly negated, as sema has checked it to be.
inline uint64_t literal_value(const Expr& e) {
  if (e.kind == ExprKind::Unary) return 0 - e.args[0]->int_value;
  return e.int_value;
}

inline bool is_compare(Tok op) {
  return op == Tok::Lt || op == Tok::Le || op == Tok::Gt || op == Tok::Ge || op == Tok::EqEq ||
         op == Tok::Ne;
}

inline Tok compound_base(Tok op) {
  switch (op) {
  case Tok::PlusAssign:
    return Tok::Plus;
  case Tok::MinusAssign:
    return Tok::Minus;
  case Tok::StarAssign:
    return Tok::Star;
  case Tok::SlashAssign:
    return Tok::Slash;
  case Tok::PercentAssign:
    return Tok::Percent;
  case Tok::AmpAssign:
    return Tok::Amp;
  case Tok::PipeAssign:
    return Tok::Pipe;
  case Tok::CaretAssign:
    return Tok::Caret;
  case Tok::ShlAssign:
    return Tok::Shl;
  case Tok::ShrAssign:
    return Tok::Shr;
  default:
    return op;
  }
}

class Lowerer {
public:
  Lowerer(const SemaResult& sema, const SourceFile& source, const LowerPaths& paths)
      : sema_(sema), source_(source), paths_(paths), line_file_(paths.line_file) {}

  LowerOutput run(const std::string& prelude);

private:
  // Syscall tracepoints of one probe served by one raw_syscalls program (lower_syscalls.cpp).
  struct SyscallGroup {
    bool exit = false;   // raw_syscalls:sys_exit, else sys_enter
    std::string program; // the program's name
    // Each tracepoint and its syscall number; the program knows tracepoint i as slot i.
    std::vector<std::pair<const ResolvedProbe*, int>> targets;
  };

  struct Context {
    const ProbeInfo* probe;
    const ResolvedProbe* target;    // the concrete probe, when the program serves one
    std::string args_type;          // the C type `args` points to ("struct ..."), if any
    const RecordDef* args_record{}; // the BTF record it declares, for BTF tracepoint records
    bool in_process = false;        // returns at once outside the -p/-c process
    const SyscallGroup* syscalls{}; // the syscall tracepoints the program serves, if it does
  };

  // Program assembly.
  void declare_maps();
  void lower_probe(size_t index, const ProbeInfo& probe);
  void emit_program(const std::string& name, const std::string& section, const Context& ctx);
  void tracepoint_struct(const TracepointFormat& format, const std::string& name);
  void declare_pt_regs(); // struct btc_pt_regs, once
  // A FUNCTION+argN watchpoint's uprobe on FUNCTION (lower_watchpoint.cpp): it sends the
  // argument to the tool, which sets the watchpoint (manifest probe `watchpoint`); a sync
  // watchpoint's process stops until then.
  void lower_watch_setup(const ResolvedProbe& target, const std::string& program,
                         size_t watchpoint);
  void declare_ctx_arg(); // btc_ctx_arg(), once

  // Syscall tracepoints as raw_syscalls programs (lower_syscalls.cpp).
  std::vector<SyscallGroup> syscall_groups(const ProbeInfo& probe) const;
  void lower_syscall_group(const ProbeInfo& probe, const SyscallGroup& group);
  // The program's first lines: which of its tracepoints fired (`__probe`), or return.
  void syscall_group_head(const SyscallGroup& group);
  std::string syscall_field(const Expr& e);         // args->field
  std::string syscall_probe_name(const Type& type); // `probe`
  // Where argument `e` is in the syscall's registers: a number, or an expression of `__probe`
  // when the tracepoints have it in different places.
  std::string syscall_arg_index(const Expr& e);
  // Defines `struct btc_event<id>` for manifest_.events[id], checked against its manifest layout.
  void declare_event(int id);
  // Defines `struct NAME`: an event header and `payload`, checked against the manifest's layout.
  void declare_event_struct(const std::string& name, const Type& payload);
  // The shared subprogram that sends a helper's failure (-k): defined before its first caller.
  void define_helper_report();

  // Statements.
  void emit(const std::string& line);
  // What `write` emits, one level in, into a writer of its own: the body of a function written
  // before the program being lowered, or a block expression. The program's writer, indent and
  // line are as they were afterwards.
  CWriter aside(const std::function<void()>& write);
  void block(const std::vector<StmtPtr>& body);
  void nested(const std::vector<StmtPtr>& body); // block(), one level deeper
  void stmt(const Stmt& s);
  // `for` over a map or a range: its body becomes a callback subprogram (lower_stmt.cpp).
  void for_loop(const Stmt& s);
  // A block expression: its statements and value as a GNU C statement expression.
  std::string block_expr(const Expr& e);
  // The statement leaving the probe's program: from a loop callback it stops the loop and
  // tells the caller, through the loop's context, to return too.
  std::string probe_return() const {
    return callback_depth_ > 0 ? "{ __lc->ret = 1; return 1; }" : "return 0;";
  }
  void effect(const Expr& e);
  void assign(const Stmt& s);
  void assign_map(const Expr& target, const Stmt& s);
  void aggregate(const Expr& target, const Expr& call);
  // The statements adding `__arg` to `__entry`, an aggregation of kind `kind` and type `t`.
  void aggregate_entry(TypeKind kind, const Type& t);
  void call_stmt(const Expr& call);
  // Emits `call`, a BPF helper call that returns a negative errno when it fails, as a statement.
  // Run with -k (`level` 1: map updates and deletes) or -kk (2: memory reads too), the tool
  // reports a failure at `range`, as bpftrace does; `site` keys the site's event. `ignored` is
  // an errno that is no failure (EEXIST: another CPU just created the entry).
  // A positional parameter that sizes part of the program ($N as an unroll count, lhist
  // bounds): the tool checks its value when it starts (rt::ParamCheckSpec).
  void param_check(rt::ParamCheckKind kind, SourceRange range, std::array<int64_t, 3> values,
                   std::array<uint32_t, 3> params, const Type& lhist);
  // The statements filling `chars` (max_strlen chars) with the string parameter str() call
  // `call` reads (sema/str_param.h): $N from its K-th byte, zero-padded, cut to str()'s length.
  std::string param_str_read(const std::string& chars, const Expr& call);
  void checked_helper(const Expr& site, const std::string& call, const char* helper,
                      SourceRange range, int level, int ignored = 0);
  // The function reading memory in `space` (`str`: up to a NUL) for the read at `site`: run with
  // -kk, the tool reports its failure at `range`, as bpftrace 0.17 does, naming the helper btc
  // calls (probe_read_kernel, probe_read_user_str, ...). It is a function of the program
  // taking bpf_probe_read's arguments, so prelude macros can take it for the helper; an
  // iterator's program gets the plain helper.
  std::string checked_read(AddrSpace space, bool str, const Expr& site, SourceRange range);
  // A function of the program taking `params` that returns `call`'s result, a failure of which
  // the tool reports at `range` as checked_helper() does: for helper calls inside expressions.
  // `key` tells apart the functions of one site. "" in an iterator's program.
  std::string checked_function(const std::string& key, const std::string& params,
                               const std::string& call, const char* helper, const Expr& site,
                               SourceRange range, int level);
  // bpftrace 0.17's range of a map assignment, for -k's reports.
  SourceRange assignment_range(const Stmt& s) const;
  void message_stmt(const Expr& call); // errorf(), warnf()
  void debugf_stmt(const Expr& call);
  // printf() in a pinned iterator: the kernel formats it into the pin file (sema/seq_printf.h).
  void seq_printf_stmt(const Expr& call);
  bool pinned_iter() const { return ctx_.target && !ctx_.target->pin.empty(); }
  // `fill`, when given, writes the fields of `entry.payload` (set by the caller) into __event.
  void send_event(const Expr& call, EventEntry entry, const std::vector<const Expr*>& args,
                  const std::function<void()>& fill = {});

  // Expressions.
  std::string ex(const Expr& e);
  std::string conv(const std::string& c, const Type& from, const Type& to);
  // `(uint8[8])x` and `(uint64)bytes`: the bytes of an integer as an array and back.
  std::string array_cast(const Expr& e);
  // `&e`: the address of a place in memory (a kernel struct's member through CO-RE).
  std::string address_of(const Expr& e);
  std::string binary(Tok op, const std::string& a, const Type& at, const std::string& b,
                     const Type& bt, const Type& result);
  std::string map_key(const Expr& map);
  std::string aggregation_read(const Expr& map); // count() ... avg() maps, over the CPUs
  // The value of aggregation map `map` (by name) at `key` (a pointer to the key), combined over
  // the CPUs: a statement expression.
  std::string aggregation_total(const std::string& map, const std::string& key);
  std::string map_read(const Expr& map);
  std::string incdec(const Expr& e);
  void map_incdec(const Expr& e);
  std::string builtin(const Expr& e);
  // The .rodata global the tool fills at start with the lookup of `arg`, declared on first use.
  // `binary`: the file a UserAddress symbol is looked up in.
  std::string start_value(rt::StartLookup kind, const std::string& arg, const std::string& call,
                          const std::string& binary = "");
  // The id of the current kernel stack in the stack map of type `t`, declared on first use.
  std::string comm_of_pid(const Expr& e);
  std::string stack_id(const Type& t);
  // percpu_kaddr(name [, cpu]): the variable's typed kernel symbol, declared on first use
  // (lower_percpu.cpp).
  std::string percpu_kaddr(const Expr& e);
  void tseries_entry(const Type& t);
  std::string percpu_shape(const struct btf* b, uint32_t id, const std::string& base, int depth);
  // btc_note_pid(), defined on first use: the current tgid, sending a NewPid event the first
  // time a process's user stack or symbol is taken.
  std::string note_pid();
  // In a user probe: where the probe's file is loaded in the process that fires it.
  std::string load_bias();
  std::string field(const Expr& e);
  std::string core_field(const Expr& e, const TracepointFormat& format, const TracepointField& f);
  // Kernel memory (lower_kernel.cpp): where a field, element or pointee lies, and its value.
  struct Place {
    std::string base;          // C expression: the address (__u64) the path starts from
    const RecordDef* record{}; // the record at `base`; nullptr: plain memory of `type`
    std::string path;          // member path from `record`, constant indices only
    std::string offset = "0";  // C expression: bytes added for variable indices
    Type type;                 // the type of what lies there (enums as such)
    uint8_t bit_size = 0;      // a bit field
    // A bit field of a script's own record: the member, and the path of the record holding it
    // (C has no address of a bit field, so btc reads its bytes at the member's offset).
    const RecordField* script_bit_field = nullptr;
    std::string parent_path;
    // C condition that every variable index on the path is inside its fixed array ("" when
    // there is none): a value read outside reads 0, as outside an array value.
    std::string in_bounds;

    // Whose memory it is: the probe-read helpers to use.
    AddrSpace space = AddrSpace::Kernel;
    // A tracepoint's record (`category:event`), for the kernel field table.
    std::string event;
  };
  Place place(const Expr& e);
  Place syscall_field_place(const Expr& e); // args->field in a syscall group's program
  Place args_place(const Expr& e);          // a field of a tracepoint's `args`
  // uprobe `args.NAME` from DWARF (lower_user_args.cpp): a scalar's value from its register
  // or stack slot, and where a record argument lies (the stack, or the pt_regs slot of the
  // register holding it).
  std::string uprobe_arg(const Expr& e);
  // uretprobe `retval`: rax, as the type sema gave it (from DWARF, or the raw register).
  std::string uprobe_retval(const Expr& e);
  Place uprobe_arg_place(const Expr& e);
  // The value of the kernel data `e` names. With `into` (a C lvalue of e's string type in map
  // memory), statements zeroing and filling it instead, or "" when `e` is no char array read
  // as a string.
  std::string read_place(const Expr& e, const std::string& into = "");
  // A statement copying `n` bytes of the kernel data `e` names to the char array `dst`.
  std::string read_bytes(const Expr& e, const std::string& dst, uint32_t n);
  // The same for any array value: kernel data, or pton()'s constant bytes.
  std::string array_bytes(const Expr& e, const std::string& dst, uint32_t n);
  // A pointer argument of a kfunc as the kernel's own (BTF) pointer, for helpers that need one
  // (bpf_d_path); any other expression as ex() gives it.
  std::string trusted_arg(const Expr& e);
  // The most arguments a BPF trampoline passes.
  static constexpr int kMaxTracingArgs = 12;
  // The address of element `index` of the array at pointer `base` to `pointee`.
  std::string element_address(const std::string& base, const Type& pointee,
                              const std::string& index);
  std::string kernel_sizeof(const Type& t);
  // Records and arrays as values (lower_kernel.cpp).
  // Whether `e` (a field, element or pointee) lies in kernel memory rather than in a value.
  static bool in_kernel_memory(const Expr& e);
  // A member of a record value or an element of an array value (`$s.a`, `$a[1]`).
  std::string value_member(const Expr& e);
  // A whole record or array read from kernel memory into btc's value layout, member by member:
  // a value on the stack, or with `into` (a C lvalue of the value's type in map or ring-buffer
  // memory) statements zeroing and filling it.
  std::string read_aggregate(const Expr& e, const std::string& into = "");
  // Values over the config's on_stack_limit (strings, records, arrays, and map keys holding
  // them; see ScriptConfig for the default) never live on the 512-byte BPF stack: they are
  // filled where they go (a variable's scratch slot, an event) or in a per-CPU slot of the
  // program's big-value map, and passed by address.
  bool is_big(const Type& t) const;
  // A C pointer to `e`'s value (a big record or array): the variable's or map entry's own
  // memory, or a slot filled here.
  std::string big_ref(const Expr& e);
  // A fresh per-CPU slot of the current program for a value of type `t`, as a C pointer into
  // `__big`.
  std::string big_slot(const Type& t);
  // Statements storing the value of `e` in the C lvalue `dst` (in map or ring-buffer memory) of
  // type `to`, without a copy of a big value on the stack. `tail_free`: the bytes after a
  // string's NUL in `dst` may be left as they are (zeroed already, or a ring-buffer record,
  // which the tool reads up to the NUL), so a string can be written in place.
  std::string fill_value(const std::string& dst, const Expr& e, const Type& to,
                         bool tail_free = false);
  // Statements writing the string `e` straight into the char array `chars` (`size` bytes) with
  // the helper that makes it (bpf_get_current_comm, bpf_probe_read_*_str): no copy on the stack
  // and no copy of that. "" when `e` is made otherwise, or when the bytes after its NUL must be
  // zeroes (not `tail_free`) and the helper does not zero them.
  std::string str_in_place(const std::string& chars, uint32_t size, const Expr& e, bool tail_free);
  // `x == "literal"` (or `!=`): x's bytes compared with the literal's, no more than it has.
  std::string str_equal_literal(Tok op, const Expr& x, const Expr& literal);
  // Statements zeroing the C lvalue `dst` of `bytes` bytes (a big value: no memset in BPF).
  std::string zero_big(const std::string& dst, uint32_t bytes);
  // A declaration of variable `name` holding `map`'s key, and the C pointer to the key: a big
  // key is built in a slot and `name` is the pointer.
  std::pair<std::string, std::string> key_at(const Expr& map, const std::string& name);
  // The position of member `name` in a value of record `r` (its `fN` in btc's layout).
  static size_t value_member_index(const RecordDef& r, const std::string& name,
                                   const SourceRange& range);
  // Statements filling `dst` (a C lvalue of type `t`'s value layout) from `path` of `holder` at
  // kernel address `base` (+ `offset` bytes); `range`: the script's use, for the field table.
  // A bit field `f` of a script's record, which lies at `record_address` (C: __u64), read with
  // `reader` and sign-extended as its type says.
  std::string script_bit_field(const std::string& reader, const std::string& record_address,
                               const RecordField& f, const SourceRange& range);
  std::string copy_aggregate(const std::string& dst, const RecordDef& holder,
                             const std::string& base, const std::string& path,
                             const std::string& offset, const Type& t, uint8_t bit_size,
                             const SourceRange& range, AddrSpace space = AddrSpace::Kernel);
  // `==` / `!=` of two records or arrays: their value layouts compared byte by byte.
  std::string aggregate_equal(const Expr& e);
  // `==`/`!=` of two tuples or records, element by element (records by name).
  std::string tuple_equal(const Expr& e);
  std::string tuple_elems_equal(const std::string& a, const Type& at, const std::string& b,
                                const Type& bt);
  std::string offsetof_expr(const Expr& e);
  // `func`, or `probe` of a kernel function probe when `prefix` is its "kprobe:"..., as a
  // string of `type`.
  std::string func_name(const Type& type, const std::string& prefix);
  // `probe` of a user-space probe whose file the tool finds (ProbeEntry::probe_name_len).
  std::string runtime_probe_name(const Type& type);
  // The key of the user-space site that fired in BTC_FUNC_MAP.
  std::string user_site_key();
  std::string call(const Expr& e);
  std::string tmp() { return "__t" + std::to_string(tmp_++); }
  // The probe type of the program being generated.
  ProbeType current_type() const {
    if (ctx_.syscalls) return ProbeType::Tracepoint;
    return (ctx_.target ? *ctx_.target : ctx_.probe->attach.front()).type;
  }
  // Whether a variable of type `t` is a C local: integers are, unless a loop callback of the
  // probe must reach them; everything else lives in the probe's per-CPU scratch.
  bool var_is_local(const Type& t) const {
    return (t.is_int() || t.kind() == TypeKind::Timestamp) && !ctx_.probe->loop_callbacks;
  }
  // A scratch variable by sema's key.
  std::string var_ref(const std::string& key) const {
    return (var_is_local(ctx_.probe->vars.at(key).type) ? "" : "__vars->") + var_c_name(key);
  }
  std::string string_literal(const std::string& s, uint32_t size);
  // The characters of string `x` as a C `char *`, with the declarations that hold them added
  // to `decls`: a big string where it lies, a small one in a stack copy.
  std::string str_chars(const Expr& x, std::string& decls);
  // The C type of a map's key: a map without keys uses the key 0.
  std::string key_type(const MapInfo& info) {
    return info.has_key ? types_.name(info.key) : array_maps_.count(info.name) ? "__u32" : "__u64";
  }
  const MapInfo& map_info(const Expr& e) const { return sema_.maps.at(e.name); }
  int map_index(const std::string& name) const { return map_index_.at(name); }

  const SemaResult& sema_;
  const SourceFile& source_;
  const LowerPaths& paths_;
  std::string line_file_;
  CTypes types_;
  KernelTypes kernel_;
  ManifestData manifest_;
  std::map<std::string, int> map_index_;
  std::map<const Expr*, int> event_ids_;
  // Inside send_event()'s filling of an event (reserved in the ring), and whether a helper
  // report was raised there (EventEntry::inside_event).
  int filling_event_ = 0;
  bool report_in_fill_ = false;
  bool helper_report_defined_ = false;
  // checked_function()'s functions, by site and key.
  std::map<std::pair<const Expr*, std::string>, std::string> checked_functions_;
  std::set<std::string> stack_maps_;
  std::set<std::string> percpu_syms_; // percpu_kaddr()'s kernel symbols, declared once
  // Aggregations without keys held in a one-element per-CPU array, not a per-CPU hash: the
  // slot is always there (no lookup that misses, no update to create it), and on 6.x kernels
  // the verifier inlines the lookup.
  std::set<std::string> array_maps_;
  KernelFields kernel_fields_;
  CWriter decls_;     // struct definitions: events, tracepoint records, scratch variables
  CWriter maps_;      // map declarations
  CWriter functions_; // program functions
  CWriter body_;      // the function being generated
  CWriter globals_;   // .rodata and other globals
  ProbeEntry* current_ = nullptr; // the kernel-function probe whose program is being generated
  bool declared_pt_regs_ = false;
  bool declared_ctx_arg_ = false;
  bool declared_syscall_helpers_ = false;
  bool uses_syscall_groups_ = false;
  bool uses_skb_output_ = false;         // skboutput(): the BTC_SKB_MAP perf event array
  std::set<std::string> syscall_tables_; // the `static const` tables syscall groups declared
  bool uses_func_map_ = false;
  // BTC_FUNC_MAP's value: a function's name, or a site's whole `probe` the tool writes (its
  // file found where the tool runs).
  uint32_t func_map_value_len_ = rt::kFuncNameLen;
  bool declared_usdt_reader_ = false;
  bool declared_note_pid_ = false;
  bool declared_len_callback_ = false;
  bool declared_strstr_ = false;
  bool declared_syscall_names_ = false;
  bool declared_signal_names_ = false;
  bool declared_task_kfuncs_ = false; // comm(PID)'s extern kfuncs
  Context ctx_{};
  // The program being generated: its name, its parameter, its scratch struct ("" for none).
  std::string program_name_;
  std::string param_type_;
  std::string param_;
  std::string vars_type_;
  int loop_count_ = 0;             // loop callbacks of the program so far
  int callback_depth_ = 0;         // loop callbacks being generated, nested
  std::vector<bool> loops_;        // enclosing loops, innermost last: true for a callback
  bool declared_loop_ctx_ = false; // struct btc_loop_ctx
  int indent_ = 1;
  int tmp_ = 0;
  // The next ex() builds its value as a small one would be built, even if it is big: big_ref()
  // copies such a value (comm, a builtin's string) into a slot.
  bool value_here_ = false;
  uint32_t line_ = 0; // the script line of the statement being lowered, 0 for none
  uint32_t max_value_size_ = 8;
  // The bytes of the current program's big-value slots (big_slot()), in one per-CPU entry
  // looked up as the program starts: a failed lookup later could not release what the program
  // holds then (a ring-buffer reservation).
  uint32_t big_bytes_ = 0;
  // The functions filling big values (read_aggregate()): signature and body -> name.
  std::map<std::string, std::string> fill_functions_;
  bool guard_missing_ = false; // copy_aggregate(): members the running kernel lacks read as 0
};

} // namespace btc::lowering
