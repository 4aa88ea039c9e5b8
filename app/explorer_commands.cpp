// SPDX-License-Identifier: GPL-3.0-or-later
#include "explorer_commands.hpp"

#include "afd/presets.hpp"
#include "afd_version.hpp"
#include "exporter.hpp"
#include "main_window.hpp"
#include "presentation_controller.hpp"
#include "scenario_controller.hpp"
#include "slide_renderer.hpp"
#include "views.hpp"

#include <QApplication>
#include <QBuffer>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMap>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

namespace afd::ui {

namespace {

struct UsageError {
    QString message;
};

void fail(const QString& message) {
    throw UsageError{message};
}

// A subcommand's parser: its options, --help, and errors as UsageError naming the option.
class SubcommandParser {
  public:
    SubcommandParser(const QString& name, const QString& description) : name_(name) {
        parser_.setApplicationDescription(description);
        parser_.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        parser_.addHelpOption();
    }
    void add(const QString& name, const QString& help, const QString& valueName = {},
             const QString& defaultValue = {}) {
        QCommandLineOption option(name, help, valueName, defaultValue);
        parser_.addOption(option);
        optionNames_ << QStringLiteral("--") + name;
    }
    void addPositional(const QString& name, const QString& help, const QString& syntax) {
        parser_.addPositionalArgument(name, help, syntax);
        ++positionals_;
    }
    // False when --help was asked for (the help is printed to stdout).
    bool parse(const QStringList& args) {
        if (!parser_.parse(QStringList{QStringLiteral("afd-explorer ") + name_} + args)) {
            if (!parser_.unknownOptionNames().isEmpty()) {
                fail(QStringLiteral("%1: unknown option --%2 (expected %3)")
                         .arg(name_, parser_.unknownOptionNames().first(), optionList()));
            }
            fail(name_ + QStringLiteral(": ") + parser_.errorText() +
                 QStringLiteral(" (see afd-explorer %1 --help)").arg(name_));
        }
        if (parser_.isSet(QStringLiteral("help"))) {
            // Qt's usage line names the executable's path; name the subcommand instead.
            QString help = parser_.helpText();
            const qsizetype endOfUsage = help.indexOf(QLatin1Char('\n'));
            help.replace(0, endOfUsage,
                         QStringLiteral("Usage: afd-explorer %1 [options]%2")
                             .arg(name_, positionals_ > 0 ? QStringLiteral(" DECK") : QString()));
            std::fputs(qPrintable(help), stdout);
            return false;
        }
        if (parser_.positionalArguments().size() > positionals_) {
            fail(QStringLiteral("%1: unexpected argument '%2'")
                     .arg(name_, parser_.positionalArguments().at(positionals_)));
        }
        return true;
    }
    bool isSet(const QString& name) const { return parser_.isSet(name); }
    QString value(const QString& name) const { return parser_.value(name); }
    QString required(const QString& name) const {
        if (!parser_.isSet(name)) {
            fail(QStringLiteral("%1: --%2 is required (see afd-explorer %1 --help)")
                     .arg(name_, name));
        }
        return parser_.value(name);
    }
    QStringList positional() const { return parser_.positionalArguments(); }
    // "--out, --size, --help": what a message says was expected.
    QString optionList() const { return optionNames_.join(QStringLiteral(", ")); }
    QSize size(const QString& option, QSize min, QSize max) const {
        const QString text = parser_.value(option);
        const auto parsed = parseSizeText(text, min, max);
        if (!parsed) {
            fail(QStringLiteral("--%1 %2: expected WxH, e.g. 1600x1000, width %3 to %4 and "
                                "height %5 to %6")
                     .arg(option, text)
                     .arg(min.width())
                     .arg(max.width())
                     .arg(min.height())
                     .arg(max.height()));
        }
        return *parsed;
    }

  private:
    QString name_;
    QCommandLineParser parser_;
    QStringList optionNames_;
    qsizetype positionals_ = 0;
};

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
        window->setThemeChoice(ThemeChoice::Light);
        QString viewError;
        if (file.view && !window->applyViewSettings(*file.view, &viewError)) {
            throw InputFileError(file.origin, "view", "names this explorer knows",
                                 viewError.toStdString());
        }
    }
    PlotView& view(const QString& key) {
        PlotView* v = window->view(key);
        if (v == nullptr) {
            fail(QStringLiteral("--view %1: expected one of %2").arg(key, viewKeyList()));
        }
        return *v;
    }
};

