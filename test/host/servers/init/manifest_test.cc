// servers/init/manifest: the statement forms, options, comments, and each malformed line reported
// with its number while the lines after it are still read; the memory options and quotas, and the
// grants of init's control endpoint and of the SystemInfo capability.
#include <stdio.h>
#include <string.h>

#include <initializer_list>

#include "abi/portcullis/cap_slots.h"
#include "servers/init/manifest.h"
#include "unity.h"

namespace {

ManifestLine parse(const char* text) {
  ManifestLine line;
  line.number = 7;
  parse_manifest_line(text, strlen(text), &line);
  return line;
}

void expect_error(const char* text, const char* error_start, const char* word) {
  const ManifestLine line = parse(text);
  TEST_ASSERT_EQUAL(static_cast<int>(ManifestLineKind::kError), static_cast<int>(line.kind));
  TEST_ASSERT_EQUAL_UINT32(7, line.number);
  TEST_ASSERT_EQUAL_INT(0, strncmp(line.error, error_start, strlen(error_start)));
  TEST_ASSERT_EQUAL_STRING(word, line.word);
}

}  // namespace

void setUp() {}
void tearDown() {}

void test_blank_and_comment_lines() {
  for (const char* text : {"", "   ", "\t\r", "# a comment", "   # indented comment"}) {
    TEST_ASSERT_EQUAL(static_cast<int>(ManifestLineKind::kBlank),
                      static_cast<int>(parse(text).kind));
  }
}

void test_program_with_name_only() {
  const ManifestLine line = parse("program hello");
  TEST_ASSERT_EQUAL(static_cast<int>(ManifestLineKind::kProgram), static_cast<int>(line.kind));
  TEST_ASSERT_EQUAL_STRING("hello", line.program.name);
  TEST_ASSERT_FALSE(line.program.has_args);
  TEST_ASSERT_EQUAL_STRING("", line.program.args);
  TEST_ASSERT_EQUAL_UINT32(0, line.program.restart);
  TEST_ASSERT_EQUAL_UINT32(kThreadPriorityDefault, line.program.priority);
  TEST_ASSERT_EQUAL(0, line.program.grant_count);
}

void test_priority() {
  TEST_ASSERT_EQUAL_UINT32(10, parse("program memsrv priority=10").program.priority);
  TEST_ASSERT_EQUAL_UINT32(0, parse("program idle priority=0").program.priority);
  TEST_ASSERT_EQUAL_UINT32(15, parse("program x priority=15").program.priority);
}

void test_daemon() {
  const ManifestLine line = parse("program cmos_rtc serve daemon grant=endpoint:rtc:serve@5");
  TEST_ASSERT_EQUAL(static_cast<int>(ManifestLineKind::kProgram), static_cast<int>(line.kind));
  TEST_ASSERT_TRUE(line.program.daemon);
  TEST_ASSERT_EQUAL_STRING("serve", line.program.args);  // an option, not an argument
  TEST_ASSERT_FALSE(parse("program hello daemons").program.daemon);
  TEST_ASSERT_FALSE(parse("program hello").program.daemon);
}

void test_on_request() {
  const ManifestLine line =
      parse("program stress on_request seconds=10 memory grant=module:stress_child@4");
  TEST_ASSERT_EQUAL(static_cast<int>(ManifestLineKind::kProgram), static_cast<int>(line.kind));
  TEST_ASSERT_TRUE(line.program.on_request);
  TEST_ASSERT_EQUAL_STRING("seconds=10", line.program.args);  // an option, not an argument
  TEST_ASSERT_TRUE(line.program.memory);
  TEST_ASSERT_EQUAL_UINT32(1, line.program.grant_count);
  TEST_ASSERT_FALSE(parse("program hello on_requests").program.on_request);
  TEST_ASSERT_EQUAL_STRING("on_requests", parse("program hello on_requests").program.args);
  TEST_ASSERT_FALSE(parse("program hello").program.on_request);
}

