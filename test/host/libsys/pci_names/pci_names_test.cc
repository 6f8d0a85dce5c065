// libsys/pci_names.h: the names of both emulators' functions, a subclass the table does not list
// named by its class, a class it does not list unnamed.
#include <stdint.h>

#include "libsys/pci_names.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

void test_the_emulators_functions_are_named() {
  TEST_ASSERT_EQUAL_STRING("host bridge", sys::pci_class_name(0x06, 0x00));
  TEST_ASSERT_EQUAL_STRING("ISA bridge", sys::pci_class_name(0x06, 0x01));
  TEST_ASSERT_EQUAL_STRING("IDE controller", sys::pci_class_name(0x01, 0x01));
  TEST_ASSERT_EQUAL_STRING("VGA", sys::pci_class_name(0x03, 0x00));
  TEST_ASSERT_EQUAL_STRING("Ethernet", sys::pci_class_name(0x02, 0x00));
  TEST_ASSERT_EQUAL_STRING("USB controller", sys::pci_class_name(0x0C, 0x03));
  TEST_ASSERT_EQUAL_STRING("bridge", sys::pci_class_name(0x06, 0x80));  // PIIX's ACPI function
}

void test_an_unlisted_subclass_takes_its_class_name() {
  TEST_ASSERT_EQUAL_STRING("storage controller", sys::pci_class_name(0x01, 0x80));
  TEST_ASSERT_EQUAL_STRING("network controller", sys::pci_class_name(0x02, 0x07));
  TEST_ASSERT_EQUAL_STRING("serial bus controller", sys::pci_class_name(0x0C, 0x80));
}

void test_an_unlisted_class_has_no_name() {
  TEST_ASSERT_NULL(sys::pci_class_name(0xFF, 0x00));
  TEST_ASSERT_NULL(sys::pci_class_name(0x00, 0x00));
  TEST_ASSERT_NULL(sys::pci_class_name(0x12, 0xFF));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_the_emulators_functions_are_named);
  RUN_TEST(test_an_unlisted_subclass_takes_its_class_name);
  RUN_TEST(test_an_unlisted_class_has_no_name);
  return UNITY_END();
}
