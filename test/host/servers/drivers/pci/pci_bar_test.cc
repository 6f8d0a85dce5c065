// servers/drivers/pci/pci_bar: CONFIG_ADDRESS words, and BARs of every kind decoded from their
// value and sizing probe (the figures QEMU's i440FX machine shows, and the edges: unused BARs,
// 16-bit I/O decoders, 64-bit BARs above 4 GiB and ones that only decode 32 bits).
#include "servers/drivers/pci/pci_bar.h"

#include "unity.h"

void setUp() {}
void tearDown() {}

void test_config_address() {
  TEST_ASSERT_EQUAL_HEX32(0x8000'0000u, pci_config_address(PciFunction{0, 0, 0}, 0));
  TEST_ASSERT_EQUAL_HEX32(0x8000'0908u, pci_config_address(PciFunction{0, 1, 1}, 0x08));
  TEST_ASSERT_EQUAL_HEX32(0x80FF'FFFCu, pci_config_address(PciFunction{255, 31, 7}, 0xFF));
  TEST_ASSERT_EQUAL_HEX32(0x8001'0010u, pci_config_address(PciFunction{1, 0, 0}, 0x12));
}

void test_io_bar() {
  // PIIX3 IDE's bus-master registers: 16 ports.
  PciBar bar = decode_pci_bar(0xC041, 0xFFFF'FFF1, 0, 0);
  TEST_ASSERT_EQUAL(static_cast<int>(PciBarKind::kIo), static_cast<int>(bar.kind));
  TEST_ASSERT_EQUAL_HEX64(0xC040, bar.base);
  TEST_ASSERT_EQUAL_HEX64(0x10, bar.size);
  // A 16-bit decoder reads the upper half back as zero: 64 ports all the same.
  bar = decode_pci_bar(0xC001, 0x0000'FFC1, 0, 0);
  TEST_ASSERT_EQUAL_HEX64(0xC000, bar.base);
  TEST_ASSERT_EQUAL_HEX64(0x40, bar.size);
}

void test_memory_32_bar() {
  PciBar bar = decode_pci_bar(0xFD00'0008, 0xFF00'0008, 0, 0);
  TEST_ASSERT_EQUAL(static_cast<int>(PciBarKind::kMemory32), static_cast<int>(bar.kind));
  TEST_ASSERT_TRUE(bar.prefetchable);
  TEST_ASSERT_EQUAL_HEX64(0xFD00'0000, bar.base);
  TEST_ASSERT_EQUAL_HEX64(0x100'0000, bar.size);
  bar = decode_pci_bar(0xFEBC'0000, 0xFFFE'0000, 0xDEAD, 0xBEEF);  // the high words are ignored
  TEST_ASSERT_FALSE(bar.prefetchable);
  TEST_ASSERT_EQUAL_HEX64(0xFEBC'0000, bar.base);
  TEST_ASSERT_EQUAL_HEX64(0x2'0000, bar.size);
}

void test_memory_64_bar() {
  TEST_ASSERT_TRUE(pci_bar_is_64_bit(0xC));
  TEST_ASSERT_FALSE(pci_bar_is_64_bit(0x8));
  // 8 GiB at 16 GiB: the size is in the high register.
  PciBar bar = decode_pci_bar(0x0000'000C, 0x0000'000C, 0x4, 0xFFFF'FFFE);
  TEST_ASSERT_EQUAL(static_cast<int>(PciBarKind::kMemory64), static_cast<int>(bar.kind));
  TEST_ASSERT_TRUE(bar.prefetchable);
  TEST_ASSERT_EQUAL_HEX64(0x4'0000'0000ull, bar.base);
  TEST_ASSERT_EQUAL_HEX64(0x2'0000'0000ull, bar.size);
  // 16 KiB below 4 GiB in a 64-bit BAR.
  bar = decode_pci_bar(0xFEB0'0004, 0xFFFF'C004, 0, 0xFFFF'FFFF);
  TEST_ASSERT_EQUAL_HEX64(0xFEB0'0000, bar.base);
  TEST_ASSERT_EQUAL_HEX64(0x4000, bar.size);
  // A high register that does not stick (decodes 32 bits only): the size is the low one's.
  bar = decode_pci_bar(0xFEB0'0004, 0xFFFF'C004, 0, 0);
  TEST_ASSERT_EQUAL_HEX64(0x4000, bar.size);
}

void test_unused_bars() {
  TEST_ASSERT_EQUAL(static_cast<int>(PciBarKind::kUnused),
                    static_cast<int>(decode_pci_bar(0, 0, 0, 0).kind));
  TEST_ASSERT_EQUAL(static_cast<int>(PciBarKind::kUnused),
                    static_cast<int>(decode_pci_bar(0x1, 0x1, 0, 0).kind));
  TEST_ASSERT_EQUAL(static_cast<int>(PciBarKind::kUnused),
                    static_cast<int>(decode_pci_bar(0x4, 0x4, 0, 0).kind));
  TEST_ASSERT_EQUAL_HEX64(0, decode_pci_bar(0, 0, 0, 0).size);
}

void test_class_names() {
  TEST_ASSERT_EQUAL_STRING("host bridge", pci_class_name(0x06, 0x00));
  TEST_ASSERT_EQUAL_STRING("ISA bridge", pci_class_name(0x06, 0x01));
  TEST_ASSERT_EQUAL_STRING("IDE controller", pci_class_name(0x01, 0x01));
  TEST_ASSERT_NULL(pci_class_name(0xFF, 0x00));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_config_address);
  RUN_TEST(test_io_bar);
  RUN_TEST(test_memory_32_bar);
  RUN_TEST(test_memory_64_bar);
  RUN_TEST(test_unused_bars);
  RUN_TEST(test_class_names);
  return UNITY_END();
}
