.POSIX:

VERSION = 0.1.0
PREFIX = /usr/local
MANPREFIX = $(PREFIX)/share/man
CC = cc
CFLAGS = -std=c99 -O2 -Wall -Wextra -Wpedantic
# 64-bit time_t and file offsets where the C library has both (32-bit glibc)
CPPFLAGS = -D_POSIX_C_SOURCE=200809L -D_TIME_BITS=64 -D_FILE_OFFSET_BITS=64
LDFLAGS =
LDLIBS = -lbearssl

OBJ = ddnsup.o cert.o chain.o checkip.o conf.o dyndns.o http.o ifaddr.o job.o net.o prepare.o presets.o run.o sandbox.o state.o status.o tls.o tzo.o util.o x509.o
LIBOBJ = cert.o chain.o checkip.o conf.o dyndns.o http.o ifaddr.o job.o net.o prepare.o presets.o run.o state.o status.o tls.o tzo.o util.o x509.o
TESTBIN = test/provider test/tzoprovider test/unit test/sandboxtest test/chainunit test/clock.so \
	test/nodatadns

all: ddnsup

ddnsup: $(OBJ)
	$(CC) $(LDFLAGS) -o $@ $(OBJ) $(LDLIBS)

$(OBJ): ddnsup.h
cert.o chain.o tls.o x509.o: tls.h

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

ddnsup-musl: $(OBJ:.o=.c) fortify.c ddnsup.h tls.h
	$(MUSLCC) $(CFLAGS) $(CPPFLAGS) $(MUSLINC) -static \
	    -o $@ $(OBJ:.o=.c) fortify.c $(BEARSSLA)

test/unit-musl: test/unit.c $(LIBOBJ:.o=.c) fortify.c ddnsup.h tls.h
	$(MUSLCC) $(CFLAGS) $(CPPFLAGS) -I. $(MUSLINC) -static \
	    -o $@ test/unit.c $(LIBOBJ:.o=.c) fortify.c $(BEARSSLA)

# the suite with the musl build as ddnsup (and its unit tests)
check-musl: ddnsup-musl test/unit-musl test/provider test/tzoprovider test/nodatadns test/clock.so
	DDNSUP="$$PWD/ddnsup-musl" UNIT="$$PWD/test/unit-musl" sh test/run.sh

