// SPDX-License-Identifier: GPL-3.0-or-later
// afd-model: evaluate, sweep and inspect the AFD performance model from the command line.
// stdout carries only the requested output (JSON, CSV or a table); messages go to stderr.
#include "afd/deployment_search.hpp"
#include "afd/file_output.hpp"
#include "afd/hf_import.hpp"
#include "afd/imbalance.hpp"
#include "afd/measurements.hpp"
#include "afd/metrics.hpp"
#include "afd/model.hpp"
#include "afd/presets.hpp"
#include "afd/report.hpp"
#include "afd/sweep.hpp"
#include "afd/throughput_report.hpp"
#include "afd/verdict.hpp"
#include "afd_version.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace afd;

// A bad command line: reported as "afd-model: <message>" with exit code 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

constexpr std::string_view kMainHelp =
    R"(afd-model: the AFD/EP performance model of arXiv 2602.09721 on the command line

Usage:
  afd-model eval      [SELECTION] [--format json|table]
  afd-model sweep     [SELECTION] --x KEY=FROM:TO[:STEPS][:log] [--y KEY=...]
                      [--metric NAME[,NAME...]] [--format csv|json]
  afd-model throughput --system ep|afd [SELECTION] [--attention-hardware ID|FILE]
                      [--format json|table]
  afd-model best      --system ep|afd|both [SELECTION] [--attention-hardware ID|FILE]
                      [--fix KEY[,KEY...]] [--pareto] [--format json|table|csv]
  afd-model validate  [--format table|json]
  afd-model imbalance --na N --nf N --sigma S [--lambda-ep L] [--format json|table]
  afd-model presets   list [--format table|json] | show ID | validate FILE...
                      | import-hf CONFIG.json [--id ID] [--name NAME] [--out FILE]
  afd-model params    list the parameter registry (keys, units, ranges, where each
                      enters the model in docs/model.md)
  afd-model metrics   list the metric names for --metric and the JSON keys of eval,
                      each with its section and equations in docs/model.md
  afd-model --version print the version and the paper the model implements

SELECTION (all optional; the default is the built-in default scenario):
  --scenario ID|FILE    a scenario: built-in id (see presets list) or a JSON file
  --hardware ID|FILE    replace the scenario's hardware preset
  --model ID|FILE       replace the scenario's model preset
  --set KEY=VALUE       override one parameter (repeatable), e.g. --set nf=4 or
                        --set ep_overlap=tbo (choices take their names)

Run 'afd-model COMMAND --help' for details of one command.
)";

constexpr std::string_view kEvalHelp = R"(afd-model eval [SELECTION] [--format json|table]

Evaluates one design point and prints every intermediate term of the model (docs/model.md Part A):
budget t_B, effective bandwidth, B_rank and what bound it, G, I, FLOPs, Mem, t_G, HFU, S_t,
OFU, regime, dead zone and feasibility, followed by the resolved inputs. JSON is the default.
When the scenario sets `system` (afd or ep), the end-to-end throughput of its configuration
follows under "throughput" (see afd-model throughput --help), and every input is listed.

SELECTION: --scenario ID|FILE, --hardware ID|FILE, --model ID|FILE, --set KEY=VALUE...
)";

constexpr std::string_view kThroughputHelp =
    R"(afd-model throughput --system ep|afd [SELECTION] [--attention-hardware ID|FILE]
                     [--format json|table]

End-to-end decode throughput of one configuration (docs/model.md Part C): attention, shared and
routed-expert times, dispatch and combine, the overlap schedule (EP: none, sbo, tbo; AFD: the
3BO cycle and what binds it: attention, ffn, link or round-trip), step time, TPOT, tokens/s per
GPU and per user, memory per GPU against capacity, and USD per million tokens where the
hardware has a price. --system may be left out when the scenario sets `system`.
EP reads ep_gpus, batch_per_gpu, ep_overlap, ep_dispatch, expert_slots; AFD reads na, nf,
batch_per_attention_gpu, shared_expert_on, n_bo. A batch of 0 takes the largest batch (up to
65,536) that meets slo_ms and fits in memory; when none does, the run fails with the reason.
--attention-hardware runs the attention side of AFD on another hardware preset (heterogeneous
AFD). JSON is the default.

SELECTION: --scenario ID|FILE, --hardware ID|FILE, --model ID|FILE, --set KEY=VALUE...
)";

constexpr std::string_view kBestHelp =
    R"(afd-model best --system ep|afd|both [SELECTION] [--attention-hardware ID|FILE]
               [--fix KEY[,KEY...]] [--pareto] [--format json|table|csv]

The configuration with the most tokens/s per GPU whose TPOT meets slo_ms and that fits in
memory (docs/model.md C-S2). EP searches ep_gpus (8, 16, 32, 64, 72, 128, 144, 256, 320),
batch_per_gpu (up to 65,536), ep_overlap (tbo, sbo, none) and expert_slots (num_experts plus
32 redundant from EP 16 on); AFD searches na (1-24), nf (1-8), batch_per_attention_gpu (up to
65,536) and shared_expert_on. On a superpod, deployments larger than its scale-up domain are
searched too, with their traffic on the scale-out NICs. --fix holds the named keys at their
resolved values, e.g. --set ep_gpus=144 --fix ep_gpus. With both, afd_over_ep is the ratio of
the two throughputs. --pareto adds the frontier: for each tokens/s per user, the most tokens/s
per GPU over every configuration that fits in memory (the SLO swept; sampled on a batch ladder
plus each configuration's largest batch that fits and its best batch under slo_ms).

A system with no configuration that qualifies is null in JSON (with "<system>_failure"), and
its reason is printed on stderr; when no asked-for system has one, the run fails (exit 1).

SELECTION: --scenario ID|FILE, --hardware ID|FILE, --model ID|FILE, --set KEY=VALUE...
)";

