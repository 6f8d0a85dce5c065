// The device commands of portsh (servers/portsh/commands_devices.cc) against the serving drivers,
// started by init from devices_test.manifest: cmos_rtc, pci and ata_pio with `serve`, their
// endpoints 'rtc', 'pci' and 'disk' granted to this program in the shell's slots
// (servers/portsh/shell_slots.h), an IoPorts capability in slot 9 to stand in for a wrong grant.
// Each command runs as the shell runs it (Command::run with an Output that keeps the text); the
// test checks its lines: a plausible date, the host bridge and the IDE controller, the disk's
// identity and sectors of the pattern the harness writes to it (test/harness/boot.py), the
// messages for bad arguments and missing drivers. Then the protocols themselves: every bad
// request answered with its code (libsys/rtc_protocol.h, pci_protocol.h, disk_protocol.h), a
// message sent without a call and a capability sent along, after which each driver still
// answers. Each driver exits once the sessions this program opens have closed (clients=N in the
// manifest counts them: keep the counts there in step with this file).
#include <stddef.h>
#include <stdint.h>

#include "../portsh/captured_output.h"  // test code is outside the user include path
#include "abi/portcullis/ipc_message.h"
#include "base/format.h"
#include "libsys/disk_client.h"
#include "libsys/disk_protocol.h"
#include "libsys/endpoint.h"
#include "libsys/pci_protocol.h"
#include "libsys/print.h"
#include "libsys/rtc_protocol.h"
#include "libsys/syscall_stubs.h"
#include "servers/portsh/command.h"
#include "servers/portsh/shell_slots.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

constexpr uint32_t kWrongTypeSlot = 9;   // IoPorts over port 0x80 (the manifest)
constexpr uint32_t kParkingSlot = 40;    // where a grant waits while its slot is tested empty
constexpr uint64_t kDiskSectors = 2016;  // test/harness/boot.py's DISK_SECTORS

CapturedOutput g_out;

// Runs the device command `argv[0]` as the shell would.
Status run(int argc, const char* const* argv) {
  const portsh::CommandGroup group = portsh::device_commands();
  for (size_t i = 0; i < group.count; ++i) {
    const char* a = group.commands[i].name;
    const char* b = argv[0];
    while (*a != '\0' && *a == *b) ++a, ++b;
    if (*a == *b) {
      g_out.clear();
      return group.commands[i].run(g_out, argc, const_cast<char**>(argv));
    }
  }
  TEST_FAIL_MESSAGE("no such device command");
  return Status::kNotFound;
}

// Sessions the test opened itself, closed by tearDown whatever happened (a failed assertion skips
// destructors), so each driver's count of closed sessions comes out right.
struct OpenSession {
  uint32_t slot;
  uint64_t close_label;
  uint64_t id;
};
OpenSession g_sessions[8];
size_t g_session_count = 0;

Status call(uint32_t slot, IpcMessage* message) {
  const Status s = sys_ipc_call(slot, message).status;
  return s != Status::kOk ? s : static_cast<Status>(message->label);
}

uint64_t open_session(uint32_t slot, uint64_t open_label, uint64_t close_label) {
  IpcMessage m;
  m.label = open_label;
  TEST_ASSERT_STATUS(Status::kOk, call(slot, &m));
  TEST_ASSERT_EQUAL_UINT(1, m.word_count);
  TEST_ASSERT_TRUE(m.words[0] != 0);
  g_sessions[g_session_count++] = OpenSession{slot, close_label, m.words[0]};
  return m.words[0];
}

// A request of `words` words (words[0] the session) and its answer's status.
Status request(uint32_t slot, uint64_t label, uint8_t word_count, uint64_t w0, uint64_t w1 = 0,
               uint64_t w2 = 0, IpcMessage* answer = nullptr) {
  IpcMessage m;
  m.label = label;
  m.word_count = word_count;
  m.words[0] = w0;
  m.words[1] = w1;
  m.words[2] = w2;
  const Status s = call(slot, &m);
  if (answer != nullptr) *answer = m;
  return s;
}

// The errors every protocol shares: an unknown label, a request without its words, a session
// never opened, a close of one never opened.
void check_common_errors(uint32_t slot, uint64_t some_request, uint64_t close_label) {
  TEST_ASSERT_STATUS(Status::kNotSupported, request(slot, some_request | 0xFF, 1, 1));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, request(slot, some_request, 0, 0));
  TEST_ASSERT_STATUS(Status::kBadHandle, request(slot, some_request, 3, 77));
  TEST_ASSERT_STATUS(Status::kBadHandle, request(slot, some_request, 3, 0));
  TEST_ASSERT_STATUS(Status::kBadHandle, request(slot, close_label, 1, 77));
}

