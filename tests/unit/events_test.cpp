// Unit tests of ring-buffer record checks: nothing reads past a record or trusts its event id.
#include "events.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

using namespace btc::rt;

namespace {

const Type kI64{.kind = Kind::Int, .is_signed = true};
const Type kStr16{.kind = Kind::Str, .size = 16};
const Field kArgs[] = {{&kStr16, 8}, {&kI64, 0}}; // the furthest field is not the last one
const EventSpec kEvents[] = {
    {.kind = EventKind::Printf, .format = "%d %s\n", .args = kArgs, .num_args = 2},
    {.kind = EventKind::Exit},
    {.kind = EventKind::PrintMap, .map = 0},
    {.kind = EventKind::Clear, .map = 1}, // the manifest has one map
    {.kind = EventKind::Print},           // nothing to print
};
const Type kCount{.kind = Kind::Count};
const MapSpec kMaps[] = {{"@c", "AT_c", nullptr, &kCount, true}};
Manifest make_manifest() {
  Manifest m{};
  m.events = kEvents;
  m.num_events = 5;
  m.maps = kMaps;
  m.num_maps = 1;
  return m;
}

const Manifest kManifest = make_manifest();

std::vector<uint8_t> record(uint32_t id, size_t payload) {
  std::vector<uint8_t> r(sizeof(EventHeader) + payload, 0);
  EventHeader h{id, 0};
  std::memcpy(r.data(), &h, sizeof h);
  return r;
}

} // namespace

TEST(Events, PayloadSizeIsTheFurthestFieldEnd) {
  EXPECT_EQ(event_payload_size(kEvents[0]), 24u);
  EXPECT_EQ(event_payload_size(kEvents[1]), 0u);
}

TEST(Events, AcceptsRecordsLongEnough) {
  std::vector<uint8_t> r = record(0, 24);
  Record rec = RecordParser(kManifest).parse(r.data(), r.size());
  EXPECT_EQ(rec.event, &kEvents[0]);
  EXPECT_EQ(rec.id, 0u);
  EXPECT_EQ(rec.payload, r.data() + sizeof(EventHeader));
  // The ring buffer rounds records up: longer is fine.
  r = record(0, 32);
  EXPECT_EQ(RecordParser(kManifest).parse(r.data(), r.size()).event, &kEvents[0]);
  r = record(1, 0);
  EXPECT_EQ(RecordParser(kManifest).parse(r.data(), r.size()).event, &kEvents[1]);
}

TEST(Events, RejectsShortRecordsAndUnknownIds) {
  std::vector<uint8_t> r = record(0, 23);
  EXPECT_EQ(RecordParser(kManifest).parse(r.data(), r.size()).event, nullptr);
  r = record(5, 24);
  EXPECT_EQ(RecordParser(kManifest).parse(r.data(), r.size()).event, nullptr);
  r = record(0, 0);
  EXPECT_EQ(RecordParser(kManifest).parse(r.data(), 4).event, nullptr); // not even a header
  EXPECT_EQ(RecordParser(kManifest).parse(r.data(), 0).event, nullptr);
}

TEST(Events, RejectsEventsWithoutTheirMapOrValue) {
  std::vector<uint8_t> r = record(2, 0);
  EXPECT_EQ(RecordParser(kManifest).parse(r.data(), r.size()).event, &kEvents[2]);
  r = record(3, 0);
  EXPECT_EQ(RecordParser(kManifest).parse(r.data(), r.size()).event, nullptr);
  r = record(4, 8);
  EXPECT_EQ(RecordParser(kManifest).parse(r.data(), r.size()).event, nullptr);
}
