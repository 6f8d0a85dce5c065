// The machine's page-table entries and walk, as generic VM code uses them (namespace pte: the entry
// format, make_table/make_leaf/leaf_rights, index_at/level_span, walk/find). The one definition is
// the architecture's.
#pragma once

#include "kernel/arch/x86_64/pte.h"
