#include "user/dwarf_inlines.h"

#include "user/dwarf_reader.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace btc::rt {
namespace {

using dwarf::Reader;

// DWARF 5 section 7: tags, attributes and forms read here.
constexpr uint64_t kTagInlinedSubroutine = 0x1d, kTagSubprogram = 0x2e;
constexpr uint64_t kAtName = 0x03, kAtLowPc = 0x11, kAtHighPc = 0x12, kAtStmtList = 0x10,
                   kAtAbstractOrigin = 0x31, kAtSpecification = 0x47, kAtRanges = 0x55,
                   kAtCallFile = 0x58, kAtCallLine = 0x59, kAtLinkageName = 0x6e,
                   kAtMipsLinkageName = 0x2007, kAtStrOffsetsBase = 0x72, kAtAddrBase = 0x73,
                   kAtRnglistsBase = 0x74;
constexpr uint64_t kFormAddr = 0x01, kFormString = 0x08, kFormStrp = 0x0e, kFormLineStrp = 0x1f,
                   kFormStrx = 0x1a, kFormStrx1 = 0x25, kFormStrx2 = 0x26, kFormStrx3 = 0x27,
                   kFormStrx4 = 0x28, kFormAddrx = 0x1b, kFormAddrx1 = 0x29, kFormAddrx2 = 0x2a,
                   kFormAddrx3 = 0x2b, kFormAddrx4 = 0x2c, kFormRnglistx = 0x23,
                   kFormImplicitConst = 0x21, kFormRef1 = 0x11, kFormRef2 = 0x12, kFormRef4 = 0x13,
                   kFormRef8 = 0x14, kFormRefUdata = 0x15, kFormRefAddr = 0x10,
                   kFormIndirect = 0x16;

struct AttrSpec {
  uint64_t name, form;
  int64_t implicit;
};
struct Abbrev {
  uint64_t tag = 0;
  bool children = false;
  std::vector<AttrSpec> attrs;
};

// The abbreviation table at `offset` of .debug_abbrev, by code.
std::unordered_map<uint64_t, Abbrev> abbrevs(std::string_view section, uint64_t offset) {
  std::unordered_map<uint64_t, Abbrev> out;
  if (offset >= section.size()) return out;
  Reader a(section.substr(offset));
  while (!a.bad && a.left() > 0) {
    uint64_t code = a.uleb();
    if (code == 0) break;
    Abbrev ab;
    ab.tag = a.uleb();
    ab.children = a.u8() != 0;
    for (;;) {
      AttrSpec s{a.uleb(), a.uleb(), 0};
      if (s.form == kFormImplicitConst) s.implicit = a.sleb();
      if (a.bad || (s.name == 0 && s.form == 0)) break;
      ab.attrs.push_back(s);
    }
    out.emplace(code, std::move(ab));
  }
  return out;
}

} // namespace

// Reads .debug_info one compilation unit at a time into an InlineTable.
class InlineReader {
public:
  InlineReader(const dwarf::Sections& s, const LineTable& lines, InlineTable& t)
      : s_(s), lines_(lines), t_(t) {}

  void run() {
    Reader r(s_.info);
    const auto* base = reinterpret_cast<const uint8_t*>(s_.info.data());
    while (r.left() > 0 && !r.bad) {
      uint64_t unit_offset = static_cast<uint64_t>(r.p - base);
      uint64_t length = r.fixed(4);
      offset_size_ = 4;
      if (length == 0xffffffff) {
        length = r.fixed(8);
        offset_size_ = 8;
      }
      if (r.bad || length > r.left()) break;
      Reader u(r.p, r.p + length);
      r.p += length;
      version_ = static_cast<uint16_t>(u.fixed(2));
      if (version_ < 2 || version_ > 5) continue;
      uint64_t abbrev_offset = 0;
      if (version_ >= 5) {
        uint8_t type = u.u8();
        address_size_ = u.u8();
        abbrev_offset = u.fixed(offset_size_);
        if (type != 1 && type != 3) continue; // compile and partial units
      } else {
        abbrev_offset = u.fixed(offset_size_);
        address_size_ = u.u8();
      }
      unit(u, unit_offset, abbrevs(s_.abbrev, abbrev_offset));
    }
    finish();
  }

private:
  struct Value {
    uint64_t num = 0;
    std::string_view text;
    bool is_address = false; // addr and addrx forms: high_pc is an address, not a length
  };
  struct Pending {
    std::vector<std::pair<uint64_t, uint64_t>> ranges;
    uint64_t origin = 0;
    uint64_t file = 0, unit_line_table = 0;
    uint32_t line = 0, depth = 0;
    bool has_line_table = false;
  };
  struct Named {
    std::string_view name, linkage;
    uint64_t origin = 0; // abstract_origin or specification: where the name may be
  };

