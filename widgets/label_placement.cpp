// SPDX-License-Identifier: GPL-3.0-or-later
#include "label_placement.hpp"

#include "rich_text.hpp"

#include <QFontMetricsF>
#include <QHash>
#include <QPointer>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <utility>

namespace afd::ui {

namespace {

constexpr double kPiece = 10;        // px: curves are cut into boxes at most this long
constexpr double kHardWeight = 1000; // per hard obstacle touched, plus its overlap area
constexpr double kSoftWeight = 20;   // per curve piece crossed
constexpr double kRingWeight = 4;    // per ring farther from the anchor
constexpr int kRings = 10;

double overlapArea(const QRectF& a, const QRectF& b) {
    const QRectF i = a.intersected(b);
    return i.isEmpty() ? 0.0 : i.width() * i.height();
}

bool touches(const QRectF& a, const QRectF& b) {
    return a.left() < b.right() && b.left() < a.right() && a.top() < b.bottom() &&
           b.top() < a.bottom();
}

// What covering the obstacles and leaving the bounds costs a label at r.
double coverCost(const QRectF& r, const QRectF& bounds, const LabelObstacles& obstacles,
                 const std::vector<QRectF>& placed) {
    double cost = 0;
    const double outside = r.width() * r.height() - overlapArea(r, bounds);
    if (outside > 0.5) { // rounding can leave a hair of area: not outside
        cost += kHardWeight + 4 * outside;
    }
    for (const std::vector<QRectF>* hard : {&obstacles.hard, &placed}) {
        for (const QRectF& b : *hard) {
            if (touches(r, b)) {
                cost += kHardWeight + overlapArea(r, b);
            }
        }
    }
    for (const QRectF& b : obstacles.soft) {
        if (touches(r, b)) {
            cost += kSoftWeight;
        }
    }
    return cost;
}

QRectF placeAmong(const QPointF& c, const QSizeF& size, double clearance, const QRectF& bounds,
                  const LabelObstacles& obstacles, const std::vector<QRectF>& placed) {
    // Right, above right, above, left, below, the other diagonals, then between those: the
    // places beside the anchor read best.
    constexpr std::array<std::pair<double, double>, 16> kDirections{{{1, 0},
                                                                     {1, -1},
                                                                     {0, -1},
                                                                     {-1, 0},
                                                                     {0, 1},
                                                                     {-1, -1},
                                                                     {1, 1},
                                                                     {-1, 1},
                                                                     {1, -0.4},
                                                                     {1, 0.4},
                                                                     {-1, -0.4},
                                                                     {-1, 0.4},
                                                                     {0.4, -1},
                                                                     {-0.4, -1},
                                                                     {0.4, 1},
                                                                     {-0.4, 1}}};
    const double w = size.width();
    const double h = size.height();
    QRectF best(c.x() - w / 2, c.y() - h / 2, w, h);
    double bestCost = std::numeric_limits<double>::infinity();
    if (clearance < 0) { // on the anchor itself first (a region's name)
        bestCost = coverCost(best, bounds, obstacles, placed);
    }
    const double first = std::max(clearance, 0.0) + 3;
    for (int ring = 0; ring < kRings; ++ring) {
        const double ringCost = kRingWeight * (ring + (clearance < 0 ? 1 : 0));
        if (bestCost <= ringCost) {
            break; // no place farther away can do better
        }
        const double gap = first + ring * std::max(h, 4.0);
        for (std::size_t k = 0; k < kDirections.size(); ++k) {
            const auto [dx, dy] = kDirections[k];
            // The label's edge (or corner) nearest the anchor sits `gap` away from it.
            const double diag = dx != 0 && dy != 0 ? 0.7 : 1.0;
            const double left = dx > 0   ? c.x() + gap * diag
                                : dx < 0 ? c.x() - gap * diag - w
                                         : c.x() - w / 2;
            const double top = dy > 0   ? c.y() + gap * diag
                               : dy < 0 ? c.y() - gap * diag - h
                                        : c.y() - h / 2;
            const QRectF r(left, top, w, h);
            const double cost =
                ringCost + 0.01 * double(k) + coverCost(r, bounds, obstacles, placed);
            if (cost < bestCost) {
                best = r;
                bestCost = cost;
            }
        }
    }
    // Where no place is free, a label half outside the axes would be cut off at their edge:
    // moved inside, it covers some data but reads whole.
    if (best.width() <= bounds.width() && best.height() <= bounds.height()) {
        best.moveLeft(std::clamp(best.left(), bounds.left(), bounds.right() - best.width()));
        best.moveTop(std::clamp(best.top(), bounds.top(), bounds.bottom() - best.height()));
    }
    return best;
}

// Boxes along a polyline, each at most about kPiece long: a label may not sit on the curve, but
// may sit in the hollow of one (a whole curve's bounding box would forbid that).
void addPieces(const std::vector<QPointF>& line, double halfPen, const QRectF& clip,
               std::vector<QRectF>& out) {
    for (std::size_t i = 1; i < line.size(); ++i) {
        const QPointF a = line[i - 1];
        const QPointF b = line[i];
        const QRectF span =
            QRectF(a, b).normalized().adjusted(-halfPen, -halfPen, halfPen, halfPen);
        if (!touches(span.adjusted(-1, -1, 1, 1), clip)) {
            continue;
        }
        const double length = std::hypot(b.x() - a.x(), b.y() - a.y());
        const int steps = std::max(1, int(std::ceil(length / kPiece)));
        QPointF from = a;
        for (int s = 1; s <= steps; ++s) {
            const QPointF to = a + (b - a) * (double(s) / steps);
            const QRectF piece =
                QRectF(from, to).normalized().adjusted(-halfPen, -halfPen, halfPen, halfPen);
            if (touches(piece, clip)) {
                out.push_back(piece & clip);
            }
            from = to;
        }
    }
}

QRectF markerBox(const QPointF& p, const QCPScatterStyle& style) {
    const double r = std::max(2.0, style.size() / 2 + style.pen().widthF() / 2);
    return {p.x() - r, p.y() - r, 2 * r, 2 * r};
}

bool finite(const QPointF& p) {
    return std::isfinite(p.x()) && std::isfinite(p.y());
}

// Polylines of a graph in pixels, broken at NaN, with its step style drawn out.
std::vector<std::vector<QPointF>> graphLines(const QCPGraph& g) {
    std::vector<std::vector<QPointF>> lines(1);
    QPointF last;
    bool have = false;
    for (auto it = g.data()->constBegin(); it != g.data()->constEnd(); ++it) {
        const QPointF p = g.coordsToPixels(it->key, it->value);
        if (!std::isfinite(it->value) || !finite(p)) {
            if (!lines.back().empty()) {
                lines.emplace_back();
            }
            have = false;
            continue;
        }
        if (have) {
            switch (g.lineStyle()) {
            case QCPGraph::lsStepLeft:
                lines.back().push_back(g.keyAxis()->orientation() == Qt::Horizontal
                                           ? QPointF(p.x(), last.y())
                                           : QPointF(last.x(), p.y()));
                break;
            case QCPGraph::lsStepRight:
                lines.back().push_back(g.keyAxis()->orientation() == Qt::Horizontal
                                           ? QPointF(last.x(), p.y())
                                           : QPointF(p.x(), last.y()));
                break;
            case QCPGraph::lsStepCenter: {
                const QPointF mid = (p + last) / 2;
                const bool h = g.keyAxis()->orientation() == Qt::Horizontal;
                lines.back().push_back(h ? QPointF(mid.x(), last.y()) : QPointF(last.x(), mid.y()));
                lines.back().push_back(h ? QPointF(mid.x(), p.y()) : QPointF(p.x(), mid.y()));
                break;
            }
            default:
                break;
            }
        }
        lines.back().push_back(p);
        last = p;
        have = true;
    }
    return lines;
}

QRectF textItemBox(QCPItemText& t) {
    QRectF box;
    for (QCPItemAnchor* a : {t.topLeft, t.topRight, t.bottomLeft, t.bottomRight}) {
        const QPointF p = a->pixelPosition();
        box = box.isNull() ? QRectF(p, QSizeF(0, 0)) : box.united(QRectF(p, QSizeF(0, 0)));
    }
    return box;
}

} // namespace

QRectF placeLabel(const QPointF& anchor, const QSizeF& size, double clearance, const QRectF& bounds,
                  const LabelObstacles& obstacles) {
    return placeAmong(anchor, size, clearance, bounds, obstacles, {});
}

std::vector<QRectF> placeLabels(const std::vector<QPointF>& markers,
                                const std::vector<QSizeF>& sizes, double markerRadius,
                                const QRectF& bounds, const std::vector<QRectF>& obstacles) {
    LabelObstacles blocked;
    blocked.hard = obstacles;
    for (const QPointF& m : markers) {
        blocked.hard.emplace_back(m.x() - markerRadius, m.y() - markerRadius, 2 * markerRadius,
                                  2 * markerRadius);
    }
    std::vector<QRectF> placed;
    placed.reserve(markers.size());
    for (std::size_t i = 0; i < markers.size(); ++i) {
        const QSizeF size = i < sizes.size() ? sizes[i] : QSizeF();
        placed.push_back(placeAmong(markers[i], size, markerRadius, bounds, blocked, placed));
    }
    return placed;
}

LabelObstacles plotObstacles(QCustomPlot& plot, const QCPAxisRect& rect) {
    LabelObstacles o;
    const QRectF clip = QRectF(rect.rect());
    for (int i = 0; i < plot.plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot.plottable(i);
        if (!p->realVisibility() || p->keyAxis() == nullptr || p->keyAxis()->axisRect() != &rect) {
            continue;
        }
        if (auto* g = qobject_cast<QCPGraph*>(p)) {
            const bool markers = g->scatterStyle().shape() != QCPScatterStyle::ssNone;
            const bool lines = g->lineStyle() != QCPGraph::lsNone && g->pen().style() != Qt::NoPen;
            if (!markers && !lines) {
                continue;
            }
            const std::vector<std::vector<QPointF>> polylines = graphLines(*g);
            for (const std::vector<QPointF>& line : polylines) {
                if (markers) {
                    for (const QPointF& pt : line) {
                        const QRectF box = markerBox(pt, g->scatterStyle());
                        if (touches(box, clip)) {
                            o.hard.push_back(box);
                        }
                    }
                }
                if (lines) {
                    addPieces(line, std::max(1.0, g->pen().widthF() / 2), clip, o.soft);
                }
            }
        } else if (auto* c = qobject_cast<QCPCurve*>(p)) {
            std::vector<QPointF> line;
            const bool markers = c->scatterStyle().shape() != QCPScatterStyle::ssNone;
            for (auto it = c->data()->constBegin(); it != c->data()->constEnd(); ++it) {
                const QPointF pt = c->coordsToPixels(it->key, it->value);
                if (!finite(pt)) {
                    continue;
                }
                line.push_back(pt);
                if (markers && touches(markerBox(pt, c->scatterStyle()), clip)) {
                    o.hard.push_back(markerBox(pt, c->scatterStyle()));
                }
            }
            if (c->lineStyle() != QCPCurve::lsNone && c->pen().style() != Qt::NoPen) {
                addPieces(line, std::max(1.0, c->pen().widthF() / 2), clip, o.soft);
            }
        } else if (auto* b = qobject_cast<QCPBars*>(p)) {
            for (auto it = b->data()->constBegin(); it != b->data()->constEnd(); ++it) {
                // The bars below at the same key carry this one.
                double base = b->baseValue();
                for (QCPBars* below = b->barBelow(); below != nullptr; below = below->barBelow()) {
                    const auto at = below->data()->findBegin(it->key, false);
                    if (at != below->data()->constEnd() &&
                        qFuzzyCompare(at->key + 1, it->key + 1)) {
                        base += at->value;
                    }
                }
                const double half = b->widthType() == QCPBars::wtPlotCoords ? b->width() / 2 : 0;
                QRectF box(b->coordsToPixels(it->key - half, base),
                           b->coordsToPixels(it->key + half, base + it->value));
                box = box.normalized();
                if (b->widthType() != QCPBars::wtPlotCoords) {
                    const double px = b->width() / 2;
                    box = b->keyAxis()->orientation() == Qt::Horizontal
                              ? box.adjusted(-px, 0, px, 0)
                              : box.adjusted(0, -px, 0, px);
                }
                if (touches(box, clip)) {
                    o.hard.push_back(box & clip);
                }
            }
        }
    }
    for (int i = 0; i < plot.itemCount(); ++i) {
        QCPAbstractItem* item = plot.item(i);
        if (!item->realVisibility()) {
            continue;
        }
        if (auto* t = qobject_cast<QCPItemText*>(item)) {
            if (t->text().isEmpty() || t->property("afdPlacedLabel").toBool()) {
                continue;
            }
            QRectF box = textItemBox(*t);
            if (t->clipToAxisRect()) {
                if (t->clipAxisRect() != &rect) {
                    continue;
                }
                box &= clip;
            }
            if (!box.isEmpty() && touches(box, clip)) {
                o.hard.push_back(box);
            }
        } else if (auto* l = qobject_cast<QCPItemLine*>(item)) {
            if (l->clipAxisRect() == &rect && l->pen().style() != Qt::NoPen) {
                addPieces({l->start->pixelPosition(), l->end->pixelPosition()},
                          std::max(1.0, l->pen().widthF() / 2), clip, o.soft);
            }
        }
    }
    return o;
}

PlacedLabels::PlacedLabels(QCPAxisRect* rect) : QCPAbstractItem(rect->parentPlot()), rect_(rect) {
    setClipAxisRect(rect);
    setClipToAxisRect(true);
    fitPlotText(*rect->parentPlot()); // places the labels after every layout
}

int PlacedLabels::add(const Label& label) {
    labels_.push_back(label);
    return int(labels_.size()) - 1;
}

int PlacedLabels::manage(QCPItemText* item, double x, double y, bool yIsAxisRatio, double clearance,
                         bool optional) {
    item->setProperty("afdPlacedLabel", true); // not an obstacle: placed with the others
    Label l;
    l.x = x;
    l.y = y;
    l.yIsAxisRatio = yIsAxisRatio;
    l.clearance = clearance;
    l.optional = optional;
    l.item = item;
    return add(l);
}

void PlacedLabels::place() {
    rects_.clear();
    anchors_.clear();
    QCustomPlot* plot = parentPlot();
    QCPAxis* xa = rect_->axis(QCPAxis::atBottom);
    QCPAxis* ya = rect_->axis(QCPAxis::atLeft);
    const QRectF area = QRectF(rect_->rect());
    LabelObstacles obstacles = plotObstacles(*plot, *rect_);
    // Every legend drawn over this axis rect, and the labels of other label sets in it.
    for (QCPLayoutElement* e : rect_->insetLayout()->elements(false)) {
        if (e != nullptr && e->realVisibility()) {
            obstacles.hard.push_back(QRectF(e->outerRect()).adjusted(-2, -2, 2, 2));
        }
    }
    for (int i = 0; i < plot->itemCount(); ++i) {
        auto* other = dynamic_cast<PlacedLabels*>(plot->item(i));
        if (other == this) {
            break; // the later ones avoid this one
        }
        if (other != nullptr && other->rect_ == rect_) {
            obstacles.hard.insert(obstacles.hard.end(), other->rects_.begin(), other->rects_.end());
        }
    }
    for (QRectF& r : obstacles.hard) {
        r.adjust(-hardPadding, -hardPadding, hardPadding, hardPadding);
    }
    const QRectF bounds = area.adjusted(1, 1, -1, -1);
    std::vector<QRectF> placed;
    for (const Label& l : labels_) {
        const QPointF anchor(
            l.xIsAxisRatio ? area.left() + l.x * area.width() : xa->coordToPixel(l.x),
            l.yIsAxisRatio ? area.top() + l.y * area.height() : ya->coordToPixel(l.y));
        QSizeF size;
        RichTextLayout notation;
        if (qobject_cast<RichTextItem*>(l.item) != nullptr) {
            notation.set(l.item->text(), l.item->font(), nullptr, l.item->textAlignment());
        }
        if (notation.rich()) { // measured as drawn: subscripts and Greek letters included
            const QMargins m = l.item->padding();
            size = notation.size() + QSizeF(m.left() + m.right(), m.top() + m.bottom());
            if (std::abs(std::abs(l.item->rotation()) - 90) < 1) {
                size.transpose();
            }
        } else if (l.item != nullptr) {
            const QFontMetricsF fm(l.item->font());
            const QMargins m = l.item->padding();
            size = fm.boundingRect(QRectF(0, 0, 1e6, 1e6), int(l.item->textAlignment()),
                                   l.item->text())
                       .size() +
                   QSizeF(m.left() + m.right(), m.top() + m.bottom());
            if (std::abs(std::abs(l.item->rotation()) - 90) < 1) {
                size.transpose();
            }
        } else {
            RichTextLayout text;
            text.set(l.text, l.font, nullptr, l.textAlignment);
            const QFontMetricsF fm(l.font);
            size =
                (text.rich() ? text.size()
                             : fm.boundingRect(QRectF(0, 0, 1e6, 1e6), int(l.textAlignment), l.text)
                                   .size()) +
                QSizeF(6, 2);
        }
        anchors_.push_back(anchor);
        if (!finite(anchor) || (l.item != nullptr && !l.optional && !l.item->visible())) {
            rects_.emplace_back();
            continue;
        }
        size += QSizeF(2 * labelGap, 2 * labelGap);
        const QRectF r = placeAmong(anchor, size, l.clearance, bounds, obstacles, placed);
        if (l.optional) { // left out rather than drawn over data or text
            const bool free = coverCost(r, bounds, obstacles, placed) < kHardWeight;
            if (l.item != nullptr) {
                l.item->setVisible(free);
            }
            if (!free) {
                rects_.emplace_back();
                continue;
            }
        }
        placed.push_back(r);
        rects_.push_back(r);
        if (l.item != nullptr) { // centred on its place, turned or not
            l.item->position->setType(QCPItemPosition::ptAbsolute);
            l.item->setPositionAlignment(Qt::AlignCenter);
            l.item->position->setCoords(r.center());
        }
    }
}

void PlacedLabels::draw(QCPPainter* painter) {
    if (rects_.size() != labels_.size()) {
        place();
    }
    for (std::size_t i = 0; i < labels_.size(); ++i) {
        const QRectF& r = rects_[i];
        if (r.isNull()) {
            continue;
        }
        const Label& l = labels_[i];
        const QPointF c = anchors_[i];
        const QPointF near(std::clamp(c.x(), r.left(), r.right()),
                           std::clamp(c.y(), r.top(), r.bottom()));
        const QPointF d = near - c;
        const double len = std::hypot(d.x(), d.y());
        const double clearance = std::max(l.clearance, 0.0);
        if (len > clearance + 8) { // away from its anchor: a leader line says whose it is
            const QColor own = l.item != nullptr ? l.item->color() : l.colour;
            painter->setPen(QPen(leaderColour.isValid() ? leaderColour : own, 1));
            painter->drawLine(c + d * (clearance / len), near);
        }
        if (l.item != nullptr) {
            continue; // the item draws itself
        }
        if (l.background.style() != Qt::NoBrush) {
            painter->fillRect(r, l.background);
        }
        // Notation (subscripts, Greek letters) drawn as every other plot text draws it.
        RichTextLayout text;
        text.set(l.text, l.font, painter->device(), l.textAlignment);
        const QRectF inner = r.adjusted(3, 1, -3, -1);
        if (!text.rich()) {
            painter->setFont(l.font);
            painter->setPen(l.colour);
            painter->drawText(inner, int(l.textAlignment), l.text);
            continue;
        }
        text.draw(painter, inner.center() - QPointF(text.size().width(), text.size().height()) / 2,
                  l.colour);
    }
}

namespace {

// Runs after every layout of one plot (window, export, any size): tick labels thinned and axis
// titles wrapped until they fit, the legend moved where it covers no data, then every label
// set of the plot placed. See fitPlotText(), placeLegendAutomatically().
class PlotPlacer : public QObject {
  public:
    explicit PlotPlacer(QCustomPlot& plot) : QObject(&plot), plot_(plot) {
        setObjectName(QStringLiteral("afd_plot_placer"));
        connect(&plot, &QCustomPlot::afterLayout, this, &PlotPlacer::afterLayout);
    }
    static PlotPlacer& of(QCustomPlot& plot) {
        // Only this class names a child so: the cast is safe.
        auto* placer = static_cast<PlotPlacer*>(plot.findChild<QObject*>(
            QStringLiteral("afd_plot_placer"), Qt::FindDirectChildrenOnly));
        return placer != nullptr ? *placer : *new PlotPlacer(plot);
    }
    QPointer<QCPAxisRect> legendRect;
    Qt::Alignment preferred = Qt::AlignTop | Qt::AlignRight;