bench/timeit: bench/timeit.c
	$(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ bench/timeit.c

bench/delayproxy: bench/delayproxy.c
	$(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ bench/delayproxy.c

# figures, side by side with curl: a script, never a test
bench: ddnsup ddnsup-static test/provider test/tzoprovider bench/timeit bench/delayproxy
	sh bench/run.sh

.c.o:
	$(CC) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

test/provider: test/provider.c test/emulate.c test/emulate.h
	$(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ test/provider.c \
	    test/emulate.c $(LDLIBS)

test/tzoprovider: test/tzoprovider.c
	$(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ test/tzoprovider.c

test/nodatadns: test/nodatadns.c
	$(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ test/nodatadns.c

test/unit: test/unit.c test/check.h $(LIBOBJ) ddnsup.h
	$(CC) $(CFLAGS) $(CPPFLAGS) -I. $(LDFLAGS) -o $@ test/unit.c $(LIBOBJ) $(LDLIBS)

# ddnsup with sandbox.c's probes (SANDBOX_SELFTEST): for the tests only
test/sandboxtest: ddnsup.o sandbox.c $(LIBOBJ) ddnsup.h
	$(CC) $(CFLAGS) $(CPPFLAGS) -DSANDBOX_SELFTEST -I. $(LDFLAGS) -o $@ \
	    ddnsup.o sandbox.c $(LIBOBJ) $(LDLIBS)
test/chainunit: test/chainunit.c test/check.h $(LIBOBJ) ddnsup.h tls.h
	$(CC) $(CFLAGS) $(CPPFLAGS) -I. $(LDFLAGS) -o $@ test/chainunit.c $(LIBOBJ) $(LDLIBS)
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

# static analysis: both must print nothing (.clang-tidy says what is left out)
analyze:
	cppcheck --enable=warning,style,performance,portability --std=c99 \
	    $(CPPFLAGS) --suppress=variableScope --inline-suppr --quiet \
	    --error-exitcode=1 -I. $(OBJ:.o=.c)
	clang-tidy --quiet $(OBJ:.o=.c) -- -std=c99 $(CPPFLAGS) -I.

FUZZ = http dyndns tzo state conf url pin pem spki check chain
FUZZSRC = cert.c chain.c checkip.c conf.c dyndns.c http.c ifaddr.c job.c net.c prepare.c presets.c run.c state.c tls.c tzo.c util.c x509.c
FUZZCC = clang
FUZZFLAGS = -std=c99 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all

# libFuzzer targets: fuzz/fuzz-<name>; fuzz/run.sh runs them
fuzz: $(FUZZSRC) fuzz/fuzz.c ddnsup.h
	for t in $(FUZZ); do \
		$(FUZZCC) $(FUZZFLAGS) $(CPPFLAGS) -I. -DTARGET_$$t \
		    -o fuzz/fuzz-$$t fuzz/fuzz.c $(FUZZSRC) $(LDLIBS) || exit 1; \
	done

demo: ddnsup test/provider test/tzoprovider
	sh test/demo.sh

install: ddnsup
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANPREFIX)/man1
	cp -f ddnsup $(DESTDIR)$(PREFIX)/bin/
	chmod 755 $(DESTDIR)$(PREFIX)/bin/ddnsup
	cp -f ddnsup.1 $(DESTDIR)$(MANPREFIX)/man1/
	chmod 644 $(DESTDIR)$(MANPREFIX)/man1/ddnsup.1

# each hook where its daemon looks (README, "Hooks"), with this PREFIX
CONTRIB = ppp-ip-up:/etc/ppp/ip-up.d/ddnsup:755 \
	ppp-ipv6-up:/etc/ppp/ipv6-up.d/ddnsup:755 \
	udhcpc.script:/etc/udhcpc/ddnsup.script:755 \
	dhcpcd.hook:/usr/lib/dhcpcd/dhcpcd-hooks/90-ddnsup:644 \
	dhclient.hook:/etc/dhcp/dhclient-exit-hooks.d/ddnsup:644 \
	ifupdown.hook:/etc/network/if-up.d/ddnsup:755 \
	networkmanager.hook:/etc/NetworkManager/dispatcher.d/90-ddnsup:755 \
	networkd-dispatcher.hook:/etc/networkd-dispatcher/routable.d/50-ddnsup:755 \
	openwrt-hotplug:/etc/hotplug.d/iface/95-ddnsup:644 \
	ddnsup.cron:/etc/cron.d/ddnsup:644 \
	ddnsup.service:/etc/systemd/system/ddnsup.service:644 \
	ddnsup.timer:/etc/systemd/system/ddnsup.timer:644

install-contrib:
	for e in $(CONTRIB); do \
		src=$${e%%:*}; rest=$${e#*:}; dst=$(DESTDIR)$${rest%:*}; \
		mkdir -p "$$(dirname "$$dst")" || exit 1; \
		sed 's|/usr/local/bin/ddnsup|$(PREFIX)/bin/ddnsup|g' \
		    "contrib/$$src" >"$$dst" || exit 1; \
		chmod "$${rest##*:}" "$$dst" || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/ddnsup $(DESTDIR)$(MANPREFIX)/man1/ddnsup.1

clean:
	rm -f ddnsup ddnsup-static ddnsup-musl test/unit-musl $(OBJ) $(TESTBIN) bench/timeit bench/delayproxy
	for t in $(FUZZ); do rm -f fuzz/fuzz-$$t; done

.PHONY: all analyze bench static static-musl check check-musl check-valgrind fuzz demo install install-contrib uninstall clean
