// SPDX-License-Identifier: GPL-3.0-or-later
// afd-model end to end: exit codes, parseable stdout, messages on stderr.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run afdModel(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(AFD_MODEL_EXE), args);
    if (!p.waitForFinished(60000)) {
        qFatal("afd-model did not finish");
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QJsonObject parseObject(const QByteArray& text) {
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        qFatal("stdout is not a JSON object: %s", qPrintable(error.errorString()));
    }
    return doc.object();
}

QStringList shippedFiles() {
    QStringList files;
    for (const QString& sub : {QStringLiteral("hardware"), QStringLiteral("models"),
                               QStringLiteral("scenarios"), QStringLiteral("decks")}) {
        QDir d(QStringLiteral(AFD_SOURCE_DIR "/presets/") + sub);
        for (const QString& f : d.entryList({QStringLiteral("*.json")}, QDir::Files)) {
            files << d.filePath(f);
        }
    }
    return files;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
  private slots:
    void evalDefaultJson();
    void evalTableAndSet();
    void evalWithPresetFiles();
    void sweepCsv();
    void sweepJsonFromScenarioFigure();
    void imbalanceJson();
    void presetsValidateEveryShippedFile();
    void presetsListAndShow();
    void importHf();
    void helpEverywhere_data();
    void helpEverywhere();
    void badArguments_data();
    void badArguments();
};

