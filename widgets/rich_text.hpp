// SPDX-License-Identifier: GPL-3.0-or-later
// Mathematical notation in plots. QCustomPlot draws plain strings; these helpers turn the
// registry's ASCII symbols ("N_F", "sigma", "BW_out") into the paper's notation (N with a
// subscript F, σ, BW with a subscript out) and draw it as real text, so that it stays text in
// PDF and SVG exports. Private to widgets/ (includes qcustomplot.h).
//
// Convention: views keep their strings (axis labels, legend names, item texts) in the registry's
// spelling, so that CSV headers, tests and hover texts read as before; the rich axis painter,
// legend entry and text item below pass every string through notation() when they draw it.
// A string that is already HTML (isRichText) is drawn as given; one without notation is drawn
// exactly as QCustomPlot always drew it.
#pragma once

#include "qcustomplot_include.hpp"

#include <QString>
#include <QTextDocument>
#include <string_view>

namespace afd {
struct ParamSpec;
}

namespace afd::ui {

// Text with ASCII stand-ins ("N_F = 3", "lambda = t_a / t_f", "alpha_AFD", "M'") as HTML with
// subscripts and Greek letters. Every other character is escaped, so the result is safe to
// hand to any rich-text renderer; line breaks become <br>. This is the one conversion every
// plot string, legend name and symbol goes through.
//   A subscript is "_" followed by letters and digits, after a base of one to three letters or a
//   Greek name, as a whole word ("BW_out", "t_g0", "N_layers"; not "h200_sxm").
//   Greek names (alpha, sigma, lambda ..., lower case, whole words) become letters, also as
//   bases; a single letter followed by an apostrophe takes a prime (M' -> M′).
QString notation(const QString& text);
QString notation(std::string_view text);
// The same text for places that show only plain text (CSV headers, window titles): Greek
// letters, Unicode subscript characters where Unicode has them all (t_a -> tₐ), otherwise the
// base and subscript joined by an underscore as written.
QString notationPlain(const QString& text);
// Rich text back to plain text with the plain notation above (<sub>a</sub> -> ₐ or _a).
QString richToPlain(const QString& text);
// True when the text holds markup this module produces (<sub>, <sup>, <i>, <b>, <br>, <span>)
// or an HTML entity; such text is drawn as rich text, anything else as plain text.
bool isRichText(const QString& text);

// "FFN nodes N_F [nodes]": the parameter's label, its symbol when it has one, its unit in
// brackets when it has one, in the registry's spelling. Axis titles, legends and plot labels
// draw it in notation (they pass every string through notation()); CSV headers keep it as is.
QString parameterTitle(const ParamSpec& p);
// The symbol alone as HTML (or the label when there is no symbol), for rich-text QLabels.
QString parameterSymbolHtml(const ParamSpec& p);

// One laid-out text in a font, measured and drawn in the device's resolution. The text goes
// through notation() first: ASCII notation in a plain string is drawn as notation too.
class RichTextLayout {
  public:
    // Lays out again only when the text, font, alignment or device resolution changed. A null
    // device lays out for the screen, as QFontMetrics measures.
    void set(const QString& text, const QFont& font, QPaintDevice* device = nullptr,
             Qt::Alignment alignment = Qt::AlignLeft);
    QSizeF size() const { return size_; }
    // True when the text holds notation or markup; plain text is better drawn as QCustomPlot
    // draws it (same metrics as before).
    bool rich() const { return rich_; }
    // Height of the first line (legend icons are centred on it).
    double firstLineHeight() const { return firstLine_; }
    // Draws with the top-left corner at `topLeft` in the painter's coordinates.
    void draw(QPainter* painter, const QPointF& topLeft, const QColor& colour) const;

  private:
    QTextDocument doc_;
    QString text_;
    QString html_;
    bool rich_ = false;
    QString fontKey_;
    QPaintDevice* device_ = nullptr;
    int dpi_ = -1;
    int alignment_ = -1;
    QSizeF size_;
    double firstLine_ = 0;
};

// The size of a text as RichTextLayout draws it on screen.
QSizeF richTextSize(const QString& text, const QFont& font);

// QCPItemText that draws rich text; plain text is drawn as QCPItemText draws it. Anchors
// (topLeft, bottomRight, ...) follow the drawn box either way.
class RichTextItem : public QCPItemText {
    Q_OBJECT
  public:
    explicit RichTextItem(QCustomPlot* plot) : QCPItemText(plot) {}
    // The text box (text plus padding) in pixels, as drawn.
    QRectF textBox() const;

  protected:
    void draw(QCPPainter* painter) override;
    QPointF anchorPixelPosition(int anchorId) const override;

  private:
    QRectF localBox(QSizeF textSize) const;
    mutable RichTextLayout measure_;
    mutable RichTextLayout layout_;
};

// Legend entry that draws its plottable's name as rich text and takes its size from the laid-out
// text (taller entries for subscripts, descenders kept).
class RichLegendItem : public QCPPlottableLegendItem {
    Q_OBJECT
  public:
    RichLegendItem(QCPLegend* parent, QCPAbstractPlottable* plottable);
    QSize minimumOuterSizeHint() const override; // public, as for every layout element

  protected:
    void draw(QCPPainter* painter) override;

  private:
    mutable RichTextLayout measure_;
    mutable RichTextLayout layout_;
};

// Makes every axis title (colour scales included) and legend entry of the plot draw rich text.
// Idempotent and cheap; also done before every replot, so entries added later are covered.
void enableRichText(QCustomPlot& plot);

// HFU and other fractions on an axis read in percent: the data stay fractions, tick 0.2 is
// labelled "20" and the axis title says "[%]". A positive step fixes the tick spacing (as a
// fraction: 0.1 for every 10 %).
void setPercentTicks(QCPAxis* axis, double step = 0);

} // namespace afd::ui
