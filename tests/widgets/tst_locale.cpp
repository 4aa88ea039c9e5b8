// SPDX-License-Identifier: GPL-3.0-or-later
// Numbers under a German locale, where the decimal separator is ',' and the group separator '.':
// the verdict, the status bar, the inspector and the heatmap's tooltip still write "0.383"
// (the explorer's texts are one language, and a "0,383" next to a "2,846" reads as two
// thousands), and CSV and JSON (the core's writers, the explorer's exporter, afd-model and
// afd-explorer export) write '.' and no group separators, as every reader of those formats
// expects.
//
// Two halves. The Qt half (QLocale::setDefault) always runs. The C half (setlocale, which
// printf and strtod follow) needs the de_DE.UTF-8 locale: when the system lacks it, the test
// compiles it with localedef into a temporary folder (LOCPATH); where neither works, only that
// half is skipped.
#include "afd/metrics.hpp"
#include "afd/presets.hpp"
#include "afd/report.hpp"
#include "afd/sweep.hpp"
#include "exporter.hpp"
#include "inspector.hpp"
#include "main_window.hpp"
#include "scenario_controller.hpp"
#include "test_support.hpp"
#include "views.hpp"
#include "widget_test_main.hpp"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <clocale>
#include <locale>
#include <memory>

using namespace afd;
using namespace afd::ui;

namespace {

constexpr const char* kGerman = "de_DE.UTF-8";

// A decimal comma: a digit, a comma, then anything but exactly three digits ("2,846" is a
// thousands separator, "0,383" and "33,1" are not).
const QRegularExpression kDecimalComma(QStringLiteral(R"(\d,(\d{1,2}|\d{4,})(?!\d))"));

// A number as CSV and JSON readers expect it: '.' for the decimal point, no group separators.
const QRegularExpression kMachineNumber(QStringLiteral(R"(^-?\d+(\.\d+)?([eE][+-]?\d+)?$)"));

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every data line of a CSV (not the '#' comment lines nor the header) has `columns` fields, and
// the fields at `numeric` are machine-readable numbers.
void checkCsv(const QString& csv, int columns, const QList<int>& numeric, int* rows) {
    *rows = 0;
    bool header = true;
    for (const QString& line : csv.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.startsWith(QLatin1Char('#'))) {
            continue;
        }
        if (header) {
            header = false;
            continue;
        }
        const QStringList fields = line.split(QLatin1Char(','));
        QVERIFY2(fields.size() == columns, qPrintable(line));
        for (int i : numeric) {
            QVERIFY2(kMachineNumber.match(fields[i]).hasMatch(), qPrintable(line));
        }
        ++*rows;
    }
}

} // namespace

class TestLocale : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void localeIsGerman_data();
    void localeIsGerman();
    void verdictAndStatusBar_data();
    void verdictAndStatusBar();
    void inspectorValues_data();
    void inspectorValues();
    void heatmapTooltip_data();
    void heatmapTooltip();
    void coreWriters_data();
    void coreWriters();
    void widgetExporter_data();
    void widgetExporter();
    void afdModelOutput();
    void afdExplorerExport();

  private:
    void addHalves();
    // Applies the row's locale; false when the C half is unavailable (the caller skips).
    bool enterLocale();
    QTemporaryDir dir_;
    QString locPath_; // set when de_DE.UTF-8 had to be compiled here
    bool cLocaleAvailable_ = false;
    QString cLocaleMissing_;
    std::unique_ptr<ScenarioController> controller_;
    std::unique_ptr<MainWindow> window_;
};

