#include "kernel/btf.h"

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <linux/btf.h>
#include <sys/stat.h>
#include <unistd.h>

namespace btc {

KernelBtf::~KernelBtf() {
  for (auto& [name, b] : modules_) btf__free(b);
  btf__free(btf_);
}

KernelBtf& KernelBtf::get() {
  static KernelBtf instance("/sys/kernel/btf/vmlinux");
  return instance;
}

const struct btf* KernelBtf::data() {
  if (!tried_) {
    tried_ = true;
    libbpf_set_print(nullptr);
    // btf__parse reads raw BTF (what /sys/kernel/btf/vmlinux holds) and ELF files alike.
    struct btf* b = btf__parse(path_.c_str(), nullptr);
    int err = static_cast<int>(libbpf_get_error(b));
    if (err) {
      // libbpf's own codes (LIBBPF_ERRNO__FORMAT, 4001, ...) have no strerror text.
      error_ = "cannot read kernel BTF from " + path_ + ": " +
               (-err >= 4000 ? std::string("it is neither raw BTF nor an ELF file with BTF")
                             : std::strerror(-err));
    } else {
      btf_ = b;
    }
  }
  return btf_;
}

const std::string& KernelBtf::load_error() {
  data();
  return error_;
}

namespace {
constexpr const char* kHostVmlinuxBtf = "/sys/kernel/btf/vmlinux";
} // namespace

bool KernelBtf::reads_host_btf() const {
  struct stat given, host;
  return path_ == kHostVmlinuxBtf ||
         (stat(path_.c_str(), &given) == 0 && stat(kHostVmlinuxBtf, &host) == 0 &&
          given.st_dev == host.st_dev && given.st_ino == host.st_ino);
}

const struct btf* KernelBtf::module(const std::string& name) {
  auto it = modules_.find(name);
  if (it != modules_.end()) return it->second;
  struct btf* b = nullptr;
  const struct btf* base = data();
  auto file = module_files_.find(name);
  if (!base) {
    module_errors_[name] = load_error();
  } else if (file != module_files_.end()) {
    // btf__parse_split reads a .ko's .BTF section and raw split BTF alike.
    b = btf__parse_split(file->second.c_str(), const_cast<struct btf*>(base));
    if (int err = static_cast<int>(libbpf_get_error(b))) {
      b = nullptr;
      // ENOENT: an ELF without a .BTF section (classify_btf_file read the file already).
      module_errors_[name] =
          err == -ENOENT ? file->second + " has no BTF (no .BTF section: its kernel was built "
                                          "without CONFIG_DEBUG_INFO_BTF_MODULES)"
                         : "cannot read the BTF of module " + name + " from " + file->second +
                               ": " + strerror(-err);
    }
  } else if (reads_host_btf()) {
    b = btf__load_module_btf(name.c_str(), const_cast<struct btf*>(base));
    if (libbpf_get_error(b)) b = nullptr;
  }
  return modules_[name] = b;
}

std::string KernelBtf::module_problem(const std::string& name) {
  module(name);
  auto it = module_errors_.find(name);
  if (it != module_errors_.end()) return it->second;
  // A module's BTF only extends the vmlinux BTF it was built with: the host's.
  if (!reads_host_btf())
    return "module BTF (/sys/kernel/btf/" + name + ") fits the build host's kernel, not " + path_ +
           " given with --btf; give the module's .ko with --btf too";
  return "kernel module '" + name + "' is not loaded on the build host (no /sys/kernel/btf/" +
         name + "); give its .ko with --btf";
}

namespace {

// The value of `key=` in a .modinfo section (NUL-separated key=value strings).
std::string modinfo_value(const char* data, size_t size, const std::string& key) {
  for (size_t i = 0; i < size;) {
    std::string entry(data + i, strnlen(data + i, size - i));
    if (entry.starts_with(key + "=")) return entry.substr(key.size() + 1);
    i += entry.size() + 1;
  }
  return "";
}

// A file name without its directory and the suffixes `.ko` and `.btf`.
std::string module_name_of(const std::string& path) {
  std::string name = path.substr(path.rfind('/') + 1);
  for (const char* suffix : {".btf", ".ko"})
    if (name.size() > std::strlen(suffix) && name.ends_with(suffix))
      name.resize(name.size() - std::strlen(suffix));
  return name;
}

} // namespace

bool classify_btf_file(const std::string& path, ModuleFile& out, std::string& error) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot read kernel BTF from " + path + ": " + strerror(errno);
    return false;
  }
  out = ModuleFile{};
  out.path = path;
  unsigned char magic[4] = {};
  bool elf = pread(fd, magic, sizeof magic, 0) == sizeof magic && magic[0] == 0x7f &&
             magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
  if (elf) {
    elf_version(EV_CURRENT);
    Elf* e = elf_begin(fd, ELF_C_READ, nullptr);
    size_t shstrndx = 0;
    if (e && elf_getshdrstrndx(e, &shstrndx) == 0) {
      for (Elf_Scn* scn = elf_nextscn(e, nullptr); scn; scn = elf_nextscn(e, scn)) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh)) continue;
        const char* section = elf_strptr(e, shstrndx, sh.sh_name);
        if (!section || std::strcmp(section, ".modinfo") != 0) continue;
        Elf_Data* d = elf_getdata(scn, nullptr);
        out.is_module = true;
        if (d && d->d_buf) {
          const char* text = static_cast<const char*>(d->d_buf);
          out.name = modinfo_value(text, d->d_size, "name");
          std::string vermagic = modinfo_value(text, d->d_size, "vermagic");
          out.release = vermagic.substr(0, vermagic.find(' '));
        }
      }
    }
    if (e) elf_end(e);
  } else {
    // Raw BTF: standalone BTF's strings start with the empty string (offset 0 names nothing);
    // split BTF's strings continue its base's, so its first byte starts a name.
    btf_header h = {};
    char first = 0;
    out.is_module =
        pread(fd, &h, sizeof h, 0) == sizeof h && h.magic == BTF_MAGIC && h.str_len > 0 &&
        pread(fd, &first, 1, static_cast<off_t>(h.hdr_len + h.str_off)) == 1 && first != '\0';
  }
  close(fd);
  if (out.is_module && out.name.empty()) out.name = module_name_of(path);
  return true;
}

