#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every libFuzzer target for a fixed time on a seed corpus built from presets/ (in a
# temporary directory: nothing is written to the source tree) plus tests/fuzz/regressions/.
# Exits nonzero if any target finds a crash, sanitizer report, leak, timeout or OOM.
#
#   tests/fuzz/run-fuzzers.sh [SECONDS] [--build-dir DIR] [--findings DIR] [TARGET...]
#
# SECONDS defaults to 30 per target; DIR to build-fuzz in the source tree (configure and build
# it with: cmake --preset fuzz && cmake --build --preset fuzz -j2 --target fuzzers). Crashing
# inputs are kept in --findings (default DIR/fuzz-findings/TARGET/).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds=30
build="$root/build-fuzz"
findings=""
targets=()

usage() { sed -n '7,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        -b | --build-dir) build="$2"; shift 2 ;;
        --build-dir=*) build="${1#*=}"; shift ;;
        --findings) findings="$2"; shift 2 ;;
        --findings=*) findings="${1#*=}"; shift ;;
        -h | --help) usage; exit 0 ;;
        fuzz_*) targets+=("$1"); shift ;;
        *)
            if [[ "$1" =~ ^[0-9]+$ && ${#targets[@]} -eq 0 ]]; then
                seconds="$1"; shift
            else
                echo "run-fuzzers.sh: unknown argument '$1'" >&2; usage >&2; exit 2
            fi ;;
    esac
done
build="$(cd "$build" 2>/dev/null && pwd)" || { echo "run-fuzzers.sh: no build directory '$build'" >&2; exit 2; }
findings="${findings:-$build/fuzz-findings}"
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=(fuzz_preset fuzz_scenario fuzz_deck fuzz_hf_config fuzz_file_kind fuzz_measurement)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/afd-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT

presets="$root/presets"
# Seeds for the Hugging Face importer (presets/ has none): two small configs, written here.
hf_seeds() {
    cat >"$1/deepseek-v3.json" <<'JSON'
{"model_type": "deepseek_v3", "_name_or_path": "deepseek-ai/DeepSeek-V3", "hidden_size": 7168,
 "num_hidden_layers": 61, "first_k_dense_replace": 3, "n_routed_experts": 256,
 "num_experts_per_tok": 8, "moe_intermediate_size": 2048, "intermediate_size": 18432,
 "n_shared_experts": 1, "num_attention_heads": 128, "kv_lora_rank": 512, "q_lora_rank": 1536,
 "qk_rope_head_dim": 64, "qk_nope_head_dim": 128, "v_head_dim": 128, "vocab_size": 129280}
JSON
    cat >"$1/qwen3-moe.json" <<'JSON'
{"model_type": "qwen3_moe", "hidden_size": 4096, "num_hidden_layers": 94, "num_experts": 128,
 "num_experts_per_tok": 8, "moe_intermediate_size": 1536, "mlp_only_layers": [],
 "num_attention_heads": 64, "num_key_value_heads": 4, "head_dim": 128, "vocab_size": 151936,
 "sliding_window": null}
JSON
    cat >"$1/llama4.json" <<'JSON'
{"model_type": "llama4", "text_config": {"hidden_size": 5120, "num_hidden_layers": 48,
 "num_local_experts": 16, "num_experts_per_tok": 1, "intermediate_size": 8192,
 "intermediate_size_mlp": 16384, "interleave_moe_layer_step": 1, "num_attention_heads": 40,
 "num_key_value_heads": 8, "head_dim": 128, "attention_chunk_size": 8192, "vocab_size": 202048}}
JSON
    cat >"$1/dbrx.json" <<'JSON'
{"model_type": "dbrx", "d_model": 6144, "n_layers": 40, "n_heads": 48, "vocab_size": 100352,
 "attn_config": {"kv_n_heads": 8}, "ffn_config": {"ffn_hidden_size": 10752, "moe_num_experts": 16,
 "moe_top_k": 4}}
JSON
}

seed() { # seed TARGET CORPUS_DIR: copies the target's seed files into CORPUS_DIR
    local dirs=()
    case "$1" in
        fuzz_preset) dirs=(hardware models) ;;
        fuzz_scenario) dirs=(scenarios) ;;
        fuzz_deck) dirs=(decks) ;;
        fuzz_measurement) dirs=(measurements) ;;
        fuzz_file_kind) dirs=(hardware models scenarios decks measurements) ;;
        fuzz_hf_config) hf_seeds "$2" ;;
    esac
    local d f
    for d in "${dirs[@]}"; do
        for f in "$presets/$d"/*.json; do
            [[ -e "$f" ]] && cp "$f" "$2/$d-$(basename "$f")"
        done
    done
    if [[ -d "$here/regressions/$1" ]]; then
        for f in "$here/regressions/$1"/*; do
            [[ -f "$f" ]] && cp "$f" "$2/regression-$(basename "$f")"
        done
    fi
    return 0
}

status=0
summary=()
for t in "${targets[@]}"; do
    exe="$build/tests/fuzz/$t"
    if [[ ! -x "$exe" ]]; then
        summary+=("$(printf '%-18s executions: -          result: MISSING (%s not built)' "$t" "$exe")")
        status=1
        continue
    fi
    corpus="$work/$t/corpus"
    artifacts="$findings/$t"
    mkdir -p "$corpus" "$artifacts"
    seed "$t" "$corpus"
    log="$work/$t/fuzz.log"
    echo "== $t: $seconds s on $(find "$corpus" -type f | wc -l) seeds" >&2
    rc=0
    # Run from the work directory: fuzz_deck resolves scenario files relative to "fuzz.json".
    (cd "$work/$t" && ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}" \
        UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
        "$exe" -max_total_time="$seconds" -dict="$here/json.dict" -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" \
        >"$log" 2>&1) || rc=$?
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    if [[ -z "$execs" ]]; then # a crash skips the final stats: take the last progress line
        execs="$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')"
    fi
    if [[ $rc -eq 0 ]]; then
        result="ok (corpus $(find "$corpus" -type f | wc -l) files)"
    else
        status=1
        kind="$(grep -oE 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer): [a-zA-Z-]+|runtime error|AFD fuzz invariant violated|uncaught exception|deadly signal|out-of-memory|timeout' "$log" | head -1)"
        artifact="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)"
        result="FINDING (${kind:-exit $rc}) ${artifact:-no artifact}"
        cp "$log" "$artifacts/$(date +%Y%m%d-%H%M%S).log"
        echo "---- $t log (tail) ----" >&2
        tail -40 "$log" >&2
    fi
    summary+=("$(printf '%-18s executions: %-10s result: %s' "$t" "${execs:-?}" "$result")")
done

printf '%s\n' "${summary[@]}"
exit $status
