// memory=SLOT:PAGES, the quota init registers a memory-server client with: parsed, bounded, and
// absent (0, for mem::kDefaultQuotaPages) without the colon.
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

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_quota_parsed);
  RUN_TEST(test_malformed_quota);
  return UNITY_END();
}
