// SPDX-License-Identifier: GPL-3.0-or-later
// Paper, slide and poster exports: the page size and the text size of each preset, the PNG's
// pixels and dpi, `export --preset/--title/--caption` and their errors, the export dialog's
// options and settings, and the glitches fixed on the way (legend descenders, a stray element
// at the SVG's origin).
#include "afd/presets.hpp"
#include "export_dialog.hpp"
#include "exporter.hpp"
#include "layout_elements.hpp"
#include "main_window.hpp"
#include "qcustomplot_include.hpp"
#include "scenario_controller.hpp"
#include "views.hpp"
#include "widget_test_main.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <cmath>
#include <memory>

using namespace afd;
using namespace afd::ui;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// "/MediaBox [0 0 252 189]" -> 252x189 (points).
QSizeF mediaBox(const QByteArray& pdf) {
    static const QRegularExpression box(
        QStringLiteral(R"(/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\])"));
    const auto m = box.match(QString::fromLatin1(pdf));
    return m.hasMatch() ? QSizeF(m.captured(1).toDouble(), m.captured(2).toDouble()) : QSizeF();
}

struct Word {
    QString text;
    QRectF box; // points, y down
};

// The words of a PDF with their boxes, as poppler's pdftotext reads them.
QList<Word> pdfWords(const QString& path) {
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-bbox"), path, QStringLiteral("-")});
    p.waitForFinished(60000);
    QList<Word> words;
    static const QRegularExpression word(QStringLiteral(
        R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re"));
    auto it = word.globalMatch(QString::fromUtf8(p.readAllStandardOutput()));
    while (it.hasNext()) {
        const auto m = it.next();
        words.push_back(
            {m.captured(5), QRectF(QPointF(m.captured(1).toDouble(), m.captured(2).toDouble()),
                                   QPointF(m.captured(3).toDouble(), m.captured(4).toDouble()))});
    }
    return words;
}

bool havePdftotext() {
    return !QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty();
}

} // namespace

class TestExportPresets : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void init();
    void cleanup();
    void presetTable();
    void pdfPageIsThePreset_data();
    void pdfPageIsThePreset();
    void textHasThePresetsPointSize_data();
    void textHasThePresetsPointSize();
    void pngHasThePresetsPixelsAndDpi_data();
    void pngHasThePresetsPixelsAndDpi();
    void titleAndCaption();
    void svgHasNothingAtTheOrigin_data();
    void svgHasNothingAtTheOrigin();
    void legendKeepsDescenders_data();
    void legendKeepsDescenders();
    void legendIconHoldsPresentationMarker();
    void ticksDoNotPileUp();
    void dialogOptions();
    void dialogRemembersChoices();
    void commandLine_data();
    void commandLine();

  private:
    QString exportTo(const QString& view, const ExportOptions& options, const QString& name);
    QTemporaryDir dir_;
    std::unique_ptr<ScenarioController> controller_;
    std::unique_ptr<MainWindow> window_;
};

void TestExportPresets::initTestCase() {
    QVERIFY(dir_.isValid());
}

void TestExportPresets::init() {
    controller_ = std::make_unique<ScenarioController>(PresetLibrary::builtin());
    window_ = std::make_unique<MainWindow>(*controller_);
    window_->setThemeName(QStringLiteral("light"));
    window_->resize(1400, 900);
}

void TestExportPresets::cleanup() {
    window_.reset();
    controller_.reset();
}

QString TestExportPresets::exportTo(const QString& view, const ExportOptions& options,
                                    const QString& name) {
    PlotView* v = window_->view(view);
    if (v == nullptr) {
        return {};
    }
    const QString path = dir_.filePath(name);
    QString error;
    if (!exportView(*v, *controller_, path, options, &error)) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    return path;
}

