// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/measurements.hpp"

#include "afd/deployment_search.hpp"
#include "json_input.hpp"

#include <algorithm>

namespace afd {

using detail::describeJson;
using detail::Json;
using detail::ObjectReader;

Measurement parseMeasurement(std::string_view text, const std::string& origin) {
    const Json root = detail::parseJsonStrictly(text, origin);
    const ObjectReader r(root, origin, "");
    r.schemaVersion();
    const std::string kind = r.string("kind");
    if (kind != "measurement") {
        r.fail("kind", "\"measurement\"", "\"" + kind + "\"");
    }
    r.allowOnly({"schema_version", "kind", "id", "name", "description", "system", "hardware",
                 "model", "values", "searched", "measured_tokens_per_s_per_gpu", "source",
                 "calibration", "note"});
    Measurement m;
    m.origin = origin;
    m.id = r.identifier("id");
    m.name = r.string("name");
    m.description = r.optionalString("description");
    const std::string system = r.string("system");
    if (system != "ep" && system != "afd") {
        r.fail("system", "\"ep\" or \"afd\"", "\"" + system + "\"");
    }
    m.system = system == "ep" ? ServingSystem::Ep : ServingSystem::Afd;
    m.hardwareId = r.identifier("hardware");
    m.modelId = r.identifier("model");
    if (r.has("values")) {
        m.values = detail::parameterOverrides(r, "values");
        for (const auto& [param, value] : m.values) {
            if (param == Param::System) {
                // The measurement's own "system" says that; a second one could contradict it.
                r.fail("values.system", "no system here (the top-level \"system\" sets it)",
                       formatValue(param, value));
            }
        }
    }
    if (r.has("searched")) {
        const Json& list = r.required("searched", "an array of deployment keys");
        const auto allowed = deploymentKeys(m.system);
        if (!list.is_array() || list.size() > allowed.size()) {
            r.fail("searched", "an array of deployment keys", describeJson(list));
        }
        for (const Json& item : list) {
            const auto param = item.is_string() ? findParam(item.get<std::string>()) : std::nullopt;
            if (!param || std::find(allowed.begin(), allowed.end(), *param) == allowed.end()) {
                r.fail("searched", "deployment keys of " + system + " (see afd-model best --help)",
                       describeJson(item));
            }
            if (std::find(m.searched.begin(), m.searched.end(), *param) != m.searched.end()) {
                r.fail("searched", "each key once", describeJson(item));
            }
            m.searched.push_back(*param);
        }
    }
    m.measuredTokensPerSecondPerGpu =
        r.number("measured_tokens_per_s_per_gpu", 0.001, 1e9, "tokens/s");
    m.source = r.string("source");
    if (r.has("calibration")) {
        const Json& c = r.required("calibration", "true or false");
        if (!c.is_boolean()) {
            r.fail("calibration", "true or false", describeJson(c));
        }
        m.calibration = c.get<bool>();
    }
    m.note = r.optionalString("note");
    return m;
}

MeasurementCheck checkMeasurement(const Measurement& m, const PresetLibrary& library) {
    ScenarioFile file;
    file.id = m.id;
    file.name = m.name;
    file.origin = m.origin;
    file.hardwareId = m.hardwareId;
    file.modelId = m.modelId;
    file.overrides = m.values;
    file.overrides.emplace_back(Param::System, static_cast<double>(m.system));
    MeasurementCheck check;
    check.measurement = &m;
    check.scenario = resolve(file, library).values;
    if (m.searched.empty()) {
        check.predicted = throughput(check.scenario);
    } else {
        std::vector<Param> fixed;
        for (Param p : deploymentKeys(m.system)) {
            if (std::find(m.searched.begin(), m.searched.end(), p) == m.searched.end()) {
                fixed.push_back(p);
            }
        }
        const DeploymentSearch found =
            searchDeployment(check.scenario, m.system, nullptr, fixed, false);
        if (!found.found) {
            check.problem = "no configuration meets the SLO";
            return check;
        }
        check.predicted = found.best;
    }
    if (check.predicted.error) {
        check.problem = describe(check.predicted.error, check.scenario);
        return check;
    }
    check.errorPercent = (check.predicted.tokensPerSecondPerGpu - m.measuredTokensPerSecondPerGpu) /
                         m.measuredTokensPerSecondPerGpu * 100.0;
    return check;
}

} // namespace afd
