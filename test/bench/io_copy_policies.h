// The TSS copy rules Portcullis's window rule (WindowCopy, kernel/arch/x86_64/tss_io_state.h) is
// measured against: Linux's here, the naive AlwaysCopy beside WindowCopy in that header (the
// io_copy=always kernel build carries it). Only benchmarks and tests instantiate BasicTssIoState
// with LinuxPrefixCopy; the kernel's context switch never carries it.
#pragma once

#include "kernel/arch/x86_64/tss_io_state.h"

// Linux 5.5: sequence check, then copy [0, max(old max, new max)) with max rounded up to 8 bytes.
struct LinuxPrefixCopy {
  static constexpr bool kReuseBySequence = true;
  static constexpr IoRefill refill(IoByteWindow slot_dirty, IoByteWindow bitmap_window) {
    const uint32_t max = (bitmap_window.hi + 7) / 8 * 8;
    const uint32_t old_max = slot_dirty.hi;
    return IoRefill{IoByteWindow{0, max > old_max ? max : old_max}, IoByteWindow{0, max}};
  }
};

static_assert(IoCopyPolicy<LinuxPrefixCopy> && IoCopyPolicy<AlwaysCopy>);
