// The TSS copy rules Portcullis's window rule (WindowCopy, kernel/arch/x86_64/tss_io_state.h) is
// measured against. Only benchmarks and tests instantiate BasicTssIoState with these; the kernel's
// context switch never carries them.
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

// Naive: no sequence check, all 8 KiB on every switch to a task with ports.
struct AlwaysCopy {
  static constexpr bool kReuseBySequence = false;
  static constexpr IoRefill refill(IoByteWindow, IoByteWindow bitmap_window) {
    return IoRefill{IoByteWindow{0, kIoBitmapByteCount}, bitmap_window};
  }
};

static_assert(IoCopyPolicy<LinuxPrefixCopy> && IoCopyPolicy<AlwaysCopy>);
