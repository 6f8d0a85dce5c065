// `memory` (no slot): a memory-server client with its endpoint in kSlotMemoryServer, next to the
// other options; memory=SLOT still names its own slot, and a word that only starts with "memory"
// is an argument.
#include <string.h>

#include "abi/portcullis/cap_slots.h"
#include "servers/init/manifest.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

ManifestLine parse(const char* text) {
  ManifestLine line;
  line.number = 1;
  parse_manifest_line(text, strlen(text), &line);
  return line;
}

}  // namespace

void test_bare_memory_uses_the_well_known_slot() {
  const ManifestLine client = parse("program hello world memory restart=2 grant=io_ports@3");
  TEST_ASSERT_TRUE(client.kind == ManifestLineKind::kProgram);
  TEST_ASSERT_TRUE(client.program.memory);
  TEST_ASSERT_EQUAL_UINT32(kSlotMemoryServer, client.program.memory_slot);
  TEST_ASSERT_EQUAL_STRING("world", client.program.args);
  TEST_ASSERT_EQUAL_UINT32(2, client.program.restart);
  TEST_ASSERT_EQUAL_size_t(1, client.program.grant_count);
}

void test_memory_slot_and_look_alikes() {
  TEST_ASSERT_EQUAL_UINT32(7, parse("program app memory=7").program.memory_slot);
  const ManifestLine words = parse("program app memoryless memory_x");
  TEST_ASSERT_TRUE(words.kind == ManifestLineKind::kProgram);
  TEST_ASSERT_FALSE(words.program.memory);
  TEST_ASSERT_EQUAL_STRING("memoryless memory_x", words.program.args);
  TEST_ASSERT_FALSE(parse("program app").program.memory);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_bare_memory_uses_the_well_known_slot);
  RUN_TEST(test_memory_slot_and_look_alikes);
  return UNITY_END();
}