// A message sent without a call (the driver has nothing to answer) and a call carrying a
// capability; the driver answers the next call as before.
void check_send_and_capability(uint32_t slot, uint64_t unknown_label) {
  IpcMessage sent;
  sent.label = unknown_label;
  Status s = Status::kNotFound;
  for (int i = 0; i < 1000 && s == Status::kNotFound; ++i) {
    s = sys_ipc_send(slot, &sent).status;  // kNotFound while the driver is not waiting
    if (s == Status::kNotFound) (void)sys_thread_yield();
  }
  TEST_ASSERT_STATUS(Status::kOk, s);
  Result<sys::Endpoint> mine = sys::Endpoint::create();
  TEST_ASSERT_STATUS(Status::kOk, mine.status());
  IpcMessage m;
  m.label = unknown_label;
  m.cap_count = 1;
  m.caps[0] = mine.value().slot();
  TEST_ASSERT_STATUS(Status::kNotSupported, call(slot, &m));
  TEST_ASSERT_EQUAL_UINT(0, m.cap_count);
}

// The command's lines on the log, one debug_write each (whole lines, even beside the drivers').
void show(const CapturedOutput& out) {
  char line[160];
  for (size_t i = 0; out.line(i, line, sizeof line); ++i) sys::printf("  | %s\n", line);
}

bool starts_with(const char* text, const char* prefix) {
  while (*prefix != '\0' && *text == *prefix) ++text, ++prefix;
  return *prefix == '\0';
}

// Two decimal digits at `text`.
uint32_t two_digits(const char* text) {
  TEST_ASSERT_TRUE(text[0] >= '0' && text[0] <= '9' && text[1] >= '0' && text[1] <= '9');
  return static_cast<uint32_t>((text[0] - '0') * 10 + (text[1] - '0'));
}

// The harness's disk pattern (test/harness/boot.py, disk_sector_pattern).
void disk_pattern(uint64_t lba, uint8_t (&out)[512]) {
  const size_t head = format(reinterpret_cast<char*>(out), sizeof out,
                             "PORTCULLIS DISK SECTOR %08lu\n", static_cast<unsigned long>(lba));
  for (size_t i = head; i < sizeof out; ++i) out[i] = static_cast<uint8_t>(lba * 7 + i);
}

}  // namespace

void setUp() {}

void tearDown() {
  for (size_t i = 0; i < g_session_count; ++i) {
    (void)request(g_sessions[i].slot, g_sessions[i].close_label, 1, g_sessions[i].id);
  }
  g_session_count = 0;
}

// ---- date (rtc: 2 sessions, and 1 in test_drivers_answer_random_requests) ----

void test_date_prints_a_plausible_date_and_time() {
  const char* argv[] = {"date"};
  TEST_ASSERT_STATUS(Status::kOk, run(1, argv));
  TEST_ASSERT_EQUAL_UINT(1, g_out.lines());
  char line[64];
  TEST_ASSERT_TRUE(g_out.line(0, line, sizeof line));
  show(g_out);
  // YYYY-MM-DD HH:MM:SS
  TEST_ASSERT_EQUAL_UINT(19, __builtin_strlen(line));
  TEST_ASSERT_TRUE(line[4] == '-' && line[7] == '-' && line[10] == ' ' && line[13] == ':' &&
                   line[16] == ':');
  const uint32_t year = two_digits(line) * 100 + two_digits(line + 2);
  TEST_ASSERT_TRUE(year >= 2024 && year < 2100);
  const uint32_t month = two_digits(line + 5), day = two_digits(line + 8);
  TEST_ASSERT_TRUE(month >= 1 && month <= 12 && day >= 1 && day <= 31);
  TEST_ASSERT_TRUE(two_digits(line + 11) <= 23 && two_digits(line + 14) <= 59 &&
                   two_digits(line + 17) <= 59);
}

void test_date_refuses_arguments() {
  const char* argv[] = {"date", "tomorrow"};
  TEST_ASSERT_STATUS(Status::kInvalidArgument, run(2, argv));
  TEST_ASSERT_EQUAL_UINT(0, g_out.lines());
}

