// SPDX-License-Identifier: GPL-3.0-or-later
// Export of every view in every format, CSV round trip to the model's numbers, exports that
// fail without losing the previous file, and `afd-explorer export` on the command line.
#include "afd/presets.hpp"
#include "exporter.hpp"
#include "main_window.hpp"
#include "qcustomplot_include.hpp"
#include "rich_text.hpp"
#include "scenario_controller.hpp"
#include "test_support.hpp"
#include "views.hpp"
#include "widget_test_main.hpp"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocumentFragment>
#include <QXmlStreamReader>
#include <algorithm>
#include <csignal>
#include <memory>
#include <sys/resource.h>

using namespace afd;
using namespace afd::ui;

namespace {

// Every view the window has, from the one table of views.
const QStringList kViews = viewKeys();

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void init();
    void cleanup();
    void exportEveryViewInEveryFormat_data();
    void exportEveryViewInEveryFormat();
    void csvRoundTripsToCoreNumbers();
    void failedExportsLoseNothing_data();
    void failedExportsLoseNothing();
    void failedSideFileKeepsTheImage();
    void exportCommandLine_data();
    void exportCommandLine();

  private:
    QTemporaryDir dir_;
    std::unique_ptr<ScenarioController> controller_;
    std::unique_ptr<MainWindow> window_;
};

void TestExport::initTestCase() {
    QVERIFY(dir_.isValid());
}

void TestExport::init() {
    controller_ = std::make_unique<ScenarioController>(PresetLibrary::builtin());
    window_ = std::make_unique<MainWindow>(*controller_);
    window_->setThemeName(QStringLiteral("light"));
    window_->resize(1400, 900);
}

void TestExport::cleanup() {
    window_.reset();
    controller_.reset();
}

void TestExport::exportEveryViewInEveryFormat_data() {
    QTest::addColumn<QString>("view");
    QTest::addColumn<QString>("format");
    for (const QString& v : kViews) {
        for (const char* f : {"png", "svg", "pdf", "csv", "json"}) {
            QTest::newRow(qPrintable(v + QLatin1Char(' ') + QLatin1String(f)))
                << v << QString::fromLatin1(f);
        }
    }
}

void TestExport::exportEveryViewInEveryFormat() {
    QFETCH(QString, view);
    QFETCH(QString, format);
    PlotView* v = window_->view(view);
    QVERIFY(v != nullptr);
    ExportOptions options;
    QVERIFY(parseExportFormat(format, &options.format));
    options.size = QSize(900, 600);
    options.style = PlotStyle::Dark; // independent of the screen theme (light here)
    const QString path = dir_.filePath(view + QLatin1Char('.') + format);
    QString error;
    QVERIFY2(exportView(*v, *controller_, path, options, &error), qPrintable(error));
    QCOMPARE(v->theme().style, PlotStyle::Light); // the view's own theme is back
    const QByteArray bytes = readAll(path);
    QVERIFY(!bytes.isEmpty());
    // The x-axis label of the main axis rect, which the image formats must carry as text.
    const QString xLabel = v->plot()->axisRects().last()->axis(QCPAxis::atBottom)->label();
    if (format == QLatin1String("png")) {
        const QImage image = QImage::fromData(bytes, "PNG");
        QCOMPARE(image.size(), QSize(900, 600));
        QCOMPARE(image.pixelColor(1, 1), PlotTheme::dark().background);
    } else if (format == QLatin1String("svg")) {
        QXmlStreamReader xml(bytes);
        QString text;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement &&
                xml.name() == QLatin1String("text")) {
                text +=
                    xml.readElementText(QXmlStreamReader::IncludeChildElements) + QLatin1Char('\n');
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        // Titles are drawn in notation, a subscript as a piece of text of its own ("N", "F"):
        // compare the characters a reader sees, pieces joined.
        const QString drawn = notation(xLabel);
        const QString seen =
            isRichText(drawn) ? QTextDocumentFragment::fromHtml(drawn).toPlainText() : drawn;
        text.remove(QLatin1Char('\n'));
        QVERIFY2(text.contains(seen.left(12)), qPrintable(xLabel));
    } else if (format == QLatin1String("pdf")) {
        QVERIFY(bytes.startsWith("%PDF"));
        // One page object: "/Type /Page" occurrences minus the "/Type /Pages" tree node.
        const int pages = int(bytes.count("/Type /Page")) - int(bytes.count("/Type /Pages"));
        QCOMPARE(pages, 1);
    } else if (format == QLatin1String("csv")) {
        const QString text = QString::fromUtf8(bytes);
        QVERIFY(text.startsWith(QLatin1String("# {"))); // the scenario, as comments
        QVERIFY(text.contains(QLatin1String("\"hardware\": \"h800\"")));
        QVERIFY(text.count(QLatin1Char('\n')) > 10);
        QVERIFY(!text.contains(QLatin1String("nan")));
        // The first line after the scenario is the header; no column is unnamed (the
        // small-multiples grid labels its x axis only on its bottom panels).
        const QStringList lines = text.split(QLatin1Char('\n'));
        const auto header = std::find_if(lines.begin(), lines.end(), [](const QString& line) {
            return !line.startsWith(QLatin1Char('#'));
        });
        QVERIFY(header != lines.end());
        QVERIFY2(!header->startsWith(QLatin1Char(',')) && !header->contains(QLatin1String(",,")) &&
                     !header->endsWith(QLatin1Char(',')),
                 qPrintable(*header));
    } else {
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError,
                 qPrintable(parseError.errorString()));
        QCOMPARE(doc.object()[QStringLiteral("view")].toString(), view);
        QCOMPARE(
            doc.object()[QStringLiteral("scenario")].toObject()[QStringLiteral("model")].toString(),
            QStringLiteral("deepseek-v3"));
    }
    if (format == QLatin1String("png") || format == QLatin1String("svg") ||
        format == QLatin1String("pdf")) {
        // The sidecar re-creates the figure: it is a valid scenario with every value.
        const ScenarioFile sidecar =
            loadScenarioFile(QString(path + QStringLiteral(".scenario.json")).toStdString());
        QCOMPARE(int(sidecar.overrides.size()), int(kParamCount));
        QCOMPARE(sidecar.view->current, view.toStdString());
    }
}

