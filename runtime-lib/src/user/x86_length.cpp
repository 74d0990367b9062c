#include "user/x86_length.h"

namespace btc::rt {
namespace {

// What follows an opcode, one letter per opcode, 16 per line (Intel SDM vol. 2, appendix A):
//   .  nothing           m  a ModRM byte (with its SIB and displacement)
//   b  imm8              B  ModRM + imm8
//   w  imm16             z  imm16 with a 0x66 prefix, else imm32
//   Z  ModRM + z         v  mov r, imm: z, or imm64 with REX.W
//   e  enter: imm16 + imm8
//   o  mov al/ax, [moffs]: 8 bytes, 4 with a 0x67 prefix
//   g  test/not/neg...: ModRM, then b (F6) or z (F7) when ModRM.reg is 0 or 1
//   x  invalid in 64-bit mode, or a prefix/escape handled before the table
constexpr char kOneByte[] = "mmmmbzxxmmmmbzxx" // 00
                            "mmmmbzxxmmmmbzxx" // 10
                            "mmmmbzxxmmmmbzxx" // 20
                            "mmmmbzxxmmmmbzxx" // 30
                            "xxxxxxxxxxxxxxxx" // 40: REX
                            "................" // 50
                            "xxxmxxxxzZbB...." // 60
                            "bbbbbbbbbbbbbbbb" // 70
                            "BZxBmmmmmmmmmmmm" // 80
                            "..........x....." // 90
                            "oooo....bz......" // a0
                            "bbbbbbbbvvvvvvvv" // b0
                            "BBw.xxBZe.w..bx." // c0
                            "mmmmxxx.mmmmmmmm" // d0
                            "bbbbbbbbzzxb...." // e0
                            "x.xx..gg......mm" // f0
    ;
constexpr char kTwoByte[] = "mmmmx.....x.xm.B" // 0f 00
                            "mmmmmmmmmmmmmmmm" // 0f 10
                            "mmmmxxxxmmmmmmmm" // 0f 20
                            "........xxxxxxxx" // 0f 30: 38 and 3a escape to 3-byte maps
                            "mmmmmmmmmmmmmmmm" // 0f 40
                            "mmmmmmmmmmmmmmmm" // 0f 50
                            "mmmmmmmmmmmmmmmm" // 0f 60
                            "BBBBmmm.mmxxmmmm" // 0f 70
                            "zzzzzzzzzzzzzzzz" // 0f 80
                            "mmmmmmmmmmmmmmmm" // 0f 90
                            "...mBmxx...mBmmm" // 0f a0
                            "mmmmmmmmmmBmmmmm" // 0f b0
                            "mmBmBBBm........" // 0f c0
                            "mmmmmmmmmmmmmmmm" // 0f d0
                            "mmmmmmmmmmmmmmmm" // 0f e0
                            "mmmmmmmmmmmmmmmm" // 0f f0
    ;
static_assert(sizeof kOneByte == 257 && sizeof kTwoByte == 257);

enum Imm : uint8_t { kNone, kIb, kIw, kIz, kIv, kIwIb, kMoffs, kGroup3 };

struct Form {
  bool valid = true;
  bool modrm = false;
  Imm imm = kNone;
};

Form decode_form(char c) {
  switch (c) {
  case '.':
    return {};
  case 'm':
    return {true, true, kNone};
  case 'b':
    return {true, false, kIb};
  case 'B':
    return {true, true, kIb};
  case 'w':
    return {true, false, kIw};
  case 'z':
    return {true, false, kIz};
  case 'Z':
    return {true, true, kIz};
  case 'v':
    return {true, false, kIv};
  case 'e':
    return {true, false, kIwIb};
  case 'o':
    return {true, false, kMoffs};
  case 'g':
    return {true, true, kGroup3};
  default:
    return {false, false, kNone};
  }
}

// VEX/EVEX/XOP-encoded opcodes: always a ModRM byte (except vzeroupper/vzeroall), and an
// immediate byte in map 3, in map 1 for the shifts/compares/shuffles, and in XOP map 8.
Form vex_form(unsigned map, uint8_t op) {
  switch (map) {
  case 1:
    if (op == 0x77) return {};
    if ((op >= 0x70 && op <= 0x73) || op == 0xc2 || (op >= 0xc4 && op <= 0xc6))
      return {true, true, kIb};
    return {true, true, kNone};
  case 2:
  case 5:
  case 6:
    return {true, true, kNone};
  case 3:
  case 8:
    return {true, true, kIb};
  case 9:
    return {true, true, kNone};
  case 10:
    return {true, true, kIz};
  default:
    return {false, false, kNone};
  }
}

size_t imm_size(Imm imm, bool opsize16, bool addr32, bool rex_w) {
  switch (imm) {
  case kNone:
    return 0;
  case kIb:
    return 1;
  case kIw:
    return 2;
  case kIz:
    return opsize16 ? 2 : 4;
  case kIv:
    return rex_w ? 8 : opsize16 ? 2 : 4;
  case kIwIb:
    return 3;
  case kMoffs:
    return addr32 ? 4 : 8;
  case kGroup3:
    break;
  }
  return 0;
}

} // namespace

size_t x86_instruction_length(std::span<const uint8_t> code) {
  constexpr size_t kMaxLength = 15;
  size_t i = 0;
  auto more = [&](size_t n) { return i + n <= code.size() && i + n <= kMaxLength; };
  bool opsize16 = false, addr32 = false, rex_w = false;

  for (;; ++i) { // legacy prefixes
    if (!more(1)) return 0;
    uint8_t b = code[i];
    if (b == 0x66)
      opsize16 = true;
    else if (b == 0x67)
      addr32 = true;
    else if (!(b == 0xf0 || b == 0xf2 || b == 0xf3 || b == 0x2e || b == 0x36 || b == 0x3e ||
               b == 0x26 || b == 0x64 || b == 0x65))
      break;
  }
  if ((code[i] & 0xf0) == 0x40) { // REX, which must come right before the opcode
    rex_w = code[i] & 8;
    ++i;
    if (!more(1)) return 0;
  }

  uint8_t op = code[i++];
  Form form;
  if (op == 0xc4 || op == 0xc5 || op == 0x62 || (op == 0x8f && more(1) && (code[i] & 0x1f) >= 8)) {
    size_t payload = op == 0xc5 ? 1 : op == 0x62 ? 3 : 2;
    if (!more(payload + 1)) return 0;
    unsigned map = op == 0xc5 ? 1 : op == 0x62 ? code[i] & 7 : code[i] & 0x1f;
    i += payload;
    form = vex_form(map, code[i++]);
  } else if (op == 0x0f) {
    if (!more(1)) return 0;
    uint8_t op2 = code[i++];
    if (op2 == 0x38 || op2 == 0x3a) {
      if (!more(1)) return 0;
      ++i;
      form = {true, true, op2 == 0x3a ? kIb : kNone};
    } else {
      form = decode_form(kTwoByte[op2]);
    }
  } else {
    form = decode_form(kOneByte[op]);
  }
  if (!form.valid) return 0;

  if (form.modrm) {
    if (!more(1)) return 0;
    uint8_t modrm = code[i++];
    unsigned mod = modrm >> 6, reg = (modrm >> 3) & 7, rm = modrm & 7;
    if (form.imm == kGroup3) form.imm = reg > 1 ? kNone : op == 0xf6 ? kIb : kIz;
    size_t disp = 0;
    if (mod != 3) {
      if (rm == 4) { // SIB
        if (!more(1)) return 0;
        uint8_t sib = code[i++];
        if (mod == 0 && (sib & 7) == 5) disp = 4;
      }
      if (mod == 0 && rm == 5) disp = 4; // rip-relative
      if (mod == 1) disp = 1;
      if (mod == 2) disp = 4;
    }
    if (!more(disp)) return 0;
    i += disp;
  }
  size_t imm = imm_size(form.imm, opsize16, addr32, rex_w);
  if (!more(imm)) return 0;
  return i + imm;
}

Boundary x86_is_instruction_boundary(std::span<const uint8_t> code, uint64_t offset) {
  uint64_t at = 0;
  while (at < offset) {
    size_t n = x86_instruction_length(code.subspan(static_cast<size_t>(at)));
    if (n == 0) return Boundary::Undecodable;
    at += n;
  }
  return at == offset ? Boundary::Yes : Boundary::Inside;
}

} // namespace btc::rt
