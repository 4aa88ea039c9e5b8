// SPDX-License-Identifier: GPL-3.0-or-later
// Shared test helpers: tolerance comparisons with a stated reason, and the
// paper's design points built from the shipped presets.
#pragma once

#include "afd/presets.hpp"

#include <QTest>
#include <cmath>
#include <string>

namespace afd::test {

// Relative comparison; `reason` says where the expected value comes from and why this tolerance.
inline bool nearlyEqual(double actual, double expected, double relTol) {
    return std::abs(actual - expected) <= relTol * std::max(std::abs(expected), 1e-300);
}

#define AFD_COMPARE_NEAR(actual, expected, relTol, reason)                                         \
    do {                                                                                           \
        const double afdActual_ = (actual);                                                        \
        const double afdExpected_ = (expected);                                                    \
        if (!afd::test::nearlyEqual(afdActual_, afdExpected_, (relTol))) {                         \
            QFAIL(qPrintable(QStringLiteral("%1 = %2, expected %3 (rel. tol. %4): %5")             \
                                 .arg(QLatin1String(#actual))                                      \
                                 .arg(afdActual_, 0, 'g', 10)                                      \
                                 .arg(afdExpected_, 0, 'g', 10)                                    \
                                 .arg(relTol)                                                      \
                                 .arg(QLatin1String(reason))));                                    \
        }                                                                                          \
    } while (false)

// Absolute comparison, for values printed to a fixed number of decimals: `absTol` is half a
// unit in the last printed place, or whatever `reason` says.
#define AFD_COMPARE_ABS(actual, expected, absTol, reason)                                          \
    do {                                                                                           \
        const double afdActual_ = (actual);                                                        \
        const double afdExpected_ = (expected);                                                    \
        if (!(std::abs(afdActual_ - afdExpected_) <= (absTol))) {                                  \
            QFAIL(qPrintable(QStringLiteral("%1 = %2, expected %3 (abs. tol. %4): %5")             \
                                 .arg(QLatin1String(#actual))                                      \
                                 .arg(afdActual_, 0, 'g', 10)                                      \
                                 .arg(afdExpected_, 0, 'g', 10)                                    \
                                 .arg(absTol)                                                      \
                                 .arg(QLatin1String(reason))));                                    \
        }                                                                                          \
    } while (false)

// The default scenario's budget settings (docs/model.md A1) with the given presets and N_F.
inline Scenario paperPoint(const std::string& hardware, const std::string& model, double nf) {
    const PresetLibrary& lib = PresetLibrary::builtin();
    const Preset* hw = lib.hardware(hardware);
    const Preset* md = lib.model(model);
    if (hw == nullptr || md == nullptr) {
        qFatal("unknown preset %s / %s", hardware.c_str(), model.c_str());
    }
    Scenario s = resolve(*lib.scenario("default"), lib, hw, md).values;
    s[Param::Nf] = nf;
    return s;
}

} // namespace afd::test
