// Names for PCI class codes, the words lspci-like listings print beside the numbers: the
// subclass's name where it is a common one, else the class's, else none. Header-only, so the PCI
// driver, the shell and the host tests share one table.
#pragma once

#include <stdint.h>

namespace sys {

// A short name for a class and subclass ("host bridge", "IDE controller"), or nullptr.
constexpr const char* pci_class_name(uint8_t class_code, uint8_t subclass) {
  struct Name {
    uint8_t class_code, subclass;
    const char* name;
  };
  // Subclass 0xFF: the class's name, for a subclass the table does not list.
  constexpr Name kNames[] = {
      {0x01, 0x00, "SCSI controller"},
      {0x01, 0x01, "IDE controller"},
      {0x01, 0x05, "ATA controller"},
      {0x01, 0x06, "SATA controller"},
      {0x01, 0x08, "NVMe controller"},
      {0x01, 0xFF, "storage controller"},
      {0x02, 0x00, "Ethernet"},
      {0x02, 0xFF, "network controller"},
      {0x03, 0x00, "VGA"},
      {0x03, 0xFF, "display controller"},
      {0x04, 0x01, "audio device"},
      {0x04, 0x03, "HD audio"},
      {0x04, 0xFF, "multimedia"},
      {0x05, 0xFF, "memory controller"},
      {0x06, 0x00, "host bridge"},
      {0x06, 0x01, "ISA bridge"},
      {0x06, 0x04, "PCI-PCI bridge"},
      {0x06, 0xFF, "bridge"},
      {0x07, 0x00, "serial controller"},
      {0x07, 0xFF, "communication controller"},
      {0x08, 0xFF, "system peripheral"},
      {0x09, 0xFF, "input device"},
      {0x0C, 0x03, "USB controller"},
      {0x0C, 0x05, "SMBus"},
      {0x0C, 0xFF, "serial bus controller"},
  };
  const char* class_only = nullptr;
  for (const Name& n : kNames) {
    if (n.class_code != class_code) continue;
    if (n.subclass == subclass) return n.name;
    if (n.subclass == 0xFF) class_only = n.name;
  }
  return class_only;
}

}  // namespace sys
