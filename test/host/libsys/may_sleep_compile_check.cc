// Compiled by may_sleep_compile_check.sh once per case: the control case must compile, every other
// case must be rejected by the compiler, for the reason named in the script. Together they show
// that a call that may sleep cannot be written under the spinlock rmap lock.
#include "libsys/rmap_lock.h"
#include "servers/memsrv/ipc_notifier.h"
#include "servers/memsrv/reverse_map.h"

// Something that may block, e.g. waiting for a notifier's answer.
void wait_for_something(MaySleep) {}

struct NoSpaces final : ClientSpaces {
  Status submit_batch(ClientId, const VmOp*, uint32_t) override { return Status::kOk; }
};

#if defined(CASE_CONTROL)
void control(SemRmapLock& lock, ReverseMap<SemRmapLock>& rmap) {
  RmapLockGuard<SemRmapLock> guard(lock);
  wait_for_something(guard.may_sleep());
  rmap.walk_may_sleep(0, [](MaySleep token, ClientId, uint64_t) { wait_for_something(token); });
  IpcMessage m;
  (void)IpcNotifier::send_until(guard.may_sleep(), 5, m, 0, true);
}
#elif defined(CASE_SPIN_GUARD)
void sleeps_under_spinlock(SpinRmapLock& lock) {
  RmapLockGuard<SpinRmapLock> guard(lock);
  wait_for_something(guard.may_sleep());
}
#elif defined(CASE_SPIN_WALK)
void sleeping_walk_under_spinlock(ReverseMap<SpinRmapLock>& rmap) {
  rmap.walk_may_sleep(0, [](MaySleep token, ClientId, uint64_t) { wait_for_something(token); });
}
#elif defined(CASE_SPIN_NOTIFY)
// memsrv's IPC notifier retries its send until the subscriber receives: blocking, so not under
// the spinlock.
void notify_under_spinlock(SpinRmapLock& lock) {
  RmapLockGuard<SpinRmapLock> guard(lock);
  IpcMessage m;
  (void)IpcNotifier::send_until(guard.may_sleep(), 5, m, 0, false);
}
#elif defined(CASE_FORGED_NOTIFY)
void forged_notify() {
  IpcMessage m;
  (void)IpcNotifier::send_until(MaySleep{}, 5, m, 0, false);
}
#elif defined(CASE_FORGED_TOKEN)
void forged(SpinRmapLock& lock) {
  RmapLockGuard<SpinRmapLock> guard(lock);
  wait_for_something(MaySleep());
}
#elif defined(CASE_FORGED_BRACES)
void forged(SpinRmapLock& lock) {
  RmapLockGuard<SpinRmapLock> guard(lock);
  wait_for_something(MaySleep{});
}
#else
#error "pick a CASE_"
#endif
