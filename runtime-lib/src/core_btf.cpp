#include "core_btf.h"

#include "kernel_btf.h"
#include "pieces.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <elf.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <string_view>
#include <sys/mman.h>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>

namespace btc::rt {

namespace {

// Sections of programs libbpf needs the kernel's BTF for (their BTF attach target, or
// struct_ops types): libbpf's section names of tracing, LSM, extension and struct_ops programs.
bool needs_kernel_btf_itself(std::string_view section) {
  static constexpr std::string_view kPrefixes[] = {
      "tp_btf",   "fentry",     "fentry.s",   "fexit",        "fexit.s",
      "fmod_ret", "fmod_ret.s", "lsm",        "lsm.s",        "iter",
      "iter.s",   "lsm_cgroup", "struct_ops", "struct_ops.s", "freplace"};
  for (std::string_view p : kPrefixes)
    if (section == p ||
        (section.size() > p.size() && section.substr(0, p.size()) == p && section[p.size()] == '/'))
      return true;
  return false;
}

uint16_t core_kind(uint16_t kind) {
  return kind == BTF_KIND_ENUM64 ? uint16_t{BTF_KIND_ENUM} : kind;
}

template <typename T> bool read_at(const uint8_t* base, size_t size, size_t at, T& out) {
  if (at > size || size - at < sizeof(T)) return false;
  std::memcpy(&out, base + at, sizeof(T));
  return true;
}

// The .BTF.ext header up to the CO-RE relocation section (libbpf's struct btf_ext_header).
struct BtfExtHeader {
  uint16_t magic;
  uint8_t version;
  uint8_t flags;
  uint32_t hdr_len;
  uint32_t func_info_off, func_info_len;
  uint32_t line_info_off, line_info_len;
  uint32_t core_relo_off, core_relo_len;
};
constexpr size_t kCoreReloHeaderLen = sizeof(BtfExtHeader);

struct CoreRelo {
  uint32_t insn_off, type_id, access_str_off, kind;
};

bool read_core_relos(const BtfView& local, const uint8_t* ext, size_t size, CoreNeeds& out,
                     std::string& error) {
  BtfExtHeader h{};
  if (!read_at(ext, size, 0, h.magic) || h.magic != BTF_MAGIC ||
      !read_at(ext, size, 4, h.hdr_len)) {
    error = ".BTF.ext: bad header";
    return false;
  }
  // Older layouts end before the CO-RE fields: such an object has no relocations.
  if (h.hdr_len < kCoreReloHeaderLen) return true;
  if (!read_at(ext, size, 0, h) || h.hdr_len > size) {
    error = ".BTF.ext: bad header";
    return false;
  }
  const uint8_t* data = ext + h.hdr_len;
  size_t data_size = size - h.hdr_len;
  if (h.core_relo_len == 0) return true;
  if (uint64_t{h.core_relo_off} + h.core_relo_len > data_size) {
    error = ".BTF.ext: CO-RE relocations out of bounds";
    return false;
  }
  const uint8_t* relos = data + h.core_relo_off;
  size_t len = h.core_relo_len;
  uint32_t record_size = 0;
  if (!read_at(relos, len, 0, record_size) || record_size < sizeof(CoreRelo)) {
    error = ".BTF.ext: bad CO-RE relocation record size";
    return false;
  }
  size_t at = sizeof record_size;
  while (at < len) {
    uint32_t section_name = 0, count = 0;
    if (!read_at(relos, len, at, section_name) || !read_at(relos, len, at + 4, count) ||
        uint64_t{count} * record_size > len - at - 8) {
      error = ".BTF.ext: truncated CO-RE relocations";
      return false;
    }
    at += 8;
    for (uint32_t i = 0; i < count; ++i, at += record_size) {
      CoreRelo r{};
      read_at(relos, len, at, r);
      if (r.kind == BPF_CORE_TYPE_ID_LOCAL) continue;
      if (r.kind == BPF_CORE_TYPE_ID_TARGET || r.kind == BPF_CORE_TYPE_MATCHES) {
        out.whole_btf = true;
        continue;
      }
      const btf_type* t = local.type(r.type_id);
      if (!t) {
        error = ".BTF.ext: a CO-RE relocation names type " + std::to_string(r.type_id) +
                ", which .BTF lacks";
        return false;
      }
      std::string_view name = local.name_of(t);
      CoreRoot root{core_kind(btf_kind(t)),
                    std::string(name.substr(0, essential_name_length(name)))};
      // libbpf refuses a relocation against an anonymous type; let it say so.
      if (root.name.empty())
        out.whole_btf = true;
      else if (std::find(out.roots.begin(), out.roots.end(), root) == out.roots.end())
        out.roots.push_back(std::move(root));
    }
  }
  return true;
}

} // namespace

bool read_core_needs(const void* elf, size_t size, CoreNeeds& out, std::string& error) {
  out = CoreNeeds{};
  const auto* bytes = static_cast<const uint8_t*>(elf);
  Elf64_Ehdr eh;
  if (!read_at(bytes, size, 0, eh) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
      eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_shentsize != sizeof(Elf64_Shdr)) {
    error = "not a 64-bit ELF object";
    return false;
  }
  Elf64_Shdr names;
  if (!read_at(bytes, size, eh.e_shoff + eh.e_shstrndx * sizeof(Elf64_Shdr), names) ||
      names.sh_offset > size || names.sh_size > size - names.sh_offset) {
    error = "bad ELF section headers";
    return false;
  }
  std::string_view section_names(reinterpret_cast<const char*>(bytes + names.sh_offset),
                                 names.sh_size);
  const uint8_t* btf = nullptr;
  const uint8_t* ext = nullptr;
  size_t btf_size = 0, ext_size = 0;
  for (uint16_t i = 0; i < eh.e_shnum; ++i) {
    Elf64_Shdr s;
    if (!read_at(bytes, size, eh.e_shoff + i * sizeof(Elf64_Shdr), s) ||
        s.sh_name >= section_names.size()) {
      error = "bad ELF section headers";
      return false;
    }
    std::string_view name = section_names.substr(s.sh_name);
    name = name.substr(0, name.find('\0'));
    if ((s.sh_flags & SHF_EXECINSTR) && needs_kernel_btf_itself(name)) out.libbpf_reads_btf = true;
    if (name != ".BTF" && name != ".BTF.ext") continue;
    if (s.sh_offset > size || s.sh_size > size - s.sh_offset) {
      error = "bad ELF section " + std::string(name);
      return false;
    }
    (name == ".BTF" ? btf : ext) = bytes + s.sh_offset;
    (name == ".BTF" ? btf_size : ext_size) = s.sh_size;
  }
  if (!btf) return true;
  // A copy, for the alignment BtfView needs.
  std::vector<uint32_t> aligned((btf_size + 3) / 4);
  std::memcpy(aligned.data(), btf, btf_size);
  BtfView local;
  if (!local.init(aligned.data(), btf_size, error)) {
    error = ".BTF: " + error;
    return false;
  }
  // Kernel symbols declared with a type (or kfunc calls) make libbpf read the kernel's BTF.
  for (uint32_t id = 1; id < local.count(); ++id) {
    const btf_type* t = local.type(id);
    if (btf_is_datasec(t) && std::string_view(local.name_of(t)) == ".ksyms")
      out.libbpf_reads_btf = true;
  }
  return !ext || read_core_relos(local, ext, ext_size, out, error);
}

namespace {

enum Need : uint8_t { kNone, kShape, kWhole };

// Which kernel types the minimal BTF holds, and how much of each.
class Closure {
public:
  explicit Closure(const BtfView& k) : k_(k), need_(k.count(), kNone) {}

