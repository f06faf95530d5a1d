#!/usr/bin/env bash
# Installs Riposte for one user or system-wide: the binary, the desktop entry
# (so it appears in the application menu), the project file type (so a
# double-click on a project opens it) and the icons.
#
#   packaging/install.sh                 # ~/.local for a user, /usr/local for root
#   PREFIX=/opt/riposte packaging/install.sh
#   DESTDIR=/tmp/stage PREFIX=/usr packaging/install.sh     # staging, e.g. for a package
#   packaging/install.sh --uninstall     # removes what the same PREFIX installed
#
# Uses target/release/riposte when it exists, else builds it.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then default_prefix=/usr/local; else default_prefix="$HOME/.local"; fi
prefix=${PREFIX:-$default_prefix}
root="${DESTDIR:-}$prefix"
sizes="16 24 32 48 64 128 256 512"

installed_files() {
  echo "$root/bin/riposte"
  echo "$root/share/applications/riposte.desktop"
  echo "$root/share/mime/packages/riposte.xml"
  echo "$root/share/icons/hicolor/scalable/apps/riposte.svg"
  for size in $sizes; do echo "$root/share/icons/hicolor/${size}x${size}/apps/riposte.png"; done
  echo "$root/share/riposte/demo.ron"
}

# Caches the desktop reads; absent tools are fine (the desktop rebuilds them later).
refresh_caches() {
  [ -n "${DESTDIR:-}" ] && return 0
  command -v update-mime-database >/dev/null && update-mime-database "$root/share/mime" >/dev/null 2>&1 || true
  command -v update-desktop-database >/dev/null && update-desktop-database "$root/share/applications" >/dev/null 2>&1 || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$root/share/icons/hicolor" >/dev/null 2>&1 || true
}

if [ "${1:-}" = "--uninstall" ]; then
  installed_files | while read -r file; do rm -f "$file"; done
  rmdir "$root/share/riposte" 2>/dev/null || true
  refresh_caches
  echo "riposte: removed from $root"
  exit 0
fi

binary=target/release/riposte
if [ ! -x "$binary" ]; then
  echo "building the release binary (cargo build --release --locked)"
  cargo build --release --locked
fi

install -Dm755 "$binary" "$root/bin/riposte"
install -Dm644 packaging/riposte.desktop "$root/share/applications/riposte.desktop"
install -Dm644 packaging/riposte-mime.xml "$root/share/mime/packages/riposte.xml"
install -Dm644 assets/icon/riposte.svg "$root/share/icons/hicolor/scalable/apps/riposte.svg"
for size in $sizes; do
  install -Dm644 "assets/icon/riposte-$size.png" "$root/share/icons/hicolor/${size}x${size}/apps/riposte.png"
done
install -Dm644 saves/demo.ron "$root/share/riposte/demo.ron"
refresh_caches
echo "riposte: installed in $root"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "note: $prefix/bin is not on your PATH" ;; esac