void TestLocale::initTestCase() {
    QVERIFY(dir_.isValid());
    cLocaleAvailable_ = std::setlocale(LC_ALL, kGerman) != nullptr;
    if (!cLocaleAvailable_) {
        // Not installed: compile it (glibc reads LOCPATH on every setlocale call).
        const QString localedef = QStandardPaths::findExecutable(QStringLiteral("localedef"));
        const QString out = dir_.filePath(QStringLiteral("locales"));
        if (localedef.isEmpty()) {
            cLocaleMissing_ = QStringLiteral("no localedef");
        } else {
            QDir().mkpath(out);
            QProcess p;
            p.start(localedef,
                    {QStringLiteral("-i"), QStringLiteral("de_DE"), QStringLiteral("-f"),
                     QStringLiteral("UTF-8"), out + QLatin1Char('/') + QLatin1String(kGerman)});
            if (!p.waitForFinished(120000) || p.exitCode() != 0) {
                cLocaleMissing_ = QStringLiteral("localedef failed: ") +
                                  QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
            } else {
                qputenv("LOCPATH", QFile::encodeName(out));
                cLocaleAvailable_ = std::setlocale(LC_ALL, kGerman) != nullptr;
                if (cLocaleAvailable_) {
                    locPath_ = out;
                } else {
                    qunsetenv("LOCPATH");
                    cLocaleMissing_ = QStringLiteral("the compiled locale did not load");
                }
            }
        }
    }
    afd::test::useCLocale();
}

void TestLocale::cleanupTestCase() {
    afd::test::useCLocale();
}

void TestLocale::addHalves() {
    QTest::addColumn<bool>("cLocale");
    QTest::newRow("QLocale de_DE") << false;
    QTest::newRow("QLocale and C locale de_DE") << true;
}

bool TestLocale::enterLocale() {
    QFETCH(bool, cLocale);
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    if (cLocale) {
        if (!cLocaleAvailable_) {
            return false;
        }
        std::setlocale(LC_ALL, kGerman);
        std::locale::global(std::locale(kGerman));
    }
    return true;
}

#define AFD_ENTER_LOCALE()                                                                         \
    do {                                                                                           \
        if (!enterLocale()) {                                                                      \
            QSKIP(qPrintable(QStringLiteral("the C locale de_DE.UTF-8 is not available (") +       \
                             cLocaleMissing_ + QStringLiteral("); the QLocale half ran")));        \
        }                                                                                          \
    } while (false)

void TestLocale::init() {
    controller_ = std::make_unique<ScenarioController>(PresetLibrary::builtin());
}

void TestLocale::cleanup() {
    window_.reset();
    controller_.reset();
    afd::test::useCLocale();
}

void TestLocale::localeIsGerman_data() {
    addHalves();
}

void TestLocale::localeIsGerman() {
    // The premise: under this locale a locale-following formatter does write "0,383".
    AFD_ENTER_LOCALE();
    QCOMPARE(QLocale().toString(0.383, 'f', 3), QStringLiteral("0,383"));
    QFETCH(bool, cLocale);
    if (cLocale) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.3f", 0.383);
        QCOMPARE(QByteArray(buffer), QByteArray("0,383"));
    }
}

void TestLocale::verdictAndStatusBar_data() {
    addHalves();
}

void TestLocale::verdictAndStatusBar() {
    AFD_ENTER_LOCALE();
    window_ = std::make_unique<MainWindow>(*controller_);
    // The default scenario, DeepSeek-V3 on H800 at N_F = 2 (docs/model.md checks): the scale-up
    // link binds, B_rank = 2,846 rows, t_B = 70 / 183 ms = 0.38251 ms (0.383 to three
    // significant digits), r = 160 / 50 = 3.2, HFU = 2 * 2048 * 160e9 / 1979e12 = 33.1 %.
    const QString verdict = window_->inspector()->verdictText();
    QVERIFY2(verdict.contains(QLatin1String("2,846 rows per 0.383 ms budget")),
             qPrintable(verdict));
    QVERIFY2(verdict.contains(QLatin1String("r = 3.2")), qPrintable(verdict));
    QVERIFY2(verdict.contains(QLatin1String("HFU 33.1 %")), qPrintable(verdict));
    QVERIFY2(!kDecimalComma.match(verdict).hasMatch(), qPrintable(verdict));
    const QString status = window_->statusText();
    QVERIFY2(status.contains(QLatin1String("HFU 33.1 %")), qPrintable(status));
    QVERIFY2(!kDecimalComma.match(status).hasMatch(), qPrintable(status));
    // N_F = 1 is not deployable: 58 * 32 * 3 * 7168 * 2048 B = 81.7 GB of expert weights
    // against 80 GB (docs/model.md A5).
    controller_->setValue(Param::Nf, 1);
    const QString one = window_->inspector()->verdictText();
    QVERIFY2(one.contains(QLatin1String("81.7 GB per GPU")), qPrintable(one));
    QVERIFY2(!kDecimalComma.match(one).hasMatch(), qPrintable(one));
}

