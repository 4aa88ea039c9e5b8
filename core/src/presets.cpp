// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/presets.hpp"

#include "afd/measurements.hpp"
#include "afd/metrics.hpp"
#include "json_input.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace afd {

using detail::describeJson;
using detail::Json;
using detail::ObjectReader;
using detail::parameterValue;

namespace {

std::string message(const std::string& file, const std::string& key, const std::string& expected,
                    const std::string& got) {
    std::string text = file + ": key '" + key + "': expected " + expected;
    if (!got.empty()) {
        text += ", got " + got;
    }
    return text;
}

ParamGroup groupOf(PresetKind kind) {
    return kind == PresetKind::Hardware ? ParamGroup::Hardware : ParamGroup::Model;
}

std::string keysOfGroup(ParamGroup group) {
    std::string list;
    for (const ParamSpec& p : parameters()) {
        if (p.group == group) {
            list += (list.empty() ? "" : ", ") + std::string(p.key);
        }
    }
    return list;
}

AttentionGeometry parseAttention(const ObjectReader& parent) {
    const Json& node = parent.required("attention", "an object with the attention geometry");
    const ObjectReader a(node, parent.origin(), parent.keyPath("attention"));
    AttentionGeometry g;
    g.type = a.string("type");
    if (g.type == "MLA") {
        a.allowOnly({"type", "query_heads", "kv_lora_rank", "qk_rope_head_dim", "kv_layers",
                     "kv_bytes_per_token_per_layer_bf16", "source"});
        g.kvHeads = 1;
        g.kvLoraRank = a.number("kv_lora_rank", 1, 65536);
        g.qkRopeHeadDim = a.number("qk_rope_head_dim", 0, 65536);
    } else if (g.type == "GQA" || g.type == "MFA") {
        a.allowOnly({"type", "query_heads", "kv_heads", "head_dim", "kv_layers",
                     "kv_bytes_per_token_per_layer_bf16", "source"});
        g.kvHeads = a.number("kv_heads", 1, 4096);
        g.headDim = a.number("head_dim", 1, 65536);
    } else {
        a.fail("type", "\"MLA\", \"GQA\" or \"MFA\"", "\"" + g.type + "\"");
    }
    g.queryHeads = a.number("query_heads", 1, 4096);
    g.kvLayers = a.number("kv_layers", 1, 1024);
    g.kvBytesPerTokenPerLayerBf16 = a.number("kv_bytes_per_token_per_layer_bf16", 1, 1e9, "B");
    g.source = a.string("source");
    // The stored byte count must follow from the geometry (docs/model.md B2 / reference B3), so a
    // typo in either shows up here rather than as a wrong KV budget later.
    const double derived = g.type == "MLA" ? (g.kvLoraRank + g.qkRopeHeadDim) * 2.0
                                           : 2.0 * g.kvHeads * g.headDim * 2.0;
    if (derived != g.kvBytesPerTokenPerLayerBf16) {
        a.fail("kv_bytes_per_token_per_layer_bf16",
               formatNumber(derived) + " B (what the geometry gives in BF16)",
               formatNumber(g.kvBytesPerTokenPerLayerBf16));
    }
    return g;
}

bool isFigureView(const std::string& v) {
    return std::find(std::begin(kFigureViews), std::end(kFigureViews), v) != std::end(kFigureViews);
}

std::string figureViewList() {
    std::string list;
    for (std::string_view v : kFigureViews) {
        list += (list.empty() ? "" : ", ") + std::string(v);
    }
    return list;
}

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
    fig.view = f.string("view");
    if (!isFigureView(fig.view)) {
        f.fail("view", "one of " + figureViewList(), "\"" + fig.view + "\"");
    }
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
    if (v.has("current")) {
        out.current = v.string("current");
        if (!isFigureView(out.current)) {
            v.fail("current", "one of " + figureViewList(), "\"" + out.current + "\"");
        }
    }
    if (v.has("theme")) {
        out.theme = v.string("theme");
        if (out.theme != "system" && out.theme != "light" && out.theme != "dark") {
            v.fail("theme", "\"system\", \"light\" or \"dark\"", "\"" + out.theme + "\"");
        }
    }
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
        if (!findMetric(out.heatmapMetric)) {
            v.fail("heatmap_metric", "a metric name (see afd-model metrics)",
                   "\"" + out.heatmapMetric + "\"");
        }
    }
    return out;
}

} // namespace

