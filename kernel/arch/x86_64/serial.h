// COM1 set-up; output goes through arch::console_write.
#pragma once

void serial_init();