constexpr std::string_view kValidateHelp = R"(afd-model validate [--format table|json]

Predicts every published measurement shipped in presets/measurements/ (DeepSeek-V3's decode
profile and production, Step-3's AFD deployments) with its published settings, and prints the
measured and predicted tokens/s per GPU, the error in percent and the source.
)";

constexpr std::string_view kSweepHelp =
    R"(afd-model sweep [SELECTION] --x AXIS [--y AXIS] [--metric NAMES] [--format csv|json]

AXIS is KEY=FROM:TO[:STEPS][:log|:lin], KEY any parameter of 'afd-model params'. Whole-number
parameters are rounded to the nearest whole value. Without STEPS a whole-number linear axis
takes every value (up to 256) and any other axis 64 steps; log-scaled parameters default to
log steps. NAMES is a comma-separated list of 'afd-model metrics' names (default: hfu, or the
scenario's figure metrics). A scenario file with a "figure" supplies the axes if --x is absent.
CSV is tidy long format, one row per cell, units in the header; cells with invalid inputs
have empty metric fields and an error tag.
)";

constexpr std::string_view kImbalanceHelp =
    R"(afd-model imbalance --na N --nf N --sigma S [--lambda-ep L] [--format json|table]

Imbalance conversion factors of section 3.3 (Eqs. 12-16, with the corrected Eqs. 14-15):
alpha_ep, alpha_afd and the rule it took (exact|floor|ceil), alpha_exact, alpha_floor,
alpha_ceil, and the DP-imbalance factors alpha_ep_dp (docs/model.md B4) and alpha_afd_dp = sigma.
--lambda-ep defaults to the registry default (4).
)";

constexpr std::string_view kPresetsHelp = R"(afd-model presets list [--format table|json]
afd-model presets show ID                  print a built-in preset or scenario file
afd-model presets validate FILE...         check preset, scenario, deck or measurement files; exit 1
                                           on the first error (view keys and theme names are
                                           afd-explorer's: it checks them when it opens a file)
afd-model presets import-hf CONFIG.json [--id ID] [--name NAME] [--out FILE]
                                           turn a Hugging Face config.json into a model preset
                                           (standard output, or FILE; - is standard output);
                                           fields that had to be guessed are listed on stderr
)";

double parseNumber(std::string_view text, const std::string& context, const std::string& expected) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() ||
        !std::isfinite(value)) {
        throw UsageError(context + ": expected " + expected + ", got '" + std::string(text) + "'");
    }
    return value;
}

class Args {
  public:
    explicit Args(std::span<char*> argv) {
        for (char* a : argv) {
            items_.emplace_back(a);
        }
    }
    bool empty() const { return pos_ >= items_.size(); }
    std::string_view peek() const { return items_[pos_]; }
    std::string_view next() { return items_[pos_++]; }
    std::string_view value(std::string_view option) {
        if (empty() || items_[pos_].empty()) {
            throw UsageError("option " + std::string(option) + " needs a value");
        }
        return next();
    }

  private:
    std::vector<std::string_view> items_;
    std::size_t pos_ = 0;
};

// JSON on stdout. Text that is not UTF-8 (a file path from the command line, say) is printed
// with U+FFFD in its place instead of failing the whole run.
void printJson(const nlohmann::ordered_json& j, int indent = 2) {
    std::cout << j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
              << "\n";
}

bool isUtf8(std::string_view text) {
    try {
        static_cast<void>(nlohmann::json(std::string(text)).dump());
        return true;
    } catch (const nlohmann::json::type_error&) {
        return false;
    }
}

bool looksLikeFile(std::string_view text) {
    return text.find('/') != std::string_view::npos || text.ends_with(".json");
}

struct Selection {
    std::string scenario;
    std::string hardware;
    std::string model;
    std::vector<std::pair<Param, double>> sets;
};

// Consumes a selection option at the front of args; returns false if the option is not one.
bool takeSelectionOption(std::string_view option, Args& args, Selection& sel) {
    if (option == "--scenario") {
        sel.scenario = args.value(option);
    } else if (option == "--hardware") {
        sel.hardware = args.value(option);
    } else if (option == "--model") {
        sel.model = args.value(option);
    } else if (option == "--set") {
        const std::string_view kv = args.value(option);
        const auto eq = kv.find('=');
        if (eq == std::string_view::npos) {
            throw UsageError("--set " + std::string(kv) + ": expected KEY=VALUE");
        }
        const std::string key(kv.substr(0, eq));
        const auto param = findParam(key);
        if (!param) {
            throw UsageError("--set " + std::string(kv) + ": unknown key '" + key +
                             "' (see afd-model params)");
        }
        const std::string context = "--set " + std::string(kv);
        const auto value = parseValueText(*param, kv.substr(eq + 1));
        if (!value) {
            throw UsageError(context + ": expected " + expectation(*param));
        }
        sel.sets.emplace_back(*param, *value);
    } else {
        return false;
    }
    return true;
}

