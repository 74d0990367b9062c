// Decoded values and maps as text, byte for byte as bpftrace 0.17 prints them
// (docs/output-format.md). btc/output.h offers the same on raw bytes.
#pragma once

#include "btc/printf_format.h"
#include "values.h"

#include <string>

namespace btc::rt {

// A value as print(value) shows it, without a newline; numbers divided by `div` (>= 1).
std::string value_text(const Value& v, uint32_t div = 1);

// printf(format, args...) of decoded arguments: integers through the format's integer
// conversions, strings and timestamps through %s as print() shows them.
std::string printf_text(const PrintfFormat& format, const std::vector<Value>& args);

// One conversion of printf_text() applied to its argument (without the text before it).
std::string printf_argument_text(const PrintfConversion& c, const Value& arg);

// A map key between the brackets of "@m[...]": integers as signed 64-bit, the elements of a
// multi-key joined with ", ".
std::string key_text(const Value& key);

// One element of a map key as it prints there: an integer signed, a record compact
// (`{.a=1}`), a stack indented by 4.
std::string key_element_text(const Value& element);

// print(@map, top, div) of a snapshot in print order, with the trailing newline(s). top/div are
// truncated to 32 bits like bpftrace's; div 0 means 1.
std::string map_text(const MapSnapshot& snap, uint64_t top = 0, uint64_t div = 0);

// The maps at exit: two newlines, then every map as print(@map) shows it.
std::string maps_at_exit_text(const std::vector<MapSnapshot>& maps);

} // namespace btc::rt