void TestExport::csvRoundTripsToCoreNumbers() {
    controller_->setValue(Param::ScaleOutBwGbS, 73.5);
    PlotView* v = window_->view(QStringLiteral("hfu-nf"));
    const QString path = dir_.filePath(QStringLiteral("roundtrip.csv"));
    ExportOptions options;
    options.format = ExportFormat::Csv;
    QString error;
    QVERIFY(exportView(*v, *controller_, path, options, &error));
    int rows = 0;
    for (const QString& line : QString::fromUtf8(readAll(path)).split(QLatin1Char('\n'))) {
        if (!line.startsWith(QLatin1String("DeepSeek-V3,"))) {
            continue;
        }
        const QStringList f = line.split(QLatin1Char(','));
        Scenario s = controller_->scenario();
        s[Param::Nf] = f[1].toDouble();
        // 17 significant digits: the text parses back to the identical double.
        QCOMPARE(f[2].toDouble(), evaluate(s).hfu);
        // And it is the paper's number: on H800 (FLOPS 1979 TFLOP/s, BW_up 160 GB/s) with
        // DeepSeek-V3 (M 2048, TopK 8), Eqs. 17 and 19 give
        // HFU = 2 M min(BW_up, BW_out max(1, TopK / N_F)) / FLOPS, here with BW_out 73.5 GB/s.
        const double nf = f[1].toDouble();
        AFD_COMPARE_NEAR(f[2].toDouble(),
                         2.0 * 2048 * std::min(160e9, 73.5e9 * std::max(1.0, 8 / nf)) / 1979e12,
                         1e-12, "closed form of Appendix A; the model rounds in another order");
        ++rows;
    }
    QVERIFY(rows >= 30); // N_F = 2 .. 40 (N_F = 1 is not deployable and plotted separately)
}

