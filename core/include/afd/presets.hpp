// SPDX-License-Identifier: GPL-3.0-or-later
// Hardware and model presets, scenario files, and the library of the shipped ones.
// Every file is validated strictly: one message names the file, the key and what was expected.
#pragma once

#include "afd/model.hpp"
#include "afd/sweep.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace afd {

inline constexpr int kSchemaVersion = 1;
// Hostile-file guards: nothing we ship or export comes near these.
inline constexpr std::size_t kMaxInputFileBytes = 4U * 1024U * 1024U;
inline constexpr int kMaxJsonDepth = 32;

// A problem with an input file: "<file>: key '<key>': expected <expected>[, got <got>]".
class InputFileError : public std::runtime_error {
  public:
    InputFileError(std::string file, std::string key, std::string expected, std::string got = {});
    const std::string& file() const noexcept { return file_; }
    const std::string& key() const noexcept { return key_; }

  private:
    std::string file_;
    std::string key_;
};

// Reads a whole file, refusing anything above maxBytes (checked before reading).
std::string readInputFile(const std::string& path, std::size_t maxBytes = kMaxInputFileBytes);

enum class PresetKind { Hardware, Model };
std::string_view presetKindKey(PresetKind kind) noexcept; // "hardware" / "model"

struct SourcedValue {
    Param param = Param::Count;
    double value = 0;
    std::string source;
};

// Attention geometry of a model (docs/model.md B2), carried for the attention-side model.
struct AttentionGeometry {
    std::string type; // "MLA", "GQA" or "MFA"
    double queryHeads = 0;
    double kvHeads = 0;       // GQA/MFA: KV heads; MLA: 1 (latent)
    double headDim = 0;       // GQA/MFA: per-head dimension
    double kvLoraRank = 0;    // MLA: latent rank
    double qkRopeHeadDim = 0; // MLA: rope part cached beside the latent
    double kvLayers = 0;      // layers that hold a KV cache
    double kvBytesPerTokenPerLayerBf16 = 0;
    std::string source;
    double kvBytesPerTokenBf16() const noexcept { return kvBytesPerTokenPerLayerBf16 * kvLayers; }
};

struct Preset {
    PresetKind kind = PresetKind::Hardware;
    std::string id;
    std::string name;
    std::string description;
    std::string origin; // file path, or "presets/..." for built-in ones
    std::vector<SourcedValue> values;
    std::optional<AttentionGeometry> attention; // models only

    void applyTo(Scenario& scenario) const noexcept;
    const SourcedValue* find(Param p) const noexcept;
};

// What a scenario file says about the figure it reproduces (optional).
struct FigureSpec {
    std::string paperFigure; // "Fig. 2", "Fig. 4 (H800 panel)", ...
    std::string view;        // one of kFigureViews
    std::optional<SweepAxis> x;
    std::optional<SweepAxis> y;
    std::vector<std::string> metrics;
    std::vector<double> sigmas;   // imbalance: curves of alpha over lambda
    std::vector<double> nfValues; // imbalance: AFD point sets
    double lambdaFrom = 1;
    double lambdaTo = 5;
};
inline constexpr std::string_view kFigureViews[] = {
    "roofline", "comm-roofline", "hfu-nf", "hfu-grid", "intensity", "heatmap", "imbalance"};

// How the explorer showed a scenario when it was saved (all optional).
struct ViewSettings {
    std::string current;  // one of kFigureViews
    std::string theme;    // "system", "light" or "dark"
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
                              const std::optional<ViewSettings>& view = std::nullopt);
// The JSON text of a scenario file (C locale, shortest exact numbers); parseScenario reads it.
std::string writeScenario(const ScenarioFile& file);

// A talk: slides, each a scenario, a view and a title (MODEL-independent; see presets/decks/).
struct Slide {
    std::string title;
    std::string notes;
    std::string view; // one of kFigureViews
    ScenarioFile scenario;
};
struct Deck {
    std::string name;
    std::vector<Slide> slides;
    std::string origin;
};
// Slides name a built-in scenario id (or a scenario file relative to the deck) and may replace
// the hardware or model preset and override values. Every slide is resolved against library.
Deck parseDeck(std::string_view text, const std::string& origin,
               const class PresetLibrary& library);
Deck loadDeckFile(const std::string& path, const class PresetLibrary& library);

Preset parsePreset(std::string_view text, const std::string& origin);
Preset loadPresetFile(const std::string& path);
ScenarioFile parseScenario(std::string_view text, const std::string& origin);
ScenarioFile loadScenarioFile(const std::string& path);

// Validates any shipped kind of file (hardware, model or scenario preset) by its "kind" key.
// Throws InputFileError; returns the kind that was validated.
std::string validateFile(const std::string& path);
// The "kind" of an input file's text ("hardware", "model", "scenario" or "deck"), read from the
// JSON rather than guessed; throws InputFileError for anything else.
std::string inputFileKind(std::string_view text, const std::string& origin);

class PresetLibrary {
  public:
    // The presets compiled into the program from presets/ (parsed once, on first use).
    static const PresetLibrary& builtin();

    void add(Preset preset);
    void add(ScenarioFile scenario);

    const Preset* hardware(std::string_view id) const noexcept;
    const Preset* model(std::string_view id) const noexcept;
    const ScenarioFile* scenario(std::string_view id) const noexcept;
    const std::vector<Preset>& hardwarePresets() const noexcept { return hardware_; }
    const std::vector<Preset>& modelPresets() const noexcept { return models_; }
    const std::vector<ScenarioFile>& scenarios() const noexcept { return scenarios_; }
    // Published measurements (presets/measurements/), for `afd-model validate`.
    const std::vector<struct Measurement>& measurements() const noexcept;
    void add(struct Measurement measurement);
    // Shipped decks (presets/decks/), parsed on each call.
    std::vector<Deck> builtinDecks() const;

  private:
    std::vector<Preset> hardware_;
    std::vector<Preset> models_;
    std::vector<ScenarioFile> scenarios_;
    std::shared_ptr<std::vector<struct Measurement>> measurements_;
};

// A scenario with its presets resolved to values and checked as a whole.
struct ResolvedScenario {
    Scenario values;
    std::string name;
    std::string hardwareId;
    std::string modelId;
};

// Defaults <- hardware preset <- model preset <- scenario overrides. hardware/model, when
// given, replace the ones the scenario file names. Throws InputFileError naming the scenario's
// origin if a preset id is unknown or the combination is invalid.
ResolvedScenario resolve(const ScenarioFile& file, const PresetLibrary& library,
                         const Preset* hardware = nullptr, const Preset* model = nullptr);

// Files compiled into the program (generated from presets/ at build time).
struct EmbeddedFile {
    std::string_view path; // relative to the source tree, e.g. "presets/hardware/h800.json"
    std::string_view text;
};
std::span<const EmbeddedFile> embeddedPresetFiles() noexcept;

} // namespace afd
