#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The bash completion of afd-model and afd-explorer: sources the script and calls its functions
# with COMP_WORDS and COMP_CWORD as bash sets them (readline splits words at "=" and ":"), with
# the built programs first on PATH. Also checks that every option the programs' --help lists is
# completed.
# Usage: test-bash-completion.sh COMPLETION_FILE BIN_DIR
set -u
completion=$1
bindir=$(cd "$2" && pwd)
export PATH="$bindir:$PATH"
# shellcheck source=/dev/null
source "$completion"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
mkdir presets-dir
touch scenario-a.json notes.txt

failures=0
described=

# complete FUNCTION WORD...: completes the last WORD (the one under the cursor).
complete_words() {
    local fn=$1
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    described="${*:1}"
    "$fn"
}

has() {
    local w
    for w in "${COMPREPLY[@]}"; do
        [[ $w == "$1" ]] && return 0
    done
    return 1
}

fail() {
    echo "FAIL: [$described]: $1 (got: ${COMPREPLY[*]:-nothing})"
    failures=$((failures + 1))
}

# expect_has WORD...: each WORD is offered.
expect_has() {
    local w
    for w; do
        has "$w" || fail "'$w' not offered"
    done
}

# expect_not WORD...: no WORD is offered.
expect_not() {
    local w
    for w; do
        has "$w" && fail "'$w' offered"
    done
}

# expect_exactly WORD...: exactly the WORDs are offered, in any order.
expect_exactly() {
    local sorted want
    sorted=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
    want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
    [[ $# -eq 0 && ${#COMPREPLY[@]} -eq 0 ]] && return
    [[ $sorted == "$want" ]] || fail "expected exactly: $*"
}

# Commands and top-level options.
complete_words _afd_model afd-model ""
expect_has eval sweep throughput best validate imbalance presets params metrics --help --version
complete_words _afd_model afd-model ev
expect_exactly eval

# Options per command.
complete_words _afd_model afd-model eval --
expect_has --scenario --hardware --model --set --format --help
expect_not --system --fix --na
complete_words _afd_model afd-model best --
expect_has --system --scenario --set --attention-hardware --fix --pareto --format
complete_words _afd_model afd-model imbalance --
expect_exactly --na --nf --sigma --lambda-ep --format --help
complete_words _afd_model afd-model sweep --
expect_has --x --y --metric --format --set

# Option values.
complete_words _afd_model afd-model sweep --format ""
expect_exactly csv json
complete_words _afd_model afd-model best --format ""
expect_exactly json table csv
complete_words _afd_model afd-model presets list --format ""
expect_exactly table json
complete_words _afd_model afd-model best --system ""
expect_exactly ep afd both
complete_words _afd_model afd-model throughput --system ""
expect_exactly ep afd

# Preset ids from 'afd-model presets list', and JSON files and folders.
complete_words _afd_model afd-model eval --hardware ""
expect_has h800 gb200 mi300x presets-dir scenario-a.json
expect_not deepseek-v3 default notes.txt
complete_words _afd_model afd-model eval --model deep
expect_exactly deepseek-v3 deepseek-v3.2
complete_words _afd_model afd-model sweep --scenario ""
expect_has default fig4-hfu-nf-h800 scenario-a.json
expect_not h800
complete_words _afd_model afd-model best --attention-hardware h2
expect_exactly h20 h20-4nic h200
complete_words _afd_model afd-model presets show h8
expect_exactly h800 h800-40g
complete_words _afd_model afd-model presets ""
expect_exactly list show validate import-hf --help
complete_words _afd_model afd-model presets validate ""
expect_has scenario-a.json presets-dir
complete_words _afd_model afd-model presets import-hf config.json --out ""
expect_has notes.txt scenario-a.json

# Parameter keys from 'afd-model params'; choices after "=" (split by readline, or not).
complete_words _afd_model afd-model eval --set ep_ov
expect_exactly ep_overlap=
complete_words _afd_model afd-model eval --set ep_overlap =
expect_exactly none sbo tbo auto
complete_words _afd_model afd-model eval --set ep_overlap = t
expect_exactly tbo
complete_words _afd_model afd-model eval --set ep_overlap=t
expect_exactly ep_overlap=tbo
complete_words _afd_model afd-model best --set system =
expect_exactly none afd ep
complete_words _afd_model afd-model eval --set superpod =
expect_exactly 0 1
complete_words _afd_model afd-model eval --set nf =
expect_exactly
complete_words _afd_model afd-model sweep --x scale_out
expect_exactly scale_out_bw_gb_s=
complete_words _afd_model afd-model sweep --x nf = 1
expect_exactly
complete_words _afd_model afd-model best --fix na,n
expect_has na,nf na,n_bo
expect_not nf

# Metric names from 'afd-model metrics', as a comma-separated list.
complete_words _afd_model afd-model sweep --metric hfu,dead
expect_exactly hfu,dead_zone
complete_words _afd_model afd-model sweep --metric ""
expect_has hfu dead_zone

# afd-explorer: views, themes, formats, subcommands.
views=(roofline comm-roofline hfu-nf hfu-grid intensity heatmap imbalance)
complete_words _afd_explorer afd-explorer --view ""
expect_exactly "${views[@]}"
complete_words _afd_explorer afd-explorer export --scenario default --view hfu
expect_exactly hfu-nf hfu-grid
complete_words _afd_explorer afd-explorer --theme ""
expect_exactly system light dark
complete_words _afd_explorer afd-explorer export --theme ""
expect_exactly light dark print
complete_words _afd_explorer afd-explorer export --format ""
expect_exactly png svg pdf csv json
complete_words _afd_explorer afd-explorer --hardware gb3
expect_exactly gb300 gb300-8gpu-800g
complete_words _afd_explorer afd-explorer ""
expect_has export reproduce-paper present scenario-a.json
complete_words _afd_explorer afd-explorer present ""
expect_has scenario-a.json
complete_words _afd_explorer afd-explorer present deck.json --
expect_exactly --screenshots --size --pdf --theme
complete_words _afd_explorer afd-explorer present deck.json --theme ""
expect_exactly light dark

# Every option of every command's --help is completed.
for command in eval sweep throughput best validate imbalance; do
    complete_words _afd_model afd-model "$command" --
    for option in $(afd-model "$command" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        has "$option" || fail "'$option' of 'afd-model $command --help' not completed"
    done
done
offered=
for words in "presets list --" "presets import-hf x.json --"; do
    # shellcheck disable=SC2086
    complete_words _afd_model afd-model $words
    offered+=" ${COMPREPLY[*]} "
done
for option in $(afd-model presets --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    [[ $offered == *" $option "* ]] || fail "'$option' of 'afd-model presets --help' not completed"
done
if [[ -x $bindir/afd-explorer ]]; then
    offered=
    for words in "--" "export --" "reproduce-paper --" "present deck.json --"; do
        # shellcheck disable=SC2086
        complete_words _afd_explorer afd-explorer $words
        offered+=" ${COMPREPLY[*]} "
    done
    help=$(QT_QPA_PLATFORM=offscreen afd-explorer --help 2>/dev/null)
    [[ -n $help ]] || fail "afd-explorer --help printed nothing"
    for option in $(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        [[ $offered == *" $option "* ]] || fail "'$option' of 'afd-explorer --help' not completed"
    done
fi

if ((failures > 0)); then
    echo "$failures completion check(s) failed"
    exit 1
fi
echo "bash completion: all checks passed"