void test_eight_grants() {
  const ManifestLine line = parse(
      "program x grant=io_ports@5 grant=io_ports@6 grant=io_ports@7 grant=io_ports@8 "
      "grant=io_ports@9 grant=io_ports@10 grant=io_ports@11 grant=module:y@12");
  TEST_ASSERT_EQUAL(static_cast<int>(ManifestLineKind::kProgram), static_cast<int>(line.kind));
  TEST_ASSERT_EQUAL(8, line.program.grant_count);
  TEST_ASSERT_EQUAL_UINT32(12, line.program.grants[7].slot);
}

void test_arguments_options_and_trailing_comment() {
  const ManifestLine line =
      parse("  program\tserial  a  b=c restart=3 grant=io_ports@9 grant=module:hello@10 z # x y");
  TEST_ASSERT_EQUAL(static_cast<int>(ManifestLineKind::kProgram), static_cast<int>(line.kind));
  TEST_ASSERT_EQUAL_STRING("serial", line.program.name);
  TEST_ASSERT_TRUE(line.program.has_args);
  TEST_ASSERT_EQUAL_STRING("a b=c z", line.program.args);
  TEST_ASSERT_EQUAL_UINT32(3, line.program.restart);
  TEST_ASSERT_EQUAL(2, line.program.grant_count);
  TEST_ASSERT_EQUAL(static_cast<int>(GrantSource::kIoPorts),
                    static_cast<int>(line.program.grants[0].source));
  TEST_ASSERT_EQUAL_UINT32(9, line.program.grants[0].slot);
  TEST_ASSERT_EQUAL(static_cast<int>(GrantSource::kModule),
                    static_cast<int>(line.program.grants[1].source));
  TEST_ASSERT_EQUAL_STRING("hello", line.program.grants[1].name);
  TEST_ASSERT_EQUAL_UINT32(10, line.program.grants[1].slot);
}

void expect_port_grant(const char* text, uint32_t base, uint32_t count, uint32_t slot) {
  const ManifestLine line = parse(text);
  TEST_ASSERT_EQUAL(static_cast<int>(ManifestLineKind::kProgram), static_cast<int>(line.kind));
  TEST_ASSERT_EQUAL(1, line.program.grant_count);
  const ManifestGrant& g = line.program.grants[0];
  TEST_ASSERT_EQUAL(static_cast<int>(GrantSource::kIoPortRange), static_cast<int>(g.source));
  TEST_ASSERT_EQUAL_UINT32(base, g.port_base);
  TEST_ASSERT_EQUAL_UINT32(count, g.port_count);
  TEST_ASSERT_EQUAL_UINT32(slot, g.slot);
}

// expect_error for a grant word, which the error reports cut to what ManifestLine::word holds.
void expect_grant_error(const char* program, const char* word) {
  char text[128];
  snprintf(text, sizeof text, "program %s %s", program, word);
  char reported[kManifestMaxNameBytes];
  snprintf(reported, sizeof reported, "%s", word);
  expect_error(text, "grant=", reported);
}

