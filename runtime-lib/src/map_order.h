// The order in which a map's elements print, as bpftrace 0.17 orders them.
#pragma once

#include "values.h"

namespace btc::rt {

// Maps of counts, sums, min/max, averages, stats, histograms and integers print by ascending
// value; maps of strings, tuples and timestamps print by ascending key.
void sort_for_print(MapSnapshot& snap);

} // namespace btc::rt
