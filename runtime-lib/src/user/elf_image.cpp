#include "user/elf_image.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <gelf.h>
#include <set>
#include <unistd.h>
#include <zlib.h>

namespace btc::rt {
namespace {

constexpr uint32_t kNtStapsdt = 3;
constexpr uint32_t kNtGnuBuildId = 3;
constexpr const char* kDebugRoot = "/usr/lib/debug";

// Closes the descriptor and the libelf handle on every path out of open().
struct ElfHandle {
  int fd = -1;
  Elf* elf = nullptr;
  ~ElfHandle() {
    if (elf) elf_end(elf);
    if (fd >= 0) close(fd);
  }
};

std::string hex(const uint8_t* p, size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    s += digits[p[i] >> 4];
    s += digits[p[i] & 15];
  }
  return s;
}

// Each note of a SHT_NOTE section: fn(type, owner, desc, desc_size).
template <typename Fn> void each_note(Elf_Scn* scn, Fn fn) {
  Elf_Data* data = elf_getdata(scn, nullptr);
  if (!data) return;
  GElf_Nhdr nhdr;
  size_t offset = 0, name_at, desc_at;
  while ((offset = gelf_getnote(data, offset, &nhdr, &name_at, &desc_at)) > 0) {
    const char* base = static_cast<const char*>(data->d_buf);
    std::string_view owner(base + name_at, nhdr.n_namesz ? nhdr.n_namesz - 1 : 0);
    fn(nhdr.n_type, owner, reinterpret_cast<const uint8_t*>(base + desc_at), nhdr.n_descsz);
  }
}

// The .gnu.version table (one entry per .dynsym symbol), or nullptr.
Elf_Data* symbol_versions(Elf* elf) {
  for (Elf_Scn* scn = nullptr; (scn = elf_nextscn(elf, scn));) {
    GElf_Shdr sh;
    if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_GNU_versym) return elf_getdata(scn, nullptr);
  }
  return nullptr;
}

uint32_t file_crc32(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  uLong crc = crc32(0, nullptr, 0);
  unsigned char buf[1 << 16];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) crc = crc32(crc, buf, static_cast<uInt>(n));
  close(fd);
  return static_cast<uint32_t>(crc);
}

bool readable(const std::string& path) {
  return access(path.c_str(), R_OK) == 0;
}

} // namespace

std::string separate_debug_file(const ElfImage& image, const std::string& name) {
  const std::string& id = image.build_id();
  if (id.size() > 2) {
    std::string path =
        std::string(kDebugRoot) + "/.build-id/" + id.substr(0, 2) + "/" + id.substr(2) + ".debug";
    if (readable(path)) return path;
  }
  if (image.debuglink().empty()) return "";
  std::string dir = name.substr(0, name.rfind('/') + 1);
  for (const std::string& path : {dir + image.debuglink(), dir + ".debug/" + image.debuglink(),
                                  std::string(kDebugRoot) + dir + image.debuglink()}) {
    if (readable(path) && file_crc32(path) == image.debuglink_crc()) return path;
  }
  return "";
}

std::unique_ptr<ElfImage> ElfImage::open(const std::string& path, std::string& error,
                                         DebugFile debug) {
  std::unique_ptr<ElfImage> image = load(path, error, nullptr);
  if (!image || image->has_symtab_ || debug == DebugFile::Ignore) return image;
  std::string file = separate_debug_file(*image, path);
  if (file.empty()) return image;
  std::string ignored;
  std::unique_ptr<ElfImage> d = load(file, ignored, image.get());
  if (!d || !d->has_symtab_) return image;
  // The exported names keep their .dynsym entries (and versions); the debug file adds the rest.
  std::set<std::string> seen;
  for (const ElfFunction& f : image->functions_) seen.insert(f.name);
  for (ElfFunction& f : d->functions_)
    if (seen.insert(f.name).second) image->functions_.push_back(std::move(f));
  std::sort(image->functions_.begin(), image->functions_.end(),
            [](const ElfFunction& a, const ElfFunction& b) {
              return a.vaddr != b.vaddr ? a.vaddr < b.vaddr : a.name < b.name;
            });
  image->has_symtab_ = true;
  image->debug_file_ = file;
  return image;
}

std::unique_ptr<ElfImage> ElfImage::open_notes(const std::string& path, std::string& error) {
  return load(path, error, nullptr, false);
}

