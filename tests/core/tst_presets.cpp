// SPDX-License-Identifier: GPL-3.0-or-later
// Shipped presets (the paper's Tables 4 and 5 exactly), strict validation of every malformed
// input file, and the Hugging Face config.json import.
#include "afd/hf_import.hpp"
#include "afd/presets.hpp"
#include "afd/throughput.hpp"
#include "test_support.hpp"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace afd;

namespace {

constexpr std::string_view kValidHardware = R"({
  "schema_version": 1, "kind": "hardware", "id": "test-gpu", "name": "Test GPU",
  "values": {
    "flops_tflops": {"value": 1000, "unit": "TFLOP/s", "source": "test"},
    "hbm_bw_tb_s": {"value": 3, "unit": "TB/s", "source": "test"},
    "hbm_capacity_gb": {"value": 80, "unit": "GB", "source": "test"},
    "scale_up_bw_gb_s": {"value": 200, "unit": "GB/s", "source": "test"},
    "scale_out_bw_gb_s": {"value": 50, "unit": "GB/s", "source": "test"},
    "superpod": {"value": false, "unit": "", "source": "test"},
    "gpus_per_node": {"value": 8, "unit": "", "source": "test"}
  }
})";

std::string replaced(std::string_view text, std::string_view from, std::string_view to) {
    std::string s(text);
    const auto at = s.find(from);
    if (at == std::string::npos) {
        qFatal("test fixture lacks the text to replace");
    }
    return s.replace(at, from.size(), to);
}

} // namespace

class TestPresets : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void everyShippedFileValidates();
    void libraryHasRequiredPresets();
    void paperHardwareTable5_data();
    void paperHardwareTable5();
    void paperModelsTable4_data();
    void paperModelsTable4();
    void paperFlagMarksThePapersPresets();
    void everySourceCitesItsOrigin();
    void kvBytesMatchReference_data();
    void kvBytesMatchReference();
    void malformedPreset_data();
    void malformedPreset();
    void hostileFiles_data();
    void hostileFiles();
    void malformedScenario_data();
    void malformedScenario();
    void deckReferencesStayInItsFolder();
    void deckTextSlides();
    void malformedTextSlide_data();
    void malformedTextSlide();
    void viewWordsRoundTripUnchanged();
    void scenarioResolvesInOrder();
    void scenarioNamesAttentionHardware();
    void importHuggingFace_data();
    void importHuggingFace();
    void importRejectsIncompleteConfig();

  private:
    QString write(const QString& name, const std::string& text);
    QTemporaryDir dir_;
};

void TestPresets::initTestCase() {
    QVERIFY(dir_.isValid());
}

QString TestPresets::write(const QString& name, const std::string& text) {
    const QString path = dir_.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        qFatal("cannot write test file");
    }
    f.write(text.data(), qint64(text.size()));
    return path;
}

void TestPresets::everyShippedFileValidates() {
    // The files in the source tree, read from disk (what users copy and edit), not the
    // embedded copies.
    int count = 0;
    for (const QString& sub :
         {QStringLiteral("hardware"), QStringLiteral("models"), QStringLiteral("scenarios"),
          QStringLiteral("decks"), QStringLiteral("measurements")}) {
        QDir d(QStringLiteral(AFD_SOURCE_DIR "/presets/") + sub);
        for (const QString& file : d.entryList({QStringLiteral("*.json")}, QDir::Files)) {
            const std::string path = d.filePath(file).toStdString();
            try {
                validateFile(path);
            } catch (const InputFileError& e) {
                QFAIL(e.what());
            }
            ++count;
        }
    }
    QVERIFY(count >= 14 + 14 + 3);
    QCOMPARE(std::size_t(count), embeddedPresetFiles().size());
}

void TestPresets::libraryHasRequiredPresets() {
    const PresetLibrary& lib = PresetLibrary::builtin();
    for (const char* id : {"h20", "h100", "h200", "h800", "b200", "b300", "gb200", "gb300"}) {
        QVERIFY2(lib.hardware(id) != nullptr, id);
    }
    for (const char* id :
         {"deepseek-v3", "kimi-k2", "step3", "qwen3-coder", "ernie-4.5", "glm-4.7"}) {
        QVERIFY2(lib.model(id) != nullptr, id);
    }
    QVERIFY(lib.hardwarePresets().size() >= 14);
    QVERIFY(lib.modelPresets().size() >= 14);
    const ScenarioFile* def = lib.scenario("default");
    QVERIFY(def != nullptr);
    const ResolvedScenario r = resolve(*def, lib);
    QCOMPARE(r.hardwareId, std::string("h800"));
    QCOMPARE(r.modelId, std::string("deepseek-v3"));
    QCOMPARE(r.values[Param::Nf], 2.0);
    QCOMPARE(r.values[Param::SloMs], 50.0);
}

void TestPresets::paperHardwareTable5_data() {
    QTest::addColumn<QString>("id");
    QTest::addColumn<QList<double>>("v"); // FLOPS, HBM TB/s, HBM GB, out, up, superpod
    // docs/model.md "Paper presets" (Table 5 of the paper).
    QTest::newRow("H20 (Table 5)") << "h20" << QList<double>{296, 4, 96, 50, 360, 0};
    QTest::newRow("H100 (Table 5)") << "h100" << QList<double>{1979, 3.35, 80, 50, 360, 0};
    QTest::newRow("H200 (Table 5)") << "h200" << QList<double>{1979, 4, 141, 50, 360, 0};
    QTest::newRow("H800 (Table 5)") << "h800" << QList<double>{1979, 3.35, 80, 50, 160, 0};
    QTest::newRow("B200 (Table 5)") << "b200" << QList<double>{4500, 7.7, 180, 50, 720, 0};
    QTest::newRow("B300 (Table 5)") << "b300" << QList<double>{4500, 8, 270, 100, 720, 0};
    QTest::newRow("GB200 (Table 5)") << "gb200" << QList<double>{4500, 7.7, 180, -1, 720, 1};
    QTest::newRow("GB300 (Table 5)") << "gb300" << QList<double>{4500, 8, 270, -1, 720, 1};
}