// The SLO the paper's Fig. 4 holds under. The paper does not print it. Its text: DeepSeek-V3
// cannot be deployed on one 8-GPU Hopper node, "two 8-GPU H800 nodes are sufficient"
// (docs/model.md A5), and Kimi-K2 cannot be deployed on one or two; the points are marked
// "HBM - model" (capacity or bandwidth). Capacity does not depend on the SLO; the bandwidth
// test (A5) fails while Mem / BW_mem > t_B, and t_B grows with the SLO (Eq. 1):
// SLO = (t_g + N_layers N_BO t_B) / L_accept. So the points that must fail give an upper bound
// (the one that streams its weights fastest), DeepSeek-V3 on two H800 nodes a lower bound.
struct SloBound {
    double ms = 0;       // the SLO at which Mem / BW_mem = t_B
    double streamMs = 0; // Mem / BW_mem
    QString hardware, model;
    double nf = 0;
};
struct PaperSlo {
    SloBound upper; // every "cannot be deployed" point fails below it
    SloBound lower; // DeepSeek-V3 on two H800 nodes fits from it on
    double slo = 0; // ms: the upper bound rounded down to 0.1 ms (strictly below it)
    double acceptLen = 0, gapMs = 0;
    bool valid() const { return std::isfinite(upper.ms) && slo >= lower.ms; }
};

PaperSlo fig4PaperSlo(const PresetLibrary& library) {
    PaperSlo out;
    out.upper.ms = std::numeric_limits<double>::infinity();
    out.lower.ms = std::numeric_limits<double>::quiet_NaN();
    // L_accept, t_g and N_BO as the Fig. 4 scenarios set them.
    const ScenarioFile* fig4 = library.scenario("fig4-hfu-nf-h800");
    const Scenario paperSettings = fig4 != nullptr ? resolve(*fig4, library).values : Scenario();
    out.acceptLen = paperSettings[Param::AcceptLen];
    out.gapMs = paperSettings[Param::GapMs];
    // nullopt when the capacity test fails (whatever the SLO) or the point cannot be evaluated.
    auto boundAt = [&](const char* hwId, const char* modelId,
                       double nf) -> std::optional<SloBound> {
        const Preset* hw = library.hardware(hwId);
        const Preset* model = library.model(modelId);
        if (hw == nullptr || model == nullptr) {
            return std::nullopt;
        }
        Scenario s = paperSettings;
        hw->applyTo(s);
        model->applyTo(s);
        s[Param::Nf] = nf;
        const Result r = evaluate(s);
        if (r.error || r.weightBytesPerGpu > r.usableHbmBytes) {
            return std::nullopt;
        }
        SloBound b;
        b.streamMs = r.weightBytesPerRank / (s[Param::HbmBwTbS] * 1e12) * 1e3;
        b.ms =
            (s[Param::GapMs] + r.budgetLayers * s[Param::NBo] * b.streamMs) / s[Param::AcceptLen];
        b.hardware = QString::fromStdString(hw->name).remove(QStringLiteral(" (paper)"));
        b.model = QString::fromStdString(model->name).remove(QStringLiteral(" (paper)"));
        b.nf = nf;
        return b;
    };
    // The paper's 8-GPU Hopper platforms (Table 5): H20, H100, H200, H800.
    struct Point {
        const char* model;
        double nf;
    };
    for (const char* hwId : {"h20", "h100", "h200", "h800"}) {
        for (const Point p : {Point{"deepseek-v3", 1}, Point{"kimi-k2", 1}, Point{"kimi-k2", 2}}) {
            if (const auto b = boundAt(hwId, p.model, p.nf); b && b->ms < out.upper.ms) {
                out.upper = *b;
            }
        }
    }
    if (const auto b = boundAt("h800", "deepseek-v3", 2)) {
        out.lower = *b;
    }
    out.slo = std::floor((out.upper.ms - 1e-9) * 10) / 10;
    return out;
}

} // namespace

