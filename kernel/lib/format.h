// The kernel reaches the shared formatter (base/format.h) by its old name.
#pragma once

#include "base/format.h"