void TestPresets::paperHardwareTable5() {
    QFETCH(QString, id);
    QFETCH(QList<double>, v);
    const Preset* p = PresetLibrary::builtin().hardware(id.toStdString());
    QVERIFY(p != nullptr);
    QCOMPARE(p->find(Param::FlopsTflops)->value, v[0]);
    QCOMPARE(p->find(Param::HbmBwTbS)->value, v[1]);
    QCOMPARE(p->find(Param::HbmCapacityGb)->value, v[2]);
    if (v[3] >= 0) { // the paper prints "superpod" instead of a scale-out figure
        QCOMPARE(p->find(Param::ScaleOutBwGbS)->value, v[3]);
    }
    QCOMPARE(p->find(Param::ScaleUpBwGbS)->value, v[4]);
    QCOMPARE(p->find(Param::Superpod)->value, v[5]);
    QCOMPARE(p->find(Param::GpusPerNode)->value, 8.0);
}

void TestPresets::paperModelsTable4_data() {
    QTest::addColumn<QString>("id");
    QTest::addColumn<QList<double>>("v"); // H, layers, dense, MoE, E, TopK, M
    QTest::newRow("DeepSeek-V3 (Table 4)")
        << "deepseek-v3" << QList<double>{7168, 61, 3, 58, 256, 8, 2048};
    QTest::newRow("Kimi-K2 (Table 4)") << "kimi-k2" << QList<double>{7168, 61, 1, 60, 384, 8, 2048};
    QTest::newRow("Step3 (Table 4)") << "step3" << QList<double>{7168, 61, 5, 56, 48, 3, 5120};
    QTest::newRow("Qwen3-Coder (Table 4)")
        << "qwen3-coder" << QList<double>{6144, 62, 0, 62, 160, 8, 2560};
    QTest::newRow("ERNIE-4.5 (Table 4)")
        << "ernie-4.5" << QList<double>{8192, 54, 3, 51, 64, 8, 3584};
    // GLM-4.7: 3 dense + 89 MoE (docs/model.md: the paper's 92 MoE layers do not add up).
    QTest::newRow("GLM-4.7 (Table 4, public layer split)")
        << "glm-4.7" << QList<double>{5120, 92, 3, 89, 160, 8, 1536};
}

void TestPresets::paperModelsTable4() {
    QFETCH(QString, id);
    QFETCH(QList<double>, v);
    const Preset* p = PresetLibrary::builtin().model(id.toStdString());
    QVERIFY(p != nullptr);
    const Param keys[] = {Param::HiddenSize,         Param::NumLayers,  Param::NumDenseLayers,
                          Param::NumMoeLayers,       Param::NumExperts, Param::TopK,
                          Param::MoeIntermediateSize};
    for (std::size_t i = 0; i < std::size(keys); ++i) {
        QCOMPARE(p->find(keys[i])->value, v[qsizetype(i)]);
    }
}

void TestPresets::paperFlagMarksThePapersPresets() {
    // docs/model.md "Reference checks": the paper's six models (its Table 4) and eight platforms
    // (its Table 5), in the order it presents them. Exactly these carry "paper": true.
    const PresetLibrary& lib = PresetLibrary::builtin();
    std::vector<std::string> models;
    for (const Preset* p : lib.paperModels()) {
        models.push_back(p->id);
    }
    QCOMPARE(models, (std::vector<std::string>{"deepseek-v3", "kimi-k2", "step3", "qwen3-coder",
                                               "ernie-4.5", "glm-4.7"}));
    std::vector<std::string> hardware;
    for (const Preset* p : lib.paperHardware()) {
        hardware.push_back(p->id);
    }
    QCOMPARE(hardware, (std::vector<std::string>{"h20", "h100", "h200", "h800", "b200", "b300",
                                                 "gb200", "gb300"}));
    // Unflagged presets read as not the paper's (the key is optional, default false).
    QVERIFY(!lib.model("deepseek-v3.2")->paper);
    QVERIFY(!lib.hardware("h800-40g")->paper);
    QCOMPARE(parsePreset(kValidHardware, "inline").paper, false);
    const Preset flagged =
        parsePreset(replaced(kValidHardware, R"("name": "Test GPU")",
                             R"("name": "Test GPU", "paper": true, "paper_order": 3)"),
                    "inline");
    QVERIFY(flagged.paper);
    QCOMPARE(flagged.paperOrder, 3);
}

namespace {

// docs/model.md "Public reference checks", the paper's Tables 4 and 5 as printed there (the same
// rows as paperHardwareTable5_data and paperModelsTable4_data).
struct PaperRow {
    const char* id;
    std::vector<std::pair<Param, double>> values;
};
const std::vector<PaperRow>& paperTable5() {
    static const std::vector<PaperRow> rows = [] {
        std::vector<PaperRow> out;
        const auto add = [&out](const char* id, double flops, double hbmBw, double hbm, double out_,
                                double up, double superpod) {
            PaperRow row{id,
                         {{Param::FlopsTflops, flops},
                          {Param::HbmBwTbS, hbmBw},
                          {Param::HbmCapacityGb, hbm},
                          {Param::ScaleUpBwGbS, up},
                          {Param::Superpod, superpod},
                          {Param::GpusPerNode, 8}}};
            if (out_ >= 0) { // the paper prints "superpod" instead of a scale-out figure
                row.values.emplace_back(Param::ScaleOutBwGbS, out_);
            }
            out.push_back(row);
        };
        add("h20", 296, 4, 96, 50, 360, 0);
        add("h100", 1979, 3.35, 80, 50, 360, 0);
        add("h200", 1979, 4, 141, 50, 360, 0);
        add("h800", 1979, 3.35, 80, 50, 160, 0);
        add("b200", 4500, 7.7, 180, 50, 720, 0);
        add("b300", 4500, 8, 270, 100, 720, 0);
        add("gb200", 4500, 7.7, 180, -1, 720, 1);
        add("gb300", 4500, 8, 270, -1, 720, 1);
        return out;
    }();
    return rows;
}
const std::vector<PaperRow>& paperTable4() {
    static const std::vector<PaperRow> rows = [] {
        std::vector<PaperRow> out;
        // H, layers, dense, MoE, E, TopK, M.
        const auto add = [&out](const char* id, std::array<double, 7> v) {
            out.push_back({id,
                           {{Param::HiddenSize, v[0]},
                            {Param::NumLayers, v[1]},
                            {Param::NumDenseLayers, v[2]},
                            {Param::NumMoeLayers, v[3]},
                            {Param::NumExperts, v[4]},
                            {Param::TopK, v[5]},
                            {Param::MoeIntermediateSize, v[6]}}});
        };
        add("deepseek-v3", {7168, 61, 3, 58, 256, 8, 2048});
        add("kimi-k2", {7168, 61, 1, 60, 384, 8, 2048});
        add("step3", {7168, 61, 5, 56, 48, 3, 5120});
        add("qwen3-coder", {6144, 62, 0, 62, 160, 8, 2560});
        add("ernie-4.5", {8192, 54, 3, 51, 64, 8, 3584});
        add("glm-4.7", {5120, 92, 3, 89, 160, 8, 1536});
        return out;
    }();
    return rows;
}

// The paper row a preset's values come from: the paper platform whose id starts the preset's
// id (h800-40g is an H800, b200-800g a B200), or the paper model of that id.
const PaperRow* paperRowFor(const std::vector<PaperRow>& table, const std::string& id,
                            bool prefix) {
    const PaperRow* best = nullptr;
    for (const PaperRow& row : table) {
        const std::string_view rowId(row.id);
        const bool match =
            prefix ? id == rowId || id.starts_with(std::string(rowId) + "-") : id == rowId;
        if (match && (best == nullptr || rowId.size() > std::string_view(best->id).size())) {
            best = &row;
        }
    }
    return best;
}

QString lettersAndDigits(const QString& text) {
    QString out;
    for (const QChar c : text.toLower()) {
        if (c.isLetterOrNumber()) {
            out += c;
        }
    }
    return out;
}

double valueOf(const Preset& p, Param param) {
    const SourcedValue* v = p.find(param);
    return v != nullptr ? v->value : std::numeric_limits<double>::quiet_NaN();
}

double number(const QString& text) {
    return QString(text).remove(QLatin1Char(',')).toDouble();
}

} // namespace

