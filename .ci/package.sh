#!/bin/sh
# CI stage: the Debian package from packaging/debian, as a packager builds
# it (a copy of the tree with packaging/debian as debian/, dpkg-buildpackage
# with the distribution's flags), lintian-clean at warning level, then
# installed and checked from the installed files; also built for armhf,
# whose binary must use the 64-bit time_t calls. The package is purged at
# the end. Needs root (dpkg -i) and the packages .ci/run installs.
set -eu
cd "$(dirname "$0")/.."
top=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
v=$(sed -n 's/^#define VERSION[^"]*"\(.*\)"/\1/p' *.h | head -n 1)

# the changelog's upstream version is the program's
dv=$(dpkg-parsechangelog -l packaging/debian/changelog -S Version)
[ "${dv%-*}" = "$v" ] || { echo "debian/changelog says $dv, ddnsup.h $v"; exit 1; }

src=$tmp/ddnsup-$v
mkdir "$src"
git archive --format=tar HEAD | tar -x -C "$src"
cp -r packaging/debian "$src/debian"
(cd "$src" && dpkg-buildpackage -us -uc -b >"$tmp/build.log" 2>&1) ||
    { tail -n 40 "$tmp/build.log"; exit 1; }
deb=$(ls "$tmp"/ddnsup_"$v"-*_*.deb)
grep -q -- '-fstack-protector-strong' "$tmp/build.log" &&
    grep -q -- '-D_FORTIFY_SOURCE=2' "$tmp/build.log" &&
    grep -q -- '-Wl,-z,relro' "$tmp/build.log" ||
    { echo "the build did not use dpkg-buildflags' hardening"; exit 1; }

echo "== lintian (errors and warnings fail)"
lintian --fail-on error,warning --no-tag-display-limit "$tmp"/ddnsup_*.changes

echo "== the installed package"
dpkg -i "$deb" >/dev/null
ddnsup -V
ddnsup --version | head -n 1
ddnsup-import -h
MANWIDTH=80 man ddnsup 2>/dev/null | head -n 3 || mandoc /usr/share/man/man1/ddnsup.1.gz | head -n 3
mandoc -Tlint -W warning /usr/share/man/man1/ddnsup.1.gz /usr/share/man/man1/ddnsup-import.1.gz
u=$(dpkg -L ddnsup | grep 'systemd/system/ddnsup.service$')
systemd-analyze verify "$u" "${u%.service}.timer"
systemd-analyze security --offline=yes "$u" | tail -n 1
dpkg -L ddnsup | sort
dpkg --purge ddnsup >/dev/null

echo "== armhf: the package's binary uses the 64-bit time_t calls"
if dpkg --print-foreign-architectures | grep -qx armhf &&
    dpkg -s libbearssl-dev:armhf >/dev/null 2>&1; then
	(cd "$src" && dpkg-buildpackage -us -uc -b -aarmhf -d >"$tmp/armhf.log" 2>&1) ||
	    { tail -n 40 "$tmp/armhf.log"; exit 1; }
	dpkg-deb -x "$tmp"/ddnsup_"$v"-*_armhf.deb "$tmp/armhf"
	arm-linux-gnueabihf-objdump -T "$tmp/armhf/usr/bin/ddnsup" >"$tmp/syms"
	grep -q 'time64\|clock_gettime64' "$tmp/syms" ||
	    { echo "armhf: no 64-bit time calls"; exit 1; }
	echo "armhf: $(grep -o '__[a-z_]*64' "$tmp/syms" | sort -u | tr '\n' ' ')"
else
	echo "no armhf cross toolchain: skipped"
fi
