// ata_pio: drives the primary ATA channel by PIO with polling, through the only ports init grants
// it: the command block 0x1F0-0x1F7 and the control register 0x3F6 (docs/drivers.md). It
// identifies the channel's drives, takes the first ATA disk (a CD-ROM answers IDENTIFY as a
// packet device and is left alone), reads sectors 0 and 1 in one command and the last one, and
// prints each sector's first line and checksum:
//   ata_pio: LBA 1: 'PORTCULLIS DISK SECTOR 00000001' fnv1a 0x6a2b4e1f
//
//   ata_pio [write-test=LBA] [serve] [clients=N]
//
// With write-test=LBA it also writes a pattern of its own to that sector, flushes the cache,
// reads the sector back and compares (the tests then find the pattern in the disk image).
// Without `serve` it then exits. With it, it serves the disk on the endpoint init keeps as 'disk'
// (libsys/disk_protocol.h: its identity and reads of single sectors), until N sessions have
// closed with clients=N, else until the system stops. With no disk it still serves, answering
// kNotFound, so no client waits for it forever.
#include <stddef.h>
#include <stdint.h>

#include "base/format.h"
#include "libsys/cap.h"
#include "libsys/disk_protocol.h"
#include "libsys/endpoint.h"
#include "libsys/ipc_bytes.h"
#include "libsys/port.h"
#include "libsys/print.h"
#include "servers/drivers/ata_pio/ata_channel.h"
#include "servers/drivers/ata_pio/ata_identify.h"
#include "servers/drivers/driver_arguments.h"
#include "servers/drivers/driver_server.h"
#include "servers/drivers/driver_slots.h"
#include "servers/drivers/serve_requests.h"

namespace {

constexpr uint32_t kNoWriteTest = UINT32_MAX;

// "write-test=LBA" among the arguments: LBA, or kNoWriteTest.
uint32_t write_test_argument(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const char prefix[] = "write-test=";
    const char* a = argv[i];
    size_t n = 0;
    while (prefix[n] != '\0' && a[n] == prefix[n]) ++n;
    if (prefix[n] != '\0' || a[n] == '\0') continue;
    uint32_t lba = 0;
    for (a += n; *a >= '0' && *a <= '9' && lba < (1u << 28); ++a) lba = lba * 10 + (*a - '0');
    return *a == '\0' ? lba : kNoWriteTest;
  }
  return kNoWriteTest;
}

const char* drive_name(AtaDrive drive) { return drive == AtaDrive::kMaster ? "master" : "slave"; }

// A sector's first line (up to 40 printable bytes) and its checksum.
void print_sector(uint32_t lba, const uint8_t* bytes) {
  char line[41];
  size_t n = 0;
  while (n < sizeof line - 1 && bytes[n] >= 0x20 && bytes[n] < 0x7F) {
    line[n] = static_cast<char>(bytes[n]);
    ++n;
  }
  line[n] = '\0';
  sys::printf("ata_pio: LBA %u: '%s' fnv1a 0x%08x\n", lba, line, fnv1a(bytes, kAtaSectorBytes));
}

uint8_t g_sectors[2 * kAtaSectorBytes];
uint8_t g_written[kAtaSectorBytes];

// The first ATA disk on the channel, each drive's identity printed on the way.
bool find_disk(const AtaChannel& channel, AtaDrive* disk, AtaIdentity* identity) {
  for (AtaDrive drive : {AtaDrive::kMaster, AtaDrive::kSlave}) {
    uint16_t words[kAtaIdentifyWords];
    const Status s = channel.identify(drive, words);
    if (s == Status::kNotFound) {
      sys::printf("ata_pio: primary %s: no drive\n", drive_name(drive));
      continue;
    }
    if (s == Status::kNotSupported) {
      sys::printf("ata_pio: primary %s: a packet (ATAPI) device, not driven\n", drive_name(drive));
      continue;
    }
    if (s != Status::kOk) {
      sys::printf("ata_pio: primary %s: IDENTIFY failed (%s, error 0x%02x)\n", drive_name(drive),
                  status_name(s), channel.last_error());
      continue;
    }
    const AtaIdentity id = parse_ata_identity(words);
    sys::printf("ata_pio: primary %s: model '%s' serial '%s' firmware '%s', %u sectors (LBA28)\n",
                drive_name(drive), id.model, id.serial, id.firmware, id.lba28_sectors);
    if (id.lba48)
      sys::printf("ata_pio: primary %s: LBA48, %lu sectors\n", drive_name(drive), id.lba48_sectors);
    if (!id.lba || id.lba28_sectors < 2) continue;
    *disk = drive;
    *identity = id;
    return true;
  }
  return false;
}

