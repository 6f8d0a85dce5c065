// Console: portsh's terminal, COM2 through the uart16550 driver's endpoint 'serial'
// (kShellSerialSlot, servers/portsh/shell_slots.h; libsys/serial_client.h). Commands write to it
// as an Output, a line at a time (the driver keeps other clients' lines whole beside them); the
// prompt and the echo of typed keys go out at once (write_now).
//
// The driver is polled and its read never waits, so reading waits here: a read that finds
// nothing sleeps kIdleWaitNs before the next, and one that finds bytes asks again at once. A key
// shows within kIdleWaitNs, and an idle shell makes about 50 calls a second.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "base/result.h"
#include "libsys/serial_client.h"
#include "servers/portsh/command.h"

namespace portsh {

class Console final : public Output {
 public:
  static constexpr uint64_t kIdleWaitNs = 20'000'000;

  [[nodiscard]] static Result<Console> open();

  Status write(const char* bytes, size_t count) override;
  Status write_now(const char* bytes, size_t count);
  // At least one byte of input (waits for it), at most `capacity`.
  Result<size_t> read(char* buffer, size_t capacity);
  // Ends the session with the driver (whose clients=N counts it).
  Status close() { return serial_.close(); }

  Console(Console&&) = default;
  ~Console() = default;

 private:
  explicit Console(sys::SerialClient serial) : serial_(static_cast<sys::SerialClient&&>(serial)) {}

  sys::SerialClient serial_;
};

}  // namespace portsh
