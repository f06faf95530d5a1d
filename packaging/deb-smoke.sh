#!/usr/bin/env bash
# Builds the Debian package with cargo-deb, installs it on this machine, and
# checks what a user gets: the command on PATH, the demo project it ships,
# the desktop entry, the project file type (recognised by its header, not by
# .ron), the icon, and that opening a project the way a file manager does
# (`gio open`) starts Riposte on it. Then removes the package.
#
#   packaging/deb-smoke.sh                  # packages target/release/riposte (built if missing)
#   packaging/deb-smoke.sh --profile dev    # packages the debug binary `cargo test` built (CI)
#
# Needs root (dpkg); installs cargo-deb and the desktop tools it checks with
# when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=release
[ "${1:-}" = "--profile" ] && profile=${2:?--profile needs a name}
dir=$([ "$profile" = dev ] && echo debug || echo "$profile")

fail() { echo "deb-smoke: FAIL: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1; }

if ! need cargo-deb; then
  echo "== installing cargo-deb"
  cargo install cargo-deb --locked --version 3.8.0 --quiet
fi
missing=()
need desktop-file-validate || missing+=(desktop-file-utils)
need gio || missing+=(libglib2.0-bin)
need update-mime-database || missing+=(shared-mime-info)
need Xvfb || missing+=(xvfb)
need xdotool || missing+=(xdotool)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== cargo deb --profile $profile"
build=()
[ -x "target/$dir/riposte" ] && build=(--no-build)
cargo deb --profile "$profile" "${build[@]}" --output target/debian/ >/dev/null
deb=$(ls -t target/debian/riposte_*.deb | head -n1)
echo "package: $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb" | sed -n 's/^ *\(Package\|Version\|Depends\|Installed-Size\):/  &/p'

echo "== install"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "./$deb" >/dev/null || dpkg -i "$deb"
trap 'dpkg -r riposte >/dev/null 2>&1 || true' EXIT

echo "== the command"
version=$(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)
got=$(riposte --version)
[ "$got" = "riposte $version" ] || fail "riposte --version printed '$got', expected 'riposte $version'"
echo "  $got"
summary=$(riposte check /usr/share/riposte/demo.ron)
echo "  riposte check /usr/share/riposte/demo.ron: $summary"
[[ "$summary" == *"articles"*"claims"*"links"* ]] || fail "unexpected check output"

echo "== desktop entry, icon, file type"
desktop-file-validate /usr/share/applications/riposte.desktop || fail "desktop entry invalid"
[ -s /usr/share/icons/hicolor/256x256/apps/riposte.png ] || fail "icon missing"
work=$(mktemp -d)
cp /usr/share/riposte/demo.ron "$work/story.ron"
printf '(\n    name: "not a project",\n)\n' > "$work/other.ron"
type_of() { gio info -a standard::content-type "$1" | sed -n 's/.*standard::content-type: //p'; }
[ "$(type_of "$work/story.ron")" = application/x-riposte-project ] \
  || fail "a project is typed $(type_of "$work/story.ron")"
[ "$(type_of "$work/other.ron")" != application/x-riposte-project ] \
  || fail "any .ron file is taken for a project"
echo "  story.ron: application/x-riposte-project; other.ron: $(type_of "$work/other.ron")"
handlers=$(gio mime application/x-riposte-project)
[[ "$handlers" == *"Default application"*"riposte.desktop"* ]] || fail "Riposte is not the project type's handler"
echo "  handler: riposte.desktop"

echo "== open a project as a file manager does"
display=:89
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; dpkg -r riposte >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
sleep 1
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
DISPLAY=$display gio open "$work/story.ron"
window=""
for _ in $(seq 1 60); do
  window=$(DISPLAY=$display xdotool search --name "Riposte" 2>/dev/null | head -n1 || true)
  [ -n "$window" ] && break
  sleep 0.5
done
[ -n "$window" ] || fail "no Riposte window after gio open"
pid=$(DISPLAY=$display xdotool getwindowpid "$window" 2>/dev/null || pgrep -n -x riposte)
args=$(tr '\0' ' ' < "/proc/$pid/cmdline")
echo "  window $window: $args"
[[ "$args" == *"$work/story.ron"* ]] || fail "Riposte was not started on the project"
kill "$pid" 2>/dev/null || true

echo "== remove"
dpkg -r riposte >/dev/null
! need riposte || [ "$(command -v riposte)" != /usr/bin/riposte ] || fail "riposte still installed"
echo "deb-smoke: OK"
