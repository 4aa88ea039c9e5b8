// SPDX-License-Identifier: GPL-3.0-or-later
#include "rich_text.hpp"

#include "afd/parameters.hpp"

#include <QAbstractTextDocumentLayout>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextLayout>
#include <algorithm>
#include <cmath>
#include <utility>

namespace afd::ui {
namespace {

struct Greek {
    const char* name;
    char16_t letter;
};
// Lower-case names only: a capitalised word ("Beta") is prose, not a symbol. Short names that
// are also English or unit words (nu, xi, pi, chi) are left alone.
constexpr Greek kGreek[] = {{"alpha", u'α'},   {"beta", u'β'}, {"gamma", u'γ'}, {"delta", u'δ'},
                            {"epsilon", u'ε'}, {"eta", u'η'},  {"theta", u'θ'}, {"kappa", u'κ'},
                            {"lambda", u'λ'},  {"mu", u'μ'},   {"rho", u'ρ'},   {"sigma", u'σ'},
                            {"tau", u'τ'},     {"phi", u'φ'},  {"omega", u'ω'}};

QString greekLetter(const QString& word) {
    for (const Greek& g : kGreek) {
        if (word == QLatin1String(g.name)) {
            return QString(QChar(g.letter));
        }
    }
    return {};
}

// Unicode has subscript forms of the digits and of these lower-case letters only.
QChar subscriptChar(QChar c) {
    if (c >= QLatin1Char('0') && c <= QLatin1Char('9')) {
        return QChar(char16_t(0x2080 + (c.unicode() - u'0')));
    }
    constexpr char16_t kLetters[] = u"aehijklmnoprstuvx";
    constexpr char16_t kSubscripts[] = u"ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ";
    static_assert(sizeof(kLetters) == sizeof(kSubscripts));
    for (std::size_t i = 0; kLetters[i] != 0; ++i) {
        if (c.unicode() == kLetters[i]) {
            return QChar(kSubscripts[i]);
        }
    }
    return {};
}

// "_F" when one character has no subscript form: a partly lowered word would read worse.
QString plainSubscript(const QString& sub) {
    QString out;
    for (QChar c : sub) {
        const QChar s = subscriptChar(c);
        if (s.isNull()) {
            return QLatin1Char('_') + sub;
        }
        out += s;
    }
    return out;
}

// A letter with a prime, or a word optionally followed by "_subscript"; whole words only, so
// "h200_sxm" and "gap_ms" inside a longer identifier stay as written.
const QRegularExpression& tokenPattern() {
    static const QRegularExpression re(
        QStringLiteral("(?<![A-Za-z0-9_])([A-Za-z])'(?![A-Za-z])"
                       "|(?<![A-Za-z0-9_])([A-Za-z]+)(?:_([A-Za-z0-9]+))?(?![A-Za-z0-9_])"));
    return re;
}

enum class Mode { Html, Plain };

QString convert(const QString& text, Mode mode, bool* changed) {
    const auto escape = [mode](const QString& s) {
        return mode == Mode::Html ? s.toHtmlEscaped() : s;
    };
    QString out;
    bool notationFound = false;
    qsizetype last = 0;
    auto it = tokenPattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        QString replacement;
        if (m.capturedLength(1) > 0) {
            replacement = escape(m.captured(1)) + QChar(u'′');
        } else {
            const QString base = m.captured(2);
            const QString sub = m.captured(3);
            const QString greek = greekLetter(base);
            if (greek.isEmpty() && (sub.isEmpty() || base.size() > 3)) {
                continue; // an ordinary word, copied with the text around it
            }
            replacement = greek.isEmpty() ? escape(base) : greek;
            if (!sub.isEmpty()) {
                const QString subGreek = greekLetter(sub);
                const QString s = subGreek.isEmpty() ? sub : subGreek;
                replacement +=
                    mode == Mode::Html
                        ? QString(QStringLiteral("<sub>") + escape(s) + QStringLiteral("</sub>"))
                        : (subGreek.isEmpty() ? plainSubscript(s) : s);
            }
        }
        out += escape(text.mid(last, m.capturedStart() - last)) + replacement;
        last = m.capturedEnd();
        notationFound = true;
    }
    out += escape(text.mid(last));
    if (changed != nullptr) {
        *changed = notationFound;
    }
    return out;
}

QString fontKey(const QFont& font) {
    return font.toString();
}

// QCPAxis keeps its painter in a protected member; a derived type may name it.
struct AxisPainterAccess : QCPAxis {
    static QCPAxisPainterPrivate*& of(QCPAxis* axis) {
        return axis->*(&AxisPainterAccess::mAxisPainter);
    }
};

// A plottable draws its legend icon through a protected function that QCustomPlot's own legend
// entry may call; a derived type may name it too.
struct PlottableAccess : QCPAbstractPlottable {
    static void drawIcon(const QCPAbstractPlottable* p, QCPPainter* painter, const QRectF& rect) {
        (p->*(&PlottableAccess::drawLegendIcon))(painter, rect);
    }
};

// Draws the axis title as rich text: the base class draws everything else with the title
// cleared, and the title goes where QCustomPlot would have put it (rotated on vertical axes).
class RichAxisPainter : public QCPAxisPainterPrivate {
  public:
    explicit RichAxisPainter(QCustomPlot* plot) : QCPAxisPainterPrivate(plot) {}

