// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/report.hpp"

#include "afd/metrics.hpp"
#include "afd/throughput_report.hpp"
#include "text_format.hpp"

#include <cmath>
#include <vector>

namespace afd {
namespace {

using detail::appendRow;
using detail::tableNumber;

nlohmann::ordered_json reasonsArray(std::uint8_t reasons) {
    auto list = nlohmann::ordered_json::array();
    if ((reasons & kCapacity) != 0) {
        list.push_back("capacity");
    }
    if ((reasons & kBandwidth) != 0) {
        list.push_back("bandwidth");
    }
    return list;
}

std::string headerWithUnit(std::string_view key, std::string_view unit) {
    std::string h(key);
    if (!unit.empty()) {
        h += " [" + std::string(unit) + "]";
    }
    return h;
}

// Short, comma-free error tags for the CSV "error" column.
std::string errorCodeText(const InputError& e) {
    switch (e.code) {
    case InputErrorCode::None:
        return {};
    case InputErrorCode::OutOfRange:
        return "out-of-range:" + std::string(spec(e.param).key);
    case InputErrorCode::NonPositiveBudget:
        return "non-positive-budget";
    case InputErrorCode::TopKAboveExperts:
        return "top-k-above-experts";
    case InputErrorCode::LayerSplit:
        return "layer-split";
    case InputErrorCode::AcceptAboveTokens:
        return "accept-above-tokens";
    case InputErrorCode::Geometry:
        return "geometry:" + std::string(spec(e.param).key);
    case InputErrorCode::SlotsBelowExperts:
        return "slots-below-experts";
    case InputErrorCode::KvLayersAboveLayers:
        return "kv-layers-above-layers";
    case InputErrorCode::EpAboveSlots:
        return "ep-above-slots";
    }
    return "invalid";
}

} // namespace

std::string infeasibleReasonsText(std::uint8_t reasons) {
    std::string text;
    for (const auto& item : reasonsArray(reasons)) {
        text += (text.empty() ? "" : "+") + item.get<std::string>();
    }
    return text;
}

nlohmann::ordered_json resultToJson(const Scenario& scenario, const Result& result) {
    nlohmann::ordered_json j;
    for (const MetricSpec& m : metrics()) {
        if (m.isFlag) {
            j[std::string(m.key)] = m.read(result) != 0;
        } else {
            j[std::string(m.key)] = m.read(result);
        }
    }
    j["regime"] = regimeKey(result.regime);
    j["rank_cap"] = rankCapKey(result.rankCap);
    j["infeasible_reasons"] = reasonsArray(result.infeasible);
    // Without a system the report is the paper's (Part A) alone, inputs included.
    j["inputs"] = inputsToJson(scenario, scenario[Param::System] == 0);
    return j;
}

std::string resultToTable(const Scenario& scenario, const Result& result) {
    std::string out;
    for (const MetricSpec& m : metrics()) {
        const double v = m.read(result);
        appendRow(out, m.label, m.symbol, m.isFlag ? (v != 0 ? "yes" : "no") : tableNumber(v),
                  m.unit);
    }
    appendRow(out, "Regime", "", std::string(regimeKey(result.regime)), "");
    appendRow(out, "B_rank bound by", "", std::string(rankCapKey(result.rankCap)), "");
    const std::string reasons = infeasibleReasonsText(result.infeasible);
    appendRow(out, "Infeasible because", "", reasons.empty() ? "-" : reasons, "");
    out += "\nInputs\n" + inputsToTable(scenario, scenario[Param::System] == 0);
    return out;
}

std::string inputsToTable(const Scenario& scenario, bool paperOnly) {
    std::string out;
    for (const ParamSpec& p : parameters()) {
        if (paperOnly && p.partC) {
            continue;
        }
        const double v = scenario[p.id];
        appendRow(out, p.key, p.symbol,
                  p.kind == ParamKind::Choice || std::isinf(v) ? formatValue(p.id, v)
                                                               : tableNumber(v),
                  p.unit);
    }
    return out;
}

nlohmann::ordered_json imbalanceToJson(const ImbalanceInput& in, const ImbalanceResult& r) {
    nlohmann::ordered_json j;
    j["na"] = in.na;
    j["nf"] = in.nf;
    j["sigma"] = in.sigma;
    j["lambda_ep"] = in.lambdaEp;
    j["lambda_afd"] = r.lambdaAfd;
    j["alpha_ep"] = r.alphaEp;
    j["alpha_afd"] = r.alphaAfd;
    j["alpha_afd_rule"] = roundingRuleKey(r.rule);
    j["alpha_exact"] = r.alphaExact;
    j["alpha_floor"] = r.alphaFloor;
    j["alpha_ceil"] = r.alphaCeil;
    j["alpha_ep_dp"] = r.alphaEpDp;
    j["alpha_afd_dp"] = r.alphaAfdDp;
    j["ffn_share_ep"] = r.ffnShareEp;
    j["ffn_share_afd"] = r.ffnShareAfd;
    return j;
}

std::string imbalanceToTable(const ImbalanceInput& in, const ImbalanceResult& r) {
    std::string out;
    const nlohmann::ordered_json fields = imbalanceToJson(in, r);
    for (const auto& [key, value] : fields.items()) {
        appendRow(out, key, "", value.is_string() ? value.get<std::string>() : tableNumber(value),
                  "");
    }
    return out;
}

namespace {

// Collects text and hands it on in pieces of about a megabyte.
class ChunkedWriter {
  public:
    explicit ChunkedWriter(const TextSink& sink) : sink_(sink) { buffer_.reserve(kChunk + 4096); }
    ~ChunkedWriter() = default;
    ChunkedWriter(const ChunkedWriter&) = delete;
    ChunkedWriter& operator=(const ChunkedWriter&) = delete;
    std::string& text() { return buffer_; }
    // Call between rows: passes the text on once a chunk is full.
    void maybeFlush() {
        if (buffer_.size() >= kChunk) {
            flush();
        }
    }
    void flush() {
        if (!buffer_.empty()) {
            sink_(buffer_);
            buffer_.clear();
        }
    }

