.POSIX:

# where make install puts things, each under DESTDIR; the version is
# ddnsup.h's VERSION (make dist reads it there)
PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
MANPREFIX = $(PREFIX)/share/man
MANDIR = $(MANPREFIX)/man1
# the hooks go where their daemons look, which no PREFIX moves
SYSCONFDIR = /etc
SYSTEMDUNITDIR = $(PREFIX)/lib/systemd/system
CRONDIR = $(SYSCONFDIR)/cron.d
PPPDIR = $(SYSCONFDIR)/ppp
UDHCPCDIR = $(SYSCONFDIR)/udhcpc
DHCPCDHOOKDIR = /usr/lib/dhcpcd/dhcpcd-hooks
DHCLIENTHOOKDIR = $(SYSCONFDIR)/dhcp/dhclient-exit-hooks.d
IFUPDIR = $(SYSCONFDIR)/network/if-up.d
NMDISPATCHDIR = $(SYSCONFDIR)/NetworkManager/dispatcher.d
NDDISPATCHDIR = $(SYSCONFDIR)/networkd-dispatcher/routable.d
HOTPLUGDIR = $(SYSCONFDIR)/hotplug.d/iface
CC = cc
# the user's and the distribution's: added to, never needed
CFLAGS = -O2 -Wall -Wextra -Wpedantic
CPPFLAGS =
LDFLAGS =
LDLIBS = -lbearssl
# what the build needs, whatever CFLAGS and CPPFLAGS say: C99, POSIX, and
# a 64-bit time_t and file offsets where the C library has both (32-bit glibc)
ALL_CFLAGS = -std=c99 $(CFLAGS)
ALL_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -D_TIME_BITS=64 -D_FILE_OFFSET_BITS=64 $(CPPFLAGS)

# the program's objects; LIBOBJ less main and the sandbox, for the tests
LIBOBJ = cert.o chain.o checkip.o cli.o conf.o custom.o dns.o dyndns.o hash.o \
	hold.o http.o ifaddr.o job.o json.o jsonout.o net.o prepare.o presets.o \
	progress.o proto.o rest.o result.o rfc2136.o run.o state.o statedir.o \
	status.o tls.o tsig.o tzo.o util.o value.o x509.o
OBJ = ddnsup.o sandbox.o $(LIBOBJ)
SRC = ddnsup.c sandbox.c $(LIBOBJ:.o=.c)
TESTBIN = test/provider test/tzoprovider test/unit test/sandboxtest test/chainunit test/clock.so \
	test/nodatadns test/dnsunit test/dnsforge test/restunit

all: ddnsup

ddnsup: $(OBJ)
	$(CC) $(LDFLAGS) -o $@ $(OBJ) $(LDLIBS)

# the tests link what they use from here, and nothing else
libddnsup.a: $(LIBOBJ)
	rm -f $@
	$(AR) rc $@ $(LIBOBJ)

# each object's own headers: the #include lines (make deps checks they agree)
ddnsup.o: ddnsup.c ddnsup.h util.h result.h cert.h http.h conf.h cli.h presets.h job.h proto.h rest.h prepare.h run.h status.h sandbox.h
cert.o: cert.c ddnsup.h util.h cert.h anchors.h chain.h
chain.o: chain.c chain.h
checkip.o: checkip.c ddnsup.h util.h net.h cert.h http.h presets.h job.h checkip.h
cli.o: cli.c ddnsup.h util.h cert.h http.h conf.h value.h cli.h presets.h job.h custom.h rest.h checkip.h
conf.o: conf.c ddnsup.h util.h conf.h
custom.o: custom.c ddnsup.h util.h cert.h http.h conf.h presets.h job.h custom.h
dns.o: dns.c dns.h
dyndns.o: dyndns.c ddnsup.h util.h result.h net.h cert.h http.h presets.h job.h custom.h proto.h dyndns.h
hash.o: hash.c ddnsup.h util.h hash.h
hold.o: hold.c ddnsup.h util.h cert.h http.h hash.h presets.h job.h proto.h state.h hold.h
http.o: http.c ddnsup.h util.h net.h cert.h tls.h http.h
ifaddr.o: ifaddr.c ddnsup.h util.h ifaddr.h
job.o: job.c ddnsup.h util.h cert.h http.h conf.h value.h cli.h presets.h job.h custom.h proto.h dyndns.h tzo.h dns.h tsig.h rfc2136.h rest.h checkip.h
json.o: json.c json.h
jsonout.o: jsonout.c jsonout.h
net.o: net.c ddnsup.h util.h net.h ifaddr.h
prepare.o: prepare.c ddnsup.h util.h result.h ifaddr.h cert.h http.h hash.h conf.h presets.h job.h proto.h state.h prepare.h
presets.o: presets.c ddnsup.h presets.h
progress.o: progress.c progress.h
proto.o: proto.c proto.h dyndns.h tzo.h rfc2136.h rest.h
rest.o: rest.c ddnsup.h util.h result.h net.h cert.h http.h presets.h job.h proto.h dyndns.h json.h rest.h
result.o: result.c ddnsup.h result.h
rfc2136.o: rfc2136.c ddnsup.h util.h result.h net.h cert.h http.h hash.h conf.h presets.h job.h proto.h dns.h tsig.h rfc2136.h
run.o: run.c ddnsup.h util.h result.h net.h ifaddr.h cert.h http.h hash.h presets.h job.h proto.h checkip.h progress.h state.h hold.h run.h
sandbox.o: sandbox.c ddnsup.h util.h cert.h http.h conf.h presets.h job.h proto.h sandbox.h
state.o: state.c ddnsup.h util.h http.h hash.h statedir.h progress.h state.h
statedir.o: statedir.c ddnsup.h util.h statedir.h
status.o: status.c ddnsup.h util.h result.h ifaddr.h cert.h http.h hash.h conf.h cli.h presets.h job.h state.h hold.h prepare.h jsonout.h status.h
tls.o: tls.c ddnsup.h util.h net.h cert.h tls.h x509.h hash.h
tsig.o: tsig.c ddnsup.h util.h dns.h tsig.h
tzo.o: tzo.c ddnsup.h util.h result.h net.h cert.h http.h presets.h job.h proto.h tzo.h
util.o: util.c ddnsup.h util.h
value.o: value.c ddnsup.h util.h conf.h http.h value.h
x509.o: x509.c ddnsup.h util.h cert.h x509.h anchors.h chain.h

