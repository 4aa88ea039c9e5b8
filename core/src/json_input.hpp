// SPDX-License-Identifier: GPL-3.0-or-later
// Strict, hostile-file-safe reading of JSON input files (private to core).
#pragma once

#include "afd/input_file.hpp"
#include "afd/parameters.hpp"

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace afd::detail {

using Json = nlohmann::json;

// Parses text from origin; rejects oversized, too deeply nested and malformed input.
Json parseJsonStrictly(std::string_view text, const std::string& origin);

// Describes a JSON value's type for "got ..." parts of messages.
std::string describeJson(const Json& value);

// Reads the members of one JSON object with the key path kept for messages.
class ObjectReader {
  public:
    ObjectReader(const Json& object, const std::string& origin, std::string path);

    // Rejects any member not in allowed ("unknown key").
    void allowOnly(std::initializer_list<std::string_view> allowed) const;
    bool has(std::string_view key) const;
    const Json& required(std::string_view key, std::string_view expected) const;
    std::string string(std::string_view key) const;         // non-empty string
    std::string optionalString(std::string_view key) const; // "" when absent
    std::string identifier(std::string_view key) const;     // [a-z0-9][a-z0-9._-]*
    double number(std::string_view key) const;              // finite number
    double number(std::string_view key, double min, double max, std::string_view unit = {}) const;
    int schemaVersion() const;
    std::string keyPath(std::string_view key) const;
    const std::string& origin() const noexcept { return origin_; }
    const Json& json() const noexcept { return object_; }

    [[noreturn]] void fail(std::string_view key, const std::string& expected,
                           const std::string& got = {}) const;

  private:
    const Json& object_;
    const std::string& origin_;
    std::string path_;
};

// A registry parameter's value at `key` of reader's object: a number, true/false for flags, a
// name for choices, "inf" where the range is unbounded; checked against the registry.
double parameterValue(const ObjectReader& reader, std::string_view key, Param param);

// The registry values of the object at parent[key] ({"nf": 4, "ep_overlap": "tbo", ...}), in file
// order, each checked as parameterValue does; an unknown key fails naming it.
std::vector<std::pair<Param, double>> parameterOverrides(const ObjectReader& parent,
                                                         std::string_view key);

} // namespace afd::detail
