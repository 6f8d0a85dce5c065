// ata_pio: drives the primary ATA channel by PIO with polling, through the only ports init grants
// it: the command block 0x1F0-0x1F7 and the control register 0x3F6 (docs/drivers.md). It
// identifies the channel's drives, takes the first ATA disk (a CD-ROM answers IDENTIFY as a
// packet device and is left alone), reads sectors 0 and 1 in one command and the last one, and
// prints each sector's first line and checksum:
//   ata_pio: LBA 1: 'PORTCULLIS DISK SECTOR 00000001' fnv1a 0x6a2b4e1f
//
//   ata_pio [write-test=LBA]
//
// With write-test=LBA it also writes a pattern of its own to that sector, flushes the cache,
// reads the sector back and compares (the tests then find the pattern in the disk image).
#include <stddef.h>
#include <stdint.h>

#include "base/format.h"
#include "libsys/cap.h"
#include "libsys/port.h"
#include "libsys/print.h"
#include "servers/drivers/ata_pio/ata_channel.h"
#include "servers/drivers/ata_pio/ata_identify.h"
#include "servers/drivers/driver_slots.h"

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

Status run(uint32_t write_lba) {
  const sys::PortWindow command_window = TRY(sys::PortWindow::make(0x1F0, 8));
  const sys::PortWindow control_window = TRY(sys::PortWindow::make(0x3F6, 1));
  sys::PortRange command_block =
      TRY(sys::PortRange::enable(sys::Cap(kDriverPortsSlot), command_window));
  sys::PortRange control =
      TRY(sys::PortRange::enable(sys::Cap(kDriverMorePortsSlot), control_window));
  const AtaChannel channel = TRY(AtaChannel::make(command_block, control));
  if (channel.initialize() == Status::kNotFound) {
    sys::printf("ata_pio: nothing on the primary channel\n");
    return Status::kOk;
  }
  AtaDrive disk;
  AtaIdentity id;
  if (!find_disk(channel, &disk, &id)) {
    sys::printf("ata_pio: no ATA disk on the primary channel\n");
    return Status::kOk;
  }
  // Two sectors in one command, then the last sector of the disk.
  TRY(channel.read(disk, 0, 2, g_sectors));
  print_sector(0, g_sectors);
  print_sector(1, g_sectors + kAtaSectorBytes);
  const uint32_t last = id.lba28_sectors - 1;
  TRY(channel.read(disk, last, 1, g_sectors));
  print_sector(last, g_sectors);
  if (write_lba != kNoWriteTest) {
    if (write_lba >= id.lba28_sectors) {
      sys::printf("ata_pio: write-test=%u is past the disk's end\n", write_lba);
      return Status::kOutOfRange;
    }
    TRY(write_test(channel, disk, write_lba));
  }
  return Status::kOk;
}

}  // namespace

int main(int argc, char** argv) {
  if (const Status s = run(write_test_argument(argc, argv)); s != Status::kOk) {
    sys::printf("ata_pio: %s\n", status_name(s));
    return 1;
  }
  return 0;
}
