// SPDX-License-Identifier: GPL-3.0-or-later
// 1-D and 2-D sweeps over any two registry parameters, evaluated on all cores.
#pragma once

#include "afd/model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace afd {

struct SweepAxis {
    Param param = Param::Nf;
    double from = 1;
    double to = 1;
    int steps = 2;
    bool log = false;

    // The grid coordinates. Whole-number parameters take whole values, each once: every value
    // of the range when `steps` covers it, otherwise the rounded steps without repeats (so a
    // whole-number axis may have fewer than `steps` values).
    std::vector<double> values() const;
    double valueAt(int i) const noexcept;
};

// Parses "KEY=FROM:TO[:STEPS][:log|:lin]". Throws std::invalid_argument with a message that
// names the key and what was expected.
SweepAxis parseAxis(std::string_view text);
// Checks from/to against the parameter's range and steps in [1, 4096]; empty when valid.
std::string validateAxis(const SweepAxis& axis);

struct Grid {
    SweepAxis x;
    std::optional<SweepAxis> y;
    std::vector<double> xs; // size nx
    std::vector<double> ys; // size ny (1 for a 1-D sweep, holding the base value)
    std::vector<std::size_t> metricIds;
    // values[m][iy * nx + ix]; NaN exactly where the cell has an input error.
    std::vector<std::vector<double>> values;
    std::vector<Regime> regime;           // per cell
    std::vector<std::uint8_t> infeasible; // InfeasibleReason bits per cell
    std::vector<InputError> errors;       // per cell; code None for valid cells
    std::size_t nx() const noexcept { return xs.size(); }
    std::size_t ny() const noexcept { return ys.size(); }
    std::size_t cell(std::size_t ix, std::size_t iy) const noexcept { return iy * nx() + ix; }
};

// Limits of one sweep, checked before anything is allocated: cells (x values times y values)
// and stored values (cells times metrics; 8 bytes each, so at most 128 MiB).
inline constexpr std::size_t kMaxSweepCells = 4096U * 1024U;
inline constexpr std::size_t kMaxSweepValues = 1U << 24U;
// "" when the grid fits those limits, otherwise what to reduce.
std::string checkGridSize(const SweepAxis& x, const std::optional<SweepAxis>& y,
                          std::size_t metricCount);

// Evaluates base with x (and y) varied. threads = 0 uses every hardware thread.
Grid sweep(const Scenario& base, const SweepAxis& x, const std::optional<SweepAxis>& y,
           const std::vector<std::size_t>& metricIds, unsigned threads = 0);

} // namespace afd
