// The control case of the kernel's include boundary check: what the kernel may include, it can
// include with the kernel build's include path.
#include "abi/portcullis/syscalls.h"
#include "base/result.h"
#include "kernel/lib/spin_lock.h"
#include "kernel/syscall/syscall_table.h"

const char* first_syscall_name() { return kSyscallTable[0].name; }
