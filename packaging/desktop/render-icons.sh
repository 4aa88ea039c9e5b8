#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the hicolor PNG icons from resources/afd-explorer.svg (run after changing it, and
# commit the PNGs: the build does not need rsvg-convert). Needs librsvg2-bin.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
id=io.github.afd_explorer.afd_explorer
for size in 16 32 48 64 128 256; do
    mkdir -p "$here/icons/${size}x${size}"
    rsvg-convert --width "$size" --height "$size" --format png \
        --output "$here/icons/${size}x${size}/$id.png" "$here/../../resources/afd-explorer.svg"
done
