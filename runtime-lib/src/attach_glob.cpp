#include "attach_glob.h"

namespace btc::rt {

namespace {

// The end of the set opening at `open` (the offset of its ']'), npos when it is not closed.
size_t set_end(std::string_view p, size_t open) {
  size_t i = open + 1;
  if (i < p.size() && (p[i] == '!' || p[i] == '^')) ++i;
  if (i < p.size() && p[i] == ']') ++i; // a member, not the end
  for (; i < p.size(); ++i) {
    if (p[i] == '\\' && i + 1 < p.size())
      ++i;
    else if (p[i] == ']')
      return i;
  }
  return std::string_view::npos;
}

// Whether `c` is in the set p[open..close].
bool in_set(std::string_view p, size_t open, size_t close, char c) {
  size_t i = open + 1;
  bool negate = i < close && (p[i] == '!' || p[i] == '^');
  if (negate) ++i;
  bool found = false;
  while (i < close) {
    char lo = p[i];
    if (lo == '\\' && i + 1 < close) lo = p[++i];
    ++i;
    char hi = lo;
    if (i + 1 < close && p[i] == '-') {
      hi = p[i + 1];
      if (hi == '\\' && i + 2 < close) hi = p[++i + 1];
      i += 2;
    }
    if (static_cast<unsigned char>(lo) <= static_cast<unsigned char>(c) &&
        static_cast<unsigned char>(c) <= static_cast<unsigned char>(hi))
      found = true;
  }
  return found != negate;
}

// Matches one character of the pattern at `p` (not '*') against `c`; sets `next` past it.
bool match_one(std::string_view pat, size_t p, char c, size_t& next) {
  if (pat[p] == '?') {
    next = p + 1;
    return true;
  }
  if (pat[p] == '[') {
    size_t close = set_end(pat, p);
    if (close != std::string_view::npos) {
      next = close + 1;
      return in_set(pat, p, close, c);
    }
  }
  if (pat[p] == '\\' && p + 1 < pat.size()) {
    next = p + 2;
    return pat[p + 1] == c;
  }
  next = p + 1;
  return pat[p] == c;
}

} // namespace

bool attach_glob_match(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    size_t next = 0;
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && match_one(pattern, p, text[t], next)) {
      p = next;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool attach_glob_has_wildcard(std::string_view pattern) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\')
      ++i;
    else if (pattern[i] == '*' || pattern[i] == '?' || pattern[i] == '[')
      return true;
  }
  return false;
}

std::string attach_glob_problem(std::string_view pattern, size_t& at) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      ++i;
    } else if (pattern[i] == '[') {
      size_t close = set_end(pattern, i);
      if (close == std::string_view::npos) {
        at = i;
        return "'[' opens a set of characters that no ']' closes";
      }
      i = close;
    } else if (pattern[i] == ']') {
      at = i;
      return "']' closes no set of characters";
    }
  }
  return "";
}

std::string attach_glob_escape_all_but_star(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '?' || c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string attach_glob_unescape(std::string_view pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) ++i;
    out += pattern[i];
  }
  return out;
}

} // namespace btc::rt
