// SPDX-License-Identifier: GPL-3.0-or-later
// Small building blocks shared by the views (private to widgets/, includes qcustomplot.h).
#pragma once

#include "qcustomplot_include.hpp"
#include "theme.hpp"

#include <QString>
#include <QVector>

namespace afd::ui {

QString qtext(std::string_view s);
// "33.1 %"
QString percentText(double fraction, int decimals = 1);
// 2846.08 -> "2,846"; 0.3825 -> "0.3825"
QString numberText(double value, int significant = 4);

void setLogAxis(QCPAxis* axis);
void setLinearAxis(QCPAxis* axis);

QCPGraph* addLine(QCPAxisRect* rect, const QVector<double>& x, const QVector<double>& y,
                  const QPen& pen, const QString& name, bool inLegend = true);
QCPGraph* addPoints(QCPAxisRect* rect, const QVector<double>& x, const QVector<double>& y,
                    const QCPScatterStyle& style, const QString& name, bool inLegend = true);
// A band spanning the axis rect's full height between x0 and x1 (plot coordinates).
QCPItemRect* addVerticalBand(QCPAxisRect* rect, double x0, double x1, const QBrush& brush);
QCPItemText* addText(QCPAxisRect* rect, const QString& text, double x, double y,
                     const PlotTheme& theme, Qt::Alignment alignment, bool yIsAxisRatio = false,
                     double fontScale = 1.0);
QCPItemLine* addSegment(QCPAxisRect* rect, double x0, double y0, double x1, double y1,
                        const QPen& pen, bool yIsAxisRatio = false);
QColor withAlpha(QColor c, int alpha);
// Breaks a long message (a search failure names a configuration) into lines of about
// `columns` characters at spaces, so that it never widens a plot's layout.
QString wrapText(const QString& text, int columns);

} // namespace afd::ui
