// portsh: the interactive shell on COM2 (docs/shell.md). init starts it with the capabilities its
// manifest line grants (servers/portsh/shell_slots.h): everything it shows or does goes through
// them. It reads keys through the console (servers/portsh/console.h), edits the line
// (line_editor.h), splits it into words (tokenizer.h) and runs the command the first word names
// (command_table.h), until `exit`: then it closes its console session, so the serial driver (and
// after it every server whose last client has gone) can end, and the boot winds down.
#include <stddef.h>
#include <stdint.h>

#include "base/result.h"
#include "libsys/print.h"
#include "servers/portsh/command_table.h"
#include "servers/portsh/commands_shell.h"
#include "servers/portsh/console.h"
#include "servers/portsh/line_editor.h"
#include "servers/portsh/tokenizer.h"

namespace {

constexpr char kPrompt[] = "portsh> ";

// One line the editor ended: its words, run. How many commands ran (0 or 1).
uint32_t run_line(portsh::Console& console, char* line) {
  portsh::Words words;
  if (portsh::split_words(line, words) != Status::kOk) {
    (void)console.printf("portsh: %s\n", words.error);
    return 0;
  }
  if (words.count == 0) return 0;
  (void)portsh::CommandTable::all().run(console, words.count, words.words);
  return 1;
}

Status run() {
  portsh::Console console = TRY(portsh::Console::open());
  sys::printf("portsh: the shell is on COM2 (%lu commands)\n", portsh::CommandTable::all().size());
  TRY(console.print(
      "\nportsh: the Portcullis shell. `help` lists the commands, `exit` ends it.\n"));
  TRY(console.write_now(kPrompt, sizeof kPrompt - 1));
  static portsh::LineEditor editor;  // its history is a few KiB: not on the stack
  uint32_t commands = 0;
  char input[64];
  while (!portsh::exit_requested()) {
    const size_t n = TRY(console.read(input, sizeof input));
    for (size_t i = 0; i < n && !portsh::exit_requested(); ++i) {
      portsh::Echo echo;
      const portsh::LineEditor::Event event = editor.feed(input[i], echo);
      if (echo.used > 0) TRY(console.write_now(echo.bytes, echo.used));
      if (event == portsh::LineEditor::Event::kNone) continue;
      if (event == portsh::LineEditor::Event::kLine) {
        char line[portsh::LineEditor::kMaxLineBytes + 1];
        for (size_t j = 0; j <= editor.length(); ++j) line[j] = editor.line()[j];
        commands += run_line(console, line);
      } else if (event == portsh::LineEditor::Event::kTooLong) {
        TRY(console.printf("portsh: line too long (at most %zu characters); not run\n",
                           portsh::LineEditor::kMaxLineBytes));
      }
      if (!portsh::exit_requested()) TRY(console.write_now(kPrompt, sizeof kPrompt - 1));
    }
  }
  TRY(console.close());
  sys::printf("portsh: exit after %u command%s; console closed\n", commands,
              commands == 1 ? "" : "s");
  return Status::kOk;
}

}  // namespace

int main() {
  if (const Status s = run(); s != Status::kOk) {
    sys::printf("portsh: %s\n", status_name(s));
    return 1;
  }
  return 0;
}