    int size() override {
        measure_.set(label, labelFont, nullptr, Qt::AlignHCenter);
        if (!measure_.rich()) {
            return QCPAxisPainterPrivate::size();
        }
        const int inner = sizeWithoutTitle();
        return inner + labelPadding + int(std::ceil(measure_.size().height()));
    }

    void draw(QCPPainter* painter) override {
        title_.set(label, labelFont, painter->device(), Qt::AlignHCenter);
        if (!title_.rich()) {
            QCPAxisPainterPrivate::draw(painter);
            return;
        }
        const int inner = sizeWithoutTitle();
        const QString title = std::exchange(label, QString());
        QCPAxisPainterPrivate::draw(painter);
        label = title;
        const QSizeF s = title_.size();
        const double distance = offset + inner + labelPadding;
        painter->save();
        switch (type) {
        case QCPAxis::atBottom:
            title_.draw(
                painter,
                QPointF(axisRect.center().x() - s.width() / 2, axisRect.bottom() + distance),
                labelColor);
            break;
        case QCPAxis::atTop:
            title_.draw(painter,
                        QPointF(axisRect.center().x() - s.width() / 2,
                                axisRect.top() - distance - s.height()),
                        labelColor);
            break;
        case QCPAxis::atLeft:
            // Reads bottom to top; the text's top edge faces away from the axis.
            painter->translate(axisRect.left() - distance - s.height(), axisRect.center().y());
            painter->rotate(-90);
            title_.draw(painter, QPointF(-s.width() / 2, 0), labelColor);
            break;
        case QCPAxis::atRight:
            painter->translate(axisRect.right() + distance + s.height(), axisRect.center().y());
            painter->rotate(90);
            title_.draw(painter, QPointF(-s.width() / 2, 0), labelColor);
            break;
        }
        painter->restore();
    }

