// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/sweep.hpp"

#include "afd/metrics.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>

namespace afd {
namespace {

constexpr int kMaxSteps = 4096;

double parseNumber(std::string_view text, std::string_view what, std::string_view axisText) {
    double value = 0;
    const auto* first = text.data();
    const auto* last = text.data() + text.size();
    auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc{} || end != last || !std::isfinite(value)) {
        throw std::invalid_argument("axis '" + std::string(axisText) + "': " + std::string(what) +
                                    " '" + std::string(text) + "' is not a number");
    }
    return value;
}

} // namespace

double SweepAxis::valueAt(int i) const noexcept {
    const double t = steps > 1 ? static_cast<double>(i) / (steps - 1) : 0.0;
    const double v =
        interpolate(spec(param), from, to, t, log ? Spacing::Geometric : Spacing::Linear);
    // interpolate() returns `to` as given at t = 1; whole-number parameters are still rounded.
    return spec(param).kind == ParamKind::Real ? v : std::round(v);
}

std::vector<double> SweepAxis::values() const {
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(steps));
    if (spec(param).kind != ParamKind::Real) {
        // Whole numbers: asked for at least as many steps as the range holds, every one of them
        // (nf=1:9:9 is 1..9, not 1,1,2,2,3,...); fewer, the rounded steps, each value once.
        const double lo = std::round(std::min(from, to));
        const double hi = std::round(std::max(from, to));
        if (hi - lo + 1 <= steps) {
            for (double v = lo; v <= hi; ++v) {
                out.push_back(v);
            }
            if (from > to) {
                std::reverse(out.begin(), out.end());
            }
            return out;
        }
    }
    for (int i = 0; i < steps; ++i) {
        const double v = valueAt(i);
        if (out.empty() || v != out.back()) {
            out.push_back(v);
        }
    }
    return out;
}

std::string validateAxis(const SweepAxis& axis) {
    const std::string key(spec(axis.param).key);
    const ParamSpec& p = spec(axis.param);
    if (p.kind == ParamKind::Choice) {
        // Names have no order or in-between: run one sweep per choice instead.
        return "axis '" + key + "': a choice (" + expectation(axis.param) +
               ") is not a sweep axis; set it with --set and sweep another key";
    }
    for (double end : {axis.from, axis.to}) {
        // Whole-number parameters accept any end point in range: grid values are rounded.
        if (!(std::isfinite(end) && end >= p.minValue && end <= p.maxValue)) {
            return "axis '" + key + "': end point " + formatNumber(end) + ", expected " +
                   expectation(axis.param);
        }
    }
    if (axis.steps < 1 || axis.steps > kMaxSteps) {
        return "axis '" + key + "': " + std::to_string(axis.steps) + " steps, expected 1 to " +
               std::to_string(kMaxSteps);
    }
    if (axis.log && !(axis.from > 0 && axis.to > 0)) {
        return "axis '" + key + "': a log axis needs positive end points";
    }
    return {};
}

SweepAxis parseAxis(std::string_view text) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos) {
        throw std::invalid_argument("axis '" + std::string(text) +
                                    "': expected KEY=FROM:TO[:STEPS][:log]");
    }
    const std::string_view key = text.substr(0, eq);
    const auto param = findParam(key);
    if (!param) {
        throw std::invalid_argument("axis '" + std::string(text) + "': unknown parameter '" +
                                    std::string(key) + "' (see afd-model params)");
    }
    std::vector<std::string_view> fields;
    std::string_view rest = text.substr(eq + 1);
    while (true) {
        const auto colon = rest.find(':');
        fields.push_back(rest.substr(0, colon));
        if (colon == std::string_view::npos) {
            break;
        }
        rest = rest.substr(colon + 1);
    }
    if (fields.size() < 2 || fields.size() > 4) {
        throw std::invalid_argument("axis '" + std::string(text) +
                                    "': expected KEY=FROM:TO[:STEPS][:log]");
    }
    SweepAxis axis;
    axis.param = *param;
    axis.from = parseNumber(fields[0], "FROM", text);
    axis.to = parseNumber(fields[1], "TO", text);
    axis.log = spec(*param).scale == ParamScale::Log;
    bool stepsGiven = false;
    bool scaleGiven = false;
    for (std::size_t i = 2; i < fields.size(); ++i) {
        if (fields[i] == "log") {
            axis.log = true;
            scaleGiven = true;
        } else if (fields[i] == "lin" || fields[i] == "linear") {
            axis.log = false;
            scaleGiven = true;
        } else if (!stepsGiven) {
            const double steps = parseNumber(fields[i], "STEPS", text);
            if (steps != std::floor(steps) || steps < 1 || steps > kMaxSteps) {
                throw std::invalid_argument("axis '" + std::string(text) + "': STEPS '" +
                                            std::string(fields[i]) +
                                            "', expected a whole number "
                                            "from 1 to " +
                                            std::to_string(kMaxSteps));
            }
            axis.steps = static_cast<int>(steps);
            stepsGiven = true;
        } else {
            throw std::invalid_argument("axis '" + std::string(text) + "': unexpected '" +
                                        std::string(fields[i]) + "', expected log or lin");
        }
    }
    if (!stepsGiven) {
        // A whole-number axis of at most 256 values takes every value (N_F = 1, 2, ..., 16),
        // unless log steps were asked for; anything else gets 64 steps.
        const double count = std::abs(axis.to - axis.from) + 1;
        const bool everyValue =
            spec(*param).kind != ParamKind::Real && count <= 256 && !(scaleGiven && axis.log);
        if (everyValue) {
            axis.log = false;
        }
        axis.steps = everyValue ? static_cast<int>(count) : 64;
    }
    if (std::string problem = validateAxis(axis); !problem.empty()) {
        throw std::invalid_argument(problem);
    }
    return axis;
}