struct Resolved {
    ResolvedScenario scenario;
    std::optional<FigureSpec> figure;
    bool fromSets = false; // --set values were applied on top of the scenario
};

Resolved resolveSelection(const Selection& sel) {
    const PresetLibrary& lib = PresetLibrary::builtin();
    ScenarioFile file;
    if (sel.scenario.empty()) {
        file = *lib.scenario("default");
    } else if (looksLikeFile(sel.scenario)) {
        file = loadScenarioFile(sel.scenario);
    } else if (const ScenarioFile* builtin = lib.scenario(sel.scenario)) {
        file = *builtin;
    } else {
        throw UsageError("--scenario " + sel.scenario +
                         ": expected a scenario file or a built-in scenario id (see presets list)");
    }
    const auto pick = [&lib](const std::string& arg, PresetKind kind,
                             std::optional<Preset>& holder) -> const Preset* {
        if (arg.empty()) {
            return nullptr;
        }
        if (looksLikeFile(arg)) {
            holder = loadPresetFile(arg);
            if (holder->kind != kind) {
                throw InputFileError(arg, "kind", "\"" + std::string(presetKindKey(kind)) + "\"",
                                     "\"" + std::string(presetKindKey(holder->kind)) + "\"");
            }
            return &*holder;
        }
        const Preset* p = kind == PresetKind::Hardware ? lib.hardware(arg) : lib.model(arg);
        if (p == nullptr) {
            throw UsageError("--" + std::string(presetKindKey(kind)) + " " + arg + ": expected a " +
                             std::string(presetKindKey(kind)) +
                             " preset id (see afd-model presets list) or a .json file");
        }
        return p;
    };
    std::optional<Preset> hardwareFile;
    std::optional<Preset> modelFile;
    const Preset* hardware = pick(sel.hardware, PresetKind::Hardware, hardwareFile);
    const Preset* model = pick(sel.model, PresetKind::Model, modelFile);
    // The file and presets are checked on their own, so that their errors name the file; the
    // --set values come on top, and each command's evaluation checks the combination (a
    // problem there can only come from --set).
    Resolved out{resolve(file, lib, hardware, model), file.figure};
    for (const auto& [param, value] : sel.sets) {
        out.scenario.values[param] = value;
    }
    out.fromSets = !sel.sets.empty();
    return out;
}

// A combination that evaluates to an error: a bad value (exit 1), blamed on --set when the
// scenario file was valid on its own.
[[noreturn]] void invalidCombination(const InputError& error, const Scenario& s, bool fromSets) {
    throw std::runtime_error((fromSets ? "--set values: " : "") + describe(error, s));
}

std::string formatOption(Args& args, std::string_view option,
                         std::initializer_list<std::string_view> allowed) {
    const std::string_view f = args.value(option);
    for (std::string_view a : allowed) {
        if (f == a) {
            return std::string(f);
        }
    }
    std::string list;
    for (std::string_view a : allowed) {
        list += (list.empty() ? "" : "|") + std::string(a);
    }
    throw UsageError("--format " + std::string(f) + ": expected " + list);
}

// "+1.7", "-11.1": a signed percentage with one decimal.
std::string formatPercent(double v) {
    return (std::signbit(v) ? "" : "+") + formatFixed(v, 1);
}

// text padded with spaces to width on the right (left-aligned) or on the left (right-aligned).
std::string padRight(std::string text, std::size_t width) {
    text.resize(std::max(text.size(), width), ' ');
    return text;
}
std::string padLeft(const std::string& text, std::size_t width) {
    return std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
}

bool isHelp(std::string_view option) {
    return option == "--help" || option == "-h";
}

// "" when the scenario's batch is set (or found); otherwise why no automatic batch exists.
std::string automaticBatchFailure(const Scenario& s, const Scenario* attentionHardware) {
    const ServingSystem system = servingSystem(s);
    const Param batchKey =
        system == ServingSystem::Ep ? Param::BatchPerGpu : Param::BatchPerAttentionGpu;
    if (system == ServingSystem::None || s[batchKey] > 0) {
        return {};
    }
    std::vector<Param> fixed;
    for (Param p : deploymentKeys(system)) {
        if (p != batchKey) {
            fixed.push_back(p);
        }
    }
    const DeploymentSearch search = searchDeployment(s, system, attentionHardware, fixed, false);
    return std::string(spec(batchKey).key) + " = 0 (automatic): " + searchFailure(s, search);
}

