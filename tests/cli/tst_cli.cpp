// SPDX-License-Identifier: GPL-3.0-or-later
// afd-model end to end: exit codes, parseable stdout, messages on stderr.
// afd-model's JSON carries every number as the shortest text that reads back as the same double,
// so a value the docs derive in closed form is compared to 1e-12 relative: the
// closed form and the model multiply in a different order and may differ in the last bits.
// Figures that docs/model.md prints to three decimals are compared to half a unit in that
// place (5e-4).
#include "test_support.hpp"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/resource.h>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// fileLimit > 0: the child's writes beyond that many bytes fail with EFBIG, as on a full disk.
Run afdModel(const QStringList& args, rlim_t fileLimit = 0) {
    QProcess p;
    if (fileLimit > 0) {
        p.setChildProcessModifier([fileLimit] {
            std::signal(SIGXFSZ, SIG_IGN);
            const rlimit limit{fileLimit, fileLimit};
            setrlimit(RLIMIT_FSIZE, &limit);
        });
    }
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
    void evalWithoutSystemListsThePapersInputs();
    void throughputEpJson();
    void throughputAfdTable();
    void throughputAutomaticBatch();
    void bestBothWithFrontier();
    void bestFixesKeys();
    void bestCsv();
    void bestWhenNothingMeetsTheSlo();
    void evalReportsAnImpossibleAutomaticBatch();
    void validateMeasurements();
    void choiceNamesInScenarioFiles();
    void failedWritesLoseNothing();
    void sweepLimits();
    void textThatIsNotUtf8();
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
    // Default scenario = DeepSeek-V3 on H800, N_F = 2 (docs/model.md checks): 33.1 %, 2846 rows.
    // Eq. 19: HFU = 2 M BW_up / FLOPS = 2 * 2048 * 160e9 / 1979e12 = 0.331157.
    AFD_COMPARE_NEAR(j[QStringLiteral("hfu")].toDouble(), 2.0 * 2048 * 160e9 / 1979e12, 1e-12,
                     "closed form vs exact JSON");
    // Eq. 9: B_rank = BW_up t_B / (3 H) = 160e9 * (70 / 183) ms / (3 * 7168) = 2846.08 rows.
    AFD_COMPARE_NEAR(j[QStringLiteral("tokens_per_rank")].toDouble(),
                     160e9 * (70.0 / 183.0 * 1e-3) / (3.0 * 7168), 1e-12,
                     "closed form vs exact JSON");
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
        // Eq. 19 at every N_F on a superpod: 2 * 2048 * 720e9 / 4500e12 = 0.65536.
        AFD_COMPARE_NEAR(v.toDouble(), 2.0 * 2048 * 720e9 / 4500e12, 1e-12,
                         "closed form vs exact JSON");
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
    // docs/model.md A6 checks: alpha_AFD = alpha_floor = 0.93333 = 1.2 * 7 / 9 (Eq. 14 with
    // N_A = 10, N_F = 2, sigma 0.75), alpha_ceil = 0.9, alpha_EP(lambda 5, sigma 0.75) =
    // (1 + 5) / (5 + 1 / 0.75) = 18 / 19 = 0.94737 (Eq. 12).
    AFD_COMPARE_NEAR(j[QStringLiteral("alpha_afd")].toDouble(), 1.2 * 7.0 / 9.0, 1e-12,
                     "closed form vs exact JSON");
    AFD_COMPARE_NEAR(j[QStringLiteral("alpha_ceil")].toDouble(), 0.9, 1e-12,
                     "closed form vs exact JSON");
    AFD_COMPARE_NEAR(j[QStringLiteral("alpha_ep")].toDouble(), 18.0 / 19.0, 1e-12,
                     "closed form vs exact JSON");
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
    int paperModels = 0; // the paper's six (docs/model.md, Table 4)
    for (const QJsonValue& m : j[QStringLiteral("models")].toArray()) {
        paperModels += m.toObject()[QStringLiteral("paper")].toBool() ? 1 : 0;
    }
    QCOMPARE(paperModels, 6);
    const Run table = afdModel({QStringLiteral("presets"), QStringLiteral("list")});
    QVERIFY(table.out.contains("* deepseek-v3 "));
    QVERIFY(table.out.contains("  deepseek-v3.2 "));
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
    QTest::newRow("throughput --help")
        << QStringList{QStringLiteral("throughput"), QStringLiteral("--help")};
    QTest::newRow("best --help") << QStringList{QStringLiteral("best"), QStringLiteral("--help")};
    QTest::newRow("validate --help")
        << QStringList{QStringLiteral("validate"), QStringLiteral("--help")};
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
    QTest::newRow("--set unknown choice")
        << QStringList{s("throughput"), s("--system"), s("ep"), s("--set"), s("ep_overlap=fast")}
        << 2 << s("--set ep_overlap=fast: expected one of none, sbo, tbo, auto");
    QTest::newRow("--set choice by number") << QStringList{s("eval"), s("--set"), s("system=1")}
                                            << 2 << s("expected one of none, afd, ep");
    QTest::newRow("throughput without system")
        << QStringList{s("throughput")} << 2 << s("expected --system ep|afd");
    QTest::newRow("bad system") << QStringList{s("best"), s("--system"), s("tp")} << 2
                                << s("--system tp: expected ep, afd or both");
    QTest::newRow("accept_len above q")
        << QStringList{s("throughput"), s("--system"), s("afd"), s("--set"), s("accept_len=3")} << 1
        << s("keys 'accept_len' = 3 and 'tokens_per_request_step' = 2");
    QTest::newRow("accept_len above q via system key")
        << QStringList{s("eval"), s("--set"), s("system=ep"), s("--set"), s("accept_len=3")} << 1
        << s("expected accept_len at most tokens_per_request_step");
    QTest::newRow("--fix non-deployment key")
        << QStringList{s("best"), s("--system"), s("ep"), s("--fix"), s("hidden_size")} << 2
        << s("--fix hidden_size: expected deployment keys");
    QTest::newRow("unknown attention hardware")
        << QStringList{s("throughput"), s("--system"), s("afd"), s("--attention-hardware"),
                       s("h900")}
        << 2 << s("--attention-hardware h900: expected a hardware preset id");
    QTest::newRow("automatic batch under an impossible SLO")
        << QStringList{s("throughput"),      s("--system"), s("ep"),      s("--set"),
                       s("batch_per_gpu=0"), s("--set"),    s("slo_ms=5")}
        << 1 << s("batch_per_gpu = 0 (automatic): no EP configuration meets slo_ms = 5 ms");
    QTest::newRow("--set blamed, not the scenario file")
        << QStringList{s("throughput"), s("--system"), s("ep"), s("--set"), s("expert_slots=1")}
        << 1 << s("afd-model: --set values: key 'expert_slots' = 1: expected 0");
    QTest::newRow("EP wider than its experts")
        << QStringList{s("throughput"), s("--system"), s("ep"), s("--set"), s("ep_gpus=512")} << 1
        << s("key 'ep_gpus' = 512: expected at most the expert slots");
    QTest::newRow("--fix with an empty item")
        << QStringList{s("best"), s("--system"), s("afd"), s("--fix"), s("nf,")} << 2
        << s("--fix nf,: expected KEY[,KEY...] without empty items");
    QTest::newRow("--fix of the other system")
        << QStringList{s("best"), s("--system"), s("ep"), s("--fix"), s("na")} << 2
        << s("--fix na: not a deployment key of ep");
    QTest::newRow("--attention-hardware with EP")
        << QStringList{s("throughput"), s("--system"), s("ep"), s("--attention-hardware"), s("h20")}
        << 2 << s("--attention-hardware: applies to AFD only");
    QTest::newRow("empty option value") << QStringList{s("eval"), s("--scenario"), s("")} << 2
                                        << s("option --scenario needs a value");
    QTest::newRow("choice as a sweep axis")
        << QStringList{s("sweep"), s("--x"), s("ep_overlap=0:3")} << 2
        << s("axis 'ep_overlap': a choice");
    QTest::newRow("best without system")
        << QStringList{s("best")} << 2 << s("expected --system ep|afd|both");
    QTest::newRow("validate bad option")
        << QStringList{s("validate"), s("--strict")} << 2 << s("validate: unknown option");
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

namespace {

// DeepSeek's decode profile (docs/model.md Part C calibration): EP 128, b 128, q 2, L_accept 1.8,
// 4K context, 288 expert slots, two-batch overlap, sigma 1, MTP layer, on the default H800.
QStringList profileArgs() {
    QStringList args;
    for (const char* kv :
         {"ep_gpus=128", "batch_per_gpu=128", "accept_len=1.8", "context_tokens=4096",
          "expert_slots=288", "ep_overlap=tbo", "sigma=1", "mtp_layer=1"}) {
        args << QStringLiteral("--set") << QString::fromLatin1(kv);
    }
    return args;
}

QStringList productionArgs() {
    QStringList args;
    for (const char* kv : {"ep_gpus=144", "accept_len=1.8", "context_tokens=4989",
                           "expert_slots=288", "ep_overlap=tbo", "sigma=0.8", "slo_ms=47.619"}) {
        args << QStringLiteral("--set") << QString::fromLatin1(kv);
    }
    return args;
}

double number(const QJsonObject& o, const char* key) {
    return o[QLatin1String(key)].toDouble();
}

} // namespace

void TestCli::evalWithoutSystemListsThePapersInputs() {
    // Without a system eval is the paper's report: the throughput model's keys stay out of it.
    const QJsonObject inputs =
        parseObject(afdModel({QStringLiteral("eval")}).out)[QStringLiteral("inputs")].toObject();
    QVERIFY(inputs.contains(QStringLiteral("nf")));
    QVERIFY(!inputs.contains(QStringLiteral("system")));
    QVERIFY(!inputs.contains(QStringLiteral("eff_gemm")));
    // With one, every input is listed, choices by name.
    const Run r =
        afdModel({QStringLiteral("eval"), QStringLiteral("--set"), QStringLiteral("system=afd")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject all = parseObject(r.out)[QStringLiteral("inputs")].toObject();
    QCOMPARE(all[QStringLiteral("system")].toString(), QStringLiteral("afd"));
    QCOMPARE(all[QStringLiteral("attention_type")].toString(), QStringLiteral("mla"));
}

void TestCli::throughputEpJson() {
    const Run r = afdModel(QStringList{QStringLiteral("throughput"), QStringLiteral("--system"),
                                       QStringLiteral("ep")} +
                           profileArgs());
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.err.isEmpty());
    const QJsonObject j = parseObject(r.out);
    for (const char* key :
         {"tokens_per_s_per_gpu", "tokens_per_s_per_user", "tpot_ms", "step_time_ms", "meets_slo",
          "fits_memory", "memory_per_gpu_gb", "moe_layer_time_us", "attention_time_us",
          "ffn_time_us", "dispatch_time_us", "combine_time_us", "gpus", "hfu_ffn",
          "usd_per_million_tokens", "ep_gpus", "batch_per_gpu", "ep_overlap", "inputs"}) {
        QVERIFY2(j.contains(QLatin1String(key)), key);
    }
    // docs/model.md Part C: 2,411.892 tokens/s per GPU, T_step 95.527 ms, t_layer 1,494.789 us.
    AFD_COMPARE_ABS(number(j, "tokens_per_s_per_gpu"), 2411.892, 5e-4, "printed to 3 decimals");
    AFD_COMPARE_ABS(number(j, "step_time_ms"), 95.527, 5e-4, "printed to 3 decimals");
    AFD_COMPARE_ABS(number(j, "moe_layer_time_us"), 1494.789, 5e-4, "printed to 3 decimals");
    // TPOT = T_step / L_accept: the printed T_step's 5e-4 divided by 1.8.
    AFD_COMPARE_ABS(number(j, "tpot_ms"), 95.527 / 1.8, 5e-4 / 1.8,
                    "T_step printed to 3 decimals, divided by L_accept");
    QCOMPARE(j[QStringLiteral("ep_overlap")].toString(), QStringLiteral("tbo"));
    QCOMPARE(j[QStringLiteral("inputs")].toObject()[QStringLiteral("ep_dispatch")].toString(),
             QStringLiteral("per-expert"));
    // H800 rents at 2 USD/h (DeepSeek Day 6): 2 / (2411.892 x 3600) x 1e6 = 0.23034 USD/Mtok.
    // The printed 2411.892 is good to 5e-4 / 2411.892 = 2.1e-7 relative, and so is its inverse.
    AFD_COMPARE_NEAR(number(j, "usd_per_million_tokens"), 2.0 / (2411.892 * 3600) * 1e6, 2.1e-7,
                     "tokens/s printed to 3 decimals");
}

void TestCli::throughputAfdTable() {
    // Step-3 2A2F with FP8 attention (docs/model.md calibration): the attention side binds the
    // cycle.
    const Run r = afdModel({QStringLiteral("throughput"),
                            QStringLiteral("--system"),
                            QStringLiteral("afd"),
                            QStringLiteral("--model"),
                            QStringLiteral("step3"),
                            QStringLiteral("--set"),
                            QStringLiteral("na=2"),
                            QStringLiteral("--set"),
                            QStringLiteral("batch_per_attention_gpu=128"),
                            QStringLiteral("--set"),
                            QStringLiteral("attention_fp8=1"),
                            QStringLiteral("--set"),
                            QStringLiteral("kv_bytes=1"),
                            QStringLiteral("--set"),
                            QStringLiteral("tokens_per_request_step=1"),
                            QStringLiteral("--set"),
                            QStringLiteral("accept_len=1"),
                            QStringLiteral("--set"),
                            QStringLiteral("mtp_layer=0"),
                            QStringLiteral("--format"),
                            QStringLiteral("table")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("3BO cycle bound by"), r.out.constData());
    QVERIFY(r.out.contains("attention"));
    QVERIFY(r.out.contains("4108.22")); // docs/model.md: 4,108.222 tokens/s per GPU
    QVERIFY(r.out.contains("na 2, nf 2, batch_per_attention_gpu 128, shared_expert_on ffn"));
}

void TestCli::throughputAutomaticBatch() {
    // batch_per_gpu = 0: the largest batch under the SLO. DeepSeek production: b = 88
    // (docs/model.md).
    const Run r = afdModel(QStringList{QStringLiteral("throughput"), QStringLiteral("--system"),
                                       QStringLiteral("ep"), QStringLiteral("--set"),
                                       QStringLiteral("batch_per_gpu=0")} +
                           productionArgs());
    QCOMPARE(r.exitCode, 0);
    const QJsonObject j = parseObject(r.out);
    QCOMPARE(number(j, "batch_per_gpu"), 88.0);
    AFD_COMPARE_ABS(number(j, "tokens_per_s_per_gpu"), 1855.873, 5e-4, "printed to 3 decimals");
    QCOMPARE(j[QStringLiteral("meets_slo")].toBool(), true);
}

void TestCli::bestBothWithFrontier() {
    const Run r = afdModel({QStringLiteral("best"), QStringLiteral("--system"),
                            QStringLiteral("both"), QStringLiteral("--pareto")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject j = parseObject(r.out);
    const QJsonObject ep = j[QStringLiteral("ep")].toObject();
    const QJsonObject afd = j[QStringLiteral("afd")].toObject();
    QVERIFY(ep.contains(QStringLiteral("ep_gpus")) && ep.contains(QStringLiteral("ep_overlap")));
    QVERIFY(afd.contains(QStringLiteral("na")) && afd.contains(QStringLiteral("nf")) &&
            afd.contains(QStringLiteral("batch_per_attention_gpu")) &&
            afd.contains(QStringLiteral("shared_expert_on")) &&
            afd.contains(QStringLiteral("memory_per_attention_gpu_gb")) &&
            afd.contains(QStringLiteral("memory_per_ffn_gpu_gb")) &&
            afd.contains(QStringLiteral("bound")));
    QVERIFY(ep[QStringLiteral("meets_slo")].toBool() && afd[QStringLiteral("meets_slo")].toBool());
    // Song et al.'s closed-form ratio at AFD's chosen deployment (docs/model.md C-R): a number,
    // and an attention-node count per FFN node, so positive; EP has none.
    QVERIFY(afd[QStringLiteral("r_star")].isDouble());
    QVERIFY(number(afd, "r_star") > 0);
    QVERIFY(!ep.contains(QStringLiteral("r_star")));
    AFD_COMPARE_NEAR(number(j, "afd_over_ep"),
                     number(afd, "tokens_per_s_per_gpu") / number(ep, "tokens_per_s_per_gpu"),
                     1e-12, "a quotient of two exact JSON numbers, recomputed here");
    const QJsonObject pareto = j[QStringLiteral("pareto")].toObject();
    for (const char* system : {"ep", "afd"}) {
        const QJsonArray rows = pareto[QLatin1String(system)].toArray();
        QVERIFY(rows.size() >= 5);
        for (int i = 1; i < rows.size(); ++i) {
            QVERIFY(number(rows[i].toObject(), "tokens_per_s_per_user") >
                    number(rows[i - 1].toObject(), "tokens_per_s_per_user"));
        }
    }
}

void TestCli::bestFixesKeys() {
    // DeepSeek's production point: EP 144 held, the batch searched (docs/model.md: b = 88).
    const Run r = afdModel(QStringList{QStringLiteral("best"), QStringLiteral("--system"),
                                       QStringLiteral("ep"), QStringLiteral("--fix"),
                                       QStringLiteral("ep_gpus,ep_overlap,expert_slots")} +
                           productionArgs());
    QCOMPARE(r.exitCode, 0);
    const QJsonObject ep = parseObject(r.out)[QStringLiteral("ep")].toObject();
    QCOMPARE(number(ep, "ep_gpus"), 144.0);
    QCOMPARE(number(ep, "batch_per_gpu"), 88.0);
    QCOMPARE(number(ep, "expert_slots"), 288.0);
}

void TestCli::bestCsv() {
    const Run r =
        afdModel({QStringLiteral("best"), QStringLiteral("--system"), QStringLiteral("both"),
                  QStringLiteral("--pareto"), QStringLiteral("--format"), QStringLiteral("csv")});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QVERIFY(lines[0].startsWith("row,system,ep_gpus"));
    QVERIFY(lines[0].contains("tokens_per_s_per_gpu [tokens/s]"));
    QVERIFY(lines[1].startsWith("best,ep,") && lines[2].startsWith("best,afd,"));
    const int columns = int(lines[0].count(','));
    for (const QByteArray& line : lines) {
        QCOMPARE(int(line.count(',')), columns);
    }
    QVERIFY(lines.size() > 10 && lines.last().startsWith("pareto,afd,"));
}

void TestCli::bestWhenNothingMeetsTheSlo() {
    // A 5 ms TPOT is out of reach on H800: no answer is a failed run (exit 1, stdout empty), and
    // stderr says why for each system, with the fastest TPOT found.
    const Run r =
        afdModel({QStringLiteral("best"), QStringLiteral("--system"), QStringLiteral("both"),
                  QStringLiteral("--set"), QStringLiteral("slo_ms=5"), QStringLiteral("--format"),
                  QStringLiteral("csv")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains("no EP configuration meets slo_ms = 5 ms: the fastest that fits in "
                            "memory has TPOT"),
             r.err.constData());
    QVERIFY(r.err.contains("no AFD configuration meets slo_ms = 5 ms"));
    // One system answering is a success; the other is null in JSON, with its reason there and
    // on stderr. DeepSeek-V3 (671 GB of FP8 weights) fits on no 8 H800s (8 x 73.6 GB usable).
    const Run one =
        afdModel({QStringLiteral("best"), QStringLiteral("--system"), QStringLiteral("both"),
                  QStringLiteral("--set"), QStringLiteral("ep_gpus=8"), QStringLiteral("--fix"),
                  QStringLiteral("ep_gpus")});
    QCOMPARE(one.exitCode, 0);
    const QJsonObject j = parseObject(one.out);
    QVERIFY(j[QStringLiteral("ep")].isNull() && j[QStringLiteral("afd")].isObject());
    QVERIFY(j[QStringLiteral("afd_over_ep")].isNull());
    QVERIFY(j[QStringLiteral("ep_failure")].toString().contains(
        QStringLiteral("no EP configuration fits in memory")));
    QVERIFY(one.err.contains("no EP configuration fits in memory"));
}

void TestCli::evalReportsAnImpossibleAutomaticBatch() {
    // 10 M tokens of context fit on no attention GPU: eval says so instead of a batch of 0.
    const Run r =
        afdModel({QStringLiteral("eval"), QStringLiteral("--set"), QStringLiteral("system=afd"),
                  QStringLiteral("--set"), QStringLiteral("batch_per_attention_gpu=0"),
                  QStringLiteral("--set"), QStringLiteral("context_tokens=10000000")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject j = parseObject(r.out);
    QVERIFY(j[QStringLiteral("throughput")].isNull());
    QVERIFY(j[QStringLiteral("throughput_failure")].toString().contains(
        QStringLiteral("batch_per_attention_gpu = 0 (automatic): no AFD configuration fits")));
}

void TestCli::validateMeasurements() {
    const Run r =
        afdModel({QStringLiteral("validate"), QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray rows = parseObject(r.out)[QStringLiteral("measurements")].toArray();
    QVERIFY(rows.size() >= 5);
    int calibration = 0;
    for (const QJsonValue& v : rows) {
        const QJsonObject row = v.toObject();
        QVERIFY(!row[QStringLiteral("source")].toString().isEmpty());
        const double measured = number(row, "measured_tokens_per_s_per_gpu");
        const double predicted = number(row, "predicted_tokens_per_s_per_gpu");
        // Percent error from the row's own two figures, each exact in the JSON; 1e-9
        // absolute (in percent) allows for the rounding of the subtraction and division.
        AFD_COMPARE_ABS(number(row, "error_percent"), (predicted - measured) / measured * 100, 1e-9,
                        "recomputed from the row's exact figures");
        calibration += row[QStringLiteral("calibration")].toBool() ? 1 : 0;
    }
    QCOMPARE(calibration, 5);
    const Run table = afdModel({QStringLiteral("validate")});
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.contains("deepseek-v3-production"));
    QVERIFY(table.out.contains("+0.3")); // 1,855.873 against 1,850
}

void TestCli::choiceNamesInScenarioFiles() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ep.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"schema_version": 1, "kind": "scenario", "id": "ep", "name": "EP",
      "hardware": "h800", "model": "deepseek-v3",
      "values": {"system": "ep", "ep_overlap": "sbo", "gemm_blend": "inf"}})");
    f.close();
    const Run ok = afdModel({QStringLiteral("throughput"), QStringLiteral("--scenario"), path});
    QCOMPARE(ok.exitCode, 0);
    const QJsonObject j = parseObject(ok.out);
    QCOMPARE(j[QStringLiteral("ep_overlap")].toString(), QStringLiteral("sbo"));
    QCOMPARE(j[QStringLiteral("inputs")].toObject()[QStringLiteral("gemm_blend")].toString(),
             QStringLiteral("inf"));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(R"({"schema_version": 1, "kind": "scenario", "id": "ep", "name": "EP",
      "hardware": "h800", "model": "deepseek-v3", "values": {"ep_overlap": 2}})");
    f.close();
    const Run bad = afdModel({QStringLiteral("throughput"), QStringLiteral("--system"),
                              QStringLiteral("ep"), QStringLiteral("--scenario"), path});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(
        bad.err.contains("ep.json: key 'values.ep_overlap': expected one of none, sbo, tbo, auto"),
        bad.err.constData());
}

void TestCli::failedWritesLoseNothing() {
    QTemporaryDir dir;
    // import-hf --out over an existing file, on a "disk" that takes 100 bytes: the old file
    // stays byte for byte, no temporary file is left, and the message says why.
    const QString config = dir.filePath(QStringLiteral("config.json"));
    QFile c(config);
    QVERIFY(c.open(QIODevice::WriteOnly));
    c.write(R"({"model_type": "deepseek_v3", "hidden_size": 7168, "num_hidden_layers": 61,
      "first_k_dense_replace": 3, "n_routed_experts": 256, "num_experts_per_tok": 8,
      "moe_intermediate_size": 2048, "intermediate_size": 18432, "num_attention_heads": 128,
      "kv_lora_rank": 512, "qk_rope_head_dim": 64, "vocab_size": 129280})");
    c.close();
    const QString out = dir.filePath(QStringLiteral("model.json"));
    QFile::copy(QStringLiteral(AFD_SOURCE_DIR "/presets/models/step3.json"), out);
    QFile before(out);
    QVERIFY(before.open(QIODevice::ReadOnly));
    const QByteArray original = before.readAll();
    before.close();
    const Run r = afdModel({QStringLiteral("presets"), QStringLiteral("import-hf"), config,
                            QStringLiteral("--out"), out},
                           100);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(": cannot write (File too large)"), r.err.constData());
    QFile after(out);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), original);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);
    // Without the limit the same command writes the preset.
    QCOMPARE(afdModel({QStringLiteral("presets"), QStringLiteral("import-hf"), config,
                       QStringLiteral("--out"), out})
                 .exitCode,
             0);
    // "--out -" is standard output, not a file named "-".
    const Run toStdout = afdModel({QStringLiteral("presets"), QStringLiteral("import-hf"), config,
                                   QStringLiteral("--out"), QStringLiteral("-")});
    QCOMPARE(toStdout.exitCode, 0);
    QVERIFY(toStdout.out.contains("\"kind\": \"model\""));
    QVERIFY(!QFile::exists(QStringLiteral("-")));
    // Output that cannot reach standard output is a failed run, not exit 0.
    QProcess p;
    p.setStandardOutputFile(QStringLiteral("/dev/full"));
    p.start(QStringLiteral(AFD_MODEL_EXE), {QStringLiteral("eval")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(p.readAllStandardError().contains(
        "standard output: cannot write (No space left on device)"));
}

void TestCli::sweepLimits() {
    // 4096 x 4096 cells is refused before anything is allocated (4,194,304 at most).
    const Run big = afdModel({QStringLiteral("sweep"), QStringLiteral("--x"),
                              QStringLiteral("scale_out_bw_gb_s=10:1000:4096:log"),
                              QStringLiteral("--y"), QStringLiteral("nf=1:4096:4096")});
    QCOMPARE(big.exitCode, 2);
    QVERIFY2(big.err.contains("16777216 cells, expected at most 4194304"), big.err.constData());
    QVERIFY(big.out.isEmpty());
    // A metric named many times is one column.
    QStringList many;
    for (int i = 0; i < 2000; ++i) {
        many << QStringLiteral("hfu");
    }
    const Run dup =
        afdModel({QStringLiteral("sweep"), QStringLiteral("--x"), QStringLiteral("nf=1:4"),
                  QStringLiteral("--metric"), many.join(QLatin1Char(','))});
    QCOMPARE(dup.exitCode, 0);
    QCOMPARE(dup.out.split('\n').first(),
             QByteArray("nf [nodes],hfu,regime,feasible,infeasible_reasons,error"));
    // The streamed JSON is one valid document with every cell.
    const Run json =
        afdModel({QStringLiteral("sweep"), QStringLiteral("--x"), QStringLiteral("nf=1:64"),
                  QStringLiteral("--y"), QStringLiteral("scale_out_bw_gb_s=10:1000:300:log"),
                  QStringLiteral("--metric"), QStringLiteral("hfu,dead_zone"),
                  QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject j = parseObject(json.out);
    QCOMPARE(j[QStringLiteral("metrics")]
                 .toObject()[QStringLiteral("hfu")]
                 .toObject()[QStringLiteral("values")]
                 .toArray()
                 .size(),
             64 * 300);
    QCOMPARE(j[QStringLiteral("regime")].toArray().size(), 64 * 300);
    QCOMPARE(j[QStringLiteral("scenario")].toString(),
             QStringLiteral("DeepSeek-V3 on H800, N_F = 2"));
}

void TestCli::textThatIsNotUtf8() {
    // Bytes that are not UTF-8 (QProcess would re-encode them, so a shell passes them on): a
    // --name is refused by name; a file path is carried into the output with U+FFFD.
    QTemporaryDir dir;
    QVERIFY(QFile::copy(QStringLiteral(AFD_SOURCE_DIR "/presets/models/step3.json"),
                        dir.filePath(QStringLiteral("plain.json"))));
    QProcess p;
    p.setWorkingDirectory(dir.path());
    p.start(QStringLiteral("/bin/sh"),
            {QStringLiteral("-c"),
             QStringLiteral("\"$0\" presets import-hf x.json --name \"$(printf 'bad\\377')\""),
             QStringLiteral(AFD_MODEL_EXE)});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(p.readAllStandardError().contains("--name: expected UTF-8 text"));
    p.start(QStringLiteral("/bin/sh"),
            {QStringLiteral("-c"),
             QStringLiteral("cp plain.json \"$(printf 'm\\377.json')\" && \"$0\" eval --model "
                            "\"$(printf 'm\\377.json')\" --format json"),
             QStringLiteral(AFD_MODEL_EXE)});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(!parseObject(p.readAllStandardOutput()).isEmpty());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
