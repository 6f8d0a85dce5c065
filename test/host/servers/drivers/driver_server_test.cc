// servers/drivers/driver_arguments.h and driver_server.h: `serve` and `clients=N` found among a
// driver's other arguments and malformed numbers ignored; sessions numbered from 1, refused when
// all are open, reused after a close, closes counted once each; a request's session check (too
// few words, a session never opened, one closed); open and close requests answered whole, others
// left to the driver; an answer carries only its status.
#include <stdint.h>

#include <initializer_list>

#include "servers/drivers/driver_arguments.h"
#include "servers/drivers/driver_server.h"
#include "unity.h"

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

void setUp() {}
void tearDown() {}

namespace {

DriverArguments parse(std::initializer_list<const char*> list) {
  const char* argv[8] = {};
  int argc = 0;
  for (const char* a : list) argv[argc++] = a;
  return driver_arguments(argc, const_cast<char**>(argv));
}

}  // namespace

void test_serve_and_clients_among_other_arguments() {
  DriverArguments a = parse({"ata_pio", "write-test=1000"});
  TEST_ASSERT_FALSE(a.serve);
  TEST_ASSERT_EQUAL_UINT32(0, a.clients);
  a = parse({"ata_pio", "write-test=1000", "serve"});
  TEST_ASSERT_TRUE(a.serve);
  TEST_ASSERT_EQUAL_UINT32(0, a.clients);
  a = parse({"pci", "serve", "clients=3"});
  TEST_ASSERT_TRUE(a.serve);
  TEST_ASSERT_EQUAL_UINT32(3, a.clients);
  a = parse({"cmos_rtc", "clients=12"});  // clients=N alone serves too
  TEST_ASSERT_TRUE(a.serve);
  TEST_ASSERT_EQUAL_UINT32(12, a.clients);
  // argv[0] is the program's name, never an argument.
  TEST_ASSERT_FALSE(parse({"serve"}).serve);
}

void test_malformed_arguments_are_ignored() {
  for (const char* bad : {"clients=", "clients=x", "clients=3x", "clients=0", "clients=-1",
                          "clients=99999999999", "client=3", "serves", "Serve"}) {
    const DriverArguments a = parse({"pci", bad});
    TEST_ASSERT_FALSE_MESSAGE(a.serve, bad);
    TEST_ASSERT_EQUAL_UINT32(0, a.clients);
  }
  uint32_t n = 7;
  TEST_ASSERT_TRUE(number_argument("clients=1000000", "clients=", &n));
  TEST_ASSERT_EQUAL_UINT32(1000000, n);
}

void test_sessions_open_close_and_count() {
  DriverSessions sessions;
  uint64_t ids[DriverSessions::kMaxSessions];
  for (uint32_t i = 0; i < DriverSessions::kMaxSessions; ++i) {
    TEST_ASSERT_STATUS(Status::kOk, sessions.open(&ids[i]));
    TEST_ASSERT_EQUAL_UINT64(i + 1, ids[i]);
  }
  uint64_t more = 0;
  TEST_ASSERT_STATUS(Status::kNoSpace, sessions.open(&more));
  TEST_ASSERT_STATUS(Status::kOk, sessions.close(ids[3]));
  TEST_ASSERT_STATUS(Status::kBadHandle, sessions.close(ids[3]));  // counted once
  TEST_ASSERT_STATUS(Status::kBadHandle, sessions.close(0));
  TEST_ASSERT_STATUS(Status::kBadHandle, sessions.close(DriverSessions::kMaxSessions + 1));
  TEST_ASSERT_EQUAL_UINT32(1, sessions.closed());
  TEST_ASSERT_STATUS(Status::kOk, sessions.open(&more));
  TEST_ASSERT_EQUAL_UINT64(4, more);  // the freed number again
}