  // False when a reference leads outside the BTF.
  bool add(uint32_t root) {
    raise(root, kWhole);
    while (!work_.empty()) {
      uint32_t id = work_.back();
      work_.pop_back();
      if (!expand(id)) return false;
    }
    return !bad_;
  }
  Need need(uint32_t id) const { return static_cast<Need>(need_[id]); }
  // The ids of every type kept, ascending.
  const std::vector<uint32_t>& ids() {
    std::sort(ids_.begin(), ids_.end());
    return ids_;
  }

private:
  void raise(uint32_t id, Need level) {
    if (id == 0) return;
    if (id >= need_.size()) {
      bad_ = true;
      return;
    }
    if (need_[id] >= level) return;
    if (need_[id] == kNone) ids_.push_back(id);
    need_[id] = level;
    work_.push_back(id);
  }

  // What `id` refers to, at the level its own level asks: a whole record's members are whole
  // (they are inside the object), anything behind a pointer only has to keep its shape.
  bool expand(uint32_t id) {
    const btf_type* t = k_.type(id);
    Need level = need(id);
    switch (btf_kind(t)) {
    case BTF_KIND_STRUCT:
    case BTF_KIND_UNION:
      if (level == kWhole)
        for (uint16_t i = 0; i < btf_vlen(t); ++i) raise(btf_members(t)[i].type, kWhole);
      return true;
    case BTF_KIND_ARRAY:
      raise(btf_array(t)->type, level);
      raise(btf_array(t)->index_type, level);
      return true;
    case BTF_KIND_TYPEDEF:
    case BTF_KIND_VOLATILE:
    case BTF_KIND_CONST:
    case BTF_KIND_RESTRICT:
    case BTF_KIND_TYPE_TAG:
      raise(t->type, level);
      return true;
    case BTF_KIND_PTR:
      raise(t->type, kShape);
      return true;
    case BTF_KIND_FUNC_PROTO:
      raise(t->type, kShape);
      for (uint16_t i = 0; i < btf_vlen(t); ++i) raise(btf_params(t)[i].type, kShape);
      return true;
    case BTF_KIND_INT:
    case BTF_KIND_FLOAT:
    case BTF_KIND_ENUM:
    case BTF_KIND_ENUM64:
    case BTF_KIND_FWD:
      return true;
    default:
      // FUNC, VAR, DATASEC and DECL_TAG are never the type of anything.
      return false;
    }
  }