std::string checkGridSize(const SweepAxis& x, const std::optional<SweepAxis>& y,
                          std::size_t metricCount) {
    const std::size_t cells = x.values().size() * (y ? y->values().size() : 1);
    if (cells > kMaxSweepCells) {
        return std::to_string(cells) + " cells, expected at most " +
               std::to_string(kMaxSweepCells) + " (fewer steps on --x or --y)";
    }
    if (cells * std::max<std::size_t>(metricCount, 1) > kMaxSweepValues) {
        return std::to_string(cells) + " cells x " + std::to_string(metricCount) +
               " metrics, expected at most " + std::to_string(kMaxSweepValues) +
               " values (fewer metrics or steps)";
    }
    return {};
}

Grid sweep(const Scenario& base, const SweepAxis& x, const std::optional<SweepAxis>& y,
           const std::vector<std::size_t>& metricIds, unsigned threads) {
    Grid grid;
    grid.x = x;
    grid.y = y;
    grid.xs = x.values();
    grid.ys = y ? y->values() : std::vector<double>{base[x.param]};
    grid.metricIds = metricIds;
    const std::size_t nx = grid.xs.size();
    const std::size_t cells = nx * grid.ys.size();
    grid.values.assign(metricIds.size(), std::vector<double>(cells));
    grid.regime.assign(cells, Regime::ScaleUpBound);
    grid.infeasible.assign(cells, kFeasible);
    grid.errors.assign(cells, InputError{});

    std::vector<double (*)(const Result&) noexcept> readers;
    readers.reserve(metricIds.size());
    for (std::size_t id : metricIds) {
        readers.push_back(metric(id).read);
    }

    // Each worker owns a contiguous block of cells, so no two threads write the same element.
    auto work = [&](std::size_t begin, std::size_t end) {
        Scenario point = base;
        for (std::size_t c = begin; c < end; ++c) {
            const std::size_t ix = c % nx;
            const std::size_t iy = c / nx;
            point[x.param] = grid.xs[ix];
            if (y) {
                point[y->param] = grid.ys[iy];
            }
            const Result r = evaluate(point);
            grid.errors[c] = r.error;
            grid.regime[c] = r.regime;
            grid.infeasible[c] = r.infeasible;
            for (std::size_t m = 0; m < readers.size(); ++m) {
                grid.values[m][c] =
                    r.error ? std::numeric_limits<double>::quiet_NaN() : readers[m](r);
            }
        }
    };

    unsigned workers = threads != 0 ? threads : std::max(1U, std::thread::hardware_concurrency());
    // Below a few thousand cells the thread start costs more than it saves.
    if (cells < 4096) {
        workers = 1;
    }
    std::vector<std::thread> pool;
    const std::size_t chunk = (cells + workers - 1) / workers;
    for (unsigned w = 1; w < workers; ++w) {
        const std::size_t begin = std::min(cells, w * chunk);
        const std::size_t end = std::min(cells, begin + chunk);
        pool.emplace_back(work, begin, end);
    }
    work(0, std::min(cells, chunk));
    for (auto& t : pool) {
        t.join();
    }
    return grid;
}

} // namespace afd
