// "Run this function on these CPUs and wait until each has finished": the primitive under TLB
// shootdown and I/O-bitmap revocation. Each calling CPU has one mailbox slot on every target, so
// calls from different CPUs never wait for each other, and a caller keeps serving calls addressed
// to it while it waits (two CPUs calling each other cannot deadlock). Interrupts stay off during a
// call.
#pragma once

#include "base/cpu_set.h"

using CrossCpuFunction = void (*)(void* arg);

// Runs fn(arg) on every CPU in `targets` that is online (on this CPU directly, if included) and
// returns once all have run it. Must not be called from an interrupt handler.
void cross_cpu_call(CpuSet targets, CrossCpuFunction fn, void* arg);

// The call IPI's handler: runs every call queued for this CPU.
void cross_cpu_call_handle();

// What cross_cpu_call cost, summed over every CPU since boot (kernel_stats): the calls that had
// another CPU to wait for, and the time their callers spent waiting with interrupts off, from the
// IPI to the last target's answer. On an emulator whose virtual CPUs outnumber the host's cores a
// target may not be running at all, and this is where that time shows.
struct CrossCpuCallTotals {
  uint64_t calls = 0;
  uint64_t wait_ns = 0;
};
CrossCpuCallTotals cross_cpu_call_totals();
