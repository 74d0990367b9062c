// tseries() values as current bpftrace prints them: a text graph of the intervals, and the
// JSON list of intervals with a value.
#pragma once

#include "values.h"

#include <string>

namespace btc::rt {

// The graph: axis labels, one row per interval (`HH:MM:SS` with the interval's fraction of a
// second, the point, the value; `-` where the interval has none), each line ending in "\n";
// "<no data>" for a series without points.
std::string tseries_text(const Value& v);

// [{"interval_start":"YYYY-MM-DDTHH:MM:SS.nnnnnnnnn","value":N},...]: the intervals with a
// value.
std::string tseries_json(const Value& v);

} // namespace btc::rt
