// sys::SerialClient: a program's side of the serial-port server's protocol
// (libsys/serial_protocol.h): a session with the driver that owns the UART, over an endpoint the
// program was given (init's grant=endpoint:NAME@SLOT, docs/init.md). Each call answers the
// server's Status, or the IPC call's when the call itself failed. The destructor closes the
// session if close() was not called.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <utility>

#include "abi/portcullis/status.h"
#include "base/result.h"
#include "libsys/endpoint.h"

namespace sys {

class SerialClient {
 public:
  // Opens a session on `endpoint` (kNoSpace: the server has no room for another).
  [[nodiscard]] static Result<SerialClient> open(Endpoint endpoint);
  ~SerialClient() { (void)close(); }
  SerialClient(SerialClient&& other)
      : endpoint_(std::move(other.endpoint_)), session_(other.session_) {
    other.session_ = 0;
  }
  SerialClient& operator=(SerialClient&&) = delete;
  SerialClient(const SerialClient&) = delete;
  SerialClient& operator=(const SerialClient&) = delete;

  // Writes all `length` bytes, in as many calls as they take; the server sends each line whole.
  [[nodiscard]] Status write(const char* text, size_t length) const;
  [[nodiscard]] Status print(const char* text) const;
  // As write, but the bytes (and what the session held before them) go out at once, line end or
  // not: a prompt, an echoed key.
  [[nodiscard]] Status write_now(const char* text, size_t length) const;
  // The bytes the port has received and nobody read yet, at most `capacity` (and at most
  // kSerialBytesPerMessage a call); 0 if none. Never waits for input.
  [[nodiscard]] Result<size_t> read(char* buffer, size_t capacity) const;
  // Ends the session: the server sends what is left of its line (a server may stop after its
  // last client). kBadState if already closed.
  [[nodiscard]] Status close();

 private:
  Status send(uint64_t label, const char* text, size_t length) const;

  SerialClient(Endpoint endpoint, uint32_t session)
      : endpoint_(std::move(endpoint)), session_(session) {}

  Endpoint endpoint_;
  uint32_t session_;  // 0: closed
};

}  // namespace sys
