// The hooks through which the common code reaches the runtime's optional pieces
// (BTC_RUNTIME_PIECES, btc/manifest.h). Each piece's API is one `PieceApi<Piece::X>` of
// function pointers; the piece's own file defines it and its installer (`install_<name>()`),
// which the generated driver names when the script needs the piece, so a tool links a piece's
// code only then. `piece<Piece::X>()` is the installed API; reaching a piece the driver did not
// install ends the tool with one line naming it (the compiler's decision rules that out).
#pragma once

#include "btc/manifest.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct bpf_map;

namespace btc::rt {

struct Value;
struct SourceInfo;
struct InlinedCall;

template <Piece P> struct PieceApi;

// show_debug_info (user/debug_info.cpp).
template <> struct PieceApi<Piece::DebugInfo> {
  // The line tables and inlined calls of the ELF file at `path`, else of its debug file at
  // `debug_path` ("" for none); with `verbose`, one line on stderr tells what was read of `name`.
  std::shared_ptr<const SourceInfo> (*load)(const std::string& path, const std::string& debug_path,
                                            const std::string& name, bool verbose);
  // The file and line of link-time address `vaddr` and the calls inlined there, outermost
  // first; false when no line table covers it.
  bool (*find)(const SourceInfo& info, uint64_t vaddr, std::string& file, uint32_t& line,
               std::vector<InlinedCall>& calls);
};

// printf's %gr (gfp_flags.cpp).
template <> struct PieceApi<Piece::GfpFlags> {
  std::string (*text)(uint64_t flags); // the running kernel's flag names
};

// tseries() values (tseries_format.cpp).
template <> struct PieceApi<Piece::TSeries> {
  std::string (*text)(const Value& v);
  std::string (*json)(const Value& v);
};

// Enum values by name (enum_names.cpp).
template <> struct PieceApi<Piece::EnumNames> {
  std::string (*text)(const Type& type, uint64_t value);
};

// skboutput()'s packets written to pcap files (pcap_output.cpp, PcapOutput).
class PacketOutput {
public:
  virtual ~PacketOutput() = default;
  // Creates the files; false with a one-line `error` when one cannot be written.
  virtual bool open(const char* const* paths, uint32_t num_paths, std::string& error) = 0;
  // Reads the packets of `map`'s perf buffer (`pages` pages per CPU, a power of 2).
  virtual bool listen(bpf_map* map, size_t pages, std::string& error) = 0;
  // The perf buffer's descriptor to wait on; -1 when there is none.
  virtual int epoll_fd() const = 0;
  // Writes the packets that arrived.
  virtual void consume() = 0;
  // Packets the kernel dropped because the perf buffer was full, since the last call.
  virtual uint64_t take_lost() = 0;
};
template <> struct PieceApi<Piece::Pcap> { std::unique_ptr<PacketOutput> (*create)(); };

// Test loads of kfunc calls (kfunc_allowed.cpp).
template <> struct PieceApi<Piece::KfuncTest> {
  bool (*allowed)(const std::string& name, const std::string& section, bool& allowed,
                  std::string& error);
  std::string (*since)(const std::string& name);
};

// ustack and usym (user/user_symbols.cpp): UserSymbols.
template <> struct PieceApi<Piece::UserSymbols> {
  // config cache_user_symbols and lazy_symbolication as the tool runs them; -v.
  void (*configure)(UserSymbolCache cache, bool lazy, bool verbose);
  void (*note_process)(uint32_t pid, const std::string& file, uint64_t bias);
  std::string (*resolve)(uint32_t pid, uint64_t addr, bool with_offset, bool with_module,
                         std::vector<std::string>* inlined);
};

// kstack and ksym (kernel_symbols.cpp): KernelSymbols.
template <> struct PieceApi<Piece::KernelSymbols> {
  std::string (*resolve)(uint64_t addr, bool with_offset);
};

// cgroup_path() (cgroups.cpp).
template <> struct PieceApi<Piece::CgroupPaths> {
  std::string (*text)(uint64_t id, const std::string& filter);
};

// CO-RE against a minimal BTF (core_btf.cpp), for a tool that reads the kernel's types.
template <> struct PieceApi<Piece::CoreBtf> {
  // Where libbpf finds the BTF to resolve the CO-RE relocations of the BPF object `elf` against:
  // `path` empty for the kernel's own, else a memfd (`fd`, to close after load) holding a
  // minimal BTF; false with `error` when the kernel's BTF cannot be read.
  bool (*minimal_btf)(const void* elf, size_t size, bool verbose, std::string& path, int& fd,
                      std::string& error);
};

namespace piece_detail {
extern const void* g_installed[kNumPieces];
[[noreturn]] void missing(Piece p);
} // namespace piece_detail

// Called by a piece's installer.
template <Piece P> void install_piece(const PieceApi<P>& api) {
  piece_detail::g_installed[static_cast<unsigned>(P)] = &api;
}

template <Piece P> bool piece_installed() {
  return piece_detail::g_installed[static_cast<unsigned>(P)] != nullptr;
}

// The API of piece P; one line on stderr and exit status 1 when it is not installed.
template <Piece P> const PieceApi<P>& piece() {
  const void* api = piece_detail::g_installed[static_cast<unsigned>(P)];
  if (!api) [[unlikely]]
    piece_detail::missing(P);
  return *static_cast<const PieceApi<P>*>(api);
}

// Runs the installers the driver lists (run_tool does, first).
void install_pieces(const Manifest& m);

} // namespace btc::rt