  private:
    static constexpr std::size_t kChunk = 1U << 20U;
    const TextSink& sink_;
    std::string buffer_;
};

} // namespace

void writeGridCsv(const Grid& grid, const TextSink& sink) {
    // to_chars into one buffer: for a 4096 x 64 sweep the text must not cost more than
    // computing it (a stream and a temporary string per number cost ten times more).
    ChunkedWriter writer(sink);
    std::string& out = writer.text();
    out += headerWithUnit(spec(grid.x.param).key, spec(grid.x.param).unit);
    if (grid.y) {
        out += "," + headerWithUnit(spec(grid.y->param).key, spec(grid.y->param).unit);
    }
    // Every row ends with regime, feasible (true/false) and the reasons: a "feasible" metric
    // asked for (0/1) would repeat that column, so it is written once, there.
    std::vector<std::size_t> columns; // indices into grid.metricIds
    for (std::size_t m = 0; m < grid.metricIds.size(); ++m) {
        if (metric(grid.metricIds[m]).key != "feasible") {
            columns.push_back(m);
            out +=
                "," + headerWithUnit(metric(grid.metricIds[m]).key, metric(grid.metricIds[m]).unit);
        }
    }
    out += ",regime,feasible,infeasible_reasons,error\n";
    // Every combination of the two reason bits, spelled once.
    const std::array<std::string, 4> reasons{infeasibleReasonsText(0), infeasibleReasonsText(1),
                                             infeasibleReasonsText(2), infeasibleReasonsText(3)};
    // Axis values repeat on every row: format each once.
    std::vector<std::string> xs(grid.nx());
    for (std::size_t ix = 0; ix < grid.nx(); ++ix) {
        appendNumber(xs[ix], grid.xs[ix]);
    }
    for (std::size_t iy = 0; iy < grid.ny(); ++iy) {
        std::string y;
        if (grid.y) {
            y += ',';
            appendNumber(y, grid.ys[iy]);
        }
        for (std::size_t ix = 0; ix < grid.nx(); ++ix) {
            const std::size_t c = grid.cell(ix, iy);
            out += xs[ix];
            out += y;
            const bool valid = !grid.errors[c];
            for (std::size_t m : columns) {
                out += ',';
                if (valid) {
                    appendNumber(out, grid.values[m][c]);
                }
            }
            if (valid) {
                out += ',';
                out += regimeKey(grid.regime[c]);
                out += grid.infeasible[c] == kFeasible ? ",true," : ",false,";
                out += reasons[grid.infeasible[c] & 3U];
                out += ",\n";
            } else {
                out += ",,,,";
                out += errorCodeText(grid.errors[c]);
                out += '\n';
            }
            writer.maybeFlush();
        }
    }
    writer.flush();
}

std::string gridToCsv(const Grid& grid) {
    std::string out;
    out.reserve(grid.nx() * grid.ny() * (48 + 20 * grid.metricIds.size()));
    writeGridCsv(grid, [&out](std::string_view piece) { out += piece; });
    return out;
}

void writeGridJson(const Grid& grid, const nlohmann::ordered_json& extra, const TextSink& sink) {
    // The layout of gridToJson, written value by value: nlohmann would hold every cell as a
    // JSON node (tens of bytes each) before printing the first one. Numbers are formatNumber's
    // shortest round trip; valid cells hold no NaN or infinity (evaluate() guarantees it).
    ChunkedWriter writer(sink);
    std::string& out = writer.text();
    const auto quoted = [](std::string_view text) { return nlohmann::ordered_json(text).dump(); };
    const auto axis = [&](const SweepAxis& a, const std::vector<double>& values) {
        out += "{\"key\":" + quoted(spec(a.param).key) + ",\"unit\":" + quoted(spec(a.param).unit) +
               ",\"scale\":" + (a.log ? std::string("\"log\"") : std::string("\"linear\"")) +
               ",\"values\":[";
        for (std::size_t i = 0; i < values.size(); ++i) {
            out += i == 0 ? "" : ",";
            appendNumber(out, values[i]);
        }
        out += "]}";
    };
    out += "{\"x\":";
    axis(grid.x, grid.xs);
    if (grid.y) {
        out += ",\"y\":";
        axis(*grid.y, grid.ys);
    }
    out += ",\"layout\":\"row-major: index = iy * nx + ix\",\"metrics\":{";
    for (std::size_t m = 0; m < grid.metricIds.size(); ++m) {
        const MetricSpec& spec = metric(grid.metricIds[m]);
        out += (m == 0 ? "" : ",") + quoted(spec.key) + ":{\"unit\":" + quoted(spec.unit) +
               ",\"values\":[";
        for (std::size_t c = 0; c < grid.values[m].size(); ++c) {
            out += c == 0 ? "" : ",";
            if (grid.errors[c]) {
                out += "null";
            } else {
                appendNumber(out, grid.values[m][c]);
            }
            writer.maybeFlush();
        }
        out += "]}";
    }
    out += "},\"regime\":[";
    for (std::size_t c = 0; c < grid.regime.size(); ++c) {
        out += c == 0 ? "" : ",";
        if (grid.errors[c]) {
            out += "null";
        } else {
            out += '"';
            out += regimeKey(grid.regime[c]);
            out += '"';
        }
        writer.maybeFlush();
    }
    out += "],\"infeasible_reasons\":[";
    const std::array<std::string, 4> reasons{reasonsArray(0).dump(), reasonsArray(1).dump(),
                                             reasonsArray(2).dump(), reasonsArray(3).dump()};
    for (std::size_t c = 0; c < grid.infeasible.size(); ++c) {
        out += c == 0 ? "" : ",";
        out += reasons[grid.infeasible[c] & 3U];
        writer.maybeFlush();
    }
    out += "]";
    for (const auto& [key, value] : extra.items()) {
        out += "," + quoted(key) + ":" +
               value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    }
    out += "}\n";
    writer.flush();
}

nlohmann::ordered_json gridToJson(const Grid& grid) {
    // One definition of the layout: writeGridJson's, read back (grids kept in memory are small).
    std::string text;
    writeGridJson(grid, nlohmann::ordered_json::object(),
                  [&text](std::string_view piece) { text += piece; });
    return nlohmann::ordered_json::parse(text);
}

} // namespace afd
