// CO-RE without libbpf parsing the kernel's whole BTF: libbpf resolves a BPF object's CO-RE
// relocations against the BTF it is given (btf_custom_path), and the runtime gives it one
// holding only the kernel types the relocations name. Building that from the raw kernel BTF
// takes a few milliseconds; libbpf's own parse of all of it takes 40-60 ms and 10 MB.
#pragma once

#include "btf_view.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace btc::rt {

// A type a CO-RE relocation is relative to, as libbpf looks it up in the kernel's BTF: by kind
// (enum and enum64 alike) and by name without its `___flavor`.
struct CoreRoot {
  uint16_t kind;
  std::string name;
  bool operator==(const CoreRoot&) const = default;
};

// What a BPF object's load asks of the kernel's BTF, read from its ELF image.
struct CoreNeeds {
  std::vector<CoreRoot> roots; // of its CO-RE relocations, each once, in first-use order
  // A relocation that needs the kernel's own type ids or deep type shapes (TYPE_ID_TARGET,
  // TYPE_MATCHES): only the kernel's whole BTF answers it.
  bool whole_btf = false;
  // Programs libbpf needs the kernel's BTF for anyway (fentry, fexit, iterators, BTF-typed
  // tracepoints, LSM, struct_ops) or typed kernel symbols: it then reads that BTF whatever it
  // is given, and CO-RE uses it too.
  bool libbpf_reads_btf = false;
};

// The needs of the BPF object in ELF image `elf`. False with `error` set when the image is not
// an ELF file or its .BTF/.BTF.ext cannot be read.
bool read_core_needs(const void* elf, size_t size, CoreNeeds& out, std::string& error);

// A raw BTF holding every type of `kernel` that libbpf would take as a candidate for one of
// `roots`, complete with the members it embeds (nested structs and unions, arrays, typedefs,
// all the way down), while what its pointers point to keeps only its name, kind and size.
// Resolving the roots' relocations against it gives what resolving them against all of
// `kernel` gives: a field relocation walks members inside one object, never through a pointer,
// and a type relocation compares kinds and names through pointers, not members. `missing`
// gets the roots `kernel` has no candidate for. Empty when `kernel` refers to a type id it
// does not have.
std::string minimal_core_btf(const BtfView& kernel, const std::vector<CoreRoot>& roots,
                             std::vector<CoreRoot>& missing);

} // namespace btc::rt
