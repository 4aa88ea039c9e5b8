// SPDX-License-Identifier: GPL-3.0-or-later
// Notation in plots: the registry's ASCII symbols become subscripts and Greek letters (cases
// written out by hand below), every view's exported PDF carries no ASCII stand-in and shows
// subscripts as smaller, lowered text, HFU axes read in percent, and a rich legend entry takes
// its size from its text.
#include "afd/parameters.hpp"
#include "afd/presets.hpp"
#include "exporter.hpp"
#include "main_window.hpp"
#include "qcustomplot_include.hpp"
#include "rich_text.hpp"
#include "scenario_controller.hpp"
#include "test_support.hpp"
#include "views.hpp"
#include "widget_test_main.hpp"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocumentFragment>
#include <memory>

using namespace afd;
using namespace afd::ui;

namespace {

// figure-lint's pattern for ASCII stand-ins (/work/shared/tools/figure-lint, ASCII).
const QRegularExpression& asciiNotation() {
    static const QRegularExpression re(
        QStringLiteral("\\b(N_[AF]|S_t|BW_(?:out|up|mem|eff)|alpha_\\w+|lambda\\w*|sigma\\b|t_["
                       "Bafcg]\\b|G_c|I_c)"));
    return re;
}

// What a reader sees of a rich text: the characters, subscripts inline.
QString visible(const QString& html) {
    return QTextDocumentFragment::fromHtml(html).toPlainText();
}

struct Word {
    QRectF box;
    QString text;
};
using Line = QVector<Word>;

// The text lines of a PDF as pdftotext -bbox-layout reports them (empty when it cannot run).
QVector<Line> pdfLines(const QString& pdf, QString* error) {
    QTemporaryDir dir;
    const QString html = dir.filePath(QStringLiteral("out.html"));
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-bbox-layout"), pdf, html});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *error = QString::fromLocal8Bit(p.readAllStandardError());
        return {};
    }
    QFile f(html);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("no pdftotext output");
        return {};
    }
    const QString text = QString::fromUtf8(f.readAll());
    static const QRegularExpression lineRe(QStringLiteral("<line [^>]*>(.*?)</line>"),
                                           QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression wordRe(
        QStringLiteral("<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" "
                       "yMax=\"([\\d.]+)\">([^<]*)</word>"));
    QVector<Line> lines;
    auto it = lineRe.globalMatch(text);
    while (it.hasNext()) {
        const QString inner = it.next().captured(1);
        Line line;
        auto w = wordRe.globalMatch(inner);
        while (w.hasNext()) {
            const auto m = w.next();
            const QPointF a(m.captured(1).toDouble(), m.captured(2).toDouble());
            const QPointF b(m.captured(3).toDouble(), m.captured(4).toDouble());
            // pdftotext escapes &, < and > in words.
            QString word = m.captured(5);
            word.replace(QLatin1String("&lt;"), QLatin1String("<"))
                .replace(QLatin1String("&gt;"), QLatin1String(">"))
                .replace(QLatin1String("&amp;"), QLatin1String("&"));
            line.push_back({QRectF(a, b), word});
        }
        lines.push_back(line);
    }
    return lines;
}

QString joined(const Line& line) {
    QStringList words;
    for (const Word& w : line) {
        words << w.text;
    }
    return words.join(QLatin1Char(' '));
}

} // namespace

class TestTypography : public QObject {
    Q_OBJECT
  private slots:
    void notationCases_data();
    void notationCases();
    void plainFallback();
    void everySymbolReadsAsNotation();
    void parameterTitles();
    void pdfsCarryNoAsciiNotation_data();
    void pdfsCarryNoAsciiNotation();
    void subscriptIsSmallerAndLower();
    void oneViewExportedAgainAndAgain();
    void hfuAxesReadInPercent();
    void richLegendEntryGrowsWithItsText();
    void richAxisTitleReservesItsHeight();
    void richTextItemAnchorsFollowTheDrawnBox();
};

