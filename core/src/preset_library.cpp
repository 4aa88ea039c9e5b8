// SPDX-License-Identifier: GPL-3.0-or-later
// The preset library: the files compiled in from presets/ and any added by the user.
#include "afd/preset_library.hpp"

#include "afd/measurements.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace afd {

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

std::vector<const Preset*> paperOnes(const std::vector<Preset>& list) {
    std::vector<const Preset*> out;
    for (const Preset& p : list) {
        if (p.paper) {
            out.push_back(&p);
        }
    }
    std::sort(out.begin(), out.end(), [](const Preset* a, const Preset* b) {
        return a->paperOrder != b->paperOrder ? a->paperOrder < b->paperOrder : a->id < b->id;
    });
    return out;
}
} // namespace

std::vector<const Preset*> PresetLibrary::paperModels() const {
    return paperOnes(models_);
}
std::vector<const Preset*> PresetLibrary::paperHardware() const {
    return paperOnes(hardware_);
}

const Preset* PresetLibrary::hardware(std::string_view id) const noexcept {
    return findById(hardware_, id);
}
const Preset* PresetLibrary::model(std::string_view id) const noexcept {
    return findById(models_, id);
}
const ScenarioFile* PresetLibrary::scenario(std::string_view id) const noexcept {
    return findById(scenarios_, id);
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

} // namespace afd