void TestLocale::inspectorValues_data() {
    addHalves();
}

void TestLocale::inspectorValues() {
    AFD_ENTER_LOCALE();
    Inspector inspector(*controller_);
    // docs/model.md checks, to the inspector's five significant digits.
    QCOMPARE(inspector.valueOf(QStringLiteral("t_budget_ms")), QStringLiteral("0.38251"));
    QCOMPARE(inspector.valueOf(QStringLiteral("tokens_per_rank")), QStringLiteral("2,846"));
    QCOMPARE(inspector.valueOf(QStringLiteral("hfu")), QStringLiteral("0.33116"));
    QCOMPARE(inspector.valueOf(QStringLiteral("ratio_up_out")), QStringLiteral("3.2"));
    // Every number row: '.' for decimals, ',' only between groups of three digits.
    const QRegularExpression shown(
        QStringLiteral(R"(^-?(\d{1,3}(,\d{3})+|\d+(\.\d+)?(e[+-]\d+)?)$|^-$)"));
    for (const MetricSpec& m : metrics()) {
        if (m.isFlag) {
            continue;
        }
        const QString text =
            inspector.valueOf(QString::fromUtf8(m.key.data(), qsizetype(m.key.size())));
        QVERIFY2(shown.match(text).hasMatch(),
                 qPrintable(QString::fromUtf8(m.key.data()) + QStringLiteral(": ") + text));
    }
}

void TestLocale::heatmapTooltip_data() {
    addHalves();
}

void TestLocale::heatmapTooltip() {
    AFD_ENTER_LOCALE();
    window_ = std::make_unique<MainWindow>(*controller_);
    window_->showView(QStringLiteral("heatmap"));
    HeatmapView* heat = window_->heatmap();
    heat->finishPending();
    const Grid* g = heat->lastGrid();
    QVERIFY(g != nullptr);
    // x is drawn in log10 space; a cell at N_F = 2 near the default 50 GB/s.
    const QString text = heat->describeAt(std::log10(g->xs[g->nx() / 3]), 2);
    QVERIFY(!text.isEmpty());
    QVERIFY2(!kDecimalComma.match(text).hasMatch(), qPrintable(text));
}

void TestLocale::coreWriters_data() {
    addHalves();
}

void TestLocale::coreWriters() {
    AFD_ENTER_LOCALE();
    const Scenario s = controller_->scenario();
    const std::size_t hfu = *findMetric("hfu");
    const Grid g = sweep(s, parseAxis("nf=1:16"), std::nullopt, {hfu}, 1);
    // CSV: N_F, HFU, regime, feasible, reasons, error; N_F = 1..16.
    int rows = 0;
    checkCsv(QString::fromStdString(gridToCsv(g)), 6, {0, 1}, &rows);
    QCOMPARE(rows, 16);
    // JSON: the numbers read back as the paper's (Eqs. 17 and 19 on H800:
    // 2 * 2048 * min(160e9, 50e9 * max(1, 8 / N_F)) / 1979e12).
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromStdString(gridToJson(g).dump()));
    QVERIFY(doc.isObject());
    const QJsonArray values = doc.object()[QStringLiteral("metrics")]
                                  .toObject()[QStringLiteral("hfu")]
                                  .toObject()[QStringLiteral("values")]
                                  .toArray();
    QCOMPARE(values.size(), 16);
    for (int i = 0; i < 16; ++i) {
        const double nf = i + 1;
        AFD_COMPARE_NEAR(values[i].toDouble(),
                         2.0 * 2048 * std::min(160e9, 50e9 * std::max(1.0, 8 / nf)) / 1979e12,
                         1e-12, "Appendix A closed form; rounding order differs");
    }
    // A scenario file: 3.35 TB/s and 1.7 accepted tokens stay "3.35" and "1.7".
    const std::string text = writeScenario(snapshotScenario("de", "h800", "deepseek-v3", s));
    const QString scenario = QString::fromStdString(text);
    QVERIFY2(scenario.contains(QLatin1String("\"hbm_bw_tb_s\": 3.35")), text.c_str());
    QVERIFY2(scenario.contains(QLatin1String("\"accept_len\": 1.7")), text.c_str());
    QVERIFY2(!kDecimalComma.match(scenario).hasMatch(), text.c_str());
    // And reads back to the same values.
    const ResolvedScenario back = resolve(parseScenario(text, "de.json"), PresetLibrary::builtin());
    QCOMPARE(back.values, s);
}

