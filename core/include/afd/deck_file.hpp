// SPDX-License-Identifier: GPL-3.0-or-later
// Deck files (presets/decks/): a talk as slides, each a scenario, a view and a title.
#pragma once

#include "afd/scenario_file.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace afd {

class PresetLibrary;

// A talk: slides, each a scenario, a view and a title (MODEL-independent; see presets/decks/).
struct Slide {
    std::string title;
    std::string notes;
    std::string view; // the explorer's view key, kept as written (see ViewSettings)
    ScenarioFile scenario;
};
struct Deck {
    std::string id; // "paper-story": how the command line names a built-in deck
    std::string name;
    std::vector<Slide> slides;
    std::string origin;
};
// Slides name a built-in scenario id (or a scenario file relative to the deck) and may replace
// the hardware or model preset and override values. Every slide is resolved against library.
Deck parseDeck(std::string_view text, const std::string& origin, const PresetLibrary& library);
Deck loadDeckFile(const std::string& path, const PresetLibrary& library);

} // namespace afd