void test_port_range_grants() {
  expect_port_grant("program cmos_rtc grant=io_ports:0x70-0x71@3", 0x70, 2, 3);
  expect_port_grant("program cmos_rtc grant=io_ports:112-113@3", 0x70, 2, 3);
  expect_port_grant("program cmos_rtc grant=io_ports:0x70+2@3", 0x70, 2, 3);
  expect_port_grant("program cmos_rtc grant=io_ports:0x70-0x70@4", 0x70, 1, 4);
  expect_port_grant("program pci grant=io_ports:0xCF8+8@3", 0xCF8, 8, 3);
  expect_port_grant("program pci grant=io_ports:0xcf8-0xCFF@3", 0xCF8, 8, 3);
  expect_port_grant("program all grant=io_ports:0-0xFFFF@9", 0, 65536, 9);
  expect_port_grant("program all grant=io_ports:0+65536@9", 0, 65536, 9);
  expect_port_grant("program all grant=io_ports:0x0+0x10000@9", 0, 65536, 9);
  expect_port_grant("program top grant=io_ports:0xFFFF+1@9", 0xFFFF, 1, 9);
  expect_port_grant("program top grant=io_ports:65535-65535@9", 0xFFFF, 1, 9);
  // Two ranges and a module in one line, beside arguments.
  const ManifestLine line = parse(
      "program ata_pio disk grant=io_ports:0x1F0-0x1F7@3 grant=io_ports:0x3F6+1@4 "
      "grant=module:hello@5");
  TEST_ASSERT_EQUAL(static_cast<int>(ManifestLineKind::kProgram), static_cast<int>(line.kind));
  TEST_ASSERT_EQUAL_STRING("disk", line.program.args);
  TEST_ASSERT_EQUAL(3, line.program.grant_count);
  TEST_ASSERT_EQUAL_UINT32(0x1F0, line.program.grants[0].port_base);
  TEST_ASSERT_EQUAL_UINT32(8, line.program.grants[0].port_count);
  TEST_ASSERT_EQUAL_UINT32(0x3F6, line.program.grants[1].port_base);
  TEST_ASSERT_EQUAL_UINT32(1, line.program.grants[1].port_count);
  TEST_ASSERT_EQUAL_UINT32(4, line.program.grants[1].slot);
  TEST_ASSERT_EQUAL(static_cast<int>(GrantSource::kModule),
                    static_cast<int>(line.program.grants[2].source));
}

void test_malformed_port_range_grants() {
  for (const char* word : {
           "grant=io_ports:@3",                 // no range
           "grant=io_ports:0x70@3",             // no last port or count
           "grant=io_ports:0x70-@3",            // no last port
           "grant=io_ports:-0x71@3",            // no base
           "grant=io_ports:0x71-0x70@3",        // last before base
           "grant=io_ports:0x70+0@3",           // no ports
           "grant=io_ports:0xFFFF+2@3",         // past port 65535
           "grant=io_ports:0+65537@3",          // more ports than there are
           "grant=io_ports:0x10000-0x10000@3",  // a port that does not exist
           "grant=io_ports:70000-70001@3",
           "grant=io_ports:0x-0x71@3",    // "0x" alone
           "grant=io_ports:0x7g-0x71@3",  // not hex
           "grant=io_ports:0X70-0x71@3",  // only a lower-case x
           "grant=io_ports:1e-2@3",       // not decimal
           "grant=io_ports:0x70-0x71-0x72@3",
           "grant=io_ports:0x70+1+1@3",
           "grant=io_ports:0x70-0x71",  // no slot
           "grant=io_ports:0x70-0x71@",
           "grant=io_ports:0x70-0x71@x",
           "grant=io_ports:0x000070-0x71@3",  // more than five hex digits
       }) {
    expect_grant_error("cmos_rtc", word);
  }
}

void test_endpoint_grants() {
  const ManifestLine line =
      parse("program uart16550 grant=endpoint:serial@4 grant=endpoint:serial:serve@5");
  TEST_ASSERT_EQUAL(static_cast<int>(ManifestLineKind::kProgram), static_cast<int>(line.kind));
  TEST_ASSERT_EQUAL(2, line.program.grant_count);
  TEST_ASSERT_EQUAL(static_cast<int>(GrantSource::kEndpoint),
                    static_cast<int>(line.program.grants[0].source));
  TEST_ASSERT_EQUAL_STRING("serial", line.program.grants[0].name);
  TEST_ASSERT_FALSE(line.program.grants[0].serve);
  TEST_ASSERT_EQUAL_UINT32(4, line.program.grants[0].slot);
  TEST_ASSERT_EQUAL_STRING("serial", line.program.grants[1].name);
  TEST_ASSERT_TRUE(line.program.grants[1].serve);
  TEST_ASSERT_EQUAL_UINT32(5, line.program.grants[1].slot);
  for (const char* word :
       {"grant=endpoint:@4", "grant=endpoint:serial:@4", "grant=endpoint:serial:receive@4",
        "grant=endpoint::serve@4", "grant=endpoint:serial:serve:x@4",
        "grant=endpoint:abcdefghijabcdefghijabcdefghijabc@4"}) {
    expect_grant_error("client", word);
  }
}

