// SPDX-License-Identifier: GPL-3.0-or-later
// afd-explorer: the interactive explorer. Opens on the built-in default scenario, or on the
// scenario file given as argument.
#include "afd/presets.hpp"
#include "afd_version.hpp"
#include "explorer_commands.hpp"
#include "main_window.hpp"
#include "scenario_controller.hpp"
#include "theme.hpp"
#include "views.hpp"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFont>
#include <QIcon>
#include <QMessageBox>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTimer>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace {

bool haveDisplay() {
    const auto set = [](const char* name) {
        const char* v = std::getenv(name);
        return v != nullptr && *v != '\0';
    };
    return set("QT_QPA_PLATFORM") || set("DISPLAY") || set("WAYLAND_DISPLAY");
}

bool wantsScreenshot(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]).starts_with("--screenshot")) {
            return true;
        }
    }
    return false;
}

// `present --pdf FILE` (or --pdf=FILE) writes a handout: no window opens.
bool wantsHandout(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]).starts_with("--pdf")) {
            return true;
        }
    }
    return false;
}

// Subcommands that render without a window of their own, and the help and version texts.
bool isHeadlessCommand(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version" ||
            arg == "-v") {
            return true;
        }
    }
    if (argc < 2) {
        return false;
    }
    const std::string_view sub(argv[1]);
    const bool presentToFiles =
        sub == "present" && (wantsScreenshot(argc, argv) || wantsHandout(argc, argv));
    return sub == "export" || sub == "reproduce-paper" || presentToFiles;
}

} // namespace

