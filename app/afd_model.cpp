// SPDX-License-Identifier: GPL-3.0-or-later
// afd-model: evaluate, sweep and inspect the AFD performance model from the command line.
// stdout carries only the requested output (JSON, CSV or a table); messages go to stderr.
#include "afd/hf_import.hpp"
#include "afd/imbalance.hpp"
#include "afd/metrics.hpp"
#include "afd/model.hpp"
#include "afd/presets.hpp"
#include "afd/report.hpp"
#include "afd/sweep.hpp"
#include "afd/verdict.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
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
  afd-model imbalance --na N --nf N --sigma S [--lambda-ep L] [--format json|table]
  afd-model presets   list [--format table|json] | show ID | validate FILE...
                      | import-hf CONFIG.json [--id ID] [--name NAME] [--out FILE]
  afd-model params    list the parameter registry (keys, units, ranges)
  afd-model metrics   list the metric names for --metric and the JSON keys of eval
  afd-model --version

SELECTION (all optional; the default is the built-in default scenario):
  --scenario ID|FILE    a scenario: built-in id (see presets list) or a JSON file
  --hardware ID|FILE    replace the scenario's hardware preset
  --model ID|FILE       replace the scenario's model preset
  --set KEY=VALUE       override one parameter (repeatable), e.g. --set nf=4

Run 'afd-model COMMAND --help' for details of one command.
)";

constexpr std::string_view kEvalHelp = R"(afd-model eval [SELECTION] [--format json|table]

Evaluates one design point and prints every intermediate term of the model (MODEL.md Part A):
budget t_B, effective bandwidth, B_rank and what bound it, G, I, FLOPs, Mem, t_G, HFU, S_t,
OFU, regime, dead zone and feasibility, followed by the resolved inputs. JSON is the default.

SELECTION: --scenario ID|FILE, --hardware ID|FILE, --model ID|FILE, --set KEY=VALUE...
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
alpha_ceil, and the DP-imbalance factors alpha_ep_dp (MODEL.md B4) and alpha_afd_dp = sigma.
--lambda-ep defaults to the registry default (4).
)";

constexpr std::string_view kPresetsHelp = R"(afd-model presets list [--format table|json]
afd-model presets show ID                  print a built-in preset or scenario file
afd-model presets validate FILE...         check preset or scenario files; exit 1 on the first error
afd-model presets import-hf CONFIG.json [--id ID] [--name NAME] [--out FILE]
                                           turn a Hugging Face config.json into a model preset;
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
        if (empty()) {
            throw UsageError("option " + std::string(option) + " needs a value");
        }
        return next();
    }

  private:
    std::vector<std::string_view> items_;
    std::size_t pos_ = 0;
};

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
        const double value = parseNumber(kv.substr(eq + 1), context, expectation(*param));
        if (std::string expected = checkValue(*param, value); !expected.empty()) {
            throw UsageError(context + ": expected " + expected);
        }
        sel.sets.emplace_back(*param, value);
    } else {
        return false;
    }
    return true;
}

struct Resolved {
    ResolvedScenario scenario;
    std::optional<FigureSpec> figure;
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
    for (const auto& set : sel.sets) {
        file.overrides.push_back(set);
    }
    Resolved out{resolve(file, lib, hardware, model), file.figure};
    return out;
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

bool isHelp(std::string_view option) {
    return option == "--help" || option == "-h";
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
        throw UsageError(describe(result.error, resolved.scenario.values));
    }
    if (format == "json") {
        auto j = resultToJson(resolved.scenario.values, result);
        j["scenario"] = resolved.scenario.name;
        j["hardware_preset"] = resolved.scenario.hardwareId;
        j["model_preset"] = resolved.scenario.modelId;
        j["verdict"] = verdict(resolved.scenario.values, result);
        std::cout << j.dump(2) << "\n";
    } else {
        std::cout << resolved.scenario.name << " (hardware " << resolved.scenario.hardwareId
                  << ", model " << resolved.scenario.modelId << ")\n\n"
                  << verdict(resolved.scenario.values, result) << "\n\n"
                  << resultToTable(resolved.scenario.values, result);
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
        ids.push_back(*id);
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
    const Grid grid = sweep(resolved.scenario.values, *x, y, metricIds);
    if (format == "csv") {
        std::cout << gridToCsv(grid);
    } else {
        auto j = gridToJson(grid);
        j["scenario"] = resolved.scenario.name;
        j["hardware_preset"] = resolved.scenario.hardwareId;
        j["model_preset"] = resolved.scenario.modelId;
        std::cout << j.dump() << "\n";
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
        std::cout << imbalanceToJson(in, r).dump(2) << "\n";
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
        if (format == "json") {
            nlohmann::ordered_json j;
            for (const Preset& p : lib.hardwarePresets()) {
                j["hardware"].push_back({{"id", p.id}, {"name", p.name}, {"file", p.origin}});
            }
            for (const Preset& p : lib.modelPresets()) {
                j["models"].push_back({{"id", p.id}, {"name", p.name}, {"file", p.origin}});
            }
            for (const ScenarioFile& s : lib.scenarios()) {
                j["scenarios"].push_back({{"id", s.id}, {"name", s.name}, {"file", s.origin}});
            }
            std::cout << j.dump(2) << "\n";
            return 0;
        }
        const auto section = [](std::string_view title, const auto& items) {
            std::cout << title << "\n";
            for (const auto& item : items) {
                std::string id = item.id;
                id.resize(std::max<std::size_t>(id.size() + 2, 24), ' ');
                std::cout << "  " << id << item.name << "\n";
            }
            std::cout << "\n";
        };
        section("Hardware", lib.hardwarePresets());
        section("Models", lib.modelPresets());
        section("Scenarios", lib.scenarios());
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
            if (option == "--id") {
                id = args.value(option);
            } else if (option == "--name") {
                name = args.value(option);
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
        if (outPath.empty()) {
            std::cout << imported.presetJson;
        } else {
            std::ofstream out(outPath, std::ios::binary | std::ios::trunc);
            out << imported.presetJson;
            if (!out.flush()) {
                throw UsageError("presets import-hf: cannot write " + outPath);
            }
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
        std::string def = formatNumber(p.defaultValue);
        def.resize(10, ' ');
        std::cout << line << group << unit << def << expectation(p.id) << "\n    "
                  << (p.symbol.empty() ? "" : std::string(p.symbol) + ": ") << p.help << "\n";
    }
    return 0;
}

int runMetrics() {
    for (const MetricSpec& m : metrics()) {
        std::string key(m.key);
        key.resize(28, ' ');
        std::cout << key << m.label;
        if (!m.unit.empty()) {
            std::cout << " [" << m.unit << "]";
        }
        std::cout << "\n";
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
        std::cout << "afd-model " << AFD_VERSION << "\n";
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
        return run(args);
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