void test_io_bitmap_grants() {
  const ManifestLine line =
      parse("program cmos_rtc grant=io_bitmap:rtc:0x70-0x71@3 grant=io_bitmap:other:0x80+4@4");
  TEST_ASSERT_EQUAL(static_cast<int>(ManifestLineKind::kProgram), static_cast<int>(line.kind));
  TEST_ASSERT_EQUAL(2, line.program.grant_count);
  const ManifestGrant& rtc = line.program.grants[0];
  TEST_ASSERT_EQUAL(static_cast<int>(GrantSource::kIoBitmap), static_cast<int>(rtc.source));
  TEST_ASSERT_EQUAL_STRING("rtc", rtc.name);
  TEST_ASSERT_EQUAL_UINT32(0x70, rtc.port_base);
  TEST_ASSERT_EQUAL_UINT32(2, rtc.port_count);
  TEST_ASSERT_EQUAL_UINT32(3, rtc.slot);
  const ManifestGrant& other = line.program.grants[1];
  TEST_ASSERT_EQUAL_STRING("other", other.name);
  TEST_ASSERT_EQUAL_UINT32(0x80, other.port_base);
  TEST_ASSERT_EQUAL_UINT32(4, other.port_count);
  for (const char* word : {"grant=io_bitmap@3", "grant=io_bitmap:@3", "grant=io_bitmap:rtc@3",
                           "grant=io_bitmap:rtc:@3", "grant=io_bitmap::0x70-0x71@3",
                           "grant=io_bitmap:rtc:0x71-0x70@3", "grant=io_bitmap:rtc:0x70+0@3",
                           "grant=io_bitmap:abcdefghijabcdefghijabcdefghijabc:0x70+1@3"}) {
    expect_grant_error("shared", word);
  }
}

void test_malformed_lines() {
  expect_error("progam hello", "unknown statement", "progam");
  expect_error("program", "'program' without", "");
  expect_error("program # only a comment", "'program' without", "");
  expect_error("program abcdefghijabcdefghijabcdefghijabcdefghij", "module name too long",
               "abcdefghijabcdefghijabcdefghija");
  expect_error("program hello restart=", "restart=", "restart=");
  expect_error("program hello restart=101", "restart=", "restart=101");
  expect_error("program hello restart=-1", "restart=", "restart=-1");
  expect_error("program hello restart=1x", "restart=", "restart=1x");
  expect_error("program hello grant=io_ports", "grant=", "grant=io_ports");
  expect_error("program hello grant=io_ports@", "grant=", "grant=io_ports@");
  expect_error("program hello grant=frames@4", "grant=", "grant=frames@4");
  expect_error("program hello grant=module:@4", "grant=", "grant=module:@4");
  expect_error("program hello grant=io_ports@x", "grant=", "grant=io_ports@x");
  expect_error(
      "program hello grant=io_ports@5 grant=io_ports@6 grant=io_ports@7 grant=io_ports@8 "
      "grant=io_ports@9 grant=io_ports@10 grant=io_ports@11 grant=io_ports@12 grant=io_ports@13",
      "more than 8 grants", "grant=io_ports@13");
  expect_error("program hello priority=16", "priority=", "priority=16");
  expect_error("program hello priority=", "priority=", "priority=");
  expect_error("program hello priority=-1", "priority=", "priority=-1");
}

