// The syscall path from ring 3 (a module run by test=programs): the arguments crt0 hands main,
// debug_write's success and every error it documents (docs/syscalls.md), the null call, numbers
// past the list, calls not implemented yet, which registers survive a SYSCALL, and the null
// call's cost (printed; meaningful under QEMU -icount).
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/program_layout.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "unity.h"

namespace {

int g_argc = 0;
char** g_argv = nullptr;
char g_text[2048];

int status_of(SyscallResult r) { return static_cast<int>(r.status); }
constexpr int kOk = static_cast<int>(Status::kOk);
constexpr int kAccessDenied = static_cast<int>(Status::kAccessDenied);
constexpr int kOverflow = static_cast<int>(Status::kOverflow);
constexpr int kInvalidArgument = static_cast<int>(Status::kInvalidArgument);
constexpr int kNotFound = static_cast<int>(Status::kNotFound);
constexpr int kOutOfRange = static_cast<int>(Status::kOutOfRange);
constexpr int kNotSupported = static_cast<int>(Status::kNotSupported);

int write_at(uint64_t address, uint64_t length) {
  return status_of(sys_debug_write(address, length));
}

// A SYSCALL with any 64-bit number in rax (the stubs take the list's numbers only).
uint64_t raw_syscall(uint64_t number) {
  asm volatile("syscall" : "+a"(number) : : "rcx", "r11", "rdx", "memory");
  return number;
}

void test_main_gets_the_module_line_as_arguments() {
  TEST_ASSERT_EQUAL_INT(3, g_argc);
  TEST_ASSERT_EQUAL_STRING("syscall_user_test", g_argv[0]);
  TEST_ASSERT_EQUAL_STRING("first-argument", g_argv[1]);
  TEST_ASSERT_EQUAL_STRING("second", g_argv[2]);
  TEST_ASSERT_NULL(g_argv[3]);
  TEST_ASSERT_EQUAL_UINT64(0, reinterpret_cast<uint64_t>(g_argv) % 8);
  TEST_ASSERT_TRUE(reinterpret_cast<uint64_t>(g_argv) < kUserStackTop);
}

void test_debug_write_prints() {
  const char text[] = "syscall_user_test: hello from ring 3\n";
  TEST_ASSERT_EQUAL_INT(kOk, status_of(sys_debug_write(text, sizeof text - 1)));
  TEST_ASSERT_EQUAL_INT(kOk, static_cast<int>(sys::printf("syscall_user_test: printf %d %s 0x%x\n",
                                                          42, "words", 0xBEEFu)));
}

void test_debug_write_zero_length_touches_nothing() {
  TEST_ASSERT_EQUAL_INT(kOk, write_at(0, 0));
  TEST_ASSERT_EQUAL_INT(kOk, write_at(0xFFFF800000000000, 0));
}

void test_debug_write_kernel_pointer_is_denied() {
  TEST_ASSERT_EQUAL_INT(kAccessDenied, write_at(0xFFFFFFFF80000000, 8));  // the kernel image
  TEST_ASSERT_EQUAL_INT(kAccessDenied, write_at(0xFFFF800000000000, 8));  // the direct map
}

void test_debug_write_non_canonical_or_crossing_the_top_is_denied() {
  TEST_ASSERT_EQUAL_INT(kAccessDenied, write_at(kUserTop, 1));
  TEST_ASSERT_EQUAL_INT(kAccessDenied, write_at(0x0000900000000000, 8));
  TEST_ASSERT_EQUAL_INT(kAccessDenied, write_at(kUserTop - 4, 8));
}

void test_debug_write_length_overflow() {
  TEST_ASSERT_EQUAL_INT(kOverflow, write_at(reinterpret_cast<uint64_t>(g_text), UINT64_MAX));
  TEST_ASSERT_EQUAL_INT(kOverflow, write_at(UINT64_MAX - 7, 16));
}

void test_debug_write_null_page() {
  TEST_ASSERT_EQUAL_INT(kInvalidArgument, write_at(0, 1));
  TEST_ASSERT_EQUAL_INT(kInvalidArgument, write_at(0xFFF, 2));  // ends past the null page
}

void test_debug_write_unmapped_pointer() {
  TEST_ASSERT_EQUAL_INT(kNotFound, write_at(0x10000000, 8));
  TEST_ASSERT_EQUAL_INT(kNotFound, write_at(kUserStackGuard, 8));  // the stack's guard page
  // Mapped, then unmapped: nothing is printed (the whole text is copied in first).
  TEST_ASSERT_EQUAL_INT(kNotFound, write_at(kUserStackTop - 4, 8));
}

void test_debug_write_length_limit() {
  for (char& c : g_text) c = '.';
  g_text[1023] = '\n';
  TEST_ASSERT_EQUAL_INT(kOutOfRange, write_at(reinterpret_cast<uint64_t>(g_text), 1025));
  TEST_ASSERT_EQUAL_INT(kOk, write_at(reinterpret_cast<uint64_t>(g_text), 1024));
}

void test_null_call() {
  const SyscallResult r = sys_null();
  TEST_ASSERT_EQUAL_INT(kOk, status_of(r));
  TEST_ASSERT_EQUAL_UINT64(0, r.extra);
}

void test_numbers_past_the_list_are_not_supported() {
  TEST_ASSERT_EQUAL_UINT64(kNotSupported, raw_syscall(kSyscallCount));
  TEST_ASSERT_EQUAL_UINT64(kNotSupported, raw_syscall(1000));
  TEST_ASSERT_EQUAL_UINT64(kNotSupported, raw_syscall(0xFFFFFFFF));
  // All 64 bits count: this is not debug_write (number 0).
  TEST_ASSERT_EQUAL_UINT64(kNotSupported, raw_syscall(uint64_t{1} << 32));
  TEST_ASSERT_EQUAL_UINT64(kNotSupported, raw_syscall(UINT64_MAX));
}

// A program the runner starts holds no IoPorts capability (init hands them out).
void test_io_ports_calls_need_an_io_ports_capability() {
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kWrongType),
                        status_of(sys_io_ports_enable(kSlotSelfAddressSpace)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kBadHandle), status_of(sys_io_ports_disable(40)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kBadHandle),
                        status_of(sys_io_ports_enable(uint64_t{1} << 32)));
}

}  // namespace

