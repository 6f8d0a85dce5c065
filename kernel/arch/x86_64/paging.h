// Page-table set-up that only arch code needs; the rest is in arch.h (and arch/test_seam.h).
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"

void paging_init();
void paging_mark_uncached(uint64_t phys);
void paging_drop_identity_map();  // this CPU's TLB only: callers shoot down the others