  const BtfView& k_;
  std::vector<uint8_t> need_;
  std::vector<uint32_t> work_;
  std::vector<uint32_t> ids_;
  bool bad_ = false;
};

class Writer {
public:
  uint32_t string(std::string_view s) {
    if (s.empty()) return 0;
    auto [it, added] = offsets_.try_emplace(s, static_cast<uint32_t>(strings_.size()));
    if (added) {
      strings_.append(s);
      strings_.push_back('\0');
    }
    return it->second;
  }
  template <typename T> void put(const T& v) {
    types_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  std::string finish() const {
    btf_header h{};
    h.magic = BTF_MAGIC;
    h.version = BTF_VERSION;
    h.hdr_len = sizeof h;
    h.type_off = 0;
    h.type_len = static_cast<uint32_t>(types_.size());
    h.str_off = h.type_len;
    h.str_len = static_cast<uint32_t>(strings_.size());
    std::string out(reinterpret_cast<const char*>(&h), sizeof h);
    return out + types_ + strings_;
  }

private:
  std::string types_;
  std::string strings_{std::string(1, '\0')};
  // Keys view names in the kernel's string section, which outlives the writer.
  std::unordered_map<std::string_view, uint32_t> offsets_;
};

} // namespace

std::string minimal_core_btf(const BtfView& kernel, const std::vector<CoreRoot>& roots,
                             std::vector<CoreRoot>& missing) {
  missing.clear();
  // libbpf's candidates: every type of the root's kind whose name, flavor aside, is the root's.
  // Most of the kernel's types are functions and prototypes: the kind is checked first, then the
  // name against the few roots of that kind, and the flavor rule last.
  uint32_t kinds = 0;
  for (const CoreRoot& r : roots) kinds |= 1u << r.kind;
  std::vector<bool> found(roots.size(), false);
  Closure closure(kernel);
  for (uint32_t id = 1; id < kernel.count(); ++id) {
    const btf_type* t = kernel.type(id);
    uint16_t kind = core_kind(btf_kind(t));
    if (!(kinds & (1u << kind)) || t->name_off == 0) continue;
    const char* name = kernel.name_of(t);
    bool candidate = false;
    for (size_t i = 0; i < roots.size(); ++i) {
      const CoreRoot& r = roots[i];
      if (r.kind != kind || std::strncmp(name, r.name.c_str(), r.name.size()) != 0 ||
          (name[r.name.size()] != '\0' && essential_name_length(name) != r.name.size()))
        continue;
      found[i] = candidate = true;
    }
    if (candidate && !closure.add(id)) return "";
  }
  for (size_t i = 0; i < roots.size(); ++i)
    if (!found[i]) missing.push_back(roots[i]);

  // New ids in the kernel's order.
  const std::vector<uint32_t>& ids = closure.ids();
  auto new_id = [&ids](uint32_t old) {
    auto it = std::lower_bound(ids.begin(), ids.end(), old);
    return old == 0 || it == ids.end() || *it != old ? 0u
                                                     : static_cast<uint32_t>(it - ids.begin()) + 1;
  };
  Writer w;
  for (uint32_t id : ids) {
    const btf_type* t = kernel.type(id);
    btf_type out = *t;
    out.name_off = w.string(kernel.name_of(t));
    uint16_t kind = btf_kind(t);
    bool members = kind == BTF_KIND_STRUCT || kind == BTF_KIND_UNION;
    if (members && closure.need(id) == kShape) {
      out.info = uint32_t{kind} << 24; // no members, no kind flag
      w.put(out);
      continue;
    }
    // Every kind in the closure but the sized ones (int, struct, union, enum, float, whose
    // size_or_type is a size) refers to a type through it.
    bool sized = kind == BTF_KIND_INT || members || kind == BTF_KIND_ENUM ||
                 kind == BTF_KIND_ENUM64 || kind == BTF_KIND_FLOAT || kind == BTF_KIND_FWD;
    if (!sized) out.type = new_id(t->type);
    w.put(out);
    switch (kind) {
    case BTF_KIND_INT:
      w.put(*reinterpret_cast<const uint32_t*>(t + 1));
      break;
    case BTF_KIND_ARRAY: {
      struct btf_array a = *btf_array(t);
      a.type = new_id(a.type);
      a.index_type = new_id(a.index_type);
      w.put(a);
      break;
    }
    case BTF_KIND_STRUCT:
    case BTF_KIND_UNION:
      for (uint16_t i = 0; i < btf_vlen(t); ++i) {
        struct btf_member m = btf_members(t)[i];
        m.name_off = w.string(kernel.name(m.name_off));
        m.type = new_id(m.type);
        w.put(m);
      }
      break;
    case BTF_KIND_ENUM:
      for (uint16_t i = 0; i < btf_vlen(t); ++i) {
        struct btf_enum e = btf_enum(t)[i];
        e.name_off = w.string(kernel.name(e.name_off));
        w.put(e);
      }
      break;
    case BTF_KIND_ENUM64:
      for (uint16_t i = 0; i < btf_vlen(t); ++i) {
        struct btf_enum64 e = btf_enum64(t)[i];
        e.name_off = w.string(kernel.name(e.name_off));
        w.put(e);
      }
      break;
    case BTF_KIND_FUNC_PROTO:
      for (uint16_t i = 0; i < btf_vlen(t); ++i) {
        struct btf_param p = btf_params(t)[i];
        p.name_off = w.string(kernel.name(p.name_off));
        p.type = new_id(p.type);
        w.put(p);
      }
      break;
    default:
      break;
    }
  }
  return w.finish();
}

namespace {

// The CoreBtf piece: where libbpf finds the BTF to resolve CO-RE against: empty for the kernel's
// own (libbpf reads and parses all of it), else a minimal BTF of the types the relocations name, in
// a memfd. The kernel's own is kept where libbpf reads it anyway (BTF-typed programs), where a
// relocation needs all of it, and where a type is missing from vmlinux but modules have BTF (libbpf
// then looks for it there). Fails only when the kernel's BTF cannot be read.
bool minimal_btf_file(const void* elf, size_t size, bool verbose, std::string& path, int& fd_out,
                      std::string& error) {
  CoreNeeds needs;
  std::string why;
  if (!read_core_needs(elf, size, needs, why) || needs.roots.empty() || needs.whole_btf ||
      needs.libbpf_reads_btf)
    return kernel_btf_readable(error);
  const BtfView* kernel = kernel_btf(error);
  if (!kernel) return false;
  std::vector<CoreRoot> missing;
  std::string btf = minimal_core_btf(*kernel, needs.roots, missing);
  if (btf.empty() || (!missing.empty() && has_module_btf())) return true;
  int fd = memfd_create("btc-core-btf", MFD_CLOEXEC);
  if (fd < 0) return true;
  size_t done = 0;
  while (done < btf.size()) {
    ssize_t n = write(fd, btf.data() + done, btf.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      close(fd);
      return true;
    }
    done += static_cast<size_t>(n);
  }
  path = "/proc/self/fd/" + std::to_string(fd);
  // libbpf opens it by name: without /proc it gets the kernel's own.
  if (access(path.c_str(), R_OK) != 0) {
    close(fd);
    path.clear();
    return true;
  }
  fd_out = fd;
  if (verbose) {
    std::string names;
    for (const CoreRoot& r : needs.roots) names += (names.empty() ? "" : ", ") + r.name;
    std::fprintf(stderr, "btc: CO-RE against a minimal BTF (%zu bytes) of the kernel's %s\n",
                 btf.size(), names.c_str());
  }
  return true;
}

} // namespace

void install_core_btf() {
  static const PieceApi<Piece::CoreBtf> api = {.minimal_btf = minimal_btf_file};
  install_piece(api);
}

} // namespace btc::rt
