// kfunc_allowed("name"): whether a program of a probe's type may call a kernel kfunc, answered
// by the running kernel's verifier when the tool starts.
#pragma once

#include <string>

namespace btc::rt {

// Loads a two-instruction program of the type libbpf gives `section` ("kprobe", "iter", ...)
// that calls kfunc `name` by its BTF id, and reads the verifier's log: the kfunc is allowed
// unless the kernel's BTF lacks it or the verifier refuses the call itself ("calling kernel
// function NAME is not allowed", or no kfunc calls at all). The program is never valid
// otherwise (the kfunc's arguments are not set up): any other complaint means the call passed.
// A tracing program (kfunc, kretfunc, iter) is loaded as a task iterator. False with `error` set
// when the test cannot be made (the BTF unreadable, a load refused before the verifier ran).
bool kernel_kfunc_allowed(const std::string& name, const std::string& section, bool& allowed,
                          std::string& error);

// " (Linux X.Y+)" for a kfunc btc calls itself, the release that brought it; "" for others.
std::string kfunc_since(const std::string& name);

} // namespace btc::rt