void TestExportPresets::presetTable() {
    // The sizes the documentation promises: 3.5 in and 7 in paper widths, 13.333 x 7.5 in
    // (16:9) slides, a 15 in poster figure; 72 points per inch.
    const auto column = exportPresetInfo(ExportPreset::Column);
    QCOMPARE(column.points, QSizeF(3.5 * 72, 2.625 * 72));
    QCOMPARE(column.textPoints, 8.0);
    const auto page = exportPresetInfo(ExportPreset::Page);
    QCOMPARE(page.points.width(), 7.0 * 72);
    QCOMPARE(page.textPoints, 9.0);
    const auto slide = exportPresetInfo(ExportPreset::Slide);
    QCOMPARE(slide.points.width() / slide.points.height(), 16.0 / 9.0);
    QCOMPARE(pixelsAt(slide.points, slide.pngDpi), QSize(1920, 1080));
    QCOMPARE(slide.textPoints, 20.0);
    QCOMPARE(exportPresetInfo(ExportPreset::Poster).points.width(), 15.0 * 72);
    QCOMPARE(exportPresetKeyList(), QStringLiteral("column, page, slide or poster"));
    QVERIFY(!parseExportPreset(u"Column"));
    QCOMPARE(*parseExportPreset(u"poster"), ExportPreset::Poster);
}

void TestExportPresets::pdfPageIsThePreset_data() {
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QSizeF>("page");
    QTest::newRow("column") << QStringLiteral("column") << QSizeF(252, 189);
    QTest::newRow("page") << QStringLiteral("page") << QSizeF(504, 315);
    QTest::newRow("slide") << QStringLiteral("slide") << QSizeF(960, 540);
    QTest::newRow("poster") << QStringLiteral("poster") << QSizeF(1080, 720);
}

void TestExportPresets::pdfPageIsThePreset() {
    QFETCH(QString, preset);
    QFETCH(QSizeF, page);
    const auto id = parseExportPreset(preset);
    QVERIFY(id);
    const QString path = exportTo(QStringLiteral("roofline"),
                                  presetExportOptions(*id, ExportFormat::Pdf), preset + u".pdf");
    QVERIFY(!path.isEmpty());
    const QSizeF box = mediaBox(readAll(path));
    // Column and page keep their width and may grow in height (the roofline's legend goes
    // below its plot); slide and poster are exactly their size.
    const bool mayGrow = exportPresetInfo(*id).heightMayGrow;
    QVERIFY2(std::abs(box.width() - page.width()) < 0.5 &&
                 (mayGrow ? box.height() > page.height() - 0.5
                          : std::abs(box.height() - page.height()) < 0.5),
             qPrintable(QStringLiteral("MediaBox %1 x %2").arg(box.width()).arg(box.height())));
    QCOMPARE(mayGrow, preset == QLatin1String("column") || preset == QLatin1String("page"));
}

void TestExportPresets::textHasThePresetsPointSize_data() {
    QTest::addColumn<QString>("preset");
    QTest::addColumn<double>("points");
    QTest::newRow("column") << QStringLiteral("column") << 8.0;
    QTest::newRow("page") << QStringLiteral("page") << 9.0;
    QTest::newRow("slide") << QStringLiteral("slide") << 20.0;
}

