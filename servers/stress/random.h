// A small deterministic generator for the workloads (SplitMix64): the same seed gives the same
// choices, so a failing run can be replayed with its seed. Not thread-safe: one per thread.
#pragma once

#include <stdint.h>

namespace stress {

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}

  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // A number in [0, bound), bound > 0 (the small bias of the modulo does not matter here).
  uint32_t below(uint32_t bound) { return static_cast<uint32_t>(next() % bound); }
  bool chance(uint32_t one_in) { return below(one_in) == 0; }

 private:
  uint64_t state_;
};

// The seed of a sub-stream: `seed` mixed with a name (FNV-1a) and an index, so workloads and
// their threads draw different numbers from one run seed.
constexpr uint64_t mix_seed(uint64_t seed, const char* name, uint64_t index = 0) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (const char* c = name; *c != '\0'; ++c) h = (h ^ static_cast<uint8_t>(*c)) * 0x100000001B3ull;
  return seed ^ h ^ (index * 0xD1B54A32D192ED03ull);
}

}  // namespace stress
