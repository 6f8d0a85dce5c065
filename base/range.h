// Half-open ranges [base, base + size) over unsigned integers (ports, addresses, frame numbers),
// with overflow-safe construction: every range built from user input goes through checked().
#pragma once

#include <stdint.h>

#include "base/result.h"

template <typename T>
struct Range {
  T base = 0;
  T size = 0;

  // Rejects size 0 and base + size past the top of T (a range may end exactly at 2^bits).
  static Result<Range> checked(T base, T size, T limit_end = 0) {
    if (size == 0) return Status::kInvalidArgument;
    const T last = static_cast<T>(base + (size - 1));
    if (last < base) return Status::kOverflow;
    if (limit_end != 0 && last >= limit_end) return Status::kOutOfRange;
    return Range{base, size};
  }

  constexpr T last() const { return static_cast<T>(base + (size - 1)); }  // inclusive, never wraps
  constexpr bool empty() const { return size == 0; }
  constexpr bool contains(T x) const { return size != 0 && x >= base && x <= last(); }
  constexpr bool contains(const Range& o) const {
    return o.size != 0 && size != 0 && o.base >= base && o.last() <= last();
  }
  constexpr bool overlaps(const Range& o) const {
    return size != 0 && o.size != 0 && base <= o.last() && o.base <= last();
  }
  // Adjacent or overlapping: the two can be merged into one range.
  constexpr bool touches(const Range& o) const {
    if (size == 0 || o.size == 0) return false;
    return overlaps(o) || (last() + T{1} == o.base && last() != static_cast<T>(-1)) ||
           (o.last() + T{1} == base && o.last() != static_cast<T>(-1));
  }
  constexpr bool operator==(const Range&) const = default;
};