void TestPresets::everySourceCitesItsOrigin() {
    // Every value of every hardware and model preset names where it comes from, and what the
    // name claims is checked where it can be:
    // - a paper cited by arXiv id is one that docs/model.md's Sources list;
    // - a value from the paper's Table 4 or 5 is one of that table's columns and has the value
    //   docs/model.md prints for that platform or model;
    // - a model's "config.json of ORG/REPO" is that model's own repository;
    // - a value derived from other values ("half of this preset's flops_tflops", "92 layers
    //   minus 3 dense layers", "derated x0.8", "8-GPU scale-up domain") is what the derivation
    //   gives;
    // - anything else names a public document: a vendor datasheet, whitepaper or page, a web
    //   address, or a named report (what docs/model.md's Sources call "public specifications
    //   and configuration files").
    QFile doc(QStringLiteral(AFD_SOURCE_DIR "/docs/model.md"));
    QVERIFY(doc.open(QIODevice::ReadOnly));
    const QString model = QString::fromUtf8(doc.readAll());
    const qsizetype sourcesAt = model.indexOf(QLatin1String("\n# Sources"));
    QVERIFY(sourcesAt > 0);
    const QString sources = model.mid(sourcesAt);
    // arXiv ids cited in presets, and how docs/model.md's Sources name each work.
    const QMap<QString, QString> listed{
        {QStringLiteral("2602.09721"), QStringLiteral("arXiv 2602.09721")},
        {QStringLiteral("2507.19427"), QStringLiteral("arXiv 2507.19427")},
        {QStringLiteral("2505.09343"), QStringLiteral("DeepSeek's ISCA 2025")},
        {QStringLiteral("2506.12708"), QStringLiteral("Huawei CloudMatrix384")}};
    for (const QString& name : listed) {
        QVERIFY2(QString(sources)
                     .replace(QLatin1Char('\n'), QLatin1Char(' '))
                     .replace(QStringLiteral("  "), QStringLiteral(" "))
                     .contains(name),
                 qPrintable(name));
    }
    const QRegularExpression viaShared(QStringLiteral(R"(\(?(via )?shared reference:[^)]*\)?)"));
    const QRegularExpression arxiv(QStringLiteral(R"(arXiv (\d{4}\.\d{4,5}))"));
    const QRegularExpression table(QStringLiteral(R"(arXiv 2602\.09721[^;]*?Table (4|5))"));
    const QRegularExpression config(QStringLiteral(R"(config\.json of ([\w.-]+)/([\w.-]+))"));
    const QRegularExpression half(QStringLiteral(
        R"(^Half of this preset's FP8 dense peak flops_tflops \(([\d.,]+) TFLOP/s)"));
    const QRegularExpression minus(QStringLiteral(R"(^(\d+) layers minus (\d+) dense layers)"));
    const QRegularExpression derated(
        QStringLiteral(R"(([\d.,]+) GB/s per direction; derated x([\d.]+))"));
    const QRegularExpression same(
        QStringLiteral(R"([Ss]ame (?:[\w ]+ )?as (?:preset )?([A-Za-z0-9.-]+))"));
    const QRegularExpression domain(QStringLiteral(R"((\d+)-GPU (node is the )?scale-up domain)"));
    const QRegularExpression document(QStringLiteral(
        R"(datasheet|whitepaper|\bpage\b|\b[a-z0-9-]+\.(com|co|org|net|io|ai)\b|\bDGX\b|\bHGX\b|)"
        R"(DeepSeek|Step-3|LMSYS|aiconfigurator|MLPerf|Pollara|by construction)"));
    const QStringList kUndocumented{QStringLiteral("mi300x scale_out_bw_gb_s"),
                                    QStringLiteral("mi300x gpus_per_node"),
                                    QStringLiteral("mi355x gpus_per_node")};
    const PresetLibrary& lib = PresetLibrary::builtin();
    int checked = 0;
    int fromTables = 0;
    int derivations = 0;
    for (const auto* list : {&lib.hardwarePresets(), &lib.modelPresets()}) {
        for (const Preset& p : *list) {
            const bool hardware = p.kind == PresetKind::Hardware;
            for (const SourcedValue& v : p.values) {
                const QString source = QString::fromStdString(v.source);
                const QString key = QString::fromUtf8(spec(v.param).key.data(),
                                                      qsizetype(spec(v.param).key.size()));
                const QString what = QString::fromStdString(p.id) + QLatin1Char(' ') + key +
                                     QStringLiteral(": ") + source;
                const QString own = QString(source).remove(viaShared).trimmed();
                QVERIFY2(!own.isEmpty(), qPrintable(what + QStringLiteral(" (no source of its "
                                                                          "own)")));
                bool cited = false;
                for (auto m = arxiv.globalMatch(own); m.hasNext();) {
                    const QString id = m.next().captured(1);
                    QVERIFY2(listed.contains(id),
                             qPrintable(what + QStringLiteral(" (arXiv ") + id +
                                        QStringLiteral(" is not in docs/model.md's Sources)")));
                    cited = true;
                }
                if (const auto m = half.match(own); m.hasMatch()) {
                    QCOMPARE(number(m.captured(1)), valueOf(p, Param::FlopsTflops));
                    QCOMPARE(v.value, valueOf(p, Param::FlopsTflops) / 2);
                    ++derivations;
                    cited = true;
                } else if (const auto t = table.match(own); t.hasMatch()) {
                    const bool table5 = t.captured(1) == QLatin1String("5");
                    QVERIFY2(table5 == hardware, qPrintable(what));
                    const PaperRow* row =
                        paperRowFor(table5 ? paperTable5() : paperTable4(), p.id, table5);
                    QVERIFY2(row != nullptr, qPrintable(what + QStringLiteral(" (not a paper "
                                                                              "preset)")));
                    const auto cell =
                        std::find_if(row->values.begin(), row->values.end(),
                                     [&](const auto& c) { return c.first == v.param; });
                    QVERIFY2(cell != row->values.end(),
                             qPrintable(what + QStringLiteral(" (no such column)")));
                    QVERIFY2(v.value == cell->second, qPrintable(what));
                    ++fromTables;
                }
                if (const auto m = config.match(own); m.hasMatch()) {
                    QVERIFY2(!hardware, qPrintable(what));
                    QVERIFY2(lettersAndDigits(m.captured(2))
                                 .contains(lettersAndDigits(QString::fromStdString(p.id))),
                             qPrintable(what + QStringLiteral(" (another model's config)")));
                    cited = true;
                }
                if (const auto m = minus.match(own); m.hasMatch()) {
                    QCOMPARE(number(m.captured(1)), valueOf(p, Param::NumLayers));
                    QCOMPARE(number(m.captured(2)), valueOf(p, Param::NumDenseLayers));
                    QCOMPARE(v.value, number(m.captured(1)) - number(m.captured(2)));
                    ++derivations;
                    cited = true;
                }
                if (const auto m = derated.match(own); m.hasMatch()) {
                    // MI355X: 537.6 x 0.8 = 430.08, given as 430: bandwidths are whole GB/s.
                    AFD_COMPARE_ABS(v.value, number(m.captured(1)) * number(m.captured(2)), 0.5,
                                    "the derating as stated, rounded to a whole GB/s");
                    ++derivations;
                    cited = true;
                }
                if (const auto m = domain.match(own); m.hasMatch()) {
                    const double gpus = number(m.captured(1));
                    QCOMPARE(valueOf(p, Param::GpusPerNode), gpus);
                    if (v.param == Param::Superpod) {
                        QCOMPARE(v.value, 0.0); // a node-sized domain is no superpod
                    } else if (v.param == Param::ScaleUpDomainGpus) {
                        QCOMPARE(v.value, gpus);
                    }
                    ++derivations;
                    cited = true;
                }
                const auto m = same.match(own);
                const std::string other = m.captured(1).toLower().toStdString();
                const Preset* from = !m.hasMatch() ? nullptr
                                     : hardware    ? lib.hardware(other)
                                                   : lib.model(other);
                if (from != nullptr) {
                    // "Same H800 GPU as preset h800", "same as H100 SXM": that preset's value.
                    QVERIFY2(from->find(v.param) != nullptr, qPrintable(what));
                    QCOMPARE(v.value, from->find(v.param)->value);
                    ++derivations;
                    cited = true;
                }
                cited = cited || document.match(own).hasMatch();
                // Known gaps in the shipped data: these values name no document of their own
                // (only the shared reference). An expected failure, so that a fixed source
                // shows up as XPASS and the entry is removed here.
                if (!cited &&
                    kUndocumented.contains(QString::fromStdString(p.id) + QLatin1Char(' ') + key)) {
                    QEXPECT_FAIL("", qPrintable(what + QStringLiteral(": no document named")),
                                 Continue);
                }
                QVERIFY2(cited, qPrintable(what + QStringLiteral(" (names no document)")));
                ++checked;
            }
            if (p.attention) {
                QVERIFY2(!p.attention->source.empty(), p.id.c_str());
            }
        }
    }
    // Table 5: 8 paper platforms x 6-7 columns plus the H20, H800 and B200 variants; Table 4:
    // 6 models x 7 columns (GLM-4.7's MoE layers are derived, not cited).
    QVERIFY2(fromTables >= 8 * 6 + 6 * 6, qPrintable(QString::number(fromTables)));
    QVERIFY(derivations >= 11);
    QVERIFY(checked >= 400);
}

