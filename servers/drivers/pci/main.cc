// pci: enumerates the PCI functions through configuration mechanism #1 (CONFIG_ADDRESS at 0xCF8,
// CONFIG_DATA at 0xCFC), the only ports init grants it (0xCF8-0xCFF, docs/drivers.md), prints
// each function and the size of each of its BARs:
//   pci: 00:01.1 8086:7010 class 01.01.80 IDE controller
//   pci: 00:01.1   BAR4 io 0xc040 size 0x10
// Buses are found the way the hardware links them: from bus 0 (or one bus per function of a
// multi-function host bridge) through the secondary bus of every PCI-to-PCI bridge.
//
//   pci [serve] [clients=N]
//
// Without `serve` it then exits. With it, it serves the table it found on the endpoint init keeps
// as 'pci' (libsys/pci_protocol.h): until N sessions have closed with clients=N, else until the
// system stops. The table is made once: requests never touch configuration space.
#include <stdint.h>

#include "libsys/cap.h"
#include "libsys/endpoint.h"
#include "libsys/pci_protocol.h"
#include "libsys/port.h"
#include "libsys/print.h"
#include "servers/drivers/driver_arguments.h"
#include "servers/drivers/driver_server.h"
#include "servers/drivers/driver_slots.h"
#include "servers/drivers/pci/pci_bar.h"
#include "servers/drivers/serve_requests.h"

namespace {

class ConfigSpace {
 public:
  ConfigSpace(sys::Port<uint32_t> address, sys::Port<uint32_t> data)
      : address_(address), data_(data) {}

  // Mechanism #1 is there when CONFIG_ADDRESS keeps its enable bit (the check of the PCI BIOS
  // specification); the register is put back as it was.
  bool present() const {
    const uint32_t saved = address_.read();
    address_.write(0x8000'0000u);
    const bool present = address_.read() == 0x8000'0000u;
    address_.write(saved);
    return present;
  }

  uint32_t read(const PciFunction& f, uint8_t offset) const {
    address_.write(pci_config_address(f, offset));
    return data_.read();
  }
  void write(const PciFunction& f, uint8_t offset, uint32_t value) const {
    address_.write(pci_config_address(f, offset));
    data_.write(value);
  }

 private:
  sys::Port<uint32_t> address_;
  sys::Port<uint32_t> data_;
};

// What enumeration found, as the protocol hands it out.
struct PciEntry {
  sys::PciFunctionInfo info;
  sys::PciBarInfo bars[sys::kPciBarsPerFunction];
};

// Room for every function of a machine with a few buses; functions beyond it are counted and
// printed, not served.
constexpr uint32_t kMaxServedFunctions = 64;

struct PciTable {
  PciEntry entries[kMaxServedFunctions];
  uint32_t count = 0;
};

static_assert(static_cast<uint8_t>(PciBarKind::kIo) ==
                      static_cast<uint8_t>(sys::PciBarSpace::kIo) &&
                  static_cast<uint8_t>(PciBarKind::kMemory64) ==
                      static_cast<uint8_t>(sys::PciBarSpace::kMemory64),
              "the protocol numbers BAR kinds as pci_bar.h does");

class Enumerator {
 public:
  Enumerator(const ConfigSpace& config, PciTable* table) : config_(config), table_(table) {}

  void run() {
    const PciFunction host{0, 0, 0};
    if ((header_type(host) & kPciMultiFunction) == 0) {
      scan_bus(0);
    } else {
      // Several host bridges: function N's bus is bus N.
      for (uint8_t fn = 0; fn < 8; ++fn) {
        if (vendor(PciFunction{0, 0, fn}) != kPciNoVendor) scan_bus(fn);
      }
    }
    sys::printf("pci: %u functions on %u bus%s\n", functions_, buses_, buses_ == 1 ? "" : "es");
  }

 private:
  uint32_t vendor(const PciFunction& f) const { return config_.read(f, kPciVendorDevice) & 0xFFFF; }
  uint8_t header_type(const PciFunction& f) const {
    return static_cast<uint8_t>(config_.read(f, kPciHeaderType) >> 16);
  }

