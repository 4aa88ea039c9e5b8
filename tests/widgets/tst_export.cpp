// SPDX-License-Identifier: GPL-3.0-or-later
// Export of every view in every format, CSV round trip to the core's numbers, scenario files
// (save/open round trip, malformed files), undo/redo, and deck stepping in presentation mode.
#include "afd/presets.hpp"
#include "exporter.hpp"
#include "main_window.hpp"
#include "parameter_panel.hpp"
#include "scenario_controller.hpp"
#include "test_support.hpp"
#include "views.hpp"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QXmlStreamReader>
#include <csignal>
#include <memory>
#include "qcustomplot_include.hpp"
#include <random>
#include <sys/resource.h>

using namespace afd;
using namespace afd::ui;

namespace {

const QStringList kViews{QStringLiteral("roofline"),  QStringLiteral("comm-roofline"),
                         QStringLiteral("hfu-nf"),    QStringLiteral("hfu-grid"),
                         QStringLiteral("intensity"), QStringLiteral("heatmap"),
                         QStringLiteral("imbalance")};

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
    void scenarioSaveOpenRoundTrip();
    void malformedFilesLeaveStateUnchanged_data();
    void malformedFilesLeaveStateUnchanged();
    void undoRedo();
    void sliderDragIsOneUndoStep();
    void deckStepping();
    void autosaveRestores();
    void crashedSessionsAreOrphans();
    void failedExportsLoseNothing_data();
    void failedExportsLoseNothing();
    void failedSaveLosesNothing();
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
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       dir_.filePath(QStringLiteral("settings")));
    QStandardPaths::setTestModeEnabled(true); // autosaves go to a test location
    QApplication::setFont(QFont(bundledFontFamily(), 10));
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
        QVERIFY2(text.contains(xLabel.left(12)), qPrintable(xLabel));
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
        ++rows;
    }
    QVERIFY(rows >= 30); // N_F = 2 .. 40 (N_F = 1 is not deployable and plotted separately)
}

void TestExport::scenarioSaveOpenRoundTrip() {
    // Random valid values for every registry parameter (layer split and TopK kept consistent).
    std::mt19937 rng(7);
    Scenario target = controller_->scenario();
    for (const ParamSpec& p : parameters()) {
        std::uniform_real_distribution<double> u(p.viewMin, p.viewMax);
        double v = u(rng);
        target[p.id] = p.kind == ParamKind::Real ? v : std::round(v);
    }
    target[Param::NumLayers] = target[Param::NumDenseLayers] + target[Param::NumMoeLayers];
    target[Param::TopK] = std::min(target[Param::TopK], target[Param::NumExperts]);
    target[Param::GapMs] = std::min(target[Param::GapMs], 0.5 * target[Param::SloMs]);
    target[Param::BudgetLayers] = 0;
    // The throughput model's rules, which apply once a system is set.
    target[Param::AcceptLen] =
        std::min(target[Param::AcceptLen], target[Param::TokensPerRequestStep]);
    target[Param::ExpertSlots] = std::max(target[Param::ExpertSlots], target[Param::NumExperts]);
    target[Param::KvCacheLayers] = std::min(target[Param::KvCacheLayers], target[Param::NumLayers]);
    std::vector<std::pair<Param, double>> values;
    for (const ParamSpec& p : parameters()) {
        values.emplace_back(p.id, target[p.id]);
    }
    QVERIFY(controller_->setValues(values));
    window_->heatmap()->setAxes(Param::SloMs, Param::TopK);
    window_->showView(QStringLiteral("imbalance"));
    const QString path = dir_.filePath(QStringLiteral("saved.scenario.json"));
    QString error;
    QVERIFY2(window_->saveScenario(path, &error), qPrintable(error));

    ScenarioController other(PresetLibrary::builtin());
    MainWindow otherWindow(other);
    QVERIFY(otherWindow.openFile(path));
    for (const ParamSpec& p : parameters()) {
        QVERIFY2(other.scenario()[p.id] == target[p.id], p.key.data());
    }
    QCOMPARE(otherWindow.heatmap()->xParam(), Param::SloMs);
    QCOMPARE(otherWindow.heatmap()->yParam(), Param::TopK);
    QCOMPARE(qobject_cast<PlotView*>(otherWindow.tabs()->currentWidget())->key(),
             QStringLiteral("imbalance"));
    QCOMPARE(otherWindow.currentFile(), path);
}

