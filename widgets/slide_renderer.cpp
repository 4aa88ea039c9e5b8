// SPDX-License-Identifier: GPL-3.0-or-later
#include "slide_renderer.hpp"

#include "afd/preset_library.hpp"
#include "exporter.hpp"
#include "heatmap_view.hpp"
#include "nf_sweep_view.hpp"
#include "plot_view.hpp"
#include "qcustomplot_include.hpp"
#include "scenario_controller.hpp"
#include "view_table.hpp"

#include <QBuffer>
#include <QFontMetricsF>
#include <QPaintEvent>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <algorithm>
#include <cmath>

namespace afd::ui {

namespace {

QFont slideFont(double pointSize, bool bold = false) {
    QFont f(bundledFontFamily());
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    return f;
}

// The grey of the slide counter and of secondary text: readable on both slide backgrounds.
QColor secondaryColour(const PlotTheme& theme) {
    return theme.isDark() ? QColor::fromRgb(0xB8B8B8u) : QColor::fromRgb(0x555555u);
}

// A font raised, if needed, so that its height on device is at least minPixels.
QFont atLeast(const QFont& font, double minPixels, const QPaintDevice* device) {
    const double height = QFontMetricsF(font, device).height();
    if (height >= minPixels || height <= 0) {
        return font;
    }
    QFont raised = font;
    if (font.pointSizeF() > 0) {
        raised.setPointSizeF(font.pointSizeF() * minPixels / height);
        // Heights are rounded per font size: step up until the height is reached.
        while (QFontMetricsF(raised, device).height() < minPixels) {
            raised.setPointSizeF(raised.pointSizeF() + 0.25);
        }
    } else {
        raised.setPixelSize(int(std::ceil(font.pixelSize() * minPixels / height)));
    }
    return raised;
}

} // namespace

std::optional<PlotTheme> slideTheme(QStringView key) {
    PlotTheme t = PlotTheme::presentation();
    t.minimumTextPixels = kMinimumSlideTextPixels;
    if (key == QLatin1String("light")) {
        return t;
    }
    if (key == QLatin1String("dark")) {
        // The dark window theme's colours with the presentation's type, lines and markers.
        const PlotTheme d = PlotTheme::dark();
        t.background = d.background;
        t.foreground = d.foreground;
        t.grid = d.grid;
        t.subGrid = d.subGrid;
        t.legendBackground = d.legendBackground;
        t.series = d.series;
        t.regime = d.regime;
        t.deadZone = d.deadZone;
        t.infeasible = d.infeasible;
        t.ep = d.ep;
        t.highlight = d.highlight;
        return t;
    }
    return std::nullopt;
}

QStringList slideThemeKeys() {
    return {QStringLiteral("light"), QStringLiteral("dark")};
}

QString slideThemeKey(const PlotTheme& theme) {
    return theme.isDark() ? QStringLiteral("dark") : QStringLiteral("light");
}

void raiseSmallText(QCustomPlot& plot, double minPixels) {
    const auto raised = [&](const QFont& f) { return atLeast(f, minPixels, &plot); };
    const auto raiseAxis = [&](QCPAxis* axis) {
        if (const QFont f = raised(axis->tickLabelFont()); f != axis->tickLabelFont()) {
            axis->setTickLabelFont(f);
            axis->setSelectedTickLabelFont(f);
        }
        if (const QFont f = raised(axis->labelFont()); f != axis->labelFont()) {
            axis->setLabelFont(f);
            axis->setSelectedLabelFont(f);
        }
    };
    for (QCPAxisRect* rect : plot.axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            raiseAxis(axis);
        }
    }
    for (QCPLayoutElement* element : plot.plotLayout()->elements(true)) {
        if (auto* legend = qobject_cast<QCPLegend*>(element)) {
            if (const QFont f = raised(legend->font()); f != legend->font()) {
                legend->setFont(f);
                legend->setSelectedFont(f);
            }
            for (int i = 0; i < legend->itemCount(); ++i) {
                QCPAbstractLegendItem* item = legend->item(i);
                if (item == nullptr) { // an empty cell of the legend's grid
                    continue;
                }
                if (const QFont f = raised(item->font()); f != item->font()) {
                    item->setFont(f);
                    item->setSelectedFont(f);
                }
            }
        } else if (auto* title = qobject_cast<QCPTextElement*>(element)) {
            if (const QFont f = raised(title->font()); f != title->font()) {
                title->setFont(f);
                title->setSelectedFont(f);
            }
        } else if (auto* scale = qobject_cast<QCPColorScale*>(element)) {
            raiseAxis(scale->axis());
        }
    }
    for (int i = 0; i < plot.itemCount(); ++i) {
        if (auto* text = qobject_cast<QCPItemText*>(plot.item(i))) {
            if (const QFont f = raised(text->font()); f != text->font()) {
                text->setFont(f);
                text->setSelectedFont(f);
            }
        }
    }
}

