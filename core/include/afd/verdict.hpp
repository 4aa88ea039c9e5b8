// SPDX-License-Identifier: GPL-3.0-or-later
// Plain-language reading of a design point, and AFD's best point over N_F.
#pragma once

#include "afd/model.hpp"

#include <string>

namespace afd {

// The best HFU over N_F = 1 .. the N_F where G reaches 1 (beyond it nothing changes), among
// deployable points only. found = false when no N_F is deployable.
struct AfdCeiling {
    bool found = false;
    double nf = 0;
    double hfu = 0;
};
AfdCeiling afdCeiling(const Scenario& scenario) noexcept;

// Two or three sentences: what binds B_rank and why, the dead zone, feasibility, and AFD's
// ceiling against the EP reference. Requires !result.error.
std::string verdict(const Scenario& scenario, const Result& result);

// "2,846", "12.3", "0.383": thousands separators and a few significant digits, C locale.
std::string readableNumber(double value, int significant = 4);

} // namespace afd