void TestExport::malformedFilesLeaveStateUnchanged_data() {
    QTest::addColumn<QByteArray>("content");
    const QByteArray valid = R"({"schema_version": 1, "kind": "scenario", "id": "x", "name": "X",
      "hardware": "gb200", "model": "kimi-k2", "values": {"nf": 7}})";
    QTest::newRow("truncated") << valid.left(valid.size() / 2);
    QTest::newRow("wrong version")
        << QByteArray(valid).replace("\"schema_version\": 1", "\"schema_version\": 2");
    QTest::newRow("unknown key") << QByteArray(valid).replace("\"nf\"", "\"n_f\"");
    QTest::newRow("invalid combination")
        << QByteArray(valid).replace("\"nf\": 7", "\"top_k\": 999");
    QTest::newRow("deeply nested") << QByteArray(5000, '[');
    QTest::newRow("huge") << QByteArray(5 * 1024 * 1024, ' ');
    QTest::newRow("not JSON") << QByteArray("nf = 7");
}

void TestExport::malformedFilesLeaveStateUnchanged() {
    QFETCH(QByteArray, content);
    const QString path = dir_.filePath(QStringLiteral("bad.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(content);
    f.close();
    controller_->setValue(Param::Nf, 3);
    const ScenarioController::State before = controller_->state();
    const int undoSteps = controller_->undoStack().count();
    QVERIFY(!window_->openFile(path));
    QCOMPARE(controller_->scenario(), before.current);
    QCOMPARE(controller_->hardwareId(), QStringLiteral("h800"));
    QCOMPARE(controller_->undoStack().count(), undoSteps);
}

void TestExport::undoRedo() {
    QUndoStack& stack = controller_->undoStack();
    QCOMPARE(stack.count(), 0); // opening the default scenario is not undoable
    controller_->setValue(Param::Nf, 4);
    controller_->setValue(Param::Nf, 8);
    controller_->setHardware(QStringLiteral("gb200"));
    QCOMPARE(stack.count(), 3);
    stack.undo();
    QCOMPARE(controller_->hardwareId(), QStringLiteral("h800"));
    QCOMPARE(controller_->scenario()[Param::FlopsTflops], 1979.0);
    QCOMPARE(controller_->scenario()[Param::Nf], 8.0);
    stack.undo();
    QCOMPARE(controller_->scenario()[Param::Nf], 4.0);
    stack.redo();
    stack.redo();
    QCOMPARE(controller_->hardwareId(), QStringLiteral("gb200"));
    AFD_COMPARE_NEAR(controller_->result().hfu, 0.65536, 1e-9, "Eq. 19 after redo");
    // A refused change is no step.
    controller_->setValue(Param::GapMs, 500);
    QCOMPARE(stack.count(), 3);
}

void TestExport::sliderDragIsOneUndoStep() {
    window_->show();
    QSlider* slider = window_->parameterPanel()->slider(Param::ScaleOutBwGbS);
    const double before = controller_->scenario()[Param::ScaleOutBwGbS];
    emit slider->sliderPressed();
    for (int position = 100; position < 600; position += 25) {
        slider->setValue(position);
    }
    emit slider->sliderReleased();
    QCOMPARE(controller_->undoStack().count(), 1);
    controller_->undoStack().undo();
    QCOMPARE(controller_->scenario()[Param::ScaleOutBwGbS], before);
}

void TestExport::deckStepping() {
    const std::vector<Deck> decks = PresetLibrary::builtin().builtinDecks();
    QCOMPARE(decks.size(), std::size_t(1));
    const Deck& deck = decks.front();
    QVERIFY(deck.slides.size() >= 8);
    window_->show();
    window_->loadDeck(deck);
    QVERIFY(window_->inPresentation());
    QVERIFY(!window_->menuBar()->isVisible());
    QCOMPARE(window_->view(QStringLiteral("roofline"))->theme().style, PlotStyle::Presentation);
    QCOMPARE(window_->slideIndex(), 0);
    for (int i = 1; i < int(deck.slides.size()); ++i) {
        QVERIFY(window_->nextSlide());
        QTRY_VERIFY(!window_->animating());
        const Slide& slide = deck.slides[std::size_t(i)];
        QCOMPARE(controller_->name().toStdString(), slide.title);
        QCOMPARE(qobject_cast<PlotView*>(window_->tabs()->currentWidget())->key().toStdString(),
                 slide.view);
        QCOMPARE(controller_->scenario(), resolve(slide.scenario, PresetLibrary::builtin()).values);
    }
    QVERIFY(!window_->nextSlide()); // past the last slide
    // The keyboard steps back, as a presenter's clicker does.
    QTest::keyClick(window_.get(), Qt::Key_PageUp);
    QTRY_VERIFY(!window_->animating());
    QCOMPARE(window_->slideIndex(), int(deck.slides.size()) - 2);
    QTest::keyClick(window_.get(), Qt::Key_PageDown);
    QTRY_VERIFY(!window_->animating());
    QCOMPARE(window_->slideIndex(), int(deck.slides.size()) - 1);
    QVERIFY(window_->previousSlide());
    QTRY_VERIFY(!window_->animating());
    QCOMPARE(window_->slideIndex(), int(deck.slides.size()) - 2);
    // Sliders still work during the talk.
    controller_->setValue(Param::Nf, 5);
    QCOMPARE(controller_->scenario()[Param::Nf], 5.0);
    QTest::keyClick(window_.get(), Qt::Key_Escape);
    QVERIFY(!window_->inPresentation());
    QVERIFY(window_->menuBar()->isVisible());
    // Outside presentation the arrow keys belong to the focused slider again.
    QSlider* slider = window_->parameterPanel()->slider(Param::Sigma);
    slider->setFocus();
    const int position = slider->value();
    QTest::keyClick(slider, Qt::Key_Right);
    QCOMPARE(slider->value(), position + 1);
    QCOMPARE(window_->view(QStringLiteral("roofline"))->theme().style, PlotStyle::Light);
}

void TestExport::autosaveRestores() {
    for (const QString& orphan : MainWindow::orphanedAutosaves()) {
        MainWindow::discardAutosave(orphan);
    }
    controller_->setValue(Param::Nf, 6);
    controller_->setHardware(QStringLiteral("b300"));
    // The autosave is written two seconds after the last change.
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(window_->autosavePath()), 10000);
    // A second window has a file of its own, and the first one's is not an orphan: its window
    // still holds the lock.
    ScenarioController fresh(PresetLibrary::builtin());
    auto next = std::make_unique<MainWindow>(fresh);
    QVERIFY(next->autosavePath() != window_->autosavePath());
    QVERIFY(MainWindow::orphanedAutosaves().isEmpty());
    // Restoring loads an autosave and takes it over (a copy here: the first window is alive).
    const QString copy = dir_.filePath(QStringLiteral("crashed.scenario.json"));
    QVERIFY(QFile::copy(window_->autosavePath(), copy));
    QVERIFY(next->restoreAutosave(copy));
    QCOMPARE(fresh.hardwareId(), QStringLiteral("b300"));
    QCOMPARE(fresh.scenario(), controller_->scenario());
    QVERIFY(!QFile::exists(copy));
    QVERIFY(QFile::exists(next->autosavePath()));
    // A clean exit removes a window's own autosave and nothing else.
    controller_->setValue(Param::Nf, 5);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(window_->autosavePath()), 10000);
    next->close();
    QVERIFY(!QFile::exists(next->autosavePath()));
    QVERIFY(QFile::exists(window_->autosavePath()));
    window_->close();
    QVERIFY(!QFile::exists(window_->autosavePath()));
}

