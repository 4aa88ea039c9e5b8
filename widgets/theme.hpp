// SPDX-License-Identifier: GPL-3.0-or-later
// Colours, fonts and line weights of every plot. QCustomPlot copies pens and fonts at
// construction, so a theme change must be pushed to every element (applyBaseTheme does the
// axes, grids and legends; each view restyles its own plottables).
#pragma once

#include <QColor>
#include <QFont>
#include <QString>
#include <QStringList>
#include <array>
#include <optional>

class QCustomPlot;
class QPalette;

namespace afd::ui {

// The look of a plot. Light and Dark follow the window; Print (exports for paper) and
// Presentation (slides) are chosen for a purpose.
enum class PlotStyle { Light, Dark, Print, Presentation };
// "light", "dark", "print", "presentation": the names used on the command line and in files.
QString plotStyleKey(PlotStyle style);
std::optional<PlotStyle> parsePlotStyle(QStringView key);

// The window theme the user picks: follow the desktop, or force light or dark.
enum class ThemeChoice { System, Light, Dark };
QString themeChoiceKey(ThemeChoice choice); // "system", "light", "dark" (files, command line)
std::optional<ThemeChoice> parseThemeChoice(QStringView key);
QStringList themeChoiceKeys();

struct PlotTheme {
    PlotStyle style = PlotStyle::Light;
    // By the background, so that a dark slide theme (style Presentation) counts as dark too.
    bool isDark() const { return background.lightness() < 128; }
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
    QColor commCeiling; // the paper's bold red communication-bound ceiling (Fig. 4)
    QFont font;
    double lineWidth = 2.0;
    double markerSize = 9.0;
    // Slides: every plot text is raised to at least this height in pixels (0: no minimum).
    double minimumTextPixels = 0;
    // Axis titles and panel titles relative to `font` (exports at a paper size use 1: one
    // text size in the whole figure).
    double labelScale = 1.1;
    double titleScale = 1.25;

    static PlotTheme light();
    static PlotTheme dark();
    static PlotTheme print();
    // Large type, thick lines, big markers, black on white: legible from the back of a room.
    static PlotTheme presentation();
    static PlotTheme forStyle(PlotStyle style);
};

// The application palette that goes with a theme (Fusion style).
QPalette paletteFor(const PlotTheme& theme);
// Records the desktop's own palette. Call once, after the QApplication exists and before the
// application sets a palette or style of its own (which would hide the desktop's).
void rememberDesktopPalette();
// True when the desktop prefers a dark appearance: the palette remembered above, else the
// GNOME colour scheme and GTK theme settings (Qt 6.4 has no colour-scheme hint of its own).
bool systemPrefersDark();
// Forgets what systemPrefersDark() found, so that it asks the desktop again (theme change).
void desktopAppearanceChanged();

// Axis, grid, tick, label, legend and background colours and fonts on every axis rect.
void applyBaseTheme(QCustomPlot& plot, const PlotTheme& theme);

// The family of the bundled font (registered from resources on first call).
QString bundledFontFamily();

} // namespace afd::ui