void test_a_request_names_an_open_session() {
  DriverSessions sessions;
  uint64_t id = 0;
  TEST_ASSERT_STATUS(Status::kOk, sessions.open(&id));
  IpcMessage m;
  m.word_count = 3;
  m.words[0] = id;
  TEST_ASSERT_STATUS(Status::kOk, sessions.check(m, 3));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sessions.check(m, 4));
  m.words[0] = id + 1;
  TEST_ASSERT_STATUS(Status::kBadHandle, sessions.check(m, 1));
  m.words[0] = id;
  TEST_ASSERT_STATUS(Status::kOk, sessions.close(id));
  TEST_ASSERT_STATUS(Status::kBadHandle, sessions.check(m, 1));
}

void test_open_and_close_requests_are_answered() {
  constexpr uint64_t kOpen = 0x5445'5354'0000'0001, kClose = 0x5445'5354'0000'0002;
  DriverSessions sessions;
  IpcMessage m;
  m.label = kOpen;
  TEST_ASSERT_TRUE(sessions.answer_open_or_close(&m, kOpen, kClose));
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(Status::kOk), m.label);
  TEST_ASSERT_EQUAL_UINT8(1, m.word_count);
  const uint64_t id = m.words[0];
  TEST_ASSERT_EQUAL_UINT64(1, id);
  m = IpcMessage{};
  m.label = kClose;  // no words
  TEST_ASSERT_TRUE(sessions.answer_open_or_close(&m, kOpen, kClose));
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(Status::kInvalidArgument), m.label);
  m = IpcMessage{};
  m.label = kClose;
  m.word_count = 1;
  m.words[0] = id;
  TEST_ASSERT_TRUE(sessions.answer_open_or_close(&m, kOpen, kClose));
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(Status::kOk), m.label);
  TEST_ASSERT_EQUAL_UINT8(0, m.word_count);
  TEST_ASSERT_EQUAL_UINT32(1, sessions.closed());
  m.label = kClose;
  m.word_count = 1;
  m.words[0] = id;  // closed already
  TEST_ASSERT_TRUE(sessions.answer_open_or_close(&m, kOpen, kClose));
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(Status::kBadHandle), m.label);
  // Any other request is the driver's, untouched.
  m = IpcMessage{};
  m.label = 0x5445'5354'0000'0003;
  m.word_count = 2;
  TEST_ASSERT_FALSE(sessions.answer_open_or_close(&m, kOpen, kClose));
  TEST_ASSERT_EQUAL_UINT64(0x5445'5354'0000'0003, m.label);
  TEST_ASSERT_EQUAL_UINT8(2, m.word_count);
  // Full (the first session's number is free again): kNoSpace, no words.
  for (uint32_t i = 0; i <= DriverSessions::kMaxSessions; ++i) {
    m = IpcMessage{};
    m.label = kOpen;
    (void)sessions.answer_open_or_close(&m, kOpen, kClose);
  }
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(Status::kNoSpace), m.label);
  TEST_ASSERT_EQUAL_UINT8(0, m.word_count);
}

void test_an_answer_carries_only_its_status() {
  IpcMessage m;
  m.label = 0x5254'434B'0000'0002;
  m.word_count = 4;
  m.words[3] = 9;
  m.cap_count = 1;
  begin_answer(&m, Status::kOutOfRange);
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(Status::kOutOfRange), m.label);
  TEST_ASSERT_EQUAL_UINT8(0, m.word_count);
  TEST_ASSERT_EQUAL_UINT8(0, m.cap_count);
  TEST_ASSERT_EQUAL_UINT64(0, m.words[3]);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_serve_and_clients_among_other_arguments);
  RUN_TEST(test_malformed_arguments_are_ignored);
  RUN_TEST(test_sessions_open_close_and_count);
  RUN_TEST(test_a_request_names_an_open_session);
  RUN_TEST(test_open_and_close_requests_are_answered);
  RUN_TEST(test_an_answer_carries_only_its_status);
  return UNITY_END();
}
