// The control case of the user include boundary check (include_boundary_check.sh): what user
// space may include, it can include with the user build's include path.
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/status.h"
#include "abi/portcullis/syscalls.h"
#include "abi/portcullis/vm_op.h"
#include "base/result.h"
#include "libsys/rmap_lock.h"
#include "libsys/syscall_stubs.h"
#include "servers/memsrv/reverse_map.h"

Status first_syscall_status() { return sys_monotonic_ns().status; }
