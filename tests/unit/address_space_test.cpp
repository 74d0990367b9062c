// Address spaces in sema: which pointers are the process's (syscall tracepoint arguments,
// uptr()) and which the kernel's, how casts, fields and derefs carry the space on, and the
// types of tracepoint pointer and array fields. Uses the build host's tracefs and BTF.
#include "frontend_test_util.h"
#include "kernel/btf.h"
#include "types/types.h"

#include <gtest/gtest.h>

namespace btc {
namespace {

// Analyzed with the kernel's BTF as the source of named types, as btc does.
std::unique_ptr<test::Compiled> analyzed(const std::string& script) {
  auto c = test::parse(script);
  if (c->program) c->sema = analyze(*c->program, c->diags, {&KernelBtf::get()});
  return c;
}

std::unique_ptr<test::Compiled> ok(const std::string& script) {
  auto r = analyzed(script);
  EXPECT_TRUE(r->sema) << script << "\n" << r->diagnostics();
  EXPECT_EQ(r->diagnostics(), "") << script;
  return r;
}

Type var(const test::Compiled& c, const std::string& name, size_t probe = 0) {
  if (!c.sema || probe >= c.sema->probes.size()) return Type::none();
  auto it = c.sema->probes[probe].vars.find(name);
  return it == c.sema->probes[probe].vars.end() ? Type::none() : it->second.type;
}

TEST(AddressSpace, SyscallTracepointPointersAreUserAddresses) {
  if (!KernelBtf::get().data()) GTEST_SKIP() << "no kernel BTF";
  auto r = ok("tracepoint:syscalls:sys_enter_nanosleep { $p = args->rqtp; $s = args->rqtp->tv_sec; "
              "$n = args.rqtp->tv_nsec; } "
              "tracepoint:syscalls:sys_enter_openat { $f = args->filename; $d = args->dfd; }");
  Type p = var(*r, "p");
  ASSERT_EQ(p.kind(), TypeKind::Pointer);
  EXPECT_EQ(p.addr_space(), AddrSpace::User);
  ASSERT_TRUE(p.pointee());
  EXPECT_EQ(type_name(p), "struct __kernel_timespec *");
  EXPECT_EQ(var(*r, "s").kind(), TypeKind::Int);
  EXPECT_EQ(var(*r, "s").bits(), 64);
  EXPECT_EQ(var(*r, "n").kind(), TypeKind::Int);
  Type f = var(*r, "f", 1);
  EXPECT_EQ(f.addr_space(), AddrSpace::User);
  EXPECT_TRUE(f.points_to_char());
  EXPECT_EQ(type_name(f), "char *");
  EXPECT_EQ(var(*r, "d", 1).addr_space(), AddrSpace::None);
}

TEST(AddressSpace, OtherTracepointPointersAreKernelAddresses) {
  if (!KernelBtf::get().data()) GTEST_SKIP() << "no kernel BTF";
  auto r = ok("tracepoint:sock:inet_sock_set_state { $sk = args->skaddr; }");
  EXPECT_EQ(var(*r, "sk").kind(), TypeKind::Pointer);
  EXPECT_EQ(var(*r, "sk").addr_space(), AddrSpace::Kernel);
}

TEST(AddressSpace, PointerFieldsOfIntegersAreTyped) {
  if (!KernelBtf::get().data()) GTEST_SKIP() << "no kernel BTF";
  // int *upeer_addrlen: a pointer to a 32-bit integer in the process.
  auto r = ok("tracepoint:syscalls:sys_enter_accept { $l = args->upeer_addrlen; $v = *$l; }");
  Type l = var(*r, "l");
  ASSERT_EQ(l.kind(), TypeKind::Pointer);
  EXPECT_EQ(l.addr_space(), AddrSpace::User);
  EXPECT_EQ(type_name(l), "int32 *");
  EXPECT_EQ(var(*r, "v"), Type::integer(32, true));
}

TEST(AddressSpace, KptrAndUptrSetTheSpaceAndKeepTheType) {
  if (!KernelBtf::get().data()) GTEST_SKIP() << "no kernel BTF";
  auto r = ok("BEGIN { $u = uptr(0x1000); $k = kptr($u); $c = (int32 *)uptr(0x10); "
              "$t = (struct task_struct *)kptr(curtask); $x = 0x10; }");
  EXPECT_EQ(var(*r, "u"), Type::integer());
  EXPECT_EQ(var(*r, "u").addr_space(), AddrSpace::User);
  EXPECT_EQ(var(*r, "k").addr_space(), AddrSpace::Kernel);
  EXPECT_EQ(var(*r, "c").addr_space(), AddrSpace::User);
  EXPECT_EQ(type_name(var(*r, "c")), "int32 *");
  EXPECT_EQ(var(*r, "t").addr_space(), AddrSpace::Kernel);
  EXPECT_EQ(var(*r, "x").addr_space(), AddrSpace::None);
}

TEST(AddressSpace, PointersReadFromUserMemoryAreUserPointers) {
  if (!KernelBtf::get().data()) GTEST_SKIP() << "no kernel BTF";
  // A kernel struct's pointer member read through a user address is a user address too.
  auto r = ok("BEGIN { $t = (struct task_struct *)uptr(0x1000); $p = $t->real_parent; "
              "$q = curtask->real_parent; $m = $t->mm; }");
  EXPECT_EQ(var(*r, "p").addr_space(), AddrSpace::User);
  EXPECT_EQ(var(*r, "q").addr_space(), AddrSpace::Kernel);
  EXPECT_EQ(var(*r, "m").addr_space(), AddrSpace::User);
}

TEST(AddressSpace, TracepointArraysLargerThanEightBytes) {
  if (!KernelBtf::get().data()) GTEST_SKIP() << "no kernel BTF";
  auto r = ok("tracepoint:sock:inet_sock_set_state { "
              "printf(\"%s %s\\n\", ntop(args->saddr_v6), ntop(args->family, args->saddr)); "
              "$b = args->daddr_v6[15]; $fam = args->family; }");
  ASSERT_TRUE(r->program);
  const Expr& call = *r->program->probes[0].body[0]->value;
  EXPECT_EQ(call.args[1]->args[0]->type, Type::array(Type::integer(8, false), 16));
  EXPECT_EQ(call.args[2]->args[1]->type, Type::array(Type::integer(8, false), 4));
  EXPECT_EQ(var(*r, "b"), Type::integer(8, false));
  EXPECT_EQ(var(*r, "fam"), Type::integer(16, false));
}

TEST(AddressSpace, Misuse) {
  EXPECT_EQ(analyzed("BEGIN { $x = uptr(\"abc\"); }")->diagnostics(),
            "test.bt:1:19: error: uptr() expects an address (an integer or a pointer), not "
            "string[4]\n"
            "BEGIN { $x = uptr(\"abc\"); }\n"
            "                  ^~~~~\n");
  EXPECT_EQ(analyzed("BEGIN { $x = *comm; }")->diagnostics(),
            "test.bt:1:14: error: cannot dereference a value of type string[16]\n"
            "BEGIN { $x = *comm; }\n"
            "             ^~~~~\n");
}

} // namespace
} // namespace btc
