// Host tests of the kernel command line parser.
#include "kernel/boot/command_line.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

void test_values_and_flags() {
  CommandLine c("test=kernel cpus=4 quiet\tlog=serial\n");
  TEST_ASSERT_TRUE(c.value_is("test", "kernel"));
  TEST_ASSERT_FALSE(c.value_is("test", "kern"));
  TEST_ASSERT_FALSE(c.value_is("test", "kernel2"));
  TEST_ASSERT_EQUAL_UINT64(4, c.uint_or("cpus", 1));
  TEST_ASSERT_TRUE(c.flag("quiet"));
  TEST_ASSERT_TRUE(c.has("log"));
  TEST_ASSERT_TRUE(c.value_is("log", "serial"));
  TEST_ASSERT_FALSE(c.has("te"));     // prefix of a key
  TEST_ASSERT_FALSE(c.has("tests"));  // longer than a key
  TEST_ASSERT_FALSE(c.flag("missing"));
  TEST_ASSERT_FALSE(c.flag("test"));  // key=kernel is not a true flag value
  CommandLineValue v;
  TEST_ASSERT_TRUE(c.find("quiet", &v));
  TEST_ASSERT_EQUAL_UINT(0, v.size);
}

void test_flag_values() {
  CommandLine c("a=1 b=true c=yes d=on e=0 f=off g=no h=");
  for (const char* k : {"a", "b", "c", "d", "h"}) TEST_ASSERT_TRUE_MESSAGE(c.flag(k), k);
  for (const char* k : {"e", "f", "g"}) TEST_ASSERT_FALSE_MESSAGE(c.flag(k), k);
}

void test_last_occurrence_wins() {
  CommandLine c("cpus=2 test=none cpus=8 test=kernel");
  TEST_ASSERT_EQUAL_UINT64(8, c.uint_or("cpus", 1));
  TEST_ASSERT_TRUE(c.value_is("test", "kernel"));
}

void test_unsigned_parsing() {
  CommandLine c(
      "a=0 b=18446744073709551615 c=18446744073709551616 d=0x1F e=0x f=12x g= h "
      "i=0XfFfFfFfFfFfFfFfF j=0x10000000000000000 k=-1");
  TEST_ASSERT_EQUAL_UINT64(0, c.uint_value("a").value());
  TEST_ASSERT_EQUAL_UINT64(~0ull, c.uint_value("b").value());
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOverflow),
                        static_cast<int>(c.uint_value("c").status()));
  TEST_ASSERT_EQUAL_UINT64(31, c.uint_value("d").value());
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument),
                        static_cast<int>(c.uint_value("e").status()));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument),
                        static_cast<int>(c.uint_value("f").status()));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument),
                        static_cast<int>(c.uint_value("g").status()));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument),
                        static_cast<int>(c.uint_value("h").status()));
  TEST_ASSERT_EQUAL_UINT64(~0ull, c.uint_value("i").value());
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOverflow),
                        static_cast<int>(c.uint_value("j").status()));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument),
                        static_cast<int>(c.uint_value("k").status()));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kNotFound),
                        static_cast<int>(c.uint_value("z").status()));
  TEST_ASSERT_EQUAL_UINT64(7, c.uint_or("f", 7));
  TEST_ASSERT_EQUAL_UINT64(7, c.uint_or("z", 7));
}

void test_quoted_values_and_copy() {
  CommandLine c("name=\"hello world\" next=1 open=\"unterminated value");
  char buf[32];
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(c.copy_value("name", buf, sizeof buf)));
  TEST_ASSERT_EQUAL_STRING("hello world", buf);
  TEST_ASSERT_EQUAL_UINT64(1, c.uint_or("next", 0));
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(c.copy_value("open", buf, sizeof buf)));
  TEST_ASSERT_EQUAL_STRING("unterminated value", buf);
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kNoSpace),
                        static_cast<int>(c.copy_value("name", buf, 11)));
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(c.copy_value("name", buf, 12)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kNotFound),
                        static_cast<int>(c.copy_value("x", buf, 12)));
}

void test_empty_and_odd_inputs() {
  CommandLine empty("");
  TEST_ASSERT_FALSE(empty.has("a"));
  CommandLine null_text(nullptr);
  TEST_ASSERT_FALSE(null_text.has("a"));
  CommandLine def;
  TEST_ASSERT_FALSE(def.has("a"));
  CommandLine odd("  = ==x =y  /boot/kernel.elf a==b  ");
  TEST_ASSERT_FALSE(odd.has(""));
  TEST_ASSERT_TRUE(odd.has("/boot/kernel.elf"));  // GRUB may pass the image path as a first word
  TEST_ASSERT_TRUE(odd.value_is("a", "=b"));
}

}  // namespace

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_values_and_flags);
  RUN_TEST(test_flag_values);
  RUN_TEST(test_last_occurrence_wins);
  RUN_TEST(test_unsigned_parsing);
  RUN_TEST(test_quoted_values_and_copy);
  RUN_TEST(test_empty_and_odd_inputs);
  return UNITY_END();
}
