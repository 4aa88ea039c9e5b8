// SPDX-License-Identifier: GPL-3.0-or-later
#include "explorer_commands.hpp"

#include "afd/presets.hpp"
#include "exporter.hpp"
#include "main_window.hpp"
#include "scenario_controller.hpp"
#include "views.hpp"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMap>
#include <cmath>
#include <cstdio>

namespace afd::ui {

namespace {

struct UsageError {
    QString message;
};

void fail(const QString& message) {
    throw UsageError{message};
}

// --key value pairs; every key must be in `allowed`, every value present.
QMap<QString, QString> parseOptions(const QStringList& args, const QStringList& allowed) {
    QMap<QString, QString> out;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (!a.startsWith(QLatin1String("--")) || !allowed.contains(a.mid(2))) {
            fail(QStringLiteral("unexpected argument '%1' (expected %2)")
                     .arg(a, QStringLiteral("--") + allowed.join(QStringLiteral(", --"))));
        }
        if (i + 1 >= args.size()) {
            fail(QStringLiteral("option %1 needs a value").arg(a));
        }
        out[a.mid(2)] = args[++i];
    }
    return out;
}

QSize parseSize(const QString& text) {
    const QStringList wh = text.split(QLatin1Char('x'));
    bool okW = false;
    bool okH = false;
    const int w = wh.size() == 2 ? wh[0].toInt(&okW) : 0;
    const int h = wh.size() == 2 ? wh[1].toInt(&okH) : 0;
    if (!okW || !okH || w < 16 || h < 16 || w > 20000 || h > 20000) {
        fail(QStringLiteral("--size %1: expected WxH, e.g. 1600x1000, each 16 to 20000").arg(text));
    }
    return {w, h};
}

ScenarioFile scenarioArgument(const QString& arg, const PresetLibrary& library) {
    if (arg.isEmpty()) {
        return *library.scenario("default");
    }
    if (const ScenarioFile* builtin = library.scenario(arg.toStdString())) {
        return *builtin;
    }
    return loadScenarioFile(arg.toStdString()); // throws InputFileError naming file and key
}

int report(const std::function<int()>& body) {
    try {
        return body();
    } catch (const UsageError& e) {
        std::fprintf(stderr, "afd-explorer: %s\n", qPrintable(e.message));
        return 2;
    } catch (const InputFileError& e) {
        std::fprintf(stderr, "afd-explorer: %s\n", e.what());
        return 1;
    }
}

// A controller and a (hidden) window on the given scenario, views themed for export.
struct Session {
    ScenarioController controller{PresetLibrary::builtin()};
    QString error;
    std::unique_ptr<MainWindow> window;

    explicit Session(const ScenarioFile& file) {
        QObject::connect(&controller, &ScenarioController::rejected,
                         [this](const QString& m) { error = m; });
        if (!controller.loadScenario(file)) {
            throw InputFileError(file.origin, "values", "a valid scenario", error.toStdString());
        }
        window = std::make_unique<MainWindow>(controller);
        window->setThemeName(QStringLiteral("light"));
        if (file.view) {
            window->applyViewSettings(*file.view);
        }
    }
    PlotView& view(const QString& key) {
        PlotView* v = window->view(key);
        if (v == nullptr) {
            fail(QStringLiteral(
                     "--view %1: expected one of roofline, comm-roofline, hfu-nf, hfu-grid, "
                     "intensity, heatmap, imbalance")
                     .arg(key));
        }
        return *v;
    }
};

} // namespace