# BearSSL linked in, libc dynamic: for devices without libbearssl.so
static: ddnsup-static

ddnsup-static: $(OBJ)
	$(CC) $(LDFLAGS) -o $@ $(OBJ) -Wl,-Bstatic -lbearssl -Wl,-Bdynamic

# fully static with musl, for OpenWrt-class routers: musl-gcc, the
# sources in one step (no objects shared with the glibc build), Debian's
# libbearssl.a and fortify.c (the checked copies that library calls)
MUSLCC = musl-gcc
BEARSSLA = /usr/lib/x86_64-linux-gnu/libbearssl.a
# after musl's own: BearSSL's headers, and the kernel's (sandbox.c's linux/, asm/)
MUSLINC = -idirafter /usr/include -idirafter /usr/include/x86_64-linux-gnu
static-musl: ddnsup-musl

ddnsup-musl: $(SRC) fortify.c *.h
	$(MUSLCC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(MUSLINC) -static \
	    -o $@ $(SRC) fortify.c $(BEARSSLA)

test/unit-musl: test/unit.c $(LIBOBJ:.o=.c) fortify.c *.h
	$(MUSLCC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -I. $(MUSLINC) -static \
	    -o $@ test/unit.c $(LIBOBJ:.o=.c) fortify.c $(BEARSSLA)

# the suite with the musl build as ddnsup (and its unit tests)
check-musl: ddnsup-musl test/unit-musl test/provider test/tzoprovider test/nodatadns test/dnsforge test/clock.so
	DDNSUP="$$PWD/ddnsup-musl" UNIT="$$PWD/test/unit-musl" sh test/run.sh

bench/timeit: bench/timeit.c
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(LDFLAGS) -o $@ bench/timeit.c

bench/delayproxy: bench/delayproxy.c
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(LDFLAGS) -o $@ bench/delayproxy.c

bench/udpdelay: bench/udpdelay.c
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(LDFLAGS) -o $@ bench/udpdelay.c

# figures, side by side with curl: a script, never a test
bench: ddnsup ddnsup-static test/provider test/tzoprovider bench/timeit bench/delayproxy \
	    bench/udpdelay
	sh bench/run.sh

.c.o:
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -c -o $@ $<

test/provider: test/provider.c test/emulate.c test/emulate.h test/restemu.c test/restemu.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(LDFLAGS) -o $@ test/provider.c \
	    test/emulate.c test/restemu.c $(LDLIBS)

test/tzoprovider: test/tzoprovider.c
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(LDFLAGS) -o $@ test/tzoprovider.c

test/nodatadns: test/nodatadns.c
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(LDFLAGS) -o $@ test/nodatadns.c

# a UDP responder for test/rfc2136cases.sh; signs with tsig.c
test/dnsforge: test/dnsforge.c libddnsup.a ddnsup.h util.h dns.h tsig.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -I. $(LDFLAGS) -o $@ \
	    test/dnsforge.c libddnsup.a $(LDLIBS)

test/dnsunit: test/dnsunit.c test/check.h libddnsup.a *.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -I. $(LDFLAGS) -o $@ \
	    test/dnsunit.c libddnsup.a $(LDLIBS)

test/unit: test/unit.c test/check.h libddnsup.a *.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -I. $(LDFLAGS) -o $@ test/unit.c \
	    libddnsup.a $(LDLIBS)

# ddnsup with sandbox.c's probes (SANDBOX_SELFTEST): for the tests only
test/sandboxtest: ddnsup.o sandbox.c libddnsup.a *.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -DSANDBOX_SELFTEST -I. $(LDFLAGS) \
	    -o $@ ddnsup.o sandbox.c libddnsup.a $(LDLIBS)

test/restunit: test/restunit.c test/check.h libddnsup.a json.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -I. $(LDFLAGS) -o $@ test/restunit.c libddnsup.a $(LDLIBS)

test/chainunit: test/chainunit.c test/check.h libddnsup.a ddnsup.h chain.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -I. $(LDFLAGS) -o $@ \
	    test/chainunit.c libddnsup.a $(LDLIBS)
# time() for the clock cases (test/timecases.sh), preloaded into ddnsup
test/clock.so: test/clock.c
	$(CC) -std=c99 -O2 -Wall -Wextra -fPIC -shared -o $@ test/clock.c

check: ddnsup $(TESTBIN)
	sh test/run.sh

# the whole suite with every ddnsup run under valgrind's memcheck
check-valgrind: ddnsup $(TESTBIN)
	DDNSUP_WRAP="valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect --track-fds=no" \
	    sh test/run.sh

# the file-level call graph from the objects: no cycle, no edge HACKING's
# layering forbids, and each object's header list above as its #includes say
deps: $(OBJ)
	sh test/deps.sh $(OBJ)

# static analysis: both must print nothing (.clang-tidy says what is left out)
analyze: deps
	cppcheck --enable=warning,style,performance,portability --std=c99 \
	    $(ALL_CPPFLAGS) --suppress=variableScope --inline-suppr --quiet \
	    --error-exitcode=1 -I. $(SRC)
	clang-tidy --quiet $(SRC) -- -std=c99 $(ALL_CPPFLAGS) -I.

FUZZ = http dyndns tzo state conf url pin pem spki check chain dns json
FUZZSRC = $(LIBOBJ:.o=.c)
FUZZCC = clang
FUZZFLAGS = -std=c99 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all

# libFuzzer targets: fuzz/fuzz-<name>; fuzz/run.sh runs them
fuzz: $(FUZZSRC) fuzz/fuzz.c *.h
	for t in $(FUZZ); do \
		$(FUZZCC) $(FUZZFLAGS) $(ALL_CPPFLAGS) -I. -DTARGET_$$t \
		    -o fuzz/fuzz-$$t fuzz/fuzz.c $(FUZZSRC) $(LDLIBS) || exit 1; \
	done

demo: ddnsup test/provider test/tzoprovider
	sh test/demo.sh

install: ddnsup
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	cp -f ddnsup ddnsup-import $(DESTDIR)$(BINDIR)/
	chmod 755 $(DESTDIR)$(BINDIR)/ddnsup $(DESTDIR)$(BINDIR)/ddnsup-import
	cp -f ddnsup.1 ddnsup-import.1 $(DESTDIR)$(MANDIR)/
	chmod 644 $(DESTDIR)$(MANDIR)/ddnsup.1 $(DESTDIR)$(MANDIR)/ddnsup-import.1

# each hook where its daemon looks (ddnsup.1, EXAMPLES), naming $(BINDIR)
CONTRIB = ppp-ip-up:$(PPPDIR)/ip-up.d/ddnsup:755 \
	ppp-ipv6-up:$(PPPDIR)/ipv6-up.d/ddnsup:755 \
	udhcpc.script:$(UDHCPCDIR)/ddnsup.script:755 \
	dhcpcd.hook:$(DHCPCDHOOKDIR)/90-ddnsup:644 \
	dhclient.hook:$(DHCLIENTHOOKDIR)/ddnsup:644 \
	ifupdown.hook:$(IFUPDIR)/ddnsup:755 \
	networkmanager.hook:$(NMDISPATCHDIR)/90-ddnsup:755 \
	networkd-dispatcher.hook:$(NDDISPATCHDIR)/50-ddnsup:755 \
	openwrt-hotplug:$(HOTPLUGDIR)/95-ddnsup:644 \
	ddnsup.cron:$(CRONDIR)/ddnsup:644 $(UNITS)
UNITS = ddnsup.service:$(SYSTEMDUNITDIR)/ddnsup.service:644 \
	ddnsup.timer:$(SYSTEMDUNITDIR)/ddnsup.timer:644

install-contrib:
	$(MAKE) CONTRIB="$(CONTRIB)" BINDIR="$(BINDIR)" DESTDIR="$(DESTDIR)" contrib

# the systemd units alone (a distribution's package: packaging/debian)
install-units:
	$(MAKE) CONTRIB="$(UNITS)" BINDIR="$(BINDIR)" DESTDIR="$(DESTDIR)" contrib

contrib:
	for e in $(CONTRIB); do \
		src=$${e%%:*}; rest=$${e#*:}; dst=$(DESTDIR)$${rest%:*}; \
		mkdir -p "$$(dirname "$$dst")" || exit 1; \
		sed 's|/usr/local/bin/ddnsup|$(BINDIR)/ddnsup|g' \
		    "contrib/$$src" >"$$dst" || exit 1; \
		chmod "$${rest##*:}" "$$dst" || exit 1; \
	done

# what install and install-contrib wrote, nothing else
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ddnsup $(DESTDIR)$(BINDIR)/ddnsup-import \
	    $(DESTDIR)$(MANDIR)/ddnsup.1 $(DESTDIR)$(MANDIR)/ddnsup-import.1
	for e in $(CONTRIB); do \
		rest=$${e#*:}; rm -f "$(DESTDIR)$${rest%:*}" || exit 1; \
	done

# the release tarball ddnsup-VERSION.tar.gz: in a git checkout every file
# git tracks (git ls-files, so a new file ships once it is added), in an
# unpacked tarball what its MANIFEST lists; MANIFEST, written here from
# that list, ships too. DISTFILE names another output (the tests' copy).
dist:
	v=$$(sed -n 's/^#define VERSION[^"]*"\(.*\)"/\1/p' ddnsup.h); \
	test -n "$$v" || { echo "dist: no VERSION in ddnsup.h" >&2; exit 1; }; \
	out=$${DISTFILE:-$$PWD/ddnsup-$$v.tar.gz}; \
	d=$$(mktemp -d) || exit 1; trap 'rm -rf "$$d"' EXIT; \
	if [ "$$(git rev-parse --show-toplevel 2>/dev/null)" = "$$(pwd -P)" ]; \
	then git ls-files; else cat MANIFEST; fi | \
	    grep -vx MANIFEST >"$$d/list" || exit 1; \
	mkdir "$$d/ddnsup-$$v" && cp "$$d/list" "$$d/ddnsup-$$v/MANIFEST" || exit 1; \
	while read -r f; do \
		[ -f "$$f" ] || { echo "dist: $$f is listed but missing" >&2; exit 1; }; \
		mkdir -p "$$d/ddnsup-$$v/$$(dirname "$$f")" && \
		    cp -p "$$f" "$$d/ddnsup-$$v/$$f" || exit 1; \
	done <"$$d/list"; \
	(cd "$$d" && tar -cf - "ddnsup-$$v") | gzip -9n >"$$out" || exit 1; \
	echo "$$out"

# the tarball on its own: unpacked elsewhere, it holds what dist listed,
# makes the same tarball again (from its MANIFEST), builds, passes make
# check, and installs and uninstalls without leaving a file
distcheck: dist
	v=$$(sed -n 's/^#define VERSION[^"]*"\(.*\)"/\1/p' ddnsup.h); \
	top=$$PWD; d=$$(mktemp -d) && tar -xzf "ddnsup-$$v.tar.gz" -C "$$d" && \
	(cd "$$d/ddnsup-$$v" && \
	    find . -type f ! -name MANIFEST | sed 's|^\./||' | sort >"$$d/found" && \
	    sort MANIFEST | cmp -s - "$$d/found" && \
	    DISTFILE="$$d/again.tar.gz" $(MAKE) dist >/dev/null && \
	    test "$$(tar -tzf "$$d/again.tar.gz" | sort)" = \
	        "$$(tar -tzf "$$top/ddnsup-$$v.tar.gz" | sort)" && \
	    $(MAKE) check && $(MAKE) DESTDIR="$$d/root" \
	    install install-contrib uninstall && \
	    test -z "$$(find "$$d/root" -type f)") && rm -rf "$$d"

clean:
	rm -f ddnsup ddnsup-static ddnsup-musl test/unit-musl $(OBJ) libddnsup.a $(TESTBIN) bench/timeit bench/delayproxy bench/udpdelay
	for t in $(FUZZ); do rm -f fuzz/fuzz-$$t; done

.PHONY: all analyze deps bench static static-musl check check-musl check-valgrind fuzz demo install install-contrib install-units contrib uninstall dist distcheck clean