void TestPresets::kvBytesMatchReference_data() {
    QTest::addColumn<QString>("id");
    QTest::addColumn<double>("totalBf16");
    // Reference file B3, "B/token total BF16".
    QTest::newRow("DeepSeek-V3 70,272 B (ISCA'25 Table 1)") << "deepseek-v3" << 70272.0;
    QTest::newRow("Kimi-K2 70,272 B (reference B3)") << "kimi-k2" << 70272.0;
    QTest::newRow("Step-3 62,464 B (reference B3)") << "step3" << 62464.0;
    QTest::newRow("Qwen3-235B 192,512 B (reference B3)") << "qwen3-235b-a22b" << 192512.0;
    QTest::newRow("GLM-4.5 376,832 B (reference B3)") << "glm-4.5" << 376832.0;
    QTest::newRow("MiniMax-M2 253,952 B (reference B3)") << "minimax-m2" << 253952.0;
    QTest::newRow("Mixtral-8x22B 229,376 B (reference B3)") << "mixtral-8x22b" << 229376.0;
    QTest::newRow("DBRX 163,840 B (reference B3)") << "dbrx" << 163840.0;
    QTest::newRow("ERNIE-4.5 221,184 B (reference B3)") << "ernie-4.5" << 221184.0;
    QTest::newRow("Hunyuan-Large 81,920 B (reference B3)") << "hunyuan-large" << 81920.0;
}

void TestPresets::kvBytesMatchReference() {
    QFETCH(QString, id);
    QFETCH(double, totalBf16);
    const Preset* p = PresetLibrary::builtin().model(id.toStdString());
    QVERIFY(p != nullptr);
    Scenario s;
    p->applyTo(s);
    // KV bytes per token of context over all layers, BF16 elements (2 B).
    QCOMPARE(perTokenCounts(s, 1, 2).kvBytes, totalBf16);
}