void TestExport::crashedSessionsAreOrphans() {
    // A session killed with its autosave in place: a child process autosaves and is killed.
    for (const QString& orphan : MainWindow::orphanedAutosaves()) {
        MainWindow::discardAutosave(orphan);
    }
    const QString folder = MainWindow::autosaveFolder();
    QDir().mkpath(folder);
    // The lock of a process that no longer exists is stale: write one for a PID that cannot be
    // running (QLockFile's format: pid, application name, host name).
    const QString path = folder + QStringLiteral("/session-999999-1.scenario.json");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray::fromStdString(writeScenario(
        snapshotScenario("crashed", "h800", "deepseek-v3", controller_->scenario()))));
    file.close();
    QFile lock(path + QStringLiteral(".lock"));
    QVERIFY(lock.open(QIODevice::WriteOnly));
    lock.write("999999\n" + QCoreApplication::applicationName().toUtf8() + "\n" +
               QSysInfo::machineHostName().toUtf8() + "\n");
    lock.close();
    const QStringList orphans = MainWindow::orphanedAutosaves();
    QCOMPARE(orphans, QStringList{QFileInfo(path).absoluteFilePath()});
    MainWindow::discardAutosave(orphans.front());
    QVERIFY(!QFile::exists(path));
    QVERIFY(MainWindow::orphanedAutosaves().isEmpty());
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
    // The README's run command on a machine without a display: a clear message, no crash.
    QTest::newRow("no display, no subcommand") << QStringList{} << 1 << s("no display found");
    QTest::newRow("no display message suggests export")
        << QStringList{} << 1 << s("afd-explorer export --view");
    QTest::newRow("bad view") << QStringList{s("export"), s("--view"), s("pie"),      s("--format"),
                                             s("png"),    s("--out"),  s("OUT/x.png")}
                              << 2 << s("--view pie: expected one of");
    QTest::newRow("a preset file on the command line")
        << QStringList{s("--screenshot"), s("OUT/w.png"),
                       s(AFD_SOURCE_DIR "/presets/hardware/gb200.json")}
        << 0 << QString();
    // A deck is opened by the window (like File > Open): its errors still name the key.
    QFile deck(dir_.filePath(QStringLiteral("bad-deck.json")));
    if (deck.open(QIODevice::WriteOnly)) {
        deck.write(R"({"schema_version": 1, "kind": "deck", "id": "d", "name": "D", "slides": [
          {"title": "T", "view": "hfu-nf", "scenario": "default", "values": {"nf": 0}}]})");
        deck.close();
    }
    QTest::newRow("a bad deck on the command line names the key")
        << QStringList{s("--screenshot"), s("OUT/d.png"), s("OUT/bad-deck.json")} << 1
        << s("bad-deck.json: key 'slides[0].values.nf': expected a whole number in [1, 4096]");
    QTest::newRow("a malformed file on the command line")
        << QStringList{s("--screenshot"), s("OUT/m.png"), s(AFD_SOURCE_DIR "/LICENSE")} << 1
        << s("LICENSE: key '(file)': expected a complete JSON document");
    QTest::newRow("scale nan") << QStringList{s("export"),   s("--view"), s("hfu-nf"),
                                              s("--format"), s("png"),    s("--scale"),
                                              s("nan"),      s("--out"),  s("OUT/x.png")}
                               << 2 << s("--scale nan: expected a number from 0.25 to 8");
    QTest::newRow("present: bad size before creating the folder")
        << QStringList{s("present"),    s("paper-story"), s("--screenshots"),
                       s("OUT/slides"), s("--size"),      s("big")}
        << 2 << s("--size big: expected WxH");
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
    if (exitCode == 0 && args.contains(QStringLiteral("export"))) {
        QCOMPARE(QImage(dir_.filePath(QStringLiteral("i.png"))).size(), QSize(640, 480));
    } else if (exitCode == 0) {
        // A window screenshot: the window keeps its minimum size, so only its presence counts.
        QVERIFY(!QImage(dir_.filePath(QStringLiteral("w.png"))).isNull());
    }
    // A refused command leaves nothing behind (present --screenshots creates no folder).
    QVERIFY(!QFile::exists(dir_.filePath(QStringLiteral("slides"))));
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

void TestExport::failedSaveLosesNothing() {
    // File > Save on a full disk: false with the reason, the saved file as it was.
    const QString path = dir_.filePath(QStringLiteral("kept.scenario.json"));
    QString error;
    QVERIFY2(window_->saveScenario(path, &error), qPrintable(error));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray original = saved.readAll();
    saved.close();
    controller_->setValue(Param::Nf, 7);
    rlimit old{};
    getrlimit(RLIMIT_FSIZE, &old);
    const auto previous = std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limited{100, old.rlim_max};
    setrlimit(RLIMIT_FSIZE, &limited);
    const bool ok = window_->saveScenario(path, &error);
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previous);
    QVERIFY(!ok);
    QVERIFY2(error.contains(QStringLiteral("cannot write (File too large)")), qPrintable(error));
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), original);
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

QTEST_MAIN(TestExport)
#include "tst_export.moc"
