// A fault message (abi/portcullis/fault_message.h) as one readable line for init's log: the kind,
// vector, error code, rip and the kind's detail (the address of a page fault; port, width and
// direction of a port fault), e.g. "page fault (vector 14, error 0x4) at rip 0x400000, address
// 0x5afe0008". The task and thread ids are left to the caller (they differ from boot to boot).
//
// Plain C++ with no allocation: the host tests run it, init links it.
#pragma once

#include <stddef.h>

#include "abi/portcullis/fault_message.h"

inline constexpr size_t kFaultTextBytes = 128;

// Writes the line (NUL-terminated, cut to fit `capacity`) and returns its full length.
size_t format_fault(const FaultMessage& fault, char* out, size_t capacity);

const char* fault_kind_name(FaultKind kind);
