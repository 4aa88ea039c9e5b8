// SPDX-License-Identifier: GPL-3.0-or-later
// Plain-text table helpers shared by the core's reports (private to core).
#pragma once

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <string_view>

namespace afd::detail {

// Six significant digits for tables: enough to read the paper's figures off.
inline std::string tableNumber(double v) {
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%.6g", v);
    return buffer.data();
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
