// SPDX-License-Identifier: GPL-3.0-or-later
#include "json_input.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace afd::detail {

Json parseJsonStrictly(std::string_view text, const std::string& origin) {
    if (text.size() > kMaxInputFileBytes) {
        throw InputFileError(origin, "(file)",
                             "at most " + std::to_string(kMaxInputFileBytes) + " bytes",
                             std::to_string(text.size()) + " bytes");
    }
    // The key being read, so that a number beyond double range (which nlohmann reports without
    // a key) is named: keys[d] is the member name at depth d.
    std::vector<std::string> keys;
    const auto keyPath = [&keys] {
        std::string path;
        for (const std::string& k : keys) {
            if (!k.empty()) {
                path += (path.empty() ? "" : ".") + k;
            }
        }
        return path.empty() ? std::string("(file)") : path;
    };
    // The member names seen so far in the object open at each depth: a repeated one would
    // silently replace the first ("last wins"), so it is refused by name.
    std::vector<std::set<std::string>> seen;
    const Json::parser_callback_t track = [&](int depth, Json::parse_event_t event, Json& parsed) {
        const auto level = static_cast<std::size_t>(depth);
        if (event == Json::parse_event_t::key) {
            keys.resize(level);
            keys.back() = parsed.get<std::string>();
            seen.resize(std::max(seen.size(), level + 1));
            if (!seen[level].insert(keys.back()).second) {
                throw InputFileError(origin, keyPath(), "each key once in its object",
                                     "a second \"" + keys.back() + "\"");
            }
        } else if (event == Json::parse_event_t::object_start ||
                   event == Json::parse_event_t::array_start) {
            // depth counts the containers around this one (the outermost opens at 0). Refusing
            // before the parser enters it keeps the value at most kMaxJsonDepth deep: nlohmann
            // parses iteratively, but destroying a value recurses, so a hostile "[[[[...]]]]"
            // must not grow one deeper.
            if (depth >= kMaxJsonDepth) {
                throw InputFileError(origin, keyPath(),
                                     "JSON nested at most " + std::to_string(kMaxJsonDepth) +
                                         " levels deep",
                                     "deeper nesting");
            }
            keys.resize(level + 1);
            seen.resize(std::max(seen.size(), level + 2));
            seen[level + 1].clear();
        }
        return true;
    };
    try {
        return Json::parse(text.begin(), text.end(), track);
    } catch (const Json::parse_error& e) {
        // e.what() reads "[json.exception.parse_error.101] parse error at line 3, column 5: ...".
        std::string detail = e.what();
        if (const auto at = detail.find("parse error"); at != std::string::npos) {
            detail = detail.substr(at);
        }
        throw InputFileError(origin, "(file)", "a complete JSON document", detail);
    } catch (const Json::out_of_range& e) {
        // 1e400 and the like: nlohmann refuses numbers beyond double range while parsing.
        std::string detail = e.what();
        if (const auto at = detail.find("number overflow"); at != std::string::npos) {
            detail = detail.substr(at);
        }
        throw InputFileError(origin, keyPath(), "a number within double range (about 1.8e308)",
                             detail);
    } catch (const Json::exception& e) {
        // No other library exception may leave a parser as anything but our one message.
        throw InputFileError(origin, "(file)", "a readable JSON document", e.what());
    }
}

std::string describeJson(const Json& value) {
    if (value.is_string()) {
        const auto& s = value.get_ref<const std::string&>();
        return "\"" + (s.size() > 40 ? s.substr(0, 40) + "..." : s) + "\"";
    }
    if (value.is_number() || value.is_boolean() || value.is_null()) {
        return value.dump();
    }
    return value.is_array() ? "an array" : "an object";
}

ObjectReader::ObjectReader(const Json& object, const std::string& origin, std::string path)
    : object_(object), origin_(origin), path_(std::move(path)) {
    if (!object_.is_object()) {
        throw InputFileError(origin_, path_.empty() ? "(top level)" : path_, "a JSON object",
                             describeJson(object_));
    }
}

std::string ObjectReader::keyPath(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void ObjectReader::fail(std::string_view key, const std::string& expected,
                        const std::string& got) const {
    throw InputFileError(origin_, keyPath(key), expected, got);
}

void ObjectReader::allowOnly(std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, value] : object_.items()) {
        bool known = false;
        for (std::string_view a : allowed) {
            known = known || a == key;
        }
        if (!known) {
            std::string list;
            for (std::string_view a : allowed) {
                list += (list.empty() ? "" : ", ") + std::string(a);
            }
            fail(key, "no such key here (allowed: " + list + ")", "unknown key");
        }
    }
}

bool ObjectReader::has(std::string_view key) const {
    return object_.contains(key);
}

const Json& ObjectReader::required(std::string_view key, std::string_view expected) const {
    const auto it = object_.find(key);
    if (it == object_.end()) {
        fail(key, std::string(expected), "missing key");
    }
    return *it;
}

std::string ObjectReader::string(std::string_view key) const {
    const Json& v = required(key, "a non-empty string");
    if (!v.is_string() || v.get_ref<const std::string&>().empty()) {
        fail(key, "a non-empty string", describeJson(v));
    }
    return v.get<std::string>();
}