void TestPresets::malformedPreset_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char* name, const std::string& text, const char* key,
                        const char* expected) {
        QTest::newRow(name) << QString::fromStdString(text) << QString::fromLatin1(key)
                            << QString::fromLatin1(expected);
    };
    row("unknown key", replaced(kValidHardware, R"("gpus_per_node")", R"("gpus_per_nod")"),
        "values.gpus_per_nod", "a hardware parameter");
    row("missing key",
        replaced(kValidHardware, R"(,
    "gpus_per_node": {"value": 8, "unit": "", "source": "test"})",
                 ""),
        "values.gpus_per_node", "missing key");
    row("wrong type", replaced(kValidHardware, R"("value": 1000)", R"("value": "1000")"),
        "values.flops_tflops.value", "a number in [1, 100000] TFLOP/s");
    row("out of range", replaced(kValidHardware, R"("value": 1000)", R"("value": -5)"),
        "values.flops_tflops.value", "got -5");
    row("wrong unit", replaced(kValidHardware, R"("unit": "TFLOP/s")", R"("unit": "PFLOP/s")"),
        "values.flops_tflops.unit", "\"TFLOP/s\"");
    row("empty source",
        replaced(kValidHardware, R"("unit": "GB", "source": "test")",
                 R"("unit": "GB", "source": "")"),
        "values.hbm_capacity_gb.source", "a non-empty string");
    row("non-whole GPUs per node", replaced(kValidHardware, R"("value": 8, )", R"("value": 8.5, )"),
        "values.gpus_per_node.value", "a whole number");
    row("model key in hardware preset",
        replaced(kValidHardware, R"("values": {)",
                 R"("values": {"top_k": {"value": 8, "unit": "", "source": "x"},)"),
        "values.top_k", "a hardware parameter");
    row("wrong schema version",
        replaced(kValidHardware, R"("schema_version": 1)", R"("schema_version": 7)"),
        "schema_version", "1 (the file format");
    row("unknown kind", replaced(kValidHardware, R"("kind": "hardware")", R"("kind": "gpu")"),
        "kind", "\"hardware\" or \"model\"");
    row("bad id", replaced(kValidHardware, R"("id": "test-gpu")", R"("id": "Test GPU")"), "id",
        "an id of lower-case letters");
    row("paper not a boolean",
        replaced(kValidHardware, R"("name": "Test GPU")",
                 R"("name": "Test GPU", "paper": "yes", "paper_order": 1)"),
        "paper", "true or false");
    row("paper without its order",
        replaced(kValidHardware, R"("name": "Test GPU")", R"("name": "Test GPU", "paper": true)"),
        "paper_order", "missing key");
    row("paper order not whole",
        replaced(kValidHardware, R"("name": "Test GPU")",
                 R"("name": "Test GPU", "paper": true, "paper_order": 1.5)"),
        "paper_order", "a whole number in [1, 64]");
    row("paper order without the flag",
        replaced(kValidHardware, R"("name": "Test GPU")",
                 R"("name": "Test GPU", "paper_order": 2)"),
        "paper_order", "\"paper\": true beside it");
    row("unknown top-level key",
        replaced(kValidHardware, R"("name": "Test GPU")",
                 R"("name": "Test GPU", "colour": "green")"),
        "colour", "no such key here");
    row("truncated", std::string(kValidHardware.substr(0, kValidHardware.size() / 2)), "(file)",
        "a complete JSON document");
    row("not JSON", "flops = 1979\n", "(file)", "a complete JSON document");
    row("empty file", "", "(file)", "a complete JSON document");
    row("top level is an array", "[1, 2, 3]", "(top level)", "a JSON object");
}

void TestPresets::malformedPreset() {
    QFETCH(QString, text);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    const QString path = write(QStringLiteral("bad.json"), text.toStdString());
    try {
        loadPresetFile(path.toStdString());
        QFAIL("a malformed preset was accepted");
    } catch (const InputFileError& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.startsWith(path + QLatin1Char(':')), e.what());
        QVERIFY2(message.contains(QLatin1Char('\'') + key + QLatin1Char('\'')), e.what());
        QVERIFY2(message.contains(expected), e.what());
        QCOMPARE(QString::fromStdString(e.key()), key);
    }
}

void TestPresets::hostileFiles_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("deeply nested arrays") << QByteArray(100000, '[') << "nested at most 32";
    // The limit is kMaxJsonDepth = 32 containers: 32 nested arrays are read (and then refused
    // as not an object), the 33rd is refused for its depth.
    QTest::newRow("32 nested arrays: within the limit")
        << QByteArray(32, '[') + QByteArray(32, ']')
        << "key '(top level)': expected a JSON object, got an array";
    QTest::newRow("33 nested arrays: one too deep")
        << QByteArray(33, '[') + QByteArray(33, ']')
        << "key '(file)': expected JSON nested at most 32 levels deep, got deeper nesting";
    // 40 objects, each the value of the key "a" of the one around it: objects 1 to 32 are read,
    // the 33rd is the value of the 32nd object's "a", whose key path is 32 a's.
    QTest::newRow("deeply nested objects")
        << QByteArray("{\"a\":").repeated(40) + QByteArray("1") + QByteArray(40, '}')
        << QString(QStringLiteral("key '") + QStringLiteral("a.").repeated(31) +
                   QStringLiteral("a': expected JSON nested at most 32 levels deep, got deeper "
                                  "nesting"));
    // Brackets inside a string are text, not nesting: the file is refused for what it lacks.
    QTest::newRow("brackets inside a string")
        << QByteArray("{\"a\": \"") + QByteArray(100, '[') + QByteArray("\"}")
        << "key 'schema_version': expected 1";
    QTest::newRow("huge file (5 MiB)")
        << QByteArray(5 * 1024 * 1024, ' ') << "at most 4194304 bytes";
    QTest::newRow("binary garbage") << QByteArray("\x00\xff\xfe{\x01", 5) << "a complete JSON";
}

void TestPresets::hostileFiles() {
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString path = write(QStringLiteral("hostile.json"), content.toStdString());
    for (int kind = 0; kind < 2; ++kind) {
        try {
            if (kind == 0) {
                loadPresetFile(path.toStdString());
            } else {
                loadScenarioFile(path.toStdString());
            }
            QFAIL("a hostile file was accepted");
        } catch (const InputFileError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(path), e.what());
        }
    }
}

