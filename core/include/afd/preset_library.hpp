// SPDX-License-Identifier: GPL-3.0-or-later
// The library of presets, scenarios, measurements and decks: the shipped ones compiled into the
// program from presets/, plus any the user adds.
#pragma once

#include "afd/deck_file.hpp"
#include "afd/preset_files.hpp"
#include "afd/scenario_file.hpp"

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace afd {

struct Measurement;

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
    // The presets flagged "paper": true, in the paper's order (paper_order, then id): what the
    // views comparing the paper's models and platforms draw.
    std::vector<const Preset*> paperModels() const;
    std::vector<const Preset*> paperHardware() const;
    // Published measurements (presets/measurements/), for `afd-model validate`.
    const std::vector<Measurement>& measurements() const noexcept;
    void add(Measurement measurement);
    // Shipped decks (presets/decks/), parsed on each call.
    std::vector<Deck> builtinDecks() const;

  private:
    std::vector<Preset> hardware_;
    std::vector<Preset> models_;
    std::vector<ScenarioFile> scenarios_;
    std::shared_ptr<std::vector<Measurement>> measurements_;
};

// Validates any shipped kind of file (hardware, model, scenario, deck or measurement) by its
// "kind" key, against the built-in library. Throws InputFileError; returns the kind validated.
std::string validateFile(const std::string& path);

// Files compiled into the program (generated from presets/ at build time).
struct EmbeddedFile {
    std::string_view path; // relative to the source tree, e.g. "presets/hardware/h800.json"
    std::string_view text;
};
std::span<const EmbeddedFile> embeddedPresetFiles() noexcept;

} // namespace afd
