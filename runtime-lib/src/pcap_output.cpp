#include "pcap_output.h"

#include "pieces.h"
#include <btc/abi.h>

#include <bpf/libbpf.h>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace btc::rt {
namespace {

constexpr uint32_t kPcapMagic = 0xa1b2c3d4; // microsecond timestamps, the writer's byte order
constexpr uint32_t kSnapLen = 65535;
constexpr uint32_t kLinkTypeRaw = 101; // LINKTYPE_RAW: the packet starts at its IP header

struct PcapFileHeader {
  uint32_t magic;
  uint16_t version_major, version_minor;
  int32_t thiszone;
  uint32_t sigfigs, snaplen, network;
};
struct PcapRecordHeader {
  uint32_t ts_sec, ts_usec, incl_len, orig_len;
};
static_assert(sizeof(PcapFileHeader) == 24 && sizeof(PcapRecordHeader) == 16);

bool write_all(int fd, const void* data, size_t size) {
  const auto* p = static_cast<const uint8_t*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

int64_t clock_ns(clockid_t clock) {
  timespec ts;
  clock_gettime(clock, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

} // namespace

PcapOutput::~PcapOutput() {
  if (buffer_) perf_buffer__free(buffer_);
  for (int fd : fds_) close(fd);
}

bool PcapOutput::open(const char* const* paths, uint32_t num_paths, std::string& error) {
  const PcapFileHeader header = {kPcapMagic, 2, 4, 0, 0, kSnapLen, kLinkTypeRaw};
  for (uint32_t i = 0; i < num_paths; ++i) {
    int fd = ::open(paths[i], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || !write_all(fd, &header, sizeof header)) {
      error = std::string("cannot write the pcap file ") + paths[i] + ": " + std::strerror(errno);
      if (fd >= 0) close(fd);
      return false;
    }
    fds_.push_back(fd);
  }
  // The programs stamp packets with CLOCK_MONOTONIC (bpf_ktime_get_ns()); pcap wants the time
  // of day.
  realtime_minus_monotonic_ns_ = clock_ns(CLOCK_REALTIME) - clock_ns(CLOCK_MONOTONIC);
  return true;
}

bool PcapOutput::listen(bpf_map* map, size_t pages, std::string& error) {
  buffer_ = perf_buffer__new(bpf_map__fd(map), pages, on_sample, on_lost, this, nullptr);
  if (!buffer_) {
    error = std::string("cannot set up the perf buffer of skboutput(): ") + std::strerror(errno);
    return false;
  }
  return true;
}

int PcapOutput::epoll_fd() const {
  return buffer_ ? perf_buffer__epoll_fd(buffer_) : -1;
}

void PcapOutput::consume() {
  if (buffer_) perf_buffer__consume(buffer_);
}

uint64_t PcapOutput::take_lost() {
  uint64_t n = lost_;
  lost_ = 0;
  return n;
}

void PcapOutput::on_sample(void* ctx, int, void* data, uint32_t size) {
  if (size < sizeof(btc_skb_record)) return;
  auto* bytes = static_cast<const uint8_t*>(data);
  static_cast<PcapOutput*>(ctx)->write(bytes, bytes + sizeof(btc_skb_record),
                                       size - sizeof(btc_skb_record));
}

void PcapOutput::on_lost(void* ctx, int, unsigned long long count) {
  static_cast<PcapOutput*>(ctx)->lost_ += count;
}

void PcapOutput::write(const void* header, const uint8_t* data, size_t size) {
  btc_skb_record r;
  std::memcpy(&r, header, sizeof r);
  if (r.file >= fds_.size()) return;
  // The perf record pads the bytes to 8: the packet's are those asked for.
  size_t captured = r.len < size ? static_cast<size_t>(r.len) : size;
  if (captured < r.offset) return;
  size_t len = captured - r.offset;
  int64_t ns = static_cast<int64_t>(r.ns) + realtime_minus_monotonic_ns_;
  PcapRecordHeader rec = {static_cast<uint32_t>(ns / 1000000000),
                          static_cast<uint32_t>(ns % 1000000000 / 1000), static_cast<uint32_t>(len),
                          static_cast<uint32_t>(len)};
  // One write per packet, header and bytes together: a reader never sees half a record.
  std::vector<uint8_t> out(sizeof rec + len);
  std::memcpy(out.data(), &rec, sizeof rec);
  std::memcpy(out.data() + sizeof rec, data + r.offset, len);
  write_all(fds_[r.file], out.data(), out.size());
}

void install_pcap() {
  static const PieceApi<Piece::Pcap> api = {
      .create = []() -> std::unique_ptr<PacketOutput> { return std::make_unique<PcapOutput>(); }};
  install_piece(api);
}

} // namespace btc::rt
