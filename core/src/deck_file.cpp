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

namespace {

// A non-empty string of at most maxChars bytes at json (an element of an array), for messages
// named by key (e.g. "bullets[2]").
std::string boundedString(const ObjectReader& r, const Json& json, const std::string& key,
                          std::size_t maxChars) {
    const std::string expected =
        "a non-empty string of at most " + std::to_string(maxChars) + " characters";
    if (!json.is_string() || json.get_ref<const std::string&>().empty() ||
        json.get_ref<const std::string&>().size() > maxChars) {
        r.fail(key, expected, describeJson(json));
    }
    return json.get<std::string>();
}

Slide parseTextSlide(const ObjectReader& s) {
    Slide slide;
    slide.kind = SlideKind::Text;
    slide.title = s.string("title");
    slide.subtitle = s.optionalString("subtitle");
    slide.notes = s.optionalString("notes");
    if (s.has("bullets")) {
        const Json& bullets = s.json()["bullets"];
        if (!bullets.is_array() || bullets.empty() || bullets.size() > kMaxSlideBullets) {
            s.fail("bullets", "an array of 1 to " + std::to_string(kMaxSlideBullets) + " strings",
                   describeJson(bullets));
        }
        for (std::size_t b = 0; b < bullets.size(); ++b) {
            slide.bullets.push_back(boundedString(
                s, bullets[b], "bullets[" + std::to_string(b) + "]", kMaxSlideBulletChars));
        }
    }
    if (s.has("table")) {
        const ObjectReader t(s.json()["table"], s.origin(), s.keyPath("table"));
        t.allowOnly({"columns", "rows"});
        const Json& columns = t.required("columns", "an array of column headings");
        if (!columns.is_array() || columns.empty() || columns.size() > kMaxTableColumns) {
            t.fail("columns",
                   "an array of 1 to " + std::to_string(kMaxTableColumns) + " column headings",
                   describeJson(columns));
        }
        for (std::size_t c = 0; c < columns.size(); ++c) {
            slide.table.columns.push_back(boundedString(
                t, columns[c], "columns[" + std::to_string(c) + "]", kMaxTableCellChars));
        }
        const Json& rows = t.required("rows", "an array of rows");
        if (!rows.is_array() || rows.empty() || rows.size() > kMaxTableRows) {
            t.fail("rows", "an array of 1 to " + std::to_string(kMaxTableRows) + " rows",
                   describeJson(rows));
        }
        for (std::size_t row = 0; row < rows.size(); ++row) {
            const std::string key = "rows[" + std::to_string(row) + "]";
            if (!rows[row].is_array() || rows[row].size() != columns.size()) {
                t.fail(key,
                       "an array of " + std::to_string(columns.size()) + " cells (one per column)",
                       rows[row].is_array() ? std::to_string(rows[row].size()) + " cells"
                                            : describeJson(rows[row]));
            }
            std::vector<std::string> cells;
            for (std::size_t c = 0; c < rows[row].size(); ++c) {
                cells.push_back(boundedString(t, rows[row][c], key + "[" + std::to_string(c) + "]",
                                              kMaxTableCellChars));
            }
            slide.table.rows.push_back(std::move(cells));
        }
    }
    if (slide.bullets.empty() && slide.table.columns.empty() && slide.subtitle.empty()) {
        s.fail("bullets", "a subtitle, bullets or a table (a text slide shows some text)",
               "none of them");
    }
    return slide;
}

} // namespace

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
        Slide slide;
        const std::string slideKind = s.has("kind") ? s.string("kind") : std::string("view");
        if (slideKind == "text") {
            s.allowOnly({"kind", "title", "subtitle", "notes", "bullets", "table"});
            deck.slides.push_back(parseTextSlide(s));
            continue;
        }
        if (slideKind != "view") {
            s.fail("kind", "\"view\" or \"text\"", describeJson(s.json()["kind"]));
        }
        s.allowOnly({"kind", "title", "notes", "view", "scenario", "hardware", "model", "values",
                     "compare_models"});
        slide.title = s.string("title");
        slide.notes = s.optionalString("notes");
        slide.view = s.string("view"); // the explorer's view key, checked by the explorer
        if (s.has("compare_models")) {
            const Json& compare = s.json()["compare_models"];
            if (!compare.is_boolean()) {
                s.fail("compare_models", "true or false", describeJson(compare));
            }
            slide.compareModels = compare.get<bool>();
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

} // namespace afd