InputFileError::InputFileError(std::string file, std::string key, std::string expected,
                               std::string got)
    : std::runtime_error(message(file, key, expected, got)), file_(std::move(file)),
      key_(std::move(key)) {}

std::string readInputFile(const std::string& path, std::size_t maxBytes) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        throw InputFileError(path, "(file)", "a readable regular file",
                             std::filesystem::exists(path, ec) ? "not a regular file"
                                                               : "no such file");
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        throw InputFileError(path, "(file)", "a readable file", ec.message());
    }
    if (size > maxBytes) {
        throw InputFileError(path, "(file)", "at most " + std::to_string(maxBytes) + " bytes",
                             std::to_string(size) + " bytes");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputFileError(path, "(file)", "a readable file", "cannot open it");
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::string_view presetKindKey(PresetKind kind) noexcept {
    return kind == PresetKind::Hardware ? "hardware" : "model";
}

void Preset::applyTo(Scenario& scenario) const noexcept {
    for (const SourcedValue& v : values) {
        scenario[v.param] = v.value;
    }
}

const SourcedValue* Preset::find(Param p) const noexcept {
    for (const SourcedValue& v : values) {
        if (v.param == p) {
            return &v;
        }
    }
    return nullptr;
}

Preset parsePreset(std::string_view text, const std::string& origin) {
    const Json root = detail::parseJsonStrictly(text, origin);
    const ObjectReader r(root, origin, "");
    r.schemaVersion();
    Preset preset;
    preset.origin = origin;
    const std::string kind = r.string("kind");
    if (kind == "hardware") {
        preset.kind = PresetKind::Hardware;
        r.allowOnly({"schema_version", "kind", "id", "name", "description", "values"});
    } else if (kind == "model") {
        preset.kind = PresetKind::Model;
        // "attention": the older form of the attention geometry (now registry values).
        r.allowOnly({"schema_version", "kind", "id", "name", "description", "values", "attention"});
    } else {
        r.fail("kind", "\"hardware\" or \"model\"", "\"" + kind + "\"");
    }
    preset.id = r.identifier("id");
    preset.name = r.string("name");
    preset.description = r.optionalString("description");

    const ParamGroup group = groupOf(preset.kind);
    const ObjectReader values(r.required("values", "an object of parameter values"), origin,
                              "values");
    for (const auto& [key, entry] : values.json().items()) {
        const auto param = findParam(key);
        if (!param || spec(*param).group != group) {
            values.fail(key,
                        "a " + std::string(presetKindKey(preset.kind)) + " parameter (one of " +
                            keysOfGroup(group) + ")",
                        "unknown key");
        }
        const ObjectReader item(entry, origin, values.keyPath(key));
        item.allowOnly({"value", "unit", "source", "note"});
        SourcedValue v;
        v.param = *param;
        v.value = parameterValue(item, "value", *param);
        const Json& unit = item.required("unit", "the unit string");
        if (!unit.is_string() || unit.get<std::string>() != spec(*param).unit) {
            item.fail("unit", "\"" + std::string(spec(*param).unit) + "\"", describeJson(unit));
        }
        v.source = item.string("source");
        if (item.has("note")) {
            item.string("note");
        }
        preset.values.push_back(std::move(v));
    }
    // The paper's keys are required; the throughput model's (Part C) may be left out, and then
    // take their registry defaults, so presets written for the paper's model still load.
    for (const ParamSpec& p : parameters()) {
        if (p.group == group && !p.partC && preset.find(p.id) == nullptr) {
            values.fail(p.key, expectation(p.id), "missing key");
        }
    }
    if (preset.kind == PresetKind::Model && r.has("attention")) {
        // Older model presets carry the attention geometry in an "attention" object; values
        // given under "values" take precedence.
        preset.attention = parseAttention(r);
        const AttentionGeometry& a = *preset.attention;
        if (a.kvLayers > preset.find(Param::NumLayers)->value) {
            r.fail("attention.kv_layers",
                   "at most num_layers = " + formatNumber(preset.find(Param::NumLayers)->value),
                   formatNumber(a.kvLayers));
        }
        const bool mla = a.type == "MLA";
        const std::pair<Param, double> geometry[] = {
            {Param::AttentionType,
             *choiceIndex(Param::AttentionType, mla ? "mla" : (a.type == "MFA" ? "mfa" : "gqa"))},
            {Param::NumQueryHeads, a.queryHeads},
            {Param::KvLoraRank, mla ? a.kvLoraRank : 0},
            {Param::QkRopeHeadDim, mla ? a.qkRopeHeadDim : 0},
            {Param::NumKvHeads, a.kvHeads},
            {Param::HeadDim, mla ? spec(Param::HeadDim).defaultValue : a.headDim},
            {Param::KvCacheLayers, a.kvLayers}};
        for (const auto& [param, value] : geometry) {
            if (preset.find(param) == nullptr) {
                preset.values.push_back({param, value, a.source});
            }
        }
    }
    // Cross-parameter rules (top_k <= num_experts, the layer split) on the preset's own values.
    Scenario check;
    preset.applyTo(check);
    if (const InputError error = validate(check); error) {
        throw InputFileError(origin, "values." + std::string(spec(error.param).key),
                             "consistent values (" + describe(error, check) + ")");
    }
    return preset;
}

Preset loadPresetFile(const std::string& path) {
    return parsePreset(readInputFile(path), path);
}

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
                 "values", "figure", "view", "generator"});
    ScenarioFile file;
    file.origin = origin;
    file.id = r.identifier("id");
    file.name = r.string("name");
    file.description = r.optionalString("description");
    file.hardwareId = r.identifier("hardware");
    file.modelId = r.identifier("model");
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
    ResolvedScenario out;
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

