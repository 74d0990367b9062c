// Compiling the generated BPF C to an object with BTF, in process, with Clang.
#pragma once

#include <string>

namespace btc {

// Compiles `c_name` to `object_name`, both relative to `work_dir`, which is the working directory
// for the compilation: the `#line` directives of the generated C name the line file by a
// relative name too, and BTF line info takes the text of each line from that file, so the object
// names no temporary path. Returns false with Clang's diagnostics in `errors`. LLVM 19's BPF
// backend keeps static state between compilations: call this at most once per process.
bool compile_bpf(const std::string& work_dir, const std::string& c_name,
                 const std::string& object_name, const std::string& include_dir,
                 std::string& errors);

} // namespace btc
