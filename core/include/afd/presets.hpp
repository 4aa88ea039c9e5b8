// SPDX-License-Identifier: GPL-3.0-or-later
// Hardware and model presets, scenario files, decks, and the library of the shipped ones.
// Every file is validated strictly: one message names the file, the key and what was expected.
// This header gathers the parts; each can be included on its own.
#pragma once

#include "afd/deck_file.hpp"      // Slide, Deck, parseDeck
#include "afd/input_file.hpp"     // InputFileError, readInputFile, inputFileKind, limits
#include "afd/preset_files.hpp"   // Preset, parsePreset
#include "afd/preset_library.hpp" // PresetLibrary, validateFile, embeddedPresetFiles
#include "afd/scenario_file.hpp"  // ScenarioFile, ViewSettings, writeScenario, resolve
