// Host fault injection for kernel allocations. Kernel code allocates only with `new (std::nothrow)`
// (kernel/mm/kernel_new.cc); on the host that operator is replaced (fail_allocations.cc) so a test
// can make the next allocations fail, as an exhausted kernel heap would, without any object
// knowing.
#pragma once

#include <stdint.h>

// The next `count` nothrow allocations (in any thread) return nullptr; 0 ends an earlier request.
void fail_next_allocations(uint32_t count);
