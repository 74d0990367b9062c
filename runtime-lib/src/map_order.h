// The order in which a map's elements print, as bpftrace 0.17 orders them.
#pragma once

#include "values.h"

namespace btc::rt {

// Maps of counts, sums, min/max, averages, stats, histograms and integers print by ascending
// value, equal values by ascending key (integers signed, strings bytewise, tuples field by
// field); maps of strings, tuples and timestamps print by ascending key as bpftrace sorts them
// (integers unsigned).
void sort_for_print(MapSnapshot& snap);

} // namespace btc::rt
