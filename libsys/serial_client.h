// sys::SerialClient: a program's side of the serial-port server's protocol
// (libsys/serial_protocol.h): writes and reads through the driver that owns the UART, over an
// endpoint the program was given (init's grant=endpoint:NAME@SLOT, docs/init.md). Each call
// answers the server's Status, or the IPC call's when the call itself failed.
#pragma once

#include <stddef.h>

#include "abi/portcullis/status.h"
#include "base/result.h"
#include "libsys/endpoint.h"

namespace sys {

class SerialClient {
 public:
  explicit SerialClient(Endpoint endpoint) : endpoint_(static_cast<Endpoint&&>(endpoint)) {}

  // Writes all `length` bytes, in as many calls as they take.
  [[nodiscard]] Status write(const char* text, size_t length) const;
  [[nodiscard]] Status print(const char* text) const;
  // The bytes the port has received and nobody read yet, at most `capacity` (and at most
  // kSerialBytesPerMessage a call); 0 if none. Never waits for input.
  [[nodiscard]] Result<size_t> read(char* buffer, size_t capacity) const;
  // Tells the server this client is done (a server may stop after its last client).
  [[nodiscard]] Status close() const;

 private:
  Endpoint endpoint_;
};

}  // namespace sys
