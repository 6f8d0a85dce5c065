// The page: 4 KiB, the unit of frames, mappings and TLB invalidation everywhere in Portcullis.
#pragma once

#include <stdint.h>

inline constexpr uint64_t kPageSize = 4096;
inline constexpr uint32_t kPageShift = 12;
static_assert(kPageSize == uint64_t{1} << kPageShift);