void TestExportPresets::textHasThePresetsPointSize() {
    if (!havePdftotext()) {
        QSKIP("pdftotext (poppler-utils) is not installed");
    }
    QFETCH(QString, preset);
    QFETCH(double, points);
    const QString path =
        exportTo(QStringLiteral("frontier"),
                 presetExportOptions(*parseExportPreset(preset), ExportFormat::Pdf),
                 u"text-" + preset + u".pdf");
    QVERIFY(!path.isEmpty());
    // poppler's word box is the font's ascent plus descent: DejaVu Sans has 1901 + 483 font
    // units on a 2048 em (hhea), so a word of s points is 1.164 s points tall.
    const double expected = points * (1901.0 + 483.0) / 2048.0;
    const QString xTitle = window_->view(QStringLiteral("frontier"))
                               ->plot()
                               ->axisRect()
                               ->axis(QCPAxis::atBottom)
                               ->label();
    const QString firstWord = xTitle.section(QLatin1Char(' '), 0, 0);
    QVERIFY(!firstWord.isEmpty());
    const QList<Word> words = pdfWords(path);
    QVERIFY(!words.isEmpty());
    bool found = false;
    for (const Word& w : words) {
        if (w.text == firstWord && w.box.width() > w.box.height()) {
            found = true;
            QVERIFY2(std::abs(w.box.height() - expected) < 0.15 * points,
                     qPrintable(QStringLiteral("axis title word '%1' is %2 pt tall, expected %3")
                                    .arg(w.text)
                                    .arg(w.box.height())
                                    .arg(expected)));
        }
    }
    QVERIFY2(found, qPrintable(firstWord));
    // Every word of the figure is at that size too: the horizontal ones (a box wider than
    // tall: tick labels, legend) by their height, the vertical ones (taller than a line: the y
    // title) by their width. Short words in a box about square are left out either way.
    int horizontal = 0;
    int vertical = 0;
    for (const Word& w : words) {
        double thickness = -1;
        if (w.box.width() > w.box.height()) {
            thickness = w.box.height();
            ++horizontal;
        } else if (w.box.height() > 1.5 * expected) {
            thickness = w.box.width();
            ++vertical;
        }
        QVERIFY2(thickness < 0 || std::abs(thickness - expected) < 0.15 * points,
                 qPrintable(QStringLiteral("'%1' is %2 pt thick").arg(w.text).arg(thickness)));
    }
    QVERIFY(horizontal >= 10);
    QVERIFY(vertical >= 1);
}

void TestExportPresets::pngHasThePresetsPixelsAndDpi_data() {
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QSize>("pixels");
    QTest::addColumn<int>("dpi");
    // 252 x 189 pt at 300 dpi: 252 / 72 * 300 = 1050, 189 / 72 * 300 = 787.5 -> 788.
    QTest::newRow("column") << QStringLiteral("column") << QSize(1050, 788) << 300;
    // 504 x 315 pt at 300 dpi: 2100 x 1312.5 -> 1313.
    QTest::newRow("page") << QStringLiteral("page") << QSize(2100, 1313) << 300;
    QTest::newRow("slide") << QStringLiteral("slide") << QSize(1920, 1080) << 144;
}

void TestExportPresets::pngHasThePresetsPixelsAndDpi() {
    QFETCH(QString, preset);
    QFETCH(QSize, pixels);
    QFETCH(int, dpi);
    const QString path =
        exportTo(QStringLiteral("intensity"),
                 presetExportOptions(*parseExportPreset(preset), ExportFormat::Png),
                 u"px-" + preset + u".png");
    QVERIFY(!path.isEmpty());
    const QImage image(path);
    if (exportPresetInfo(*parseExportPreset(preset)).heightMayGrow) {
        // Paper presets keep their width and may grow in height when the figure's text needs
        // the room (its legend below the plot), never shrink.
        QCOMPARE(image.width(), pixels.width());
        QVERIFY2(image.height() >= pixels.height(),
                 qPrintable(QStringLiteral("%1 px high").arg(image.height())));
    } else {
        QCOMPARE(image.size(), pixels);
    }
    QCOMPARE(int(std::lround(image.dotsPerMeterX() * 0.0254)), dpi);
}