void TestLocale::widgetExporter_data() {
    addHalves();
}

void TestLocale::widgetExporter() {
    AFD_ENTER_LOCALE();
    window_ = std::make_unique<MainWindow>(*controller_);
    PlotView* view = window_->view(QStringLiteral("hfu-nf"));
    QVERIFY(view != nullptr);
    QString error;
    ExportOptions csvOptions;
    csvOptions.format = ExportFormat::Csv;
    const QString csvPath = dir_.filePath(QStringLiteral("hfu-nf.csv"));
    QVERIFY2(exportView(*view, *controller_, csvPath, csvOptions, &error), qPrintable(error));
    const QString csv = QString::fromUtf8(readAll(csvPath));
    // series, N_F, HFU; the scenario before it as '#' lines of JSON.
    int rows = 0;
    checkCsv(csv, 3, {1, 2}, &rows);
    QVERIFY(rows >= 30);
    QString header;
    for (const QString& line : csv.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("# "))) {
            header += line.mid(2) + QLatin1Char('\n');
        }
    }
    const QJsonObject scenario = QJsonDocument::fromJson(header.toUtf8()).object();
    QCOMPARE(
        scenario[QStringLiteral("values")].toObject()[QStringLiteral("hbm_bw_tb_s")].toDouble(),
        3.35);

    ExportOptions jsonOptions;
    jsonOptions.format = ExportFormat::Json;
    const QString jsonPath = dir_.filePath(QStringLiteral("hfu-nf.json"));
    QVERIFY2(exportView(*view, *controller_, jsonPath, jsonOptions, &error), qPrintable(error));
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(readAll(jsonPath), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    // The DeepSeek-V3 series is Eqs. 17 and 19 on H800 at every N_F.
    bool found = false;
    for (const QJsonValue& v : doc.object()[QStringLiteral("series")].toArray()) {
        const QJsonObject series = v.toObject();
        if (!series[QStringLiteral("name")].toString().startsWith(QLatin1String("DeepSeek-V3"))) {
            continue;
        }
        const QJsonArray xs = series[QStringLiteral("x")].toArray();
        const QJsonArray ys = series[QStringLiteral("y")].toArray();
        QVERIFY(xs.size() >= 30 && xs.size() == ys.size());
        for (int i = 0; i < xs.size(); ++i) {
            const double nf = xs[i].toDouble();
            AFD_COMPARE_NEAR(ys[i].toDouble(),
                             2.0 * 2048 * std::min(160e9, 50e9 * std::max(1.0, 8 / nf)) / 1979e12,
                             1e-12, "Appendix A closed form; rounding order differs");
        }
        found = true;
    }
    QVERIFY(found);
}

namespace {

// The environment of a process started under the German locale: LANG and LC_ALL (which Qt's
// QLocale::system() reads whether or not the C library has the locale), and LOCPATH where the
// locale was compiled here.
QProcessEnvironment germanEnvironment(const QString& locPath) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANG"), QLatin1String(kGerman));
    env.insert(QStringLiteral("LC_ALL"), QLatin1String(kGerman));
    if (!locPath.isEmpty()) {
        env.insert(QStringLiteral("LOCPATH"), locPath);
    }
    return env;
}

