// User programs' copy of the mem* functions the compiler may call (base/freestanding_mem.h): they
// link no C library.
#include "base/freestanding_mem.h"
