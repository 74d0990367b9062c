// Tracepoint records from kernel BTF. Every `TRACE_EVENT` class has a `struct
// trace_event_raw_<class>` there (`ent`, the fields, `__data[]`), and every event a
// `btf_trace_<event>` typedef. BTF is world-readable and describes the kernel the tool runs on
// through CO-RE, where tracefs is root-only and describes the build host.
#pragma once

#include "kernel/tracepoints.h"

#include <optional>
#include <string>

struct btf;

namespace btc {

// Whether the kernel has tracepoint `event` (any category: BTF does not say which).
bool btf_has_tracepoint(const btf* b, const std::string& event);

// The record class of `event`, by these rules: `trace_event_raw_<event>` when it exists, else
// the one class whose `__bpf_trace_<class>` has the prototype of `__probestub_<event>`. When
// several classes share that prototype, `tracefs` (the event's format, when readable) settles
// it: the class whose fields are the format's. Nothing, with `problem` set, when BTF cannot tell.
std::optional<std::string> tracepoint_class(const btf* b, const std::string& event,
                                            const TracepointFormat* tracefs, std::string& problem);

// The fields of record class `cls` in tracefs terms: `ent` (the common_ fields) and `__data`
// left out, `__data_loc_x` as the string field x, offsets and sizes of this BTF's kernel.
// Members no script can read (records, bitfields) are left out.
std::optional<TracepointFormat> tracepoint_record(const btf* b, const std::string& cls);

} // namespace btc