  uint64_t addrx(uint64_t index) {
    uint64_t at = addr_base_ + index * address_size_;
    if (at + address_size_ > s_.addr.size()) return 0;
    Reader a(std::string_view(s_.addr).substr(at));
    return a.fixed(address_size_);
  }
  std::string_view strx(uint64_t index) {
    uint64_t at = str_offsets_base_ + index * offset_size_;
    if (at + offset_size_ > s_.str_offsets.size()) return {};
    Reader a(std::string_view(s_.str_offsets).substr(at));
    return dwarf::string_at(s_.str, a.fixed(offset_size_));
  }

  // One attribute value; false for a form not known (the unit is left).
  bool value(Reader& u, uint64_t form, int64_t implicit, uint64_t unit_offset, Value& v) {
    switch (form) {
    case kFormAddr:
      v.num = u.fixed(address_size_);
      v.is_address = true;
      return !u.bad;
    case kFormAddrx:
    case kFormAddrx1:
    case kFormAddrx2:
    case kFormAddrx3:
    case kFormAddrx4:
      v.num = addrx(form == kFormAddrx ? u.uleb()
                                       : u.fixed(static_cast<unsigned>(form - kFormAddrx1 + 1)));
      v.is_address = true;
      return !u.bad;
    case kFormString:
      v.text = u.cstr();
      return !u.bad;
    case kFormStrp:
      v.text = dwarf::string_at(s_.str, u.fixed(offset_size_));
      return !u.bad;
    case kFormLineStrp:
      v.text = dwarf::string_at(s_.line_str, u.fixed(offset_size_));
      return !u.bad;
    case kFormStrx:
    case kFormStrx1:
    case kFormStrx2:
    case kFormStrx3:
    case kFormStrx4:
      v.text = strx(form == kFormStrx ? u.uleb()
                                      : u.fixed(static_cast<unsigned>(form - kFormStrx1 + 1)));
      return !u.bad;
    case kFormRef1:
    case kFormRef2:
    case kFormRef4:
    case kFormRef8:
      v.num = unit_offset + u.fixed(form == kFormRef1   ? 1
                                    : form == kFormRef2 ? 2
                                    : form == kFormRef4 ? 4
                                                        : 8);
      return !u.bad;
    case kFormRefUdata:
      v.num = unit_offset + u.uleb();
      return !u.bad;
    case kFormRefAddr:
      v.num = u.fixed(version_ <= 2 ? address_size_ : offset_size_);
      return !u.bad;
    case 0x0b:
    case 0x0c:
      v.num = u.fixed(1);
      return !u.bad;
    case 0x05:
      v.num = u.fixed(2);
      return !u.bad;
    case 0x06:
      v.num = u.fixed(4);
      return !u.bad;
    case 0x07:
      v.num = u.fixed(8);
      return !u.bad;
    case 0x17:
      v.num = u.fixed(offset_size_);
      return !u.bad;
    case 0x0f:
    case kFormRnglistx:
      v.num = u.uleb();
      return !u.bad;
    case 0x0d:
      v.num = static_cast<uint64_t>(u.sleb());
      return !u.bad;
    case kFormImplicitConst:
      v.num = static_cast<uint64_t>(implicit);
      return true;
    case kFormIndirect:
      return value(u, u.uleb(), implicit, unit_offset, v);
    default:
      return dwarf::skip_form(u, form, offset_size_, address_size_, version_);
    }
  }