    void copyFrom(const QCPAxisPainterPrivate& o) {
        type = o.type;
        basePen = o.basePen;
        lowerEnding = o.lowerEnding;
        upperEnding = o.upperEnding;
        labelPadding = o.labelPadding;
        labelFont = o.labelFont;
        labelColor = o.labelColor;
        label = o.label;
        tickLabelPadding = o.tickLabelPadding;
        tickLabelRotation = o.tickLabelRotation;
        tickLabelSide = o.tickLabelSide;
        substituteExponent = o.substituteExponent;
        numberMultiplyCross = o.numberMultiplyCross;
        tickLengthIn = o.tickLengthIn;
        tickLengthOut = o.tickLengthOut;
        subTickLengthIn = o.subTickLengthIn;
        subTickLengthOut = o.subTickLengthOut;
        tickPen = o.tickPen;
        subTickPen = o.subTickPen;
        tickLabelFont = o.tickLabelFont;
        tickLabelColor = o.tickLabelColor;
        axisRect = o.axisRect;
        viewportRect = o.viewportRect;
        offset = o.offset;
        abbreviateDecimalPowers = o.abbreviateDecimalPowers;
        reversedEndings = o.reversedEndings;
        subTickPositions = o.subTickPositions;
        tickPositions = o.tickPositions;
        tickLabels = o.tickLabels;
    }

  private:
    int sizeWithoutTitle() {
        const QString title = std::exchange(label, QString());
        const int s = QCPAxisPainterPrivate::size();
        label = title;
        return s;
    }

    RichTextLayout measure_; // for the screen, as QCustomPlot's layout measures
    RichTextLayout title_;   // for the device drawn on
};

void enableRichAxis(QCPAxis* axis) {
    QCPAxisPainterPrivate*& painter = AxisPainterAccess::of(axis);
    if (dynamic_cast<RichAxisPainter*>(painter) != nullptr) {
        return;
    }
    auto* rich = new RichAxisPainter(axis->parentPlot());
    rich->copyFrom(*painter);
    delete painter;
    painter = rich;
}

void enableRichLegend(QCPLegend* legend) {
    for (int i = 0; i < legend->itemCount(); ++i) {
        auto* old = legend->item(i);
        // Exactly QCustomPlot's own entry: subclasses (ours, or another special entry) stay.
        if (old == nullptr || old->metaObject() != &QCPPlottableLegendItem::staticMetaObject) {
            continue;
        }
        auto* plain = static_cast<QCPPlottableLegendItem*>(old);
        auto* rich = new RichLegendItem(legend, plain->plottable());
        rich->setFont(plain->font());
        rich->setTextColor(plain->textColor());
        rich->setSelectedFont(plain->selectedFont());
        rich->setSelectedTextColor(plain->selectedTextColor());
        rich->setSelectable(plain->selectable());
        rich->setSelected(plain->selected());
        rich->setMargins(plain->margins());
        rich->setMinimumMargins(plain->minimumMargins());
        rich->setLayer(plain->layer());
        rich->setVisible(plain->visible());
        int row = 0;
        int column = 0;
        legend->indexToRowCol(i, row, column);
        legend->take(plain);
        legend->addElement(row, column, rich);
        delete plain;
    }
}

template <class Base>
class PercentTicker : public Base {
  protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override {
        // 0.3 * 100 is 30.000000000000004: six significant digits print "30".
        return Base::getTickLabel(tick * 100.0, locale, formatChar, std::min(precision, 6));
    }
};

} // namespace

QString notation(const QString& text) {
    if (isRichText(text)) {
        return text; // already converted
    }
    bool changed = false;
    QString html = convert(text, Mode::Html, &changed);
    // Text without notation or characters HTML would read stays plain: QCustomPlot draws it as
    // it always did.
    if (!changed && html == text) {
        return text;
    }
    return html.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

QString notation(std::string_view text) {
    return notation(QString::fromUtf8(text.data(), qsizetype(text.size())));
}

QString notationPlain(const QString& text) {
    return convert(text, Mode::Plain, nullptr);
}

QString richToPlain(const QString& text) {
    if (!isRichText(text)) {
        return text;
    }
    static const QRegularExpression sub(QStringLiteral("<sub>(.*?)</sub>"));
    static const QRegularExpression br(QStringLiteral("<br\\s*/?>"));
    static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
    QString out;
    qsizetype last = 0;
    auto it = sub.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString inner = m.captured(1);
        const bool greek = inner.size() == 1 && inner.at(0).script() == QChar::Script_Greek;
        out += text.mid(last, m.capturedStart() - last) + (greek ? inner : plainSubscript(inner));
        last = m.capturedEnd();
    }
    out += text.mid(last);
    out.replace(br, QStringLiteral("\n"));
    out.remove(tag);
    out.replace(QLatin1String("&lt;"), QLatin1String("<"))
        .replace(QLatin1String("&gt;"), QLatin1String(">"))
        .replace(QLatin1String("&quot;"), QLatin1String("\""))
        .replace(QLatin1String("&#39;"), QLatin1String("'"))
        .replace(QLatin1String("&amp;"), QLatin1String("&"));
    return out;
}