void test_rtc_protocol_answers_bad_requests() {
  check_common_errors(portsh::kShellRtcSlot, sys::kRtcRead, sys::kRtcClose);
  check_send_and_capability(portsh::kShellRtcSlot, sys::kRtcRead | 0xF0);
  const uint64_t session = open_session(portsh::kShellRtcSlot, sys::kRtcOpen, sys::kRtcClose);
  IpcMessage answer;
  TEST_ASSERT_STATUS(Status::kOk,
                     request(portsh::kShellRtcSlot, sys::kRtcRead, 1, session, 0, 0, &answer));
  TEST_ASSERT_EQUAL_UINT(2, answer.word_count);
  sys::DateTime t;
  TEST_ASSERT_TRUE(sys::rtc_unpack_time(answer.words[0], &t));
  TEST_ASSERT_TRUE(t.year >= 2024);
}

// ---- lspci (pci: 3 sessions, and 1 in test_drivers_answer_random_requests) ----

void test_lspci_lists_the_host_bridge_and_the_ide_controller() {
  const char* argv[] = {"lspci"};
  TEST_ASSERT_STATUS(Status::kOk, run(1, argv));
  show(g_out);
  // Both emulators' i440FX and PIIX3 (Bochs: rev 00, QEMU: rev 02 for the host bridge).
  TEST_ASSERT_TRUE(g_out.contains("00:00.0 0600: 8086:1237"));
  TEST_ASSERT_TRUE(g_out.contains(" host bridge\n"));
  TEST_ASSERT_TRUE(g_out.contains("00:01.0 0601: 8086:7000"));
  TEST_ASSERT_TRUE(g_out.contains(" ISA bridge\n"));
  TEST_ASSERT_TRUE(g_out.contains("00:01.1 0101: 8086:7010"));
  TEST_ASSERT_TRUE(g_out.contains(" (prog-if 80) IDE controller\n"));
  TEST_ASSERT_TRUE(g_out.lines() >= 4);
  char line[128];
  TEST_ASSERT_TRUE(g_out.line(0, line, sizeof line));
  TEST_ASSERT_TRUE(starts_with(line, "00:00.0 0600: 8086:1237"));
}

void test_lspci_verbose_shows_the_ide_bus_master_ports() {
  const char* argv[] = {"lspci", "-v"};
  TEST_ASSERT_STATUS(Status::kOk, run(2, argv));
  TEST_ASSERT_TRUE(g_out.contains(" (prog-if 80) IDE controller\n\tRegion 4: I/O ports at c"));
  TEST_ASSERT_TRUE(g_out.contains(" [size=16]\n"));
}

void test_lspci_refuses_other_arguments() {
  const char* argv[] = {"lspci", "-x"};
  TEST_ASSERT_STATUS(Status::kInvalidArgument, run(2, argv));
  const char* argv2[] = {"lspci", "-v", "-v"};
  TEST_ASSERT_STATUS(Status::kInvalidArgument, run(3, argv2));
  TEST_ASSERT_EQUAL_UINT(0, g_out.lines());
}

void test_pci_protocol_answers_bad_requests() {
  check_common_errors(portsh::kShellPciSlot, sys::kPciFunction, sys::kPciClose);
  check_send_and_capability(portsh::kShellPciSlot, sys::kPciFunction | 0xF0);
  const uint64_t session = open_session(portsh::kShellPciSlot, sys::kPciOpen, sys::kPciClose);
  IpcMessage answer;
  TEST_ASSERT_STATUS(Status::kOk,
                     request(portsh::kShellPciSlot, sys::kPciFunction, 2, session, 0, 0, &answer));
  sys::PciFunctionInfo f;
  TEST_ASSERT_TRUE(sys::pci_unpack_function(answer.words, &f));
  TEST_ASSERT_EQUAL_HEX16(0x8086, f.vendor_id);
  TEST_ASSERT_EQUAL_HEX16(0x1237, f.device_id);
  const uint64_t count = answer.words[2];
  TEST_ASSERT_TRUE(count >= 4 && count < 64);
  TEST_ASSERT_STATUS(Status::kOutOfRange,
                     request(portsh::kShellPciSlot, sys::kPciFunction, 2, session, count));
  TEST_ASSERT_STATUS(Status::kOutOfRange,
                     request(portsh::kShellPciSlot, sys::kPciFunction, 2, session, ~0ull));
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     request(portsh::kShellPciSlot, sys::kPciFunction, 1, session));
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     request(portsh::kShellPciSlot, sys::kPciBar, 2, session, 0));
  TEST_ASSERT_STATUS(Status::kOutOfRange,
                     request(portsh::kShellPciSlot, sys::kPciBar, 3, session, 0, 6));
  TEST_ASSERT_STATUS(Status::kOutOfRange,
                     request(portsh::kShellPciSlot, sys::kPciBar, 3, session, count, 0));
  // The host bridge has no BARs: each answers kUnused.
  TEST_ASSERT_STATUS(Status::kOk,
                     request(portsh::kShellPciSlot, sys::kPciBar, 3, session, 0, 5, &answer));
  sys::PciBarInfo bar;
  TEST_ASSERT_TRUE(sys::pci_unpack_bar(answer.words, &bar));
  TEST_ASSERT_TRUE(bar.space == sys::PciBarSpace::kUnused);
}

