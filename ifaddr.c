/* Interface addresses: the link's usable address of a family. */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ddnsup.h"
#include "util.h"
#include "ifaddr.h"

/*
 * The address states' file, opened once before the sandbox (Landlock
 * cannot name a /proc file that lasts) and read again from its start.
 */
static int inet6 = -1;

void
ifaddr_open(void)
{
	if (inet6 == -1)
		inet6 = open("/proc/net/if_inet6", O_RDONLY | O_CLOEXEC);
}

/*
 * Linux marks temporary, deprecated, tentative and failed IPv6 addresses
 * in /proc/net/if_inet6; elsewhere nothing is known and 0 is returned.
 */
static unsigned
v6flags(const struct in6_addr *a, const char *ifname)
{
	static char buf[65536];
	char line[128], hex[33], name[IF_NAMESIZE + 1], want[33];
	unsigned idx, plen, scope, flags;
	const char *p, *nl;
	ssize_t len;
	int i;

	ifaddr_open();
	if (inet6 == -1 || lseek(inet6, 0, SEEK_SET) == -1 ||
	    (len = readall(inet6, buf, sizeof(buf))) <= 0)
		return 0;
	for (i = 0; i < 16; i++)
		snprintf(want + 2 * (size_t)i, 3, "%02x", a->s6_addr[i]);
	for (p = buf; (nl = memchr(p, '\n', (size_t)(buf + len - p))) != NULL;
	    p = nl + 1) {
		snprintf(line, sizeof(line), "%.*s", (int)(nl - p), p);
		/* a line that does not scan is skipped: no address to lose */
		if (sscanf(line, "%32s %x %x %x %x %16s", hex, &idx, &plen, /* NOLINT(cert-err34-c) */
		    &scope, &flags, name) == 6 && strcmp(hex, want) == 0 &&
		    strcmp(name, ifname) == 0)
			return flags;
	}
	return 0;
}

/* /proc/net/if_inet6's flags: IFA_F_* of linux/if_addr.h */
#define IFA6_TEMPORARY	0x01
#define IFA6_OPTIMISTIC	0x04
#define IFA6_DADFAILED	0x08
#define IFA6_DEPRECATED	0x20
#define IFA6_TENTATIVE	0x40

/* name is ifname, or one of its IPv4 alias labels (wan0:1) */
static int
ifmatch(const char *name, const char *ifname)
{
	size_t len = strlen(ifname);

	return strncmp(name, ifname, len) == 0 && (name[len] == '\0' ||
	    name[len] == ':');
}

/*
 * The interface's first usable address of the family, public ones
 * before private ones. Returns 1 if the address is private, 0 if
 * public, -1 with lastfail set when there is none: F_CONFIG when the
 * interface cannot have one (missing, a loopback), F_LINK when it has
 * none yet (none at all, or only tentative ones still in DAD).
 */
int
ifaddr_get(const char *ifname, int family, char *out, size_t outlen)
{
	struct ifaddrs *ifap, *ifa;
	char buf[ADDRLEN], canon[ADDRLEN];
	int exists = 0, loop = 0, tentative = 0, got = -1, fam;
	enum addrclass c;
	unsigned fl;
	const void *a;

	if (getifaddrs(&ifap) == -1)
		return fail(F_CONFIG, "getifaddrs:");
	for (ifa = ifap; ifa != NULL; ifa = ifa->ifa_next) {
		if (!ifmatch(ifa->ifa_name, ifname))
			continue;
		exists = 1;
		if (ifa->ifa_addr == NULL || ifa->ifa_addr->sa_family != family)
			continue;
		if (family == AF_INET) {
			a = &((struct sockaddr_in *)(void *)ifa->ifa_addr)->sin_addr;
			loop |= *(const unsigned char *)a == 127;
		} else {
			a = &((struct sockaddr_in6 *)(void *)ifa->ifa_addr)->sin6_addr;
			loop |= IN6_IS_ADDR_LOOPBACK((const struct in6_addr *)a);
			fl = v6flags(a, ifa->ifa_name);
			/* optimistic addresses (RFC 4429) may be used in DAD */
			if ((fl & IFA6_TENTATIVE) && !(fl & IFA6_OPTIMISTIC)) {
				tentative = 1;
				continue;
			}
			if (fl & (IFA6_TEMPORARY | IFA6_DADFAILED |
			    IFA6_DEPRECATED))
				continue;
		}
		if (inet_ntop(family, a, buf, sizeof(buf)) == NULL)
			continue;
		c = addr_class(buf, &fam, canon, sizeof(canon));
		if (c == A_OK || (c == A_PRIVATE && got == -1)) {
			snprintf(out, outlen, "%s", canon);
			got = c == A_PRIVATE;
			if (c == A_OK)
				break;
		}
	}
	freeifaddrs(ifap);
	if (!exists && if_nametoindex(ifname) == 0)
		return fail(F_CONFIG, "%s: no such interface", ifname);
	if (got == -1 && loop)
		return fail(F_CONFIG, "%s: no usable %s address", ifname,
		    family == AF_INET ? "IPv4" : "IPv6");
	if (got == -1)
		return fail(F_LINK, "%s: no usable %s address yet%s", ifname,
		    family == AF_INET ? "IPv4" : "IPv6", tentative ?
		    " (duplicate address detection)" : "");
	return got;
}