void TestTypography::notationCases_data() {
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    const auto row = [](const char* name, const QString& in, const QString& out) {
        QTest::newRow(name) << in << out;
    };
    // Each expected string is the paper's notation written out as HTML.
    row("N_F", QStringLiteral("N_F"), QStringLiteral("N<sub>F</sub>"));
    row("N_A in text", QStringLiteral("lambda = N_A / N_F"),
        QStringLiteral("λ = N<sub>A</sub> / N<sub>F</sub>"));
    row("sigma", QStringLiteral("sigma"), QStringLiteral("σ"));
    row("BW_out", QStringLiteral("BW_out"), QStringLiteral("BW<sub>out</sub>"));
    row("BW_mem", QStringLiteral("FLOPS / BW_mem"), QStringLiteral("FLOPS / BW<sub>mem</sub>"));
    row("alpha_AFD", QStringLiteral("alpha_AFD"), QStringLiteral("α<sub>AFD</sub>"));
    row("lambda_EP", QStringLiteral("lambda_EP"), QStringLiteral("λ<sub>EP</sub>"));
    row("eta_attn", QStringLiteral("eta_attn"), QStringLiteral("η<sub>attn</sub>"));
    row("t_a/t_f", QStringLiteral("t_a/t_f"), QStringLiteral("t<sub>a</sub>/t<sub>f</sub>"));
    row("t_g0", QStringLiteral("t_g0"), QStringLiteral("t<sub>g0</sub>"));
    row("L_accept", QStringLiteral("L_accept"), QStringLiteral("L<sub>accept</sub>"));
    row("S_t with times", QStringLiteral("× S_t = 0.5"), QStringLiteral("× S<sub>t</sub> = 0.5"));
    row("prime", QStringLiteral("M'"), QStringLiteral("M′"));
    row("title with unit", QStringLiteral("FFN nodes N_F [nodes]"),
        QStringLiteral("FFN nodes N<sub>F</sub> [nodes]"));
    row("lines", QStringLiteral("not deployable:\nN_F = 3"),
        QStringLiteral("not deployable:<br>N<sub>F</sub> = 3"));
    row("escapes", QStringLiteral("a < b & N_F"), QStringLiteral("a &lt; b &amp; N<sub>F</sub>"));
    // Left as written: plain prose stays plain text (not rich), identifiers with digits or long
    // bases are not notation, and words that merely contain a Greek name stay words.
    row("plain", QStringLiteral("Tokens/s per GPU"), QStringLiteral("Tokens/s per GPU"));
    row("plain lines", QStringLiteral("two\nlines"), QStringLiteral("two\nlines"));
    row("hardware key", QStringLiteral("h200_sxm"), QStringLiteral("h200_sxm"));
    row("long base", QStringLiteral("gpus_per_node"), QStringLiteral("gpus_per_node"));
    row("sigmas", QStringLiteral("sigmas"), QStringLiteral("sigmas"));
    row("apostrophe", QStringLiteral("EP's tokens"), QStringLiteral("EP's tokens"));
    row("already rich", QStringLiteral("N<sub>F</sub>"), QStringLiteral("N<sub>F</sub>"));
}

void TestTypography::notationCases() {
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(notation(in), out);
    QCOMPARE(notation(notation(in)), out); // idempotent
    // Markup or an entity makes a string rich; Greek letters alone do not.
    QCOMPARE(isRichText(out), out.contains(QLatin1Char('<')) || out.contains(QLatin1Char('&')));
}

void TestTypography::plainFallback() {
    // Unicode has subscript a, e, t ... and the digits, but no subscript F or g.
    QCOMPARE(notationPlain(QStringLiteral("t_a / t_f")), QStringLiteral("t\u2090 / t_f"));
    QCOMPARE(notationPlain(QStringLiteral("sigma = 0.9")), QStringLiteral("σ = 0.9"));
    QCOMPARE(notationPlain(QStringLiteral("t_g0")), QStringLiteral("t_g0"));
    QCOMPARE(notationPlain(QStringLiteral("S_t")), QStringLiteral("S\u209C"));
    QCOMPARE(notationPlain(QStringLiteral("lambda_EP")), QStringLiteral("λ_EP"));
    QCOMPARE(richToPlain(QStringLiteral("N<sub>F</sub> = 3 &amp; σ<br>S<sub>t</sub>")),
             QStringLiteral("N_F = 3 & σ\nS\u209C"));
    QCOMPARE(richToPlain(QStringLiteral("α<sub>AFD</sub>")), QStringLiteral("α_AFD"));
    QCOMPARE(richToPlain(QStringLiteral("plain text")), QStringLiteral("plain text"));
}

