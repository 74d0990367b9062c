#include "printf_plan.h"

#include "text_format.h"

#include <cstring>

namespace btc::rt {
namespace {

uint64_t load_int(const uint8_t* p, uint32_t size, bool is_signed) {
  switch (size) {
  case 1:
    return is_signed ? static_cast<uint64_t>(static_cast<int8_t>(p[0])) : p[0];
  case 2: {
    uint16_t v;
    std::memcpy(&v, p, sizeof v);
    return is_signed ? static_cast<uint64_t>(static_cast<int16_t>(v)) : v;
  }
  case 4: {
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return is_signed ? static_cast<uint64_t>(static_cast<int32_t>(v)) : v;
  }
  default: {
    uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
  }
}

// Digits of `v` in base 10 or 16, written backwards from `end`; returns the first one.
char* digits(uint64_t v, unsigned base, const char* alphabet, char* end) {
  do {
    *--end = alphabet[v % base];
    v /= base;
  } while (v != 0);
  return end;
}

} // namespace

PrintfPlan::PrintfPlan(const PrintfFormat& format, const EventSpec& event)
    : format_(format), event_(event) {
  for (size_t i = 0; i < format.conversions.size(); ++i) {
    const PrintfConversion& c = format.conversions[i];
    Step s;
    s.text = c.prefix;
    if (c.absorbed || i >= event.num_args) {
      s.text += literal_conversion(format, c);
      steps_.push_back(std::move(s));
      continue;
    }
    const Type& t = *event.args[i].type;
    s.arg = static_cast<uint32_t>(i);
    s.offset = event.args[i].offset;
    s.size = t.size;
    s.is_signed = t.is_signed;
    s.op = Op::Generic;
    bool plain_length = c.length.empty() || c.length == "l" || c.length == "ll" ||
                        c.length == "j" || c.length == "z" || c.length == "t";
    bool plain_flags = c.flags.empty() || c.flags == "-";
    if (plain_flags && c.precision.empty()) {
      s.left = c.left_align;
      s.zero = !c.width.empty() && c.width[0] == '0' && !s.left;
      s.width =
          c.width.empty() ? 0 : static_cast<uint32_t>(std::strtoul(c.width.c_str(), nullptr, 10));
      s.narrow = c.length.empty();
      if (c.accepts == ArgClass::Integer && t.kind == Kind::Int && plain_length && t.size <= 8) {
        switch (c.conversion) {
        case 'd':
        case 'i':
          s.op = Op::Signed;
          break;
        case 'u':
          s.op = Op::Unsigned;
          break;
        case 'x':
          s.op = Op::Hex;
          break;
        case 'X':
          s.op = Op::HexUpper;
          break;
        default:
          break;
        }
      } else if (c.accepts == ArgClass::String && t.kind == Kind::Str && c.conversion == 's' &&
                 !(c.width.size() > 0 && c.width[0] == '0')) {
        s.op = Op::Str;
      }
    }
    steps_.push_back(std::move(s));
  }
  Step tail;
  tail.text = format.tail;
  steps_.push_back(std::move(tail));
}

void PrintfPlan::append(const uint8_t* payload, std::string& out) const {
  for (const Step& s : steps_) {
    out += s.text;
    if (s.op == Op::Literal) continue;
    const uint8_t* p = payload + s.offset;
    auto generic = [&] {
      const PrintfConversion& c = format_.conversions[s.arg];
      out += printf_argument_text(c, decode_value(*event_.args[s.arg].type, p));
    };
    if (s.op == Op::Generic) {
      generic();
      continue;
    }
    const char* text;
    size_t n;
    bool negative = false;
    char buf[24];
    char* end = buf + sizeof buf;
    if (s.op == Op::Str) {
      text = reinterpret_cast<const char*>(p);
      n = strnlen(text, s.size);
      // A string cut at max_strlen takes the trailer: the general path prints it.
      if (gets_truncation_trailer(s.size, n)) {
        generic();
        continue;
      }
    } else {
      uint64_t v = load_int(p, s.size, s.is_signed);
      if (s.narrow)
        v = s.op == Op::Signed
                ? static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(v)))
                : static_cast<uint32_t>(v);
      if (s.op == Op::Signed && static_cast<int64_t>(v) < 0) {
        negative = true;
        v = 0 - v;
      }
      char* first = s.op == Op::HexUpper ? digits(v, 16, "0123456789ABCDEF", end)
                    : s.op == Op::Hex    ? digits(v, 16, "0123456789abcdef", end)
                                         : digits(v, 10, "0123456789", end);
      if (negative && !s.zero) *--first = '-';
      text = first;
      n = static_cast<size_t>(end - first);
    }
    size_t len = n + (negative && s.zero ? 1 : 0);
    size_t fill = s.width > len ? s.width - len : 0;
    if (s.left) {
      out.append(text, n);
      out.append(fill, ' ');
    } else if (s.zero) {
      if (negative) out += '-';
      out.append(fill, '0');
      out.append(text, n);
    } else {
      out.append(fill, ' ');
      out.append(text, n);
    }
  }
}

std::vector<Value> PrintfPlan::decode(const uint8_t* payload) const {
  std::vector<Value> args;
  args.reserve(event_.num_args);
  for (uint32_t i = 0; i < event_.num_args; ++i)
    args.push_back(decode_value(*event_.args[i].type, payload + event_.args[i].offset));
  return args;
}

} // namespace btc::rt