int runExportCommand(const QStringList& args) {
    return report([&] {
        SubcommandParser p(QStringLiteral("export"),
                           QStringLiteral("Exports one view as an image (PNG, SVG, PDF) or its "
                                          "data (CSV, JSON), with the scenario beside it."));
        p.add(QStringLiteral("scenario"),
              QStringLiteral("Scenario file or built-in scenario id (default: the default "
                             "scenario)."),
              QStringLiteral("FILE|ID"));
        p.add(QStringLiteral("view"), QStringLiteral("View to export: %1.").arg(viewKeyList()),
              QStringLiteral("VIEW"));
        p.add(QStringLiteral("format"), QStringLiteral("png, svg, pdf, csv or json."),
              QStringLiteral("FORMAT"));
        p.add(QStringLiteral("preset"),
              QStringLiteral("Figure size with text at a fixed point size: %1 (column 3.5 in "
                             "at 8 pt, page 7 in at 9 pt, slide 16:9 at 20 pt, poster 10 in at "
                             "24 pt).")
                  .arg(exportPresetKeyList()),
              QStringLiteral("PRESET"));
        p.add(QStringLiteral("size"),
              QStringLiteral("Pixels (PNG), points (PDF) or user units (SVG); with --preset, "
                             "points for every format (default: the preset's size)."),
              QStringLiteral("WxH"), QStringLiteral("1600x1000"));
        p.add(QStringLiteral("theme"),
              QStringLiteral("light, dark, print or presentation (default: light; the preset's "
                             "with --preset)."),
              QStringLiteral("THEME"), QStringLiteral("light"));
        p.add(QStringLiteral("scale"),
              QStringLiteral("PNG only: device pixels per pixel, 0.25 to 8 (2 = high-DPI)."),
              QStringLiteral("S"));
        p.add(QStringLiteral("title"), QStringLiteral("Draw the view's title above the plot "
                                                      "(on by default for slide and poster)."));
        p.add(QStringLiteral("no-title"), QStringLiteral("No title above the plot."));
        p.add(QStringLiteral("caption"),
              QStringLiteral("A caption line below the plot naming hardware, model and the "
                             "TPOT SLO."));
        p.add(QStringLiteral("caption-text"), QStringLiteral("A caption line of your own."),
              QStringLiteral("TEXT"));
        p.add(QStringLiteral("out"), QStringLiteral("Output file; - writes to standard output."),
              QStringLiteral("PATH"));
        if (!p.parse(args)) {
            return 0;
        }
        const QString viewKey = p.required(QStringLiteral("view"));
        const QString format = p.required(QStringLiteral("format"));
        const QString out = p.required(QStringLiteral("out"));
        ExportFormat exportFormat = ExportFormat::Png;
        if (!parseExportFormat(format, &exportFormat)) {
            fail(QStringLiteral("--format %1: expected png, svg, pdf, csv or json").arg(format));
        }
        const bool image = exportFormat == ExportFormat::Png || exportFormat == ExportFormat::Svg ||
                           exportFormat == ExportFormat::Pdf;
        ExportOptions options;
        options.format = exportFormat;
        if (p.isSet(QStringLiteral("preset"))) {
            const QString key = p.value(QStringLiteral("preset"));
            const auto preset = parseExportPreset(key);
            if (!preset) {
                fail(QStringLiteral("--preset %1: expected %2").arg(key, exportPresetKeyList()));
            }
            options = presetExportOptions(*preset, exportFormat);
        }
        // Options that only an image has are refused for data, rather than silently ignored.
        for (const char* imageOnly : {"preset", "title", "no-title", "caption", "caption-text"}) {
            if (!image && p.isSet(QLatin1String(imageOnly))) {
                fail(QStringLiteral("--%1: applies to png, svg and pdf, not to --format %2")
                         .arg(QLatin1String(imageOnly), format));
            }
        }
        if (!options.preset || p.isSet(QStringLiteral("size"))) {
            options.size = p.size(QStringLiteral("size"), kMinImageSize, kMaxImageSize);
        }
        if (!options.preset || p.isSet(QStringLiteral("theme"))) {
            const auto style = parsePlotStyle(p.value(QStringLiteral("theme")));
            if (!style) {
                fail(QStringLiteral("--theme %1: expected light, dark, print or presentation")
                         .arg(p.value(QStringLiteral("theme"))));
            }
            options.style = *style;
        }
        if (p.isSet(QStringLiteral("title")) && p.isSet(QStringLiteral("no-title"))) {
            fail(QStringLiteral("--title, --no-title: expected one of them, not both"));
        }
        if (p.isSet(QStringLiteral("title")) || p.isSet(QStringLiteral("no-title"))) {
            options.title = p.isSet(QStringLiteral("title"));
        }
        if (p.isSet(QStringLiteral("caption")) && p.isSet(QStringLiteral("caption-text"))) {
            fail(QStringLiteral("--caption, --caption-text: expected one of them, not both"));
        }
        if (p.isSet(QStringLiteral("caption-text")) &&
            p.value(QStringLiteral("caption-text")).trimmed().isEmpty()) {
            fail(QStringLiteral("--caption-text: expected a text, not an empty one"));
        }
        if (p.isSet(QStringLiteral("scale"))) {
            bool ok = false;
            options.scale = p.value(QStringLiteral("scale")).toDouble(&ok);
            // NaN fails every comparison, so it is refused explicitly.
            if (!ok || !std::isfinite(options.scale) || options.scale < 0.25 || options.scale > 8) {
                fail(QStringLiteral("--scale %1: expected a number from 0.25 to 8")
                         .arg(p.value(QStringLiteral("scale"))));
            }
        }
        if (!findViewInfo(viewKey)) {
            fail(QStringLiteral("--view %1: expected one of %2").arg(viewKey, viewKeyList()));
        }
        Session session(
            scenarioArgument(p.value(QStringLiteral("scenario")), PresetLibrary::builtin()));
        PlotView& view = session.view(viewKey);
        if (p.isSet(QStringLiteral("caption"))) {
            options.caption = scenarioCaption(session.controller);
        } else if (p.isSet(QStringLiteral("caption-text"))) {
            options.caption = p.value(QStringLiteral("caption-text"));
        }
        QString error;
        if (!exportView(view, session.controller, out, options, &error)) {
            std::fprintf(stderr, "afd-explorer: %s\n", qPrintable(error));
            return 1;
        }
        return 0;
    });
}

