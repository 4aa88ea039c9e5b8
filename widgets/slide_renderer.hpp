// SPDX-License-Identifier: GPL-3.0-or-later
// Slides away from the window: the slide themes, text slides (a title slide, a takeaway with a
// table), rendering any slide of a deck at 1920x1080 (presenter thumbnails, the handout PDF) and
// the minimum text size that keeps a slide legible from the back of a room.
#pragma once

#include "afd/deck_file.hpp"
#include "theme.hpp"

#include <QImage>
#include <QMap>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <memory>
#include <optional>

class QCustomPlot;
class QCPPainter;
class QPainter;

namespace afd {
class PresetLibrary;
}

namespace afd::ui {

class PlotView;
class ScenarioController;
enum class ViewId;

// The size slides are laid out at: a 1080p projector. Thumbnails and handout pages scale it.
inline constexpr QSize kSlideSize{1920, 1080};
// No text on a slide is smaller than this many pixels (font height) at kSlideSize.
inline constexpr double kMinimumSlideTextPixels = 24;
inline constexpr int kSlideTitlePointSize = 30;

// The slide themes `present --theme` offers: "light" (black on white, the default) and "dark"
// (light on near-black, for dark rooms). Both have the presentation theme's large type, thick
// lines and big markers, and the minimum text size above.
std::optional<PlotTheme> slideTheme(QStringView key);
QStringList slideThemeKeys();
// The key of a slide theme (by its background): "light" or "dark".
QString slideThemeKey(const PlotTheme& theme);

// Raises every text of plot (axis and tick labels, legend, text items, titles) whose font is
// lower than minPixels (QFontMetricsF height at the plot's resolution) to that height.
void raiseSmallText(QCustomPlot& plot, double minPixels);

// The fonts a text slide uses (title, subtitle, bullets, table), for legibility checks.
struct TextSlideFonts {
    QFont title;
    QFont subtitle;
    QFont body;
    QFont tableHeader;
    QFont table;
    QFont counter;
};
TextSlideFonts textSlideFonts();

// Paints a text slide into area (laid out for kSlideSize, scaled by the caller's transform):
// title (large, centred on a title slide), subtitle, bullets, table, and "k / n" at the bottom.
void paintTextSlide(QPainter& painter, const QRect& area, const Slide& slide,
                    const PlotTheme& theme, int index, int count);
// The title band above a view slide: the title and a grey "k / n"; returns its height.
int paintSlideTitle(QPainter& painter, int width, const QString& title, int index, int count,
                    const PlotTheme& theme);

// The window's text slide: shows paintTextSlide() for the current slide.
class TextSlideWidget : public QWidget {
    Q_OBJECT
  public:
    explicit TextSlideWidget(QWidget* parent = nullptr);
    void setSlide(const Slide& slide, int index, int count, const PlotTheme& theme);
    const Slide& slide() const { return slide_; }

  protected:
    void paintEvent(class QPaintEvent* event) override;

  private:
    Slide slide_;
    int index_ = 0;
    int count_ = 0;
    PlotTheme theme_;
};

// Renders slides of a deck with a controller and views of its own, so that the window's
// scenario and views are untouched (the presenter's next slide, the handout).
class SlideRenderer {
  public:
    SlideRenderer(const PresetLibrary& library, const PlotTheme& theme);
    ~SlideRenderer();
    SlideRenderer(const SlideRenderer&) = delete;
    SlideRenderer& operator=(const SlideRenderer&) = delete;

    // Paints slide `index` of deck at kSlideSize in painter's coordinates (title band and
    // view, or the text slide). False with *error when the slide's scenario cannot be shown.
    bool paint(QCPPainter& painter, const Deck& deck, int index, QString* error = nullptr);
    // The slide as an image of `size` (laid out at kSlideSize, then scaled).
    QImage image(const Deck& deck, int index, QSize size);
    // The view the last paint() drew (nullptr for a text slide); tests inspect its plot.
    PlotView* lastView() const { return lastView_; }
    const PlotTheme& theme() const { return theme_; }

  private:
    PlotView* viewFor(ViewId id);

    std::unique_ptr<ScenarioController> controller_;
    std::unique_ptr<QWidget> host_; // parent of the views, never shown
    QMap<int, PlotView*> views_;
    PlotTheme theme_;
    PlotView* lastView_ = nullptr;
};

// The handout: one A4 page per slide, the slide as rendered at 1920x1080 (vector), its number,
// title and the speaker's notes below. Rendered in memory, then written atomically; on failure
// *error names the file and nothing is left at path.
bool writeHandoutPdf(const Deck& deck, const PlotTheme& theme, const QString& path, QString* error);
// The same, as bytes (empty on failure).
QByteArray handoutPdf(const Deck& deck, const PlotTheme& theme, QString* error);

} // namespace afd::ui