void TestTypography::everySymbolReadsAsNotation() {
    for (const ParamSpec& p : parameters()) {
        for (std::string_view s : {p.symbol, p.label}) {
            const QString html = notation(s);
            const QString seen = visible(html);
            QVERIFY2(!asciiNotation().match(seen).hasMatch(),
                     qPrintable(QString::fromUtf8(s.data(), qsizetype(s.size())) +
                                QStringLiteral(" -> ") + seen));
            QVERIFY2(!seen.contains(QLatin1Char('<')), qPrintable(seen));
        }
    }
    // The paper's symbols by hand.
    QCOMPARE(parameterSymbolHtml(spec(Param::Nf)), QStringLiteral("N<sub>F</sub>"));
    QCOMPARE(parameterSymbolHtml(spec(Param::Sigma)), QStringLiteral("σ"));
    QCOMPARE(parameterSymbolHtml(spec(Param::GapMs)), QStringLiteral("t<sub>g</sub>"));
    QCOMPARE(parameterSymbolHtml(spec(Param::AcceptLen)), QStringLiteral("L<sub>accept</sub>"));
    QCOMPARE(parameterSymbolHtml(spec(Param::ScaleUpBwGbS)), QStringLiteral("BW<sub>up</sub>"));
    QCOMPARE(parameterSymbolHtml(spec(Param::SharedIntermediateSize)), QStringLiteral("M′"));
    // No symbol: the label.
    QCOMPARE(parameterSymbolHtml(spec(Param::HbmCapacityGb)), QStringLiteral("HBM capacity"));
}

void TestTypography::parameterTitles() {
    QCOMPARE(parameterTitle(spec(Param::ScaleOutBwGbS)),
             QStringLiteral("Scale-out bandwidth BW_out [GB/s]"));
    QCOMPARE(notation(parameterTitle(spec(Param::ScaleOutBwGbS))),
             QStringLiteral("Scale-out bandwidth BW<sub>out</sub> [GB/s]"));
    QCOMPARE(parameterTitle(spec(Param::Nf)), QStringLiteral("FFN nodes N_F [nodes]"));
    QCOMPARE(parameterTitle(spec(Param::HbmCapacityGb)), QStringLiteral("HBM capacity [GB]"));
    QCOMPARE(parameterTitle(spec(Param::KernelTimeUs)),
             QStringLiteral("Kernel fixed time t_k [µs]"));
    QCOMPARE(parameterTitle(spec(Param::Sigma)), QStringLiteral("Balancedness sigma"));
}

void TestTypography::pdfsCarryNoAsciiNotation_data() {
    QTest::addColumn<QString>("view");
    QTest::addColumn<QSize>("size");
    for (const QString& v : viewKeys()) {
        QTest::newRow(qPrintable(v + QStringLiteral(" 1600x1000"))) << v << QSize(1600, 1000);
        QTest::newRow(qPrintable(v + QStringLiteral(" 504x315"))) << v << QSize(504, 315);
    }
}

void TestTypography::pdfsCarryNoAsciiNotation() {
    QFETCH(QString, view);
    QFETCH(QSize, size);
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
        QSKIP("pdftotext (poppler-utils) is not installed");
    }
    ScenarioController controller(PresetLibrary::builtin());
    // A serving system, so that the views drawing Part C have something to draw.
    controller.setValue(Param::System, 1);
    MainWindow window(controller);
    window.setThemeName(QStringLiteral("light"));
    PlotView* v = window.view(view);
    QVERIFY(v != nullptr);
    QTemporaryDir dir;
    const QString pdf = dir.filePath(view + QStringLiteral(".pdf"));
    ExportOptions options;
    options.format = ExportFormat::Pdf;
    options.size = size;
    options.writeScenario = false;
    QString error;
    QVERIFY2(exportView(*v, controller, pdf, options, &error), qPrintable(error));
    const QVector<Line> lines = pdfLines(pdf, &error);
    QVERIFY2(!lines.isEmpty(), qPrintable(error));
    for (const Line& line : lines) {
        const QString text = joined(line);
        const auto m = asciiNotation().match(text);
        QVERIFY2(!m.hasMatch(), qPrintable(view + QStringLiteral(": \"") + m.captured(0) +
                                           QStringLiteral("\" in \"") + text + QLatin1Char('"')));
        // Markup that was not drawn as such.
        QVERIFY2(!text.contains(QLatin1String("<sub>")) && !text.contains(QLatin1String("&lt;")),
                 qPrintable(text));
    }
}