int runExportCommand(const QStringList& args) {
    return report([&] {
        const auto o = parseOptions(args, {QStringLiteral("scenario"), QStringLiteral("view"),
                                           QStringLiteral("format"), QStringLiteral("size"),
                                           QStringLiteral("theme"), QStringLiteral("scale"),
                                           QStringLiteral("out")});
        for (const char* required : {"view", "format", "out"}) {
            if (!o.contains(QLatin1String(required))) {
                fail(
                    QStringLiteral(
                        "export: --%1 is required (afd-explorer export --scenario FILE --view VIEW "
                        "--format png|svg|pdf|csv|json --size WxH [--theme light|dark|print] --out "
                        "PATH)")
                        .arg(QLatin1String(required)));
            }
        }
        ExportOptions options;
        if (!parseExportFormat(o[QStringLiteral("format")], &options.format)) {
            fail(QStringLiteral("--format %1: expected png, svg, pdf, csv or json")
                     .arg(o[QStringLiteral("format")]));
        }
        options.size = parseSize(o.value(QStringLiteral("size"), QStringLiteral("1600x1000")));
        options.theme = o.value(QStringLiteral("theme"), QStringLiteral("light"));
        if (!QStringList{QStringLiteral("light"), QStringLiteral("dark"), QStringLiteral("print")}
                 .contains(options.theme)) {
            fail(QStringLiteral("--theme %1: expected light, dark or print").arg(options.theme));
        }
        if (o.contains(QStringLiteral("scale"))) {
            bool ok = false;
            options.scale = o[QStringLiteral("scale")].toDouble(&ok);
            // NaN fails every comparison, so it is refused explicitly.
            if (!ok || !std::isfinite(options.scale) || options.scale < 0.25 || options.scale > 8) {
                fail(QStringLiteral("--scale %1: expected a number from 0.25 to 8")
                         .arg(o[QStringLiteral("scale")]));
            }
        }
        Session session(
            scenarioArgument(o.value(QStringLiteral("scenario")), PresetLibrary::builtin()));
        PlotView& view = session.view(o[QStringLiteral("view")]);
        QString error;
        if (!exportView(view, session.controller, o[QStringLiteral("out")], options, &error)) {
            std::fprintf(stderr, "afd-explorer: %s\n", qPrintable(error));
            return 1;
        }
        return 0;
    });
}

int runReproducePaperCommand(const QStringList& args) {
    return report([&] {
        const auto o = parseOptions(args, {QStringLiteral("out"), QStringLiteral("size")});
        if (!o.contains(QStringLiteral("out"))) {
            fail(QStringLiteral("reproduce-paper: --out DIR is required"));
        }
        const QString dir = o[QStringLiteral("out")];
        const QSize size = parseSize(o.value(QStringLiteral("size"), QStringLiteral("1600x1000")));
        if (!QDir().mkpath(dir)) {
            std::fprintf(stderr, "afd-explorer: %s: cannot create the directory\n",
                         qPrintable(dir));
            return 1;
        }
        struct Figure {
            QString file;
            const char* scenario;
            QString view;
            QString figure;
            bool compare;
        };
        QVector<Figure> figures{
            {QStringLiteral("fig2-intensity-h800"), "fig2-intensity-h800",
             QStringLiteral("intensity"),
             QStringLiteral("Fig. 2: arithmetic intensity vs N_F, DeepSeek-V3 on H800"), false},
            {QStringLiteral("fig4-all-hardware"), "default", QStringLiteral("hfu-grid"),
             QStringLiteral("Fig. 4: HFU vs N_F, six models on eight platforms"), false}};
        for (const Preset* hw : PresetLibrary::builtin().paperHardware()) {
            const QString id = QStringLiteral("fig4-hfu-nf-") + QString::fromStdString(hw->id);
            figures.push_back({id, nullptr, QStringLiteral("hfu-nf"),
                               QStringLiteral("Fig. 4, %1 panel: HFU vs N_F, the six paper models")
                                   .arg(QString::fromStdString(hw->id).toUpper()),
                               true});
        }
        figures.push_back({QStringLiteral("fig6-imbalance"), "fig6-imbalance",
                           QStringLiteral("imbalance"),
                           QStringLiteral("Fig. 6: imbalance penalty, alpha vs lambda"), false});
        figures.push_back(
            {QStringLiteral("comm-roofline-h800"), "comm-roofline-h800",
             QStringLiteral("comm-roofline"),
             QStringLiteral("Communication roofline (section 3, Appendix A), DeepSeek-V3 on H800"),
             false});
        QString index = QStringLiteral(
            "# Figures of arXiv 2602.09721 reproduced by AFD Explorer " AFD_VERSION "\n\n"
            "| file | reproduces |\n|---|---|\n");
        for (const Figure& f : figures) {
            const std::string scenarioId =
                f.scenario != nullptr ? f.scenario : f.file.toStdString();
            Session session(
                scenarioArgument(QString::fromStdString(scenarioId), PresetLibrary::builtin()));
            PlotView& view = session.view(f.view);
            if (auto* nf = qobject_cast<NfSweepView*>(&view)) {
                nf->setCompareModels(f.compare);
            }
            for (ExportFormat format : {ExportFormat::Png, ExportFormat::Pdf, ExportFormat::Csv}) {
                ExportOptions options;
                options.format = format;
                options.size =
                    format == ExportFormat::Pdf ? QSize(size.width() / 2, size.height() / 2) : size;
                options.theme = QStringLiteral("print");
                const QString name = f.file + QLatin1Char('.') + exportFormatSuffix(format);
                QString error;
                if (!exportView(view, session.controller, dir + QLatin1Char('/') + name, options,
                                &error)) {
                    std::fprintf(stderr, "afd-explorer: %s\n", qPrintable(error));
                    return 1;
                }
                index += QStringLiteral("| %1 | %2 |\n").arg(name, f.figure);
            }
        }
        index += QStringLiteral(
            "\nEach image has a `.scenario.json` beside it and each CSV starts with the "
            "scenario as `#` comment lines: open either in AFD Explorer to re-create the "
            "figure.\n");
        QString error;
        if (!writeFileAtomically(dir + QStringLiteral("/index.md"), index.toUtf8(), &error)) {
            std::fprintf(stderr, "afd-explorer: %s\n", qPrintable(error));
            return 1;
        }
        std::fprintf(stderr, "afd-explorer: wrote %lld figures to %s (see index.md)\n",
                     static_cast<long long>(figures.size()), qPrintable(dir));
        return 0;
    });
}

