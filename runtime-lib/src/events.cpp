#include "events.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace btc::rt {

size_t event_payload_size(const EventSpec& event) {
  size_t end = 0;
  for (uint32_t i = 0; i < event.num_args; i++)
    end = std::max<size_t>(end, size_t{event.args[i].offset} + event.args[i].type->size);
  return end;
}

namespace {

// What the tool needs of the event itself: the value to print, the map to print or change.
bool usable(const Manifest& m, const EventSpec& e) {
  switch (e.kind) {
  case EventKind::Print:
  case EventKind::HelperError:
    return e.num_args >= 1;
  case EventKind::PrintMap:
  case EventKind::Clear:
  case EventKind::Zero:
    return e.map >= 0 && static_cast<uint32_t>(e.map) < m.num_maps;
  default:
    return true;
  }
}

} // namespace

constexpr size_t kUnusable = SIZE_MAX;

RecordParser::RecordParser(const Manifest& m) : m_(m) {
  for (uint32_t i = 0; i < m.num_events; i++)
    needs_.push_back(usable(m, m.events[i]) ? event_payload_size(m.events[i]) : kUnusable);
}

Record RecordParser::parse(const uint8_t* data, size_t size) const {
  Record r;
  if (size < sizeof(EventHeader)) return r;
  EventHeader header;
  std::memcpy(&header, data, sizeof header);
  r.id = header.id;
  if (header.id >= needs_.size()) return r;
  size_t need = needs_[header.id];
  if (need == kUnusable || size - sizeof(EventHeader) < need) return r;
  r.event = &m_.events[header.id];
  r.payload = data + sizeof(EventHeader);
  return r;
}

} // namespace btc::rt
