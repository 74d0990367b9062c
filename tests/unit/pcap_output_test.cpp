// Unit tests of the pcap files skboutput() writes: the file header, one record per packet with
// its time of day, the bytes from the offset on, and records the perf buffer padded.
#include "pcap_output.h"

#include <btc/abi.h>

#include <gtest/gtest.h>

#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>
#include <vector>

using namespace btc::rt;

namespace {

std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

uint32_t u32(const std::vector<uint8_t>& b, size_t at) {
  uint32_t v;
  std::memcpy(&v, b.data() + at, 4);
  return v;
}

struct TempPath {
  std::string path = "/tmp/btc-pcap-test-" + std::to_string(getpid()) + ".pcap";
  ~TempPath() { unlink(path.c_str()); }
};

} // namespace

TEST(PcapOutput, HeaderAndRecords) {
  TempPath tmp;
  const char* paths[] = {tmp.path.c_str()};
  PcapOutput out;
  std::string error;
  ASSERT_TRUE(out.open(paths, 1, error)) << error;
  timespec mono;
  clock_gettime(CLOCK_MONOTONIC, &mono);
  btc_skb_record r = {};
  r.file = 0;
  r.offset = 2;
  r.ns = static_cast<uint64_t>(mono.tv_sec) * 1000000000 + mono.tv_nsec;
  r.len = 6;
  // Six bytes asked for, padded to eight by the perf record: the first two are left out.
  const uint8_t bytes[] = {0xaa, 0xbb, 0x45, 0x00, 0x00, 0x04, 0xee, 0xff};
  out.write(&r, bytes, sizeof bytes);
  std::vector<uint8_t> f = read_file(tmp.path);
  ASSERT_EQ(f.size(), 24u + 16u + 4u);
  EXPECT_EQ(u32(f, 0), 0xa1b2c3d4u);
  EXPECT_EQ(f[4] | f[5] << 8, 2);
  EXPECT_EQ(f[6] | f[7] << 8, 4);
  EXPECT_EQ(u32(f, 16), 65535u);
  EXPECT_EQ(u32(f, 20), 101u);
  time_t now = time(nullptr);
  EXPECT_LE(static_cast<time_t>(u32(f, 24)), now);
  EXPECT_GE(static_cast<time_t>(u32(f, 24)), now - 5);
  EXPECT_LT(u32(f, 28), 1000000u);
  EXPECT_EQ(u32(f, 32), 4u);
  EXPECT_EQ(u32(f, 36), 4u);
  EXPECT_EQ(std::vector<uint8_t>(f.begin() + 40, f.end()),
            (std::vector<uint8_t>{0x45, 0x00, 0x00, 0x04}));
}

TEST(PcapOutput, ShortAndUnknownRecordsAreSkipped) {
  TempPath tmp;
  const char* paths[] = {tmp.path.c_str()};
  PcapOutput out;
  std::string error;
  ASSERT_TRUE(out.open(paths, 1, error)) << error;
  btc_skb_record r = {};
  r.offset = 8;
  r.len = 4; // fewer bytes than the offset
  const uint8_t bytes[8] = {};
  out.write(&r, bytes, sizeof bytes);
  r.file = 1; // no such file
  r.offset = 0;
  out.write(&r, bytes, sizeof bytes);
  EXPECT_EQ(read_file(tmp.path).size(), 24u);
}

TEST(PcapOutput, UnwritablePathIsOneLine) {
  const char* paths[] = {"/nonexistent-btc/rx.pcap"};
  PcapOutput out;
  std::string error;
  EXPECT_FALSE(out.open(paths, 1, error));
  EXPECT_EQ(error,
            "cannot write the pcap file /nonexistent-btc/rx.pcap: No such file or directory");
}