namespace {

const btf_type* skip_qualifiers(const struct btf* b, int& id) {
  const btf_type* t = btf__type_by_id(b, id);
  while (t && (btf_is_typedef(t) || btf_is_const(t) || btf_is_volatile(t) || btf_is_restrict(t) ||
               btf_is_type_tag(t))) {
    id = static_cast<int>(t->type);
    t = btf__type_by_id(b, id);
  }
  return t;
}

// The type named `name` of `kind`, or -1 (id 0 is void, never a named type).
int find_named(const struct btf* b, const std::string& name, int kind) {
  int id = btf__find_by_name_kind(b, name.c_str(), kind);
  return id > 0 ? id : -1;
}

// C's `char`: pahole marks it by name, not by BTF_INT_CHAR. Arrays of it are strings; arrays
// of other bytes (u8, unsigned char) are arrays, as in bpftrace.
bool is_char(const struct btf* b, const btf_type* t) {
  if (!btf_is_int(t) || t->size != 1) return false;
  if (btf_int_encoding(t) & BTF_INT_CHAR) return true;
  std::string name = btf__name_by_offset(b, t->name_off);
  return name == "char" || name == "signed char";
}

} // namespace

int KernelBtf::percpu_var_type(const std::string& name) {
  const struct btf* b = data();
  if (!b) return -1;
  int sec = find_named(b, ".data..percpu", BTF_KIND_DATASEC);
  if (sec < 0) return -1;
  const btf_type* t = btf__type_by_id(b, sec);
  const btf_var_secinfo* info = btf_var_secinfos(t);
  for (uint16_t i = 0; i < btf_vlen(t); ++i) {
    const btf_type* var = btf__type_by_id(b, info[i].type);
    if (var && btf_is_var(var) && name == btf__name_by_offset(b, var->name_off))
      return static_cast<int>(var->type);
  }
  return -1;
}

const RecordDef* KernelBtf::record_by_id(int id) {
  const struct btf* b = data();
  const btf_type* t = btf__type_by_id(b, id);
  if (!t) return nullptr;
  RecordDef def;
  def.name = btf__name_by_offset(b, t->name_off);
  def.is_union = btf_is_union(t);
  def.from_kernel = true;
  if (btf_is_fwd(t)) {
    // A forward declaration stands for the definition elsewhere in the same BTF.
    def.is_union = btf_kflag(t);
    int full = find_named(b, def.name, def.is_union ? BTF_KIND_UNION : BTF_KIND_STRUCT);
    if (full > 0) return record_by_id(full);
    def.load_fields = [] { return std::vector<RecordField>{}; };
    return intern_record(std::move(def), std::to_string(id));
  }
  def.size = t->size;
  def.load_fields = [this, id] { return fields_of(id); };
  return intern_record(std::move(def), std::to_string(id));
}

