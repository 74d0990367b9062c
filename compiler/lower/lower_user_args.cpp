// uprobe `args.NAME`: each argument where the x86-64 System V calling convention puts it at the
// function's entry, as the build host's DWARF describes the function (dwarf/uprobe_args.h).
#include "dwarf/uprobe_args.h"
#include "lower/lowerer.h"

#include <algorithm>

namespace btc::lowering {

namespace {

const DwarfParam& param_of(const ResolvedProbe& p, const Expr& e) {
  const UprobeArgs& args = uprobe_args(p);
  auto it = std::find_if(args.params.begin(), args.params.end(),
                         [&](const DwarfParam& f) { return f.name == e.name; });
  if (it == args.params.end() || !it->problem.empty())
    throw InternalError("no readable argument '" + e.name + "' in " + p.display, e.range);
  return *it;
}

const char* const kArgRegs[] = {"di", "si", "dx", "cx", "r8", "r9"};

} // namespace

std::string Lowerer::uprobe_arg(const Expr& e) {
  if (e.type.kind() == TypeKind::Record) return read_place(e);
  const DwarfParam& param = param_of(*ctx_.target, e);
  // The whole 64-bit word: a narrower argument is its low bytes, the rest undefined.
  std::string word = param.loc.where == ArgLocation::Where::Register
                         ? std::string("((__u64)ctx->") + kArgRegs[param.loc.reg] + ")"
                         : "btc_read_int_in(bpf_probe_read_user, ctx->sp + " +
                               std::to_string(param.loc.offset) + ", 8, 0)";
  const Type& t = e.type;
  switch (t.kind()) {
  case TypeKind::Int:
    return conv(word, Type::integer(64, false), t);
  case TypeKind::Bool:
    return "((__u64)((__u8)" + word + " != 0))";
  case TypeKind::Pointer:
    return word;
  default:
    throw InternalError("an argument of type " + type_name(t) + " has no lowering", e.range);
  }
}

std::string Lowerer::uprobe_retval(const Expr& e) {
  const Type& t = e.type;
  // A narrower value is rax's low bytes, the rest undefined.
  if (t.kind() == TypeKind::Bool) return "((__u64)((__u8)ctx->ax != 0))";
  if (t.kind() == TypeKind::Int && t.bits() < 64)
    return conv("ctx->ax", Type::integer(64, false), t);
  if (t.kind() == TypeKind::Int && t.is_signed()) return "((__s64)ctx->ax)";
  return "((__u64)ctx->ax)";
}

Lowerer::Place Lowerer::uprobe_arg_place(const Expr& e) {
  const DwarfParam& param = param_of(*ctx_.target, e);
  Place p;
  p.type = e.type;
  if (param.loc.where == ArgLocation::Where::Stack) {
    // A copy the caller made on its stack.
    p.base = "(ctx->sp + " + std::to_string(param.loc.offset) + ")";
    p.space = AddrSpace::User;
  } else {
    // A record of at most 8 bytes in one register: its bytes are the register's saved copy
    // in pt_regs, from the lowest (little endian).
    p.base = std::string("((__u64)&ctx->") + kArgRegs[param.loc.reg] + ")";
    p.space = AddrSpace::Kernel;
  }
  return p;
}

} // namespace btc::lowering