void TestCli::evalDefaultJson() {
    const Run r = afdModel({QStringLiteral("eval")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject j = parseObject(r.out);
    for (const char* key : {"t_budget_ms",
                            "bw_effective_gb_s",
                            "ratio_up_out",
                            "tokens_per_rank",
                            "local_experts",
                            "local_experts_continuous",
                            "tokens_per_expert",
                            "intensity",
                            "intensity_continuous",
                            "flops_per_rank",
                            "weight_bytes_per_rank",
                            "gemm_time_ms",
                            "hfu",
                            "hfu_uncapped",
                            "occupancy",
                            "ofu",
                            "regime",
                            "compute_saturated",
                            "dead_zone",
                            "feasible",
                            "infeasible_reasons",
                            "inputs"}) {
        QVERIFY2(j.contains(QLatin1String(key)), key);
    }
    // Default scenario = DeepSeek-V3 on H800, N_F = 2 (MODEL.md checks): 33.1 %, 2846 rows.
    QVERIFY(std::abs(j[QStringLiteral("hfu")].toDouble() - 0.331157) < 1e-6);
    QVERIFY(std::abs(j[QStringLiteral("tokens_per_rank")].toDouble() - 2846.08) < 0.01);
    QCOMPARE(j[QStringLiteral("regime")].toString(), QStringLiteral("scale-up-bound"));
    QCOMPARE(j[QStringLiteral("feasible")].toBool(), true);
    QCOMPARE(j[QStringLiteral("inputs")].toObject()[QStringLiteral("nf")].toDouble(), 2.0);
    QVERIFY(r.err.isEmpty());
}

void TestCli::evalTableAndSet() {
    const Run r = afdModel({QStringLiteral("eval"), QStringLiteral("--set"), QStringLiteral("nf=8"),
                            QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject j = parseObject(r.out);
    QCOMPARE(j[QStringLiteral("dead_zone")].toBool(), true);
    QCOMPARE(j[QStringLiteral("regime")].toString(), QStringLiteral("scale-out-bound"));
    const Run one =
        afdModel({QStringLiteral("eval"), QStringLiteral("--set"), QStringLiteral("nf=1")});
    const QJsonObject k = parseObject(one.out);
    QCOMPARE(k[QStringLiteral("feasible")].toBool(), false);
    QVERIFY(k[QStringLiteral("infeasible_reasons")].toArray().contains(QStringLiteral("capacity")));
    const Run table =
        afdModel({QStringLiteral("eval"), QStringLiteral("--format"), QStringLiteral("table"),
                  QStringLiteral("--hardware"), QStringLiteral("gb200")});
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.contains("HFU (HFU)"));
    QVERIFY(table.out.contains("0.65536"));
    QVERIFY(table.out.contains("superpod"));
}

void TestCli::evalWithPresetFiles() {
    const Run r = afdModel({QStringLiteral("eval"), QStringLiteral("--hardware"),
                            QStringLiteral(AFD_SOURCE_DIR "/presets/hardware/h20.json"),
                            QStringLiteral("--model"),
                            QStringLiteral(AFD_SOURCE_DIR "/presets/models/step3.json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject inputs = parseObject(r.out)[QStringLiteral("inputs")].toObject();
    QCOMPARE(inputs[QStringLiteral("flops_tflops")].toDouble(), 296.0);
    QCOMPARE(inputs[QStringLiteral("moe_intermediate_size")].toDouble(), 5120.0);
}

void TestCli::sweepCsv() {
    const Run r =
        afdModel({QStringLiteral("sweep"), QStringLiteral("--x"), QStringLiteral("nf=1:16"),
                  QStringLiteral("--metric"), QStringLiteral("hfu,intensity")});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 17); // header + 16 values of N_F
    QCOMPARE(lines[0], QByteArray("nf [nodes],hfu,intensity [FLOP/B],regime,feasible,"
                                  "infeasible_reasons,error"));
    QVERIFY(lines[1].startsWith("1,0.331157150075"));
    QVERIFY(lines[1].contains("capacity"));
    QVERIFY(lines[8].startsWith("8,0.1034866093986"));
}

void TestCli::sweepJsonFromScenarioFigure() {
    const Run r =
        afdModel({QStringLiteral("sweep"), QStringLiteral("--scenario"),
                  QStringLiteral(AFD_SOURCE_DIR "/presets/scenarios/fig4-hfu-nf-gb200.json"),
                  QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject j = parseObject(r.out);
    const QJsonArray hfu = j[QStringLiteral("metrics")]
                               .toObject()[QStringLiteral("hfu")]
                               .toObject()[QStringLiteral("values")]
                               .toArray();
    QCOMPARE(hfu.size(), 32);
    for (const auto& v : hfu) {
        QVERIFY(std::abs(v.toDouble() - 0.65536) < 1e-9); // Eq. 19 at every N_F on a superpod
    }
}

void TestCli::imbalanceJson() {
    const Run r =
        afdModel({QStringLiteral("imbalance"), QStringLiteral("--na"), QStringLiteral("10"),
                  QStringLiteral("--nf"), QStringLiteral("2"), QStringLiteral("--sigma"),
                  QStringLiteral("0.75"), QStringLiteral("--lambda-ep"), QStringLiteral("5")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject j = parseObject(r.out);
    QCOMPARE(j[QStringLiteral("alpha_afd_rule")].toString(), QStringLiteral("floor"));
    QVERIFY(std::abs(j[QStringLiteral("alpha_afd")].toDouble() - 0.933333) < 1e-6);
    QVERIFY(std::abs(j[QStringLiteral("alpha_ceil")].toDouble() - 0.9) < 1e-12);
    QVERIFY(std::abs(j[QStringLiteral("alpha_ep")].toDouble() - 0.947368) < 1e-6);
    for (const char* key : {"alpha_exact", "alpha_floor", "alpha_ep_dp", "alpha_afd_dp"}) {
        QVERIFY2(j.contains(QLatin1String(key)), key);
    }
}

void TestCli::presetsValidateEveryShippedFile() {
    const QStringList files = shippedFiles();
    QVERIFY(files.size() >= 31);
    const Run r =
        afdModel(QStringList{QStringLiteral("presets"), QStringLiteral("validate")} + files);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.err.count("valid"), files.size());
}

void TestCli::presetsListAndShow() {
    const Run list = afdModel({QStringLiteral("presets"), QStringLiteral("list"),
                               QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(list.exitCode, 0);
    const QJsonObject j = parseObject(list.out);
    QVERIFY(j[QStringLiteral("hardware")].toArray().size() >= 14);
    QVERIFY(j[QStringLiteral("models")].toArray().size() >= 14);
    const Run show =
        afdModel({QStringLiteral("presets"), QStringLiteral("show"), QStringLiteral("h800")});
    QCOMPARE(show.exitCode, 0);
    QCOMPARE(parseObject(show.out)[QStringLiteral("id")].toString(), QStringLiteral("h800"));
}

void TestCli::importHf() {
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("config.json"));
    QFile f(config);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"model_type": "mixtral", "hidden_size": 6144, "num_hidden_layers": 56,
      "num_local_experts": 8, "num_experts_per_tok": 2, "intermediate_size": 16384,
      "num_attention_heads": 48, "num_key_value_heads": 8})");
    f.close();
    const QString out = dir.filePath(QStringLiteral("mixtral.json"));
    const Run r = afdModel({QStringLiteral("presets"), QStringLiteral("import-hf"), config,
                            QStringLiteral("--id"), QStringLiteral("my-mixtral"),
                            QStringLiteral("--out"), out});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.err.contains("guessed head_dim"));
    const Run check = afdModel({QStringLiteral("presets"), QStringLiteral("validate"), out});
    QCOMPARE(check.exitCode, 0);
    const Run use = afdModel({QStringLiteral("eval"), QStringLiteral("--model"), out});
    QCOMPARE(use.exitCode, 0);
    QCOMPARE(parseObject(use.out)[QStringLiteral("inputs")]
                 .toObject()[QStringLiteral("top_k")]
                 .toDouble(),
             2.0);
}

void TestCli::helpEverywhere_data() {
    QTest::addColumn<QStringList>("args");
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")};
    QTest::newRow("eval --help") << QStringList{QStringLiteral("eval"), QStringLiteral("--help")};
    QTest::newRow("sweep --help") << QStringList{QStringLiteral("sweep"), QStringLiteral("--help")};
    QTest::newRow("imbalance --help")
        << QStringList{QStringLiteral("imbalance"), QStringLiteral("-h")};
    QTest::newRow("presets --help")
        << QStringList{QStringLiteral("presets"), QStringLiteral("--help")};
    QTest::newRow("params") << QStringList{QStringLiteral("params")};
    QTest::newRow("metrics") << QStringList{QStringLiteral("metrics")};
}

void TestCli::helpEverywhere() {
    QFETCH(QStringList, args);
    const Run r = afdModel(args);
    QCOMPARE(r.exitCode, 0);
    QVERIFY(!r.out.isEmpty());
    QVERIFY(r.err.isEmpty());
}

void TestCli::badArguments_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const auto s = [](const char* text) { return QString::fromLatin1(text); };
    QTest::newRow("no command") << QStringList{} << 2 << s("Usage");
    QTest::newRow("unknown command") << QStringList{s("frobnicate")} << 2 << s("unknown command");
    QTest::newRow("--set non-number") << QStringList{s("eval"), s("--set"), s("nf=abc")} << 2
                                      << s("--set nf=abc: expected a whole number in [1, 4096]");
    QTest::newRow("--set out of range") << QStringList{s("eval"), s("--set"), s("sigma=2")} << 2
                                        << s("--set sigma=2: expected a number in [0.01, 1]");
    QTest::newRow("--set unknown key")
        << QStringList{s("eval"), s("--set"), s("bogus=1")} << 2 << s("unknown key 'bogus'");
    QTest::newRow("--set makes t_B <= 0")
        << QStringList{s("eval"), s("--set"), s("gap_ms=90")} << 1 << s("not positive");
    QTest::newRow("unknown hardware id") << QStringList{s("eval"), s("--hardware"), s("h900")} << 2
                                         << s("--hardware h900: expected a hardware preset id");
    QTest::newRow("missing preset file")
        << QStringList{s("eval"), s("--model"), s("/nonexistent.json")} << 1
        << s("/nonexistent.json: key '(file)'");
    QTest::newRow("model file as hardware")
        << QStringList{s("eval"), s("--hardware"), s(AFD_SOURCE_DIR "/presets/models/step3.json")}
        << 1 << s("key 'kind': expected \"hardware\"");
    QTest::newRow("bad format") << QStringList{s("eval"), s("--format"), s("xml")} << 2
                                << s("expected json|table");
    QTest::newRow("sweep without axis") << QStringList{s("sweep")} << 2 << s("expected --x");
    QTest::newRow("sweep bad axis")
        << QStringList{s("sweep"), s("--x"), s("nf=0:9")} << 2 << s("axis 'nf'");
    QTest::newRow("sweep unknown metric")
        << QStringList{s("sweep"), s("--x"), s("nf=1:4"), s("--metric"), s("speed")} << 2
        << s("--metric speed: unknown metric");
    QTest::newRow("imbalance sigma 0")
        << QStringList{s("imbalance"), s("--na"), s("10"), s("--nf"), s("2"), s("--sigma"), s("0")}
        << 2 << s("key 'sigma' = 0");
    QTest::newRow("imbalance missing nf")
        << QStringList{s("imbalance"), s("--na"), s("10"), s("--sigma"), s("0.8")} << 2
        << s("expected --na N --nf N --sigma S");
    QTest::newRow("option without value")
        << QStringList{s("eval"), s("--set")} << 2 << s("option --set needs a value");
    QTest::newRow("validate bad file")
        << QStringList{s("presets"), s("validate"), s(AFD_SOURCE_DIR "/LICENSE")} << 1
        << s("LICENSE: key '(file)': expected a complete JSON");
}

void TestCli::badArguments() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const Run r = afdModel(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    // stdout stays parseable: nothing but the requested output, so nothing at all on error.
    QVERIFY2(r.out.isEmpty(), r.out.constData());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