// ---- disk (disk: 5 sessions, and 1 in test_drivers_answer_random_requests) ----

void test_disk_identifies_the_test_disk() {
  const char* argv[] = {"disk"};
  TEST_ASSERT_STATUS(Status::kOk, run(1, argv));
  show(g_out);
  // QEMU's disk is the primary master; Bochs's the slave (its CD-ROM is the master).
  const bool qemu = g_out.contains(
      "model:    QEMU HARDDISK\nserial:   QM00001\n"
      "firmware: 2.5+\ndrive:    primary master\n");
  const bool bochs = g_out.contains(
      "model:    Generic 1234\nserial:   BXHD00012\n"
      "firmware: \ndrive:    primary slave\n");
  TEST_ASSERT_TRUE(qemu || bochs);
  TEST_ASSERT_TRUE(g_out.contains("sectors:  2016 of 512 bytes (1008 KiB)\n"));
  TEST_ASSERT_TRUE(g_out.contains("LBA48:    "));
}

void test_disk_read_dumps_the_sector() {
  const char* argv[] = {"disk", "read", "0x5"};
  TEST_ASSERT_STATUS(Status::kOk, run(3, argv));
  TEST_ASSERT_EQUAL_UINT(1 + 32, g_out.lines());
  char line[128];
  TEST_ASSERT_TRUE(g_out.line(0, line, sizeof line));
  TEST_ASSERT_EQUAL_STRING("LBA 5:", line);
  TEST_ASSERT_TRUE(g_out.line(1, line, sizeof line));
  TEST_ASSERT_EQUAL_STRING(
      "000  50 4f 52 54 43 55 4c 4c  49 53 20 44 49 53 4b 20  |PORTCULLIS DISK |", line);
  // Bytes 0x10-0x1f: "SECTOR 00000005\n".
  TEST_ASSERT_TRUE(g_out.line(2, line, sizeof line));
  TEST_ASSERT_EQUAL_STRING(
      "010  53 45 43 54 4f 52 20 30  30 30 30 30 30 30 35 0a  |SECTOR 00000005.|", line);
  // The last line: bytes 0x1f0-0x1ff are (5 * 7 + offset) & 0xFF = 0x13-0x22.
  TEST_ASSERT_TRUE(g_out.line(32, line, sizeof line));
  TEST_ASSERT_EQUAL_STRING(
      "1f0  13 14 15 16 17 18 19 1a  1b 1c 1d 1e 1f 20 21 22  |............. !\"|", line);
}

void test_disk_client_reads_whole_sectors_of_the_pattern() {
  static uint8_t got[3][512];
  static constexpr uint64_t kLbas[] = {0, 1000, kDiskSectors - 1};
  Status status[3] = {Status::kBadState, Status::kBadState, Status::kBadState};
  {
    Result<sys::DiskClient> disk = sys::DiskClient::open(portsh::kShellDiskSlot);
    TEST_ASSERT_STATUS(Status::kOk, disk.status());
    for (size_t i = 0; i < 3; ++i) status[i] = disk.value().read(kLbas[i], got[i]);
  }  // closed here, before any assertion can leave
  for (size_t i = 0; i < 3; ++i) {
    uint8_t expected[512];
    disk_pattern(kLbas[i], expected);
    TEST_ASSERT_STATUS(Status::kOk, status[i]);
    TEST_ASSERT_EQUAL_MEMORY(expected, got[i], 512);
  }
}

void test_disk_read_past_the_end_says_so() {
  const char* argv[] = {"disk", "read", "2016"};
  TEST_ASSERT_STATUS(Status::kOutOfRange, run(3, argv));
  TEST_ASSERT_EQUAL_STRING("disk read: LBA 2016 is past the disk's end (2016 sectors)\n",
                           g_out.text());
}

