// Clang thread-safety annotations (Zircon's TA_* style). They compile to nothing under g++; the
// test command's clang pass (test/harness/thread_safety_check.py) checks every source of every
// build with -Wthread-safety -Werror.
#pragma once

#if defined(__clang__)
#define TA_ATTR(x) __attribute__((x))
#else
#define TA_ATTR(x)
#endif

#define CAPABILITY(name) TA_ATTR(capability(name))
#define SCOPED_CAPABILITY TA_ATTR(scoped_lockable)
#define GUARDED_BY(lock) TA_ATTR(guarded_by(lock))
#define PT_GUARDED_BY(lock) TA_ATTR(pt_guarded_by(lock))
#define REQUIRES(...) TA_ATTR(requires_capability(__VA_ARGS__))
#define EXCLUDES(...) TA_ATTR(locks_excluded(__VA_ARGS__))
#define ACQUIRE(...) TA_ATTR(acquire_capability(__VA_ARGS__))
#define RELEASE(...) TA_ATTR(release_capability(__VA_ARGS__))
#define TRY_ACQUIRE(...) TA_ATTR(try_acquire_capability(__VA_ARGS__))
// On a function that checks at run time that the capability is held (or that the caller has the
// object to itself): from then on the analysis treats it as held.
#define ASSERT_CAPABILITY(x) TA_ATTR(assert_capability(x))
#define NO_THREAD_SAFETY_ANALYSIS TA_ATTR(no_thread_safety_analysis)
