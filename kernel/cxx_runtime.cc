// What g++ expects of a C++ runtime that the freestanding kernel must supply itself.
#include <new>

#include "kernel/panic.h"

// The tag object of `new (std::nothrow) T`, which the kernel uses for every allocation.
const std::nothrow_t std::nothrow{};

extern "C" void __cxa_pure_virtual() { panic("pure virtual function called"); }

// Static objects with destructors would register them here; the kernel never exits, so none run.
extern "C" int atexit(void (*)()) { return 0; }
void* __dso_handle = nullptr;