void test_disk_refuses_bad_arguments() {
  const char* const cases[][3] = {{"disk", "read", "abc"},
                                  {"disk", "read", "0x"},
                                  {"disk", "read", "-1"},
                                  {"disk", "write", "1"},
                                  {"disk", "read", "99999999999999999999"}};
  for (const auto& argv : cases) TEST_ASSERT_STATUS(Status::kInvalidArgument, run(3, argv));
  const char* argv2[] = {"disk", "read"};
  TEST_ASSERT_STATUS(Status::kInvalidArgument, run(2, argv2));
  const char* argv3[] = {"disk", "info"};
  TEST_ASSERT_STATUS(Status::kInvalidArgument, run(2, argv3));
  TEST_ASSERT_EQUAL_UINT(0, g_out.lines());
}

void test_disk_protocol_answers_bad_requests() {
  const uint32_t slot = portsh::kShellDiskSlot;
  check_common_errors(slot, sys::kDiskRead, sys::kDiskClose);
  check_send_and_capability(slot, sys::kDiskRead | 0xF0);
  const uint64_t session = open_session(slot, sys::kDiskOpen, sys::kDiskClose);
  TEST_ASSERT_STATUS(Status::kUnaligned, request(slot, sys::kDiskRead, 3, session, 1, 7));
  TEST_ASSERT_STATUS(Status::kOutOfRange, request(slot, sys::kDiskRead, 3, session, 1, 512));
  TEST_ASSERT_STATUS(Status::kOutOfRange,
                     request(slot, sys::kDiskRead, 3, session, kDiskSectors, 0));
  TEST_ASSERT_STATUS(Status::kOutOfRange, request(slot, sys::kDiskRead, 3, session, ~0ull, 0));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, request(slot, sys::kDiskRead, 2, session, 1));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, request(slot, sys::kDiskText, 3, session, 9, 0));
  TEST_ASSERT_STATUS(Status::kOutOfRange, request(slot, sys::kDiskText, 3, session, 0, 100));
  IpcMessage answer;
  TEST_ASSERT_STATUS(Status::kOk, request(slot, sys::kDiskInfo, 1, session, 0, 0, &answer));
  TEST_ASSERT_EQUAL_UINT(4, answer.word_count);
  TEST_ASSERT_EQUAL_UINT64(kDiskSectors, answer.words[0]);
  TEST_ASSERT_EQUAL_UINT64(512, answer.words[3]);
  // A slice of another sector than the one kept is read afresh: byte 0x20 of sector 7.
  TEST_ASSERT_STATUS(Status::kOk, request(slot, sys::kDiskRead, 3, session, 6, 0));
  TEST_ASSERT_STATUS(Status::kOk, request(slot, sys::kDiskRead, 3, session, 7, 32, &answer));
  TEST_ASSERT_EQUAL_HEX8(static_cast<uint8_t>(7 * 7 + 32), static_cast<uint8_t>(answer.words[0]));
}

// ---- random requests (one session each) ----

uint64_t g_random = 0x9E37'79B9'7F4A'7C15ull;  // xorshift64: the same requests every boot

uint64_t next_random() {
  g_random ^= g_random << 13;
  g_random ^= g_random >> 7;
  g_random ^= g_random << 17;
  return g_random;
}

// `count` requests with the protocol's request labels (never open or close: a random session
// would count as a client) and random ones, random word counts and words, words[0] mostly the
// session the test opened: each answered with a Status the protocols use, and the driver still
// answers a good request afterwards.
void send_random_requests(uint32_t slot, uint64_t open_label, uint64_t close_label,
                          const uint64_t* labels, size_t label_count, uint64_t good_request) {
  const uint64_t session = open_session(slot, open_label, close_label);
  for (int i = 0; i < 300; ++i) {
    const uint64_t r = next_random();
    IpcMessage m;
    m.label = r % 4 == 0 ? next_random() : labels[r % label_count];
    if (m.label == open_label || m.label == close_label) m.label = labels[0];
    m.word_count = static_cast<uint8_t>(next_random() % (kIpcMessageWords + 1));
    for (uint64_t& w : m.words) w = next_random() % 3 == 0 ? next_random() : next_random() % 600;
    m.words[0] = r % 8 == 0 ? next_random() % 10 : session;
    const Status s = call(slot, &m);
    TEST_ASSERT_TRUE_MESSAGE(static_cast<uint64_t>(s) <= static_cast<uint64_t>(Status::kBadState),
                             "an answer that is no Status");
    TEST_ASSERT_TRUE(s != Status::kNoSpace);
  }
  TEST_ASSERT_STATUS(Status::kOk, request(slot, good_request, 3, session, 0, 0));
}

