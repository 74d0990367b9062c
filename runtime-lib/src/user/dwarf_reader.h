// The pieces of DWARF reading the line tables and the inlined calls of show_debug_info share:
// a bounds-checked reader, attribute forms, and the debug sections of one ELF file.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace btc::rt::dwarf {

// Bounds-checked little-endian reading of a byte range; a read past the end sets `bad` and
// yields zeros, so a damaged section stops the decoding instead of reading beyond it.
struct Reader {
  const uint8_t* p;
  const uint8_t* end;
  bool bad = false;

  Reader(std::string_view s) : p(reinterpret_cast<const uint8_t*>(s.data())), end(p + s.size()) {}
  Reader(const uint8_t* b, const uint8_t* e) : p(b), end(e) {}

  size_t left() const { return static_cast<size_t>(end - p); }
  bool skip(uint64_t n) {
    if (n > left()) {
      bad = true;
      p = end;
      return false;
    }
    p += n;
    return true;
  }
  // An unsigned value of `n` bytes, at most 8 (a damaged address size asking for more is bad).
  uint64_t fixed(unsigned n) {
    if (n > left() || n > 8) {
      bad = true;
      p = end;
      return 0;
    }
    uint64_t v = 0;
    for (unsigned i = 0; i < n; ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
    p += n;
    return v;
  }
  uint8_t u8() { return static_cast<uint8_t>(fixed(1)); }
  uint64_t uleb() {
    uint64_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
      if (p >= end) {
        bad = true;
        return 0;
      }
      uint8_t b = *p++;
      if (shift < 64) v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
  }
  int64_t sleb() {
    uint64_t v = 0;
    unsigned shift = 0;
    uint8_t b = 0;
    do {
      if (p >= end) {
        bad = true;
        return 0;
      }
      b = *p++;
      if (shift < 64) v |= static_cast<uint64_t>(b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    if (shift < 64 && (b & 0x40)) v |= ~uint64_t{0} << shift;
    return static_cast<int64_t>(v);
  }
  std::string_view cstr() {
    if (left() == 0) {
      bad = true;
      return {};
    }
    const uint8_t* nul = static_cast<const uint8_t*>(std::memchr(p, 0, left()));
    if (!nul) {
      bad = true;
      p = end;
      return {};
    }
    std::string_view s(reinterpret_cast<const char*>(p), static_cast<size_t>(nul - p));
    p = nul + 1;
    return s;
  }
};

// The NUL-terminated string at `offset` of a string section; empty when out of range.
inline std::string_view string_at(std::string_view section, uint64_t offset) {
  if (offset >= section.size()) return {};
  std::string_view rest = section.substr(offset);
  return rest.substr(0, std::min(rest.find('\0'), rest.size()));
}

inline std::string join(std::string_view dir, std::string_view name) {
  if (name.empty() || name[0] == '/' || dir.empty()) return std::string(name);
  std::string out(dir);
  if (out.back() != '/') out += '/';
  return out.append(name);
}

// The size of a value of form `form` (DWARF 5 section 7.5.6), skipped in `r`; false for a form
// this reader does not know. `implicit` is DW_FORM_implicit_const's value, kept in the abbrev.
inline bool skip_form(Reader& r, uint64_t form, unsigned offset_size, unsigned address_size,
                      uint16_t version) {
  switch (form) {
  case 0x01: // addr
    return r.skip(address_size);
  case 0x0b:
  case 0x0c:
  case 0x11:
  case 0x25:
  case 0x29: // data1 flag ref1 strx1 addrx1
    return r.skip(1);
  case 0x05:
  case 0x12:
  case 0x26:
  case 0x2a: // data2 ref2 strx2 addrx2
    return r.skip(2);
  case 0x27:
  case 0x2b: // strx3 addrx3
    return r.skip(3);
  case 0x06:
  case 0x13:
  case 0x1c:
  case 0x28:
  case 0x2c: // data4 ref4 ref_sup4 strx4 addrx4
    return r.skip(4);
  case 0x07:
  case 0x14:
  case 0x20:
  case 0x24: // data8 ref8 ref_sig8 ref_sup8
    return r.skip(8);
  case 0x1e: // data16
    return r.skip(16);
  case 0x0e:
  case 0x17:
  case 0x1d:
  case 0x1f:
  case 0x1f20:
  case 0x1f21:
    // strp sec_offset strp_sup line_strp GNU_ref_alt GNU_strp_alt
    return r.skip(offset_size);
  case 0x10: // ref_addr: an address in DWARF 2, an offset since
    return r.skip(version <= 2 ? address_size : offset_size);
  case 0x0d:
    r.sleb();
    return !r.bad;
  case 0x0f:
  case 0x15:
  case 0x1a:
  case 0x1b:
  case 0x22:
  case 0x23:
  case 0x1f01:
  case 0x1f02:
    // udata ref_udata strx addrx loclistx rnglistx GNU_addr_index GNU_str_index
    r.uleb();
    return !r.bad;
  case 0x08:
    r.cstr();
    return !r.bad;
  case 0x09:
  case 0x18: // block exprloc
    return r.skip(r.uleb());
  case 0x0a:
    return r.skip(r.fixed(1));
  case 0x03:
    return r.skip(r.fixed(2));
  case 0x04:
    return r.skip(r.fixed(4));
  case 0x16: // indirect: the form comes first
    return skip_form(r, r.uleb(), offset_size, address_size, version);
  case 0x19:
  case 0x21: // flag_present implicit_const: nothing in the DIE
    return true;
  default:
    return false;
  }
}

// The debug sections of an ELF file, decompressed (zlib SHF_COMPRESSED); empty when absent.
struct Sections {
  std::string line, line_str, str, info, abbrev, addr, ranges, rnglists, str_offsets;
};

// False when `path` cannot be read as an ELF file.
bool read_sections(const std::string& path, Sections& out);

} // namespace btc::rt::dwarf