TextSlideFonts textSlideFonts() {
    TextSlideFonts f;
    f.title = slideFont(40, true);
    f.subtitle = slideFont(28);
    f.body = slideFont(26);
    f.tableHeader = slideFont(24, true);
    f.table = slideFont(24);
    f.counter = slideFont(20);
    return f;
}

int paintSlideTitle(QPainter& painter, int width, const QString& title, int index, int count,
                    const PlotTheme& theme) {
    // As the window's title label shows it: bold, centred, the counter small and grey.
    QTextDocument doc;
    doc.setDefaultFont(slideFont(kSlideTitlePointSize, true));
    doc.setDocumentMargin(0);
    QTextOption option(Qt::AlignHCenter);
    option.setWrapMode(QTextOption::WordWrap);
    doc.setDefaultTextOption(option);
    constexpr int kMargin = 16;
    doc.setTextWidth(width - 2 * kMargin);
    doc.setHtml(
        QStringLiteral("<span style='color:%1'>%2</span>&nbsp;&nbsp;<span "
                       "style='color:%3; font-size:20pt; font-weight:normal'>%4 / "
                       "%5</span>")
            .arg(theme.foreground.name(), title.toHtmlEscaped(), secondaryColour(theme).name())
            .arg(index + 1)
            .arg(count));
    const int height = int(std::ceil(doc.size().height())) + 2 * kMargin;
    painter.fillRect(QRect(0, 0, width, height), theme.background);
    painter.save();
    painter.translate(kMargin, kMargin);
    doc.drawContents(&painter);
    painter.restore();
    return height;
}

