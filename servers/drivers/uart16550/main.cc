// uart16550: drives COM2 (ports 0x2F8-0x2FF, the only ports init grants it, docs/drivers.md) and
// serves it to other programs over the endpoint init keeps as "serial" (libsys/serial_protocol.h;
// clients use libsys/serial_client.h). Polled: the driver is a loop of receive, do, answer.
//
//   uart16550 [clients=N]
//
// With clients=N it exits once N clients have closed; without, it serves until the system stops.
// If the UART is missing or fails its loopback test the driver still serves, answering every
// request with that error, so no client waits forever for it.
#include <stddef.h>
#include <stdint.h>

#include "libsys/cap.h"
#include "libsys/endpoint.h"
#include "libsys/port.h"
#include "libsys/print.h"
#include "libsys/serial_protocol.h"
#include "servers/drivers/driver_slots.h"
#include "servers/drivers/uart16550/uart16550.h"

namespace {

constexpr uint32_t kCom2Base = 0x2F8;
constexpr uint64_t kNoTimeout = UINT64_MAX;

// "clients=N" among the arguments: N, or 0 (serve until the system stops).
uint32_t clients_argument(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    const char prefix[] = "clients=";
    size_t n = 0;
    while (prefix[n] != '\0' && a[n] == prefix[n]) ++n;
    if (prefix[n] != '\0') continue;
    uint32_t value = 0;
    for (a += n; *a >= '0' && *a <= '9' && value < 1000; ++a) value = value * 10 + (*a - '0');
    return value;
  }
  return 0;
}

// A client's session: its line so far.
struct Session {
  bool open = false;
  size_t used = 0;
  char line[256];
};

class SerialServer {
 public:
  SerialServer(const Uart16550* uart, Status device) : uart_(uart), device_(device) {}

  // Writes the bytes, each "\n" as "\r\n" (a terminal's line end).
  Status write(const char* bytes, size_t count) {
    for (size_t i = 0; i < count; ++i) {
      if (bytes[i] == '\n') TRY(uart_->write_byte('\r'));
      TRY(uart_->write_byte(static_cast<uint8_t>(bytes[i])));
      ++bytes_written_;
    }
    return Status::kOk;
  }

  // One request into its answer (in place).
  void handle(IpcMessage* message) {
    const uint64_t label = message->label;
    char bytes[sys::kSerialBytesPerMessage];
    size_t count = 0;
    uint64_t session = 0;
    Status answer = Status::kInvalidArgument;
    if (label == sys::kSerialOpen) {
      answer = open(&session);
    } else if (label == sys::kSerialClose && message->word_count >= 1) {
      answer = close(message->words[0]);
    } else if (device_ != Status::kOk) {
      answer = device_;  // the UART is not driven: every other request gets why
    } else if (label == sys::kSerialWrite || label == sys::kSerialWriteNow) {
      uint32_t id;
      count = sys::serial_unpack(*message, bytes, &id);
      answer = count == SIZE_MAX ? Status::kInvalidArgument : append(id, bytes, count);
      if (answer == Status::kOk && label == sys::kSerialWriteNow) answer = send_partial(id);
    } else if (label == sys::kSerialRead && message->word_count >= 1) {
      const uint64_t most = message->words[0];
      uint8_t byte;
      while (count < most && count < sizeof bytes && uart_->read_byte(&byte)) {
        bytes[count++] = static_cast<char>(byte);
      }
      answer = Status::kOk;
    }
    *message = IpcMessage{};
    message->label = static_cast<uint64_t>(answer);
    if (answer != Status::kOk) return;
    if (label == sys::kSerialRead) sys::serial_pack(bytes, count, 0, message);
    if (label == sys::kSerialOpen) {
      message->word_count = 1;
      message->words[0] = session;
    }
  }

  uint32_t closed() const { return closed_; }
  uint64_t bytes_written() const { return bytes_written_; }

 private:
  static constexpr size_t kMaxSessions = 8;

  Status open(uint64_t* id) {
    for (size_t i = 0; i < kMaxSessions; ++i) {
      if (!sessions_[i].open) {
        sessions_[i].open = true;
        sessions_[i].used = 0;
        *id = i + 1;
        return Status::kOk;
      }
    }
    return Status::kNoSpace;
  }

