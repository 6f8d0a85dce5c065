// The scheduling words of thread_create (docs/scheduling.md): a priority and a CPU, as user space
// names them. The kernel's scheduler checks that its own constants agree
// (kernel/syscall/thread_calls.cc).
#pragma once

#include <stdint.h>

// 0 = least urgent .. kThreadPriorityCount - 1 = most urgent. A program's first thread runs at
// kThreadPriorityDefault, and a thread may create threads no more urgent than itself.
inline constexpr uint32_t kThreadPriorityCount = 16;
inline constexpr uint32_t kThreadPriorityDefault = 8;
// As thread_create's cpu: run on any CPU (otherwise the thread is pinned to that CPU index,
// 0 .. number of CPUs - 1).
inline constexpr uint32_t kThreadCpuAny = 0xFFFFFFFFu;
