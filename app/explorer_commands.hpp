// SPDX-License-Identifier: GPL-3.0-or-later
// afd-explorer's headless subcommands: export, reproduce-paper and present (slide images).
#pragma once

#include <QStringList>

namespace afd::ui {

// Each returns the process exit code: 0 on success, 1 for a failed file operation or an
// invalid input file, 2 for a bad command line. Messages go to stderr.
int runExportCommand(const QStringList& args);
int runReproducePaperCommand(const QStringList& args);
int runPresentCommand(const QStringList& args);

} // namespace afd::ui