void TestTypography::subscriptIsSmallerAndLower() {
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
        QSKIP("pdftotext (poppler-utils) is not installed");
    }
    // The hfu-nf x axis title "FFN nodes N_F [nodes]": in the PDF, the F of N_F is a glyph of
    // its own, smaller than the N and with its bottom below the N's.
    ScenarioController controller(PresetLibrary::builtin());
    MainWindow window(controller);
    PlotView* v = window.view(QStringLiteral("hfu-nf"));
    QVERIFY(v != nullptr);
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("hfu-nf.pdf"));
    ExportOptions options;
    options.format = ExportFormat::Pdf;
    options.writeScenario = false;
    QString error;
    QVERIFY2(exportView(*v, controller, pdf, options, &error), qPrintable(error));
    const QVector<Line> lines = pdfLines(pdf, &error);
    QVERIFY2(!lines.isEmpty(), qPrintable(error));
    const Word* n = nullptr;
    const Word* f = nullptr;
    for (const Line& line : lines) {
        for (int i = 0; i + 2 < line.size(); ++i) {
            // "nodes", then N and F as two words or one word "NF" (then no check is possible).
            if (line[i].text == QLatin1String("nodes") && line[i + 1].text == QLatin1String("N") &&
                line[i + 2].text == QLatin1String("F")) {
                n = &line[i + 1];
                f = &line[i + 2];
            }
        }
    }
    if (n == nullptr) {
        QStringList all;
        for (const Line& line : lines) {
            all << joined(line);
        }
        QFAIL(
            qPrintable(QStringLiteral("no \"nodes N F\" in: ") + all.join(QStringLiteral(" | "))));
    }
    QVERIFY2(
        f->box.height() < n->box.height() * 0.9,
        qPrintable(QStringLiteral("F %1 pt, N %2 pt").arg(f->box.height()).arg(n->box.height())));
    QVERIFY2(f->box.bottom() > n->box.bottom(), "the subscript is not lowered");
    QVERIFY(f->box.left() >= n->box.right() - 0.5); // after the N, not on it
}

void TestTypography::oneViewExportedAgainAndAgain() {
    // Each export draws on a device of its own that is gone afterwards; the laid-out titles
    // and legend entries must not keep drawing on the previous one (two PDFs of the same
    // resolution in a row, then an SVG and a PNG, then a PDF again).
    ScenarioController controller(PresetLibrary::builtin());
    MainWindow window(controller);
    PlotView* v = window.view(QStringLiteral("imbalance"));
    QVERIFY(v != nullptr);
    QTemporaryDir dir;
    int n = 0;
    for (ExportFormat format : {ExportFormat::Pdf, ExportFormat::Pdf, ExportFormat::Svg,
                                ExportFormat::Png, ExportFormat::Pdf}) {
        ExportOptions options;
        options.format = format;
        options.size = QSize(504, 315);
        options.writeScenario = false;
        const QString path =
            dir.filePath(QStringLiteral("f%1.").arg(n++) + exportFormatSuffix(format));
        QString error;
        QVERIFY2(exportView(*v, controller, path, options, &error), qPrintable(error));
        QVERIFY(QFileInfo(path).size() > 1000);
    }
}

void TestTypography::hfuAxesReadInPercent() {
    ScenarioController controller(PresetLibrary::builtin());
    MainWindow window(controller);
    window.resize(1400, 900);
    for (const char* key : {"hfu-nf", "hfu-grid"}) {
        PlotView* v = window.view(QString::fromLatin1(key));
        QVERIFY(v != nullptr);
        v->refreshNow();
        v->plot()->replot();
        QCPAxis* y = v->plot()->axisRects().first()->axis(QCPAxis::atLeft);
        QVERIFY2(y->label().contains(QLatin1String("[%")), qPrintable(y->label()));
        // The data are fractions of peak (at most 1); the ticks read 0 ... 100.
        QVERIFY(y->range().upper <= 1.2);
        QVector<double> ticks;
        QVector<QString> labels;
        y->ticker()->generate(y->range(), QLocale::c(), QLatin1Char('g'), 6, ticks, nullptr,
                              &labels);
        QVERIFY(labels.size() >= 3);
        for (int i = 0; i < ticks.size(); ++i) {
            bool ok = false;
            const double shown = labels[i].toDouble(&ok);
            QVERIFY2(ok, qPrintable(labels[i]));
            QVERIFY2(std::abs(shown - ticks[i] * 100) < 1e-6,
                     qPrintable(QStringLiteral("%1 at %2").arg(labels[i]).arg(ticks[i])));
        }
        QVERIFY(ticks.last() >= 0.5); // a tick at 50 % or above prints as 50 or more
    }
    // hfu-nf: a tick every 10 %: "0", "10", ..., as written by hand.
    QCPAxis* y =
        window.view(QStringLiteral("hfu-nf"))->plot()->axisRects().first()->axis(QCPAxis::atLeft);
    QVector<double> ticks;
    QVector<QString> labels;
    y->ticker()->generate(QCPRange(0, 0.35), QLocale::c(), QLatin1Char('g'), 6, ticks, nullptr,
                          &labels);
    QCOMPARE(labels, (QVector<QString>{QStringLiteral("0"), QStringLiteral("10"),
                                       QStringLiteral("20"), QStringLiteral("30")}));
}

