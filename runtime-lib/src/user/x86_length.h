// Lengths of x86-64 instructions, for one question: is `func+off` the start of an instruction?
// The kernel accepts a uprobe at any byte and then silently corrupts the traced program when the
// byte is inside an instruction (docs/design/user-space.md 1.3), so the tool checks every offset
// by decoding from the function's first byte. Only lengths are decoded, no operands.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace btc::rt {

// The length of the instruction at the start of `code` (64-bit mode), or 0 when the bytes are
// not a valid instruction or `code` ends inside it.
size_t x86_instruction_length(std::span<const uint8_t> code);

enum class Boundary { Yes, Inside, Undecodable };

// Whether `offset` is where an instruction starts, decoding `code` (a function's bytes) from 0.
Boundary x86_is_instruction_boundary(std::span<const uint8_t> code, uint64_t offset);

} // namespace btc::rt