void paintTextSlide(QPainter& painter, const QRect& area, const Slide& slide,
                    const PlotTheme& theme, int index, int count) {
    const TextSlideFonts fonts = textSlideFonts();
    painter.save();
    painter.fillRect(area, theme.background);
    painter.setPen(theme.foreground);
    const int margin = area.width() / 16;
    QRect free = area.adjusted(margin, margin * 3 / 4, -margin, -margin * 3 / 4);
    const bool titleSlide = slide.bullets.empty() && slide.table.columns.empty();
    QFont titleFont = fonts.title;
    if (titleSlide) {
        titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    }
    const auto textHeight = [&painter](const QFont& font, int width, const QString& text,
                                       int flags) {
        painter.setFont(font);
        return painter.boundingRect(QRect(0, 0, width, 100000), flags, text).height();
    };
    const int wrapLeft = Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop;
    const int wrapCentre = Qt::TextWordWrap | Qt::AlignHCenter | Qt::AlignTop;
    const QString title = QString::fromStdString(slide.title);
    const QString subtitle = QString::fromStdString(slide.subtitle);
    if (titleSlide) {
        // Title and subtitle centred a little above the middle.
        const int th = textHeight(titleFont, free.width(), title, wrapCentre);
        const int sh =
            subtitle.isEmpty() ? 0 : textHeight(fonts.subtitle, free.width(), subtitle, wrapCentre);
        const int gap = subtitle.isEmpty() ? 0 : 48;
        int y = free.top() + std::max(0, (free.height() - th - gap - sh) * 2 / 5);
        painter.setFont(titleFont);
        painter.drawText(QRect(free.left(), y, free.width(), th), wrapCentre, title);
        y += th + gap;
        if (!subtitle.isEmpty()) {
            painter.setPen(secondaryColour(theme));
            painter.setFont(fonts.subtitle);
            painter.drawText(QRect(free.left(), y, free.width(), sh), wrapCentre, subtitle);
        }
    } else {
        int y = free.top();
        const int th = textHeight(titleFont, free.width(), title, wrapLeft);
        painter.setFont(titleFont);
        painter.drawText(QRect(free.left(), y, free.width(), th), wrapLeft, title);
        y += th + 12;
        painter.fillRect(QRect(free.left(), y, free.width(), 4), theme.highlight);
        y += 28;
        if (!subtitle.isEmpty()) {
            const int sh = textHeight(fonts.subtitle, free.width(), subtitle, wrapLeft);
            painter.setPen(secondaryColour(theme));
            painter.setFont(fonts.subtitle);
            painter.drawText(QRect(free.left(), y, free.width(), sh), wrapLeft, subtitle);
            painter.setPen(theme.foreground);
            y += sh + 24;
        }
        const int bulletIndent = 44;
        for (const std::string& b : slide.bullets) {
            const QString text = QString::fromStdString(b);
            const int bh = textHeight(fonts.body, free.width() - bulletIndent, text, wrapLeft);
            painter.setFont(fonts.body);
            painter.setPen(theme.highlight);
            painter.drawText(QRect(free.left(), y, bulletIndent, bh), Qt::AlignLeft | Qt::AlignTop,
                             QStringLiteral("\u25A0"));
            painter.setPen(theme.foreground);
            painter.drawText(QRect(free.left() + bulletIndent, y, free.width() - bulletIndent, bh),
                             wrapLeft, text);
            y += bh + 14;
        }
        if (!slide.table.columns.empty()) {
            y += 16;
            // Column widths from the widest cell, shrunk in proportion (cells then wrap) when
            // the table is wider than the slide.
            const std::size_t n = slide.table.columns.size();
            constexpr int kPad = 14;
            std::vector<double> widths(n, 0);
            for (std::size_t c = 0; c < n; ++c) {
                widths[c] = QFontMetricsF(fonts.tableHeader, painter.device())
                                .horizontalAdvance(QString::fromStdString(slide.table.columns[c]));
                for (const auto& row : slide.table.rows) {
                    widths[c] =
                        std::max(widths[c], QFontMetricsF(fonts.table, painter.device())
                                                .horizontalAdvance(QString::fromStdString(row[c])));
                }
                widths[c] += 2 * kPad + 2;
            }
            double total = 0;
            for (double w : widths) {
                total += w;
            }
            if (total > free.width()) {
                for (double& w : widths) {
                    w *= free.width() / total;
                }
                total = free.width();
            }
            const auto drawRow = [&](const std::vector<std::string>& cells, const QFont& font,
                                     bool header, bool shaded) {
                int rowHeight = 0;
                for (std::size_t c = 0; c < n; ++c) {
                    rowHeight =
                        std::max(rowHeight, textHeight(font, int(widths[c]) - 2 * kPad,
                                                       QString::fromStdString(cells[c]), wrapLeft));
                }
                rowHeight += 2 * kPad;
                if (shaded) {
                    QColor shade = theme.foreground;
                    shade.setAlpha(18);
                    painter.fillRect(QRect(free.left(), y, int(total), rowHeight), shade);
                }
                double x = free.left();
                painter.setFont(font);
                painter.setPen(theme.foreground);
                for (std::size_t c = 0; c < n; ++c) {
                    painter.drawText(
                        QRectF(x + kPad, y + kPad, widths[c] - 2 * kPad, rowHeight - 2 * kPad),
                        wrapLeft, QString::fromStdString(cells[c]));
                    x += widths[c];
                }
                y += rowHeight;
                if (header) {
                    painter.fillRect(QRect(free.left(), y, int(total), 3), theme.foreground);
                    y += 3;
                }
            };
            drawRow(slide.table.columns, fonts.tableHeader, true, false);
            for (std::size_t r = 0; r < slide.table.rows.size(); ++r) {
                drawRow(slide.table.rows[r], fonts.table, false, r % 2 == 1);
            }
        }
    }
    painter.setFont(fonts.counter);
    painter.setPen(secondaryColour(theme));
    painter.drawText(area.adjusted(0, 0, -margin / 2, -margin / 3),
                     Qt::AlignRight | Qt::AlignBottom,
                     QStringLiteral("%1 / %2").arg(index + 1).arg(count));
    painter.restore();
}

TextSlideWidget::TextSlideWidget(QWidget* parent)
    : QWidget(parent), theme_(PlotTheme::presentation()) {
    setObjectName(QStringLiteral("textSlide"));
}

void TextSlideWidget::setSlide(const Slide& slide, int index, int count, const PlotTheme& theme) {
    slide_ = slide;
    index_ = index;
    count_ = count;
    theme_ = theme;
    update();
}

