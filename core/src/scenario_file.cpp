// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario files: reading, writing, and resolution against a preset library.
#include "afd/scenario_file.hpp"

#include "afd/metrics.hpp"
#include "afd/preset_library.hpp"
#include "afd/throughput_grid.hpp"
#include "json_input.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

namespace afd {

using detail::describeJson;
using detail::Json;
using detail::ObjectReader;

namespace {

SweepAxis parseAxisObject(const ObjectReader& parent, std::string_view key) {
    const ObjectReader a(parent.required(key, "an axis object"), parent.origin(),
                         parent.keyPath(key));
    a.allowOnly({"key", "from", "to", "steps", "scale"});
    SweepAxis axis;
    const std::string paramKey = a.string("key");
    const auto param = findParam(paramKey);
    if (!param) {
        a.fail("key", "a parameter key (see afd-model params)", "\"" + paramKey + "\"");
    }
    axis.param = *param;
    axis.from = a.number("from");
    axis.to = a.number("to");
    axis.steps = static_cast<int>(a.number("steps", 1, 4096));
    const std::string scale = a.string("scale");
    if (scale != "linear" && scale != "log") {
        a.fail("scale", "\"linear\" or \"log\"", "\"" + scale + "\"");
    }
    axis.log = scale == "log";
    if (std::string problem = validateAxis(axis); !problem.empty()) {
        a.fail("from", problem);
    }
    return axis;
}

std::vector<double> numberList(const ObjectReader& r, std::string_view key, Param param) {
    const Json& v = r.required(key, "an array of numbers");
    if (!v.is_array() || v.empty() || v.size() > 64) {
        r.fail(key, "a non-empty array of at most 64 numbers", describeJson(v));
    }
    std::vector<double> out;
    for (const Json& item : v) {
        if (!item.is_number() || !checkValue(param, item.get<double>()).empty()) {
            r.fail(key, "array items that are each " + expectation(param), describeJson(item));
        }
        out.push_back(item.get<double>());
    }
    return out;
}

FigureSpec parseFigure(const ObjectReader& parent) {
    const ObjectReader f(parent.required("figure", "an object"), parent.origin(),
                         parent.keyPath("figure"));
    f.allowOnly({"paper_figure", "view", "x", "y", "metrics", "sigmas", "nf_values", "lambda_from",
                 "lambda_to"});
    FigureSpec fig;
    fig.paperFigure = f.optionalString("paper_figure");
    fig.view = f.string("view"); // the explorer's view key, checked by the explorer
    if (f.has("x")) {
        fig.x = parseAxisObject(f, "x");
    }
    if (f.has("y")) {
        if (!fig.x) {
            f.fail("y", "an x axis before a y axis", "y without x");
        }
        fig.y = parseAxisObject(f, "y");
    }
    if (f.has("metrics")) {
        const Json& list = f.required("metrics", "an array of metric names");
        if (!list.is_array() || list.empty() || list.size() > 64) {
            f.fail("metrics", "a non-empty array of metric names", describeJson(list));
        }
        for (const Json& item : list) {
            if (!item.is_string() || !findMetric(item.get<std::string>())) {
                f.fail("metrics", "metric names (see afd-model metrics)", describeJson(item));
            }
            fig.metrics.push_back(item.get<std::string>());
        }
    }
    if (f.has("sigmas")) {
        fig.sigmas = numberList(f, "sigmas", Param::Sigma);
    }
    if (f.has("nf_values")) {
        fig.nfValues = numberList(f, "nf_values", Param::Nf);
    }
    if (f.has("lambda_from")) {
        fig.lambdaFrom =
            f.number("lambda_from", spec(Param::LambdaEp).minValue, spec(Param::LambdaEp).maxValue);
    }
    if (f.has("lambda_to")) {
        fig.lambdaTo = f.number("lambda_to", fig.lambdaFrom, spec(Param::LambdaEp).maxValue);
    }
    return fig;
}

ViewSettings parseViewSettings(const ObjectReader& parent) {
    const ObjectReader v(parent.required("view", "an object"), parent.origin(),
                         parent.keyPath("view"));
    v.allowOnly({"current", "theme", "heatmap_x", "heatmap_y", "heatmap_metric"});
    ViewSettings out;
    // The explorer's words, kept as written: it checks them against its views and themes.
    out.current = v.optionalString("current");
    out.theme = v.optionalString("theme");
    for (const auto& [key, target] :
         {std::pair{"heatmap_x", &out.heatmapX}, std::pair{"heatmap_y", &out.heatmapY}}) {
        if (v.has(key)) {
            *target = v.string(key);
            if (!findParam(*target)) {
                v.fail(key, "a parameter key (see afd-model params)", "\"" + *target + "\"");
            }
        }
    }
    if (v.has("heatmap_metric")) {
        out.heatmapMetric = v.string("heatmap_metric");
        // A Part A metric or one of the heatmap's throughput-model quantities.
        if (!findMetric(out.heatmapMetric) && !findThroughputHeatmapMetric(out.heatmapMetric)) {
            v.fail("heatmap_metric",
                   "a metric name (see afd-model metrics) or a heatmap throughput colour "
                   "(docs/model.md C-H)",
                   "\"" + out.heatmapMetric + "\"");
        }
    }
    return out;
}

} // namespace

ScenarioFile parseScenario(std::string_view text, const std::string& origin) {
    const Json root = detail::parseJsonStrictly(text, origin);
    const ObjectReader r(root, origin, "");
    r.schemaVersion();
    // The kind first: a deck or measurement given as a scenario is the wrong kind of file, not
    // a scenario with unknown keys.
    const std::string kind = r.string("kind");
    if (kind != "scenario") {
        r.fail("kind", "\"scenario\"", "\"" + kind + "\"");
    }
    r.allowOnly({"schema_version", "kind", "id", "name", "description", "hardware", "model",
                 "attention_hardware", "values", "figure", "view", "generator"});
    ScenarioFile file;
    file.origin = origin;
    file.id = r.identifier("id");
    file.name = r.string("name");
    file.description = r.optionalString("description");
    file.hardwareId = r.identifier("hardware");
    file.modelId = r.identifier("model");
    if (r.has("attention_hardware")) {
        file.attentionHardwareId = r.identifier("attention_hardware");
    }
    if (r.has("values")) {
        file.overrides = detail::parameterOverrides(r, "values");
    }
    if (r.has("figure")) {
        file.figure = parseFigure(r);
    }
    if (r.has("view")) {
        file.view = parseViewSettings(r);
    }
    file.generator = r.optionalString("generator");
    return file;
}

ScenarioFile loadScenarioFile(const std::string& path) {
    return parseScenario(readInputFile(path), path);
}

ResolvedScenario resolve(const ScenarioFile& file, const PresetLibrary& library,
                         const Preset* hardware, const Preset* model) {
    // A replaced preset makes the file's title wrong ("DeepSeek-V3 on H800" on a GB200).
    const bool replaced = hardware != nullptr || model != nullptr;
    if (hardware == nullptr) {
        hardware = library.hardware(file.hardwareId);
        if (hardware == nullptr) {
            throw InputFileError(file.origin, "hardware",
                                 "the id of a hardware preset (see afd-model presets list)",
                                 "\"" + file.hardwareId + "\"");
        }
    }
    if (model == nullptr) {
        model = library.model(file.modelId);
        if (model == nullptr) {
            throw InputFileError(file.origin, "model",
                                 "the id of a model preset (see afd-model presets list)",
                                 "\"" + file.modelId + "\"");
        }
    }
    if (!file.attentionHardwareId.empty() &&
        library.hardware(file.attentionHardwareId) == nullptr) {
        throw InputFileError(file.origin, "attention_hardware",
                             "the id of a hardware preset (see afd-model presets list)",
                             "\"" + file.attentionHardwareId + "\"");
    }
    ResolvedScenario out;
    out.attentionHardwareId = file.attentionHardwareId;
    out.name = replaced ? model->name + " on " + hardware->name : file.name;
    out.hardwareId = hardware->id;
    out.modelId = model->id;
    hardware->applyTo(out.values);
    model->applyTo(out.values);
    for (const auto& [param, value] : file.overrides) {
        out.values[param] = value;
    }
    // With a serving system the throughput model decides; Eq. 1's budget is only Part A's.
    const InputError error = validate(out.values);
    const bool budgetOnly = error.code == InputErrorCode::NonPositiveBudget;
    if (error && !(budgetOnly && out.values[Param::System] != 0)) {
        throw InputFileError(file.origin, "values",
                             "a valid combination with " + hardware->id + " and " + model->id +
                                 " (" + describe(error, out.values) + ")");
    }
    return out;
}

Scenario attentionScenario(const Scenario& values, const Preset& attentionHardware) {
    Scenario attention = values;
    attentionHardware.applyTo(attention);
    return attention;
}

ScenarioFile snapshotScenario(const std::string& name, const std::string& hardwareId,
                              const std::string& modelId, const Scenario& values,
                              const std::optional<ViewSettings>& view,
                              const std::string& attentionHardwareId) {
    ScenarioFile file;
    file.id = "saved";
    file.name = name;
    file.hardwareId = hardwareId;
    file.modelId = modelId;
    file.attentionHardwareId = attentionHardwareId;
    for (const ParamSpec& p : parameters()) {
        file.overrides.emplace_back(p.id, values[p.id]);
    }
    file.view = view;
    file.generator = std::string("AFD Explorer ") + AFD_VERSION;
    return file;
}

std::string writeScenario(const ScenarioFile& file) {
    nlohmann::ordered_json j;
    j["schema_version"] = kSchemaVersion;
    j["kind"] = "scenario";
    j["id"] = file.id;
    j["name"] = file.name;
    if (!file.description.empty()) {
        j["description"] = file.description;
    }
    if (!file.generator.empty()) {
        j["generator"] = file.generator;
    }
    j["hardware"] = file.hardwareId;
    j["model"] = file.modelId;
    if (!file.attentionHardwareId.empty()) {
        j["attention_hardware"] = file.attentionHardwareId;
    }
    auto& values = j["values"];
    values = nlohmann::ordered_json::object();
    for (const auto& [param, value] : file.overrides) {
        // Names for choices and "inf" (JSON has no infinity); whole numbers as integers keep
        // files readable ("nf": 2, not 2.0).
        if (spec(param).kind == ParamKind::Choice || std::isinf(value)) {
            values[std::string(spec(param).key)] = formatValue(param, value);
        } else if (value == std::floor(value) && std::abs(value) < 1e15) {
            values[std::string(spec(param).key)] = static_cast<long long>(value);
        } else {
            values[std::string(spec(param).key)] = value;
        }
    }
    if (file.view) {
        auto& v = j["view"];
        v = nlohmann::ordered_json::object();
        const auto put = [&v](const char* key, const std::string& value) {
            if (!value.empty()) {
                v[key] = value;
            }
        };
        put("current", file.view->current);
        put("theme", file.view->theme);
        put("heatmap_x", file.view->heatmapX);
        put("heatmap_y", file.view->heatmapY);
        put("heatmap_metric", file.view->heatmapMetric);
    }
    return j.dump(2) + "\n";
}

} // namespace afd