  void scan_bus(uint8_t bus) {
    // A bridge whose secondary bus is one seen already (misprogrammed) must not loop.
    if ((seen_[bus / 64] >> (bus % 64) & 1) != 0) return;
    seen_[bus / 64] |= uint64_t{1} << (bus % 64);
    ++buses_;
    for (uint8_t device = 0; device < 32; ++device) {
      const PciFunction first{bus, device, 0};
      if (vendor(first) == kPciNoVendor) continue;
      const uint8_t functions = (header_type(first) & kPciMultiFunction) != 0 ? 8 : 1;
      for (uint8_t fn = 0; fn < functions; ++fn) {
        const PciFunction f{bus, device, fn};
        if (vendor(f) != kPciNoVendor) report(f);
      }
    }
  }

  void report(const PciFunction& f) {
    ++functions_;
    const uint32_t id = config_.read(f, kPciVendorDevice);
    const uint32_t class_word = config_.read(f, kPciClass);
    PciEntry* entry = nullptr;
    if (table_->count < kMaxServedFunctions) {
      entry = &table_->entries[table_->count++];
      *entry = PciEntry{};
      entry->info = sys::PciFunctionInfo{
          f.bus,
          f.device,
          f.function,
          header_type(f),
          static_cast<uint16_t>(id),
          static_cast<uint16_t>(id >> 16),
          static_cast<uint8_t>(class_word >> 24),
          static_cast<uint8_t>(class_word >> 16),
          static_cast<uint8_t>(class_word >> 8),
          static_cast<uint8_t>(class_word),
      };
    }
    const uint8_t class_code = static_cast<uint8_t>(class_word >> 24);
    const uint8_t subclass = static_cast<uint8_t>(class_word >> 16);
    const char* name = pci_class_name(class_code, subclass);
    sys::printf("pci: %02x:%02x.%x %04x:%04x class %02x.%02x.%02x%s%s\n", f.bus, f.device,
                f.function, id & 0xFFFF, id >> 16, class_code, subclass, (class_word >> 8) & 0xFF,
                name != nullptr ? " " : "", name != nullptr ? name : "");
    const uint8_t layout = header_type(f) & 0x7F;
    report_bars(f, layout == 0 ? 6 : layout == 1 ? 2 : 0, entry);
    if (layout == 1) {
      const uint8_t secondary = static_cast<uint8_t>(config_.read(f, kPciBusNumbers) >> 8);
      if (secondary != 0) scan_bus(secondary);
    }
  }