std::string inputFileKind(std::string_view text, const std::string& origin) {
    const Json root = detail::parseJsonStrictly(text, origin);
    const ObjectReader r(root, origin, "");
    const std::string kind = r.string("kind");
    if (kind != "scenario" && kind != "deck" && kind != "hardware" && kind != "model" &&
        kind != "measurement") {
        r.fail("kind", "\"hardware\", \"model\", \"scenario\", \"deck\" or \"measurement\"",
               "\"" + kind + "\"");
    }
    return kind;
}

std::string validateFile(const std::string& path) {
    const std::string text = readInputFile(path);
    const std::string kind = inputFileKind(text, path);
    if (kind == "scenario") {
        resolve(parseScenario(text, path), PresetLibrary::builtin());
    } else if (kind == "deck") {
        parseDeck(text, path, PresetLibrary::builtin());
    } else if (kind == "measurement") {
        checkMeasurement(parseMeasurement(text, path), PresetLibrary::builtin());
    } else {
        parsePreset(text, path);
    }
    return kind;
}

const PresetLibrary& PresetLibrary::builtin() {
    // Built once; a broken shipped file is a build defect that the test suite reports by name
    // (afd-model presets validate), so here it propagates as an exception.
    static const PresetLibrary library = [] {
        PresetLibrary lib;
        for (const EmbeddedFile& f : embeddedPresetFiles()) {
            if (f.path.find("/decks/") != std::string_view::npos) {
                continue; // decks refer to scenarios: parsed by builtinDecks() once all are in
            }
            if (f.path.find("/scenarios/") != std::string_view::npos) {
                lib.add(parseScenario(f.text, std::string(f.path)));
            } else if (f.path.find("/measurements/") != std::string_view::npos) {
                lib.add(parseMeasurement(f.text, std::string(f.path)));
            } else {
                lib.add(parsePreset(f.text, std::string(f.path)));
            }
        }
        return lib;
    }();
    return library;
}

void PresetLibrary::add(Preset preset) {
    auto& list = preset.kind == PresetKind::Hardware ? hardware_ : models_;
    std::erase_if(list, [&](const Preset& p) { return p.id == preset.id; });
    list.push_back(std::move(preset));
}

void PresetLibrary::add(Measurement measurement) {
    if (!measurements_) {
        measurements_ = std::make_shared<std::vector<Measurement>>();
    }
    std::erase_if(*measurements_, [&](const Measurement& m) { return m.id == measurement.id; });
    measurements_->push_back(std::move(measurement));
}

const std::vector<Measurement>& PresetLibrary::measurements() const noexcept {
    static const std::vector<Measurement> none;
    return measurements_ ? *measurements_ : none;
}

void PresetLibrary::add(ScenarioFile scenario) {
    std::erase_if(scenarios_, [&](const ScenarioFile& s) { return s.id == scenario.id; });
    scenarios_.push_back(std::move(scenario));
}

namespace {
template <typename T>
const T* findById(const std::vector<T>& list, std::string_view id) noexcept {
    for (const T& item : list) {
        if (item.id == id) {
            return &item;
        }
    }
    return nullptr;
}
} // namespace