int runReproducePaperCommand(const QStringList& args) {
    return report([&] {
        SubcommandParser p(QStringLiteral("reproduce-paper"),
                           QStringLiteral("Writes the paper's figures (PNG, PDF, CSV) and an "
                                          "index.md naming each file and the figure it "
                                          "reproduces."));
        p.add(QStringLiteral("out"), QStringLiteral("Folder to write into (created)."),
              QStringLiteral("DIR"));
        p.add(QStringLiteral("size"),
              QStringLiteral("PNG size in pixels; PDFs are half of it in points."),
              QStringLiteral("WxH"), QStringLiteral("1600x1000"));
        if (!p.parse(args)) {
            return 0;
        }
        const QString dir = p.required(QStringLiteral("out"));
        const QSize size = p.size(QStringLiteral("size"), kMinImageSize, kMaxImageSize);
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
        const PaperSlo paperSlo = fig4PaperSlo(PresetLibrary::builtin());
        QString index = QStringLiteral(
            "# Figures of arXiv 2602.09721 reproduced by AFD Explorer " AFD_VERSION "\n\n"
            "| file | reproduces |\n|---|---|\n");
        for (const Figure& f : figures) {
            const std::string scenarioId =
                f.scenario != nullptr ? f.scenario : f.file.toStdString();
            ScenarioFile file =
                scenarioArgument(QString::fromStdString(scenarioId), PresetLibrary::builtin());
            if (f.file.startsWith(QLatin1String("fig4")) && paperSlo.valid()) {
                // Fig. 4 at the SLO its text holds under (see the note in index.md).
                auto slo = std::find_if(file.overrides.begin(), file.overrides.end(),
                                        [](const auto& o) { return o.first == Param::SloMs; });
                if (slo != file.overrides.end()) {
                    slo->second = paperSlo.slo;
                } else {
                    file.overrides.emplace_back(Param::SloMs, paperSlo.slo);
                }
            }
            Session session(file);
            PlotView& view = session.view(f.view);
            if (auto* nf = qobject_cast<NfSweepView*>(&view)) {
                nf->setCompareModels(f.compare);
            }
            for (ExportFormat format : {ExportFormat::Png, ExportFormat::Pdf, ExportFormat::Csv}) {
                ExportOptions options;
                options.format = format;
                options.size =
                    format == ExportFormat::Pdf ? QSize(size.width() / 2, size.height() / 2) : size;
                options.style = PlotStyle::Print;
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
        if (paperSlo.valid()) {
            const auto ms = [](double v, int decimals) {
                return QString::number(v, 'f', decimals);
            };
            index +=
                QStringLiteral(
                    "\n## The SLO of Fig. 4\n\n"
                    "The paper does not print the SLO of Fig. 4. Its text says DeepSeek-V3 cannot "
                    "be deployed on one 8-GPU Hopper node while two H800 nodes are sufficient, "
                    "and Kimi-K2 cannot be deployed on one or two (H20, H100, H200, H800), "
                    "limited by HBM capacity or bandwidth; it marks those points \"HBM - "
                    "model\". HBM capacity does not depend on the SLO. The bandwidth test "
                    "(docs/model.md A5) fails while one layer's expert weights take longer to "
                    "stream than the budget t_B, and t_B grows with the SLO (Eq. 1: SLO = (t_g + "
                    "N_layers N_BO t_B) / L_accept).\n\n"
                    "- Upper bound: of the points that must fail and pass the capacity test, %1 "
                    "on %2 at N_F = %3 streams its weights fastest (%4 ms per layer), so the "
                    "text holds for SLO < %5 ms.\n"
                    "- Lower bound: %6 on %7 at N_F = %8 streams in %9 ms, so it fits from SLO = "
                    "%10 ms on.\n\n"
                    "The Fig. 4 files use SLO = %11 ms, the largest tenth of a millisecond below "
                    "the upper bound (L_accept %12, t_g %13 ms). Under the default scenario's "
                    "50 ms DeepSeek-V3 is deployable on one H200 node. The other figures keep "
                    "their scenarios' SLO.\n")
                    .arg(paperSlo.upper.model, paperSlo.upper.hardware,
                         QString::number(paperSlo.upper.nf), ms(paperSlo.upper.streamMs, 5),
                         ms(paperSlo.upper.ms, 2), paperSlo.lower.model, paperSlo.lower.hardware,
                         QString::number(paperSlo.lower.nf), ms(paperSlo.lower.streamMs, 5))
                    .arg(ms(paperSlo.lower.ms, 2), ms(paperSlo.slo, 1),
                         QString::number(paperSlo.acceptLen), QString::number(paperSlo.gapMs));
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
        SubcommandParser p(QStringLiteral("present"),
                           QStringLiteral("Presents a deck full screen, renders each of its "
                                          "slides to slide-NN.png, or writes a handout PDF."));
        p.addPositional(QStringLiteral("deck"),
                        QStringLiteral("Deck file or built-in deck id (e.g. paper-story)."),
                        QStringLiteral("DECK"));
        p.add(QStringLiteral("screenshots"),
              QStringLiteral("Render every slide into this folder instead of presenting."),
              QStringLiteral("DIR"));
        p.add(QStringLiteral("size"), QStringLiteral("Slide size in pixels for --screenshots."),
              QStringLiteral("WxH"), QStringLiteral("1920x1080"));
        p.add(QStringLiteral("pdf"),
              QStringLiteral("Write a handout instead of presenting: one A4 page per slide, the "
                             "slide as shown at 1920x1080, its title and the notes."),
              QStringLiteral("FILE"));
        p.add(QStringLiteral("theme"),
              QStringLiteral("Slide theme: %1 (dark for a dark room).")
                  .arg(slideThemeKeys().join(QStringLiteral(" or "))),
              QStringLiteral("THEME"), QStringLiteral("light"));
        if (!p.parse(args)) {
            return 0;
        }
        if (p.positional().isEmpty()) {
            fail(QStringLiteral("present: expected DECK (a deck file or built-in deck id) "
                                "[--screenshots DIR] [--size WxH] [--pdf FILE] [--theme %1]")
                     .arg(slideThemeKeys().join(QLatin1Char('|'))));
        }
        const auto theme = slideTheme(p.value(QStringLiteral("theme")));
        if (!theme) {
            fail(QStringLiteral("--theme %1: expected %2")
                     .arg(p.value(QStringLiteral("theme")),
                          slideThemeKeys().join(QStringLiteral(" or "))));
        }
        if (p.isSet(QStringLiteral("pdf")) && p.isSet(QStringLiteral("screenshots"))) {
            fail(QStringLiteral("present: --pdf and --screenshots: expected one of them"));
        }
        const QString deckArg = p.positional().first();
        const PresetLibrary& library = PresetLibrary::builtin();
        std::optional<Deck> deck;
        for (const Deck& d : library.builtinDecks()) {
            if (QString::fromStdString(d.id) == deckArg) {
                deck = d;
            }
        }
        if (!deck) {
            deck = loadDeckFile(deckArg.toStdString(), library);
        }
        if (const QString problem = PresentationController::checkDeck(*deck); !problem.isEmpty()) {
            throw InputFileError(deck->origin, "slides", "views this explorer has",
                                 problem.toStdString());
        }
        if (p.isSet(QStringLiteral("pdf"))) {
            QString error;
            if (!writeHandoutPdf(*deck, *theme, p.value(QStringLiteral("pdf")), &error)) {
                std::fprintf(stderr, "afd-explorer: %s\n", qPrintable(error));
                return 1;
            }
            return 0;
        }
        ScenarioController controller(library);
        MainWindow window(controller);
        window.presentation().setSlideTheme(*theme);
        if (!p.isSet(QStringLiteral("screenshots"))) {
            window.show();
            window.loadDeck(*deck);
            return QApplication::exec();
        }
        const QString dir = p.value(QStringLiteral("screenshots"));
        // Every argument is checked before anything is created on disk.
        const QSize size = p.size(QStringLiteral("size"), kMinImageSize, kMaxImageSize);
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
            const QString path =
                dir + QStringLiteral("/slide-%1.png").arg(i + 1, 2, 10, QLatin1Char('0'));
            QString error;
            if (!saveWindowImage(window, path, &error)) {
                std::fprintf(stderr, "afd-explorer: %s\n", qPrintable(error));
                return 1;
            }
        }
        return 0;
    });
}

std::optional<QSize> parseSizeText(const QString& text, QSize min, QSize max) {
    const QStringList wh = text.split(QLatin1Char('x'));
    bool okW = false;
    bool okH = false;
    const int w = wh.size() == 2 ? wh[0].toInt(&okW) : 0;
    const int h = wh.size() == 2 ? wh[1].toInt(&okH) : 0;
    if (!okW || !okH || w < min.width() || h < min.height() || w > max.width() ||
        h > max.height()) {
        return std::nullopt;
    }
    return QSize(w, h);
}

QString versionText() {
    return QStringLiteral("afd-explorer " AFD_VERSION "\nImplements \"" AFD_PAPER
                          "\" (arXiv:" AFD_PAPER_ARXIV ")\n");
}

QString subcommandHelp() {
    return QStringLiteral(
               "Subcommands (no display needed; each has --help):\n"
               "  afd-explorer export --scenario FILE|ID --view VIEW --format "
               "png|svg|pdf|csv|json --size WxH\n"
               "                      [--theme light|dark|print] [--scale S] --out PATH\n"
               "  afd-explorer reproduce-paper --out DIR [--size WxH]\n"
               "  afd-explorer present DECK [--screenshots DIR --size 1920x1080 | --pdf FILE]\n"
               "                      [--theme light|dark]\n"
               "VIEW: ") +
           viewKeyList();
}

bool saveWindowImage(QWidget& window, const QString& path, QString* error) {
    // Let queued replots and layouts settle before grabbing.
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 200) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!window.grab().save(&buffer, "PNG")) {
        *error = QStringLiteral("%1: cannot render the window").arg(path);
        return false;
    }
    return writeFileAtomically(path, png, error);
}

} // namespace afd::ui