int runEval(Args& args) {
    Selection sel;
    std::string format = "json";
    while (!args.empty()) {
        const std::string_view option = args.next();
        if (isHelp(option)) {
            std::cout << kEvalHelp;
            return 0;
        }
        if (option == "--format") {
            format = formatOption(args, option, {"json", "table"});
        } else if (!takeSelectionOption(option, args, sel)) {
            throw UsageError("eval: unknown option '" + std::string(option) + "'");
        }
    }
    const Resolved resolved = resolveSelection(sel);
    const Result result = evaluate(resolved.scenario.values);
    if (result.error) {
        invalidCombination(result.error, resolved.scenario.values, resolved.fromSets);
    }
    // With a system set, the end-to-end throughput of the scenario's configuration follows the
    // paper's report (its batch resolved when automatic).
    const Scenario& values = resolved.scenario.values;
    const bool withSystem = servingSystem(values) != ServingSystem::None;
    const Scenario configured = withSystem ? resolveAutomaticBatch(values, nullptr) : values;
    const ThroughputResult end = withSystem ? throughput(configured) : ThroughputResult{};
    // An automatic batch that no batch satisfies is reported, never evaluated at 0.
    const std::string failure = withSystem ? automaticBatchFailure(configured, nullptr) : "";
    if (format == "json") {
        auto j = resultToJson(values, result);
        j["scenario"] = resolved.scenario.name;
        j["hardware_preset"] = resolved.scenario.hardwareId;
        j["model_preset"] = resolved.scenario.modelId;
        j["verdict"] = verdict(values, result);
        if (withSystem && !failure.empty()) {
            j["throughput"] = nullptr;
            j["throughput_failure"] = failure;
        } else if (withSystem) {
            j["throughput"] = throughputToJson(configured, end);
            j["throughput"].erase("inputs");
        }
        printJson(j);
    } else {
        std::cout << resolved.scenario.name << " (hardware " << resolved.scenario.hardwareId
                  << ", model " << resolved.scenario.modelId << ")\n\n"
                  << verdict(values, result) << "\n\n"
                  << resultToTable(values, result);
        if (withSystem && !failure.empty()) {
            std::cout << "\nThroughput of this configuration: " << failure << "\n";
        } else if (withSystem) {
            const std::string table = throughputToTable(configured, end);
            std::cout << "\nThroughput of this configuration (end-to-end model, Part C)\n"
                      << table.substr(0, table.find("\nInputs"));
        }
    }
    return 0;
}

