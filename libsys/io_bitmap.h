// sys::IoBitmap: an I/O bitmap object several tasks can share (docs/io-ports.md, "Sharing"), its
// capability owned by a sys::Cap (deleted with it), and the calls on it, each one syscall that
// returns the kernel's Status (docs/syscalls.md has every answer). The ports it holds are those of
// the IoPorts capabilities added to it, for as long as each of those lives: keep them.
#pragma once

#include <stdint.h>
#include <utility>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/status.h"
#include "base/result.h"
#include "libsys/cap.h"
#include "libsys/syscall_stubs.h"

namespace sys {

class IoBitmap {
 public:
  // io_bitmap_create into the lowest free slot: every port closed; read (attach), write (add,
  // remove) and grant rights.
  [[nodiscard]] static Result<IoBitmap> create();
  // Takes over a capability the program received (task_grant, IPC); nothing is checked here: a
  // slot of another type answers kWrongType on the first call.
  explicit IoBitmap(Cap cap) : cap_(std::move(cap)) {}

  uint32_t slot() const { return cap_.slot(); }
  const Cap& cap() const { return cap_; }

  // Opens (closes) the IoPorts capability's ports in the bitmap, for every task sharing it.
  [[nodiscard]] Status add(const Cap& io_ports) const {
    return sys_io_bitmap_add(cap_.slot(), io_ports.slot()).status;
  }
  [[nodiscard]] Status remove(const Cap& io_ports) const {
    return sys_io_bitmap_remove(cap_.slot(), io_ports.slot()).status;
  }
  // The calling task shares the bitmap from now on (its first enable gives it a private copy).
  [[nodiscard]] Status attach() const { return sys_io_bitmap_attach(cap_.slot()).status; }

  // The object's id (a Task capability's identity names the bitmap its ports are in by it) and
  // how many hold it: one for its capabilities, one per task that shares it.
  [[nodiscard]] Result<uint64_t> id() const {
    const CapIdentity identity = TRY(cap_.identify());
    return identity.base;
  }
  [[nodiscard]] Result<uint64_t> holders() const {
    const CapIdentity identity = TRY(cap_.identify());
    return identity.count;
  }

 private:
  Cap cap_;
};

inline Result<IoBitmap> IoBitmap::create() {
  const SyscallResult r = sys_io_bitmap_create(kCapSlotAny);
  if (r.status != Status::kOk) return r.status;
  return IoBitmap(Cap(static_cast<uint32_t>(r.extra)));
}

// task_share_ports: the task (spawned, not started) shares the calling task's I/O bitmap.
[[nodiscard]] inline Status share_ports(uint32_t task_slot) {
  return sys_task_share_ports(task_slot).status;
}

}  // namespace sys