  Session* session(uint64_t id) {
    if (id == 0 || id > kMaxSessions || !sessions_[id - 1].open) return nullptr;
    return &sessions_[id - 1];
  }

  // Adds bytes to the session's line; a complete line (or a full buffer) goes out whole.
  Status append(uint64_t id, const char* bytes, size_t count) {
    Session* s = session(id);
    if (s == nullptr) return Status::kBadHandle;
    for (size_t i = 0; i < count; ++i) {
      s->line[s->used++] = bytes[i];
      if (bytes[i] == '\n' || s->used == sizeof s->line) {
        const size_t used = s->used;
        s->used = 0;
        TRY(write(s->line, used));
      }
    }
    return Status::kOk;
  }

  // Sends the session's partial line now (a prompt, an echoed key).
  Status send_partial(uint64_t id) {
    Session* s = session(id);
    if (s == nullptr) return Status::kBadHandle;
    const size_t used = s->used;
    s->used = 0;
    return write(s->line, used);
  }

  // Sends what is left of the line and ends the session; a client that closes counts even if the
  // UART is not driven.
  Status close(uint64_t id) {
    Session* s = session(id);
    if (s == nullptr) return Status::kBadHandle;
    const Status written = device_ == Status::kOk ? write(s->line, s->used) : Status::kOk;
    s->open = false;
    s->used = 0;
    ++closed_;
    return written;
  }

  const Uart16550* uart_;
  Status device_;  // kOk, or why the UART is not driven
  Session sessions_[kMaxSessions];
  uint32_t closed_ = 0;
  uint64_t bytes_written_ = 0;
};

// Receive, handle, answer, until `clients` have closed (0: forever).
Status serve(const sys::Endpoint& endpoint, SerialServer& server, uint32_t clients) {
  IpcMessage message;
  TRY(endpoint.receive(message, kNoTimeout));
  for (;;) {
    server.handle(&message);
    if (clients != 0 && server.closed() >= clients) {
      // The last answer: nothing is left to receive (timeout 0 answers kTimedOut).
      (void)endpoint.reply_receive(message, 0);
      return Status::kOk;
    }
    TRY(endpoint.reply_receive(message, kNoTimeout));
  }
}

Status run(uint32_t clients) {
  const sys::PortWindow registers = TRY(sys::PortWindow::make(kCom2Base, 8));
  sys::PortRange ports = TRY(sys::PortRange::enable(sys::Cap(kDriverPortsSlot), registers));
  Uart16550 uart = TRY(Uart16550::make(ports));
  const Status device = uart.initialize();
  SerialServer server(&uart, device);
  if (device == Status::kOk) {
    sys::printf(
        "uart16550: %s at 0x%x (COM2): 115200 baud 8N1, polled; loopback test passed (%u "
        "bytes)\n",
        uart.has_fifo() ? "16550A" : "16450", kCom2Base, uart.loopback_bytes());
    static constexpr char kReady[] = "uart16550: COM2 ready\n";
    TRY(server.write(kReady, sizeof kReady - 1));
  } else {
    sys::printf("uart16550: no working UART at 0x%x (%s); every request is answered so\n",
                kCom2Base, status_name(device));
  }
  const sys::Endpoint endpoint{sys::Cap(kDriverEndpointSlot)};
  if (clients != 0) {
    sys::printf("uart16550: serving 'serial' until %u client%s closed\n", clients,
                clients == 1 ? " has" : "s have");
  } else {
    sys::printf("uart16550: serving 'serial'\n");
  }
  TRY(serve(endpoint, server, clients));
  sys::printf("uart16550: %u client%s done, %lu bytes sent; exiting\n", server.closed(),
              server.closed() == 1 ? "" : "s", server.bytes_written());
  return device;
}

}  // namespace

int main(int argc, char** argv) {
  if (const Status s = run(clients_argument(argc, argv)); s != Status::kOk) {
    sys::printf("uart16550: %s\n", status_name(s));
    return 1;
  }
  return 0;
}