std::string ObjectReader::optionalString(std::string_view key) const {
    return has(key) ? string(key) : std::string();
}

std::string ObjectReader::identifier(std::string_view key) const {
    std::string id = string(key);
    bool ok = id.size() <= 64 && ((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9'));
    for (char c : id) {
        ok = ok &&
             ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_');
    }
    if (!ok) {
        fail(key, "an id of lower-case letters, digits, '-', '.' or '_' (at most 64)",
             "\"" + id + "\"");
    }
    return id;
}

double ObjectReader::number(std::string_view key) const {
    const Json& v = required(key, "a number");
    if (!v.is_number()) {
        fail(key, "a number", describeJson(v));
    }
    const double d = v.get<double>();
    if (!std::isfinite(d)) {
        fail(key, "a finite number", describeJson(v));
    }
    return d;
}

double ObjectReader::number(std::string_view key, double min, double max,
                            std::string_view unit) const {
    const double d = number(key);
    if (d < min || d > max) {
        std::string expected = "a number in [" + formatNumber(min) + ", " + formatNumber(max) + "]";
        if (!unit.empty()) {
            expected += " " + std::string(unit);
        }
        fail(key, expected, formatNumber(d));
    }
    return d;
}

int ObjectReader::schemaVersion() const {
    const Json& v = required("schema_version", "1");
    if (!v.is_number_integer() || v.get<long long>() != kSchemaVersion) {
        fail("schema_version",
             std::to_string(kSchemaVersion) + " (the file format this program reads)",
             describeJson(v));
    }
    return kSchemaVersion;
}

// A parameter value as written in a file: a number, true/false for flags, a name for choices
// ("ep_overlap": "tbo") and "inf" where the range is unbounded.
double parameterValue(const ObjectReader& reader, std::string_view key, Param param) {
    const Json& v = reader.required(key, expectation(param));
    const ParamKind kind = spec(param).kind;
    double value = 0;
    if (v.is_boolean() && kind == ParamKind::Flag) {
        value = v.get<bool>() ? 1.0 : 0.0;
    } else if (v.is_string() && (kind == ParamKind::Choice || v.get<std::string>() == "inf")) {
        const auto parsed = parseValueText(param, v.get<std::string>());
        if (!parsed) {
            reader.fail(key, expectation(param), describeJson(v));
        }
        value = *parsed;
    } else if (v.is_number() && kind != ParamKind::Choice) {
        value = v.get<double>();
    } else {
        reader.fail(key, expectation(param), describeJson(v));
    }
    if (std::string expected = checkValue(param, value); !expected.empty()) {
        reader.fail(key, expected, formatNumber(value));
    }
    return value;
}

std::vector<std::pair<Param, double>> parameterOverrides(const ObjectReader& parent,
                                                         std::string_view key) {
    const ObjectReader values(parent.required(key, "an object"), parent.origin(),
                              parent.keyPath(key));
    if (!values.json().is_object()) {
        parent.fail(key, "an object of parameter values", describeJson(values.json()));
    }
    std::vector<std::pair<Param, double>> out;
    for (const auto& [name, entry] : values.json().items()) {
        const auto param = findParam(name);
        if (!param) {
            values.fail(name, "a parameter key (see afd-model params)", "unknown key");
        }
        out.emplace_back(*param, parameterValue(values, name, *param));
    }
    return out;
}

} // namespace afd::detail

namespace afd {
namespace {

using detail::Json;
using detail::ObjectReader;

std::string message(const std::string& file, const std::string& key, const std::string& expected,
                    const std::string& got) {
    std::string text = file + ": key '" + key + "': expected " + expected;
    if (!got.empty()) {
        text += ", got " + got;
    }
    return text;
}
} // namespace

InputFileError::InputFileError(std::string file, std::string key, std::string expected,
                               std::string got)
    : std::runtime_error(message(file, key, expected, got)), file_(std::move(file)),
      key_(std::move(key)) {}

std::string readInputFile(const std::string& path, std::size_t maxBytes) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        throw InputFileError(path, "(file)", "a readable regular file",
                             std::filesystem::exists(path, ec) ? "not a regular file"
                                                               : "no such file");
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        throw InputFileError(path, "(file)", "a readable file", ec.message());
    }
    if (size > maxBytes) {
        throw InputFileError(path, "(file)", "at most " + std::to_string(maxBytes) + " bytes",
                             std::to_string(size) + " bytes");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputFileError(path, "(file)", "a readable file", "cannot open it");
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::string inputFileKind(std::string_view text, const std::string& origin) {
    const Json root = detail::parseJsonStrictly(text, origin);
    const ObjectReader r(root, origin, "");
    const std::string kind = r.string("kind");
    if (kind != "scenario" && kind != "deck" && kind != "hardware" && kind != "model" &&
        kind != "measurement") {
        r.fail("kind", "\"hardware\", \"model\", \"scenario\", \"deck\" or \"measurement\"",
               "\"" + kind + "\"");
    }
    return kind;
}

} // namespace afd