QByteArray run(const QString& program, const QStringList& args, const QString& locPath,
               int* exitCode) {
    QProcess p;
    p.setProcessEnvironment(germanEnvironment(locPath));
    p.start(program, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        *exitCode = -1;
        return {};
    }
    *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAllStandardOutput();
}

} // namespace

void TestLocale::afdModelOutput() {
    // afd-model under LANG = LC_ALL = de_DE.UTF-8. Where the C library lacks the locale this
    // checks only that the variables do no harm; LOCPATH brings it in where it was compiled.
    int code = -1;
    const QByteArray json =
        run(QStringLiteral(AFD_MODEL_EXE), {QStringLiteral("eval")}, locPath_, &code);
    QCOMPARE(code, 0);
    const QJsonObject j = QJsonDocument::fromJson(json).object();
    // docs/model.md checks: t_B = 70 / 183 ms, HFU = 2 * 2048 * 160e9 / 1979e12.
    AFD_COMPARE_NEAR(j[QStringLiteral("t_budget_ms")].toDouble(), 70.0 / 183.0, 1e-12,
                     "closed form vs exact JSON");
    AFD_COMPARE_NEAR(j[QStringLiteral("hfu")].toDouble(), 2.0 * 2048 * 160e9 / 1979e12, 1e-12,
                     "closed form vs exact JSON");
    const QByteArray table =
        run(QStringLiteral(AFD_MODEL_EXE),
            {QStringLiteral("eval"), QStringLiteral("--format"), QStringLiteral("table")}, locPath_,
            &code);
    QCOMPARE(code, 0);
    QVERIFY2(table.contains("0.382514"), table.constData()); // t_B to six significant digits
    QVERIFY2(!kDecimalComma.match(QString::fromUtf8(table)).hasMatch(), table.constData());
    const QByteArray csv =
        run(QStringLiteral(AFD_MODEL_EXE),
            {QStringLiteral("sweep"), QStringLiteral("--x"), QStringLiteral("nf=1:16"),
             QStringLiteral("--metric"), QStringLiteral("hfu,intensity")},
            locPath_, &code);
    QCOMPARE(code, 0);
    int rows = 0;
    checkCsv(QString::fromUtf8(csv), 7, {0, 1, 2}, &rows);
    QCOMPARE(rows, 16);
}

void TestLocale::afdExplorerExport() {
    // afd-explorer export under the German locale: QApplication applies it to the C library
    // (setlocale(LC_ALL, "")) and QLocale::system() follows LANG, so both halves are live in
    // the process wherever the locale can be loaded.
    int code = -1;
    const QString csvPath = dir_.filePath(QStringLiteral("explorer.csv"));
    run(QStringLiteral(AFD_EXPLORER_EXE),
        {QStringLiteral("export"), QStringLiteral("--view"), QStringLiteral("hfu-nf"),
         QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--out"), csvPath},
        locPath_, &code);
    QCOMPARE(code, 0);
    int rows = 0;
    checkCsv(QString::fromUtf8(readAll(csvPath)), 3, {1, 2}, &rows);
    QVERIFY(rows >= 30);
    const QString jsonPath = dir_.filePath(QStringLiteral("explorer.json"));
    run(QStringLiteral(AFD_EXPLORER_EXE),
        {QStringLiteral("export"), QStringLiteral("--view"), QStringLiteral("heatmap"),
         QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--out"), jsonPath},
        locPath_, &code);
    QCOMPARE(code, 0);
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(readAll(jsonPath), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    QCOMPARE(doc.object()[QStringLiteral("scenario")]
                 .toObject()[QStringLiteral("values")]
                 .toObject()[QStringLiteral("hbm_bw_tb_s")]
                 .toDouble(),
             3.35);
}

AFD_WIDGET_TEST_MAIN(TestLocale)
#include "tst_locale.moc"
