// `args` as a value (current bpftrace): in a tracepoint, `print(args)`, `@[args]`, `$a = args`
// and `@m = args` take the record of its fields, `{ .field = value, ... }`. btc makes it the
// record `(field = args.field, ...)` of the tracepoint's fields (without the common_ header),
// which prints as current bpftrace prints it.
#include "sema/checker.h"

namespace btc {

Type Checker::args_as_record(Expr& e) {
  if (e.kind != ExprKind::Builtin || e.type.kind() != TypeKind::Args) return e.type;
  const ResolvedProbe& first = probe_->attach.front();
  for (const auto& p : probe_->attach)
    if (p.type != ProbeType::Tracepoint) {
      error(e.range, "args as a value is only supported in tracepoints; read its fields instead "
                     "(args.field)");
      return e.type = Type::none();
    }
  for (const auto& p : probe_->attach) {
    if (!p.format) {
      error(e.range, p.record_problem);
      return e.type = Type::none();
    }
    // The record is the first tracepoint's: every other one must have the same fields.
    bool same = p.format->fields.size() == first.format->fields.size();
    for (size_t i = 0; same && i < p.format->fields.size(); ++i)
      same = p.format->fields[i].name == first.format->fields[i].name;
    if (!same) {
      error(e.range, "args of " + p.display + " has other fields than args of " + first.display +
                         ": as a value, args needs the same fields in every tracepoint");
      return e.type = Type::none();
    }
  }
  const SourceRange range = e.range;
  std::vector<ExprPtr> fields;
  std::vector<std::string> names;
  for (const TracepointField& f : first.format->fields) {
    auto base = std::make_unique<Expr>();
    base->kind = ExprKind::Builtin;
    base->range = range;
    base->name = e.name;
    auto field = std::make_unique<Expr>();
    field->kind = ExprKind::Field;
    field->range = range;
    field->name = f.name;
    field->args.push_back(std::move(base));
    Type t = check(*field);
    if (t.kind() == TypeKind::None) return e.type = Type::none();
    if (t.kind() == TypeKind::Array || t.kind() == TypeKind::Record) {
      error(range, "args as a value cannot hold field '" + f.name + "' (" + type_name(t) +
                       ") yet; read its fields instead (args.field)");
      return e.type = Type::none();
    }
    fields.push_back(std::move(field));
    names.push_back(f.name);
  }
  if (fields.empty()) {
    error(range, "args of " + first.display + " has no fields");
    return e.type = Type::none();
  }
  e.kind = ExprKind::Tuple;
  e.args = std::move(fields);
  e.field_names = std::move(names);
  e.field_ranges.assign(e.field_names.size(), range);
  return check(e);
}

} // namespace btc