void TestPresets::malformedScenario_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const std::string valid = R"({"schema_version": 1, "kind": "scenario", "id": "s",
      "name": "S", "hardware": "h800", "model": "deepseek-v3", "values": {"nf": 4}})";
    const auto row = [](const char* name, const std::string& text, const char* expected) {
        QTest::newRow(name) << QString::fromStdString(text) << QString::fromLatin1(expected);
    };
    row("unknown hardware id", replaced(valid, "\"h800\"", "\"h900\""),
        "key 'hardware': expected the id of a hardware preset");
    row("unknown model id", replaced(valid, "\"deepseek-v3\"", "\"deepseek-v9\""),
        "key 'model': expected the id of a model preset");
    row("unknown parameter", replaced(valid, "\"nf\"", "\"n_f\""),
        "key 'values.n_f': expected a parameter key");
    row("out-of-range override", replaced(valid, "\"nf\": 4", "\"nf\": 0"),
        "key 'values.nf': expected a whole number in [1, 4096] nodes, got 0");
    row("inconsistent combination", replaced(valid, "\"nf\": 4", "\"top_k\": 400"),
        "key 'values': expected a valid combination");
    row("budget not positive", replaced(valid, "\"nf\": 4", "\"gap_ms\": 100"),
        "budget t_B (Eq. 1) is not positive");
    // View keys and theme names are the explorer's: the core only requires non-empty strings.
    row("figure view not a string",
        replaced(valid, "\"values\"", "\"figure\": {\"view\": 7}, \"values\""),
        "key 'figure.view': expected a non-empty string, got 7");
    row("current view not a string",
        replaced(valid, "\"values\"", "\"view\": {\"current\": [\"roofline\"]}, \"values\""),
        "key 'view.current': expected a non-empty string, got an array");
    row("empty theme", replaced(valid, "\"values\"", "\"view\": {\"theme\": \"\"}, \"values\""),
        "key 'view.theme': expected a non-empty string, got \"\"");
    // Heatmap axes and metric are core vocabulary: checked against the registry and metric table.
    row("unknown heatmap axis",
        replaced(valid, "\"values\"", "\"view\": {\"heatmap_x\": \"n_f\"}, \"values\""),
        "key 'view.heatmap_x': expected a parameter key (see afd-model params), got \"n_f\"");
    row("unknown heatmap metric",
        replaced(valid, "\"values\"", "\"view\": {\"heatmap_metric\": \"hfuu\"}, \"values\""),
        "key 'view.heatmap_metric': expected a metric name (see afd-model metrics) or a heatmap "
        "throughput colour (docs/model.md C-H), got \"hfuu\"");
    row("bad figure metric",
        replaced(valid, "\"values\"",
                 "\"figure\": {\"view\": \"hfu-nf\", \"metrics\": [\"hfuu\"]}, \"values\""),
        "key 'figure.metrics': expected metric names");
    row("duplicate key", replaced(valid, "\"values\": {", "\"values\": {\"nf\": 3, "),
        "key 'values.nf': expected each key once in its object, got a second \"nf\"");
    row("wrong kind", replaced(valid, "\"scenario\"", "\"slideshow\""),
        "key 'kind': expected \"hardware\", \"model\", \"scenario\", \"deck\" or \"measurement\"");
}

void TestPresets::malformedScenario() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const QString path = write(QStringLiteral("scenario.json"), text.toStdString());
    try {
        validateFile(path.toStdString());
        QFAIL("a malformed scenario was accepted");
    } catch (const InputFileError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(path + QLatin1Char(':')), e.what());
        QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
    }
}

void TestPresets::deckReferencesStayInItsFolder() {
    // A deck names built-in scenarios or scenario files in its folder or below; an absolute
    // path or ".." is refused by name, so a deck cannot read files outside its folder.
    const std::string scenario = R"({"schema_version": 1, "kind": "scenario", "id": "s",
      "name": "S", "hardware": "h800", "model": "deepseek-v3", "values": {"nf": 4}})";
    QDir(dir_.path()).mkpath(QStringLiteral("talk/parts"));
    write(QStringLiteral("talk/parts/s.json"), scenario);
    write(QStringLiteral("outside.json"), scenario);
    const auto deck = [](const std::string& ref) {
        return R"({"schema_version": 1, "kind": "deck", "id": "d", "name": "D", "slides": [
          {"title": "T", "view": "hfu-nf", "scenario": ")" +
               ref + R"("}]})";
    };
    const QString ok = write(QStringLiteral("talk/ok.json"), deck("parts/s.json"));
    QCOMPARE(loadDeckFile(ok.toStdString(), PresetLibrary::builtin()).slides.size(), 1U);
    for (const std::string& bad : {std::string("../outside.json"),
                                   dir_.filePath(QStringLiteral("outside.json")).toStdString(),
                                   std::string("parts/../../outside.json")}) {
        const QString path = write(QStringLiteral("talk/bad.json"), deck(bad));
        try {
            loadDeckFile(path.toStdString(), PresetLibrary::builtin());
            QFAIL(("accepted " + bad).c_str());
        } catch (const InputFileError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral(
                         "key 'slides[0].scenario': expected a built-in scenario id or a scenario "
                         "file in the deck's folder or below it")),
                     e.what());
        }
    }
}

namespace {

// A deck of one slide, given as JSON text.
std::string deckWith(const std::string& slide) {
    return R"({"schema_version": 1, "kind": "deck", "id": "d", "name": "D", "slides": [)" + slide +
           "]}";
}

} // namespace

void TestPresets::deckTextSlides() {
    // A text slide: title, subtitle, bullets and a table, no view and no scenario.
    const Deck deck = parseDeck(deckWith(R"({"kind": "text", "title": "Takeaways", "subtitle": "S",
          "bullets": ["one", "two"], "notes": "N",
          "table": {"columns": ["Model", "E / TopK"], "rows": [["A", "32"], ["B", "16"]]}},
          {"title": "V", "view": "hfu-nf", "scenario": "default", "compare_models": true})"),
                                "talk.json", PresetLibrary::builtin());
    QCOMPARE(deck.slides.size(), std::size_t(2));
    const Slide& text = deck.slides[0];
    QCOMPARE(text.kind, SlideKind::Text);
    QCOMPARE(text.title, std::string("Takeaways"));
    QCOMPARE(text.subtitle, std::string("S"));
    QCOMPARE(text.bullets, (std::vector<std::string>{"one", "two"}));
    QCOMPARE(text.table.columns, (std::vector<std::string>{"Model", "E / TopK"}));
    QCOMPARE(text.table.rows.size(), std::size_t(2));
    QCOMPARE(text.table.rows[1][1], std::string("16"));
    QVERIFY(text.view.empty());
    QCOMPARE(deck.slides[1].kind, SlideKind::View);
    QVERIFY(deck.slides[1].compareModels);
    // A title slide: a title and a subtitle are enough.
    QCOMPARE(parseDeck(deckWith(R"({"kind": "text", "title": "T", "subtitle": "by us"})"),
                       "talk.json", PresetLibrary::builtin())
                 .slides[0]
                 .subtitle,
             std::string("by us"));
}