bool isRichText(const QString& text) {
    if (!text.contains(QLatin1Char('<')) && !text.contains(QLatin1Char('&'))) {
        return false; // the common case, without a regular expression
    }
    static const QRegularExpression re(
        QStringLiteral("</?(sub|sup|i|b|br|span)\\b[^>]*>|&(lt|gt|amp|quot|#\\d+);"));
    return re.match(text).hasMatch();
}

QString parameterSymbolHtml(const ParamSpec& p) {
    return notation(p.symbol.empty() ? p.label : p.symbol);
}

QString parameterTitle(const ParamSpec& p) {
    QString text = QString::fromUtf8(p.label.data(), qsizetype(p.label.size()));
    if (!p.symbol.empty()) {
        text += QLatin1Char(' ') + QString::fromUtf8(p.symbol.data(), qsizetype(p.symbol.size()));
    }
    if (!p.unit.empty()) {
        QString unit = QString::fromUtf8(p.unit.data(), qsizetype(p.unit.size()));
        if (unit == QLatin1String("us")) {
            unit = QStringLiteral("µs");
        }
        text += QStringLiteral(" [") + unit + QLatin1Char(']');
    }
    return text;
}

void RichTextLayout::set(const QString& text, const QFont& font, QPaintDevice* device,
                         Qt::Alignment alignment) {
    const int dpi = device != nullptr ? device->logicalDpiY() : 0;
    const QString key = fontKey(font);
    const int align = int(alignment & Qt::AlignHorizontal_Mask);
    // The device itself is part of the key: the layout keeps a pointer to it, and an export's
    // printer is gone after the export while the next one may have the same resolution.
    if (text == text_ && key == fontKey_ && device == device_ && dpi == dpi_ &&
        align == alignment_) {
        return;
    }
    device_ = device;
    if (text != text_) {
        html_ = notation(text);
        // Greek letters alone change the text without markup: still drawn from html_.
        rich_ = html_ != text || isRichText(html_);
    }
    text_ = text;
    fontKey_ = key;
    dpi_ = dpi;
    alignment_ = align;
    doc_.documentLayout()->setPaintDevice(device);
    doc_.setDocumentMargin(0);
    doc_.setDefaultFont(font);
    QTextOption option;
    option.setAlignment(Qt::Alignment(align));
    option.setWrapMode(QTextOption::NoWrap);
    doc_.setDefaultTextOption(option);
    doc_.setTextWidth(-1);
    if (rich_) {
        // Qt draws <sub> at two thirds of the size, too small to read on a slide or in a
        // column figure; one step larger ("large", 1.2) gives 0.8 of the text size, near what
        // TeX uses for a first-level subscript.
        QString html = html_;
        html.replace(QLatin1String("<sub>"), QLatin1String("<sub style=\"font-size:large\">"));
        if (html.contains(QLatin1String("<br"))) {
            // A lowered subscript on one line would reach into the next at single spacing.
            html = QStringLiteral("<p style=\"margin:0; line-height:115%\">") + html +
                   QStringLiteral("</p>");
        }
        doc_.setHtml(html);
    } else {
        doc_.setPlainText(html_);
    }
    // Centred lines need the width of the widest one to centre in.
    doc_.setTextWidth(doc_.idealWidth());
    size_ = doc_.size();
    firstLine_ = size_.height();
    const QTextBlock first = doc_.firstBlock();
    if (first.isValid() && first.layout() != nullptr && first.layout()->lineCount() > 0) {
        firstLine_ = first.layout()->lineAt(0).height();
    }
}

