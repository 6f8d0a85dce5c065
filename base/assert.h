// ASSERT for invariants that cannot fail: a violated one panics with file and line (in the kernel),
// aborts (on the host) or traps (in user space, libsys/assert_fail.cc). User input is never
// asserted; it is checked and answered with a Status.
#pragma once

[[noreturn]] void assert_fail(const char* expr, const char* file, int line);

#define ASSERT(cond)                            \
  do {                                          \
    if (__builtin_expect(!(cond), 0)) {         \
      ::assert_fail(#cond, __FILE__, __LINE__); \
    }                                           \
  } while (0)

#if defined(NDEBUG)
#define DEBUG_ASSERT(cond) \
  do {                     \
  } while (0)
#else
#define DEBUG_ASSERT(cond) ASSERT(cond)
#endif