  // The address ranges of DW_AT_ranges value `v` (form `form`) of a DWARF 2-5 unit.
  void ranges(uint64_t form, uint64_t v, std::vector<std::pair<uint64_t, uint64_t>>& out) {
    if (version_ < 5) {
      uint64_t base = unit_base_;
      if (v >= s_.ranges.size()) return;
      Reader r(std::string_view(s_.ranges).substr(v));
      const uint64_t all = address_size_ == 8 ? ~uint64_t{0} : 0xffffffffu;
      while (!r.bad && r.left() > 0) {
        uint64_t a = r.fixed(address_size_), b = r.fixed(address_size_);
        if (r.bad || (a == 0 && b == 0)) break;
        if (a == all) {
          base = b;
          continue;
        }
        if (b > a) out.push_back({base + a, base + b});
      }
      return;
    }
    uint64_t at = v;
    if (form == kFormRnglistx) {
      uint64_t slot = rnglists_base_ + v * offset_size_;
      if (slot + offset_size_ > s_.rnglists.size()) return;
      Reader o(std::string_view(s_.rnglists).substr(slot));
      at = rnglists_base_ + o.fixed(offset_size_);
    }
    if (at >= s_.rnglists.size()) return;
    Reader r(std::string_view(s_.rnglists).substr(at));
    uint64_t base = unit_base_;
    for (int n = 0; !r.bad && r.left() > 0 && n < 100000; ++n) {
      uint8_t kind = r.u8();
      uint64_t a = 0, b = 0;
      switch (kind) {
      case 0: // end_of_list
        return;
      case 1: // base_addressx
        base = addrx(r.uleb());
        continue;
      case 2: // startx_endx
        a = addrx(r.uleb());
        b = addrx(r.uleb());
        break;
      case 3: // startx_length
        a = addrx(r.uleb());
        b = a + r.uleb();
        break;
      case 4: // offset_pair
        a = base + r.uleb();
        b = base + r.uleb();
        break;
      case 5: // base_address
        base = r.fixed(address_size_);
        continue;
      case 6: // start_end
        a = r.fixed(address_size_);
        b = r.fixed(address_size_);
        break;
      case 7: // start_length
        a = r.fixed(address_size_);
        b = a + r.uleb();
        break;
      default:
        return;
      }
      if (b > a) out.push_back({a, b});
    }
  }

  void unit(Reader& u, uint64_t unit_offset, const std::unordered_map<uint64_t, Abbrev>& table) {
    const auto* base = reinterpret_cast<const uint8_t*>(s_.info.data());
    str_offsets_base_ = addr_base_ = 8;
    rnglists_base_ = 12;
    unit_base_ = 0;
    uint64_t line_table = 0;
    bool has_line_table = false;
    std::vector<bool> inlined_levels; // per open DIE with children: is it an inlined call
    uint32_t inlined_depth = 0;
    bool first = true;
    while (!u.bad && u.left() > 0) {
      uint64_t die = static_cast<uint64_t>(u.p - base);
      uint64_t code = u.uleb();
      if (code == 0) {
        if (inlined_levels.empty()) return;
        if (inlined_levels.back()) --inlined_depth;
        inlined_levels.pop_back();
        if (inlined_levels.empty()) return;
        continue;
      }
      auto it = table.find(code);
      if (it == table.end()) return;
      const Abbrev& ab = it->second;
      Pending call;
      Named named;
      uint64_t low = 0, high = 0, ranges_value = 0, ranges_form = 0;
      bool has_low = false, has_high = false, high_is_address = false, has_ranges = false;
      // The unit DIE's bases come before the values that need them, except in the unit DIE
      // itself: its addrx low_pc is read again once addr_base is known.
      uint64_t low_addrx_index = 0;
      bool low_is_addrx = false;
      for (const AttrSpec& a : ab.attrs) {
        Value v;
        if (first && a.name == kAtLowPc &&
            (a.form == kFormAddrx || (a.form >= kFormAddrx1 && a.form <= kFormAddrx4))) {
          low_addrx_index = a.form == kFormAddrx
                                ? u.uleb()
                                : u.fixed(static_cast<unsigned>(a.form - kFormAddrx1 + 1));
          low_is_addrx = true;
          has_low = true;
          continue;
        }
        if (!value(u, a.form, a.implicit, unit_offset, v)) return;
        switch (a.name) {
        case kAtName:
          named.name = v.text;
          break;
        case kAtLinkageName:
        case kAtMipsLinkageName:
          named.linkage = v.text;
          break;
        case kAtAbstractOrigin:
        case kAtSpecification:
          named.origin = v.num;
          call.origin = v.num;
          break;
        case kAtLowPc:
          low = v.num;
          has_low = true;
          break;
        case kAtHighPc:
          high = v.num;
          has_high = true;
          high_is_address = v.is_address;
          break;
        case kAtRanges:
          ranges_value = v.num;
          ranges_form = a.form;
          has_ranges = true;
          break;
        case kAtCallFile:
          call.file = v.num;
          break;
        case kAtCallLine:
          call.line = static_cast<uint32_t>(v.num);
          break;
        case kAtStmtList:
          if (first) {
            line_table = v.num;
            has_line_table = true;
          }
          break;
        case kAtStrOffsetsBase:
          if (first) str_offsets_base_ = v.num;
          break;
        case kAtAddrBase:
          if (first) addr_base_ = v.num;
          break;
        case kAtRnglistsBase:
          if (first) rnglists_base_ = v.num;
          break;
        default:
          break;
        }
      }
      if (u.bad) return;
      if (first) {
        if (low_is_addrx) low = addrx(low_addrx_index);
        unit_base_ = has_low ? low : 0;
        first = false;
      }
      // Inlined calls name their function through DW_AT_abstract_origin: a subprogram (its
      // abstract instance, or a declaration through DW_AT_specification).
      if (ab.tag == kTagSubprogram &&
          (!named.name.empty() || !named.linkage.empty() || named.origin))
        names_[die] = named;
      if (ab.tag == kTagInlinedSubroutine) {
        if (has_low && has_high) call.ranges.push_back({low, high_is_address ? high : low + high});
        if (has_ranges) ranges(ranges_form, ranges_value, call.ranges);
        call.depth = inlined_depth;
        call.unit_line_table = line_table;
        call.has_line_table = has_line_table;
        if (!call.ranges.empty()) pending_.push_back(std::move(call));
      }
      if (ab.children) {
        bool inl = ab.tag == kTagInlinedSubroutine;
        inlined_levels.push_back(inl);
        if (inl) ++inlined_depth;
      } else if (inlined_levels.empty()) {
        return; // a unit DIE without children
      }
    }
  }

