// Memory that user-space code takes while it sets up and keeps until it tears down (the memory
// server's rmap tables, sized from its configuration). There is no general-purpose user heap and no
// operator new behind user code: what needs memory says so by calling this, never on a hot path or
// under a lock. In Portcullis the memory server will back it with frames it maps for itself; that
// does not exist yet, so the user-space build declares these functions and defines none of them (a
// user program that needs them cannot link until then). Host builds define them with the C library
// (test/host/support/startup_memory_host.cc).
#pragma once

#include <stddef.h>

// `bytes` aligned to `alignment` (a power of two), or nullptr when there is no memory left.
[[nodiscard]] void* allocate_startup_memory(size_t bytes, size_t alignment);
// Gives back what allocate_startup_memory returned (nullptr is allowed and ignored).
void free_startup_memory(void* memory);
