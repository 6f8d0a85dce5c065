// A fake of one CPU's K TSS slots for host tests: the TssIoHardware the engine writes to, recording
// every byte written, every map-base store and every activation, and an evaluator that decides an
// IN/OUT the way the CPU does (Intel SDM vol. 1 §19.5.2, confirmed on QEMU TCG and Bochs,
// docs/emulators.md):
//   - the I/O map base is read from the active TSS (offset 102);
//   - the CPU reads the two bytes at map_base + port / 8 and + 1; both must lie within the TSS
//   limit,
//     or the access faults (hence the trailing 0xFF byte after the 8 KiB bitmap);
//   - an access of width w needs bits port % 8 .. port % 8 + w - 1 of that 16-bit word all clear.
#pragma once

#include <stdint.h>
#include <string.h>

#include <vector>

#include "kernel/arch/x86_64/tss_io_state.h"

namespace fake_tss {

inline constexpr uint32_t kHeaderBytes = 104;  // 64-bit TSS
inline constexpr uint32_t kMapBaseOffset = 102;
inline constexpr uint32_t kBitmapBytes = 8192;
inline constexpr uint32_t kLimitWithTrailingByte = kHeaderBytes + kBitmapBytes;  // inclusive limit
inline constexpr uint16_t kMapBaseValid = kHeaderBytes;
inline constexpr uint16_t kMapBaseInvalid = kHeaderBytes + kBitmapBytes + 1;  // past the limit

}  // namespace fake_tss

class FakeTss final : public TssIoHardware {
 public:
  struct Event {
    enum Kind : uint8_t { kWrite, kMapBase, kActivate } kind;
    uint32_t slot;
    uint32_t offset;  // kWrite: bitmap byte offset; kMapBase: 1 = valid
    uint32_t count;   // kWrite: bytes
  };

  explicit FakeTss(uint32_t slots, bool trailing_byte = true, bool keep_log = false)
      : slot_count_(slots),
        limit_(trailing_byte ? fake_tss::kLimitWithTrailingByte
                             : fake_tss::kLimitWithTrailingByte - 1),
        keep_log_(keep_log),
        memory_(slots, std::vector<uint8_t>(fake_tss::kLimitWithTrailingByte + 1, 0)) {
    for (auto& m : memory_) {
      memset(m.data() + fake_tss::kHeaderBytes, 0xFF, fake_tss::kBitmapBytes + 1);
      store_map_base(m, fake_tss::kMapBaseInvalid);
    }
  }

  void write_bitmap(uint32_t slot, uint32_t offset, const uint8_t* bytes, uint32_t count) override {
    if (!check(slot < slot_count_ && count > 0 && offset + count <= fake_tss::kBitmapBytes)) return;
    memcpy(memory_[slot].data() + fake_tss::kHeaderBytes + offset, bytes, count);
    bytes_written_ += count;
    ++write_calls_;
    if (keep_log_) log_.push_back({Event::kWrite, slot, offset, count});
  }
  void set_io_map_base(uint32_t slot, bool valid) override {
    if (!check(slot < slot_count_)) return;
    store_map_base(memory_[slot], valid ? fake_tss::kMapBaseValid : fake_tss::kMapBaseInvalid);
    ++map_base_stores_;
    if (keep_log_) log_.push_back({Event::kMapBase, slot, valid ? 1u : 0u, 0});
  }
  void activate(uint32_t slot) override {
    if (!check(slot < slot_count_)) return;
    active_ = slot;
    ++activations_;
    if (keep_log_) log_.push_back({Event::kActivate, slot, 0, 0});
  }

  // The CPU's decision for a `width`-byte IN/OUT at `port` (0..0xFFFF) in user mode with IOPL 0.
  bool cpu_allows(uint32_t port, uint32_t width) const {
    const std::vector<uint8_t>& m = memory_[active_];
    const uint32_t first = map_base(m) + port / 8;
    if (first + 1 > limit_) return false;  // both bytes must be within the limit
    const uint32_t word = m[first] | (uint32_t{m[first + 1]} << 8);
    const uint32_t mask = ((1u << width) - 1) << (port % 8);
    return (word & mask) == 0;
  }

  // Calls fn(byte_index) for every bitmap byte through which the active slot could permit anything:
  // bytes the CPU can reach within the limit that are not 0xFF. Every permitted (port, width) has
  // its first port in such a byte, so sweeping these ports with every width is an exhaustive check.
  template <typename Fn>
  void for_each_open_byte(Fn&& fn) const {
    const std::vector<uint8_t>& m = memory_[active_];
    const uint32_t base = map_base(m);
    for (uint32_t i = 0; i < fake_tss::kBitmapBytes; i += 8) {
      if (base + i + 8 > limit_) {
        for (uint32_t j = i; j < fake_tss::kBitmapBytes && base + j + 1 <= limit_; ++j) {
          if (m[base + j] != 0xFF) fn(j);
        }
        return;
      }
      uint64_t word;
      memcpy(&word, m.data() + base + i, 8);
      if (word == ~uint64_t{0}) continue;
      for (uint32_t j = i; j < i + 8; ++j) {
        if (m[base + j] != 0xFF) fn(j);
      }
    }
  }

  uint32_t active_slot() const { return active_; }
  uint16_t map_base(uint32_t slot) const { return map_base(memory_[slot]); }
  uint8_t bitmap_byte(uint32_t slot, uint32_t index) const {
    return memory_[slot][fake_tss::kHeaderBytes + index];
  }
  uint8_t trailing_byte(uint32_t slot) const {
    return memory_[slot][fake_tss::kHeaderBytes + fake_tss::kBitmapBytes];
  }
  uint64_t bytes_written() const { return bytes_written_; }
  uint64_t write_calls() const { return write_calls_; }
  uint64_t map_base_stores() const { return map_base_stores_; }
  uint64_t activations() const { return activations_; }
  const std::vector<Event>& log() const { return log_; }
  void clear_log() { log_.clear(); }
  bool failed() const { return failed_; }

 private:
  static uint16_t map_base(const std::vector<uint8_t>& m) {
    return static_cast<uint16_t>(m[fake_tss::kMapBaseOffset] |
                                 (m[fake_tss::kMapBaseOffset + 1] << 8));
  }
  static void store_map_base(std::vector<uint8_t>& m, uint16_t base) {
    m[fake_tss::kMapBaseOffset] = static_cast<uint8_t>(base);
    m[fake_tss::kMapBaseOffset + 1] = static_cast<uint8_t>(base >> 8);
  }
  bool check(bool ok) {
    if (!ok) failed_ = true;
    return ok;
  }

  uint32_t slot_count_;
  uint32_t limit_;
  bool keep_log_;
  std::vector<std::vector<uint8_t>> memory_;
  uint32_t active_ = 0;
  uint64_t bytes_written_ = 0;
  uint64_t write_calls_ = 0;
  uint64_t map_base_stores_ = 0;
  uint64_t activations_ = 0;
  bool failed_ = false;
  std::vector<Event> log_;
};