std::unique_ptr<ElfImage> ElfImage::load(const std::string& path, std::string& error,
                                         const ElfImage* layout, bool symbols) {
  ElfHandle h;
  h.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (h.fd < 0) {
    error = "cannot read " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  elf_version(EV_CURRENT);
  h.elf = elf_begin(h.fd, ELF_C_READ_MMAP, nullptr);
  GElf_Ehdr ehdr;
  if (!h.elf || elf_kind(h.elf) != ELF_K_ELF || !gelf_getehdr(h.elf, &ehdr)) {
    error = path + " is not an ELF file";
    return nullptr;
  }
  if (ehdr.e_machine != EM_X86_64 || gelf_getclass(h.elf) != ELFCLASS64) {
    error = path + " is not an x86-64 ELF file";
    return nullptr;
  }

  auto image = std::unique_ptr<ElfImage>(new ElfImage);
  image->path_ = path;
  image->fixed_address_ = ehdr.e_type == ET_EXEC;
  size_t nphdr = 0;
  elf_getphdrnum(h.elf, &nphdr);
  for (size_t i = 0; i < nphdr; ++i) {
    GElf_Phdr ph;
    if (!gelf_getphdr(h.elf, static_cast<int>(i), &ph)) continue;
    if (ph.p_type == PT_LOAD) image->loads_.push_back({ph.p_vaddr, ph.p_offset, ph.p_filesz});
    if (ph.p_type == PT_INTERP && ph.p_filesz > 1 && ph.p_filesz <= 4096) {
      std::string interp(ph.p_filesz, '\0');
      if (pread(h.fd, interp.data(), interp.size(), static_cast<off_t>(ph.p_offset)) ==
          static_cast<ssize_t>(interp.size()))
        image->interpreter_ = interp.c_str();
    }
  }
  if (layout) image->loads_ = layout->loads_;

  size_t shstrndx = 0;
  elf_getshdrstrndx(h.elf, &shstrndx);
  std::optional<uint64_t> stapsdt_base;
  std::vector<Elf_Scn*> stapsdt_notes;
  std::set<std::string> seen;
  for (Elf_Scn* scn = nullptr; (scn = elf_nextscn(h.elf, scn));) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh)) continue;
    const char* name = elf_strptr(h.elf, shstrndx, sh.sh_name);
    std::string_view sname = name ? name : "";
    if (sname == ".stapsdt.base") stapsdt_base = sh.sh_addr;
    if (sh.sh_type == SHT_NOTE && sname == ".note.stapsdt") stapsdt_notes.push_back(scn);
    if (sh.sh_type == SHT_NOTE && sname == ".note.gnu.build-id") {
      each_note(scn, [&](uint32_t type, std::string_view owner, const uint8_t* desc, size_t n) {
        if (type == kNtGnuBuildId && owner == "GNU") image->build_id_ = hex(desc, n);
      });
    }
    if (sname == ".gnu_debuglink") {
      // The file name, NUL-padded to 4 bytes, then the CRC-32 of the debug file.
      Elf_Data* data = elf_getdata(scn, nullptr);
      if (data && data->d_size >= 8) {
        const char* base = static_cast<const char*>(data->d_buf);
        size_t len = strnlen(base, data->d_size);
        size_t crc_at = (len + 4) / 4 * 4;
        if (crc_at + 4 <= data->d_size) {
          image->debuglink_.assign(base, len);
          std::memcpy(&image->debuglink_crc_, base + crc_at, 4);
        }
      }
    }
    if (sh.sh_type == SHT_DYNAMIC && sh.sh_entsize != 0) {
      Elf_Data* data = elf_getdata(scn, nullptr);
      for (size_t i = 0; data && i < sh.sh_size / sh.sh_entsize; ++i) {
        GElf_Dyn dyn;
        if (!gelf_getdyn(data, static_cast<int>(i), &dyn)) continue;
        if (dyn.d_tag != DT_NEEDED && dyn.d_tag != DT_RPATH && dyn.d_tag != DT_RUNPATH) continue;
        const char* text = elf_strptr(h.elf, sh.sh_link, dyn.d_un.d_val);
        if (!text || !*text) continue;
        if (dyn.d_tag == DT_NEEDED)
          image->needed_.emplace_back(text);
        else
          (dyn.d_tag == DT_RPATH ? image->rpath_ : image->runpath_) = text;
      }
    }
    if (!symbols || (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM)) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (!data || sh.sh_entsize == 0) continue;
    if (sh.sh_type == SHT_SYMTAB) image->has_symtab_ = true;
    Elf_Data* versions = sh.sh_type == SHT_DYNSYM ? symbol_versions(h.elf) : nullptr;
    size_t count = sh.sh_size / sh.sh_entsize;
    for (size_t i = 0; i < count; ++i) {
      GElf_Sym sym;
      if (!gelf_getsym(data, static_cast<int>(i), &sym)) continue;
      if (sym.st_value != 0) {
        const char* any_name = elf_strptr(h.elf, sh.sh_link, sym.st_name);
        if (any_name && *any_name) image->symbols_.push_back({any_name, sym.st_value, sym.st_size});
      }
      // memcpy@GLIBC_2.2.5 (hidden: only old programs bind to it) beside memcpy@@GLIBC_2.14:
      // a name means its default version.
      GElf_Versym version;
      if (versions && gelf_getversym(versions, static_cast<int>(i), &version) && (version & 0x8000))
        continue;
      int type = GELF_ST_TYPE(sym.st_info);
      if ((type != STT_FUNC && type != STT_GNU_IFUNC) || sym.st_shndx == SHN_UNDEF ||
          sym.st_value == 0)
        continue;
      const char* sym_name = elf_strptr(h.elf, sh.sh_link, sym.st_name);
      if (!sym_name || !*sym_name || !seen.insert(sym_name).second) continue;
      auto offset = image->file_offset(sym.st_value);
      if (!offset) continue;
      image->functions_.push_back(
          {sym_name, sym.st_value, sym.st_size, *offset, type == STT_GNU_IFUNC});
    }
  }
  std::sort(image->functions_.begin(), image->functions_.end(),
            [](const ElfFunction& a, const ElfFunction& b) {
              return a.vaddr != b.vaddr ? a.vaddr < b.vaddr : a.name < b.name;
            });

  // A note's pc and semaphore are link-time addresses; when the file was prelinked after
  // linking, .stapsdt.base moved and the note's copy of its address tells by how much.
  for (Elf_Scn* scn : stapsdt_notes) {
    each_note(scn, [&](uint32_t type, std::string_view owner, const uint8_t* desc, size_t n) {
      if (type != kNtStapsdt || owner != "stapsdt" || n < 3 * 8) return;
      uint64_t addrs[3];
      std::memcpy(addrs, desc, sizeof addrs);
      std::string_view strings(reinterpret_cast<const char*>(desc) + 24, n - 24);
      auto next = [&]() {
        size_t end = strings.find('\0');
        std::string s(strings.substr(0, end));
        strings.remove_prefix(end == std::string_view::npos ? strings.size() : end + 1);
        return s;
      };
      UsdtNote note;
      note.provider = next();
      note.name = next();
      note.args = next();
      uint64_t shift = stapsdt_base ? *stapsdt_base - addrs[1] : 0;
      note.pc = addrs[0] + shift;
      note.semaphore = addrs[2] ? addrs[2] + shift : 0;
      auto pc_offset = image->file_offset(note.pc);
      if (!pc_offset) return;
      note.pc_file_offset = *pc_offset;
      if (note.semaphore)
        note.semaphore_file_offset = image->file_offset(note.semaphore).value_or(0);
      image->usdt_.push_back(std::move(note));
    });
  }
  return image;
}

std::optional<uint64_t> ElfImage::file_offset(uint64_t vaddr) const {
  for (const Segment& s : loads_)
    if (vaddr >= s.vaddr && vaddr < s.vaddr + s.filesz) return vaddr - s.vaddr + s.offset;
  return std::nullopt;
}

std::optional<uint64_t> ElfImage::vaddr_of(uint64_t offset) const {
  for (const Segment& s : loads_)
    if (offset >= s.offset && offset < s.offset + s.filesz) return offset - s.offset + s.vaddr;
  return std::nullopt;
}

uint64_t ElfImage::vaddr_end() const {
  uint64_t end = 0;
  for (const Segment& s : loads_) end = std::max(end, s.vaddr + s.filesz);
  return end;
}

bool ElfImage::read(uint64_t offset, size_t size, std::vector<uint8_t>& out) const {
  int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  out.resize(size);
  ssize_t n = pread(fd, out.data(), size, static_cast<off_t>(offset));
  close(fd);
  return n == static_cast<ssize_t>(size);
}

} // namespace btc::rt
