// SPDX-License-Identifier: GPL-3.0-or-later
// Plain-text table helpers shared by the core's reports (private to core).
#pragma once

#include "afd/number_format.hpp"

#include <algorithm>
#include <string>
#include <string_view>

namespace afd::detail {

// Six significant digits for tables: enough to read the paper's figures off. Data (CSV, JSON)
// uses formatNumber instead, which never rounds.
inline std::string tableNumber(double v) {
    return formatSignificant(v, 6);
}

// "label (symbol)" padded to a column, then the value and its unit.
inline void appendRow(std::string& out, std::string_view label, std::string_view symbol,
                      const std::string& value, std::string_view unit) {
    std::string left(label);
    if (!symbol.empty()) {
        left += " (" + std::string(symbol) + ")";
    }
    left.resize(std::max<std::size_t>(left.size() + 1, 56), ' ');
    out += left + value;
    if (!unit.empty()) {
        out += " " + std::string(unit);
    }
    out += "\n";
}

} // namespace afd::detail
