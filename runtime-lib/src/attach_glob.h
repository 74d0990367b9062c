// The wildcards of attach points, one description for every probe kind, read by the compiler
// (kernel functions and tracepoints of the build host, uprobe and usdt targets it has) and by
// the tool where it runs (the same names there), so that both match alike:
//   *       any run of characters (bpftrace 0.17 and later: the only one they match)
//   ?       one character
//   [abc]   one character of the set; ranges [a-z]; [!a-z] or [^a-z] one not in it; a ']'
//           first in the set is a member ([]a])
//   \c      the character c itself (a quoted C++ name is matched with its '?', '[' and ']'
//           escaped: only '*' is a wildcard there)
// A '[' that opens no set (no ']' after it) is an error the compiler reports at the probe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace btc::rt {

// Whether `text` matches `pattern` as a whole.
bool attach_glob_match(std::string_view pattern, std::string_view text);
// Whether `pattern` holds a wildcard (an unescaped '*', '?' or '[').
bool attach_glob_has_wildcard(std::string_view pattern);
// What is wrong with `pattern` ("" when nothing), and at which offset of it.
std::string attach_glob_problem(std::string_view pattern, size_t& at);
// `name` with '?', '[', ']' and '\' escaped: only its '*'s stay wildcards.
std::string attach_glob_escape_all_but_star(std::string_view name);
// `pattern` with its escapes removed (for messages and the names of literal probes).
std::string attach_glob_unescape(std::string_view pattern);

} // namespace btc::rt
