#!/bin/sh
# Installs what Embedding Lab needs to build (and, with --test, to run its
# tests) on Debian or Ubuntu, skipping packages that are already there.
# On other systems it only checks for Go and prints what to install.
set -eu

want_test=0
want_package=0
[ "${1:-}" = "--test" ] && want_test=1
[ "${1:-}" = "--package" ] && want_package=1

# Packages for building the Fyne app (cgo, OpenGL, X11) and the native file
# dialog (GTK 3); Xvfb and the Mesa software renderer run the GUI tests
# without a display.
build_pkgs="gcc libc6-dev pkg-config libgl1-mesa-dev xorg-dev libgtk-3-dev"
test_pkgs="xvfb libgl1-mesa-dri xauth"
# A font with Chinese glyphs for the Chinese window and the charts, unless
# Noto CJK or another WenQuanYi font is already there.
cjk_font="fonts-wqy-microhei"
cjk_present="fonts-noto-cjk fonts-wqy-microhei fonts-wqy-zenhei"
# The Windows cross-compiler and xz for the Linux archive.
package_pkgs="gcc-mingw-w64-x86-64 xz-utils"

if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
	pkgs=$build_pkgs
	have_cjk=0
	for p in $cjk_present; do
		dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' && have_cjk=1
	done
	[ "$have_cjk" = 0 ] && pkgs="$pkgs $cjk_font"
	[ "$want_test" = 1 ] && pkgs="$pkgs $test_pkgs"
	[ "$want_package" = 1 ] && pkgs="$pkgs $package_pkgs"
	command -v go >/dev/null 2>&1 || pkgs="$pkgs golang-go"
	missing=""
	for p in $pkgs; do
		dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		echo "install-deps: installing$missing"
		sudo=""
		[ "$(id -u)" -ne 0 ] && sudo="sudo"
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
	fi
else
	echo "install-deps: not a Debian or Ubuntu system; install Go 1.26 and a C compiler yourself (see README.md)"
fi

if ! command -v go >/dev/null 2>&1; then
	echo "install-deps: Go is missing; install Go 1.26 or newer from https://go.dev/dl/" >&2
	exit 1
fi
# Go 1.21 and newer download the toolchain that go.mod requires by themselves
# (GOTOOLCHAIN=auto); older releases cannot.
minor=$(go env GOVERSION | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
if [ -n "$minor" ] && [ "$minor" -lt 21 ]; then
	echo "install-deps: $(go env GOVERSION) is too old to fetch Go 1.26 by itself; install Go 1.26 from https://go.dev/dl/" >&2
	exit 1
fi