  private:
    struct AxisState {
        QCPAxisTicker* ticker = nullptr;
        int tickCount = 0; // the view's own
        QString title;     // the view's own
        QString wrapped;   // what was set instead, if anything
    };

    void relayoutAll() {
        QCPLayoutGrid* root = plot_.plotLayout();
        root->update(QCPLayoutElement::upPreparation);
        root->update(QCPLayoutElement::upMargins);
        root->update(QCPLayoutElement::upLayout);
    }

    void afterLayout() {
        if (busy_) {
            return;
        }
        busy_ = true;
        placeLegend(); // first: outside the axes it changes their size
        if (fitAxes()) {
            placeLegend(); // the axes moved under it
        }
        for (int i = 0; i < plot_.itemCount(); ++i) {
            if (auto* labels = dynamic_cast<PlacedLabels*>(plot_.item(i))) {
                labels->place();
            }
        }
        busy_ = false;
    }

    // Every axis rect of the plot, those inside colour scales included.
    QList<QCPAxisRect*> allRects() const {
        QList<QCPAxisRect*> out = plot_.axisRects();
        for (QCPLayoutElement* e : plot_.plotLayout()->elements(true)) {
            if (auto* scale = qobject_cast<QCPColorScale*>(e);
                scale != nullptr && scale->visible()) {
                out << scale->axis()->axisRect();
            }
        }
        return out;
    }

