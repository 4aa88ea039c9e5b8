// SPDX-License-Identifier: GPL-3.0-or-later
// Named, unit-carrying views of a Result. The command line's JSON keys, sweep metrics, CSV
// headers and the GUI's heatmap metric menu all come from this one table.
#pragma once

#include "afd/model.hpp"

#include <optional>
#include <span>
#include <string_view>

namespace afd {

struct MetricSpec {
    std::string_view key;    // JSON key / --metric NAME, e.g. "hfu", "t_budget_ms"
    std::string_view label;  // "HFU"
    std::string_view symbol; // paper symbol, e.g. "t_B"
    std::string_view unit;   // "ms", "GB/s", "" for ratios
    // Where it is defined, in docs/model.md: a section id ("A3") first, then the paper's
    // equations ("A3, Eq. 8, Eq. 19"). One hop from a number on screen to its equation.
    std::string_view reference;
    double (*read)(const Result&) noexcept;
    bool isFlag = false;  // 0/1 valued (dead_zone, feasible, ...)
    bool heatmap = false; // offered as a colour in the explorer's heatmap
};

std::span<const MetricSpec> metrics() noexcept;
std::optional<std::size_t> findMetric(std::string_view key) noexcept;
const MetricSpec& metric(std::size_t id) noexcept;

} // namespace afd