void RichTextLayout::draw(QPainter* painter, const QPointF& topLeft, const QColor& colour) const {
    painter->save();
    painter->translate(topLeft);
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette.setColor(QPalette::Text, colour);
    doc_.documentLayout()->draw(painter, context);
    painter->restore();
}

QSizeF richTextSize(const QString& text, const QFont& font) {
    RichTextLayout layout;
    layout.set(text, font);
    return layout.size();
}

QRectF RichTextItem::localBox(QSizeF textSize) const {
    QRectF box(0, 0, textSize.width(), textSize.height());
    box.adjust(-mPadding.left(), -mPadding.top(), mPadding.right(), mPadding.bottom());
    box.moveTopLeft(getTextDrawPoint(QPointF(0, 0), box, mPositionAlignment));
    return box;
}

QRectF RichTextItem::textBox() const {
    QSizeF size;
    measure_.set(mText, mainFont(), nullptr, mTextAlignment);
    if (measure_.rich()) {
        size = measure_.size();
    } else {
        size = QFontMetrics(mainFont())
                   .boundingRect(0, 0, 0, 0, Qt::TextDontClip | mTextAlignment, mText)
                   .size();
    }
    const QPointF pos = position->pixelPosition();
    QTransform transform;
    transform.translate(pos.x(), pos.y());
    transform.rotate(mRotation);
    return transform.mapRect(localBox(size));
}

void RichTextItem::draw(QCPPainter* painter) {
    layout_.set(mText, mainFont(), painter->device(), mTextAlignment);
    if (!layout_.rich()) {
        QCPItemText::draw(painter);
        return;
    }
    const QPointF pos = position->pixelPosition();
    QTransform transform = painter->transform();
    transform.translate(pos.x(), pos.y());
    if (!qFuzzyIsNull(mRotation)) {
        transform.rotate(mRotation);
    }
    const QRectF box = localBox(layout_.size());
    const double clipPad = std::ceil(mainPen().widthF());
    const QRectF bounds = box.adjusted(-clipPad, -clipPad, clipPad, clipPad);
    if (!transform.mapRect(bounds).intersects(painter->transform().mapRect(QRectF(clipRect())))) {
        return;
    }
    painter->setTransform(transform);
    if ((mainBrush().style() != Qt::NoBrush && mainBrush().color().alpha() != 0) ||
        (mainPen().style() != Qt::NoPen && mainPen().color().alpha() != 0)) {
        painter->setPen(mainPen());
        painter->setBrush(mainBrush());
        painter->drawRect(box);
    }
    layout_.draw(painter, box.topLeft() + QPointF(mPadding.left(), mPadding.top()), mainColor());
}

QPointF RichTextItem::anchorPixelPosition(int anchorId) const {
    measure_.set(mText, mainFont(), nullptr, mTextAlignment);
    if (!measure_.rich()) {
        return QCPItemText::anchorPixelPosition(anchorId);
    }
    const QPointF pos = position->pixelPosition();
    QTransform transform;
    transform.translate(pos.x(), pos.y());
    if (!qFuzzyIsNull(mRotation)) {
        transform.rotate(mRotation);
    }
    const QPolygonF poly = transform.map(QPolygonF(localBox(measure_.size())));
    switch (anchorId) {
    case aiTopLeft:
        return poly.at(0);
    case aiTop:
        return (poly.at(0) + poly.at(1)) * 0.5;
    case aiTopRight:
        return poly.at(1);
    case aiRight:
        return (poly.at(1) + poly.at(2)) * 0.5;
    case aiBottomRight:
        return poly.at(2);
    case aiBottom:
        return (poly.at(2) + poly.at(3)) * 0.5;
    case aiBottomLeft:
        return poly.at(3);
    case aiLeft:
        return (poly.at(3) + poly.at(0)) * 0.5;
    default:
        return {};
    }
}