// Writes a pattern of the driver's own to `lba`, flushes, reads it back and compares.
Status write_test(const AtaChannel& channel, AtaDrive disk, uint32_t lba) {
  const size_t head = format(reinterpret_cast<char*>(g_written), sizeof g_written,
                             "PORTCULLIS ATA_PIO WROTE LBA %u\n", lba);
  for (size_t i = head; i < kAtaSectorBytes; ++i) g_written[i] = static_cast<uint8_t>(lba * 13 + i);
  TRY(channel.write(disk, lba, 1, g_written));
  TRY(channel.flush(disk));
  TRY(channel.read(disk, lba, 1, g_sectors));
  for (size_t i = 0; i < kAtaSectorBytes; ++i) {
    if (g_sectors[i] != g_written[i]) {
      sys::printf("ata_pio: wrote LBA %u but read back byte %lu as 0x%02x, not 0x%02x\n", lba, i,
                  g_sectors[i], g_written[i]);
      return Status::kBadState;
    }
  }
  sys::printf("ata_pio: wrote LBA %u, flushed, read it back: the same 512 bytes (fnv1a 0x%08x)\n",
              lba, fnv1a(g_written, kAtaSectorBytes));
  return Status::kOk;
}

// The disk the driver found, if any.
struct Disk {
  Status found = Status::kNotFound;  // kOk: drive and identity hold the disk
  AtaDrive drive = AtaDrive::kMaster;
  AtaIdentity identity{};
};

// Two sectors in one command, then the last sector of the disk, each printed; then the write
// test if asked for.
Status show_disk(const AtaChannel& channel, const Disk& disk, uint32_t write_lba) {
  TRY(channel.read(disk.drive, 0, 2, g_sectors));
  print_sector(0, g_sectors);
  print_sector(1, g_sectors + kAtaSectorBytes);
  const uint32_t last = disk.identity.lba28_sectors - 1;
  TRY(channel.read(disk.drive, last, 1, g_sectors));
  print_sector(last, g_sectors);
  if (write_lba != kNoWriteTest) {
    if (write_lba >= disk.identity.lba28_sectors) {
      sys::printf("ata_pio: write-test=%u is past the disk's end\n", write_lba);
      return Status::kOutOfRange;
    }
    TRY(write_test(channel, disk.drive, write_lba));
  }
  return Status::kOk;
}

// The disk served (libsys/disk_protocol.h). It keeps the sector last read whole, so the slices
// of one sector cost one read of the disk.
class DiskServer {
 public:
  DiskServer(const AtaChannel& channel, const Disk& disk) : channel_(channel), disk_(disk) {}

  // A request into its answer (in place).
  void handle(IpcMessage* message) {
    if (sessions_.answer_open_or_close(message, sys::kDiskOpen, sys::kDiskClose)) return;
    const uint64_t label = message->label;
    const char* text = nullptr;
    uint64_t offset = 0;
    Status answer = Status::kNotSupported;
    if (label == sys::kDiskInfo) {
      answer = sessions_.check(*message, 1);
      if (answer == Status::kOk) answer = disk_.found;
    } else if (label == sys::kDiskText) {
      answer = sessions_.check(*message, 3);
      if (answer == Status::kOk) answer = disk_.found;
      if (answer == Status::kOk) answer = find_text(message->words[1], &text);
      offset = message->words[2];
      if (answer == Status::kOk && offset > __builtin_strlen(text)) answer = Status::kOutOfRange;
    } else if (label == sys::kDiskRead) {
      answer = sessions_.check(*message, 3);
      if (answer == Status::kOk) answer = disk_.found;
      offset = message->words[2];
      if (answer == Status::kOk) answer = read(message->words[1], offset);
    }
    begin_answer(message, answer);
    if (answer != Status::kOk) return;
    if (label == sys::kDiskInfo) {
      const AtaIdentity& id = disk_.identity;
      message->word_count = 4;
      message->words[0] = id.lba28_sectors;
      message->words[1] = id.lba48 ? id.lba48_sectors : 0;
      message->words[2] = (id.lba48 ? sys::kDiskLba48 : 0) |
                          (disk_.drive == AtaDrive::kSlave ? sys::kDiskSlave : 0);
      message->words[3] = kAtaSectorBytes;
    } else if (label == sys::kDiskText) {
      const size_t n = __builtin_strlen(text);
      message->word_count = kIpcMessageWords;
      message->words[0] = n;
      sys::pack_bytes(reinterpret_cast<const uint8_t*>(text) + offset, n - offset,
                      message->words + 1, kIpcMessageWords - 1);
    } else if (label == sys::kDiskRead) {
      message->word_count = kIpcMessageWords;
      sys::pack_bytes(sector_ + offset, sys::kDiskSliceBytes, message->words, kIpcMessageWords);
    }
  }

