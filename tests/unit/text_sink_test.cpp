// Unit tests of the text sink: what it writes to its stream, and failed writes.
#include "text_sink.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

using namespace btc::rt;

namespace {

std::string contents(FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[256];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  return out;
}

const Type kI64{.kind = Kind::Int, .is_signed = true};
const Type kCount{.kind = Kind::Count};

} // namespace

TEST(TextSink, WritesEveryKindOfOutput) {
  FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  TextSink sink(f);
  sink.attaching(1);
  sink.attaching(2);
  sink.printf(parse_printf_format("a=1\n"), {});
  sink.time_text("12:00:00\n");
  sink.text(TextKind::Cat, "cat\n");
  sink.text(TextKind::System, "sh\n");
  sink.text(TextKind::Join, "a b");
  int64_t v = -4;
  sink.print_value(decode_value(kI64, reinterpret_cast<const uint8_t*>(&v)));
  MapSpec c{"@c", "AT_c", nullptr, &kCount, true};
  MapSnapshot empty = decode_map(c, {});
  sink.print_map(empty, 0, 0);
  sink.lost_events(3);
  sink.maps_at_exit({empty});
  sink.flush();
  EXPECT_EQ(sink.write_error(), 0);
  EXPECT_EQ(contents(f),
            "Attaching 1 probe...\nAttaching 2 probes...\na=1\n12:00:00\ncat\nsh\na b\n-4\n@c: 0\n"
            "Lost 3 events\n\n\n@c: 0\n");
  std::fclose(f);
}

TEST(TextSink, KeepsTheFirstWriteError) {
  FILE* f = std::fopen("/dev/full", "w");
  ASSERT_NE(f, nullptr);
  TextSink sink(f);
  sink.printf(parse_printf_format("lost\n"), {});
  EXPECT_EQ(sink.write_error(), 0); // still in the stdio buffer
  sink.flush();
  EXPECT_EQ(sink.write_error(), ENOSPC);
  sink.lost_events(1);
  sink.flush();
  EXPECT_EQ(sink.write_error(), ENOSPC);
  std::fclose(f);
}
