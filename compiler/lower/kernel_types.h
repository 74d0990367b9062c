// The kernel types a script reaches, as the BPF C declares them: minimal `X___btc` records
// holding only the members the script uses, each with __attribute__((preserve_access_index)),
// so every access is a CO-RE relocation resolved against the target kernel's BTF at load. The
// `___btc` flavor keeps them apart from any other declaration of the same name (libbpf drops it
// when matching). Records the script declares itself are written whole, with their own layout.
#pragma once

#include "lower/c_writer.h"
#include "types/types.h"

#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace btc {

class KernelTypes {
public:
  // `struct X___btc` for a kernel record, `struct X` for one the script declares.
  std::string c_name(const RecordDef& r);
  // Declares `field` as a member of `r` (and what its type needs).
  void use_member(const RecordDef& r, const RecordField& field);
  // Declares a member of kernel record `r` that this BTF lacks but other kernels have: CO-RE
  // resolves it on those, and the program checks that it exists before reading it.
  void use_absent_member(const RecordDef& r, RecordField field);
  // Declares `r` itself, complete (members only if used).
  void use_record(const RecordDef& r);

  // The local form of enumerator `name` of kernel enum `def` for a CO-RE enum value relocation:
  // `enum X___btc` declares it as `name___btc` (libbpf ignores the flavor when it matches it).
  // Returns {"enum X___btc", "name___btc"}.
  std::pair<std::string, std::string> use_enumerator(const EnumDef& def, const std::string& name);
  // Whether a kernel enumerator is relocated (its value is the running kernel's).
  bool has_enumerators() const { return !enumerators_.empty(); }

  // Forward declarations, then the definitions in an order C accepts.
  void write(CWriter& out);
  bool empty() const { return records_.empty(); }
  // Whether a kernel record is declared: reading it is a CO-RE relocation.
  bool has_kernel_records() const {
    for (const auto& [def, e] : records_)
      if (def->from_kernel) return true;
    return false;
  }

private:
  struct Entry {
    const RecordDef* def = nullptr;
    std::string c_name;
    bool complete = false;                // defined (used by value, read or sized)
    std::vector<const RecordField*> used; // in first-use order
  };
  Entry& entry(const RecordDef& r);
  // Declares what a member of type `t` needs: pointed-to records forward, embedded ones whole.
  void need(const Type& t);
  const std::string* enum_name(const EnumDef* d) const;
  // A member declaration of type `t` named `name` (`name` may carry array suffixes).
  std::string declarator(const Type& t, const std::string& name);
  void write_record(CWriter& out, const Entry& e, std::set<const RecordDef*>& written);

  std::map<const RecordDef*, Entry> records_;
  std::deque<RecordField> absent_; // the members use_absent_member declared
  std::vector<const RecordDef*> order_;
  // Named enums of members, `enum X___btc`, in first-use order.
  std::vector<std::pair<const EnumDef*, std::string>> enums_;
  // The enumerators relocated, per enum, in first-use order.
  std::map<const EnumDef*, std::vector<std::string>> enumerators_;
  int anonymous_ = 0;
};

} // namespace btc
