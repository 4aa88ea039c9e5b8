// SPDX-License-Identifier: GPL-3.0-or-later
// The one way the core turns a double into text: std::to_chars, so every file, table and message
// reads the same in any locale. Data (CSV, JSON written by hand, messages that quote a value)
// uses the shortest text that reads back to the same double; tables and sentences round on
// purpose and say so.
#pragma once

#include <string>

namespace afd {

// Shortest round trip, C locale: 1.06 (never 1.0600000000000001), whole numbers without an
// exponent or ".0" below 1e15 ("100000", not "1e+05"), "inf", "-inf" and "nan" spelled out.
std::string formatNumber(double value);
// The same, appended to `out` without a temporary string (CSV writers call it per cell).
void appendNumber(std::string& out, double value);

// printf's %.<digits>g, %.<digits>e and %.<decimals>f, in the C locale whatever the process's.
std::string formatSignificant(double value, int digits);
std::string formatScientific(double value, int digits);
std::string formatFixed(double value, int decimals);

} // namespace afd
