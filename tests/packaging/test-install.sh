#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `cmake --install` into a scratch prefix: the expected files are there, the installed afd-model
# runs, and the desktop entry, AppStream metadata and MIME types pass their validators where
# those are installed (desktop-file-utils, appstream, shared-mime-info); a missing validator
# is reported as skipped.
# Usage: test-install.sh CMAKE BUILD_DIR PREFIX GUI(ON|OFF) APP_ID PACKAGE_NAME
set -u
cmake=$1
build=$2
prefix=$3
gui=$4
id=$5
package=$6
failures=0

fail() {
    echo "FAIL: $1"
    failures=$((failures + 1))
}

rm -rf "$prefix"
"$cmake" --install "$build" --prefix "$prefix" >/dev/null || {
    echo "FAIL: cmake --install $build --prefix $prefix"
    exit 1
}

expect_file() {
    [ -f "$prefix/$1" ] || fail "$1 was not installed"
}

# A man page or changelog: gzip-compressed, or plain where the build found no gzip.
expect_maybe_gzipped() {
    [ -f "$prefix/$1.gz" ] || [ -f "$prefix/$1" ] || fail "$1(.gz) was not installed"
}

expect_file bin/afd-model
expect_maybe_gzipped share/man/man1/afd-model.1
expect_file share/bash-completion/completions/afd-model
expect_file "share/doc/$package/copyright"
expect_maybe_gzipped "share/doc/$package/changelog"
case $gui in
ON | on | TRUE | true | 1)
    expect_file bin/afd-explorer
    expect_maybe_gzipped share/man/man1/afd-explorer.1
    expect_file share/bash-completion/completions/afd-explorer
    expect_file "share/applications/$id.desktop"
    expect_file "share/metainfo/$id.metainfo.xml"
    expect_file "share/mime/packages/$id.xml"
    expect_file "share/icons/hicolor/scalable/apps/$id.svg"
    for size in 16 32 48 64 128 256; do
        expect_file "share/icons/hicolor/${size}x${size}/apps/$id.png"
    done
    gui=ON
    ;;
*)
    [ -e "$prefix/bin/afd-explorer" ] && fail "afd-explorer installed without the GUI"
    gui=OFF
    ;;
esac

version=$("$prefix/bin/afd-model" --version) || fail "the installed afd-model --version failed"
case $version in
*2602.09721*) ;;
*) fail "the installed afd-model --version does not name arXiv 2602.09721: $version" ;;
esac

if [ "$gui" = ON ]; then
    desktop="$prefix/share/applications/$id.desktop"
    if command -v desktop-file-validate >/dev/null 2>&1; then
        # Hints (for example about two main categories) are not errors.
        out=$(desktop-file-validate "$desktop" 2>&1) || fail "desktop-file-validate: $out"
        echo "desktop-file-validate: ${out:-no output}"
    else
        echo "desktop-file-validate not found (desktop-file-utils): desktop entry not validated"
    fi
    metainfo="$prefix/share/metainfo/$id.metainfo.xml"
    if command -v appstreamcli >/dev/null 2>&1; then
        out=$(appstreamcli validate --no-net --pedantic "$metainfo" 2>&1) ||
            fail "appstreamcli validate: $out"
        echo "appstreamcli validate: $out"
    else
        echo "appstreamcli not found (appstream): AppStream metadata not validated"
    fi
    if command -v update-mime-database >/dev/null 2>&1; then
        data=$(mktemp -d)
        mime=$data/mime
        mkdir -p "$mime/packages"
        cp "$prefix/share/mime/packages/$id.xml" "$mime/packages/"
        # XDG_DATA_DIRS names the scratch folder, or the tool says it is not searched.
        out=$(XDG_DATA_DIRS=$data update-mime-database "$mime" 2>&1) ||
            fail "update-mime-database: $out"
        [ -n "$out" ] && fail "update-mime-database warns: $out"
        for type in application/x-afd-scenario+json application/x-afd-deck+json; do
            grep -qx "$type" "$mime/types" || fail "$type is not in the MIME database"
            grep -q "MimeType=.*$type;" "$desktop" || fail "the desktop entry does not open $type"
        done
        grep -qx '\*\.scenario\.json:application/x-afd-scenario+json' "$mime/globs" 2>/dev/null ||
            grep -q 'application/x-afd-scenario+json:\*\.scenario\.json' "$mime/globs2" ||
            fail "*.scenario.json is not application/x-afd-scenario+json"
        rm -rf "$data"
        echo "update-mime-database: the MIME types compile"
    else
        echo "update-mime-database not found (shared-mime-info): MIME types not checked"
    fi
fi

rm -rf "$prefix"
if [ "$failures" -gt 0 ]; then
    echo "$failures install check(s) failed"
    exit 1
fi
echo "install: all checks passed"