void test_drivers_answer_random_requests() {
  const uint64_t rtc[] = {sys::kRtcRead, sys::kRtcRead + 1, sys::kRtcOpen - 1};
  send_random_requests(portsh::kShellRtcSlot, sys::kRtcOpen, sys::kRtcClose, rtc, 3, sys::kRtcRead);
  const uint64_t pci[] = {sys::kPciFunction, sys::kPciBar, sys::kPciClose + 1};
  send_random_requests(portsh::kShellPciSlot, sys::kPciOpen, sys::kPciClose, pci, 3,
                       sys::kPciFunction);
  const uint64_t disk[] = {sys::kDiskInfo, sys::kDiskText, sys::kDiskRead, sys::kDiskClose + 1};
  send_random_requests(portsh::kShellDiskSlot, sys::kDiskOpen, sys::kDiskClose, disk, 4,
                       sys::kDiskRead);
}

// ---- missing drivers (no sessions) ----

// Moves slot `from` to `to` (cap_move).
void move(uint32_t from, uint32_t to) {
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_move(from, to).status);
}

void test_missing_drivers_are_named() {
  move(portsh::kShellRtcSlot, kParkingSlot);
  move(portsh::kShellPciSlot, kParkingSlot + 1);
  move(portsh::kShellDiskSlot, kParkingSlot + 2);
  const char* date[] = {"date"};
  const Status date_empty = run(1, date);
  char date_empty_text[96];
  format(date_empty_text, sizeof date_empty_text, "%s", g_out.text());
  const char* lspci[] = {"lspci"};
  const Status lspci_empty = run(1, lspci);
  char lspci_text[96];
  format(lspci_text, sizeof lspci_text, "%s", g_out.text());
  const char* disk[] = {"disk", "read", "1"};
  const Status disk_empty = run(3, disk);
  char disk_text[96];
  format(disk_text, sizeof disk_text, "%s", g_out.text());
  // A slot that holds something else than an endpoint.
  move(kWrongTypeSlot, portsh::kShellRtcSlot);
  const Status date_wrong = run(1, date);
  move(portsh::kShellRtcSlot, kWrongTypeSlot);
  move(kParkingSlot, portsh::kShellRtcSlot);
  move(kParkingSlot + 1, portsh::kShellPciSlot);
  move(kParkingSlot + 2, portsh::kShellDiskSlot);

  TEST_ASSERT_STATUS(Status::kBadHandle, date_empty);
  TEST_ASSERT_EQUAL_STRING("date: no rtc driver (slot 6 is empty)\n", date_empty_text);
  TEST_ASSERT_STATUS(Status::kBadHandle, lspci_empty);
  TEST_ASSERT_EQUAL_STRING("lspci: no pci driver (slot 7 is empty)\n", lspci_text);
  TEST_ASSERT_STATUS(Status::kBadHandle, disk_empty);
  TEST_ASSERT_EQUAL_STRING("disk read: no disk driver (slot 8 is empty)\n", disk_text);
  TEST_ASSERT_STATUS(Status::kWrongType, date_wrong);
  TEST_ASSERT_EQUAL_STRING("date: no rtc driver (slot 6 holds no endpoint)\n", g_out.text());
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_missing_drivers_are_named);
  RUN_TEST(test_date_prints_a_plausible_date_and_time);
  RUN_TEST(test_date_refuses_arguments);
  RUN_TEST(test_rtc_protocol_answers_bad_requests);
  RUN_TEST(test_lspci_lists_the_host_bridge_and_the_ide_controller);
  RUN_TEST(test_lspci_verbose_shows_the_ide_bus_master_ports);
  RUN_TEST(test_lspci_refuses_other_arguments);
  RUN_TEST(test_pci_protocol_answers_bad_requests);
  RUN_TEST(test_disk_identifies_the_test_disk);
  RUN_TEST(test_disk_read_dumps_the_sector);
  RUN_TEST(test_disk_client_reads_whole_sectors_of_the_pattern);
  RUN_TEST(test_disk_read_past_the_end_says_so);
  RUN_TEST(test_disk_refuses_bad_arguments);
  RUN_TEST(test_disk_protocol_answers_bad_requests);
  RUN_TEST(test_drivers_answer_random_requests);
  return UNITY_END();
}
