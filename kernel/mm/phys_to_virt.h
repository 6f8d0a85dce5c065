// How portable memory code reaches physical memory: a function from a physical address to a kernel
// pointer. The kernel passes its direct map (phys + direct-map base); host tests pass a lookup into
// a buffer that stands in for physical memory. It may return nullptr for an address it cannot map.
#pragma once

#include <stdint.h>

#include "abi/portcullis/page.h"

using PhysToVirt = void* (*)(uint64_t phys);

// The inverse, for memory the kernel reached through the direct map (e.g. to give heap pages back
// to the frame allocator).
using VirtToPhys = uint64_t (*)(const void* virt);