const Preset* PresetLibrary::hardware(std::string_view id) const noexcept {
    return findById(hardware_, id);
}
const Preset* PresetLibrary::model(std::string_view id) const noexcept {
    return findById(models_, id);
}
const ScenarioFile* PresetLibrary::scenario(std::string_view id) const noexcept {
    return findById(scenarios_, id);
}

} // namespace afd

namespace afd {

ScenarioFile snapshotScenario(const std::string& name, const std::string& hardwareId,
                              const std::string& modelId, const Scenario& values,
                              const std::optional<ViewSettings>& view) {
    ScenarioFile file;
    file.id = "saved";
    file.name = name;
    file.hardwareId = hardwareId;
    file.modelId = modelId;
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

Deck parseDeck(std::string_view text, const std::string& origin, const PresetLibrary& library) {
    const Json root = detail::parseJsonStrictly(text, origin);
    const ObjectReader r(root, origin, "");
    r.schemaVersion();
    r.allowOnly({"schema_version", "kind", "id", "name", "description", "slides"});
    const std::string kind = r.string("kind");
    if (kind != "deck") {
        r.fail("kind", "\"deck\"", "\"" + kind + "\"");
    }
    r.identifier("id");
    Deck deck;
    deck.name = r.string("name");
    deck.origin = origin;
    r.optionalString("description");
    const Json& slides = r.required("slides", "an array of slides");
    if (!slides.is_array() || slides.empty() || slides.size() > 200) {
        r.fail("slides", "an array of 1 to 200 slides", describeJson(slides));
    }
    const std::string folder = std::filesystem::path(origin).parent_path().string();
    for (std::size_t i = 0; i < slides.size(); ++i) {
        const ObjectReader s(slides[i], origin, "slides[" + std::to_string(i) + "]");
        s.allowOnly({"title", "notes", "view", "scenario", "hardware", "model", "values"});
        Slide slide;
        slide.title = s.string("title");
        slide.notes = s.optionalString("notes");
        slide.view = s.string("view");
        if (!isFigureView(slide.view)) {
            s.fail("view", "one of " + figureViewList(), "\"" + slide.view + "\"");
        }
        const std::string scenario = s.string("scenario");
        if (const ScenarioFile* builtin = library.scenario(scenario)) {
            slide.scenario = *builtin;
        } else if (scenario.ends_with(".json")) {
            // A deck refers to scenario files beside it or below its folder, so that a deck and
            // its scenarios move together; absolute paths and ".." would reach outside it.
            const std::filesystem::path relative(scenario);
            const bool escapes =
                std::any_of(relative.begin(), relative.end(),
                            [](const std::filesystem::path& part) { return part == ".."; });
            if (relative.is_absolute() || escapes) {
                s.fail("scenario",
                       "a built-in scenario id or a scenario file in the deck's folder or below "
                       "it (no absolute path, no \"..\")",
                       "\"" + scenario + "\"");
            }
            slide.scenario = loadScenarioFile((std::filesystem::path(folder) / relative).string());
        } else {
            s.fail("scenario", "a built-in scenario id or a scenario file next to the deck",
                   "\"" + scenario + "\"");
        }
        if (s.has("hardware")) {
            slide.scenario.hardwareId = s.identifier("hardware");
        }
        if (s.has("model")) {
            slide.scenario.modelId = s.identifier("model");
        }
        if (s.has("values")) {
            for (const auto& value : detail::parameterOverrides(s, "values")) {
                slide.scenario.overrides.push_back(value);
            }
        }
        slide.scenario.origin = origin + " (" + s.keyPath("scenario") + ")";
        slide.scenario.name = slide.title;
        resolve(slide.scenario, library); // throws, naming the deck and the slide
        deck.slides.push_back(std::move(slide));
    }
    return deck;
}

Deck loadDeckFile(const std::string& path, const PresetLibrary& library) {
    return parseDeck(readInputFile(path), path, library);
}

std::vector<Deck> PresetLibrary::builtinDecks() const {
    std::vector<Deck> decks;
    for (const EmbeddedFile& f : embeddedPresetFiles()) {
        if (f.path.find("/decks/") != std::string_view::npos) {
            decks.push_back(parseDeck(f.text, std::string(f.path), *this));
        }
    }
    return decks;
}

} // namespace afd