RichLegendItem::RichLegendItem(QCPLegend* parent, QCPAbstractPlottable* plottable)
    : QCPPlottableLegendItem(parent, plottable) {}

QSize RichLegendItem::minimumOuterSizeHint() const {
    if (mPlottable == nullptr) {
        return {};
    }
    measure_.set(mPlottable->name(), getFont());
    const QSize icon = mParentLegend->iconSize();
    const QSizeF text = measure_.size();
    QSize result(icon.width() + mParentLegend->iconTextPadding() + int(std::ceil(text.width())),
                 std::max(int(std::ceil(text.height())), icon.height()));
    result.rwidth() += mMargins.left() + mMargins.right();
    result.rheight() += mMargins.top() + mMargins.bottom();
    return result;
}

void RichLegendItem::draw(QCPPainter* painter) {
    if (mPlottable == nullptr) {
        return;
    }
    layout_.set(mPlottable->name(), getFont(), painter->device());
    const QSize iconSize = mParentLegend->iconSize();
    // The icon is centred on the first line of text, the text on the icon when it is shorter.
    const double line = layout_.firstLineHeight();
    const int iconTop = mRect.top() + std::max(0, int(std::lround((line - iconSize.height()) / 2)));
    const double textTop = mRect.top() + std::max(0.0, (iconSize.height() - line) / 2);
    layout_.draw(painter,
                 QPointF(mRect.x() + iconSize.width() + mParentLegend->iconTextPadding(), textTop),
                 getTextColor());
    const QRect iconRect(QPoint(mRect.left(), iconTop), iconSize);
    painter->save();
    painter->setClipRect(iconRect, Qt::IntersectClip);
    PlottableAccess::drawIcon(mPlottable, painter, iconRect);
    painter->restore();
    if (getIconBorderPen().style() != Qt::NoPen) {
        painter->setPen(getIconBorderPen());
        painter->setBrush(Qt::NoBrush);
        const int halfPen = int(std::ceil(painter->pen().widthF() * 0.5)) + 1;
        painter->setClipRect(mOuterRect.adjusted(-halfPen, -halfPen, halfPen, halfPen));
        painter->drawRect(iconRect);
    }
}

void enableRichText(QCustomPlot& plot) {
    static const char* const kHooked = "afdRichText";
    if (!plot.property(kHooked).toBool()) {
        plot.setProperty(kHooked, true);
        QObject::connect(&plot, &QCustomPlot::beforeReplot, &plot,
                         [p = &plot] { enableRichText(*p); });
    }
    for (QCPAxisRect* rect : plot.axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            enableRichAxis(axis);
        }
    }
    if (plot.legend != nullptr) {
        enableRichLegend(plot.legend);
    }
    for (QCPLayoutElement* element : plot.plotLayout()->elements(true)) {
        if (auto* legend = qobject_cast<QCPLegend*>(element)) {
            enableRichLegend(legend);
        } else if (auto* scale = qobject_cast<QCPColorScale*>(element)) {
            enableRichAxis(scale->axis());
        }
    }
}

void setPercentTicks(QCPAxis* axis, double step) {
    if (step > 0) {
        auto* fixed = new PercentTicker<QCPAxisTickerFixed>;
        fixed->setTickStep(step);
        axis->setTicker(QSharedPointer<QCPAxisTicker>(fixed));
    } else {
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new PercentTicker<QCPAxisTicker>));
    }
    // "20", not "20.0": six significant digits print whole percentages bare.
    axis->setNumberFormat(QStringLiteral("g"));
    axis->setNumberPrecision(6);
}

} // namespace afd::ui
