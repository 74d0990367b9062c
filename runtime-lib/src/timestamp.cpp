// strftime() of CLOCK_MONOTONIC timestamps against the boot time, as bpftrace does it.
#include "btc/output.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace btc::rt {
namespace {

struct TimeBase {
  int64_t sec = 0;
  int64_t nsec = 0;
};

TimeBase& time_base() {
  static TimeBase base;
  return base;
}

std::once_flag time_base_once;

void sample_time_base() {
  timespec real{}, boot{};
  clock_gettime(CLOCK_REALTIME, &real);
  clock_gettime(CLOCK_BOOTTIME, &boot);
  int64_t sec = real.tv_sec - boot.tv_sec;
  int64_t nsec = real.tv_nsec - boot.tv_nsec;
  if (nsec < 0) {
    nsec += 1000000000;
    sec -= 1;
  }
  time_base() = {sec, nsec};
}

} // namespace

void init_timestamp_base() {
  std::call_once(time_base_once, sample_time_base);
}

std::string format_timestamp(const char* strftime_fmt, uint64_t nsecs) {
  init_timestamp_base();
  const TimeBase& base = time_base();
  uint64_t nsec = static_cast<uint64_t>(base.nsec) + nsecs % 1000000000;
  time_t sec = static_cast<time_t>(base.sec + static_cast<int64_t>(nsecs / 1000000000) +
                                   static_cast<int64_t>(nsec / 1000000000));
  nsec %= 1000000000;

  char usec[16];
  std::snprintf(usec, sizeof usec, "%06llu", static_cast<unsigned long long>(nsec / 1000));
  std::string fmt;
  for (const char* p = strftime_fmt ? strftime_fmt : ""; *p; p++) {
    if (p[0] == '%' && p[1] == 'f') {
      fmt += usec;
      p++;
    } else {
      fmt += *p;
    }
  }

  struct tm tm {};
  char buf[64];
  if (!localtime_r(&sec, &tm) || std::strftime(buf, sizeof buf, fmt.c_str(), &tm) == 0) {
    std::fputs("ERROR: strftime returned 0\n", stderr);
    return "(?)";
  }
  return buf;
}

std::string format_timestamp_fraction(const char* strftime_fmt, uint64_t nsecs, int digits) {
  init_timestamp_base();
  uint64_t nsec = (static_cast<uint64_t>(time_base().nsec) + nsecs % 1000000000) % 1000000000;
  std::string out = format_timestamp(strftime_fmt, nsecs);
  if (digits <= 0) return out;
  char frac[16];
  std::snprintf(frac, sizeof frac, "%09llu", static_cast<unsigned long long>(nsec));
  return out + "." + std::string(frac, static_cast<size_t>(std::min(digits, 9)));
}

} // namespace btc::rt