int main(int argc, char** argv) {
    // With no display a window cannot open. Screenshots render offscreen by themselves; anything
    // else gets a clear message instead of Qt's platform-plugin abort.
    // Exports never need a screen: they always render offscreen, display or not.
    if (isHeadlessCommand(argc, argv) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    if (!haveDisplay()) {
        if (wantsScreenshot(argc, argv) || isHeadlessCommand(argc, argv)) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        } else {
            std::fprintf(
                stderr,
                "afd-explorer: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
                "  Export a view instead, for example:\n"
                "    afd-explorer export --view hfu-nf --format png --size 1600x1000 --out "
                "hfu-nf.png\n"
                "  or render the whole window: afd-explorer --screenshot window.png\n"
                "  For numbers without a GUI: afd-model eval --format table\n");
            return 1;
        }
    }
    QApplication app(argc, argv);
    // Before the Fusion style and our palettes hide it: is the desktop light or dark?
    afd::ui::rememberDesktopPalette();
    QApplication::setApplicationName(QStringLiteral("afd-explorer"));
    QApplication::setOrganizationName(QStringLiteral("AFD Explorer"));
    QApplication::setApplicationVersion(QStringLiteral(AFD_VERSION));
    QApplication::setApplicationDisplayName(QStringLiteral("AFD Explorer"));
    // Wayland matches the window to its desktop entry (menu name, icon) by this id.
    QGuiApplication::setDesktopFileName(QStringLiteral(AFD_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/afd-explorer.svg")));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QFont font(afd::ui::bundledFontFamily());
    font.setPointSize(10);
    QApplication::setFont(font);

    if (argc >= 2 &&
        (std::string_view(argv[1]) == "--version" || std::string_view(argv[1]) == "-v")) {
        std::fputs(qPrintable(afd::ui::versionText()), stdout);
        return 0;
    }
    if (argc >= 2) {
        const QStringList rest = QApplication::arguments().mid(2);
        const QString sub = QString::fromLocal8Bit(argv[1]);
        if (sub == QLatin1String("export")) {
            return afd::ui::runExportCommand(rest);
        }
        if (sub == QLatin1String("reproduce-paper")) {
            return afd::ui::runReproducePaperCommand(rest);
        }
        if (sub == QLatin1String("present")) {
            return afd::ui::runPresentCommand(rest);
        }
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Interactive roofline, HFU and dead-zone explorer for attention-FFN "
                       "disaggregation (arXiv 2602.09721)."));
    parser.addHelpOption();
    QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                               QStringLiteral("Print the version and the paper it implements."));
    parser.addOption(version);
    parser.addPositionalArgument(QStringLiteral("scenario"),
                                 QStringLiteral("Scenario file to open (JSON)."),
                                 QStringLiteral("[SCENARIO.json]"));
    parser.setApplicationDescription(parser.applicationDescription() + QStringLiteral("\n\n") +
                                     afd::ui::subcommandHelp());
    QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the window to PNG and exit (works without a display)."),
        QStringLiteral("PNG"));
    QCommandLineOption size(QStringLiteral("size"),
                            QStringLiteral("Window size for --screenshot, e.g. 1600x1000."),
                            QStringLiteral("WxH"), QStringLiteral("1600x1000"));
    QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("system, light or dark."),
                             QStringLiteral("THEME"));
    QCommandLineOption view(QStringLiteral("view"),
                            QStringLiteral("View to show: %1.").arg(afd::ui::viewKeyList()),
                            QStringLiteral("VIEW"));
    QCommandLineOption hardware(
        QStringLiteral("hardware"),
        QStringLiteral("Hardware preset id to use (see afd-model presets list)."),
        QStringLiteral("ID"));
    QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Model preset id to use."),
                             QStringLiteral("ID"));
    parser.addOptions({screenshot, size, theme, view, hardware, model});
    parser.process(app);
    if (parser.isSet(version)) {
        std::fputs(qPrintable(afd::ui::versionText()), stdout);
        return 0;
    }

    afd::ui::ScenarioController controller(afd::PresetLibrary::builtin());
    QString startupError;
    QObject::connect(&controller, &afd::ui::ScenarioController::rejected,
                     [&startupError](const QString& m) { startupError = m; });
    // A file on the command line: a scenario is loaded here (so --hardware/--model can replace
    // its presets); a deck or a preset file is opened by the window like File > Open. A file
    // that cannot be used is reported in the window as well as here, and the window opens on
    // the default scenario.
    QString deferredFile;
    QString fileError;
    std::optional<afd::ViewSettings> fileView; // a scenario file's view block
    if (!parser.positionalArguments().isEmpty()) {
        const QString path = parser.positionalArguments().first();
        try {
            const std::string file = QFile::encodeName(path).toStdString();
            const std::string text = afd::readInputFile(file);
            if (afd::inputFileKind(text, file) == "scenario") {
                const afd::ScenarioFile scenario = afd::parseScenario(text, file);
                controller.loadScenario(scenario);
                fileView = scenario.view;
            } else {
                deferredFile = path;
            }
        } catch (const afd::InputFileError& e) {
            startupError = QString::fromUtf8(e.what());
        }
        if (!startupError.isEmpty()) {
            std::fprintf(stderr, "afd-explorer: %s\n", qPrintable(startupError));
            if (parser.isSet(screenshot)) {
                return 1;
            }
            fileError = startupError;
            startupError.clear();
        }
    }
    for (const auto& [option, isHardware] :
         {std::pair{&hardware, true}, std::pair{&model, false}}) {
        if (!parser.isSet(*option)) {
            continue;
        }
        const QString id = parser.value(*option);
        const bool ok = isHardware ? controller.setHardware(id) : controller.setModel(id);
        if (!ok) {
            std::fprintf(stderr, "afd-explorer: --%s %s: %s\n", isHardware ? "hardware" : "model",
                         qPrintable(id), qPrintable(startupError));
            return 2;
        }
    }
    afd::ui::MainWindow window(controller);
    // The scenario file's view block (view, theme, heatmap axes and colour), as File > Open
    // applies it; --view and --theme below win over it.
    if (QString viewError; fileView && !window.applyViewSettings(*fileView, &viewError)) {
        std::fprintf(stderr, "afd-explorer: %s: %s\n",
                     qPrintable(parser.positionalArguments().first()), qPrintable(viewError));
    }
    if (parser.isSet(theme) && !window.setThemeName(parser.value(theme))) {
        std::fprintf(stderr, "afd-explorer: --theme %s: expected one of %s\n",
                     qPrintable(parser.value(theme)),
                     qPrintable(afd::ui::themeChoiceKeys().join(QStringLiteral(", "))));
        return 2;
    }
    if (parser.isSet(view) && !window.showView(parser.value(view))) {
        std::fprintf(stderr, "afd-explorer: --view %s: expected one of %s\n",
                     qPrintable(parser.value(view)), qPrintable(afd::ui::viewKeyList()));
        return 2;
    }
    // Screenshots open the deck or preset before rendering; the interactive window opens it
    // once shown, so that a bad file gets its dialog.
    if (!deferredFile.isEmpty() && parser.isSet(screenshot) && !window.openFile(deferredFile)) {
        std::fprintf(stderr, "afd-explorer: %s\n", qPrintable(window.lastOpenError()));
        return 1;
    }
    if (parser.isSet(screenshot)) {
        const auto windowSize = afd::ui::parseSizeText(parser.value(size), afd::ui::kMinWindowSize,
                                                       afd::ui::kMaxWindowSize);
        if (!windowSize) {
            std::fprintf(stderr, "afd-explorer: --size %s: expected WxH between %dx%d and %dx%d\n",
                         qPrintable(parser.value(size)), afd::ui::kMinWindowSize.width(),
                         afd::ui::kMinWindowSize.height(), afd::ui::kMaxWindowSize.width(),
                         afd::ui::kMaxWindowSize.height());
            return 2;
        }
        window.resize(*windowSize);
        window.show();
        QApplication::processEvents();
        window.heatmap()->finishPending();
        QString error;
        if (!afd::ui::saveWindowImage(window, parser.value(screenshot), &error)) {
            std::fprintf(stderr, "afd-explorer: %s\n", qPrintable(error));
            return 1;
        }
        return 0;
    }
    window.setConfirmUnsavedOnClose(true);
    // Autosaves left behind by sessions that did not end cleanly (any number of windows):
    // offer each, newest first. One is restored into this window; the ones declined are
    // removed; any left after a restore are offered again at the next start.
    if (parser.positionalArguments().isEmpty()) {
        for (const QString& orphan : afd::ui::MainWindow::orphanedAutosaves()) {
            const QString when =
                QFileInfo(orphan).lastModified().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss"));
            const auto answer = QMessageBox::question(
                nullptr, QStringLiteral("AFD Explorer"),
                QStringLiteral("A session ended unexpectedly; its working state was autosaved "
                               "at %1. Restore it?\n\nNo discards that autosave.")
                    .arg(when),
                QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
            if (answer == QMessageBox::Yes) {
                if (window.restoreAutosave(orphan)) {
                    break;
                }
            } else {
                afd::ui::MainWindow::discardAutosave(orphan);
            }
        }
    }
    window.show();
    if (!deferredFile.isEmpty() && !window.openFile(deferredFile)) {
        std::fprintf(stderr, "afd-explorer: %s\n", qPrintable(window.lastOpenError()));
    }
    if (!fileError.isEmpty()) {
        window.statusBar()->showMessage(QStringLiteral("Not opened: ") + fileError);
        QMessageBox::warning(&window, QStringLiteral("Cannot open file"), fileError);
    }
    return QApplication::exec();
}
