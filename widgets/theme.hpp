// SPDX-License-Identifier: GPL-3.0-or-later
// Colours, fonts and line weights of every plot. QCustomPlot copies pens and fonts at
// construction, so a theme change must be pushed to every element (applyBaseTheme does the
// axes, grids and legends; each view restyles its own plottables).
#pragma once

#include <QColor>
#include <QFont>
#include <QString>
#include <array>

class QCustomPlot;
class QPalette;

namespace afd::ui {

struct PlotTheme {
    QString name; // "light", "dark", "print", "presentation"
    QColor background;
    QColor foreground; // axes, tick labels, text
    QColor grid;
    QColor subGrid;
    QColor legendBackground;
    std::array<QColor, 8> series;
    std::array<QColor, 5> regime; // indexed by afd::Regime
    QColor deadZone;
    QColor infeasible;
    QColor ep;
    QColor highlight;
    QFont font;
    double lineWidth = 2.0;
    double markerSize = 9.0;

    static PlotTheme light();
    static PlotTheme dark();
    static PlotTheme print();
    // Large type, thick lines, big markers, black on white: legible from the back of a room.
    static PlotTheme presentation();
    static PlotTheme byName(const QString& name); // unknown names give light()
};

// The application palette that goes with a theme (Fusion style).
QPalette paletteFor(const PlotTheme& theme);
// True when the desktop's palette is dark (Qt 6.4 has no colour-scheme hint).
bool systemPrefersDark();

// Axis, grid, tick, label, legend and background colours and fonts on every axis rect.
void applyBaseTheme(QCustomPlot& plot, const PlotTheme& theme);

// The family of the bundled font (registered from resources on first call).
QString bundledFontFamily();

} // namespace afd::ui