void TestExportPresets::titleAndCaption() {
    if (!havePdftotext()) {
        QSKIP("pdftotext (poppler-utils) is not installed");
    }
    // The default scenario: DeepSeek-V3 on H800, TPOT SLO 50 ms (presets/scenarios/default.json).
    const QString caption = scenarioCaption(*controller_);
    QCOMPARE(caption, QStringLiteral("NVIDIA H800 SXM · DeepSeek-V3 · TPOT SLO 50 ms"));
    ExportOptions o = presetExportOptions(ExportPreset::Page, ExportFormat::Pdf);
    QVERIFY(!o.title); // a paper's figure takes its title from the caption under it
    o.title = true;
    o.caption = caption;
    const QString path = exportTo(QStringLiteral("intensity"), o, QStringLiteral("framed.pdf"));
    QVERIFY(!path.isEmpty());
    const QList<Word> words = pdfWords(path);
    QStringList text;
    double sloBottom = 0;
    double top = 1e9;
    for (const Word& w : words) {
        text << w.text;
        top = std::min(top, w.box.top());
        if (w.text == QLatin1String("SLO")) {
            sloBottom = w.box.bottom();
        }
    }
    const QString all = text.join(QLatin1Char(' '));
    QVERIFY2(all.contains(QStringLiteral("TPOT SLO 50 ms")), qPrintable(all));
    // The title's first word is the highest text on the page; the caption's the lowest.
    const QString titleWord = viewTitle(ViewId::Intensity).section(QLatin1Char(' '), 0, 0);
    for (const Word& w : words) {
        if (w.text == titleWord) {
            QCOMPARE(w.box.top(), top);
        }
        QVERIFY2(w.box.bottom() <= sloBottom + 0.01, qPrintable(w.text));
    }
}

void TestExportPresets::svgHasNothingAtTheOrigin_data() {
    QTest::addColumn<QString>("view");
    for (const QString& v : viewKeys()) {
        QTest::newRow(qPrintable(v)) << v;
    }
}

void TestExportPresets::svgHasNothingAtTheOrigin() {
    QFETCH(QString, view);
    ExportOptions o;
    o.format = ExportFormat::Svg;
    o.size = QSize(900, 600);
    const QString path = exportTo(view, o, u"origin-" + view + u".svg");
    QVERIFY(!path.isEmpty());
    // Every drawn shape, in the SVG's own coordinates (Qt writes the transform on the <g>
    // around it): none may start at (0,0) but the background rectangles covering the page.
    QXmlStreamReader xml(readAll(path));
    QStringList transforms{QString()};
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const auto a = xml.attributes();
            if (xml.name() == QLatin1String("g")) {
                transforms.push_back(a.value(QLatin1String("transform")).toString());
                continue;
            }
            const bool untranslated = transforms.last().isEmpty() ||
                                      transforms.last().contains(QLatin1String("1,0,0,1,0,0")) ||
                                      transforms.last().contains(QLatin1String("1,0,0,1,0,-0"));
            if (!untranslated) {
                continue;
            }
            const QString d = a.value(QLatin1String("d")).toString().simplified();
            const QString points = a.value(QLatin1String("points")).toString().simplified();
            const bool pathAtOrigin =
                (d.startsWith(QLatin1String("M0,0")) || d.startsWith(QLatin1String("M0 0"))) &&
                !d.contains(QLatin1Char('L')) && d.size() < 40;
            const bool pointAtOrigin =
                points == QLatin1String("0,0") || points.startsWith(QLatin1String("0,0 0,0"));
            const bool ellipseAtOrigin =
                (xml.name() == QLatin1String("ellipse") || xml.name() == QLatin1String("circle")) &&
                a.value(QLatin1String("cx")).toDouble() == 0 &&
                a.value(QLatin1String("cy")).toDouble() == 0;
            QVERIFY2(!pathAtOrigin && !pointAtOrigin && !ellipseAtOrigin,
                     qPrintable(QStringLiteral("<%1> at the origin: d='%2' points='%3'")
                                    .arg(xml.name().toString(), d, points)));
        } else if (token == QXmlStreamReader::EndElement && xml.name() == QLatin1String("g")) {
            transforms.pop_back();
        }
    }
    QVERIFY(!xml.hasError());
}

void TestExportPresets::legendKeepsDescenders_data() {
    QTest::addColumn<double>("points");
    QTest::addColumn<double>("scale");
    QTest::newRow("column at 300 dpi") << 8.0 << 300.0 / 96.0;
    QTest::newRow("window text, 1:1") << 10.0 << 1.0;
    QTest::newRow("print text, 1:1") << 13.0 << 1.0;
    QTest::newRow("print text, 2:1") << 13.0 << 2.0;
    QTest::newRow("slide text, 1.5:1") << 20.0 << 1.5;
}

