#include "enum_names.h"

#include "kernel_btf.h"
#include "pieces.h"

#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <tuple>

namespace btc::rt {

namespace {

using Names = std::map<int64_t, std::string>;

// The enumerators of the kernel's enum `name`, or nothing when its BTF cannot be read or has
// no such enum.
std::optional<Names> kernel_enum(const std::string& name) {
  std::string error;
  const BtfView* btf = kernel_btf(error);
  if (!btf || name.empty()) return std::nullopt;
  for (uint32_t id = 1; id < btf->count(); id++) {
    const btf_type* t = btf->type(id);
    if (!t || !(btf_is_enum(t) || btf_is_enum64(t))) continue;
    std::string_view n = btf->name_of(t);
    if (n != name) continue;
    Names out;
    for (uint32_t i = 0; i < btf_vlen(t); i++) {
      int64_t v;
      uint32_t name_off;
      if (btf_is_enum(t)) {
        const struct btf_enum& e = btf_enum(t)[i];
        v = btf_kflag(t) ? static_cast<int64_t>(e.val)
                         : static_cast<int64_t>(static_cast<uint32_t>(e.val));
        name_off = e.name_off;
      } else {
        const struct btf_enum64& e = btf_enum64(t)[i];
        v = static_cast<int64_t>((uint64_t{e.val_hi32} << 32) | e.val_lo32);
        name_off = e.name_off;
      }
      out.emplace(v, btf->name(name_off)); // the first of equal values, as the table order
    }
    return out;
  }
  return std::nullopt;
}

const Names& names_of(const Type& type) {
  static std::mutex lock;
  // By what makes the names, not by the Type's address (tests build types on the stack).
  using Key = std::tuple<std::string, const EnumValue*, bool>;
  static std::map<Key, Names> cache;
  std::lock_guard<std::mutex> guard(lock);
  Key key{type.enum_name ? type.enum_name : "", type.enum_values, type.enum_from_kernel};
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  std::optional<Names> names;
  if (type.enum_from_kernel && type.enum_name) names = kernel_enum(type.enum_name);
  if (!names) {
    names.emplace();
    for (uint32_t i = 0; i < type.num_enum_values; i++)
      names->emplace(type.enum_values[i].value, type.enum_values[i].name);
  }
  return cache.emplace(key, std::move(*names)).first->second;
}

} // namespace

std::string enum_text(const Type& type, uint64_t value) {
  const Names& names = names_of(type);
  // The value was read at the enum's width: an unsigned one is compared as its bits.
  int64_t v = static_cast<int64_t>(value);
  auto it = names.find(v);
  if (it != names.end()) return it->second;
  return type.is_signed ? std::to_string(v) : std::to_string(value);
}

void install_enum_names() {
  static const PieceApi<Piece::EnumNames> api = {.text = enum_text};
  install_piece(api);
}

} // namespace btc::rt
