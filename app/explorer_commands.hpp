// SPDX-License-Identifier: GPL-3.0-or-later
// afd-explorer's headless subcommands: export, reproduce-paper and present (slide images).
#pragma once

#include <QSize>
#include <QStringList>
#include <optional>

class QWidget;

namespace afd::ui {

// Each returns the process exit code: 0 on success, 1 for a failed file operation or an
// invalid input file, 2 for a bad command line. Messages go to stderr.
int runExportCommand(const QStringList& args);
int runReproducePaperCommand(const QStringList& args);
int runPresentCommand(const QStringList& args);

// The one "WxH" parser of the explorer's command line; nullopt unless both sides are whole
// numbers within [min, max].
std::optional<QSize> parseSizeText(const QString& text, QSize min, QSize max);
// What --size accepts for images (export, slides) and for the window (--screenshot).
inline constexpr QSize kMinImageSize{16, 16};
inline constexpr QSize kMaxImageSize{20000, 20000};
inline constexpr QSize kMinWindowSize{400, 300};
inline constexpr QSize kMaxWindowSize{8000, 8000};

// "afd-explorer 0.1.0" and the paper it implements, for --version.
QString versionText();
// The subcommands' synopsis for the main --help.
QString subcommandHelp();

// Renders a window (after letting queued replots settle) and writes it as PNG atomically.
bool saveWindowImage(QWidget& window, const QString& path, QString* error);

} // namespace afd::ui
