// SPDX-License-Identifier: GPL-3.0-or-later
#include "plot_helpers.hpp"

#include "afd/verdict.hpp"
#include "layout_elements.hpp"
#include "rich_text.hpp"

namespace afd::ui {

QString qtext(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString percentText(double fraction, int decimals) {
    return QString::number(fraction * 100.0, 'f', decimals) + QStringLiteral(" %");
}

QString numberText(double value, int significant) {
    return QString::fromStdString(readableNumber(value, significant));
}

void setLogAxis(QCPAxis* axis) {
    axis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
    ticker->setLogBase(10);
    ticker->setSubTickCount(8);
    axis->setTicker(ticker);
    axis->setNumberFormat(QStringLiteral("g"));
    axis->setNumberPrecision(6);
}

void setLinearAxis(QCPAxis* axis) {
    axis->setScaleType(QCPAxis::stLinear);
    axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    axis->setNumberFormat(QStringLiteral("g"));
    axis->setNumberPrecision(6);
}

QCPGraph* addLine(QCPAxisRect* rect, const QVector<double>& x, const QVector<double>& y,
                  const QPen& pen, const QString& name, bool inLegend) {
    // Not addGraph: markers of the gaps in the data must not land at the corner (see there).
    auto* g = new GapSafeGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    g->setData(x, y, true);
    g->setPen(pen);
    g->setName(name);
    if (!inLegend) {
        g->removeFromLegend();
    }
    return g;
}

QCPGraph* addPoints(QCPAxisRect* rect, const QVector<double>& x, const QVector<double>& y,
                    const QCPScatterStyle& style, const QString& name, bool inLegend) {
    auto* g = addLine(rect, x, y, QPen(style.pen().color()), name, inLegend);
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(style);
    return g;
}

QCPItemRect* addVerticalBand(QCPAxisRect* rect, double x0, double x1, const QBrush& brush) {
    auto* item = new QCPItemRect(rect->parentPlot());
    item->setClipAxisRect(rect);
    for (QCPItemPosition* p : {item->topLeft, item->bottomRight}) {
        p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        p->setAxisRect(rect);
        p->setTypeX(QCPItemPosition::ptPlotCoords);
        p->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    item->topLeft->setCoords(x0, 0);
    item->bottomRight->setCoords(x1, 1);
    item->setPen(Qt::NoPen);
    item->setBrush(brush);
    item->setLayer(QStringLiteral("background"));
    return item;
}

QCPItemText* addText(QCPAxisRect* rect, const QString& text, double x, double y,
                     const PlotTheme& theme, Qt::Alignment alignment, bool yIsAxisRatio,
                     double fontScale) {
    auto* item = new RichTextItem(rect->parentPlot());
    item->setClipAxisRect(rect);
    item->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    item->position->setAxisRect(rect);
    item->position->setTypeX(QCPItemPosition::ptPlotCoords);
    item->position->setTypeY(yIsAxisRatio ? QCPItemPosition::ptAxisRectRatio
                                          : QCPItemPosition::ptPlotCoords);
    item->position->setCoords(x, y);
    item->setPositionAlignment(alignment);
    item->setText(text);
    QFont f = theme.font;
    f.setPointSizeF(theme.font.pointSizeF() * fontScale);
    item->setFont(f);
    item->setColor(theme.foreground);
    item->setPadding(QMargins(3, 1, 3, 1));
    return item;
}

QCPItemLine* addSegment(QCPAxisRect* rect, double x0, double y0, double x1, double y1,
                        const QPen& pen, bool yIsAxisRatio) {
    auto* item = new QCPItemLine(rect->parentPlot());
    item->setClipAxisRect(rect);
    for (QCPItemPosition* p : {item->start, item->end}) {
        p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        p->setAxisRect(rect);
        p->setTypeX(QCPItemPosition::ptPlotCoords);
        p->setTypeY(yIsAxisRatio ? QCPItemPosition::ptAxisRectRatio
                                 : QCPItemPosition::ptPlotCoords);
    }
    item->start->setCoords(x0, y0);
    item->end->setCoords(x1, y1);
    item->setPen(pen);
    return item;
}

QColor withAlpha(QColor c, int alpha) {
    c.setAlpha(alpha);
    return c;
}

QString wrapText(const QString& text, int columns) {
    QString out;
    int line = 0;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (line > 0 && line + 1 + word.size() > columns) {
            out += QLatin1Char('\n');
            line = 0;
        } else if (line > 0) {
            out += QLatin1Char(' ');
            ++line;
        }
        out += word;
        line += int(word.size());
    }
    return out;
}

} // namespace afd::ui
