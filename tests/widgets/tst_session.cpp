// SPDX-License-Identifier: GPL-3.0-or-later
// The working session: scenario files (save/open round trip, malformed files, a failed save),
// decks stepped in presentation mode, and autosave (restore, one file per window, what a
// crashed session leaves behind).
#include "afd/presets.hpp"
#include "main_window.hpp"
#include "parameter_panel.hpp"
#include "presentation_controller.hpp"
#include "scenario_controller.hpp"
#include "session_document.hpp"
#include "test_support.hpp"
#include "views.hpp"
#include "widget_test_main.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSlider>
#include <QStatusBar>
#include <QSysInfo>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>
#include <algorithm>
#include <csignal>
#include <memory>
#include <random>
#include <sys/resource.h>

using namespace afd;
using namespace afd::ui;

class TestSession : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void init();
    void cleanup();
    void scenarioSaveOpenRoundTrip();
    void malformedFilesLeaveStateUnchanged_data();
    void malformedFilesLeaveStateUnchanged();
    void failedSaveLosesNothing();
    void deckStepping();
    void autosaveRestores();
    void crashedSessionsAreOrphans();
    void closingAsksAboutUnsavedChanges();
    void openingReportsUnknownViewNames();
    void shippedFilesNameViewsOfTheWindow();

  private:
    QTemporaryDir dir_;
    std::unique_ptr<ScenarioController> controller_;
    std::unique_ptr<MainWindow> window_;
};

void TestSession::initTestCase() {
    QVERIFY(dir_.isValid());
}

void TestSession::init() {
    controller_ = std::make_unique<ScenarioController>(PresetLibrary::builtin());
    window_ = std::make_unique<MainWindow>(*controller_);
    window_->setThemeName(QStringLiteral("light"));
    window_->resize(1400, 900);
}

void TestSession::cleanup() {
    window_.reset();
    controller_.reset();
}