void TestPresets::malformedTextSlide_data() {
    QTest::addColumn<QString>("slide");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char* name, const char* slide, const char* expected) {
        QTest::newRow(name) << QString::fromUtf8(slide) << QString::fromUtf8(expected);
    };
    row("unknown kind", R"({"kind": "video", "title": "T", "subtitle": "S"})",
        R"(key 'slides[0].kind': expected "view" or "text", got "video")");
    row("kind not a string", R"({"kind": 3, "title": "T", "subtitle": "S"})",
        "key 'slides[0].kind': expected a non-empty string, got 3");
    row("no text at all", R"({"kind": "text", "title": "T"})",
        "key 'slides[0].bullets': expected a subtitle, bullets or a table");
    row("a view on a text slide",
        R"({"kind": "text", "title": "T", "subtitle": "S", "view": "hfu-nf"})",
        "key 'slides[0].view': expected no such key here");
    row("bullets not an array", R"({"kind": "text", "title": "T", "bullets": "one"})",
        "key 'slides[0].bullets': expected an array of 1 to 6 strings, got \"one\"");
    row("too many bullets",
        R"({"kind": "text", "title": "T", "bullets": ["1","2","3","4","5","6","7"]})",
        "key 'slides[0].bullets': expected an array of 1 to 6 strings, got an array");
    row("empty bullet", R"({"kind": "text", "title": "T", "bullets": ["one", ""]})",
        "key 'slides[0].bullets[1]': expected a non-empty string of at most 160 characters");
    row("bullet a number", R"({"kind": "text", "title": "T", "bullets": [7]})",
        "key 'slides[0].bullets[0]': expected a non-empty string of at most 160 characters, got 7");
    row("table without rows", R"({"kind": "text", "title": "T", "table": {"columns": ["A"]}})",
        "key 'slides[0].table.rows': expected an array of rows, got missing key");
    row("row of the wrong width",
        R"({"kind": "text", "title": "T", "table": {"columns": ["A", "B"], "rows": [["1"]]}})",
        "key 'slides[0].table.rows[0]': expected an array of 2 cells (one per column), got 1 "
        "cells");
    row("cell too long",
        R"({"kind": "text", "title": "T", "table": {"columns": ["A"],
            "rows": [["0123456789012345678901234567890123456789012345678"]]}})",
        "key 'slides[0].table.rows[0][0]': expected a non-empty string of at most 48 characters");
    row("too many columns",
        R"({"kind": "text", "title": "T", "table": {"columns": ["1","2","3","4","5","6"],
            "rows": [["1","2","3","4","5","6"]]}})",
        "key 'slides[0].table.columns': expected an array of 1 to 5 column headings");
    row("unknown table key",
        R"({"kind": "text", "title": "T", "table": {"columns": ["A"], "rows": [["1"]],
            "caption": "c"}})",
        "key 'slides[0].table.caption': expected no such key here");
    row("compare_models not a flag",
        R"({"title": "V", "view": "hfu-nf", "scenario": "default", "compare_models": "yes"})",
        "key 'slides[0].compare_models': expected true or false, got \"yes\"");
    row("a text slide's keys on a view slide",
        R"({"title": "V", "view": "hfu-nf", "scenario": "default", "bullets": ["b"]})",
        "key 'slides[0].bullets': expected no such key here");
}

void TestPresets::malformedTextSlide() {
    // Every refusal names the file and the key, and what was expected.
    QFETCH(QString, slide);
    QFETCH(QString, expected);
    try {
        parseDeck(deckWith(slide.toStdString()), "talk.json", PresetLibrary::builtin());
        QFAIL("a malformed text slide was accepted");
    } catch (const InputFileError& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.startsWith(QStringLiteral("talk.json: ")), e.what());
        QVERIFY2(message.contains(expected), e.what());
    }
}

void TestPresets::viewWordsRoundTripUnchanged() {
    // A view key or theme the core has never heard of (a newer explorer's, say) is kept as
    // written: the explorer, not the core, decides what it can show.
    const ScenarioFile file = parseScenario(R"({"schema_version": 1, "kind": "scenario",
      "id": "t", "name": "T", "hardware": "h800", "model": "deepseek-v3",
      "figure": {"view": "pie-chart"},
      "view": {"current": "pie-chart", "theme": "sepia", "heatmap_x": "slo_ms",
               "heatmap_y": "top_k", "heatmap_metric": "ofu"}})",
                                            "inline");
    QCOMPARE(file.figure->view, std::string("pie-chart"));
    QVERIFY(file.view.has_value());
    const ScenarioFile again = parseScenario(writeScenario(file), "written");
    QVERIFY(again.view.has_value());
    QCOMPARE(again.view->current, std::string("pie-chart"));
    QCOMPARE(again.view->theme, std::string("sepia"));
    QCOMPARE(again.view->heatmapX, std::string("slo_ms"));
    QCOMPARE(again.view->heatmapY, std::string("top_k"));
    QCOMPARE(again.view->heatmapMetric, std::string("ofu"));

    const Deck deck = parseDeck(R"({"schema_version": 1, "kind": "deck", "id": "d", "name": "D",
      "slides": [{"title": "T", "view": "pie-chart", "scenario": "default"}]})",
                                "inline-deck", PresetLibrary::builtin());
    QCOMPARE(deck.slides.at(0).view, std::string("pie-chart"));
}

void TestPresets::scenarioResolvesInOrder() {
    // defaults <- hardware <- model <- overrides: an override of a hardware key wins.
    const ScenarioFile file = parseScenario(R"({"schema_version": 1, "kind": "scenario",
      "id": "t", "name": "T", "hardware": "gb200", "model": "step3",
      "values": {"scale_up_bw_gb_s": 900, "nf": 3}})",
                                            "inline");
    const ResolvedScenario r = resolve(file, PresetLibrary::builtin());
    QCOMPARE(r.values[Param::ScaleUpBwGbS], 900.0);         // override
    QCOMPARE(r.values[Param::FlopsTflops], 4500.0);         // GB200, Table 5
    QCOMPARE(r.values[Param::MoeIntermediateSize], 5120.0); // Step3, Table 4
    QCOMPARE(r.values[Param::Nf], 3.0);
}

