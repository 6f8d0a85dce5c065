// One ATA channel's two drives, driven by PIO with polling: IDENTIFY DEVICE and LBA28 reads and
// writes of whole sectors through the data register. Interrupts stay off (nIEN in the device
// control register); every wait polls the status register, bounded so a dead device cannot hang
// the driver. The command block (8 ports) and the control register (1 port) are two PortRanges
// (libsys/port.h), as init grants them.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/status.h"
#include "base/result.h"
#include "libsys/port.h"
#include "servers/drivers/ata_pio/ata_identify.h"

enum class AtaDrive : uint8_t { kMaster = 0, kSlave = 1 };

class AtaChannel {
 public:
  // The command block's registers at offsets 0-7 of `command_block` and the device control /
  // alternate status register at offset 0 of `control`.
  [[nodiscard]] static Result<AtaChannel> make(const sys::PortRange& command_block,
                                               const sys::PortRange& control);

  // Turns the channel's interrupts off; kNotFound if nothing answers on it (a floating bus).
  [[nodiscard]] Status initialize() const;
  // IDENTIFY DEVICE: kNotFound for no drive, kNotSupported for a packet device (a CD-ROM: ATAPI
  // answers with its signature instead), kBadState if the drive reports an error.
  [[nodiscard]] Status identify(AtaDrive drive, uint16_t (&words)[kAtaIdentifyWords]) const;
  // `count` (1-255) sectors from `lba` (below 2^28) into or out of `buffer` (count * 512 bytes).
  [[nodiscard]] Status read(AtaDrive drive, uint32_t lba, uint32_t count, uint8_t* buffer) const;
  [[nodiscard]] Status write(AtaDrive drive, uint32_t lba, uint32_t count,
                             const uint8_t* buffer) const;
  // FLUSH CACHE: written sectors are on the medium when this returns kOk.
  [[nodiscard]] Status flush(AtaDrive drive) const;

  // The error register after the last command that failed.
  uint8_t last_error() const { return last_error_; }

 private:
  AtaChannel(sys::Port<uint16_t> data, const sys::Port<uint8_t> (&registers)[8],
             sys::Port<uint8_t> control)
      : data_(data),
        error_(registers[1]),
        sector_count_(registers[2]),
        lba_low_(registers[3]),
        lba_mid_(registers[4]),
        lba_high_(registers[5]),
        drive_head_(registers[6]),
        status_command_(registers[7]),
        control_(control) {}

  void select(AtaDrive drive, uint32_t lba) const;
  void delay_400ns() const;
  [[nodiscard]] Status wait_until(uint8_t ready) const;
  [[nodiscard]] Status wait_not_busy() const;
  [[nodiscard]] Status wait_data_request() const;
  [[nodiscard]] Status start(AtaDrive drive, uint32_t lba, uint32_t count, uint8_t command) const;

  sys::Port<uint16_t> data_;           // 0: 16 bits a transfer
  sys::Port<uint8_t> error_;           // 1: error (read) / features (write)
  sys::Port<uint8_t> sector_count_;    // 2
  sys::Port<uint8_t> lba_low_;         // 3
  sys::Port<uint8_t> lba_mid_;         // 4
  sys::Port<uint8_t> lba_high_;        // 5
  sys::Port<uint8_t> drive_head_;      // 6
  sys::Port<uint8_t> status_command_;  // 7: status (read) / command (write)
  sys::Port<uint8_t> control_;         // device control (write) / alternate status (read)
  mutable uint8_t last_error_ = 0;
};
