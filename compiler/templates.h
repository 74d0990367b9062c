// Text templates embedded into btc at build time (see templates/ and cmake/embed.cmake).
#pragma once

namespace btc {

extern const char* const kPreludeTemplate; // templates/prelude.bpf.h

} // namespace btc
