// The throughput part of `./portcullis bench mem` (test/bench/user/mem_throughput.cc): several
// client programs hammer memsrv at once; one more program, the lead, starts them together, owns
// the contended workload's shared pages and reports requests per million ticks.
#pragma once

namespace mem_throughput {

// `mem_bench throughput`: one client (its index, CPU and counts come from the lead).
int client_main();
// `mem_bench throughput-lead [quick]`: the lead (4 clients); prints the rows.
int lead_main(int argc, char** argv);

}  // namespace mem_throughput