std::vector<std::size_t> parseMetricList(std::string_view list) {
    std::vector<std::size_t> ids;
    while (!list.empty()) {
        const auto comma = list.find(',');
        const std::string name(list.substr(0, comma));
        const auto id = findMetric(name);
        if (!id) {
            throw UsageError("--metric " + name + ": unknown metric (see afd-model metrics)");
        }
        // A metric named twice is one column (and 20,000 copies of "hfu" are not 20,000).
        if (std::find(ids.begin(), ids.end(), *id) == ids.end()) {
            ids.push_back(*id);
        }
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
    if (ids.empty()) {
        throw UsageError("--metric: expected at least one metric name");
    }
    return ids;
}

SweepAxis axisOption(std::string_view text) {
    try {
        return parseAxis(text);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
}

// --system ep|afd[|both]: the value, or throws naming the allowed ones.
ServingSystem systemOption(Args& args, bool allowBoth, bool& both) {
    const std::string_view v = args.value("--system");
    both = false;
    if (v == "ep") {
        return ServingSystem::Ep;
    }
    if (v == "afd") {
        return ServingSystem::Afd;
    }
    if (allowBoth && v == "both") {
        both = true;
        return ServingSystem::Afd;
    }
    throw UsageError("--system " + std::string(v) + ": expected " +
                     (allowBoth ? "ep, afd or both" : "ep or afd"));
}

// The scenario whose hardware values describe the attention GPUs (heterogeneous AFD).
std::optional<Scenario> attentionHardwareOption(const std::string& arg, const Scenario& base) {
    if (arg.empty()) {
        return std::nullopt;
    }
    Preset preset;
    if (looksLikeFile(arg)) {
        preset = loadPresetFile(arg);
        if (preset.kind != PresetKind::Hardware) {
            throw InputFileError(arg, "kind", "\"hardware\"", "\"model\"");
        }
    } else if (const Preset* p = PresetLibrary::builtin().hardware(arg)) {
        preset = *p;
    } else {
        throw UsageError("--attention-hardware " + arg +
                         ": expected a hardware preset id (see afd-model presets list) or a "
                         ".json file");
    }
    return attentionScenario(base, preset);
}

// A system from --system or from the scenario's `system` key.
ServingSystem requireSystem(std::optional<ServingSystem> option, const Scenario& s,
                            std::string_view command) {
    if (option) {
        return *option;
    }
    if (servingSystem(s) != ServingSystem::None) {
        return servingSystem(s);
    }
    throw UsageError(std::string(command) + ": expected --system ep|afd" +
                     (command == "best" ? "|both" : "") + " (or a scenario that sets system)");
}

// What `throughput` and `best` share: the selection, the system, the attention hardware.
struct ThroughputOptions {
    Selection selection;
    std::optional<ServingSystem> system;
    bool both = false;
    std::string attentionHardware;
};

bool takeThroughputOption(std::string_view option, Args& args, ThroughputOptions& o,
                          bool allowBoth) {
    if (option == "--system") {
        o.system = systemOption(args, allowBoth, o.both);
    } else if (option == "--attention-hardware") {
        o.attentionHardware = args.value(option);
    } else {
        return takeSelectionOption(option, args, o.selection);
    }
    return true;
}

struct ThroughputInput {
    Resolved resolved;
    Scenario scenario; // with its system set
    std::optional<Scenario> attention;
    std::string attentionId; // --attention-hardware, else the scenario file's attention_hardware
    const Scenario* attentionHardware() const { return attention ? &*attention : nullptr; }
};

// checkConfiguration: the scenario's own deployment must be valid (throughput); a search
// replaces it and reports its own errors (best).
ThroughputInput resolveThroughput(const ThroughputOptions& o, std::string_view command,
                                  bool checkConfiguration) {
    ThroughputInput in{resolveSelection(o.selection), {}, {}, o.attentionHardware};
    in.scenario = in.resolved.scenario.values;
    const ServingSystem system = requireSystem(o.system, in.scenario, command);
    in.scenario[Param::System] = static_cast<double>(system);
    if (!o.attentionHardware.empty() && system == ServingSystem::Ep && !o.both) {
        throw UsageError("--attention-hardware: applies to AFD only (--system afd or both)");
    }
    if (in.attentionId.empty() && system != ServingSystem::Ep) {
        in.attentionId = in.resolved.scenario.attentionHardwareId;
    }
    in.attention = attentionHardwareOption(in.attentionId, in.scenario);
    if (checkConfiguration) {
        if (const ThroughputResult check = throughput(in.scenario, in.attentionHardware());
            check.error) {
            invalidCombination(check.error, in.scenario, in.resolved.fromSets);
        }
    }
    return in;
}

// What was evaluated, for the JSON output and the table's first line.
void describeSelection(nlohmann::ordered_json& j, const ThroughputInput& in) {
    j["scenario"] = in.resolved.scenario.name;
    j["hardware_preset"] = in.resolved.scenario.hardwareId;
    j["model_preset"] = in.resolved.scenario.modelId;
    if (!in.attentionId.empty()) {
        j["attention_hardware"] = in.attentionId;
    }
}

std::string selectionHeading(const ThroughputInput& in) {
    return in.resolved.scenario.name + " (hardware " + in.resolved.scenario.hardwareId +
           (in.attentionId.empty() ? "" : ", attention on " + in.attentionId) + ", model " +
           in.resolved.scenario.modelId + ")\n\n";
}

int runThroughput(Args& args) {
    ThroughputOptions options;
    std::string format = "json";
    while (!args.empty()) {
        const std::string_view option = args.next();
        if (isHelp(option)) {
            std::cout << kThroughputHelp;
            return 0;
        }
        if (option == "--format") {
            format = formatOption(args, option, {"json", "table"});
        } else if (!takeThroughputOption(option, args, options, false)) {
            throw UsageError("throughput: unknown option '" + std::string(option) + "'");
        }
    }
    const ThroughputInput in = resolveThroughput(options, "throughput", true);
    const Scenario* attentionPtr = in.attentionHardware();
    Scenario s = in.scenario;
    s = resolveAutomaticBatch(s, attentionPtr);
    if (const std::string failure = automaticBatchFailure(s, attentionPtr); !failure.empty()) {
        throw std::runtime_error(failure);
    }
    const ThroughputResult r = throughput(s, attentionPtr);
    if (format == "json") {
        auto j = throughputToJson(s, r);
        describeSelection(j, in);
        printJson(j);
    } else {
        std::cout << selectionHeading(in) << throughputToTable(s, r);
    }
    return 0;
}

std::vector<Param> parseFixList(std::string_view list) {
    std::vector<Param> keys;
    const std::string whole(list);
    while (true) {
        const auto comma = list.find(',');
        const std::string key(list.substr(0, comma));
        if (key.empty()) {
            throw UsageError("--fix " + whole + ": expected KEY[,KEY...] without empty items");
        }
        const auto param = findParam(key);
        if (!param || !isDeploymentKey(*param)) {
            throw UsageError("--fix " + key +
                             ": expected deployment keys (ep_gpus, batch_per_gpu, ep_overlap, "
                             "expert_slots, na, nf, batch_per_attention_gpu, shared_expert_on)");
        }
        keys.push_back(*param);
        if (comma == std::string_view::npos) {
            return keys;
        }
        list = list.substr(comma + 1);
    }
}

int runBest(Args& args) {
    ThroughputOptions options;
    std::string format = "json";
    bool pareto = false;
    std::vector<Param> fixed;
    while (!args.empty()) {
        const std::string_view option = args.next();
        if (isHelp(option)) {
            std::cout << kBestHelp;
            return 0;
        }
        if (option == "--format") {
            format = formatOption(args, option, {"json", "table", "csv"});
        } else if (option == "--fix") {
            for (Param p : parseFixList(args.value(option))) {
                fixed.push_back(p);
            }
        } else if (option == "--pareto") {
            pareto = true;
        } else if (!takeThroughputOption(option, args, options, true)) {
            throw UsageError("best: unknown option '" + std::string(option) + "'");
        }
    }
    const ThroughputInput in = resolveThroughput(options, "best", false);
    const Scenario* attentionPtr = in.attentionHardware();
    const Scenario& s = in.scenario;
    const bool both = options.both;
    const ServingSystem chosen = servingSystem(s);
    for (Param p : fixed) {
        const auto keys = deploymentKeys(chosen);
        if (!both && std::find(keys.begin(), keys.end(), p) == keys.end()) {
            throw UsageError("--fix " + std::string(spec(p).key) + ": not a deployment key of " +
                             formatValue(Param::System, static_cast<double>(chosen)));
        }
    }
    std::optional<DeploymentSearch> ep;
    std::optional<DeploymentSearch> afd;
    if (both || chosen == ServingSystem::Ep) {
        ep = searchDeployment(s, ServingSystem::Ep, nullptr, fixed, pareto);
    }
    if (both || chosen == ServingSystem::Afd) {
        afd = searchDeployment(s, ServingSystem::Afd, attentionPtr, fixed, pareto);
    }
    const SearchReport report{&s, ep ? &*ep : nullptr, afd ? &*afd : nullptr, pareto, attentionPtr};
    // Why a system has no answer goes to stderr whatever the format (CSV has no place for it);
    // with no answer at all the run fails.
    bool anyFound = false;
    for (const std::optional<DeploymentSearch>* search : {&ep, &afd}) {
        if (search->has_value()) {
            anyFound = anyFound || (*search)->found;
            if (!(*search)->found) {
                std::cerr << "afd-model: " << searchFailure(s, **search) << "\n";
            }
        }
    }
    if (!anyFound) {
        return 1;
    }
    if (format == "json") {
        auto j = searchToJson(report);
        describeSelection(j, in);
        printJson(j);
    } else if (format == "csv") {
        std::cout << searchToCsv(report);
    } else {
        std::cout << selectionHeading(in) << searchToTable(report);
    }
    return 0;
}

int runValidate(Args& args) {
    std::string format = "table";
    while (!args.empty()) {
        const std::string_view option = args.next();
        if (isHelp(option)) {
            std::cout << kValidateHelp;
            return 0;
        }
        if (option == "--format") {
            format = formatOption(args, option, {"table", "json"});
        } else {
            throw UsageError("validate: unknown option '" + std::string(option) + "'");
        }
    }
    const PresetLibrary& lib = PresetLibrary::builtin();
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    std::string table = "measurement                     system  measured  predicted  error %  "
                        "what\n";
    for (const Measurement& m : lib.measurements()) {
        const MeasurementCheck c = checkMeasurement(m, lib);
        nlohmann::ordered_json row;
        row["id"] = m.id;
        row["name"] = m.name;
        row["system"] = m.system == ServingSystem::Ep ? "ep" : "afd";
        row["hardware"] = m.hardwareId;
        row["model"] = m.modelId;
        row["calibration"] = m.calibration;
        row["measured_tokens_per_s_per_gpu"] = m.measuredTokensPerSecondPerGpu;
        if (c.problem.empty()) {
            row["predicted_tokens_per_s_per_gpu"] = c.predicted.tokensPerSecondPerGpu;
            row["error_percent"] = c.errorPercent;
            row["predicted"] = throughputToJson(c.scenario, c.predicted);
            row["predicted"].erase("inputs");
        } else {
            row["predicted_tokens_per_s_per_gpu"] = nullptr;
            row["error_percent"] = nullptr;
            row["problem"] = c.problem;
        }
        if (!m.note.empty()) {
            row["note"] = m.note;
        }
        row["source"] = m.source;
        rows.push_back(row);
        table +=
            padRight(m.id, 32) + padRight(m.system == ServingSystem::Ep ? "ep" : "afd", 8) +
            padLeft(formatFixed(m.measuredTokensPerSecondPerGpu, 0), 8) + "  " +
            padLeft(c.problem.empty() ? formatFixed(c.predicted.tokensPerSecondPerGpu, 0) : "-",
                    9) +
            "  " + padLeft(c.problem.empty() ? formatPercent(c.errorPercent) : "-", 7) + "  " +
            m.name + (m.note.empty() ? "" : " [" + m.note + "]") +
            (c.problem.empty() ? "" : " [" + c.problem + "]") + "\n    source: " + m.source + "\n";
    }
    if (format == "json") {
        nlohmann::ordered_json j;
        j["measurements"] = std::move(rows);
        printJson(j);
    } else {
        std::cout << table;
    }
    return 0;
}

int runSweep(Args& args) {
    Selection sel;
    std::string format = "csv";
    std::optional<SweepAxis> x;
    std::optional<SweepAxis> y;
    std::vector<std::size_t> metricIds;
    while (!args.empty()) {
        const std::string_view option = args.next();
        if (isHelp(option)) {
            std::cout << kSweepHelp;
            return 0;
        }
        if (option == "--format") {
            format = formatOption(args, option, {"csv", "json"});
        } else if (option == "--x") {
            x = axisOption(args.value(option));
        } else if (option == "--y") {
            y = axisOption(args.value(option));
        } else if (option == "--metric") {
            metricIds = parseMetricList(args.value(option));
        } else if (!takeSelectionOption(option, args, sel)) {
            throw UsageError("sweep: unknown option '" + std::string(option) + "'");
        }
    }
    const Resolved resolved = resolveSelection(sel);
    if (!x && resolved.figure && resolved.figure->x) {
        x = resolved.figure->x;
        y = y ? y : resolved.figure->y;
    }
    if (!x) {
        throw UsageError("sweep: expected --x KEY=FROM:TO[:STEPS][:log]");
    }
    if (y && y->param == x->param) {
        throw UsageError("sweep: --x and --y must be different parameters");
    }
    if (metricIds.empty()) {
        if (resolved.figure && !resolved.figure->metrics.empty()) {
            for (const std::string& name : resolved.figure->metrics) {
                metricIds.push_back(*findMetric(name));
            }
        } else {
            metricIds.push_back(*findMetric("hfu"));
        }
    }
    // Refused before anything is allocated; within the limits the grid is held once and its
    // text streamed out in pieces.
    if (std::string problem = checkGridSize(*x, y, metricIds.size()); !problem.empty()) {
        throw UsageError("sweep: " + problem);
    }
    const Grid grid = sweep(resolved.scenario.values, *x, y, metricIds);
    std::cout.flush();
    const TextSink toStdout = [](std::string_view piece) { writeAll(1, piece, "standard output"); };
    if (format == "csv") {
        writeGridCsv(grid, toStdout);
    } else {
        nlohmann::ordered_json names;
        names["scenario"] = resolved.scenario.name;
        names["hardware_preset"] = resolved.scenario.hardwareId;
        names["model_preset"] = resolved.scenario.modelId;
        writeGridJson(grid, names, toStdout);
    }
    return 0;
}

int runImbalance(Args& args) {
    ImbalanceInput in;
    in.lambdaEp = spec(Param::LambdaEp).defaultValue;
    bool haveNa = false;
    bool haveNf = false;
    bool haveSigma = false;
    std::string format = "json";
    while (!args.empty()) {
        const std::string_view option = args.next();
        if (isHelp(option)) {
            std::cout << kImbalanceHelp;
            return 0;
        }
        const auto number = [&](Param p) {
            return parseNumber(args.value(option), std::string(option), expectation(p));
        };
        if (option == "--na") {
            in.na = number(Param::Na);
            haveNa = true;
        } else if (option == "--nf") {
            in.nf = number(Param::Nf);
            haveNf = true;
        } else if (option == "--sigma") {
            in.sigma = number(Param::Sigma);
            haveSigma = true;
        } else if (option == "--lambda-ep") {
            in.lambdaEp = number(Param::LambdaEp);
        } else if (option == "--format") {
            format = formatOption(args, option, {"json", "table"});
        } else {
            throw UsageError("imbalance: unknown option '" + std::string(option) + "'");
        }
    }
    if (!haveNa || !haveNf || !haveSigma) {
        throw UsageError("imbalance: expected --na N --nf N --sigma S");
    }
    if (std::string problem = validateImbalance(in); !problem.empty()) {
        throw UsageError("imbalance: " + problem);
    }
    const ImbalanceResult r = imbalance(in);
    if (format == "json") {
        printJson(imbalanceToJson(in, r));
    } else {
        std::cout << imbalanceToTable(in, r);
    }
    return 0;
}

int runPresets(Args& args) {
    if (args.empty() || isHelp(args.peek())) {
        std::cout << kPresetsHelp;
        return args.empty() ? 2 : 0;
    }
    const std::string_view sub = args.next();
    const PresetLibrary& lib = PresetLibrary::builtin();
    if (sub == "list") {
        std::string format = "table";
        while (!args.empty()) {
            const std::string_view option = args.next();
            if (option != "--format") {
                throw UsageError("presets list: unknown option '" + std::string(option) + "'");
            }
            format = formatOption(args, option, {"table", "json"});
        }
        // "paper": one of the paper's presets; "paper_order" its place in the paper's order.
        const auto presetJson = [](const Preset& p) {
            nlohmann::ordered_json item{{"id", p.id}, {"name", p.name}, {"paper", p.paper}};
            if (p.paper) {
                item["paper_order"] = p.paperOrder;
            }
            item["file"] = p.origin;
            return item;
        };
        if (format == "json") {
            nlohmann::ordered_json j;
            for (const Preset& p : lib.hardwarePresets()) {
                j["hardware"].push_back(presetJson(p));
            }
            for (const Preset& p : lib.modelPresets()) {
                j["models"].push_back(presetJson(p));
            }
            for (const ScenarioFile& s : lib.scenarios()) {
                j["scenarios"].push_back({{"id", s.id}, {"name", s.name}, {"file", s.origin}});
            }
            printJson(j);
            return 0;
        }
        // A leading '*' marks the paper's presets (Tables 4 and 5 of arXiv 2602.09721).
        const auto line = [](bool paper, std::string id, const std::string& name) {
            id.resize(std::max<std::size_t>(id.size() + 2, 24), ' ');
            std::cout << (paper ? "* " : "  ") << id << name << "\n";
        };
        std::cout << "Hardware (* the paper's platforms, Table 5)\n";
        for (const Preset& p : lib.hardwarePresets()) {
            line(p.paper, p.id, p.name);
        }
        std::cout << "\nModels (* the paper's models, Table 4)\n";
        for (const Preset& p : lib.modelPresets()) {
            line(p.paper, p.id, p.name);
        }
        std::cout << "\nScenarios\n";
        for (const ScenarioFile& f : lib.scenarios()) {
            line(false, f.id, f.name);
        }
        std::cout << "\n";
        return 0;
    }
    if (sub == "show") {
        const std::string id(args.value("show"));
        for (const EmbeddedFile& f : embeddedPresetFiles()) {
            const std::string_view file = f.path.substr(f.path.rfind('/') + 1);
            if (file == id + ".json") {
                std::cout << f.text;
                return 0;
            }
        }
        throw UsageError("presets show " + id + ": no built-in preset or scenario with that id");
    }
    if (sub == "validate") {
        if (args.empty()) {
            throw UsageError("presets validate: expected one or more FILE arguments");
        }
        while (!args.empty()) {
            const std::string path(args.next());
            const std::string kind = validateFile(path);
            std::cerr << path << ": valid " << kind << "\n";
        }
        return 0;
    }
    if (sub == "import-hf") {
        std::string config;
        std::string id;
        std::string name;
        std::string outPath;
        while (!args.empty()) {
            const std::string_view option = args.next();
            if (isHelp(option)) {
                std::cout << kPresetsHelp;
                return 0;
            }
            if (option == "--id" || option == "--name") {
                const std::string_view text = args.value(option);
                if (!isUtf8(text)) {
                    throw UsageError(std::string(option) + ": expected UTF-8 text");
                }
                (option == "--id" ? id : name) = std::string(text);
            } else if (option == "--out") {
                outPath = args.value(option);
            } else if (config.empty() && !option.starts_with("--")) {
                config = option;
            } else {
                throw UsageError("presets import-hf: unexpected '" + std::string(option) + "'");
            }
        }
        if (config.empty()) {
            throw UsageError("presets import-hf: expected CONFIG.json");
        }
        const HfImport imported = importHuggingFaceConfig(readInputFile(config), config, id, name);
        for (const std::string& guess : imported.guesses) {
            std::cerr << config << ": guessed " << guess << "\n";
        }
        if (outPath.empty() || outPath == "-") {
            std::cout << imported.presetJson;
        } else {
            writeFileAtomically(outPath, imported.presetJson); // the old file survives a failure
        }
        return 0;
    }
    throw UsageError("presets: unknown subcommand '" + std::string(sub) +
                     "' (expected list, show, validate or import-hf)");
}

int runParams() {
    std::cout << "key                      group       unit        default   range      "
                 "symbol: meaning\n";
    for (const ParamSpec& p : parameters()) {
        std::string line(p.key);
        line.resize(25, ' ');
        std::string group(groupName(p.group));
        group.resize(12, ' ');
        std::string unit(p.unit);
        unit.resize(12, ' ');
        std::string def = formatValue(p.id, p.defaultValue);
        def.resize(std::max<std::size_t>(def.size() + 1, 10), ' ');
        std::cout << line << group << unit << def << expectation(p.id) << "\n    "
                  << (p.symbol.empty() ? "" : std::string(p.symbol) + ": ") << p.help << "\n";
        if (!p.source.empty()) {
            std::cout << "    default from: " << p.source << "\n";
        }
        std::cout << "    enters: docs/model.md " << p.reference << "\n";
    }
    return 0;
}

int runMetrics() {
    for (const MetricSpec& m : metrics()) {
        std::string key(m.key);
        key.resize(28, ' ');
        std::string label(m.label);
        if (!m.unit.empty()) {
            label += " [" + std::string(m.unit) + "]";
        }
        label.resize(std::max<std::size_t>(label.size() + 2, 56), ' ');
        std::cout << key << label << "docs/model.md " << m.reference << "\n";
    }
    return 0;
}

int run(Args& args) {
    if (args.empty()) {
        std::cerr << kMainHelp;
        return 2;
    }
    const std::string_view command = args.next();
    if (isHelp(command)) {
        std::cout << kMainHelp;
        return 0;
    }
    if (command == "--version") {
        std::cout << "afd-model " AFD_VERSION "\nImplements \"" AFD_PAPER
                     "\" (arXiv:" AFD_PAPER_ARXIV ")\n";
        return 0;
    }
    if (command == "eval") {
        return runEval(args);
    }
    if (command == "sweep") {
        return runSweep(args);
    }
    if (command == "imbalance") {
        return runImbalance(args);
    }
    if (command == "throughput") {
        return runThroughput(args);
    }
    if (command == "best") {
        return runBest(args);
    }
    if (command == "validate") {
        return runValidate(args);
    }
    if (command == "presets") {
        return runPresets(args);
    }
    if (command == "params" || command == "metrics") {
        if (!args.empty()) {
            if (isHelp(args.peek())) {
                std::cout << kMainHelp;
                return 0;
            }
            throw UsageError(std::string(command) + ": takes no arguments");
        }
        return command == "params" ? runParams() : runMetrics();
    }
    throw UsageError("unknown command '" + std::string(command) + "' (see afd-model --help)");
}

} // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    Args args(std::span<char*>(argv + 1, static_cast<std::size_t>(argc - 1)));
    try {
        const int code = run(args);
        // Output that did not reach its file (a full disk, a closed pipe) is a failed run.
        std::cout.flush();
        if (!std::cout) {
            throw OutputFileError(std::string("standard output: cannot write (") +
                                  std::strerror(errno) + ")");
        }
        return code;
    } catch (const UsageError& e) {
        std::cerr << "afd-model: " << e.what() << "\n";
        return 2;
    } catch (const InputFileError& e) {
        std::cerr << "afd-model: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "afd-model: " << e.what() << "\n";
        return 1;
    }
}