  // The name of the function at DIE `die`, through its abstract origin or specification.
  std::string_view name_of(uint64_t die) {
    for (int hops = 0; hops < 8; ++hops) {
      auto it = names_.find(die);
      if (it == names_.end()) return {};
      if (!it->second.linkage.empty()) return it->second.linkage;
      if (!it->second.name.empty()) return it->second.name;
      if (!it->second.origin || it->second.origin == die) return {};
      die = it->second.origin;
    }
    return {};
  }

  uint32_t intern(std::string_view text) {
    auto [it, added] =
        interned_.emplace(std::string(text), static_cast<uint32_t>(t_.strings_.size()));
    if (added) t_.strings_.emplace_back(text);
    return it->second;
  }

  void finish() {
    for (Pending& p : pending_) {
      std::string_view name = name_of(p.origin);
      if (name.empty()) continue;
      std::string file;
      if (p.has_line_table) lines_.unit_file(p.unit_line_table, p.file, file);
      InlineTable::Call call{intern(name), intern(file), p.line, p.depth};
      uint32_t index = static_cast<uint32_t>(t_.calls_.size());
      t_.calls_.push_back(std::move(call));
      // A range of more than 256 MiB of code is damage: it would make every lookup after it
      // walk back to it.
      for (auto [lo, hi] : p.ranges)
        if (hi - lo <= (uint64_t{1} << 28)) t_.ranges_.push_back({lo, hi, index});
    }
    std::sort(t_.ranges_.begin(), t_.ranges_.end(),
              [](const InlineTable::Range& a, const InlineTable::Range& b) { return a.lo < b.lo; });
    t_.reach_.resize(t_.ranges_.size());
    uint64_t reach = 0;
    for (size_t i = 0; i < t_.ranges_.size(); ++i)
      t_.reach_[i] = reach = std::max(reach, t_.ranges_[i].hi);
  }

  const dwarf::Sections& s_;
  const LineTable& lines_;
  InlineTable& t_;
  unsigned offset_size_ = 4, address_size_ = 8;
  uint16_t version_ = 4;
  uint64_t str_offsets_base_ = 8, addr_base_ = 8, rnglists_base_ = 12, unit_base_ = 0;
  std::unordered_map<uint64_t, Named> names_;
  std::vector<Pending> pending_;
  std::unordered_map<std::string, uint32_t> interned_;
};

InlineTable InlineTable::build(const dwarf::Sections& sections, const LineTable& lines) {
  InlineTable t;
  if (sections.info.empty() || sections.abbrev.empty()) return t;
  InlineReader(sections, lines, t).run();
  return t;
}

std::vector<InlinedCall> InlineTable::find(uint64_t vaddr) const {
  std::vector<const Call*> found;
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), vaddr,
                             [](uint64_t a, const Range& r) { return a < r.lo; });
  for (size_t i = static_cast<size_t>(it - ranges_.begin()); i-- > 0 && reach_[i] > vaddr;) {
    const Range& r = ranges_[i];
    if (vaddr < r.hi) found.push_back(&calls_[r.call]);
  }
  std::sort(found.begin(), found.end(),
            [](const Call* a, const Call* b) { return a->depth < b->depth; });
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::vector<InlinedCall> out;
  for (const Call* c : found)
    out.push_back({strings_[c->name], strings_[c->call_file], c->call_line});
  return out;
}

SourceInfo SourceInfo::load(const std::string& path) {
  SourceInfo info;
  dwarf::Sections s;
  if (!dwarf::read_sections(path, s)) return info;
  info.lines = LineTable::build(s);
  if (!info.lines.empty()) info.inlines = InlineTable::build(s, info.lines);
  return info;
}

} // namespace btc::rt
