// serial_hello: a client of the serial-port server (servers/drivers/uart16550, docs/drivers.md):
// prints a greeting with its arguments on COM2 through the driver, over the endpoint init granted
// it in slot 5 (grant=endpoint:serial@5), asks for input, and closes. It holds no port: what it
// writes reaches the UART only through the driver.
#include <stddef.h>
#include <stdint.h>

#include "base/format.h"
#include "libsys/cap.h"
#include "libsys/endpoint.h"
#include "libsys/print.h"
#include "libsys/serial_client.h"

namespace {

constexpr uint32_t kSerialSlot = 5;

Status run(int argc, char** argv) {
  sys::SerialClient serial = TRY(sys::SerialClient::open(sys::Endpoint(sys::Cap(kSerialSlot))));
  char line[256];
  size_t used = format(line, sizeof line, "serial_hello: hello over COM2 through uart16550:");
  for (int i = 1; i < argc && used < sizeof line; ++i) {
    used += format(line + used, sizeof line - used, " %s", argv[i]);
  }
  if (used < sizeof line) used += format(line + used, sizeof line - used, "\n");
  if (used >= sizeof line) used = sizeof line - 1;
  TRY(serial.write(line, used));
  char input[16];
  const size_t waiting = TRY(serial.read(input, sizeof input));
  TRY(serial.close());
  sys::printf("serial_hello: wrote %lu bytes to COM2 through uart16550; %lu bytes of input\n", used,
              waiting);
  return Status::kOk;
}

}  // namespace

int main(int argc, char** argv) {
  if (const Status s = run(argc, argv); s != Status::kOk) {
    sys::printf("serial_hello: %s\n", status_name(s));
    return 1;
  }
  return 0;
}
