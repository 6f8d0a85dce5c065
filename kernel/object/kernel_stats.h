// The kernel_stats syscall's snapshot (abi/portcullis/kernel_stats.h), also for in-kernel tests:
// the memory figures of kernel/mm/memory_in_use.h, the live objects per kind and the backlog of
// objects on their way to being freed. Each figure is read once, on its own.
#pragma once

#include "abi/portcullis/kernel_stats.h"

KernelStats kernel_stats_now();
