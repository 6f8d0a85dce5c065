// memory=SLOT and grant=memory_pool@SLOT: parsed with the other options, malformed ones reported.
#include <string.h>

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

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_memory_client_and_pool_grant);
  RUN_TEST(test_malformed);
  return UNITY_END();
}
