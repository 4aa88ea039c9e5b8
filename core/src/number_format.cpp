// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/number_format.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

namespace afd {
namespace {

// Room for any double in any of the formats below (%.17e is 24 characters; %f of 1e308 is 309).
using Buffer = std::array<char, 400>;

std::string nonFinite(double value) {
    return std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf");
}

std::string withPrecision(double value, std::chars_format format, int precision) {
    if (!std::isfinite(value)) {
        return nonFinite(value);
    }
    Buffer buffer{};
    const auto [end, ec] =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, format, precision);
    return ec == std::errc{} ? std::string(buffer.data(), end) : std::string("?");
}

} // namespace

void appendNumber(std::string& out, double value) {
    if (!std::isfinite(value)) {
        out += nonFinite(value);
        return;
    }
    Buffer buffer{};
    std::to_chars_result result{};
    // Whole numbers print as such ("100000", not "1e+05"): they are what users type.
    if (value == std::floor(value) && std::abs(value) < 1e15) {
        result = std::to_chars(buffer.data(), buffer.data() + buffer.size(),
                               static_cast<long long>(value));
    } else {
        result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    }
    if (result.ec != std::errc{}) {
        out += '?';
        return;
    }
    out.append(buffer.data(), result.ptr);
}

std::string formatNumber(double value) {
    std::string text;
    appendNumber(text, value);
    return text;
}

std::string formatSignificant(double value, int digits) {
    return withPrecision(value, std::chars_format::general, digits);
}

std::string formatScientific(double value, int digits) {
    return withPrecision(value, std::chars_format::scientific, digits);
}

std::string formatFixed(double value, int decimals) {
    return withPrecision(value, std::chars_format::fixed, decimals);
}

} // namespace afd