void TextSlideWidget::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    // Laid out at the slide size and scaled, so a smaller window shows the same slide.
    const double scale =
        std::min(width() / double(kSlideSize.width()), height() / double(kSlideSize.height()));
    painter.fillRect(rect(), theme_.background);
    painter.translate((width() - kSlideSize.width() * scale) / 2,
                      (height() - kSlideSize.height() * scale) / 2);
    painter.scale(scale, scale);
    paintTextSlide(painter, QRect(QPoint(0, 0), kSlideSize), slide_, theme_, index_, count_);
}

SlideRenderer::SlideRenderer(const PresetLibrary& library, const PlotTheme& theme)
    : controller_(std::make_unique<ScenarioController>(library)),
      host_(std::make_unique<QWidget>()), theme_(theme) {
    controller_->setRecording(false);
}

SlideRenderer::~SlideRenderer() {
    host_.reset(); // the views follow the controller: they go first
    controller_.reset();
}

PlotView* SlideRenderer::viewFor(ViewId id) {
    if (PlotView* v = views_.value(int(id), nullptr)) {
        return v;
    }
    PlotView* v = createView(id, *controller_, host_.get());
    v->setOptionsVisible(false);
    v->resize(kSlideSize);
    views_.insert(int(id), v);
    return v;
}

bool SlideRenderer::paint(QCPPainter& painter, const Deck& deck, int index, QString* error) {
    lastView_ = nullptr;
    if (index < 0 || index >= int(deck.slides.size())) {
        return false;
    }
    const int count = int(deck.slides.size());
    const Slide& slide = deck.slides[std::size_t(index)];
    if (slide.kind == SlideKind::Text) {
        paintTextSlide(painter, QRect(QPoint(0, 0), kSlideSize), slide, theme_, index, count);
        return true;
    }
    const ViewInfo* info = findViewInfo(QString::fromStdString(slide.view));
    QString rejected;
    const QMetaObject::Connection watch =
        QObject::connect(controller_.get(), &ScenarioController::rejected,
                         [&rejected](const QString& message) { rejected = message; });
    const bool loaded = info != nullptr && controller_->loadScenario(slide.scenario);
    QObject::disconnect(watch);
    if (!loaded) {
        if (error != nullptr) {
            *error = info == nullptr ? QStringLiteral("slides[%1].view: expected one of %2")
                                           .arg(index)
                                           .arg(viewKeyList())
                                     : QStringLiteral("slides[%1]: %2").arg(index).arg(rejected);
        }
        return false;
    }
    PlotView* view = viewFor(info->id);
    if (auto* heat = qobject_cast<HeatmapView*>(view); heat != nullptr && slide.scenario.view) {
        const ViewSettings& vs = *slide.scenario.view;
        if (!vs.heatmapX.empty() && !vs.heatmapY.empty()) {
            heat->setAxes(*findParam(vs.heatmapX), *findParam(vs.heatmapY));
        }
        if (!vs.heatmapMetric.empty()) {
            heat->setMetric(QString::fromStdString(vs.heatmapMetric));
        }
    }
    if (auto* nf = qobject_cast<NfSweepView*>(view); nf != nullptr && info->id == ViewId::HfuNf) {
        nf->setCompareModels(slide.compareModels);
    }
    const int band = paintSlideTitle(painter, kSlideSize.width(),
                                     QString::fromStdString(slide.title), index, count, theme_);
    const QSize plotSize(kSlideSize.width(), kSlideSize.height() - band);
    view->setRenderSize(plotSize);
    if (view->theme().background != theme_.background ||
        view->theme().minimumTextPixels != theme_.minimumTextPixels) {
        view->setTheme(theme_);
    }
    view->refreshNow();
    if (auto* heat = qobject_cast<HeatmapView*>(view)) {
        heat->finishPending();
    }
    raiseSmallText(*view->plot(), theme_.minimumTextPixels);
    painter.save();
    painter.translate(0, band);
    view->plot()->toPainter(&painter, plotSize.width(), plotSize.height());
    painter.restore();
    view->setRenderSize(QSize());
    lastView_ = view;
    return true;
}