  uint32_t closed() const { return sessions_.closed(); }
  const DriverSessions& sessions() const { return sessions_; }

 private:
  Status find_text(uint64_t which, const char** text) const {
    const AtaIdentity& id = disk_.identity;
    if (which == static_cast<uint64_t>(sys::DiskText::kModel)) {
      *text = id.model;
    } else if (which == static_cast<uint64_t>(sys::DiskText::kSerial)) {
      *text = id.serial;
    } else if (which == static_cast<uint64_t>(sys::DiskText::kFirmware)) {
      *text = id.firmware;
    } else {
      return Status::kInvalidArgument;
    }
    return Status::kOk;
  }

  // Puts sector `lba` in sector_ for the slice at `offset`: read from the disk for offset 0 or
  // another sector than the one kept.
  Status read(uint64_t lba, uint64_t offset) {
    if (lba >= disk_.identity.lba28_sectors || offset >= kAtaSectorBytes) {
      return Status::kOutOfRange;
    }
    if (offset % sys::kDiskSliceBytes != 0) return Status::kUnaligned;
    if (offset == 0 || !kept_ || kept_lba_ != lba) {
      kept_ = false;
      TRY(channel_.read(disk_.drive, static_cast<uint32_t>(lba), 1, sector_));
      kept_ = true;
      kept_lba_ = lba;
    }
    return Status::kOk;
  }

  const AtaChannel& channel_;
  const Disk& disk_;
  DriverSessions sessions_;
  uint8_t sector_[kAtaSectorBytes] = {};
  bool kept_ = false;
  uint64_t kept_lba_ = 0;
};

Status serve(const AtaChannel& channel, const Disk& disk, uint32_t clients) {
  if (clients != 0) {
    sys::printf("ata_pio: serving 'disk' until %u session%s closed\n", clients,
                clients == 1 ? " has" : "s have");
  } else {
    sys::printf("ata_pio: serving 'disk'\n");
  }
  DiskServer server(channel, disk);
  TRY(serve_requests(sys::Endpoint(sys::Cap(kDriverEndpointSlot)), server.sessions(), clients,
                     [&](IpcMessage* m) { server.handle(m); }));
  sys::printf("ata_pio: %u session%s closed; exiting\n", server.closed(),
              server.closed() == 1 ? "" : "s");
  return Status::kOk;
}

Status run(uint32_t write_lba, const DriverArguments& args) {
  const sys::PortWindow command_window = TRY(sys::PortWindow::make(0x1F0, 8));
  const sys::PortWindow control_window = TRY(sys::PortWindow::make(0x3F6, 1));
  sys::PortRange command_block =
      TRY(sys::PortRange::enable(sys::Cap(kDriverPortsSlot), command_window));
  sys::PortRange control =
      TRY(sys::PortRange::enable(sys::Cap(kDriverMorePortsSlot), control_window));
  const AtaChannel channel = TRY(AtaChannel::make(command_block, control));
  Disk disk;
  Status shown = Status::kOk;
  if (channel.initialize() == Status::kNotFound) {
    sys::printf("ata_pio: nothing on the primary channel\n");
  } else if (!find_disk(channel, &disk.drive, &disk.identity)) {
    sys::printf("ata_pio: no ATA disk on the primary channel\n");
  } else {
    disk.found = Status::kOk;
    shown = show_disk(channel, disk, write_lba);
  }
  if (!args.serve) return shown;
  if (shown != Status::kOk) sys::printf("ata_pio: %s; serving anyway\n", status_name(shown));
  return serve(channel, disk, args.clients);
}

}  // namespace

int main(int argc, char** argv) {
  if (const Status s = run(write_test_argument(argc, argv), driver_arguments(argc, argv));
      s != Status::kOk) {
    sys::printf("ata_pio: %s\n", status_name(s));
    return 1;
  }
  return 0;
}
