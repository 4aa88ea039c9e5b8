// SPDX-License-Identifier: GPL-3.0-or-later
#include "theme.hpp"

#include "layout_elements.hpp"
#include "qcustomplot_include.hpp"
#include "rich_text.hpp"

#include <QApplication>
#include <QFontDatabase>
#include <QPalette>
#include <QProcess>
#include <QStandardPaths>

namespace afd::ui {

QString bundledFontFamily() {
    static const QString family = [] {
        const int id = QFontDatabase::addApplicationFont(QStringLiteral(":/fonts/DejaVuSans.ttf"));
        QFontDatabase::addApplicationFont(QStringLiteral(":/fonts/DejaVuSans-Bold.ttf"));
        const QStringList families = QFontDatabase::applicationFontFamilies(id);
        return families.isEmpty() ? QStringLiteral("Sans Serif") : families.first();
    }();
    return family;
}

namespace {

QFont plotFont(int pointSize) {
    QFont f(bundledFontFamily());
    f.setPointSize(pointSize);
    return f;
}

// Okabe-Ito qualitative colours (light and print): distinguishable with the common
// colour-vision deficiencies. Series i is the i-th paper model wherever models are compared.
constexpr std::array<QRgb, 8> kSeriesLight{0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7,
                                           0xE69F00, 0x56B4E9, 0x000000, 0xF0E442};
// The same hues lightened for a near-black background. Okabe-Ito's blue and sky blue both
// become light blue there, so the sixth series takes Okabe-Ito's yellow instead (legible on
// dark, unlike on white); the eighth keeps a blue-violet of its own.
constexpr std::array<QRgb, 8> kSeriesDark{0x5AAEF0, 0xF5793A, 0x2BC49A, 0xE08FC4,
                                          0xE6A100, 0xF0E442, 0xEDEDED, 0xA99BFF};

} // namespace

PlotTheme PlotTheme::light() {
    PlotTheme t;
    t.style = PlotStyle::Light;
    t.background = QColor::fromRgb(0xFFFFFFu);
    t.foreground = QColor::fromRgb(0x202124u);
    t.grid = QColor::fromRgb(0xD5D8DCu);
    t.subGrid = QColor::fromRgb(0xEEF0F2u);
    t.legendBackground = QColor(255, 255, 255, 220);
    for (std::size_t i = 0; i < t.series.size(); ++i) {
        t.series[i] = QColor(kSeriesLight[i]);
    }
    t.regime = {QColor::fromRgb(0x4C72B0u), QColor::fromRgb(0x55A868u), QColor::fromRgb(0xC44E52u),
                QColor::fromRgb(0x8172B2u), QColor::fromRgb(0x64B5CDu)};
    t.deadZone = QColor::fromRgb(0xC44E52u);
    t.infeasible = QColor::fromRgb(0xB00020u);
    t.ep = QColor::fromRgb(0x6B6B6Bu);
    t.highlight = QColor::fromRgb(0xE69F00u);
    t.commCeiling = QColor::fromRgb(0xD00000u);
    t.font = plotFont(10);
    return t;
}

PlotTheme PlotTheme::dark() {
    PlotTheme t = light();
    t.style = PlotStyle::Dark;
    t.background = QColor::fromRgb(0x1E1F22u);
    t.foreground = QColor::fromRgb(0xE8EAEDu);
    t.grid = QColor::fromRgb(0x3C3F44u);
    t.subGrid = QColor::fromRgb(0x2A2C30u);
    t.legendBackground = QColor(30, 31, 34, 220);
    for (std::size_t i = 0; i < t.series.size(); ++i) {
        t.series[i] = QColor(kSeriesDark[i]);
    }
    t.regime = {QColor::fromRgb(0x6F9BE0u), QColor::fromRgb(0x77C98Au), QColor::fromRgb(0xF07178u),
                QColor::fromRgb(0xB39DDBu), QColor::fromRgb(0x80DEEAu)};
    t.deadZone = QColor::fromRgb(0xF07178u);
    t.infeasible = QColor::fromRgb(0xFF6E6Eu);
    t.ep = QColor::fromRgb(0xB0B3B8u);
    t.highlight = QColor::fromRgb(0xF5C14Bu);
    t.commCeiling = QColor::fromRgb(0xFF4D4Du);
    return t;
}

PlotTheme PlotTheme::print() {
    PlotTheme t = light();
    t.style = PlotStyle::Print;
    t.grid = QColor::fromRgb(0xC8C8C8u);
    t.subGrid = QColor::fromRgb(0xEBEBEBu);
    t.foreground = QColor::fromRgb(0x000000u);
    t.lineWidth = 2.4;
    t.font = plotFont(13); // figures are usually shown smaller than they are exported
    return t;
}

PlotTheme PlotTheme::presentation() {
    PlotTheme t = print();
    t.style = PlotStyle::Presentation;
    t.foreground = QColor::fromRgb(0x000000u);
    t.grid = QColor::fromRgb(0xB0B0B0u);
    t.subGrid = QColor::fromRgb(0xE4E4E4u);
    t.series = {QColor::fromRgb(0x0050A0u), QColor::fromRgb(0xD03000u), QColor::fromRgb(0x008060u),
                QColor::fromRgb(0xB0208Au), QColor::fromRgb(0xC88000u), QColor::fromRgb(0x3090D0u),
                QColor::fromRgb(0x000000u), QColor::fromRgb(0x707000u)};
    t.font = plotFont(20);
    t.lineWidth = 4.5;
    t.markerSize = 16;
    return t;
}

PlotTheme PlotTheme::forStyle(PlotStyle style) {
    switch (style) {
    case PlotStyle::Light:
        return light();
    case PlotStyle::Dark:
        return dark();
    case PlotStyle::Print:
        return print();
    case PlotStyle::Presentation:
        return presentation();
    }
    return light();
}

namespace {

constexpr std::array<std::pair<PlotStyle, const char*>, 4> kPlotStyleKeys{
    {{PlotStyle::Light, "light"},
     {PlotStyle::Dark, "dark"},
     {PlotStyle::Print, "print"},
     {PlotStyle::Presentation, "presentation"}}};
constexpr std::array<std::pair<ThemeChoice, const char*>, 3> kThemeChoiceKeys{
    {{ThemeChoice::System, "system"}, {ThemeChoice::Light, "light"}, {ThemeChoice::Dark, "dark"}}};

template <typename Enum, std::size_t N>
QString keyOf(const std::array<std::pair<Enum, const char*>, N>& table, Enum value) {
    for (const auto& [candidate, key] : table) {
        if (candidate == value) {
            return QString::fromLatin1(key);
        }
    }
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> parseKey(const std::array<std::pair<Enum, const char*>, N>& table,
                             QStringView text) {
    for (const auto& [value, key] : table) {
        if (text == QLatin1String(key)) {
            return value;
        }
    }
    return std::nullopt;
}

} // namespace

QString plotStyleKey(PlotStyle style) {
    return keyOf(kPlotStyleKeys, style);
}
std::optional<PlotStyle> parsePlotStyle(QStringView key) {
    return parseKey(kPlotStyleKeys, key);
}
QString themeChoiceKey(ThemeChoice choice) {
    return keyOf(kThemeChoiceKeys, choice);
}
std::optional<ThemeChoice> parseThemeChoice(QStringView key) {
    return parseKey(kThemeChoiceKeys, key);
}
QStringList themeChoiceKeys() {
    QStringList keys;
    for (const auto& entry : kThemeChoiceKeys) {
        keys << QString::fromLatin1(entry.second);
    }
    return keys;
}

QPalette paletteFor(const PlotTheme& theme) {
    if (!theme.isDark()) {
        return QPalette(QColor::fromRgb(0xEFF0F1u), QColor::fromRgb(0xF7F7F8u));
    }
    QPalette p;
    const QColor window(0x2B2D31);
    const QColor base(0x1E1F22);
    const QColor text(0xE8EAED);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Highlight, QColor::fromRgb(0x3D7BD9u));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor::fromRgb(0x9AA0A6u));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor::fromRgb(0x7A7D82u));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor::fromRgb(0x7A7D82u));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor::fromRgb(0x7A7D82u));
    return p;
}