QImage SlideRenderer::image(const Deck& deck, int index, QSize size) {
    QImage image(kSlideSize, QImage::Format_ARGB32_Premultiplied);
    image.fill(theme_.background);
    QCPPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    if (!paint(painter, deck, index)) {
        painter.setPen(theme_.infeasible);
        painter.setFont(slideFont(24));
        painter.drawText(QRect(QPoint(0, 0), kSlideSize), Qt::AlignCenter,
                         QObject::tr("This slide cannot be shown"));
    }
    painter.end();
    return size == kSlideSize ? image
                              : image.scaled(size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

QByteArray handoutPdf(const Deck& deck, const PlotTheme& theme, QString* error) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        // 96 dots per inch: fonts given in points come out as on a 96 DPI screen, so the slide
        // is laid out as in the window and only scaled to the page.
        writer.setResolution(96);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                         QMarginsF(14, 14, 14, 14), QPageLayout::Millimeter));
        writer.setTitle(QString::fromStdString(deck.name));
        writer.setCreator(QStringLiteral("AFD Explorer " AFD_VERSION));
        SlideRenderer renderer(PresetLibrary::builtin(), theme);
        QCPPainter painter;
        if (!painter.begin(&writer)) {
            *error = QObject::tr("cannot start the PDF");
            return {};
        }
        painter.setRenderHint(QPainter::Antialiasing);
        const QRect page = writer.pageLayout().paintRectPixels(writer.resolution());
        const QRect area(QPoint(0, 0), page.size());
        const double scale = area.width() / double(kSlideSize.width());
        const int slideHeight = int(std::ceil(kSlideSize.height() * scale));
        const int count = int(deck.slides.size());
        for (int i = 0; i < count; ++i) {
            if (i > 0 && !writer.newPage()) {
                *error = QObject::tr("cannot add page %1 to the PDF").arg(i + 1);
                return {};
            }
            painter.save();
            painter.scale(scale, scale);
            painter.setClipRect(QRect(QPoint(0, 0), kSlideSize));
            QString problem;
            const bool painted = renderer.paint(painter, deck, i, &problem);
            painter.restore();
            if (!painted) {
                *error = problem;
                return {};
            }
            painter.setPen(QPen(QColor::fromRgb(0x999999u), 1));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(QRect(0, 0, area.width(), slideHeight));
            // Below the slide: its number and title, then the speaker's notes.
            const Slide& slide = deck.slides[std::size_t(i)];
            painter.setPen(Qt::black);
            QFont heading = slideFont(13, true);
            painter.setFont(heading);
            const QRect headingRect(0, slideHeight + 18, area.width(), 200);
            const QString headingText = QObject::tr("Slide %1 of %2: %3")
                                            .arg(i + 1)
                                            .arg(count)
                                            .arg(QString::fromStdString(slide.title));
            const QRect used =
                painter.boundingRect(headingRect, Qt::TextWordWrap | Qt::AlignLeft, headingText);
            painter.drawText(headingRect, Qt::TextWordWrap | Qt::AlignLeft, headingText);
            const QString notes = slide.notes.empty() ? QObject::tr("(no notes)")
                                                      : QString::fromStdString(slide.notes);
            const QRect notesRect(0, used.bottom() + 14, area.width(),
                                  area.height() - used.bottom() - 14);
            // The notes at 12 pt, smaller (down to 8 pt) only when that is what fits.
            QFont body = slideFont(12);
            while (body.pointSizeF() > 8 &&
                   QFontMetrics(body, &writer)
                           .boundingRect(notesRect, Qt::TextWordWrap, notes)
                           .height() > notesRect.height()) {
                body.setPointSizeF(body.pointSizeF() - 0.5);
            }
            painter.setFont(body);
            painter.drawText(notesRect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, notes);
        }
        if (!painter.end()) {
            *error = QObject::tr("cannot finish the PDF");
            return {};
        }
    }
    buffer.close();
    if (!bytes.trimmed().endsWith("%%EOF")) {
        *error = QObject::tr("the PDF is incomplete");
        return {};
    }
    return bytes;
}

bool writeHandoutPdf(const Deck& deck, const PlotTheme& theme, const QString& path,
                     QString* error) {
    QString problem;
    const QByteArray bytes = handoutPdf(deck, theme, &problem);
    if (bytes.isEmpty()) {
        *error = QStringLiteral("%1: %2").arg(path, problem);
        return false;
    }
    return writeFileAtomically(path, bytes, error);
}

} // namespace afd::ui
