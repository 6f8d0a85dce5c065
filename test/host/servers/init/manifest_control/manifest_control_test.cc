// grant=init_control@SLOT in init's manifest: parsed beside the other grants into its slot, and
// malformed forms (no slot, a name or range after it, a near miss) reported as a bad grant.
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

void test_the_control_grant() {
  const ManifestLine shell =
      parse("program portsh memory grant=init_control@4 grant=endpoint:serial@5");
  TEST_ASSERT_TRUE(shell.kind == ManifestLineKind::kProgram);
  TEST_ASSERT_EQUAL_size_t(2, shell.program.grant_count);
  TEST_ASSERT_TRUE(shell.program.grants[0].source == GrantSource::kInitControl);
  TEST_ASSERT_EQUAL_UINT32(4, shell.program.grants[0].slot);
  TEST_ASSERT_TRUE(shell.program.grants[1].source == GrantSource::kEndpoint);
  TEST_ASSERT_EQUAL_STRING("", shell.program.args);
}

void test_malformed_control_grants() {
  const char* const bad[] = {
      "program portsh grant=init_control",     "program portsh grant=init_control@",
      "program portsh grant=init_control:x@4", "program portsh grant=init_control:0x60+1@4",
      "program portsh grant=init_controls@4",  "program portsh grant=init@4"};
  for (const char* text : bad) {
    const ManifestLine line = parse(text);
    TEST_ASSERT_TRUE_MESSAGE(line.kind == ManifestLineKind::kError, text);
  }
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_the_control_grant);
  RUN_TEST(test_malformed_control_grants);
  return UNITY_END();
}