    static QList<QCPAxis*> shownAxes(QCPAxisRect* rect) {
        QList<QCPAxis*> out;
        for (QCPAxis* a : rect->axes()) {
            if (a->visible()) {
                out << a;
            }
        }
        return out;
    }

    // Whether two neighbouring tick labels of the axis run into each other.
    static bool crowded(QCPAxis* a) {
        const QVector<double> ticks = a->tickVector();
        const QVector<QString> labels = a->tickVectorLabels();
        if (!a->tickLabels() || ticks.size() < 2 || labels.size() != ticks.size()) {
            return false;
        }
        const QFontMetricsF fm(a->tickLabelFont());
        const bool horizontal = a->orientation() == Qt::Horizontal;
        std::vector<std::pair<double, double>> spans; // centre, half extent
        for (int i = 0; i < ticks.size(); ++i) {
            const double p = a->coordToPixel(ticks[i]);
            if (!std::isfinite(p)) {
                continue;
            }
            const QRectF box =
                fm.boundingRect(QRectF(0, 0, 1e6, 1e6), Qt::AlignLeft | Qt::AlignTop, labels[i]);
            spans.emplace_back(p, (horizontal ? box.width() : box.height()) / 2);
        }
        std::sort(spans.begin(), spans.end());
        const double gap = horizontal ? fm.horizontalAdvance(QLatin1Char(' ')) * 1.5 : 1;
        for (std::size_t i = 1; i < spans.size(); ++i) {
            if (spans[i].first - spans[i - 1].first < spans[i].second + spans[i - 1].second + gap) {
                return true;
            }
        }
        return false;
    }

