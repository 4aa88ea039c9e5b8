// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario files (presets/scenarios/ and what the explorer saves): two preset ids, values over
// them, the figure they reproduce and how the explorer showed them; and their resolution to
// values against a preset library.
#pragma once

#include "afd/input_file.hpp"
#include "afd/model.hpp"
#include "afd/preset_files.hpp"
#include "afd/sweep.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace afd {

class PresetLibrary;

// What a scenario file says about the figure it reproduces (optional).
struct FigureSpec {
    std::string paperFigure; // "Fig. 2", "Fig. 4 (H800 panel)", ...
    std::string view;        // the explorer's view key, kept as written (see ViewSettings)
    std::optional<SweepAxis> x;
    std::optional<SweepAxis> y;
    std::vector<std::string> metrics;
    std::vector<double> sigmas;   // imbalance: curves of alpha over lambda
    std::vector<double> nfValues; // imbalance: AFD point sets
    double lambdaFrom = 1;
    double lambdaTo = 5;
};

// How the explorer showed a scenario when it was saved (all optional). The view key and the
// theme name are the explorer's words: the core checks only that they are non-empty strings and
// writes them back unchanged; the explorer checks them against its own views and themes when it
// opens the file. The heatmap's axes and metric are checked here, against the parameter registry
// and the metric table.
struct ViewSettings {
    std::string current;  // view key, e.g. "hfu-nf"
    std::string theme;    // theme name, e.g. "dark"
    std::string heatmapX; // parameter keys
    std::string heatmapY;
    std::string heatmapMetric; // metric key
};

struct ScenarioFile {
    std::string id;
    std::string name;
    std::string description;
    std::string hardwareId;
    std::string modelId;
    // Heterogeneous AFD: the hardware preset of the attention GPUs; empty when they are the
    // same GPUs as the FFN side's (`hardware`).
    std::string attentionHardwareId;
    std::vector<std::pair<Param, double>> overrides;
    std::optional<FigureSpec> figure;
    std::optional<ViewSettings> view;
    std::string generator; // program and version that wrote the file, if any
    std::string origin;
};

// A scenario file holding every registry value of `values` (so it re-creates the point exactly
// even if a preset changes later), the preset ids and the view settings.
ScenarioFile snapshotScenario(const std::string& name, const std::string& hardwareId,
                              const std::string& modelId, const Scenario& values,
                              const std::optional<ViewSettings>& view = std::nullopt,
                              const std::string& attentionHardwareId = {});
// The JSON text of a scenario file (C locale, shortest exact numbers); parseScenario reads it.
std::string writeScenario(const ScenarioFile& file);

ScenarioFile parseScenario(std::string_view text, const std::string& origin);
ScenarioFile loadScenarioFile(const std::string& path);

// A scenario with its presets resolved to values and checked as a whole.
struct ResolvedScenario {
    Scenario values;
    std::string name;
    std::string hardwareId;
    std::string modelId;
    std::string attentionHardwareId; // empty: the attention GPUs are `hardware`
};

// The attention GPUs' values under heterogeneous AFD: `values` with the hardware preset's
// values applied (the model and serving values stay).
Scenario attentionScenario(const Scenario& values, const Preset& attentionHardware);

// Defaults <- hardware preset <- model preset <- scenario overrides. hardware/model, when
// given, replace the ones the scenario file names. Throws InputFileError naming the scenario's
// origin and key if a preset id (hardware, model, attention_hardware) is unknown or the
// combination is invalid.
ResolvedScenario resolve(const ScenarioFile& file, const PresetLibrary& library,
                         const Preset* hardware = nullptr, const Preset* model = nullptr);

} // namespace afd
