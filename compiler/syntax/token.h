// Tokens of the bpftrace language.
#pragma once

#include "diag/source.h"

#include <cstdint>
#include <string>

namespace btc {

enum class Tok : uint8_t {
  End,
  Ident,      // names, keywords and builtins: the parser tells them apart
  Var,        // $name (text without '$')
  Positional, // $1 (int_value = 1)
  ArgCount,   // $#
  Map,        // @ or @name (text with '@')
  Int,        // integer or character literal (int_value, is_unsigned)
  String,     // string literal (text decoded)
  ProbeSpec,  // raw probe text, only lexed on the parser's request
  LBrace,
  RBrace,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Semi,
  Colon,
  Dot,
  DotDot, // the `..` of a range
  Arrow,
  Question,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Amp,
  Pipe,
  Caret,
  Tilde,
  Bang,
  Lt,
  Gt,
  Le,
  Ge,
  EqEq,
  Ne,
  Shl,
  Shr,
  AndAnd,
  OrOr,
  Assign,
  PlusAssign,
  MinusAssign,
  StarAssign,
  SlashAssign,
  PercentAssign,
  AmpAssign,
  PipeAssign,
  CaretAssign,
  ShlAssign,
  ShrAssign,
  PlusPlus,
  MinusMinus,
  Error, // text holds the message
};

struct Token {
  Tok kind = Tok::End;
  SourceRange range;
  std::string text;
  uint64_t int_value = 0;
  bool is_unsigned = false;
};

const char* tok_spelling(Tok kind);

} // namespace btc