  // The sizing probe: write all ones, read back which bits stick, put the value back. The
  // device's decoding is left on (the command register untouched): other drivers use devices
  // behind these functions meanwhile (the IDE function's legacy ports), and for the two accesses
  // the probe lasts the BAR points at the top of the port or 32-bit memory space, where nothing
  // here looks.
  uint32_t probe(const PciFunction& f, uint8_t offset, uint32_t value) const {
    config_.write(f, offset, 0xFFFF'FFFFu);
    const uint32_t mask = config_.read(f, offset);
    config_.write(f, offset, value);
    return mask;
  }

  void report_bars(const PciFunction& f, uint8_t count, PciEntry* entry) const {
    for (uint8_t i = 0; i < count; ++i) {
      const uint8_t offset = kPciFirstBar + 4 * i;
      const uint32_t value = config_.read(f, offset);
      const uint32_t mask = probe(f, offset, value);
      uint32_t high = 0, high_mask = 0;
      const uint8_t index = i;
      if ((value & 1) == 0 && pci_bar_is_64_bit(value) && i + 1 < count) {
        high = config_.read(f, offset + 4);
        high_mask = probe(f, offset + 4, high);
        ++i;
      }
      const PciBar bar = decode_pci_bar(value, mask, high, high_mask);
      if (bar.kind == PciBarKind::kUnused) continue;
      if (entry != nullptr) {
        entry->bars[index] = sys::PciBarInfo{static_cast<sys::PciBarSpace>(bar.kind),
                                             bar.prefetchable, bar.base, bar.size};
      }
      const char* kind = bar.kind == PciBarKind::kIo         ? "io"
                         : bar.kind == PciBarKind::kMemory32 ? "mem32"
                                                             : "mem64";
      sys::printf("pci: %02x:%02x.%x   BAR%u %s 0x%lx size 0x%lx%s\n", f.bus, f.device, f.function,
                  index, kind, bar.base, bar.size, bar.prefetchable ? " prefetchable" : "");
    }
  }

  const ConfigSpace& config_;
  PciTable* table_;
  uint64_t seen_[4] = {};  // one bit per bus
  uint32_t functions_ = 0;
  uint32_t buses_ = 0;
};

PciTable g_table;

// A request of libsys/pci_protocol.h into its answer (in place). `device`: kOk, or why there is
// no table (no configuration mechanism).
void handle(const PciTable& table, Status device, DriverSessions& sessions, IpcMessage* message) {
  if (sessions.answer_open_or_close(message, sys::kPciOpen, sys::kPciClose)) return;
  const uint64_t label = message->label;
  const PciEntry* entry = nullptr;
  uint64_t bar = 0;
  Status answer = Status::kNotSupported;
  if (label == sys::kPciFunction || label == sys::kPciBar) {
    answer = sessions.check(*message, label == sys::kPciFunction ? 2 : 3);
    if (answer == Status::kOk) answer = device;
    if (answer == Status::kOk) {
      const uint64_t index = message->words[1];
      bar = label == sys::kPciBar ? message->words[2] : 0;
      if (index >= table.count || bar >= sys::kPciBarsPerFunction) {
        answer = Status::kOutOfRange;
      } else {
        entry = &table.entries[index];
      }
    }
  }
  begin_answer(message, answer);
  if (answer != Status::kOk) return;
  if (label == sys::kPciFunction) {
    message->word_count = 3;
    sys::pci_pack_function(entry->info, message->words);
    message->words[2] = table.count;
  } else if (label == sys::kPciBar) {
    message->word_count = 3;
    sys::pci_pack_bar(entry->bars[bar], message->words);
  }
}

Status serve(Status device, uint32_t clients) {
  if (clients != 0) {
    sys::printf("pci: serving 'pci' (%u functions) until %u session%s closed\n", g_table.count,
                clients, clients == 1 ? " has" : "s have");
  } else {
    sys::printf("pci: serving 'pci' (%u functions)\n", g_table.count);
  }
  DriverSessions sessions;
  TRY(serve_requests(sys::Endpoint(sys::Cap(kDriverEndpointSlot)), sessions, clients,
                     [&](IpcMessage* m) { handle(g_table, device, sessions, m); }));
  sys::printf("pci: %u session%s closed; exiting\n", sessions.closed(),
              sessions.closed() == 1 ? "" : "s");
  return Status::kOk;
}

Status run(const DriverArguments& args) {
  const sys::PortWindow registers = TRY(sys::PortWindow::make(0xCF8, 8));
  sys::PortRange ports = TRY(sys::PortRange::enable(sys::Cap(kDriverPortsSlot), registers));
  const ConfigSpace config(TRY(ports.port<uint32_t>(0)), TRY(ports.port<uint32_t>(4)));
  Status device = Status::kOk;
  if (!config.present()) {
    sys::printf("pci: no configuration mechanism #1 at 0xCF8\n");
    device = Status::kNotFound;
  } else {
    Enumerator enumerator(config, &g_table);
    enumerator.run();
  }
  if (!args.serve) return device;
  return serve(device, args.clients);
}

}  // namespace

int main(int argc, char** argv) {
  if (const Status s = run(driver_arguments(argc, argv)); s != Status::kOk) {
    sys::printf("pci: %s\n", status_name(s));
    return 1;
  }
  return 0;
}
