// The wildcards of attach points (runtime-lib/src/attach_glob.h), shared by the compiler and
// the tools: '*', '?', sets, escapes, and the patterns the compiler refuses.
#include "attach_glob.h"

#include <gtest/gtest.h>

namespace btc::rt {
namespace {

TEST(AttachGlob, Star) {
  EXPECT_TRUE(attach_glob_match("target_*", "target_leaf"));
  EXPECT_TRUE(attach_glob_match("*", ""));
  EXPECT_TRUE(attach_glob_match("*_leaf", "target_leaf"));
  EXPECT_TRUE(attach_glob_match("t*r*f", "target_leaf"));
  EXPECT_FALSE(attach_glob_match("target_", "target_leaf"));
  EXPECT_FALSE(attach_glob_match("t*x", "target_leaf"));
  EXPECT_TRUE(attach_glob_match("sys_enter_open*", "sys_enter_openat"));
}

TEST(AttachGlob, QuestionMark) {
  EXPECT_TRUE(attach_glob_match("target_?ork", "target_work"));
  EXPECT_FALSE(attach_glob_match("target_?ork", "target_ork"));
  EXPECT_FALSE(attach_glob_match("a?", "a"));
}

TEST(AttachGlob, Sets) {
  EXPECT_TRUE(attach_glob_match("target_[mw]*", "target_many"));
  EXPECT_TRUE(attach_glob_match("target_[mw]*", "target_work"));
  EXPECT_FALSE(attach_glob_match("target_[mw]*", "target_leaf"));
  EXPECT_TRUE(attach_glob_match("target_[a-l]eaf", "target_leaf"));
  EXPECT_FALSE(attach_glob_match("target_[m-z]eaf", "target_leaf"));
  EXPECT_TRUE(attach_glob_match("target_[!m-z]eaf", "target_leaf"));
  EXPECT_TRUE(attach_glob_match("target_[^m-z]eaf", "target_leaf"));
  EXPECT_FALSE(attach_glob_match("target_[!l]eaf", "target_leaf"));
  EXPECT_TRUE(attach_glob_match("a[]]b", "a]b"));
  EXPECT_TRUE(attach_glob_match("a[x-]b", "a-b"));
}

TEST(AttachGlob, Escapes) {
  EXPECT_TRUE(attach_glob_match("operator\\[\\]*", "operator[](unsigned long)"));
  EXPECT_FALSE(attach_glob_match("a\\*", "ab"));
  EXPECT_TRUE(attach_glob_match("a\\*", "a*"));
  EXPECT_EQ(attach_glob_escape_all_but_star("f[abi:cxx11]*?"), "f\\[abi:cxx11\\]*\\?");
  EXPECT_EQ(attach_glob_unescape("f\\[abi:cxx11\\]*\\?"), "f[abi:cxx11]*?");
  EXPECT_TRUE(attach_glob_match(attach_glob_escape_all_but_star("Vec::operator[]*"),
                                "Vec::operator[](unsigned long)"));
}

TEST(AttachGlob, HasWildcard) {
  EXPECT_TRUE(attach_glob_has_wildcard("a*"));
  EXPECT_TRUE(attach_glob_has_wildcard("a?"));
  EXPECT_TRUE(attach_glob_has_wildcard("a[bc]"));
  EXPECT_FALSE(attach_glob_has_wildcard("abc"));
  EXPECT_FALSE(attach_glob_has_wildcard("a\\[b\\]"));
}

TEST(AttachGlob, Problems) {
  size_t at = 0;
  EXPECT_EQ(attach_glob_problem("target_[mw]*", at), "");
  EXPECT_EQ(attach_glob_problem("target_[mw*", at),
            "'[' opens a set of characters that no ']' closes");
  EXPECT_EQ(at, 7u);
  EXPECT_EQ(attach_glob_problem("target_]", at), "']' closes no set of characters");
  EXPECT_EQ(at, 7u);
  EXPECT_EQ(attach_glob_problem("a\\[b", at), "");
}

} // namespace
} // namespace btc::rt
