#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The man pages: every option the programs' --help lists is in the page, and, where groff is
# installed, the page renders without a warning.
# Usage: test-man-pages.sh BIN_DIR PAGE.1...
set -u
bindir=$1
shift
failures=0

# check_options PAGE HELP: every long option in the text HELP is in PAGE (troff writes "-" as
# "\-").
check_options() {
    if [ -z "$2" ]; then
        echo "FAIL: no --help text to check $1 against"
        failures=$((failures + 1))
    fi
    text=$(sed 's/\\-/-/g' "$1")
    for option in $(printf '%s\n' "$2" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        case $text in
        *"$option"*) ;;
        *)
            echo "FAIL: $1 does not mention $option"
            failures=$((failures + 1))
            ;;
        esac
    done
}

for page in "$@"; do
    case $(basename "$page") in
    afd-model.1)
        help=$(for command in "" eval sweep throughput best validate imbalance presets; do
            # shellcheck disable=SC2086
            "$bindir/afd-model" $command --help
        done)
        check_options "$page" "$help"
        ;;
    afd-explorer.1)
        check_options "$page" "$(QT_QPA_PLATFORM=offscreen "$bindir/afd-explorer" --help 2>/dev/null)"
        ;;
    esac
    if command -v groff >/dev/null 2>&1; then
        warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
        if [ -n "$warnings" ]; then
            echo "FAIL: groff warns about $page:"
            echo "$warnings"
            failures=$((failures + 1))
        fi
    else
        echo "groff not found: the rendering of $page was not checked"
    fi
done

if [ "$failures" -gt 0 ]; then
    echo "$failures man page check(s) failed"
    exit 1
fi
echo "man pages: all checks passed"