    // Breaks a title into lines no longer than `width` pixels, at spaces.
    static QString wrapTo(const QString& text, const QFontMetricsF& fm, double width) {
        QString out;
        QString line;
        for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QString tried = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
            if (!line.isEmpty() && fm.horizontalAdvance(tried) > width) {
                out += (out.isEmpty() ? QString() : QStringLiteral("\n")) + line;
                line = word;
            } else {
                line = tried;
            }
        }
        return out + (out.isEmpty() ? QString() : QStringLiteral("\n")) + line;
    }

    // Whether anything changed.
    bool fitAxes() {
        bool any = false;
        bool changed = false;
        // First the views' own settings back (a larger size may not need the changes).
        for (QCPAxisRect* rect : allRects()) {
            for (QCPAxis* a : shownAxes(rect)) {
                AxisState& st = axes_[a];
                if (st.ticker != a->ticker().data()) {
                    st.ticker = a->ticker().data();
                    st.tickCount = a->ticker() ? a->ticker()->tickCount() : 0;
                }
                if (a->label() != st.wrapped || st.wrapped.isEmpty()) {
                    st.title = a->label(); // set by the view since
                    st.wrapped.clear();
                } else {
                    a->setLabel(st.title);
                    st.wrapped.clear();
                    changed = true;
                }
                if (a->ticker() && a->ticker()->tickCount() != st.tickCount) {
                    a->ticker()->setTickCount(st.tickCount);
                    changed = true;
                }
            }
        }
        if (changed) {
            relayoutAll();
            any = true;
        }
        for (int round = 0; round < 4; ++round) {
            changed = false;
            for (QCPAxisRect* rect : allRects()) {
                for (QCPAxis* a : shownAxes(rect)) {
                    AxisState& st = axes_[a];
                    const double length =
                        a->orientation() == Qt::Horizontal ? rect->width() : rect->height();
                    if (!a->label().isEmpty() && st.wrapped.isEmpty()) {
                        const QFontMetricsF fm(a->labelFont());
                        // Two or three lines at most: a title broken further reads worse than
                        // one that runs past the axis.
                        const double width = std::max(length, fm.horizontalAdvance(a->label()) / 3);
                        if (fm.horizontalAdvance(a->label()) > length) {
                            st.wrapped = wrapTo(a->label(), fm, std::max(width, 40.0));
                            a->setLabel(st.wrapped);
                            changed = true;
                        }
                    }
                    // Fixed tick texts (named rows) are the view's to fit; counted ones thin.
                    if (a->ticker() && a->ticker()->tickCount() > 2 &&
                        a->ticker().dynamicCast<QCPAxisTickerText>().isNull() && crowded(a)) {
                        a->ticker()->setTickCount(a->ticker()->tickCount() - 1);
                        changed = true;
                    }
                }
            }
            if (!changed) {
                break;
            }
            relayoutAll();
            any = true;
        }
        return any;
    }