void TestTypography::richLegendEntryGrowsWithItsText() {
    QCustomPlot plot;
    plot.legend->setVisible(true);
    QCPGraph* g = plot.addGraph();
    g->setName(QStringLiteral("N_F"));
    enableRichText(plot);
    auto* item = qobject_cast<RichLegendItem*>(plot.legend->item(0));
    QVERIFY(item != nullptr); // replaced QCustomPlot's plain entry
    QCOMPARE(item->plottable(), static_cast<QCPAbstractPlottable*>(g));
    const QSize shortSize = item->minimumOuterSizeHint();
    g->setName(QStringLiteral("N_F = 3 (the configured deployment)"));
    const QSize longSize = item->minimumOuterSizeHint();
    QVERIFY2(longSize.width() > shortSize.width() + 100,
             qPrintable(QStringLiteral("%1 -> %2").arg(shortSize.width()).arg(longSize.width())));
    // Two lines are taller than one.
    g->setName(QStringLiteral("N_F = 3\nsigma = 0.9"));
    QVERIFY(item->minimumOuterSizeHint().height() > shortSize.height());
    // A larger font makes the entry larger.
    g->setName(QStringLiteral("N_F"));
    QFont big = item->font();
    big.setPointSizeF(big.pointSizeF() * 2);
    item->setFont(big);
    QVERIFY(item->minimumOuterSizeHint().width() > shortSize.width());
    // Calling it again changes nothing: one entry, still ours.
    enableRichText(plot);
    QCOMPARE(plot.legend->itemCount(), 1);
    QCOMPARE(plot.legend->item(0), static_cast<QCPAbstractLegendItem*>(item));
}

void TestTypography::richAxisTitleReservesItsHeight() {
    // A bottom axis with a rich title takes more margin than without one, and the margin grows
    // with the title's font.
    QCustomPlot plot;
    plot.resize(600, 400);
    enableRichText(plot);
    plot.replot();
    const int none = plot.axisRect()->margins().bottom();
    plot.xAxis->setLabel(QStringLiteral("FFN nodes N_F [nodes]"));
    plot.replot();
    const int one = plot.axisRect()->margins().bottom();
    QVERIFY2(one > none + 8, qPrintable(QStringLiteral("%1 -> %2").arg(none).arg(one)));
    QFont big = plot.xAxis->labelFont();
    big.setPointSizeF(big.pointSizeF() * 2);
    plot.xAxis->setLabelFont(big);
    plot.replot();
    QVERIFY(plot.axisRect()->margins().bottom() > one);
}

void TestTypography::richTextItemAnchorsFollowTheDrawnBox() {
    QCustomPlot plot;
    plot.resize(600, 400);
    auto* item = new RichTextItem(&plot);
    item->position->setType(QCPItemPosition::ptAbsolute);
    item->position->setCoords(300, 200);
    item->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    item->setPadding(QMargins(0, 0, 0, 0));
    item->setText(QStringLiteral("N_F = 3"));
    const QSizeF size = richTextSize(item->text(), item->font());
    QVERIFY(size.width() > 10 && size.height() > 5);
    const QPointF tl = item->topLeft->pixelPosition();
    const QPointF br = item->bottomRight->pixelPosition();
    QCOMPARE(tl, QPointF(300, 200)); // left top aligned at the position
    QVERIFY(std::abs(br.x() - (300 + size.width())) < 0.5);
    QVERIFY(std::abs(br.y() - (200 + size.height())) < 0.5);
    QCOMPARE(item->textBox(), QRectF(tl, br));
}

AFD_WIDGET_TEST_MAIN(TestTypography)
#include "tst_typography.moc"
