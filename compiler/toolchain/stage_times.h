// BTC_TIMINGS=1: how long each stage of one compile took, one line on stderr at the end
// (`btc: timings (wall/cpu): front end 0.11/0.10 s, ..., clang 2.70/2.65 s, ...`), so that a slow
// compile shows which stage to look at. Nothing is measured or printed without it.
#pragma once

#include <string>

namespace btc {

// Ends the stage running since the previous call (or since the process started) and names it.
void end_stage(const char* name);

// Prints the stages ended so far, and their total, when BTC_TIMINGS is set and not "0".
void report_stage_times();

} // namespace btc
