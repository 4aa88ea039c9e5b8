// SPDX-License-Identifier: GPL-3.0-or-later
// Debian's qcustomplot.h (QCustomPlot 2.1), included only through this header.
#pragma once

#include <utility>

// Two of its templates (plottableAt, itemAt) use Qt's `foreach`, which this project switches
// off with QT_NO_FOREACH. For this header alone, `foreach` is spelled as the range-based for it
// stands for; both loops only read the container, so iterating it in place is the same.
#if defined(QT_NO_FOREACH) && !defined(foreach)
#define foreach(variable, container) for (variable : std::as_const(container))
#define AFD_FOREACH_FOR_QCUSTOMPLOT
#endif
#include <qcustomplot.h>
#ifdef AFD_FOREACH_FOR_QCUSTOMPLOT
#undef foreach
#undef AFD_FOREACH_FOR_QCUSTOMPLOT
#endif
