// SPDX-License-Identifier: GPL-3.0-or-later
// Every plot view of the explorer, for code that needs them all (the window, exports, tests).
// Each draws the core's numbers for the controller's scenario; none does model arithmetic of
// its own. view_table.hpp lists them with their keys and titles.
#pragma once

#include "breakdown_view.hpp"
#include "comm_roofline_view.hpp"
#include "frontier_view.hpp"
#include "heatmap_view.hpp"
#include "hfu_grid_view.hpp"
#include "imbalance_view.hpp"
#include "measurements_view.hpp"
#include "nf_sweep_view.hpp"
#include "roofline_view.hpp"
#include "timeline_view.hpp"
#include "view_table.hpp"