void TestExport::exportCommandLine_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const auto s = [](const char* t) { return QString::fromLatin1(t); };
    QTest::newRow("ok") << QStringList{s("export"),   s("--view"), s("intensity"),
                                       s("--format"), s("png"),    s("--size"),
                                       s("640x480"),  s("--out"),  s("OUT/i.png")}
                        << 0 << QString();
    QTest::newRow("bad view") << QStringList{s("export"), s("--view"), s("pie"),      s("--format"),
                                             s("png"),    s("--out"),  s("OUT/x.png")}
                              << 2 << s("--view pie: expected one of");
    QTest::newRow("scale nan") << QStringList{s("export"),   s("--view"), s("hfu-nf"),
                                              s("--format"), s("png"),    s("--scale"),
                                              s("nan"),      s("--out"),  s("OUT/x.png")}
                               << 2 << s("--scale nan: expected a number from 0.25 to 8");
    QTest::newRow("bad format") << QStringList{s("export"),   s("--view"), s("hfu-nf"),
                                               s("--format"), s("gif"),    s("--out"),
                                               s("OUT/x.gif")}
                                << 2 << s("--format gif: expected png, svg, pdf, csv or json");
    QTest::newRow("bad size") << QStringList{s("export"),   s("--view"), s("hfu-nf"),
                                             s("--format"), s("png"),    s("--size"),
                                             s("big"),      s("--out"),  s("OUT/x.png")}
                              << 2 << s("--size big: expected WxH");
    QTest::newRow("missing out") << QStringList{s("export"), s("--view"), s("hfu-nf"),
                                                s("--format"), s("png")}
                                 << 2 << s("--out is required");
    QTest::newRow("missing scenario file")
        << QStringList{s("export"), s("--scenario"), s("/nonexistent.json"),
                       s("--view"), s("hfu-nf"),     s("--format"),
                       s("csv"),    s("--out"),      s("OUT/x.csv")}
        << 1 << s("/nonexistent.json: key '(file)'");
    QTest::newRow("unwritable output") << QStringList{s("export"),
                                                      s("--view"),
                                                      s("hfu-nf"),
                                                      s("--format"),
                                                      s("csv"),
                                                      s("--out"),
                                                      s("/nonexistent-dir/x.csv")}
                                       << 1 << s("cannot write");
}

void TestExport::exportCommandLine() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    for (QString& a : args) {
        a.replace(QLatin1String("OUT"), dir_.path());
    }
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM")); // the command must choose offscreen itself
    env.remove(QStringLiteral("DISPLAY"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir_.filePath(QStringLiteral("config")));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(AFD_EXPLORER_EXE), args);
    QVERIFY(p.waitForFinished(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitCode(), exitCode);
    QVERIFY2(err.contains(message), qPrintable(err));
    if (exitCode == 0) {
        QCOMPARE(QImage(dir_.filePath(QStringLiteral("i.png"))).size(), QSize(640, 480));
    }
}

void TestExport::failedExportsLoseNothing_data() {
    QTest::addColumn<QString>("format");
    for (const char* f : {"csv", "json", "png", "svg", "pdf"}) {
        QTest::newRow(f) << QString::fromLatin1(f);
    }
}

void TestExport::failedExportsLoseNothing() {
    // Each format through the real command, on a "disk" that takes 1,000 bytes: exit 1 with the
    // reason, the previous file byte for byte, nothing else left in the folder.
    QFETCH(QString, format);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("figure.") + format);
    QFile old(out);
    QVERIFY(old.open(QIODevice::WriteOnly));
    const QByteArray original(5000, 'x');
    old.write(original);
    old.close();
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir_.filePath(QStringLiteral("config")));
    p.setProcessEnvironment(env);
    p.setChildProcessModifier([] {
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{1000, 1000};
        setrlimit(RLIMIT_FSIZE, &limit);
    });
    p.start(QStringLiteral(AFD_EXPLORER_EXE),
            {QStringLiteral("export"), QStringLiteral("--view"), QStringLiteral("hfu-nf"),
             QStringLiteral("--format"), format, QStringLiteral("--out"), out});
    QVERIFY(p.waitForFinished(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitCode(), 1);
    // PDF is printed to a temporary file first: the limit stops it there.
    QVERIFY2(err.contains(QStringLiteral("cannot write (File too large)")) ||
                 err.contains(QStringLiteral("cannot write (the PDF could not be printed")),
             qPrintable(err));
    QFile after(out);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), original);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("figure.") + format});
}

void TestExport::failedSideFileKeepsTheImage() {
    // The scenario beside an image is written first: when it fails (here its name is taken by
    // a folder) the export fails and the previous image is still there.
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("figure.png"));
    QFile old(out);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("previous image");
    old.close();
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("figure.png.scenario.json")));
    ExportOptions options;
    options.format = ExportFormat::Png;
    options.size = QSize(640, 480);
    QString error;
    QVERIFY(
        !exportView(*window_->view(QStringLiteral("hfu-nf")), *controller_, out, options, &error));
    QVERIFY2(error.contains(QStringLiteral("figure.png.scenario.json: cannot write (Is a "
                                           "directory)")),
             qPrintable(error));
    QVERIFY(old.open(QIODevice::ReadOnly));
    QCOMPARE(old.readAll(), QByteArray("previous image"));
}

AFD_WIDGET_TEST_MAIN(TestExport)
#include "tst_export.moc"