void KernelBtf::add_members(int id, uint32_t base_bits, std::vector<RecordField>& out) {
  const struct btf* b = data();
  const btf_type* t = btf__type_by_id(b, id);
  const struct btf_member* m = btf_members(t);
  for (uint32_t i = 0; i < btf_vlen(t); ++i, ++m) {
    uint32_t bits = base_bits + btf_member_bit_offset(t, i);
    std::string name = btf__name_by_offset(b, m->name_off);
    int member_id = static_cast<int>(m->type);
    const btf_type* mt = skip_qualifiers(b, member_id);
    if (name.empty()) {
      // An anonymous struct/union member: its fields are the parent's, as in C; CO-RE finds
      // them through the anonymous member by name.
      if (mt && btf_is_composite(mt)) add_members(member_id, bits, out);
      continue;
    }
    RecordField f;
    f.name = std::move(name);
    f.type = type_of(static_cast<int>(m->type));
    f.offset = bits / 8;
    f.bit_size = static_cast<uint8_t>(btf_member_bitfield_size(t, i));
    if (f.bit_size) f.bit_offset = static_cast<uint8_t>(bits % 8);
    out.push_back(std::move(f));
  }
}

std::vector<RecordField> KernelBtf::fields_of(int id) {
  std::vector<RecordField> out;
  add_members(id, 0, out);
  return out;
}

Type KernelBtf::type_of(int id) {
  const struct btf* b = data();
  if (!b) return Type::none();
  const btf_type* t = skip_qualifiers(b, id);
  if (!t) return Type::none();
  switch (btf_kind(t)) {
  case BTF_KIND_INT: {
    uint8_t enc = btf_int_encoding(t);
    // A _Bool member is a bool, printed true/false as current bpftrace does (0.17 printed 0/1).
    if (enc & BTF_INT_BOOL) return Type::boolean();
    uint32_t bits = t->size * 8;
    if (bits > 64) return Type::none();
    // bpftrace reads `char` as int8.
    return Type::integer(static_cast<uint8_t>(bits), (enc & BTF_INT_SIGNED) || is_char(b, t));
  }
  case BTF_KIND_PTR: {
    int target = static_cast<int>(t->type);
    const btf_type* pt = target ? skip_qualifiers(b, target) : nullptr;
    if (!pt || btf_is_func_proto(pt) || btf_is_func(pt))
      return Type::pointer({}, AddrSpace::Kernel);
    return Type::pointer(type_of(target), AddrSpace::Kernel);
  }
  case BTF_KIND_ARRAY: {
    const struct btf_array* a = btf_array(t);
    int elem_id = static_cast<int>(a->type);
    const btf_type* et = skip_qualifiers(b, elem_id);
    if (et && is_char(b, et)) return Type::string(a->nelems);
    Type elem = type_of(static_cast<int>(a->type));
    if (elem.kind() == TypeKind::None) return Type::none();
    return Type::array(elem, a->nelems);
  }
  case BTF_KIND_STRUCT:
  case BTF_KIND_UNION:
  case BTF_KIND_FWD: {
    const RecordDef* r = record_by_id(id);
    return r ? Type::record_of(*r) : Type::none();
  }
  case BTF_KIND_ENUM:
  case BTF_KIND_ENUM64: {
    EnumDef def;
    def.name = btf__name_by_offset(b, t->name_off);
    def.bits = static_cast<uint8_t>(t->size * 8);
    def.is_signed = btf_kflag(t);
    def.from_kernel = true;
    if (btf_is_enum(t)) {
      const struct btf_enum* e = btf_enum(t);
      for (uint32_t i = 0; i < btf_vlen(t); ++i, ++e)
        def.values.push_back({btf__name_by_offset(b, e->name_off),
                              def.is_signed ? static_cast<int64_t>(e->val)
                                            : static_cast<int64_t>(static_cast<uint32_t>(e->val))});
    } else {
      const struct btf_enum64* e = btf_enum64(t);
      for (uint32_t i = 0; i < btf_vlen(t); ++i, ++e)
        def.values.push_back(
            {btf__name_by_offset(b, e->name_off), static_cast<int64_t>(btf_enum64_value(e))});
    }
    const EnumDef* d = intern_enum(std::move(def));
    return d ? Type::enum_of(*d) : Type::none();
  }
  default:
    return Type::none();
  }
}

