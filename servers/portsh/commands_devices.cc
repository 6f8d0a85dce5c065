// The device commands (servers/portsh/command.h): `date`, `lspci` and `disk`, each through the
// driver that serves its device on an endpoint the shell's manifest line granted
// (servers/portsh/shell_slots.h; the protocols in libsys/rtc_protocol.h, pci_protocol.h and
// disk_protocol.h). Each command opens a session with its driver, makes its requests and closes
// it (also on an error), so a driver started with clients=N counts one session per command.
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/status.h"
#include "base/c_string.h"
#include "base/format.h"
#include "base/result.h"
#include "libsys/disk_client.h"
#include "libsys/hexdump.h"
#include "libsys/pci_client.h"
#include "libsys/pci_names.h"
#include "libsys/rtc_client.h"
#include "servers/portsh/command.h"
#include "servers/portsh/shell_slots.h"

namespace portsh {

namespace {

// A driver's refusal as the command's result: kInvalidArgument is the shell's word for the
// user's bad arguments, so a driver's is passed on as kBadState.
constexpr Status driver_status(Status s) {
  return s == Status::kInvalidArgument ? Status::kBadState : s;
}

// kTimedOut from a session: the driver did not answer at all (killed or stuck; sys::DeviceSession's
// deadline), which is no answer of the driver's.
Status report_no_answer(Output& out, const char* command, const char* driver) {
  (void)out.printf("%s: the %s server did not answer within %u s (is it running? see 'programs')\n",
                   command, driver,
                   static_cast<unsigned>(sys::kDeviceAnswerTimeoutNs / 1'000'000'000));
  return Status::kTimedOut;
}

// Why a session with a driver did not open, said plainly: an empty slot means the shell was
// given no such driver.
Status report_open_failure(Output& out, const char* command, const char* driver, uint32_t slot,
                           Status s) {
  if (s == Status::kBadHandle) {
    (void)out.printf("%s: no %s driver (slot %u is empty)\n", command, driver, slot);
  } else if (s == Status::kWrongType) {
    (void)out.printf("%s: no %s driver (slot %u holds no endpoint)\n", command, driver, slot);
  } else if (s == Status::kTimedOut) {
    return report_no_answer(out, command, driver);
  } else {
    (void)out.printf("%s: the %s driver answered %s\n", command, driver, status_name(s));
  }
  return driver_status(s);
}

Status report_failure(Output& out, const char* command, const char* driver, Status s) {
  if (s == Status::kTimedOut) return report_no_answer(out, command, driver);
  (void)out.printf("%s: the %s driver answered %s\n", command, driver, status_name(s));
  return driver_status(s);
}

// ---- date ----

Status run_date(Output& out, int argc, char**) {
  if (argc != 1) return Status::kInvalidArgument;
  Result<sys::RtcClient> rtc = sys::RtcClient::open(kShellRtcSlot);
  if (!rtc.is_ok()) return report_open_failure(out, "date", "rtc", kShellRtcSlot, rtc.status());
  const Result<sys::DateTime> time = rtc.value().read();
  if (!time.is_ok()) return report_failure(out, "date", "rtc", time.status());
  const sys::DateTime& t = time.value();
  return out.printf("%04u-%02u-%02u %02u:%02u:%02u\n", t.year, t.month, t.day, t.hour, t.minute,
                    t.second);
}

// ---- lspci ----

// A size as lspci prints it: bytes, or K, M or G when it is a whole number of them.
void format_size(uint64_t size, char* out, size_t capacity) {
  static constexpr char kUnits[] = {'\0', 'K', 'M', 'G'};
  size_t unit = 0;
  while (unit + 1 < sizeof kUnits && size >= 1024 && size % 1024 == 0) {
    size /= 1024;
    ++unit;
  }
  if (unit == 0) {
    format(out, capacity, "%lu", static_cast<unsigned long>(size));
  } else {
    format(out, capacity, "%lu%c", static_cast<unsigned long>(size), kUnits[unit]);
  }
}

Status print_bars(Output& out, const sys::PciClient& pci, uint32_t index) {
  for (uint32_t i = 0; i < sys::kPciBarsPerFunction; ++i) {
    const sys::PciBarInfo bar = TRY(pci.bar(index, i));
    char size[24];
    format_size(bar.size, size, sizeof size);
    if (bar.space == sys::PciBarSpace::kIo) {
      TRY(out.printf("\tRegion %u: I/O ports at %lx [size=%s]\n", i,
                     static_cast<unsigned long>(bar.base), size));
    } else if (bar.space != sys::PciBarSpace::kUnused) {
      TRY(out.printf("\tRegion %u: Memory at %lx (%s-bit, %sprefetchable) [size=%s]\n", i,
                     static_cast<unsigned long>(bar.base),
                     bar.space == sys::PciBarSpace::kMemory64 ? "64" : "32",
                     bar.prefetchable ? "" : "non-", size));
    }
  }
  return Status::kOk;
}

// Linux's `lspci -n` line with a name for the class: 00:01.1 0101: 8086:7010 (prog-if 80) IDE
// controller.
Status print_function(Output& out, const sys::PciFunctionInfo& f) {
  char extra[48];
  size_t n = 0;
  extra[0] = '\0';
  if (f.revision != 0) n += format(extra + n, sizeof extra - n, " (rev %02x)", f.revision);
  if (f.prog_if != 0) n += format(extra + n, sizeof extra - n, " (prog-if %02x)", f.prog_if);
  const char* name = sys::pci_class_name(f.class_code, f.subclass);
  return out.printf("%02x:%02x.%x %02x%02x: %04x:%04x%s%s%s\n", f.bus, f.device, f.function,
                    f.class_code, f.subclass, f.vendor_id, f.device_id, extra,
                    name != nullptr ? " " : "", name != nullptr ? name : "");
}

Status run_lspci(Output& out, int argc, char** argv) {
  bool verbose = false;
  if (argc == 2 && argv[1][0] == '-' && argv[1][1] == 'v' && argv[1][2] == '\0') {
    verbose = true;
  } else if (argc != 1) {
    return Status::kInvalidArgument;
  }
  Result<sys::PciClient> pci = sys::PciClient::open(kShellPciSlot);
  if (!pci.is_ok()) return report_open_failure(out, "lspci", "pci", kShellPciSlot, pci.status());
  uint32_t count = 1;
  for (uint32_t index = 0; index < count; ++index) {
    const Result<sys::PciFunctionInfo> f = pci.value().function(index, &count);
    if (f.status() == Status::kOutOfRange && index == 0) {
      count = 0;  // no function at all
      break;
    }
    if (f.status() == Status::kNotFound) {
      (void)out.print("lspci: the pci driver found no PCI configuration mechanism\n");
      return Status::kNotFound;
    }
    if (!f.is_ok()) return report_failure(out, "lspci", "pci", f.status());
    TRY(print_function(out, f.value()));
    if (!verbose) continue;
    if (const Status s = print_bars(out, pci.value(), index); s != Status::kOk) {
      return report_failure(out, "lspci", "pci", s);
    }
  }
  if (count == 0) return out.print("lspci: no PCI functions\n");
  return Status::kOk;
}

// ---- disk ----

// "123" or "0x7b", below 2^48; false for anything else.
bool parse_lba(const char* text, uint64_t* lba) {
  uint64_t base = 10;
  if (text[0] == '0' && text[1] == 'x') {
    base = 16;
    text += 2;
  }
  if (*text == '\0') return false;
  uint64_t value = 0;
  for (; *text != '\0'; ++text) {
    const char c = *text;
    uint64_t digit;
    if (c >= '0' && c <= '9') {
      digit = static_cast<uint64_t>(c - '0');
    } else if (base == 16 && c >= 'a' && c <= 'f') {
      digit = static_cast<uint64_t>(c - 'a' + 10);
    } else if (base == 16 && c >= 'A' && c <= 'F') {
      digit = static_cast<uint64_t>(c - 'A' + 10);
    } else {
      return false;
    }
    value = value * base + digit;
    if (value >= uint64_t{1} << 48) return false;
  }
  *lba = value;
  return true;
}

// A disk-driver failure in words: kNotFound means the driver runs but found no disk.
Status report_disk_failure(Output& out, const char* command, Status s) {
  if (s == Status::kNotFound) {
    (void)out.printf("%s: the disk driver found no ATA disk\n", command);
    return s;
  }
  return report_failure(out, command, "disk", s);
}

Status identify(Output& out, const sys::DiskClient& disk) {
  const Result<sys::DiskInfo> info = disk.info();
  if (!info.is_ok()) return report_disk_failure(out, "disk", info.status());
  char model[48], serial[24], firmware[16];
  Status s = disk.text(sys::DiskText::kModel, model, sizeof model);
  if (s == Status::kOk) s = disk.text(sys::DiskText::kSerial, serial, sizeof serial);
  if (s == Status::kOk) s = disk.text(sys::DiskText::kFirmware, firmware, sizeof firmware);
  if (s != Status::kOk) return report_disk_failure(out, "disk", s);
  const sys::DiskInfo& i = info.value();
  TRY(out.printf("model:    %s\n", model));
  TRY(out.printf("serial:   %s\n", serial));
  TRY(out.printf("firmware: %s\n", firmware));
  TRY(out.printf("drive:    primary %s\n", (i.flags & sys::kDiskSlave) != 0 ? "slave" : "master"));
  TRY(out.printf("sectors:  %lu of %lu bytes (%lu KiB)\n", static_cast<unsigned long>(i.sectors),
                 static_cast<unsigned long>(i.sector_bytes),
                 static_cast<unsigned long>(i.sectors * i.sector_bytes / 1024)));
  if ((i.flags & sys::kDiskLba48) != 0) {
    return out.printf("LBA48:    yes, %lu sectors (reads use LBA28)\n",
                      static_cast<unsigned long>(i.lba48_sectors));
  }
  return out.print("LBA48:    no\n");
}

Status read_sector(Output& out, const sys::DiskClient& disk, uint64_t lba) {
  uint8_t sector[sys::kDiskSectorBytes];
  if (const Status s = disk.read(lba, sector); s != Status::kOk) {
    if (s != Status::kOutOfRange) return report_disk_failure(out, "disk read", s);
    const Result<sys::DiskInfo> info = disk.info();
    if (info.is_ok()) {
      (void)out.printf("disk read: LBA %lu is past the disk's end (%lu sectors)\n",
                       static_cast<unsigned long>(lba),
                       static_cast<unsigned long>(info.value().sectors));
    } else {
      (void)out.printf("disk read: LBA %lu is past the disk's end\n",
                       static_cast<unsigned long>(lba));
    }
    return s;
  }
  TRY(out.printf("LBA %lu:\n", static_cast<unsigned long>(lba)));
  for (size_t offset = 0; offset < sizeof sector; offset += sys::kHexdumpBytesPerLine) {
    char line[sys::kHexdumpLineBytes + 1];
    sys::hexdump_line(offset, sector + offset, sys::kHexdumpBytesPerLine, line, sizeof line);
    TRY(out.printf("%s\n", line));
  }
  return Status::kOk;
}

Status run_disk(Output& out, int argc, char** argv) {
  uint64_t lba = 0;
  const bool read = argc == 3 && base::same_text(argv[1], "read");
  if (read ? !parse_lba(argv[2], &lba) : argc != 1) return Status::kInvalidArgument;
  Result<sys::DiskClient> disk = sys::DiskClient::open(kShellDiskSlot);
  if (!disk.is_ok()) {
    return report_open_failure(out, read ? "disk read" : "disk", "disk", kShellDiskSlot,
                               disk.status());
  }
  return read ? read_sector(out, disk.value(), lba) : identify(out, disk.value());
}

constexpr Command kDeviceCommands[] = {
    {"date", "date", "the date and time of the real-time clock (UTC)", run_date},
    {"lspci", "lspci [-v]", "the PCI functions (-v: with their BARs)", run_lspci},
    {"disk", "disk | disk read LBA", "the ATA disk's identity, or a sector in hex", run_disk},
};

}  // namespace

CommandGroup device_commands() {
  return CommandGroup{kDeviceCommands, sizeof kDeviceCommands / sizeof kDeviceCommands[0]};
}

}  // namespace portsh