void TestExportPresets::legendKeepsDescenders() {
    // A legend entry with descenders and an underscore, drawn as a PNG export draws it: layout
    // in 96 dpi pixels, painted `scale` times larger.
    QFETCH(double, points);
    QFETCH(double, scale);
    QCustomPlot plot;
    plot.setLocale(QLocale::c());
    const PlotTheme theme = themeAtTextSize(PlotTheme::print(), points);
    auto* g = plot.addGraph();
    g->setData(QVector<double>{0, 1}, QVector<double>{0, 1});
    // No underscore: "g_y" would be drawn as notation (y lowered as a subscript).
    g->setName(QStringLiteral("gyp jog pig"));
    plot.legend->setVisible(true);
    applyBaseTheme(plot, theme);
    const QSize layout(336, 252);
    QImage image((QSizeF(layout) * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QCPPainter painter(&image);
    painter.setMode(QCPPainter::pmNoCaching);
    painter.scale(scale, scale);
    plot.toPainter(&painter, layout.width(), layout.height());
    painter.end();
    auto* item = plot.legend->item(0);
    QVERIFY(item != nullptr);
    // The text's baseline: its top plus the ascent (the item draws its text from its top).
    const QFontMetricsF m(theme.font);
    const QRectF r = item->rect();
    const double baseline = r.top() + m.ascent();
    const double iconRight = r.left() + plot.legend->iconSize().width();
    // DejaVu Sans draws the underscore from 0.236 em to 0.146 em below the baseline, the tail of
    // "g" and "y" to 0.232 em: ink must show in the lower half of the descent.
    // QCustomPlot clips each legend item to its outer rectangle moved up by one pixel: the
    // whole descent must be inside that.
    const QRectF outer(item->outerRect());
    QVERIFY2(outer.top() + outer.height() - 1.0 >= baseline + m.descent(),
             qPrintable(QStringLiteral("clip ends at %1, descent at %2")
                            .arg(outer.top() + outer.height() - 1.0)
                            .arg(baseline + m.descent())));
    const int from = int(std::ceil((baseline + 0.55 * m.descent()) * scale));
    const int to = int(std::floor((baseline + m.descent()) * scale));
    int inked = 0;
    for (int y = from; y <= to; ++y) {
        for (int x = int(iconRight * scale); x < int(r.right() * scale); ++x) {
            if (qGray(image.pixel(x, y)) < 128) {
                ++inked;
            }
        }
    }
    QVERIFY2(inked > 10,
             qPrintable(QStringLiteral("%1 dark pixels below the baseline").arg(inked)));
}

void TestExportPresets::legendIconHoldsPresentationMarker() {
    QCustomPlot plot;
    const PlotTheme theme = PlotTheme::presentation();
    auto* g = plot.addGraph();
    g->setName(QStringLiteral("points"));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, theme.markerSize));
    g->setPen(QPen(Qt::black, theme.lineWidth));
    plot.legend->setVisible(true);
    applyBaseTheme(plot, theme);
    // A circle of the marker's size with a pen of the line's width on both sides.
    const double shape = theme.markerSize + 2 * theme.lineWidth;
    QVERIFY(plot.legend->iconSize().height() >= shape);
    QVERIFY(plot.legend->iconSize().width() >= shape);
}

void TestExportPresets::ticksDoNotPileUp() {
    // An axis from 0 to 1000 with a fixed step of 1 would make a thousand labels; at 200
    // pixels each label ("1000" is about 30 px at 10 pt) must have room.
    QCustomPlot plot;
    plot.setLocale(QLocale::c());
    QSharedPointer<QCPAxisTickerFixed> fixed(new QCPAxisTickerFixed);
    fixed->setTickStep(1);
    fixed->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    plot.xAxis->setTicker(fixed);
    plot.xAxis->setRange(0, 1000);
    layoutAt(plot, QSize(200, 150));
    fitTickCounts(plot);
    layoutAt(plot, QSize(200, 150));
    const QFontMetricsF m(plot.xAxis->tickLabelFont());
    const auto labels = plot.xAxis->tickVectorLabels();
    QVERIFY(labels.size() >= 2);
    double widths = 0;
    for (const QString& l : labels) {
        widths += m.horizontalAdvance(l);
    }
    QVERIFY2(widths <= plot.axisRect()->width(),
             qPrintable(QStringLiteral("%1 labels, %2 px of text on %3 px")
                            .arg(labels.size())
                            .arg(widths)
                            .arg(plot.axisRect()->width())));
    // Wider again: the ticker's own count comes back.
    layoutAt(plot, QSize(2000, 150));
    fitTickCounts(plot);
    QCOMPARE(fixed->scaleStrategy(), QCPAxisTickerFixed::ssMultiples);
    QCOMPARE(fixed->tickCount(), 5); // QCustomPlot's default, what the axis was given
}