    bool findCell(QCPLayoutElement* e, int* row, int* col) const {
        QCPLayoutGrid* root = plot_.plotLayout();
        for (int r = 0; r < root->rowCount(); ++r) {
            for (int c = 0; c < root->columnCount(); ++c) {
                if (root->element(r, c) == e) {
                    *row = r;
                    *col = c;
                    return true;
                }
            }
        }
        return false;
    }

    void placeLegend() {
        QCPLegend* legend = plot_.legend;
        QCPAxisRect* rect = legendRect.data();
        if (rect == nullptr || legend == nullptr || !legend->visible() ||
            legend->itemCount() == 0) {
            return;
        }
        const bool inside = legend->layout() == rect->insetLayout();
        const bool outside = outside_ && legend->layout() == plot_.plotLayout();
        if (!inside && !outside) {
            return; // the view keeps its legend elsewhere itself
        }
        if (outside) { // measured as it would stand inside: one column
            legend->setWrap(0);
            legend->setFillOrder(QCPLayoutGrid::foRowsFirst, true);
        }
        const QSizeF size = legend->minimumOuterSizeHint();
        const QRectF area = QRectF(rect->rect());
        const LabelObstacles o = plotObstacles(plot_, *rect);
        std::vector<Qt::Alignment> corners{preferred};
        for (const Qt::Alignment c :
             {Qt::AlignTop | Qt::AlignRight, Qt::AlignTop | Qt::AlignLeft,
              Qt::AlignBottom | Qt::AlignRight, Qt::AlignBottom | Qt::AlignLeft}) {
            if (c != preferred) {
                corners.push_back(c);
            }
        }
        Qt::Alignment best = preferred;
        double bestCost = std::numeric_limits<double>::infinity();
        const bool fits = size.width() < area.width() * 0.9 && size.height() < area.height() * 0.9;
        QCPLayoutInset* inset = rect->insetLayout();
        const auto setCorner = [&](Qt::Alignment c) {
            for (int i = 0; i < inset->elementCount(); ++i) {
                if (inset->elementAt(i) == legend) {
                    inset->setInsetPlacement(i, QCPLayoutInset::ipBorderAligned);
                    inset->setInsetAlignment(i, c);
                }
            }
            inset->update(QCPLayoutElement::upLayout);
        };
        for (const Qt::Alignment c : corners) {
            QRectF r((c & Qt::AlignRight) != 0 ? area.right() - size.width() : area.left(),
                     (c & Qt::AlignBottom) != 0 ? area.bottom() - size.height() : area.top(),
                     size.width(), size.height());
            if (inside) { // where it really lands
                setCorner(c);
                r = QRectF(legend->outerRect());
            }
            double cost = 0;
            for (const QRectF& b : o.hard) {
                cost += touches(r, b) ? 10 : 0;
            }
            for (const QRectF& b : o.soft) {
                cost += touches(r, b) ? 1 : 0;
            }
            if (cost < bestCost) {
                best = c;
                bestCost = cost;
            }
        }
        if (fits && bestCost == 0) {
            if (outside) {
                plot_.plotLayout()->take(legend);
                plot_.plotLayout()->simplify();
                rect->insetLayout()->addElement(legend, best);
                outside_ = false;
                relayoutAll();
            } else {
                setCorner(best);
            }
            return;
        }
        int row = 0;
        int col = 0;
        if (inside) {
            rect->insetLayout()->take(legend);
            rect->insetLayout()->simplify();
            if (findCell(rect, &row, &col)) {
                // Beside the axes when that leaves them more room than below them (a wide
                // figure), else below, in as many columns as fit.
                const double widest = widestItem(legend);
                const int columns = std::clamp(int((area.width() + legend->columnSpacing()) /
                                                   (widest + legend->columnSpacing())),
                                               1, legend->itemCount());
                const int rows = (legend->itemCount() + columns - 1) / columns;
                const double rowHeight = size.height() / std::max(1, legend->itemCount());
                const double belowArea = area.width() * (area.height() - rows * rowHeight);
                const double besideArea = (area.width() - size.width()) * area.height();
                // Beside only when the legend is short: QCustomPlot stretches a legend over the
                // full height of its cell, which spreads a tall one's entries apart.
                right_ = besideArea > belowArea && size.height() < area.height() * 0.25;
                if (right_) {
                    plot_.plotLayout()->insertColumn(col + 1);
                    plot_.plotLayout()->addElement(row, col + 1, legend);
                    plot_.plotLayout()->setColumnStretchFactor(col + 1, 0.001);
                } else {
                    plot_.plotLayout()->insertRow(row + 1);
                    plot_.plotLayout()->addElement(row + 1, col, legend);
                    plot_.plotLayout()->setRowStretchFactor(row + 1, 0.001);
                }
                outside_ = true;
            } else { // nowhere to go: back where it was
                rect->insetLayout()->addElement(legend, preferred);
            }
        }
        if (outside_ && !right_) {
            // As many columns as fit the axis rect's width.
            const double widest = widestItem(legend);
            const int columns = std::clamp(
                int((area.width() + legend->columnSpacing()) / (widest + legend->columnSpacing())),
                1, legend->itemCount());
            legend->setWrap(columns);
            legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
        }
        if (outside_ && right_) {
            legend->setWrap(0);
            legend->setFillOrder(QCPLayoutGrid::foRowsFirst, true);
        }
        relayoutAll();
    }

    static double widestItem(QCPLegend* legend) {
        double widest = 1;
        for (int i = 0; i < legend->itemCount(); ++i) {
            widest = std::max(widest, double(legend->item(i)->minimumOuterSizeHint().width()));
        }
        return widest;
    }

    QCustomPlot& plot_;
    QHash<QCPAxis*, AxisState> axes_;
    bool busy_ = false;
    bool outside_ = false;
    bool right_ = false; // outside: beside the axes, else below them
};

} // namespace

void fitPlotText(QCustomPlot& plot) {
    PlotPlacer::of(plot);
}

void placeLegendAutomatically(QCustomPlot& plot, QCPAxisRect* rect, Qt::Alignment preferred) {
    PlotPlacer& placer = PlotPlacer::of(plot);
    placer.legendRect = rect;
    placer.preferred = preferred;
}

} // namespace afd::ui
