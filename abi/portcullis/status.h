// Status codes shared by the kernel, libsys and (later) the syscall ABI. Every code a syscall can
// return is listed in docs/syscalls.md; add new ones at the end so numbers stay stable.
#pragma once

#include <stdint.h>

enum class Status : int32_t {
  kOk = 0,
  kInvalidArgument = 1,  // malformed argument (bad flag, zero length, ...)
  kOutOfRange = 2,       // a range outside what the object or parent covers
  kOverflow = 3,         // base + length wraps
  kUnaligned = 4,        // an address or size not aligned as required
  kNoMemory = 5,         // allocation failed; nothing changed
  kBadHandle = 6,        // stale, empty or forged capability slot
  kWrongType = 7,        // capability of another type than the call needs
  kAccessDenied = 8,     // missing right, kernel half, widened rights
  kBusy = 9,             // resource in use
  kTimedOut = 10,        // a wait ran out
  kNotSupported = 11,    // the build or object does not offer this
  kAlreadyExists = 12,
  kNotFound = 13,
  kNoSpace = 14,   // a fixed-size table is full
  kBadState = 15,  // the object is not in a state that allows this call
};

constexpr const char* status_name(Status s) {
  switch (s) {
    case Status::kOk:
      return "ok";
    case Status::kInvalidArgument:
      return "invalid-argument";
    case Status::kOutOfRange:
      return "out-of-range";
    case Status::kOverflow:
      return "overflow";
    case Status::kUnaligned:
      return "unaligned";
    case Status::kNoMemory:
      return "no-memory";
    case Status::kBadHandle:
      return "bad-handle";
    case Status::kWrongType:
      return "wrong-type";
    case Status::kAccessDenied:
      return "access-denied";
    case Status::kBusy:
      return "busy";
    case Status::kTimedOut:
      return "timed-out";
    case Status::kNotSupported:
      return "not-supported";
    case Status::kAlreadyExists:
      return "already-exists";
    case Status::kNotFound:
      return "not-found";
    case Status::kNoSpace:
      return "no-space";
    case Status::kBadState:
      return "bad-state";
  }
  return "unknown";
}