void TestExportPresets::dialogOptions() {
    ExportDialog dialog(QStringLiteral("Frontier"), QStringLiteral("H800 · X · TPOT SLO 50 ms"),
                        PlotStyle::Dark);
    auto* preset = dialog.findChild<QComboBox*>(QStringLiteral("exportPreset"));
    auto* format = dialog.findChild<QComboBox*>(QStringLiteral("exportFormat"));
    auto* theme = dialog.findChild<QComboBox*>(QStringLiteral("exportTheme"));
    auto* title = dialog.findChild<QCheckBox*>(QStringLiteral("exportTitle"));
    auto* caption = dialog.findChild<QCheckBox*>(QStringLiteral("exportCaption"));
    auto* summary = dialog.findChild<QLabel*>(QStringLiteral("exportSummary"));
    QVERIFY(preset && format && theme && title && caption && summary);

    preset->setCurrentIndex(preset->findData(QStringLiteral("column")));
    format->setCurrentIndex(format->findData(QStringLiteral("png")));
    ExportOptions o = dialog.options();
    QCOMPARE(o.preset, std::optional<ExportPreset>(ExportPreset::Column));
    QCOMPARE(o.size, QSize(252, 189));
    QCOMPARE(o.style, PlotStyle::Print);
    QCOMPARE(o.format, ExportFormat::Png);
    QVERIFY(!o.title);
    QVERIFY(o.caption.isEmpty());
    QVERIFY2(summary->text().contains(QStringLiteral("1050 × 788 pixels at 300 dpi")),
             qPrintable(summary->text()));

    preset->setCurrentIndex(preset->findData(QStringLiteral("slide")));
    caption->setChecked(true);
    o = dialog.options();
    QCOMPARE(o.size, QSize(960, 540));
    QCOMPARE(o.style, PlotStyle::Presentation);
    QVERIFY(o.title);
    QCOMPARE(o.caption, QStringLiteral("H800 · X · TPOT SLO 50 ms"));

    // Custom size: the screen's theme, the size as typed.
    preset->setCurrentIndex(preset->findData(QString()));
    o = dialog.options();
    QVERIFY(!o.preset);
    QCOMPARE(o.style, PlotStyle::Dark);

    // Data formats have no size or theme to choose.
    format->setCurrentIndex(format->findData(QStringLiteral("csv")));
    QVERIFY(!theme->isEnabled());
    QCOMPARE(dialog.options().format, ExportFormat::Csv);
}

void TestExportPresets::dialogRemembersChoices() {
    QSettings settings(dir_.filePath(QStringLiteral("dialog.ini")), QSettings::IniFormat);
    {
        ExportDialog first(QStringLiteral("Roofline"), QStringLiteral("caption"), PlotStyle::Light);
        ExportOptions o = presetExportOptions(ExportPreset::Poster, ExportFormat::Svg);
        o.size = QSize(800, 500);
        o.style = PlotStyle::Dark;
        o.title = false;
        o.caption = QStringLiteral("caption");
        first.setOptions(o);
        first.saveSettings(settings);
    }
    ExportDialog second(QStringLiteral("Roofline"), QStringLiteral("new caption"),
                        PlotStyle::Light);
    second.loadSettings(settings);
    const ExportOptions o = second.options();
    QCOMPARE(o.preset, std::optional<ExportPreset>(ExportPreset::Poster));
    QCOMPARE(o.size, QSize(800, 500));
    QCOMPARE(o.style, PlotStyle::Dark);
    QCOMPARE(o.format, ExportFormat::Svg);
    QVERIFY(!o.title);
    QCOMPARE(o.caption, QStringLiteral("new caption")); // on, with the scenario of now
}

