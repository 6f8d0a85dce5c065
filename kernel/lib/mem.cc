// The kernel's copy of the mem* functions the compiler may call (base/freestanding_mem.h).
#include "base/freestanding_mem.h"
