// The memory-server options of init's manifest: memory=SLOT and grant=memory_pool@SLOT parsed with
// the other options, malformed ones reported; memory=SLOT:PAGES, the quota (bounded, and 0 for
// mem::kDefaultQuotaPages without the colon); a bare `memory` with its endpoint in
// kSlotMemoryServer, and words that only start with "memory" taken as arguments.
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

void test_memory_client_and_pool_grant() {
  const ManifestLine server =
      parse("program memsrv grant=memory_pool@3 grant=endpoint:memory:serve@4");
  TEST_ASSERT_TRUE(server.kind == ManifestLineKind::kProgram);
  TEST_ASSERT_EQUAL_size_t(2, server.program.grant_count);
  TEST_ASSERT_TRUE(server.program.grants[0].source == GrantSource::kMemoryPool);
  TEST_ASSERT_EQUAL_UINT32(3, server.program.grants[0].slot);
  TEST_ASSERT_FALSE(server.program.memory);
  const ManifestLine client = parse("program app one memory=5 two restart=1");
  TEST_ASSERT_TRUE(client.kind == ManifestLineKind::kProgram);
  TEST_ASSERT_TRUE(client.program.memory);
  TEST_ASSERT_EQUAL_UINT32(5, client.program.memory_slot);
  TEST_ASSERT_EQUAL_STRING("one two", client.program.args);
  TEST_ASSERT_EQUAL_UINT32(1, client.program.restart);
}

void test_malformed() {
  TEST_ASSERT_TRUE(parse("program app memory=").kind == ManifestLineKind::kError);
  TEST_ASSERT_TRUE(parse("program app memory=x").kind == ManifestLineKind::kError);
  const ManifestLine bad = parse("program app grant=memory_pool");
  TEST_ASSERT_TRUE(bad.kind == ManifestLineKind::kError);
  TEST_ASSERT_EQUAL_STRING("grant=memory_pool", bad.word);
  TEST_ASSERT_TRUE(parse("program app grant=memory_pools@3").kind == ManifestLineKind::kError);
}

void test_quota_parsed() {
  const ManifestLine with = parse("program app memory=3:16 one");
  TEST_ASSERT_TRUE(with.kind == ManifestLineKind::kProgram);
  TEST_ASSERT_TRUE(with.program.memory);
  TEST_ASSERT_EQUAL_UINT32(3, with.program.memory_slot);
  TEST_ASSERT_EQUAL_UINT32(16, with.program.memory_quota_pages);
  TEST_ASSERT_EQUAL_STRING("one", with.program.args);
  const ManifestLine without = parse("program app memory=3");
  TEST_ASSERT_TRUE(without.kind == ManifestLineKind::kProgram);
  TEST_ASSERT_EQUAL_UINT32(3, without.program.memory_slot);
  TEST_ASSERT_EQUAL_UINT32(0, without.program.memory_quota_pages);
  const ManifestLine most = parse("program app memory=3:16777216");
  TEST_ASSERT_EQUAL_UINT32(kManifestMaxQuotaPages, most.program.memory_quota_pages);
}

void test_malformed_quota() {
  const char* bad[] = {"program app memory=3:",    "program app memory=3:0",
                       "program app memory=3:x",   "program app memory=:5",
                       "program app memory=3:5:6", "program app memory=3:16777217",
                       "program app memory=3:-1"};
  for (const char* line : bad) {
    const ManifestLine l = parse(line);
    TEST_ASSERT_TRUE_MESSAGE(l.kind == ManifestLineKind::kError, line);
  }
}

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
  RUN_TEST(test_memory_client_and_pool_grant);
  RUN_TEST(test_malformed);
  RUN_TEST(test_quota_parsed);
  RUN_TEST(test_malformed_quota);
  RUN_TEST(test_bare_memory_uses_the_well_known_slot);
  RUN_TEST(test_memory_slot_and_look_alikes);
  return UNITY_END();
}