void TestExportPresets::commandLine_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QSizeF>("page");
    const auto s = [](const char* t) { return QString::fromUtf8(t); };
    const QStringList base{s("export"), s("--view"), s("intensity"), s("--out"), s("OUT/c.pdf")};
    QTest::newRow("column") << base + QStringList{s("--format"), s("pdf"),       s("--preset"),
                                                  s("column"),   s("--caption"), s("--title")}
                            << 0 << QString() << QSizeF(252, 189);
    QTest::newRow("size overrides the preset")
        << base + QStringList{s("--format"), s("pdf"),    s("--preset"),
                              s("page"),     s("--size"), s("300x200")}
        << 0 << QString() << QSizeF(300, 200);
    QTest::newRow("bad preset") << base +
                                       QStringList{s("--format"), s("pdf"), s("--preset"), s("a4")}
                                << 2 << s("--preset a4: expected column, page, slide or poster")
                                << QSizeF();
    QTest::newRow("missing preset value")
        << base + QStringList{s("--format"), s("pdf"), s("--preset")} << 2
        << s("Missing value after '--preset'") << QSizeF();
    QTest::newRow("title on data") << base + QStringList{s("--format"), s("csv"), s("--title")} << 2
                                   << s("--title: applies to png, svg and pdf") << QSizeF();
    QTest::newRow("preset on data")
        << base + QStringList{s("--format"), s("json"), s("--preset"), s("column")} << 2
        << s("--preset: applies to png, svg and pdf, not to --format json") << QSizeF();
    QTest::newRow("both captions")
        << base + QStringList{s("--format"), s("pdf"), s("--caption"), s("--caption-text"), s("x")}
        << 2 << s("--caption, --caption-text: expected one of them") << QSizeF();
    QTest::newRow("empty caption")
        << base + QStringList{s("--format"), s("pdf"), s("--caption-text"), s(" ")} << 2
        << s("--caption-text: expected a text") << QSizeF();
    QTest::newRow("title and no title")
        << base + QStringList{s("--format"), s("pdf"), s("--title"), s("--no-title")} << 2
        << s("--title, --no-title: expected one of them") << QSizeF();
    QTest::newRow("bad theme") << base + QStringList{s("--format"), s("pdf"),     s("--preset"),
                                                     s("slide"),    s("--theme"), s("neon")}
                               << 2
                               << s("--theme neon: expected light, dark, print or presentation")
                               << QSizeF();
}

void TestExportPresets::commandLine() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QFETCH(QSizeF, page);
    for (QString& a : args) {
        a.replace(QLatin1String("OUT"), dir_.path());
    }
    QFile::remove(dir_.filePath(QStringLiteral("c.pdf")));
    QProcess p;
    p.start(QStringLiteral(AFD_EXPLORER_EXE), args);
    QVERIFY(p.waitForFinished(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitCode(), exitCode);
    QVERIFY2(err.contains(message), qPrintable(err));
    if (exitCode == 0) {
        const QSizeF box = mediaBox(readAll(dir_.filePath(QStringLiteral("c.pdf"))));
        // The width as asked; the height at least (a paper figure grows to hold its legend).
        QVERIFY2(std::abs(box.width() - page.width()) < 0.5 && box.height() > page.height() - 0.5,
                 qPrintable(QStringLiteral("%1 x %2").arg(box.width()).arg(box.height())));
    } else {
        QVERIFY(!QFile::exists(dir_.filePath(QStringLiteral("c.pdf"))));
    }
}

AFD_WIDGET_TEST_MAIN(TestExportPresets)
#include "tst_export_presets.moc"