int runPresentCommand(const QStringList& args) {
    return report([&] {
        if (args.isEmpty() || args.first().startsWith(QLatin1String("--"))) {
            fail(QStringLiteral("present: expected DECK (a deck file or built-in deck id) "
                                "[--screenshots DIR] [--size WxH]"));
        }
        const QString deckArg = args.first();
        const auto o =
            parseOptions(args.mid(1), {QStringLiteral("screenshots"), QStringLiteral("size")});
        const PresetLibrary& library = PresetLibrary::builtin();
        std::optional<Deck> deck;
        for (const Deck& d : library.builtinDecks()) {
            if (QFileInfo(QString::fromStdString(d.origin)).baseName() == deckArg) {
                deck = d;
            }
        }
        if (!deck) {
            deck = loadDeckFile(deckArg.toStdString(), library);
        }
        ScenarioController controller(library);
        MainWindow window(controller);
        if (!o.contains(QStringLiteral("screenshots"))) {
            window.show();
            window.loadDeck(*deck);
            return QApplication::exec();
        }
        const QString dir = o[QStringLiteral("screenshots")];
        // Every argument is checked before anything is created on disk.
        const QSize size = parseSize(o.value(QStringLiteral("size"), QStringLiteral("1920x1080")));
        if (!QDir().mkpath(dir)) {
            fail(QStringLiteral("--screenshots %1: cannot create the folder").arg(dir));
        }
        // Not full screen (the offscreen screen is small): the window takes the requested size.
        window.resize(size);
        window.loadDeck(*deck);
        window.show();
        window.resize(size);
        for (int i = 0; i < window.slideCount(); ++i) {
            window.goToSlide(i, false);
            window.heatmap()->finishPending();
            QElapsedTimer settle;
            settle.start();
            while (settle.elapsed() < 200) {
                QApplication::processEvents(QEventLoop::AllEvents, 50);
            }
            const QString path =
                dir + QStringLiteral("/slide-%1.png").arg(i + 1, 2, 10, QLatin1Char('0'));
            if (!window.grab().save(path)) {
                std::fprintf(stderr, "afd-explorer: %s: cannot write\n", qPrintable(path));
                return 1;
            }
        }
        return 0;
    });
}

} // namespace afd::ui
