// Ring-buffer records: checked against the manifest before anything reads their payload.
#pragma once

#include "btc/manifest.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace btc::rt {

// The payload bytes an event needs: the end of its furthest field.
size_t event_payload_size(const EventSpec& event);

// A record as the BPF side sent it: EventHeader, then the payload.
struct Record {
  const EventSpec* event = nullptr; // nullptr: unknown event id, a record too short for its
                                    // event, or an event naming no value or map to act on
  uint32_t id = 0;
  const uint8_t* payload = nullptr;
};

// Checks records against what each event needs, worked out once from the manifest so that the
// per-event path is a lookup.
class RecordParser {
public:
  explicit RecordParser(const Manifest& m);
  Record parse(const uint8_t* data, size_t size) const;

private:
  const Manifest& m_;
  std::vector<size_t> needs_; // per event: payload bytes it needs, kUnusable when none will do
};

} // namespace btc::rt