void TestPresets::scenarioNamesAttentionHardware() {
    // Heterogeneous AFD: the attention GPUs' preset is kept by id, checked against the library,
    // written back, and its hardware values replace the FFN side's for the attention scenario.
    const ScenarioFile file = parseScenario(R"({"schema_version": 1, "kind": "scenario",
      "id": "t", "name": "T", "hardware": "h800", "model": "deepseek-v3",
      "attention_hardware": "h20"})",
                                            "inline");
    const ResolvedScenario r = resolve(file, PresetLibrary::builtin());
    QCOMPARE(r.attentionHardwareId, std::string("h20"));
    QCOMPARE(r.values[Param::FlopsTflops], 1979.0); // the FFN side stays H800 (Table 5)
    const Scenario attention =
        attentionScenario(r.values, *PresetLibrary::builtin().hardware("h20"));
    QCOMPARE(attention[Param::FlopsTflops], 296.0); // H20's FP8 peak (Table 5)
    QCOMPARE(attention[Param::HiddenSize], 7168.0); // the model is the same on both sides
    const ScenarioFile again = parseScenario(writeScenario(file), "written");
    QCOMPARE(again.attentionHardwareId, std::string("h20"));

    ScenarioFile unknown = file;
    unknown.attentionHardwareId = "h9000";
    try {
        resolve(unknown, PresetLibrary::builtin());
        QFAIL("an unknown attention hardware preset was accepted");
    } catch (const InputFileError& e) {
        QCOMPARE(e.key(), std::string("attention_hardware"));
        QVERIFY2(std::string(e.what()).find("h9000") != std::string::npos, e.what());
    }
}

void TestPresets::importHuggingFace_data() {
    QTest::addColumn<QString>("config");
    QTest::addColumn<QList<double>>("v"); // H, layers, dense, E, TopK, M, kv bytes per layer
    QTest::addColumn<int>("guesses");
    // Field names as in the public configs (reference file B1/B2).
    QTest::newRow("DeepSeek-V3 (MLA, first_k_dense_replace)") << R"({"model_type": "deepseek_v3",
      "hidden_size": 7168, "num_hidden_layers": 61, "first_k_dense_replace": 3,
      "n_routed_experts": 256, "num_experts_per_tok": 8, "moe_intermediate_size": 2048,
      "intermediate_size": 18432, "num_attention_heads": 128, "kv_lora_rank": 512,
      "qk_rope_head_dim": 64})" << QList<double>{7168, 61, 3, 256, 8, 2048, 1152}
                                                              << 1;
    QTest::newRow("Qwen3-MoE (mlp_only_layers)")
        << R"({"model_type": "qwen3_moe",
      "hidden_size": 4096, "num_hidden_layers": 94, "mlp_only_layers": [], "num_experts": 128,
      "num_experts_per_tok": 8, "moe_intermediate_size": 1536, "intermediate_size": 12288,
      "num_attention_heads": 64, "num_key_value_heads": 4, "head_dim": 128})"
        << QList<double>{4096, 94, 0, 128, 8, 1536, 2048} << 1;
    QTest::newRow("Mixtral (no head_dim: guessed)") << R"({"model_type": "mixtral",
      "hidden_size": 6144, "num_hidden_layers": 56, "num_local_experts": 8,
      "num_experts_per_tok": 2, "intermediate_size": 16384, "num_attention_heads": 48,
      "num_key_value_heads": 8})" << QList<double>{6144, 56, 0, 8, 2, 16384, 4096}
                                                    << 3;
    QTest::newRow("Llama-4 (text_config, interleave step 2)")
        << R"({"model_type": "llama4",
      "text_config": {"hidden_size": 5120, "num_hidden_layers": 48,
      "interleave_moe_layer_step": 2, "num_local_experts": 128, "num_experts_per_tok": 1,
      "intermediate_size": 8192, "intermediate_size_mlp": 16384, "num_attention_heads": 40,
      "num_key_value_heads": 8, "head_dim": 128, "attention_chunk_size": 8192}})"
        << QList<double>{5120, 48, 24, 128, 1, 8192, 4096} << 2;
    QTest::newRow("DBRX (nested ffn_config / attn_config)") << R"({"model_type": "dbrx",
      "d_model": 6144, "n_layers": 40, "n_heads": 48,
      "ffn_config": {"moe_num_experts": 16, "moe_top_k": 4, "ffn_hidden_size": 10752},
      "attn_config": {"kv_n_heads": 8}})" << QList<double>{6144, 40, 0, 16, 4, 10752, 4096}
                                                            << 3;
    QTest::newRow("gpt-oss (experts_per_token, sliding window)")
        << R"({"model_type": "gpt_oss",
      "hidden_size": 2880, "num_hidden_layers": 36, "num_local_experts": 128,
      "experts_per_token": 4, "intermediate_size": 2880, "num_attention_heads": 64,
      "num_key_value_heads": 8, "head_dim": 64, "sliding_window": 128})"
        << QList<double>{2880, 36, 0, 128, 4, 2880, 2048} << 3;
    QTest::newRow("GLM-4.5 (Glm4Moe)") << R"({"model_type": "glm4_moe", "hidden_size": 5120,
      "num_hidden_layers": 92, "first_k_dense_replace": 3, "n_routed_experts": 160,
      "num_experts_per_tok": 8, "moe_intermediate_size": 1536, "num_attention_heads": 96,
      "num_key_value_heads": 8, "head_dim": 128})"
                                       << QList<double>{5120, 92, 3, 160, 8, 1536, 4096} << 1;
}

void TestPresets::importHuggingFace() {
    QFETCH(QString, config);
    QFETCH(QList<double>, v);
    QFETCH(int, guesses);
    const HfImport imported = importHuggingFaceConfig(config.toStdString(), "config.json");
    QCOMPARE(int(imported.guesses.size()), guesses);
    const Preset p = parsePreset(imported.presetJson, "imported.json");
    QCOMPARE(p.find(Param::HiddenSize)->value, v[0]);
    QCOMPARE(p.find(Param::NumLayers)->value, v[1]);
    QCOMPARE(p.find(Param::NumDenseLayers)->value, v[2]);
    QCOMPARE(p.find(Param::NumMoeLayers)->value, v[1] - v[2]);
    QCOMPARE(p.find(Param::NumExperts)->value, v[3]);
    QCOMPARE(p.find(Param::TopK)->value, v[4]);
    QCOMPARE(p.find(Param::MoeIntermediateSize)->value, v[5]);
    Scenario s;
    p.applyTo(s);
    QCOMPARE(perTokenCounts(s, 1, 2).kvBytes / p.find(Param::KvCacheLayers)->value, v[6]);
}

void TestPresets::importRejectsIncompleteConfig() {
    try {
        importHuggingFaceConfig(R"({"hidden_size": 4096, "num_hidden_layers": 32})", "cfg.json");
        QFAIL("a dense-model config was imported as MoE");
    } catch (const InputFileError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("n_routed_experts")), e.what());
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(QLatin1String("cfg.json:")), e.what());
    }
}

QTEST_GUILESS_MAIN(TestPresets)
#include "tst_presets.moc"