void TestSession::scenarioSaveOpenRoundTrip() {
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

void TestSession::malformedFilesLeaveStateUnchanged_data() {
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

void TestSession::malformedFilesLeaveStateUnchanged() {
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

void TestSession::failedSaveLosesNothing() {
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

void TestSession::deckStepping() {
    // The shipped decks: the paper's story and the throughput comparison beyond it. Each slide
    // shows its view and its scenario exactly, attention hardware included.
    const std::vector<Deck> decks = PresetLibrary::builtin().builtinDecks();
    QCOMPARE(decks.size(), std::size_t(2));
    window_->show();
    for (const Deck& other : decks) {
        window_->loadDeck(other);
        QVERIFY(window_->inPresentation());
        for (int i = 1; i < int(other.slides.size()); ++i) {
            QVERIFY(window_->goToSlide(i, false)); // the animation is tested below
            const Slide& slide = other.slides[std::size_t(i)];
            // A text slide replaces the views; the scenario stays as the last view slide left it.
            QCOMPARE(window_->tabs()->isVisible(), slide.kind == SlideKind::View);
            if (slide.kind == SlideKind::Text) {
                continue;
            }
            QCOMPARE(window_->viewSettings().current, slide.view);
            QCOMPARE(controller_->scenario(),
                     resolve(slide.scenario, PresetLibrary::builtin()).values);
            QCOMPARE(controller_->attentionHardwareId().toStdString(),
                     slide.scenario.attentionHardwareId);
        }
        window_->leavePresentation();
    }
    const auto story = std::find_if(decks.begin(), decks.end(),
                                    [](const Deck& d) { return d.id == "paper-story"; });
    QVERIFY(story != decks.end());
    const Deck& deck = *story;
    QVERIFY(deck.slides.size() >= 8);
    window_->loadDeck(deck);
    QVERIFY(window_->inPresentation());
    QVERIFY(!window_->menuBar()->isVisible());
    QCOMPARE(window_->view(QStringLiteral("roofline"))->theme().style, PlotStyle::Presentation);
    QCOMPARE(window_->slideIndex(), 0);
    for (int i = 1; i < int(deck.slides.size()); ++i) {
        QVERIFY(window_->nextSlide());
        QTRY_VERIFY(!window_->animating());
        const Slide& slide = deck.slides[std::size_t(i)];
        if (slide.kind == SlideKind::Text) {
            continue;
        }
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

void TestSession::autosaveRestores() {
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

void TestSession::crashedSessionsAreOrphans() {
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

namespace {

// Answers the next modal message box with `button` once it is open.
void answerNextMessageBox(QMessageBox::StandardButton button) {
    QTimer::singleShot(0, [button] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        QVERIFY(box != nullptr);
        box->button(button)->click();
    });
}

} // namespace

void TestSession::closingAsksAboutUnsavedChanges() {
    window_->setConfirmUnsavedOnClose(true);
    window_->show();
    // Nothing changed since the window opened: it closes without a question (a question
    // would block here, as no answer is scheduled).
    QVERIFY(window_->close());
    window_->show();
    controller_->setValue(Param::Nf, 6);
    QVERIFY(window_->document().hasUnsavedChanges());
    // Cancel keeps the window, its values and its autosave lock.
    answerNextMessageBox(QMessageBox::Cancel);
    QVERIFY(!window_->close());
    QVERIFY(window_->isVisible());
    QCOMPARE(controller_->scenario()[Param::Nf], 6.0);
    QVERIFY(MainWindow::orphanedAutosaves().isEmpty());
    // After a save there is nothing to ask about.
    QString error;
    QVERIFY2(window_->saveScenario(dir_.filePath(QStringLiteral("kept.scenario.json")), &error),
             qPrintable(error));
    QVERIFY(!window_->document().hasUnsavedChanges());
    controller_->setValue(Param::Nf, 7);
    // Discard closes without writing the change anywhere but the (removed) autosave.
    answerNextMessageBox(QMessageBox::Discard);
    QVERIFY(window_->close());
    const ScenarioFile kept =
        loadScenarioFile(dir_.filePath(QStringLiteral("kept.scenario.json")).toStdString());
    const auto nf = std::find_if(kept.overrides.begin(), kept.overrides.end(),
                                 [](const auto& entry) { return entry.first == Param::Nf; });
    QVERIFY(nf != kept.overrides.end());
    QCOMPARE(nf->second, 6.0);
}

void TestSession::openingReportsUnknownViewNames() {
    // The core keeps view and theme names as text; the window knows its own views and themes,
    // and says which key named one it does not have. The values are still applied.
    const QString path = dir_.filePath(QStringLiteral("future.scenario.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"schema_version": 1, "kind": "scenario", "id": "future", "name": "Future",
      "hardware": "h800", "model": "deepseek-v3", "values": {"nf": 5},
      "view": {"current": "waterfall", "theme": "sepia"}})");
    f.close();
    QVERIFY(window_->openFile(path));
    QCOMPARE(controller_->scenario()[Param::Nf], 5.0);
    const QString status = window_->statusBar()->currentMessage();
    QVERIFY2(status.contains(QLatin1String("view.current")) &&
                 status.contains(QLatin1String("waterfall")) &&
                 status.contains(QLatin1String("view.theme")) &&
                 status.contains(QLatin1String("sepia")),
             qPrintable(status));
}

void TestSession::shippedFilesNameViewsOfTheWindow() {
    // The core keeps view keys as text, so the built-in scenarios and decks are checked against
    // the window's table of views here.
    const PresetLibrary& lib = PresetLibrary::builtin();
    int named = 0;
    for (const ScenarioFile& s : lib.scenarios()) {
        if (s.view && !s.view->current.empty()) {
            QVERIFY2(findViewInfo(QString::fromStdString(s.view->current)), s.id.c_str());
            ++named;
        }
        if (s.figure) {
            QVERIFY2(findViewInfo(QString::fromStdString(s.figure->view)), s.id.c_str());
            ++named;
        }
    }
    QVERIFY(named > 0);
    const std::vector<Deck> decks = lib.builtinDecks();
    QVERIFY(!decks.empty());
    for (const Deck& deck : decks) {
        QVERIFY2(PresentationController::checkDeck(deck).isEmpty(),
                 qPrintable(PresentationController::checkDeck(deck)));
    }
    // And the check itself refuses a view the window does not have, naming the slide.
    Deck wrong = decks.front();
    wrong.slides.back().view = "waterfall";
    const QString problem = PresentationController::checkDeck(wrong);
    QVERIFY2(problem.contains(QStringLiteral("slides[%1].view").arg(wrong.slides.size() - 1)) &&
                 problem.contains(QLatin1String("waterfall")),
             qPrintable(problem));
}

AFD_WIDGET_TEST_MAIN(TestSession)
#include "tst_session.moc"
