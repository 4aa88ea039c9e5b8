// SPDX-License-Identifier: GPL-3.0-or-later
// Published decode throughputs with the settings they were measured at (presets/measurements/),
// and the model's prediction for each: what `afd-model validate` prints.
#pragma once

#include "afd/presets.hpp"
#include "afd/throughput.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace afd {

struct Measurement {
    std::string id;
    std::string name;
    std::string description;
    std::string origin;
    ServingSystem system = ServingSystem::Ep;
    std::string hardwareId;
    std::string modelId;
    std::vector<std::pair<Param, double>> values; // registry values over the presets
    // Deployment keys the published system tuned itself (say the batch under its SLO): the
    // prediction searches them under slo_ms, with every other deployment key held.
    std::vector<Param> searched;
    double measuredTokensPerSecondPerGpu = 0;
    std::string source;
    bool calibration = false; // one of docs/model.md Part C's calibration cases
    std::string note;         // e.g. "extrapolated by the authors, not measured"
};

Measurement parseMeasurement(std::string_view text, const std::string& origin);

struct MeasurementCheck {
    const Measurement* measurement = nullptr;
    Scenario scenario;
    ThroughputResult predicted;
    std::string problem;     // non-empty when no prediction could be made (the reason)
    double errorPercent = 0; // (predicted - measured) / measured x 100
};

// Resolves the measurement against the library's presets and predicts its throughput. Throws
// InputFileError naming the measurement's file when a preset id or a value is wrong.
MeasurementCheck checkMeasurement(const Measurement& m, const PresetLibrary& library);

} // namespace afd
