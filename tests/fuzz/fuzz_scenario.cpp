// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario files: afd::parseScenario and afd::resolve against the built-in presets; then the
// round trip the explorer's "save scenario" relies on: writeScenario(snapshotScenario(...)) of
// the resolved values must parse and resolve again to the very same values.
#include "afd/parameters.hpp"
#include "fuzz_common.hpp"

#include <optional>

namespace {

bool sameView(const std::optional<afd::ViewSettings>& a,
              const std::optional<afd::ViewSettings>& b) {
    if (a.has_value() != b.has_value()) {
        return false;
    }
    return !a || (a->current == b->current && a->theme == b->theme && a->heatmapX == b->heatmapX &&
                  a->heatmapY == b->heatmapY && a->heatmapMetric == b->heatmapMetric);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const afd::PresetLibrary& library = afd::fuzz::library();
    afd::ResolvedScenario resolved;
    std::optional<afd::ViewSettings> view;
    if (!afd::fuzz::parsedOrRefused([&] {
            const afd::ScenarioFile file =
                afd::parseScenario(afd::fuzz::asText(data, size), "fuzz.json");
            resolved = afd::resolve(file, library);
            view = file.view;
        })) {
        return 0;
    }

    // Writing never refuses: no try here, an exception escapes as a finding.
    const std::string written = afd::writeScenario(afd::snapshotScenario(
        resolved.name, resolved.hardwareId, resolved.modelId, resolved.values, view));
    afd::ScenarioFile again;
    afd::ResolvedScenario reresolved;
    try {
        again = afd::parseScenario(written, "roundtrip.json");
        reresolved = afd::resolve(again, library);
    } catch (const afd::InputFileError& e) {
        afd::fuzz::fail(std::string("a written scenario is refused: ") + e.what() + "\n" + written);
    }
    std::string diff;
    for (const afd::ParamSpec& p : afd::parameters()) {
        const double before = resolved.values[p.id];
        const double after = reresolved.values[p.id];
        if (!(before == after)) {
            diff += "\n  " + std::string(p.key) + ": " + afd::formatNumber(before) + " -> " +
                    afd::formatNumber(after);
        }
    }
    if (reresolved.hardwareId != resolved.hardwareId || reresolved.modelId != resolved.modelId) {
        diff += "\n  presets: " + resolved.hardwareId + "/" + resolved.modelId + " -> " +
                reresolved.hardwareId + "/" + reresolved.modelId;
    }
    if (again.name != resolved.name) {
        diff += "\n  name: \"" + resolved.name + "\" -> \"" + again.name + "\"";
    }
    if (!sameView(again.view, view)) {
        diff += "\n  view settings differ";
    }
    if (!diff.empty()) {
        afd::fuzz::fail("the scenario round trip changed values:" + diff + "\n" + written);
    }
    return 0;
}
