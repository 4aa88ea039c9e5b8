// SPDX-License-Identifier: GPL-3.0-or-later
// Deck files (presets/decks/): a talk as slides, each a scenario, a view and a title.
#pragma once

#include "afd/scenario_file.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace afd {

class PresetLibrary;

// What a slide shows: a view of a scenario, or text (a title slide, a takeaway with a table).
enum class SlideKind { View, Text };

// A text slide's table: a header row and rows of as many cells.
struct SlideTable {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
};

// Limits that keep a text slide legible on a 16:9 screen from the back of a room (and keep a
// hostile file from asking for a million cells).
inline constexpr std::size_t kMaxSlideBullets = 6;
inline constexpr std::size_t kMaxSlideBulletChars = 160;
inline constexpr std::size_t kMaxTableColumns = 5;
inline constexpr std::size_t kMaxTableRows = 6;
inline constexpr std::size_t kMaxTableCellChars = 48;

// A talk: slides, each a scenario, a view and a title (MODEL-independent; see presets/decks/),
// or a text slide (title, subtitle, bullets, table) that keeps the previous slide's scenario.
struct Slide {
    SlideKind kind = SlideKind::View;
    std::string title;
    std::string notes;
    std::string view; // the explorer's view key, kept as written (see ViewSettings); view slides
    ScenarioFile scenario; // view slides only
    // View slides: draw the other paper models beside this one (views that can compare).
    bool compareModels = false;
    // Text slides.
    std::string subtitle;
    std::vector<std::string> bullets;
    SlideTable table;
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
