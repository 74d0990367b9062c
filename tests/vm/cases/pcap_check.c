// Reads a pcap file as skboutput() writes it and prints what the skboutput case checks: the
// file header, the number of records, their lengths, whether every record is a whole IPv4
// packet (incl_len == orig_len == the IP total length), whether one carries loopback_tcp's
// payload, and whether the timestamps are today's.
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

struct file_header {
  uint32_t magic;
  uint16_t major, minor;
  int32_t zone;
  uint32_t sigfigs, snaplen, linktype;
};
struct record_header {
  uint32_t sec, usec, incl_len, orig_len;
};

int main(int argc, char** argv) {
  FILE* f = argc > 1 ? fopen(argv[1], "rb") : NULL;
  struct file_header h;
  if (!f || fread(&h, sizeof h, 1, f) != 1) {
    printf("pcap %s: cannot read\n", argc > 1 ? argv[1] : "(none)");
    return 1;
  }
  printf("pcap magic %08x version %u.%u snaplen %u linktype %u\n", h.magic, h.major, h.minor,
         h.snaplen, h.linktype);
  unsigned records = 0, whole_ipv4 = 0, payload = 0, today = 0, min_len = ~0u, max_len = 0;
  unsigned char data[65536];
  struct record_header r;
  time_t now = time(NULL);
  while (fread(&r, sizeof r, 1, f) == 1) {
    if (r.incl_len > sizeof data || fread(data, 1, r.incl_len, f) != r.incl_len) break;
    ++records;
    if (r.incl_len < min_len) min_len = r.incl_len;
    if (r.incl_len > max_len) max_len = r.incl_len;
    unsigned total = r.incl_len >= 4 ? (unsigned)data[2] << 8 | data[3] : 0;
    if (r.incl_len == r.orig_len && r.incl_len >= 20 && data[0] >> 4 == 4 && total == r.incl_len)
      ++whole_ipv4;
    if (memmem(data, r.incl_len, "btc-loopback-payload", 20)) ++payload;
    if (r.usec < 1000000 && (time_t)r.sec > now - 86400 && (time_t)r.sec <= now) ++today;
  }
  printf("records %s %u lengths %u-%u whole_ipv4 %u payload %u today %u\n",
         records == whole_ipv4 ? "all-ipv4" : "some", records, min_len, max_len, whole_ipv4,
         payload, today == records);
  return 0;
}
