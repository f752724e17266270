#!/bin/sh
# CI stage: the Debian package from packaging/debian, as a packager builds
# it (the release tarball from make dist, packaging/debian as debian/,
# dpkg-buildpackage with the distribution's flags), lintian-clean at
# warning level, then installed and checked from the installed files; also
# built for armhf, whose binary must use the 64-bit time_t calls. The
# package is purged at the end. Needs root (dpkg -i) and the packages .ci/run installs.
set -eu
cd "$(dirname "$0")/.."
top=$PWD
tmp=$(mktemp -d)
# the package is purged however the script ends
trap 'dpkg --purge ddnsup >/dev/null 2>&1; rm -rf "$tmp"' EXIT
v=$(sed -n 's/^#define VERSION[^"]*"\(.*\)"/\1/p' *.h | head -n 1)

# the changelog's upstream version is the program's
dv=$(dpkg-parsechangelog -l packaging/debian/changelog -S Version)
[ "${dv%-*}" = "$v" ] || { echo "debian/changelog says $dv, ddnsup.h $v"; exit 1; }

# from the release tarball, as a distribution takes it (make dist)
DISTFILE=$tmp/ddnsup-$v.tar.gz make -s dist >/dev/null
tar -xzf "$tmp/ddnsup-$v.tar.gz" -C "$tmp"
src=$tmp/ddnsup-$v
cp -r packaging/debian "$src/debian"
(cd "$src" && dpkg-buildpackage -us -uc -b >"$tmp/build.log" 2>&1) ||
    { tail -n 40 "$tmp/build.log"; exit 1; }
deb=$(ls "$tmp"/ddnsup_"$v"-*_*.deb)
# every compile line of a build log has the distribution's flags and the
# Makefile's own (ALL_CFLAGS, ALL_CPPFLAGS): C99 and a 64-bit time_t
# whatever CFLAGS says; the link has dpkg-buildflags' LDFLAGS
flags() {
	grep -E '^(cc|gcc|[a-z0-9_-]+-gcc) .* -c ' "$1" >"$tmp/cc" ||
	    { echo "$1: no compile line"; exit 1; }
	for f in -std=c99 -D_TIME_BITS=64 -D_FILE_OFFSET_BITS=64 \
	    -fstack-protector-strong -D_FORTIFY_SOURCE=; do
		if grep -v -q -e " $f" "$tmp/cc"; then
			echo "a compile line lacks $f:"
			grep -v -e " $f" "$tmp/cc" | head -n 1
			exit 1
		fi
	done
	grep -q -- '-Wl,-z,relro' "$1" ||
	    { echo "$1: the link did not use dpkg-buildflags' LDFLAGS"; exit 1; }
	echo "$(wc -l <"$tmp/cc") compile lines with -std=c99, _TIME_BITS=64 and the hardening flags"
}
flags "$tmp/build.log"

echo "== lintian (errors and warnings fail)"
lintian --fail-on error,warning --tag-display-limit 0 "$tmp"/ddnsup_*.changes

echo "== the installed package"
dpkg -i "$deb" >/dev/null
ddnsup -V
ddnsup --version | head -n 1
ddnsup-import -h
MANWIDTH=80 man ddnsup 2>/dev/null | head -n 3 || mandoc /usr/share/man/man1/ddnsup.1.gz | head -n 3
for m in ddnsup ddnsup-import; do
	zcat "/usr/share/man/man1/$m.1.gz" | mandoc -Tlint -W warning
done
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
	flags "$tmp/armhf.log"
	dpkg-deb -x "$tmp"/ddnsup_"$v"-*_armhf.deb "$tmp/armhf"
	arm-linux-gnueabihf-objdump -T "$tmp/armhf/usr/bin/ddnsup" >"$tmp/syms"
	grep -q 'time64\|clock_gettime64' "$tmp/syms" ||
	    { echo "armhf: no 64-bit time calls"; exit 1; }
	echo "armhf: $(grep -o '__[a-z_]*64' "$tmp/syms" | sort -u | tr '\n' ' ')"
else
	echo "no armhf cross toolchain: skipped"
fi
