#!/bin/sh
# Builds the release files into dist/: a Linux archive made by Fyne's
# packaging tool and a Windows .exe cross-compiled with mingw-w64. Run it
# through `make package`, which installs the compilers first.
set -eu
cd "$(dirname "$0")/.."

FYNE_TOOL=${FYNE_TOOL:-fyne.io/tools/cmd/fyne@v1.7.4}
tools=$(pwd)/.tools
if [ ! -x "$tools/fyne" ]; then
	echo "package: installing Fyne's packaging tool ($FYNE_TOOL) into .tools"
	GOBIN=$tools go install "$FYNE_TOOL"
fi

version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
build=$(sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
# The tool rewrites FyneApp.toml (it raises Build on every run); keep the
# committed file as it is.
cp FyneApp.toml .FyneApp.toml.orig
trap 'mv .FyneApp.toml.orig FyneApp.toml; rm -f fyne.syso' EXIT
mkdir -p dist

echo "package: Linux archive (a release build compiles everything again: a few minutes)"
"$tools/fyne" package -os linux --release --app-build "$build"
mv "Embedding Lab.tar.xz" "dist/embedlab-$version-linux-$(go env GOARCH).tar.xz"

if command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
	echo "package: Windows executable (cross-compiled with mingw-w64)"
	CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 "$tools/fyne" package -os windows --release --app-build "$build"
	mv "Embedding Lab.exe" "dist/embedlab-$version-windows-amd64.exe"
	rm -f embedlab.exe
else
	echo "package: x86_64-w64-mingw32-gcc is missing, so no Windows build (Debian: apt-get install gcc-mingw-w64-x86-64)" >&2
fi
rm -f embedlab
ls -l dist