void test_line_and_argument_limits() {
  char line[kManifestMaxLineBytes + 2];
  memset(line, 'a', sizeof line);
  line[sizeof line - 1] = '\0';
  expect_error(line, "line too long", "");
  // Arguments that fit the line but not a program's argument text.
  char args[kManifestMaxLineBytes + 1] = "program x ";
  for (size_t n = strlen(args); n < kManifestMaxLineBytes; n += 2) strcat(args, "b ");
  const ManifestLine ok = parse(args);
  TEST_ASSERT_EQUAL(static_cast<int>(ManifestLineKind::kProgram), static_cast<int>(ok.kind));
  TEST_ASSERT_LESS_THAN(kProgramMaxLineBytes, strlen(ok.program.args) + 1);
}

void test_nul_byte_is_an_error() {
  const char text[] = {'p', 'r', 'o', 'g', 'r', 'a', 'm', ' ', 'x', '\0', 'y'};
  ManifestLine line;
  parse_manifest_line(text, sizeof text, &line);
  TEST_ASSERT_EQUAL(static_cast<int>(ManifestLineKind::kError), static_cast<int>(line.kind));
}

void test_reader_numbers_lines_and_goes_on_after_errors() {
  const char text[] =
      "# manifest\n"
      "program hello one\n"
      "\n"
      "progam typo\n"
      "program hello restart=x\n"
      "program ticker\r\n"
      "program last";  // no newline at the end
  ManifestReader reader(text, sizeof text - 1);
  ManifestLine line;
  const struct {
    uint32_t number;
    ManifestLineKind kind;
    const char* name;
  } want[] = {{2, ManifestLineKind::kProgram, "hello"},
              {4, ManifestLineKind::kError, ""},
              {5, ManifestLineKind::kError, ""},
              {6, ManifestLineKind::kProgram, "ticker"},
              {7, ManifestLineKind::kProgram, "last"}};
  for (const auto& w : want) {
    TEST_ASSERT_TRUE(reader.next(&line));
    TEST_ASSERT_EQUAL_UINT32(w.number, line.number);
    TEST_ASSERT_EQUAL(static_cast<int>(w.kind), static_cast<int>(line.kind));
    if (w.kind == ManifestLineKind::kProgram) TEST_ASSERT_EQUAL_STRING(w.name, line.program.name);
  }
  TEST_ASSERT_FALSE(reader.next(&line));
  TEST_ASSERT_FALSE(reader.next(&line));
}

void test_empty_manifest() {
  ManifestReader reader("", 0);
  ManifestLine line;
  TEST_ASSERT_FALSE(reader.next(&line));
}

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

void test_malformed_memory() {
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
  RUN_TEST(test_blank_and_comment_lines);
  RUN_TEST(test_program_with_name_only);
  RUN_TEST(test_priority);
  RUN_TEST(test_daemon);
  RUN_TEST(test_on_request);
  RUN_TEST(test_eight_grants);
  RUN_TEST(test_arguments_options_and_trailing_comment);
  RUN_TEST(test_port_range_grants);
  RUN_TEST(test_malformed_port_range_grants);
  RUN_TEST(test_endpoint_grants);
  RUN_TEST(test_io_bitmap_grants);
  RUN_TEST(test_malformed_lines);
  RUN_TEST(test_line_and_argument_limits);
  RUN_TEST(test_nul_byte_is_an_error);
  RUN_TEST(test_reader_numbers_lines_and_goes_on_after_errors);
  RUN_TEST(test_empty_manifest);
  RUN_TEST(test_memory_client_and_pool_grant);
  RUN_TEST(test_malformed_memory);
  RUN_TEST(test_quota_parsed);
  RUN_TEST(test_malformed_quota);
  RUN_TEST(test_bare_memory_uses_the_well_known_slot);
  RUN_TEST(test_memory_slot_and_look_alikes);
  RUN_TEST(test_the_control_grant);
  RUN_TEST(test_malformed_control_grants);
  RUN_TEST(test_system_info_grant);
  RUN_TEST(test_malformed_system_info_grants);
  return UNITY_END();
}
