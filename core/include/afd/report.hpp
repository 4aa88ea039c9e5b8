// SPDX-License-Identifier: GPL-3.0-or-later
// Machine-readable (JSON, CSV) and plain-text renderings of core results, shared by the command
// line and the GUI's data export. All numbers are written in the C locale.
#pragma once

#include "afd/imbalance.hpp"
#include "afd/model.hpp"
#include "afd/sweep.hpp"

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace afd {

// Every metric of metrics(), the regime, flags, infeasible reasons, which cap bound B_rank, and
// the resolved inputs under "inputs" (registry key -> value).
nlohmann::ordered_json resultToJson(const Scenario& scenario, const Result& result);
// A two-column text table of the same, with units and paper symbols.
std::string resultToTable(const Scenario& scenario, const Result& result);

// The resolved inputs as "key (symbol)  value unit" rows (choices by name); paperOnly leaves out
// the throughput model's keys.
std::string inputsToTable(const Scenario& scenario, bool paperOnly);

nlohmann::ordered_json imbalanceToJson(const ImbalanceInput& input, const ImbalanceResult& r);
std::string imbalanceToTable(const ImbalanceInput& input, const ImbalanceResult& r);

// Tidy long format: one row per cell, columns x key, [y key], each metric (with units in the
// header), regime, feasible, infeasible_reasons, error.
std::string gridToCsv(const Grid& grid);
nlohmann::ordered_json gridToJson(const Grid& grid);

// The same two texts handed to `sink` in pieces of about a megabyte, so that a large sweep is
// never held twice in memory. gridToJson is writeGridJson's document, read back; `extra`'s
// members are appended (the command line adds the scenario names).
using TextSink = std::function<void(std::string_view)>;
void writeGridCsv(const Grid& grid, const TextSink& sink);
void writeGridJson(const Grid& grid, const nlohmann::ordered_json& extra, const TextSink& sink);

// "capacity", "bandwidth", "capacity+bandwidth" or "" for a feasible point.
std::string infeasibleReasonsText(std::uint8_t reasons);

} // namespace afd
