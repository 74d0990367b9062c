// SHA-256 (FIPS 180-4) for btc run's cache keys: the key names a compiled tool by everything
// that changes its bytes, so a collision would run the wrong program.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace btc::cli {

class Sha256 {
public:
  Sha256();
  void update(std::string_view data);
  // Ends the hash: the digest in lowercase hex. The object is spent afterwards.
  std::string hex();

private:
  void block(const uint8_t* p);

  std::array<uint32_t, 8> h_;
  std::array<uint8_t, 64> buf_{};
  size_t used_ = 0;
  uint64_t length_ = 0;
};

} // namespace btc::cli
