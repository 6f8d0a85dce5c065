// The scheduling words of thread_create (docs/scheduling.md): a priority and a CPU, as user space
// names them. The kernel's scheduler checks that its own constants agree
// (kernel/syscall/thread_calls.cc).
#pragma once

#include <stdint.h>

// 0 = least urgent .. kThreadPriorityCount - 1 = most urgent. A program's first thread runs at
// kThreadPriorityDefault unless its starter chose another level (task_set_priority, before
// task_start), and a thread may create threads, or start tasks, no more urgent than itself.
inline constexpr uint32_t kThreadPriorityCount = 16;
inline constexpr uint32_t kThreadPriorityDefault = 8;
// init's first thread: above the default, so that init can start servers above their clients
// (a server woken by a client's call then preempts whatever of lower level runs on its CPU).
inline constexpr uint32_t kThreadPriorityInit = 12;
// As a priority argument (thread_create, task_set_priority): the calling thread's own level.
inline constexpr uint32_t kThreadPrioritySame = 0xFFFFFFFFu;
// As thread_create's cpu: run on any CPU (otherwise the thread is pinned to that CPU index,
// 0 .. number of CPUs - 1).
inline constexpr uint32_t kThreadCpuAny = 0xFFFFFFFFu;