const RecordDef* KernelBtf::record(const std::string& name, bool is_union) {
  const struct btf* b = data();
  if (!b) return nullptr;
  int id = find_named(b, name, is_union ? BTF_KIND_UNION : BTF_KIND_STRUCT);
  return id > 0 ? record_by_id(id) : nullptr;
}

std::vector<std::string> KernelBtf::record_names(bool is_union) {
  std::vector<std::string> names;
  const struct btf* b = data();
  if (!b) return names;
  uint32_t n = btf__type_cnt(b);
  for (uint32_t id = 1; id < n; ++id) {
    const btf_type* t = btf__type_by_id(b, id);
    if (t->name_off && (is_union ? btf_is_union(t) : btf_is_struct(t)))
      names.emplace_back(btf__name_by_offset(b, t->name_off));
  }
  return names;
}

const EnumDef* KernelBtf::enumeration(const std::string& name) {
  const struct btf* b = data();
  if (!b) return nullptr;
  int id = find_named(b, name, BTF_KIND_ENUM);
  if (id < 0) id = find_named(b, name, BTF_KIND_ENUM64);
  if (id < 0) return nullptr;
  Type t = type_of(id);
  return t.kind() == TypeKind::Enum ? t.enum_def() : nullptr;
}

std::optional<Type> KernelBtf::typedef_type(const std::string& name) {
  const struct btf* b = data();
  if (!b) return std::nullopt;
  int id = find_named(b, name, BTF_KIND_TYPEDEF);
  if (id < 0) return std::nullopt;
  Type t = type_of(id);
  if (t.kind() == TypeKind::None) return std::nullopt;
  return t;
}

std::optional<int64_t> KernelBtf::constant(const std::string& name) {
  const struct btf* b = data();
  if (!b) return std::nullopt;
  if (!constants_indexed_) {
    // One pass over every type (a few ms): enumerators are not indexed by libbpf.
    constants_indexed_ = true;
    uint32_t n = btf__type_cnt(b);
    for (uint32_t id = 1; id < n; ++id) {
      const btf_type* t = btf__type_by_id(b, id);
      if ((btf_is_enum(t) || btf_is_enum64(t)) && t->name_off != 0) {
        for (uint32_t i = 0; i < btf_vlen(t); ++i) {
          uint32_t name_off = btf_is_enum(t) ? btf_enum(t)[i].name_off : btf_enum64(t)[i].name_off;
          constant_enums_.emplace(btf__name_by_offset(b, name_off), static_cast<int>(id));
        }
      }
      if (btf_is_enum(t)) {
        const struct btf_enum* e = btf_enum(t);
        for (uint32_t i = 0; i < btf_vlen(t); ++i, ++e)
          constants_.emplace(btf__name_by_offset(b, e->name_off),
                             btf_kflag(t) ? static_cast<int64_t>(e->val)
                                          : static_cast<int64_t>(static_cast<uint32_t>(e->val)));
      } else if (btf_is_enum64(t)) {
        const struct btf_enum64* e = btf_enum64(t);
        for (uint32_t i = 0; i < btf_vlen(t); ++i, ++e)
          constants_.emplace(btf__name_by_offset(b, e->name_off),
                             static_cast<int64_t>(btf_enum64_value(e)));
      }
    }
  }
  auto it = constants_.find(name);
  if (it == constants_.end()) return std::nullopt;
  return it->second;
}

const EnumDef* KernelBtf::constant_enum(const std::string& name) {
  if (!constant(name)) return nullptr;
  auto it = constant_enums_.find(name);
  if (it == constant_enums_.end()) return nullptr;
  Type t = type_of(it->second);
  return t.kind() == TypeKind::Enum ? t.enum_def() : nullptr;
}

std::optional<int> raw_tracepoint_arg_count(const struct btf* b, const std::string& name) {
  if (!b) return std::nullopt;
  int id = btf__find_by_name_kind(b, ("btf_trace_" + name).c_str(), BTF_KIND_TYPEDEF);
  if (id < 0) return -1;
  // typedef -> pointer -> function prototype whose first parameter is the tracepoint's data.
  const btf_type* t = btf__type_by_id(b, id);
  while (t && (btf_is_typedef(t) || btf_is_ptr(t))) t = btf__type_by_id(b, t->type);
  if (!t || !btf_is_func_proto(t)) return std::nullopt;
  return btf_vlen(t) > 0 ? static_cast<int>(btf_vlen(t)) - 1 : 0;
}

} // namespace btc
