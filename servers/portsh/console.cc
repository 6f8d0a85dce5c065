#include "servers/portsh/console.h"

#include <atomic>
#include <utility>

#include "libsys/cap.h"
#include "libsys/endpoint.h"
#include "libsys/wait_wake.h"
#include "servers/portsh/shell_slots.h"

namespace portsh {

namespace {

// A timed wait on a word nobody wakes: the pause between two empty reads.
void pause_ns(uint64_t ns) {
  std::atomic<uint32_t> never_woken{0};
  (void)wait_while_equal(never_woken, 0, ns);
}

}  // namespace

Result<Console> Console::open() {
  sys::SerialClient serial =
      TRY(sys::SerialClient::open(sys::Endpoint(sys::Cap(kShellSerialSlot))));
  return Console(std::move(serial));
}

Status Console::write(const char* bytes, size_t count) { return serial_.write(bytes, count); }

Status Console::write_now(const char* bytes, size_t count) {
  return serial_.write_now(bytes, count);
}

Result<size_t> Console::read(char* buffer, size_t capacity) {
  for (;;) {
    const size_t n = TRY(serial_.read(buffer, capacity));
    if (n > 0) return n;
    pause_ns(kIdleWaitNs);
  }
}

}  // namespace portsh
