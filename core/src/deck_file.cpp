// SPDX-License-Identifier: GPL-3.0-or-later
// Deck files.
#include "afd/deck_file.hpp"

#include "afd/preset_library.hpp"
#include "json_input.hpp"

#include <algorithm>
#include <filesystem>
#include <string>

namespace afd {

using detail::describeJson;
using detail::Json;
using detail::ObjectReader;

Deck parseDeck(std::string_view text, const std::string& origin, const PresetLibrary& library) {
    const Json root = detail::parseJsonStrictly(text, origin);
    const ObjectReader r(root, origin, "");
    r.schemaVersion();
    r.allowOnly({"schema_version", "kind", "id", "name", "description", "slides"});
    const std::string kind = r.string("kind");
    if (kind != "deck") {
        r.fail("kind", "\"deck\"", "\"" + kind + "\"");
    }
    Deck deck;
    deck.id = r.identifier("id");
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
        slide.view = s.string("view"); // the explorer's view key, checked by the explorer
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

} // namespace afd
