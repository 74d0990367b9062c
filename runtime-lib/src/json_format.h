// Decoded values and maps as the lines of bpftrace 0.17's `-f json` output (NDJSON: one JSON
// object a line, `{"type": "...", "data": ...}`), spacing included. Where 0.17 writes invalid
// JSON (unquoted timestamps and strerror() text, bytes over 0x7f as `\uffffffXX`), these write
// valid JSON instead (docs/differences.md).
#pragma once

#include "values.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace btc::rt {

// `text` as a JSON string, quotes included: `"` and `\` escaped, \n \r \t by name, other control
// characters as \u00XX, valid UTF-8 sequences as they are, any other byte as \u00XX.
std::string json_string(std::string_view text);

// A value as the data of a JSON line: numbers divided by `div` (>= 1), text quoted, tuples and
// arrays as `[a,b]`, records as `{ "a": 1, "b": 2 }`, stats as an object, hist/lhist as a list of
// buckets with their bounds.
std::string json_value(const Value& v, uint32_t div = 1);

// `{"type": "TYPE", "data": "TEXT"}` and a newline.
std::string json_text_line(std::string_view type, std::string_view text);

// `{"type": "TYPE", "data": {"FIELD": N}}` and a newline (attached_probes, lost_events).
std::string json_count_line(std::string_view type, std::string_view field, uint64_t n);

// print(@map, top, div) of a snapshot in print order: one line of type "map", "hist" (hist,
// lhist) or "stats" (avg, stats), `{"@m": VALUE}` without keys, `{"@m": {"KEY": VALUE, ...}}`
// with them; "" for an empty map (but a count() map without keys prints 0, as in text).
// top/div as map_text() takes them.
std::string json_map(const MapSnapshot& snap, uint64_t top = 0, uint64_t div = 0);

} // namespace btc::rt
