// Kernel data and C types: casts to named types, '->' and '.' on records, '[]', unary '*',
// offsetof, and the lookup of named types through the TypeSource chain.
#include "sema/checker.h"

#include <algorithm>

namespace btc {

namespace {

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

} // namespace

std::string nearest_name(const std::vector<std::string>& candidates, const std::string& name,
                         const std::string& shown_prefix) {
  const std::string* best = nullptr;
  size_t best_distance = 0;
  for (const std::string& c : candidates) {
    size_t d = edit_distance(name, c);
    if (!best || d < best_distance) {
      best = &c;
      best_distance = d;
    }
  }
  if (!best || best_distance > std::max<size_t>(2, name.size() / 3)) return "";
  return "; did you mean '" + shown_prefix + *best + "'?";
}

namespace {

std::string suggestion(const RecordDef& r, const std::string& name) {
  std::vector<std::string> names;
  for (const RecordField& f : r.members()) names.push_back(f.name);
  return nearest_name(names, name);
}

std::string record_title(const RecordDef& r) {
  return std::string(r.is_union ? "union " : "struct ") + r.name;
}

// The value a kernel field reads as: enums are their integers, as in bpftrace 0.17.
Type value_type(const Type& t) {
  if (t.kind() == TypeKind::Enum) return Type::enum_integer(*t.enum_def(), 64, t.is_signed());
  return t;
}

// An address whose space nothing says (a raw number, a kprobe argument) is a kernel address:
// every probe type btc has runs in the kernel.
AddrSpace or_kernel(AddrSpace space) {
  return space == AddrSpace::None ? AddrSpace::Kernel : space;
}

// A pointer read from memory in `space` points into the same space, as in bpftrace: a user
// struct's pointer members are user addresses.
Type read_from(const Type& t, AddrSpace space) {
  // A record `args` holds by value (a uprobe's struct argument, from DWARF) keeps the spaces
  // its members' types declare.
  if (space == AddrSpace::None) return t;
  return t.kind() == TypeKind::Pointer ? t.in_space(space) : t;
}

// The address space of the memory a place expression (`p->f`, `a[i]`, `*p`, `s.f`) lies in.
AddrSpace space_of(const Expr& e) {
  switch (e.kind) {
  case ExprKind::Field:
  case ExprKind::Index: {
    const Type& base = e.args[0]->type;
    if (base.kind() == TypeKind::Pointer) return or_kernel(base.addr_space());
    if (base.kind() == TypeKind::Record || base.kind() == TypeKind::Array)
      return space_of(*e.args[0]);
    if (base.kind() == TypeKind::Args) return AddrSpace::None;
    return AddrSpace::Kernel;
  }
  case ExprKind::Deref:
    return or_kernel(e.args[0]->type.addr_space());
  default:
    return AddrSpace::Kernel;
  }
}

} // namespace

const RecordDef* Checker::find_record(const std::string& name, bool is_union,
                                      const SourceRange* where) {
  for (TypeSource* source : sources_)
    if (const RecordDef* r = source->record(name, is_union)) return r;
  if (where) {
    std::vector<std::string> names;
    for (TypeSource* source : sources_)
      for (std::string& n : source->record_names(is_union)) names.push_back(std::move(n));
    std::string tag = is_union ? "union" : "struct";
    error(*where, "unknown " + tag + " '" + name + "'" + unavailable_sources() +
                      nearest_name(names, name, tag + " "));
  }
  return nullptr;
}

std::string Checker::unavailable_sources() {
  std::string why;
  for (TypeSource* source : sources_) {
    std::string reason = source->unavailable();
    if (!reason.empty()) why += (why.empty() ? " (" : "; ") + reason;
  }
  return why.empty() ? "" : why + ")";
}

std::optional<Type> Checker::resolve_type(const TypeRef& ref) {
  Type base = ref.builtin;
  // bool is a type of the language (current bpftrace's), whatever the C sources call bool.
  if (base.kind() == TypeKind::None && ref.tag.empty() && ref.name == "bool")
    base = Type::boolean();
  if (base.kind() == TypeKind::None) {
    if (ref.tag == "struct" || ref.tag == "union") {
      const RecordDef* r = find_record(ref.name, ref.tag == "union", &ref.range);
      if (!r) return std::nullopt;
      base = Type::record_of(*r);
    } else if (ref.tag == "enum") {
      for (TypeSource* source : sources_)
        if (const EnumDef* d = source->enumeration(ref.name)) {
          base = Type::enum_integer(*d, d->bits, d->is_signed); // for printf %s
          break;
        }
    } else {
      for (TypeSource* source : sources_)
        if (auto t = source->typedef_type(ref.name)) {
          base = value_type(*t);
          break;
        }
    }
    if (base.kind() == TypeKind::None) {
      // `(file *)arg0` in some of bpftrace's own tools: C needs the tag.
      std::string hint;
      if (ref.tag.empty()) {
        for (const char* tag : {"struct", "union"})
          for (TypeSource* source : sources_)
            if (hint.empty() && source->record(ref.name, std::string(tag) == "union"))
              hint = std::string("; did you mean '") + tag + " " + ref.name + "'?";
      }
      error(ref.range,
            "unknown type '" + (ref.tag.empty() ? "" : ref.tag + " ") + ref.name + "'" + hint);
      return std::nullopt;
    }
  }
  for (int i = 0; i < ref.pointers; ++i) base = Type::pointer(base, AddrSpace::Kernel);
  return base;
}

Type restore_pointer(ExprPtr& slot) {
  Type p = slot->type.number_pointer();
  if (p.kind() == TypeKind::None) return slot->type;
  auto cast = std::make_unique<Expr>();
  cast->kind = ExprKind::Cast;
  cast->range = slot->range;
  cast->cast_type = p;
  cast->type = p;
  cast->args.push_back(std::move(slot));
  slot = std::move(cast);
  return p;
}

Type Checker::check_cast(Expr& e) {
  Type from = check(*e.args[0]);
  // restore_pointer()'s cast, checked again by a later pass: its type is set.
  if (!e.type_of && !e.type_ref.present() && e.cast_type.kind() == TypeKind::Pointer)
    return e.type = from.kind() == TypeKind::None ? from : e.cast_type;
  auto to = e.type_of ? typeof_type(*e.type_of) : resolve_type(e.type_ref);
  if (!to || from.kind() == TypeKind::None) return e.type = Type::none();
  if (e.type_ref.array || from.kind() == TypeKind::Array) return check_array_cast(e, from, *to);
  // `(enum pid_type)1` is an integer that remembers its enum, for printf's %s.
  if (to->kind() == TypeKind::Enum)
    to = Type::enum_integer(*to->enum_def(), to->bits(), to->is_signed());
  e.cast_type = *to;
  if (to->kind() != TypeKind::Int && to->kind() != TypeKind::Pointer &&
      to->kind() != TypeKind::Bool) {
    error(e.range, "cannot cast to " + type_name(*to) + "; cast to a pointer (" + type_name(*to) +
                       " *) and read it with '->'");
    return e.type = Type::none();
  }
  if (!from.is_int() && from.kind() != TypeKind::Bool) {
    const EnumDef* as_enum = to->kind() == TypeKind::Int ? to->enum_def() : nullptr;
    error(e.range,
          "cannot cast " + type_name(from) + " to " +
              (as_enum && !as_enum->name.empty() ? "enum " + as_enum->name : type_name(*to)));
    return e.type = Type::none();
  }
  // A cast keeps the address space: `(struct timespec *)uptr(arg1)` is read from user memory.
  if (to->kind() == TypeKind::Pointer) return e.type = to->in_space(or_kernel(from.addr_space()));
  return e.type = to->in_space(from.addr_space());
}

// Current bpftrace's casts between an integer and an array of integers of the same size:
// `(uint8[8])12345`, `(uint8[])$x` (the count from the size), `(uint64)$bytes`. An integer
// literal takes the array's size when its value fits.
Type Checker::check_array_cast(Expr& e, const Type& from, const Type& to) {
  auto int_array = [](const Type& t) {
    return t.kind() == TypeKind::Array && t.pointee()->kind() == TypeKind::Int;
  };
  if (e.type_ref.array) {
    if (to.kind() != TypeKind::Int) {
      error(e.type_ref.range, "an array cast needs an integer element type, not " + type_name(to));
      return e.type = Type::none();
    }
    if (!from.is_int() || from.kind() == TypeKind::Enum) {
      error(e.range, "cannot cast " + type_name(from) + " to an array: only integers can be");
      return e.type = Type::none();
    }
    uint32_t elem = to.bits() / 8;
    uint32_t bytes = from.kind() == TypeKind::Pointer ? 8 : from.bits() / 8;
    uint32_t want = e.type_ref.array_count * elem;
    if (const Expr& a = *e.args[0]; a.kind == ExprKind::Int &&
                                    (want == 1 || want == 2 || want == 4) && want < bytes &&
                                    a.int_value < (uint64_t{1} << (8 * want)))
      bytes = want;
    uint32_t count = e.type_ref.array_count ? e.type_ref.array_count : bytes / elem;
    if (count * elem != bytes || count == 0) {
      error(e.range, "cannot cast " + type_name(from) + " (" + std::to_string(bytes) +
                         " bytes) to " + type_name(to) + "[" + std::to_string(count) + "] (" +
                         std::to_string(count * elem) + " bytes): the sizes must be equal");
      return e.type = Type::none();
    }
    e.cast_type = Type::array(to, count);
    return e.type = e.cast_type;
  }
  if (!int_array(from) || to.kind() != TypeKind::Int) {
    error(e.range, "cannot cast " + type_name(from) + " to " + type_name(to) +
                       ": an array casts only to an integer of its size");
    return e.type = Type::none();
  }
  uint32_t bytes = from.count() * (from.pointee()->bits() / 8);
  if (bytes != to.bits() / 8) {
    error(e.range, "cannot cast " + type_name(from) + " (" + std::to_string(bytes) + " bytes) to " +
                       type_name(to) + " (" + std::to_string(to.bits() / 8) +
                       " bytes): the sizes must be equal");
    return e.type = Type::none();
  }
  if (!check_aggregate_value(*e.args[0], from)) return e.type = Type::none();
  e.cast_type = to;
  return e.type = to;
}

namespace {

// Whether `e` reads memory through a pointer (`p->f`, `p[i]`, `*p`, `p->s.f`): what `&` takes.
bool in_memory(const Expr& e) {
  switch (e.kind) {
  case ExprKind::Field:
  case ExprKind::Index: {
    const Type& base = e.args[0]->type;
    if (base.kind() == TypeKind::Pointer) return true;
    return (base.kind() == TypeKind::Record || base.kind() == TypeKind::Array) &&
           in_memory(*e.args[0]);
  }
  case ExprKind::Deref:
    return e.args[0]->type.kind() == TypeKind::Pointer;
  default:
    return false;
  }
}

} // namespace

// `&expr` (current bpftrace, behind its unstable_addr flag): the address of a field, element or
// pointee read through a pointer, as a pointer in the same address space (CO-RE relocated for a
// kernel struct's member). Scratch variables and maps have no address outside the program.
Type Checker::check_address_of(Expr& e) {
  Expr& operand = *e.args[0];
  Type t = check(operand);
  if (t.kind() == TypeKind::None) return e.type = t;
  if (!in_memory(operand)) {
    error(e.range, "'&' takes a field, element or pointee read through a pointer (&p->field, "
                   "&p[i]); this expression has no address the program can use");
    return e.type = Type::none();
  }
  if (operand.kind == ExprKind::Field && operand.args[0]->type.kind() != TypeKind::Args) {
    const Type& b = operand.args[0]->type;
    const Type& rec = b.kind() == TypeKind::Pointer ? *b.pointee() : b;
    if (const RecordField* f = rec.record() ? rec.record()->find(operand.name) : nullptr;
        f && f->bit_size) {
      error(e.range, "cannot take the address of bit field '" + operand.name + "'");
      return e.type = Type::none();
    }
  }
  // A char array (read as a string) is a char *; another array a pointer to its first element.
  Type pointee = t.is_str()                    ? Type::integer(8, true)
                 : t.kind() == TypeKind::Array ? *t.pointee()
                                               : t;
  return e.type = Type::pointer(pointee, space_of(operand));
}

Type Checker::check_member(Expr& e, const Type& base) {
  const Type* rec = &base;
  if (base.kind() == TypeKind::Pointer) {
    const Type* pointee = base.pointee();
    if (!pointee || pointee->kind() != TypeKind::Record) {
      error(e.range, "cannot access field '" + e.name + "' through " + type_name(base) +
                         ": it does not point to a struct; cast it first" + unavailable_sources());
      return e.type = Type::none();
    }
    // As in current bpftrace, '.' on a pointer to a struct reads through it ('->' is an alias
    // of '.'), and '->' on a struct value reads its field: lowering follows the base's type.
    rec = pointee;
  }
  const RecordDef& r = *rec->record();
  const RecordField* f = r.find(e.name);
  if (!f) {
    error(e.range, record_title(r) + " has no field '" + e.name + "'" + suggestion(r, e.name));
    return e.type = Type::none();
  }
  if (f->type.kind() == TypeKind::None) {
    error(e.range, "field '" + e.name + "' of " + record_title(r) +
                       " has a type btc cannot read (a function or a floating-point value)");
    return e.type = Type::none();
  }
  return e.type = read_from(value_type(f->type), space_of(e));
}

Type Checker::check_index(Expr& e) {
  Type base = check(*e.args[0]);
  Type index = check(*e.args[1]);
  if (base.kind() == TypeKind::None || index.kind() == TypeKind::None) return e.type = Type::none();
  if (!index.is_int()) {
    error(e.args[1]->range, "an index must be an integer, not " + type_name(index));
    return e.type = Type::none();
  }
  if (base.kind() == TypeKind::Tuple && !base.is_record_tuple()) {
    // Current bpftrace: `$t[1]` is `$t.1`, the index an integer known when btc compiles.
    std::optional<int64_t> i = constant_value(*e.args[1]);
    if (!i || *i < 0) {
      error(e.args[1]->range,
            "a tuple's index must be a non-negative integer known when btc compiles, e.g. $t[1]");
      return e.type = Type::none();
    }
    e.kind = ExprKind::Field;
    e.int_value = static_cast<uint64_t>(*i);
    e.name = std::to_string(*i);
    e.args.pop_back();
    return check_field(e);
  }
  if (base.kind() == TypeKind::Array) {
    const Expr& i = *e.args[1];
    // A constant index (a literal, `-1`, a macro) is checked against the bound; a flexible array
    // member (count 0) has no upper bound to check.
    std::optional<int64_t> at = constant_value(i);
    if (at && (*at < 0 || (base.count() > 0 && static_cast<uint64_t>(*at) >= base.count()))) {
      std::string shown =
          i.kind == ExprKind::Int ? std::to_string(i.int_value) : std::to_string(*at);
      error(i.range, "index " + shown + " is out of range for " + type_name(base) +
                         (base.count() > 0 ? " (0 .. " + std::to_string(base.count() - 1) + ")"
                                           : " (an index must not be negative)"));
      return e.type = Type::none();
    }
    return e.type = read_from(value_type(*base.pointee()), space_of(e));
  }
  if (base.kind() == TypeKind::Pointer && base.pointee())
    return e.type = read_from(value_type(*base.pointee()), space_of(e));
  error(e.range,
        "cannot index a value of type " + type_name(base) +
            (base.kind() == TypeKind::Pointer ? "; cast it to a typed pointer first" : ""));
  return e.type = Type::none();
}

Type Checker::check_deref(Expr& e) {
  Type base = check(*e.args[0]);
  if (base.kind() == TypeKind::None) return e.type = base;
  base = restore_pointer(e.args[0]);
  // An integer is an address, as in bpftrace: `*kaddr("avenrun")` reads an integer of its
  // width from kernel memory.
  if (base.kind() == TypeKind::Int) return e.type = Type::integer(base.bits(), base.is_signed());
  if (base.kind() != TypeKind::Pointer || !base.pointee()) {
    error(e.range,
          "cannot dereference a value of type " + type_name(base) +
              (base.kind() == TypeKind::Pointer ? "; cast it to a typed pointer first" : ""));
    return e.type = Type::none();
  }
  return e.type = read_from(value_type(*base.pointee()), space_of(e));
}

Type Checker::check_offsetof(Expr& e) {
  std::optional<Type> t;
  if (!e.args.empty()) {
    // offsetof(EXPRESSION, f): the expression's type, not its value.
    Type of = check(*e.args[0]);
    if (of.kind() == TypeKind::None) return e.type = Type::none();
    if (of.kind() != TypeKind::Record) {
      error(e.args[0]->range,
            "offsetof needs a struct or union value, not " + type_name(of) +
                (of.kind() == TypeKind::Pointer ? " (for the struct it points to: *ptr)" : ""));
      return e.type = Type::none();
    }
    t = of;
  } else {
    t = resolve_type(e.type_ref);
  }
  if (!t) return e.type = Type::none();
  e.cast_type = *t;
  if (t->kind() != TypeKind::Record) {
    error(e.type_ref.range, "offsetof needs a struct or union type, not " + type_name(*t));
    return e.type = Type::none();
  }
  Type at = *t;
  size_t start = 0;
  while (start <= e.name.size()) {
    size_t dot = e.name.find('.', start);
    std::string part = e.name.substr(start, dot == std::string::npos ? dot : dot - start);
    if (at.kind() != TypeKind::Record) {
      error(e.range, "'" + part + "': " + type_name(at) + " has no fields");
      return e.type = Type::none();
    }
    const RecordField* f = at.record()->find(part);
    if (!f) {
      error(e.range, record_title(*at.record()) + " has no field '" + part + "'" +
                         suggestion(*at.record(), part));
      return e.type = Type::none();
    }
    if (f->bit_size) {
      // As in C: a bit field has no byte offset of its own.
      error(e.range, "offsetof: '" + part + "' of " + record_title(*at.record()) +
                         " is a bit field, which has no byte offset");
      return e.type = Type::none();
    }
    at = f->type;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return e.type = Type::integer(64, false);
}

bool Checker::check_aggregate_value(const Expr& e, const Type& t) {
  if (t.kind() == TypeKind::Array && t.count() == 0) {
    error(e.range, "a flexible array member (" + type_name(t) +
                       ") has no length btc knows, so it cannot be copied; index it instead (" +
                       "a[0], a[$i])");
    return false;
  }
  if (!is_value_aggregate(t)) {
    error(e.range,
          "a value of type " + type_name(t) +
              " cannot be copied: it holds no member btc can read; read its fields instead");
    return false;
  }
  uint32_t size = member_layout(t).size;
  if (size > kMaxScratchBytes) {
    error(e.range, "a value of type " + type_name(t) + " takes " + std::to_string(size) +
                       " bytes, more than the " + std::to_string(kMaxScratchBytes) +
                       " a per-CPU BPF map value holds; read its fields instead");
    return false;
  }
  return true;
}

Type Checker::check_aggregate_binary(Expr& e, const Type& l, const Type& r) {
  bool equality = e.op == Tok::EqEq || e.op == Tok::Ne;
  std::string op = tok_spelling(e.op);
  if (!equality) {
    error(e.range, "operator " + op + " cannot be applied to " + type_name(l) + " and " +
                       type_name(r) + ": records and arrays only compare, with == and !=");
    return e.type = Type::none();
  }
  if (l.kind() == TypeKind::Array && r.kind() == TypeKind::Array) {
    const Type& le = *l.pointee();
    const Type& re = *r.pointee();
    // As bpftrace: arrays of integers of one width and one length.
    if (!le.is_int() || !re.is_int() || le.kind() == TypeKind::Pointer ||
        re.kind() == TypeKind::Pointer || le.bits() != re.bits() || l.count() != r.count()) {
      error(e.range, "operator " + op + " compares arrays of integers of the same size only, not " +
                         type_name(l) + " and " + type_name(r));
      return e.type = Type::none();
    }
  } else if (!(l.kind() == TypeKind::Record && l.same_node(r))) {
    error(e.range, "operator " + op + " cannot be applied to " + type_name(l) + " and " +
                       type_name(r) + "; only two values of one record type compare");
    return e.type = Type::none();
  }
  if (!check_aggregate_value(*e.args[0], l) || !check_aggregate_value(*e.args[1], r))
    return e.type = Type::none();
  return e.type = Type::integer();
}

Type Checker::check_bool_literal(Expr& e) {
  // `true` and `false` are `(bool)1` and `(bool)0`: a cast keeps its type on every pass.
  auto literal = std::make_unique<Expr>();
  literal->kind = ExprKind::Int;
  literal->int_value = e.name == "true" ? 1 : 0;
  literal->range = e.range;
  e.kind = ExprKind::Cast;
  e.type_ref = TypeRef{};
  e.type_ref.builtin = Type::boolean();
  e.type_ref.range = e.range;
  e.args.clear();
  e.args.push_back(std::move(literal));
  return check_cast(e);
}

} // namespace btc
