#include "servers/drivers/ata_pio/ata_channel.h"

namespace {

constexpr uint8_t kStatusBusy = 0x80;
constexpr uint8_t kStatusDeviceFault = 0x20;
constexpr uint8_t kStatusDataRequest = 0x08;
constexpr uint8_t kStatusError = 0x01;
constexpr uint8_t kControlNoInterrupts = 0x02;  // nIEN
constexpr uint8_t kDriveLba = 0xE0;             // LBA addressing (bits 7 and 5 are always set)
constexpr uint8_t kCommandIdentify = 0xEC;
constexpr uint8_t kCommandReadSectors = 0x20;
constexpr uint8_t kCommandWriteSectors = 0x30;
constexpr uint8_t kCommandFlushCache = 0xE7;
// ATAPI devices abort IDENTIFY DEVICE and leave this signature in LBA mid and high.
constexpr uint8_t kAtapiSignatureMid = 0x14;
constexpr uint8_t kAtapiSignatureHigh = 0xEB;
constexpr uint32_t kMaxStatusReads = 10'000'000;  // a polled wait's bound
constexpr uint32_t kLba28Sectors = 1u << 28;

}  // namespace

Result<AtaChannel> AtaChannel::make(const sys::PortRange& command_block,
                                    const sys::PortRange& control) {
  const sys::Port<uint8_t> registers[8] = {
      TRY(command_block.port<uint8_t>(0)), TRY(command_block.port<uint8_t>(1)),
      TRY(command_block.port<uint8_t>(2)), TRY(command_block.port<uint8_t>(3)),
      TRY(command_block.port<uint8_t>(4)), TRY(command_block.port<uint8_t>(5)),
      TRY(command_block.port<uint8_t>(6)), TRY(command_block.port<uint8_t>(7))};
  return AtaChannel(TRY(command_block.port<uint16_t>(0)), registers, TRY(control.port<uint8_t>(0)));
}

Status AtaChannel::initialize() const {
  if (status_command_.read() == 0xFF) return Status::kNotFound;  // no drive pulls the bus down
  control_.write(kControlNoInterrupts);
  return Status::kOk;
}

// A drive reads the new drive/head value within 400 ns; four reads of the alternate status
// (which, unlike the status register, acknowledge nothing) take at least that long.
void AtaChannel::delay_400ns() const {
  for (int i = 0; i < 4; ++i) (void)control_.read();
}

void AtaChannel::select(AtaDrive drive, uint32_t lba) const {
  drive_head_.write(
      static_cast<uint8_t>(kDriveLba | static_cast<uint8_t>(drive) << 4 | ((lba >> 24) & 0x0F)));
  delay_400ns();
}

// Polls the status until the drive is not busy and shows every bit of `ready` (0: none);
// kBadState with the error register kept if it reports an error or a device fault.
Status AtaChannel::wait_until(uint8_t ready) const {
  for (uint32_t reads = 0; reads < kMaxStatusReads; ++reads) {
    const uint8_t status = status_command_.read();
    if ((status & kStatusBusy) != 0) continue;
    if ((status & (kStatusError | kStatusDeviceFault)) != 0) {
      last_error_ = error_.read();
      return Status::kBadState;
    }
    if ((status & ready) == ready) return Status::kOk;
  }
  return Status::kTimedOut;
}

Status AtaChannel::wait_not_busy() const { return wait_until(0); }

Status AtaChannel::wait_data_request() const { return wait_until(kStatusDataRequest); }

Status AtaChannel::identify(AtaDrive drive, uint16_t (&words)[kAtaIdentifyWords]) const {
  select(drive, 0);
  sector_count_.write(0);
  lba_low_.write(0);
  lba_mid_.write(0);
  lba_high_.write(0);
  status_command_.write(kCommandIdentify);
  delay_400ns();
  if (status_command_.read() == 0) return Status::kNotFound;  // no drive behind this select
  const Status s = wait_data_request();
  if (lba_mid_.read() == kAtapiSignatureMid && lba_high_.read() == kAtapiSignatureHigh) {
    return Status::kNotSupported;
  }
  if (s != Status::kOk) return s;
  for (uint16_t& word : words) word = data_.read();
  return Status::kOk;
}

Status AtaChannel::start(AtaDrive drive, uint32_t lba, uint32_t count, uint8_t command) const {
  if (count == 0 || count > 255 || lba >= kLba28Sectors || count > kLba28Sectors - lba) {
    return Status::kOutOfRange;
  }
  select(drive, lba);
  TRY(wait_not_busy());
  sector_count_.write(static_cast<uint8_t>(count));
  lba_low_.write(static_cast<uint8_t>(lba));
  lba_mid_.write(static_cast<uint8_t>(lba >> 8));
  lba_high_.write(static_cast<uint8_t>(lba >> 16));
  status_command_.write(command);
  delay_400ns();
  return Status::kOk;
}

Status AtaChannel::read(AtaDrive drive, uint32_t lba, uint32_t count, uint8_t* buffer) const {
  TRY(start(drive, lba, count, kCommandReadSectors));
  for (uint32_t sector = 0; sector < count; ++sector) {
    TRY(wait_data_request());
    for (size_t i = 0; i < kAtaSectorBytes; i += 2) {
      const uint16_t word = data_.read();
      buffer[i] = static_cast<uint8_t>(word);
      buffer[i + 1] = static_cast<uint8_t>(word >> 8);
    }
    buffer += kAtaSectorBytes;
  }
  return wait_not_busy();
}

Status AtaChannel::write(AtaDrive drive, uint32_t lba, uint32_t count,
                         const uint8_t* buffer) const {
  TRY(start(drive, lba, count, kCommandWriteSectors));
  for (uint32_t sector = 0; sector < count; ++sector) {
    TRY(wait_data_request());
    for (size_t i = 0; i < kAtaSectorBytes; i += 2) {
      data_.write(static_cast<uint16_t>(buffer[i] | buffer[i + 1] << 8));
    }
    buffer += kAtaSectorBytes;
  }
  return wait_not_busy();
}

Status AtaChannel::flush(AtaDrive drive) const {
  select(drive, 0);
  TRY(wait_not_busy());
  status_command_.write(kCommandFlushCache);
  delay_400ns();
  return wait_not_busy();
}
