#include "dwarf/dwarf_info.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

namespace btc {

namespace {

char* g_debuginfo_path = nullptr;
// Offline reporting: the file is read as it lies on disk; separate debug files are found the
// standard way (/usr/lib/debug/.build-id, .gnu_debuglink).
const Dwfl_Callbacks kCallbacks = {
    .find_elf = dwfl_build_id_find_elf,
    .find_debuginfo = dwfl_standard_find_debuginfo,
    .section_address = dwfl_offline_section_address,
    .debuginfo_path = &g_debuginfo_path,
};

constexpr int kIntRegisters = 6; // rdi, rsi, rdx, rcx, r8, r9
constexpr int kSseRegisters = 8; // xmm0 .. xmm7
constexpr int kMaxDepth = 32;    // nesting of types and scopes followed

std::string die_name(Dwarf_Die* d) {
  Dwarf_Attribute a;
  const char* s = dwarf_formstring(dwarf_attr_integrate(d, DW_AT_name, &a));
  return s ? s : "";
}

bool die_type(Dwarf_Die* d, Dwarf_Die* out) {
  Dwarf_Attribute a;
  return dwarf_attr_integrate(d, DW_AT_type, &a) && dwarf_formref_die(&a, out);
}

uint64_t udata(Dwarf_Die* d, int attr, uint64_t fallback) {
  Dwarf_Attribute a;
  Dwarf_Word w = 0;
  if (!dwarf_attr_integrate(d, attr, &a) || dwarf_formudata(&a, &w) != 0) return fallback;
  return w;
}

uint64_t byte_size(Dwarf_Die* d) {
  int size = dwarf_bytesize(d);
  return size < 0 ? 0 : static_cast<uint64_t>(size);
}

bool is_qualifier(int tag) {
  return tag == DW_TAG_typedef || tag == DW_TAG_const_type || tag == DW_TAG_volatile_type ||
         tag == DW_TAG_restrict_type || tag == DW_TAG_atomic_type;
}

bool is_record(int tag) {
  return tag == DW_TAG_structure_type || tag == DW_TAG_class_type || tag == DW_TAG_union_type;
}

// The name of a record or enum as the generated C can declare it: a C++ template instance
// ("pair<int, long>") or a nested name is anonymous there, named by its place instead.
std::string c_name(Dwarf_Die* d) {
  std::string name = die_name(d);
  bool ok = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  return ok ? name : "";
}

// Looks through typedefs and qualifiers; false for void.
bool strip(Dwarf_Die* t) {
  for (int i = 0; i < kMaxDepth && is_qualifier(dwarf_tag(t)); ++i) {
    Dwarf_Die next;
    if (!die_type(t, &next)) return false;
    *t = next;
  }
  return !is_qualifier(dwarf_tag(t));
}

// The C spelling of a type, for messages.
std::string spell(Dwarf_Die t, int depth = 0) {
  if (depth > kMaxDepth) return "...";
  Dwarf_Die inner;
  bool has_inner = die_type(&t, &inner);
  std::string name = die_name(&t);
  switch (dwarf_tag(&t)) {
  case DW_TAG_typedef:
  case DW_TAG_base_type:
    return name;
  case DW_TAG_const_type:
    return "const " + (has_inner ? spell(inner, depth + 1) : "void");
  case DW_TAG_volatile_type:
    return "volatile " + (has_inner ? spell(inner, depth + 1) : "void");
  case DW_TAG_restrict_type:
  case DW_TAG_atomic_type:
    return has_inner ? spell(inner, depth + 1) : "void";
  case DW_TAG_pointer_type:
    return (has_inner ? spell(inner, depth + 1) : "void") + " *";
  case DW_TAG_reference_type:
  case DW_TAG_rvalue_reference_type:
    return (has_inner ? spell(inner, depth + 1) : "void") + " &";
  case DW_TAG_structure_type:
  case DW_TAG_class_type:
    return "struct " + name;
  case DW_TAG_union_type:
    return "union " + name;
  case DW_TAG_enumeration_type:
    return "enum " + name;
  case DW_TAG_array_type:
    return (has_inner ? spell(inner, depth + 1) : "void") + "[]";
  case DW_TAG_subroutine_type:
    return "function";
  default:
    return name.empty() ? "?" : name;
  }
}

// The x86-64 System V classes of an eightbyte of an argument.
enum class Cls : uint8_t { None, Integer, Sse };

void merge(Cls& c, Cls with) {
  if (c != Cls::Integer) c = with;
}

} // namespace

struct DwarfFile::Impl : std::enable_shared_from_this<DwarfFile::Impl> {
  struct Converted {
    Type type;
    std::string problem;
  };