namespace {

std::optional<QPalette>& desktopPalette() {
    static std::optional<QPalette> palette;
    return palette;
}

std::optional<bool>& gnomeAnswer() {
    static std::optional<bool> answer; // asked once per change: a process per call is too slow
    return answer;
}

// GNOME (and desktops that follow its settings) without a Qt platform theme: the colour-scheme
// key, then a GTK theme whose name ends in "-dark" or that GTK_THEME forces to ":dark".
bool gnomePrefersDark() {
    const QString gtkTheme = qEnvironmentVariable("GTK_THEME");
    if (gtkTheme.endsWith(QLatin1String(":dark"), Qt::CaseInsensitive)) {
        return true;
    }
    if (QStandardPaths::findExecutable(QStringLiteral("gsettings")).isEmpty()) {
        return false;
    }
    const auto read = [](const QString& key) {
        QProcess gsettings;
        gsettings.start(
            QStringLiteral("gsettings"),
            {QStringLiteral("get"), QStringLiteral("org.gnome.desktop.interface"), key});
        // A desktop without the schema answers at once; never hold the window up for long.
        if (!gsettings.waitForFinished(300) || gsettings.exitCode() != 0) {
            return QString();
        }
        return QString::fromUtf8(gsettings.readAllStandardOutput()).trimmed();
    };
    if (read(QStringLiteral("color-scheme")).contains(QLatin1String("prefer-dark"))) {
        return true;
    }
    return read(QStringLiteral("gtk-theme")).contains(QLatin1String("-dark"), Qt::CaseInsensitive);
}

} // namespace