// Loads rbx, rbp, rsi, r8, r9, r10, r12-r15, rdi from in[0..10], makes the null call, stores the
// same registers to out[0..10]. Written in assembly so no compiler choice hides a clobber.
extern "C" void registers_around_null_syscall(const uint64_t* in, uint64_t* out);
static_assert(static_cast<uint32_t>(Syscall::null) == 16, "the assembly below says 16");
asm(R"(
    .text
    .globl registers_around_null_syscall
registers_around_null_syscall:
    pushq %rbx
    pushq %rbp
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    pushq %rsi
    movq 0(%rdi), %rbx
    movq 8(%rdi), %rbp
    movq 16(%rdi), %rsi
    movq 24(%rdi), %r8
    movq 32(%rdi), %r9
    movq 40(%rdi), %r10
    movq 48(%rdi), %r12
    movq 56(%rdi), %r13
    movq 64(%rdi), %r14
    movq 72(%rdi), %r15
    movq 80(%rdi), %rdi
    movl $16, %eax
    syscall
    pushq %rdi
    movq 8(%rsp), %rdi
    movq %rbx, 0(%rdi)
    movq %rbp, 8(%rdi)
    movq %rsi, 16(%rdi)
    movq %r8, 24(%rdi)
    movq %r9, 32(%rdi)
    movq %r10, 40(%rdi)
    movq %r12, 48(%rdi)
    movq %r13, 56(%rdi)
    movq %r14, 64(%rdi)
    movq %r15, 72(%rdi)
    popq %rax
    movq %rax, 80(%rdi)
    addq $8, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbp
    popq %rbx
    ret
)");

namespace {

void test_registers_survive_a_syscall() {
  uint64_t in[11], out[11];
  for (uint64_t i = 0; i < 11; ++i) {
    in[i] = 0x1111111111111111 * (i + 1) ^ 0x8000000000000000;
    out[i] = 0;
  }
  registers_around_null_syscall(in, out);
  TEST_ASSERT_EQUAL_HEX64_ARRAY(in, out, 11);
}

uint64_t rdtsc() {
  uint32_t lo, hi;
  asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
  return (uint64_t{hi} << 32) | lo;
}

// Measured as sel4bench measures it: t0 = rdtsc; the call; t1 = rdtsc, nothing subtracted. Under
// QEMU -icount shift=0 a tick is one guest instruction; on other boots the figure is only printed.
void test_null_call_cost() {
  constexpr int kRuns = 201;
  uint64_t ticks[kRuns];
  for (uint64_t& t : ticks) {
    const uint64_t t0 = rdtsc();
    (void)sys_null();
    t = rdtsc() - t0;
  }
  for (int i = 1; i < kRuns; ++i) {  // insertion sort: small, and no library
    const uint64_t v = ticks[i];
    int j = i - 1;
    while (j >= 0 && ticks[j] > v) {
      ticks[j + 1] = ticks[j];
      --j;
    }
    ticks[j + 1] = v;
  }
  sys::printf("syscall_user_test: null syscall median %lu ticks (min %lu, max %lu, %d runs)\n",
              ticks[kRuns / 2], ticks[0], ticks[kRuns - 1], kRuns);
  TEST_ASSERT_TRUE(ticks[0] > 0);
}

}  // namespace

void setUp() {}
void tearDown() {}

int main(int argc, char** argv) {
  g_argc = argc;
  g_argv = argv;
  UNITY_BEGIN();
  RUN_TEST(test_main_gets_the_module_line_as_arguments);
  RUN_TEST(test_debug_write_prints);
  RUN_TEST(test_debug_write_zero_length_touches_nothing);
  RUN_TEST(test_debug_write_kernel_pointer_is_denied);
  RUN_TEST(test_debug_write_non_canonical_or_crossing_the_top_is_denied);
  RUN_TEST(test_debug_write_length_overflow);
  RUN_TEST(test_debug_write_null_page);
  RUN_TEST(test_debug_write_unmapped_pointer);
  RUN_TEST(test_debug_write_length_limit);
  RUN_TEST(test_null_call);
  RUN_TEST(test_numbers_past_the_list_are_not_supported);
  RUN_TEST(test_io_ports_calls_need_an_io_ports_capability);
  RUN_TEST(test_registers_survive_a_syscall);
  RUN_TEST(test_null_call_cost);
  return UNITY_END();
}