  std::string path;
  Dwfl* dwfl = nullptr;
  Dwfl_Module* module = nullptr;
  Dwarf_Addr elf_bias = 0;
  std::map<uint64_t, std::unique_ptr<DwarfFunction>> functions; // by address; null: none there
  std::mutex lock; // records load their fields lazily, maybe from another thread

  ~Impl() {
    if (dwfl) dwfl_end(dwfl);
  }

  Converted convert(Dwarf_Die t, int depth);
  Type record(Dwarf_Die t);
  std::vector<RecordField> fields(Dwarf_Die t);
  Converted enumeration(Dwarf_Die t);
  Converted array(Dwarf_Die t, int depth);
  bool classify(Dwarf_Die t, uint64_t offset, Cls c[2], int depth);
  uint64_t alignment(Dwarf_Die t, int depth);
  bool find_subprogram(Dwarf_Die parent, Dwarf_Addr addr, Dwarf_Die& out, int depth);
  std::unique_ptr<DwarfFunction> describe(Dwarf_Die sp);
};

DwarfFile::Impl::Converted DwarfFile::Impl::convert(Dwarf_Die t, int depth) {
  if (depth > kMaxDepth) return {Type::none(), "a type nested too deeply"};
  if (!strip(&t)) return {Type::none(), "void"};
  switch (dwarf_tag(&t)) {
  case DW_TAG_base_type: {
    uint64_t size = byte_size(&t);
    switch (udata(&t, DW_AT_encoding, 0)) {
    case DW_ATE_boolean:
      return {Type::boolean(), ""};
    case DW_ATE_signed:
    case DW_ATE_signed_char:
    case DW_ATE_unsigned:
    case DW_ATE_unsigned_char:
    case DW_ATE_UTF: {
      bool is_signed = udata(&t, DW_AT_encoding, 0) == DW_ATE_signed ||
                       udata(&t, DW_AT_encoding, 0) == DW_ATE_signed_char;
      if (size == 1 || size == 2 || size == 4 || size == 8)
        return {Type::integer(static_cast<uint8_t>(size * 8), is_signed), ""};
      return {Type::none(), "a " + std::to_string(size * 8) + "-bit integer (BPF has 64 bits)"};
    }
    case DW_ATE_float:
    case DW_ATE_complex_float:
      return {Type::none(), "a " + die_name(&t) + " (BPF has no floating point)"};
    default:
      return {Type::none(), "a base type btc does not read (" + die_name(&t) + ")"};
    }
  }
  case DW_TAG_pointer_type:
  case DW_TAG_reference_type:
  case DW_TAG_rvalue_reference_type: {
    Dwarf_Die pointee;
    if (!die_type(&t, &pointee) || !strip(&pointee))
      return {Type::pointer(Type::none(), AddrSpace::User), ""};
    if (is_record(dwarf_tag(&pointee)))
      return {Type::pointer(record(pointee), AddrSpace::User), ""};
    Converted inner = convert(pointee, depth + 1);
    return {Type::pointer(inner.type, AddrSpace::User), ""};
  }
  case DW_TAG_structure_type:
  case DW_TAG_class_type:
  case DW_TAG_union_type: {
    Type r = record(t);
    if (r.kind() == TypeKind::None)
      return {r, spell(t) + " is incomplete in the debug info or differs from the script's"};
    return {r, ""};
  }
  case DW_TAG_enumeration_type:
    return enumeration(t);
  case DW_TAG_array_type:
    return array(t, depth);
  default:
    return {Type::none(), spell(t) + ", a type btc does not read"};
  }
}

Type DwarfFile::Impl::record(Dwarf_Die t) {
  if (dwarf_hasattr(&t, DW_AT_declaration)) return Type::none();
  RecordDef def;
  def.name = c_name(&t);
  def.is_union = dwarf_tag(&t) == DW_TAG_union_type;
  def.size = static_cast<uint32_t>(byte_size(&t));
  // Lazy, as the kernel's records: a list node points to itself, and a program's types reach
  // far; only the fields a script uses are ever converted.
  def.load_fields = [self = shared_from_this(), t] {
    std::lock_guard<std::mutex> guard(self->lock);
    return self->fields(t);
  };
  const RecordDef* r =
      intern_record(std::move(def), "dwarf:" + path + ":" + std::to_string(dwarf_dieoffset(&t)));
  return r ? Type::record_of(*r) : Type::none();
}

std::vector<RecordField> DwarfFile::Impl::fields(Dwarf_Die t) {
  std::vector<RecordField> out;
  Dwarf_Die c;
  if (dwarf_child(&t, &c) != 0) return out;
  do {
    if (dwarf_tag(&c) != DW_TAG_member || dwarf_hasattr(&c, DW_AT_external) ||
        dwarf_hasattr(&c, DW_AT_declaration))
      continue;
    // Bit fields and members btc has no type for (floating point) are left out, as from the
    // script's own C: using one is the usual "has no field" error.
    if (dwarf_hasattr(&c, DW_AT_bit_size)) continue;
    Dwarf_Die ft;
    if (!die_type(&c, &ft)) continue;
    Converted conv = convert(ft, 1);
    if (conv.type.kind() == TypeKind::None) continue;
    RecordField f;
    f.name = die_name(&c);
    f.offset = static_cast<uint32_t>(udata(&c, DW_AT_data_member_location, 0));
    f.type = conv.type;
    out.push_back(std::move(f));
  } while (dwarf_siblingof(&c, &c) == 0);
  return out;
}

DwarfFile::Impl::Converted DwarfFile::Impl::enumeration(Dwarf_Die t) {
  EnumDef def;
  def.name = c_name(&t);
  uint64_t size = byte_size(&t);
  if (size != 1 && size != 2 && size != 4 && size != 8)
    return {Type::none(), "an enum of " + std::to_string(size) + " bytes"};
  def.bits = static_cast<uint8_t>(size * 8);
  Dwarf_Die base;
  bool typed = die_type(&t, &base) && strip(&base);
  if (typed) {
    uint64_t enc = udata(&base, DW_AT_encoding, 0);
    def.is_signed = enc == DW_ATE_signed || enc == DW_ATE_signed_char;
  }
  Dwarf_Die c;
  if (dwarf_child(&t, &c) == 0) {
    do {
      if (dwarf_tag(&c) != DW_TAG_enumerator) continue;
      Dwarf_Attribute a;
      Dwarf_Sword v = 0;
      if (!dwarf_attr(&c, DW_AT_const_value, &a) || dwarf_formsdata(&a, &v) != 0) continue;
      // Without an underlying type (older DWARF), a negative enumerator makes it signed.
      if (!typed && v < 0) def.is_signed = true;
      def.values.push_back({die_name(&c), static_cast<int64_t>(v)});
    } while (dwarf_siblingof(&c, &c) == 0);
  }
  const EnumDef* e = intern_enum(std::move(def));
  if (!e) return {Type::none(), spell(t) + " differs from another enum of that name"};
  return {Type::enum_of(*e), ""};
}

DwarfFile::Impl::Converted DwarfFile::Impl::array(Dwarf_Die t, int depth) {
  Dwarf_Die elem;
  if (!die_type(&t, &elem)) return {Type::none(), "an array of void"};
  std::vector<uint32_t> dims;
  Dwarf_Die c;
  if (dwarf_child(&t, &c) == 0) {
    do {
      if (dwarf_tag(&c) != DW_TAG_subrange_type) continue;
      uint64_t count = udata(&c, DW_AT_count, 0);
      Dwarf_Attribute a;
      Dwarf_Word upper = 0;
      if (!count && dwarf_attr(&c, DW_AT_upper_bound, &a) && dwarf_formudata(&a, &upper) == 0)
        count = upper + 1;
      dims.push_back(static_cast<uint32_t>(count));
    } while (dwarf_siblingof(&c, &c) == 0);
  }
  if (dims.empty()) dims.push_back(0);
  Dwarf_Die bare = elem;
  bool is_char = strip(&bare) && dwarf_tag(&bare) == DW_TAG_base_type && byte_size(&bare) == 1 &&
                 (udata(&bare, DW_AT_encoding, 0) == DW_ATE_signed_char ||
                  udata(&bare, DW_AT_encoding, 0) == DW_ATE_unsigned_char);
  Type type;
  // A char array is a string, as BTF's and the script's are.
  if (is_char && dims.back() > 0) {
    type = Type::string(dims.back());
    dims.pop_back();
  } else {
    Converted e = convert(elem, depth + 1);
    if (e.type.kind() == TypeKind::None) return {Type::none(), "an array of " + e.problem};
    type = e.type;
  }
  for (auto it = dims.rbegin(); it != dims.rend(); ++it) type = Type::array(type, *it);
  return {type, ""};
}

bool DwarfFile::Impl::classify(Dwarf_Die t, uint64_t offset, Cls c[2], int depth) {
  if (depth > kMaxDepth || !strip(&t)) return false;
  uint64_t size = byte_size(&t);
  switch (dwarf_tag(&t)) {
  case DW_TAG_base_type:
  case DW_TAG_pointer_type:
  case DW_TAG_reference_type:
  case DW_TAG_rvalue_reference_type:
  case DW_TAG_enumeration_type: {
    if (size == 0 || size > 8 || offset % size != 0) return false; // unaligned, x87, 128-bit
    uint64_t enc = dwarf_tag(&t) == DW_TAG_base_type ? udata(&t, DW_AT_encoding, 0) : 0;
    merge(c[offset / 8], enc == DW_ATE_float ? Cls::Sse : Cls::Integer);
    return true;
  }
  case DW_TAG_structure_type:
  case DW_TAG_class_type:
  case DW_TAG_union_type: {
    Dwarf_Die m;
    if (dwarf_child(&t, &m) != 0) return true;
    do {
      if (dwarf_tag(&m) == DW_TAG_inheritance) return false; // C++ bases: not classified here
      if (dwarf_tag(&m) != DW_TAG_member || dwarf_hasattr(&m, DW_AT_external) ||
          dwarf_hasattr(&m, DW_AT_declaration))
        continue;
      uint64_t at = offset + udata(&m, DW_AT_data_member_location, 0);
      if (dwarf_hasattr(&m, DW_AT_bit_size)) {
        uint64_t bit = udata(&m, DW_AT_data_bit_offset, 0);
        merge(c[(offset * 8 + bit) / 64 > 1 ? 1 : (offset * 8 + bit) / 64], Cls::Integer);
        continue;
      }
      Dwarf_Die mt;
      if (!die_type(&m, &mt) || !classify(mt, at, c, depth + 1)) return false;
    } while (dwarf_siblingof(&m, &m) == 0);
    return true;
  }
  case DW_TAG_array_type: {
    Dwarf_Die elem;
    if (!die_type(&t, &elem) || !strip(&elem)) return false;
    uint64_t esize = byte_size(&elem);
    if (esize == 0) return size == 0;
    for (uint64_t i = 0; i * esize < size; ++i)
      if (!classify(elem, offset + i * esize, c, depth + 1)) return false;
    return true;
  }
  default:
    return false;
  }
}

uint64_t DwarfFile::Impl::alignment(Dwarf_Die t, int depth) {
  if (depth > kMaxDepth || !strip(&t)) return 1;
  uint64_t explicit_align = udata(&t, DW_AT_alignment, 0);
  if (explicit_align) return explicit_align;
  switch (dwarf_tag(&t)) {
  case DW_TAG_structure_type:
  case DW_TAG_class_type:
  case DW_TAG_union_type: {
    uint64_t align = 1;
    Dwarf_Die m, mt;
    if (dwarf_child(&t, &m) != 0) return 1;
    do
      if (dwarf_tag(&m) == DW_TAG_member && die_type(&m, &mt))
        align = std::max(align, alignment(mt, depth + 1));
    while (dwarf_siblingof(&m, &m) == 0);
    return align;
  }
  case DW_TAG_array_type: {
    Dwarf_Die elem;
    return die_type(&t, &elem) ? alignment(elem, depth + 1) : 1;
  }
  default: {
    uint64_t size = byte_size(&t);
    return size == 0 ? 1 : std::min<uint64_t>(size, 16);
  }
  }
}

bool DwarfFile::Impl::find_subprogram(Dwarf_Die parent, Dwarf_Addr addr, Dwarf_Die& out,
                                      int depth) {
  Dwarf_Die c;
  if (depth > kMaxDepth || dwarf_child(&parent, &c) != 0) return false;
  do {
    int tag = dwarf_tag(&c);
    if (tag == DW_TAG_subprogram) {
      Dwarf_Addr low = 0;
      if (dwarf_lowpc(&c, &low) == 0 || dwarf_entrypc(&c, &low) == 0) {
        if (low == addr) {
          out = c;
          return true;
        }
        continue;
      }
      // A function split in parts (hot and cold) has only ranges.
      Dwarf_Addr base, start, end;
      for (ptrdiff_t off = 0; (off = dwarf_ranges(&c, off, &base, &start, &end)) > 0;)
        if (start == addr) {
          out = c;
          return true;
        }
    } else if ((tag == DW_TAG_namespace || is_record(tag)) &&
               find_subprogram(c, addr, out, depth + 1)) {
      return true;
    }
  } while (dwarf_siblingof(&c, &c) == 0);
  return false;
}

std::unique_ptr<DwarfFunction> DwarfFile::Impl::describe(Dwarf_Die sp) {
  auto f = std::make_unique<DwarfFunction>();
  f->name = die_name(&sp);
  // An out-of-line copy of an inlined function names its parameters through its origin.
  Dwarf_Die decl = sp;
  for (int i = 0; i < kMaxDepth; ++i) {
    Dwarf_Attribute a;
    Dwarf_Die origin;
    if (!dwarf_attr(&decl, DW_AT_abstract_origin, &a) || !dwarf_formref_die(&a, &origin)) break;
    decl = origin;
  }
  if (udata(&sp, DW_AT_calling_convention, DW_CC_normal) == DW_CC_nocall)
    f->problem = "the compiler changed the calling convention of " + f->name +
                 " (a function only its own file calls): its arguments are not where the ABI "
                 "puts them";

  int gp = 0, sse = 0;
  uint64_t stack = 0; // bytes of stack arguments so far
  auto on_stack = [&](uint64_t size, uint64_t align) {
    align = std::max<uint64_t>(align, 8);
    stack = (stack + align - 1) / align * align;
    ArgLocation loc{ArgLocation::Where::Stack, 0, static_cast<uint32_t>(8 + stack)};
    stack += (size + 7) / 8 * 8;
    return loc;
  };
  Dwarf_Die ret;
  if (die_type(&sp, &ret)) {
    Dwarf_Die bare = ret;
    if (strip(&bare) && is_record(dwarf_tag(&bare))) {
      // A record returned in memory: the caller passes its address as a hidden first argument.
      Cls c[2] = {Cls::None, Cls::None};
      if (byte_size(&bare) > 16 || !classify(bare, 0, c, 0)) gp = 1;
    } else if (dwarf_tag(&bare) != DW_TAG_array_type && byte_size(&bare) <= 8) {
      Converted conv = convert(ret, 0);
      if (conv.problem.empty()) f->returns = conv.type;
    }
  }

  Dwarf_Die p;
  if (dwarf_child(&decl, &p) != 0) return f;
  do {
    if (dwarf_tag(&p) != DW_TAG_formal_parameter) continue;
    DwarfParam param;
    param.name = die_name(&p);
    Dwarf_Die type;
    if (!die_type(&p, &type)) {
      param.problem = "its type is not in the debug info";
      f->params.push_back(std::move(param));
      continue;
    }
    param.c_type = spell(type);
    Dwarf_Die bare = type;
    bool non_void = strip(&bare);
    uint64_t size = non_void ? byte_size(&bare) : 0;
    int tag = non_void ? dwarf_tag(&bare) : 0;
    bool is_float =
        tag == DW_TAG_base_type && (udata(&bare, DW_AT_encoding, 0) == DW_ATE_float ||
                                    udata(&bare, DW_AT_encoding, 0) == DW_ATE_complex_float);
    Converted conv = convert(type, 0);
    param.type = conv.type;
    param.problem = conv.problem;
    if (is_record(tag)) {
      Cls c[2] = {Cls::None, Cls::None};
      bool regs = size > 0 && size <= 16 && classify(bare, 0, c, 0);
      int need_gp = (c[0] == Cls::Integer) + (size > 8 && c[1] == Cls::Integer);
      int need_sse = (c[0] == Cls::Sse) + (size > 8 && c[1] == Cls::Sse);
      if (regs && gp + need_gp <= kIntRegisters && sse + need_sse <= kSseRegisters) {
        param.loc = {ArgLocation::Where::Register, static_cast<uint8_t>(gp), 0};
        if (need_sse)
          param.problem = "a " + param.c_type + " passed in floating-point registers";
        else if (need_gp != 1)
          param.problem =
              "a " + param.c_type + " passed in " + std::to_string(need_gp) + " registers";
        gp += need_gp;
        sse += need_sse;
      } else {
        // Passed in memory: a copy on the caller's stack, readable like any user memory.
        param.loc = on_stack(size, alignment(bare, 0));
      }
    } else if (is_float) {
      if (size <= 8 && sse < kSseRegisters)
        ++sse;
      else
        param.loc = on_stack(size, size > 8 ? 16 : 8);
      param.problem = "a " + param.c_type + " (BPF has no floating point)";
    } else if (size > 8) {
      if (gp + 2 <= kIntRegisters)
        gp += 2;
      else
        param.loc = on_stack(size, 16);
      param.problem = "a " + param.c_type + ", wider than BPF's 64-bit integers";
    } else if (gp < kIntRegisters) {
      param.loc = {ArgLocation::Where::Register, static_cast<uint8_t>(gp++), 0};
    } else {
      param.loc = on_stack(8, 8);
    }
    if (!param.problem.empty()) param.type = Type::none();
    f->params.push_back(std::move(param));
  } while (dwarf_siblingof(&p, &p) == 0);
  return f;
}

DwarfFile::DwarfFile(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
DwarfFile::~DwarfFile() = default;

std::shared_ptr<DwarfFile> DwarfFile::open(const std::string& path, std::string& error) {
  static std::mutex cache_lock;
  static std::map<std::string, std::shared_ptr<DwarfFile>> cache;
  std::lock_guard<std::mutex> guard(cache_lock);
  if (auto it = cache.find(path); it != cache.end()) {
    if (!it->second) error = path + " has no debug info";
    return it->second;
  }
  auto impl = std::make_shared<Impl>();
  impl->path = path;
  impl->dwfl = dwfl_begin(&kCallbacks);
  Dwarf_Addr bias = 0;
  if (impl->dwfl) {
    impl->module = dwfl_report_offline(impl->dwfl, "", path.c_str(), -1);
    dwfl_report_end(impl->dwfl, nullptr, nullptr);
  }
  std::shared_ptr<DwarfFile> file;
  if (impl->module && dwfl_module_getelf(impl->module, &impl->elf_bias) &&
      dwfl_module_getdwarf(impl->module, &bias))
    file.reset(new DwarfFile(std::move(impl)));
  else
    error = path + " has no debug info";
  cache[path] = file;
  return file;
}

const DwarfFunction* DwarfFile::function_at(uint64_t vaddr) {
  std::lock_guard<std::mutex> guard(impl_->lock);
  auto it = impl_->functions.find(vaddr);
  if (it != impl_->functions.end()) return it->second.get();
  std::unique_ptr<DwarfFunction> found;
  Dwarf_Addr bias = 0;
  Dwarf_Addr addr = vaddr + impl_->elf_bias;
  if (Dwarf_Die* cu = dwfl_module_addrdie(impl_->module, addr, &bias)) {
    Dwarf_Die sp;
    if (impl_->find_subprogram(*cu, addr - bias, sp, 0)) found = impl_->describe(sp);
  }
  return impl_->functions.emplace(vaddr, std::move(found)).first->second.get();
}

} // namespace btc