void rememberDesktopPalette() {
    desktopPalette() = QGuiApplication::palette();
}

bool systemPrefersDark() {
    // A dark palette from the desktop's Qt platform theme (KDE, qt6ct, a dark GNOME platform
    // plugin) is the clearest answer; Fusion's own palette says nothing, so it is not asked.
    if (desktopPalette() && desktopPalette()->color(QPalette::Window).lightness() < 128) {
        return true;
    }
    if (!gnomeAnswer()) {
        gnomeAnswer() = gnomePrefersDark();
    }
    return *gnomeAnswer();
}

void desktopAppearanceChanged() {
    gnomeAnswer().reset();
}

void applyBaseTheme(QCustomPlot& plot, const PlotTheme& theme) {
    plot.setBackground(theme.background);
    QFont small = theme.font;
    QFont label = theme.font;
    label.setPointSizeF(theme.font.pointSizeF() * theme.labelScale);
    for (QCPAxisRect* rect : plot.axisRects()) {
        rect->setBackground(theme.background);
        for (QCPAxis* axis : rect->axes()) {
            const QPen axisPen(theme.foreground, 1);
            axis->setBasePen(axisPen);
            axis->setTickPen(axisPen);
            axis->setSubTickPen(axisPen);
            axis->setTickLabelColor(theme.foreground);
            axis->setLabelColor(theme.foreground);
            axis->setTickLabelFont(small);
            axis->setLabelFont(label);
            axis->setSelectedTickLabelFont(small);
            axis->setSelectedLabelFont(label);
            axis->grid()->setPen(QPen(theme.grid, 1, Qt::SolidLine));
            // Solid, not dotted: dotted pens cost several ms per replot in the raster engine.
            axis->grid()->setSubGridPen(QPen(theme.subGrid, 1, Qt::SolidLine));
            axis->grid()->setZeroLinePen(Qt::NoPen);
        }
        rect->axis(QCPAxis::atBottom)->grid()->setSubGridVisible(true);
        rect->axis(QCPAxis::atLeft)->grid()->setSubGridVisible(true);
    }
    const auto styleLegend = [&](QCPLegend* legend) {
        legend->setBrush(theme.legendBackground);
        legend->setBorderPen(QPen(theme.grid));
        legend->setTextColor(theme.foreground);
        legend->setFont(small);
        legend->setSelectedFont(small);
        fitLegendToTheme(*legend, theme);
    };
    // Every legend, including those that live inside small-multiple panels.
    for (QCPAxisRect* rect : plot.axisRects()) {
        for (int i = 0; i < rect->insetLayout()->elementCount(); ++i) {
            if (auto* legend = qobject_cast<QCPLegend*>(rect->insetLayout()->elementAt(i))) {
                styleLegend(legend);
            }
        }
    }
    // A legend placed in the plot's layout rather than inside an axis rect (the heatmap's).
    for (QCPLayoutElement* element : plot.plotLayout()->elements(true)) {
        if (auto* legend = qobject_cast<QCPLegend*>(element)) {
            styleLegend(legend);
        }
    }
    for (int i = 0; i < plot.plotLayout()->elementCount(); ++i) {
        if (auto* title = qobject_cast<QCPTextElement*>(plot.plotLayout()->elementAt(i))) {
            title->setTextColor(theme.foreground);
            QFont f = theme.font;
            f.setPointSizeF(theme.font.pointSizeF() * theme.titleScale);
            f.setBold(true);
            title->setFont(f);
        }
    }
    // Axis titles and legend entries in the paper's notation (subscripts, Greek letters).
    enableRichText(plot);
}

} // namespace afd::ui
