#!/usr/bin/env bash
# Packages the Linux program: dist/linux/alliance-atlas-VERSION-x86_64-linux.tar.gz with
#   bin/alliance-atlas                              the release binary (data and fonts inside)
#   share/applications/$ID.desktop                  the menu entry
#   share/icons/hicolor/*/apps/$ID.{png,svg}        the icon, 16–512 px and SVG
#   share/metainfo/$ID.metainfo.xml                 AppStream metadata
#   share/doc/alliance-atlas/                       README, licences and notices
#   install.sh                                      copies it all under ~/.local (or PREFIX)
# where $ID is the app id (src/cli.rs APP_ID), also the window's WM_CLASS.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
arch=$(uname -m)
name="alliance-atlas-$version-$arch-linux"
stage="dist/linux/$name"
id=io.github.allianceatlas.AllianceAtlas
grep -q "APP_ID: &str = \"$id\"" src/cli.rs || { echo "the app id in src/cli.rs is not $id"; exit 1; }

cargo build --locked --release --bin alliance-atlas

rm -rf "$stage" "dist/linux/$name.tar.gz"
mkdir -p "$stage/bin" "$stage/share/applications" "$stage/share/metainfo" \
  "$stage/share/doc/alliance-atlas" "$stage/share/icons/hicolor/scalable/apps"
install -m 755 target/release/alliance-atlas "$stage/bin/"
install -m 644 "packaging/linux/$id.desktop" "$stage/share/applications/"
install -m 644 "packaging/linux/$id.metainfo.xml" "$stage/share/metainfo/"
for png in assets/icons/hicolor/*/apps/alliance-atlas.png; do
  size=$(basename "$(dirname "$(dirname "$png")")")
  mkdir -p "$stage/share/icons/hicolor/$size/apps"
  install -m 644 "$png" "$stage/share/icons/hicolor/$size/apps/$id.png"
done
install -m 644 assets/icons/alliance-atlas.svg "$stage/share/icons/hicolor/scalable/apps/$id.svg"
install -m 644 README.md NOTICE.md LICENSE-MIT LICENSE-APACHE \
  assets/fonts/OFL-and-copyright.txt "$stage/share/doc/alliance-atlas/"
cat >"$stage/install.sh" <<'SH'
#!/bin/sh
# Installs alliance-atlas for this user (or under PREFIX, e.g. PREFIX=/usr/local as root).
set -eu
here=$(dirname "$0")
prefix=${PREFIX:-$HOME/.local}
mkdir -p "$prefix"
cp -R "$here/bin" "$here/share" "$prefix/"
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/share/applications" 2>/dev/null || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q "$prefix/share/icons/hicolor" 2>/dev/null || true
echo "installed in $prefix: run alliance-atlas, or find Alliance Atlas in the menu"
SH
chmod 755 "$stage/install.sh"
tar -C dist/linux -czf "dist/linux/$name.tar.gz" "$name"
ls -l "dist/linux/$name.tar.gz"
