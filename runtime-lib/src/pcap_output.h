// skboutput(): the packets the programs send through the BTC_SKB_MAP perf buffer, written to
// pcap files (the classic format: microsecond timestamps, LINKTYPE_RAW, so a record's bytes
// start at the IP header, as bpftrace writes them). Each file is created when the tool starts
// and each packet is written through to it at once.
#pragma once

#include "pieces.h"

#include <cstdint>
#include <string>
#include <vector>

struct bpf_map;
struct perf_buffer;

namespace btc::rt {

class PcapOutput : public PacketOutput {
public:
  ~PcapOutput() override;
  // Creates the files, each with its pcap header.
  bool open(const char* const* paths, uint32_t num_paths, std::string& error) override;
  bool listen(bpf_map* map, size_t pages, std::string& error) override;
  int epoll_fd() const override;
  void consume() override;
  uint64_t take_lost() override;

  // One packet: `data` (`size` bytes, the record's bytes after the btc_skb_record `header`).
  void write(const void* header, const uint8_t* data, size_t size);

private:
  static void on_sample(void* ctx, int cpu, void* data, uint32_t size);
  static void on_lost(void* ctx, int cpu, unsigned long long count);

  std::vector<int> fds_;
  perf_buffer* buffer_ = nullptr;
  uint64_t lost_ = 0;
  int64_t realtime_minus_monotonic_ns_ = 0;
};

} // namespace btc::rt
