// printf() events formatted straight from their ring-buffer payload. A tool prints millions of
// printf lines a second only if a line costs a few hundred nanoseconds: decoding every argument
// into a Value (with its strings and vectors) and formatting each conversion with snprintf() into
// its own string cost several times that. A plan is worked out once per printf event from the
// parsed format and the argument types: integers and strings under the plain conversions
// (%d %u %x %X %s, with a width, '-' and a zero-padded width) are written by hand, everything else
// goes through the same code as printf_text(), so the text is byte for byte the same.
#pragma once

#include "btc/manifest.h"
#include "btc/printf_format.h"
#include "values.h"

#include <cstdint>
#include <string>
#include <vector>

namespace btc::rt {

class PrintfPlan {
public:
  PrintfPlan(const PrintfFormat& format, const EventSpec& event);

  // Appends the text of one event to `out`. `payload` holds at least the event's payload
  // (RecordParser checked its size).
  void append(const uint8_t* payload, std::string& out) const;

  // The arguments decoded, for sinks that need values (JSON).
  std::vector<Value> decode(const uint8_t* payload) const;

  const PrintfFormat& format() const { return format_; }

private:
  enum class Op : uint8_t {
    Literal, // text only (a conversion without an argument, or absorbed)
    Signed,  // %d %i of an Int
    Unsigned,
    Hex,
    HexUpper,
    Str,     // %s of a Str
    Generic, // decoded and formatted as printf_text() does
  };
  struct Step {
    std::string text; // printed before the conversion (for Literal: all of it)
    Op op = Op::Literal;
    bool narrow = false; // no length modifier: the value is cut to 32 bits first
    bool left = false;   // '-'
    bool zero = false;   // a width with a leading '0' (ignored with '-')
    uint32_t width = 0;
    uint32_t arg = 0;    // index into the event's arguments
    uint32_t offset = 0; // of the argument in the payload
    uint32_t size = 0;   // of the argument
    bool is_signed = false;
  };

  const PrintfFormat& format_;
  const EventSpec& event_;
  std::vector<Step> steps_;
};

} // namespace btc::rt
