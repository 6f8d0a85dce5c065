// grant=system_info@SLOT in init's manifest: parsed beside the other grants, with its slot; a
// look-alike word or a missing slot is a malformed grant.
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

void test_system_info_grant() {
  const ManifestLine line = parse("program portsh grant=system_info@3 grant=endpoint:serial@5");
  TEST_ASSERT_TRUE(line.kind == ManifestLineKind::kProgram);
  TEST_ASSERT_EQUAL_size_t(2, line.program.grant_count);
  TEST_ASSERT_TRUE(line.program.grants[0].source == GrantSource::kSystemInfo);
  TEST_ASSERT_EQUAL_UINT32(3, line.program.grants[0].slot);
  TEST_ASSERT_TRUE(line.program.grants[1].source == GrantSource::kEndpoint);
}

void test_malformed_system_info_grants() {
  TEST_ASSERT_TRUE(parse("program p grant=system_info").kind == ManifestLineKind::kError);
  TEST_ASSERT_TRUE(parse("program p grant=system_info@").kind == ManifestLineKind::kError);
  TEST_ASSERT_TRUE(parse("program p grant=system_info:x@3").kind == ManifestLineKind::kError);
  TEST_ASSERT_TRUE(parse("program p grant=system@3").kind == ManifestLineKind::kError);
  const ManifestLine error = parse("program p grant=system_infos@3");
  TEST_ASSERT_TRUE(error.kind == ManifestLineKind::kError);
  TEST_ASSERT_NOT_NULL(strstr(error.error, "system_info"));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_system_info_grant);
  RUN_TEST(test_malformed_system_info_grants);
  return UNITY_END();
}
