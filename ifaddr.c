/* Interface addresses: the link's usable address of a family. */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_addr.h>
#endif

#include "ddnsup.h"
#include "util.h"
#include "ifaddr.h"

#define MAXCAND		32	/* IPv6 addresses of one link looked at */
#define FOREVER		0xffffffffu

/* One IPv6 address of the link, with what the kernel says of it. */
struct cand {
	unsigned char a[16];
	unsigned flags;		/* IFA_F_* (linux/if_addr.h), 0 elsewhere */
	unsigned plen;		/* prefix length: 128 is DHCPv6's form */
	unsigned pref;		/* preferred lifetime left, seconds */
};

/* linux/if_addr.h's IFA_F_*, also where they are not defined */
#define A6_TEMPORARY	0x01
#define A6_OPTIMISTIC	0x04
#define A6_DADFAILED	0x08
#define A6_DEPRECATED	0x20
#define A6_TENTATIVE	0x40

int
ifaddr_name(const char *s)
{
	size_t i;

	/* Linux's rule (dev_valid_name): 1 to 15 bytes, no '/', ':' or space */
	if (s[0] == '\0' || strlen(s) >= IF_NAMESIZE || strcmp(s, ".") == 0 ||
	    strcmp(s, "..") == 0)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (s[i] == '/' || s[i] == ':' || isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

#ifdef __linux__
static union {
	struct nlmsghdr h;
	char b[16384];
} buf;

/* Ask the kernel for a dump (RTM_GETLINK, RTM_GETADDR); the socket, -1 with fail(). */
static int
dump(int type, unsigned char family)
{
	struct {
		struct nlmsghdr h;
		struct ifaddrmsg m;	/* ifinfomsg's first byte is its family too */
		unsigned char pad[12];
	} req;
	int fd;

	if ((fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
	    NETLINK_ROUTE)) == -1)
		return fail(F_CONFIG, "netlink:");
	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = type == RTM_GETLINK ? NLMSG_LENGTH(sizeof(struct
	    ifinfomsg)) : NLMSG_LENGTH(sizeof(struct ifaddrmsg));
	req.h.nlmsg_type = (unsigned short)type;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.h.nlmsg_seq = 1;
	req.m.ifa_family = family;
	if (send(fd, &req, req.h.nlmsg_len, 0) == -1) {
		close(fd);
		return fail(F_CONFIG, "netlink:");
	}
	return fd;
}

/*
 * The link's index, 0 when there is none: if_nametoindex's ioctl is
 * outside the sandbox's allow-list, netlink is not.
 */
static unsigned
linkindex(const char *name)
{
	struct nlmsghdr *h;
	struct ifinfomsg *m;
	struct rtattr *rta;
	ssize_t len;
	unsigned idx = 0;
	int fd, done = 0, rlen;

	if ((fd = dump(RTM_GETLINK, AF_UNSPEC)) == -1)
		return 0;
	while (!done && (len = recv(fd, buf.b, sizeof(buf.b), 0)) > 0)
		for (h = &buf.h; NLMSG_OK(h, (size_t)len);
		    h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_type == NLMSG_DONE ||
			    h->nlmsg_type == NLMSG_ERROR) {
				done = 1;
				break;
			}
			if (h->nlmsg_type != RTM_NEWLINK)
				continue;
			m = NLMSG_DATA(h);
			rlen = (int)IFLA_PAYLOAD(h);
			for (rta = IFLA_RTA(m); RTA_OK(rta, rlen);
			    rta = RTA_NEXT(rta, rlen))
				if (rta->rta_type == IFLA_IFNAME &&
				    strncmp(RTA_DATA(rta), name,
				    RTA_PAYLOAD(rta)) == 0 &&
				    strlen(name) + 1 == RTA_PAYLOAD(rta))
					idx = (unsigned)m->ifi_index;
		}
	close(fd);
	return idx;
}

/*
 * The link's IPv6 addresses from an RTM_GETADDR dump: flags in full
 * (IFA_FLAGS) and the preferred lifetime (IFA_CACHEINFO), which
 * getifaddrs does not give. Returns how many, -1 with fail().
 */
static int
v6list(unsigned idx, struct cand *c, int max)
{
	struct nlmsghdr *h;
	struct ifaddrmsg *m;
	struct rtattr *rta;
	struct ifa_cacheinfo ci;
	ssize_t len;
	int fd, n = 0, done = 0, rlen, have;

	if ((fd = dump(RTM_GETADDR, AF_INET6)) == -1)
		return -1;
	while (!done && (len = recv(fd, buf.b, sizeof(buf.b), 0)) > 0) {
		for (h = &buf.h; NLMSG_OK(h, (size_t)len);
		    h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_type == NLMSG_DONE ||
			    h->nlmsg_type == NLMSG_ERROR) {
				done = 1;
				break;
			}
			m = NLMSG_DATA(h);
			if (h->nlmsg_type != RTM_NEWADDR || m->ifa_index != idx ||
			    m->ifa_family != AF_INET6 || n == max)
				continue;
			memset(&c[n], 0, sizeof(c[n]));
			c[n].flags = m->ifa_flags;
			c[n].plen = m->ifa_prefixlen;
			c[n].pref = FOREVER;
			have = 0;
			rlen = (int)IFA_PAYLOAD(h);
			for (rta = IFA_RTA(m); RTA_OK(rta, rlen);
			    rta = RTA_NEXT(rta, rlen)) {
				if (rta->rta_type == IFA_ADDRESS &&
				    RTA_PAYLOAD(rta) == 16) {
					memcpy(c[n].a, RTA_DATA(rta), 16);
					have = 1;
				} else if (rta->rta_type == IFA_FLAGS &&
				    RTA_PAYLOAD(rta) == 4)
					memcpy(&c[n].flags, RTA_DATA(rta), 4);
				else if (rta->rta_type == IFA_CACHEINFO &&
				    RTA_PAYLOAD(rta) >= sizeof(ci)) {
					memcpy(&ci, RTA_DATA(rta), sizeof(ci));
					c[n].pref = ci.ifa_prefered;
				}
			}
			n += have;
		}
	}
	close(fd);
	return n;
}
#else
#define linkindex	if_nametoindex

/* Elsewhere getifaddrs: no flags, no lifetimes. */
static int
v6list(unsigned idx, struct cand *c, int max)
{
	struct ifaddrs *ifap, *ifa;
	char name[IF_NAMESIZE];
	int n = 0;

	if (if_indextoname(idx, name) == NULL || getifaddrs(&ifap) == -1)
		return fail(F_CONFIG, "getifaddrs:");
	for (ifa = ifap; ifa != NULL && n < max; ifa = ifa->ifa_next) {
		if (strcmp(ifa->ifa_name, name) != 0 || ifa->ifa_addr == NULL ||
		    ifa->ifa_addr->sa_family != AF_INET6)
			continue;
		memset(&c[n], 0, sizeof(c[n]));
		memcpy(c[n].a, &((struct sockaddr_in6 *)(void *)
		    ifa->ifa_addr)->sin6_addr, 16);
		c[n].plen = 64;
		c[n].pref = FOREVER;
		n++;
	}
	freeifaddrs(ifap);
	return n;
}
#endif

/*
 * How good an IPv6 address is to publish, RFC 6724's spirit: global
 * before private, preferred before deprecated, then the registered one
 * (no flip), a /128 (DHCPv6's) before a SLAAC /64, the longer
 * preferred lifetime; the lower address breaks a tie.
 */
static int
better(const struct cand *x, int xg, int xk, const struct cand *y, int yg,
    int yk)
{
	int xd = (x->flags & A6_DEPRECATED) || x->pref == 0;
	int yd = (y->flags & A6_DEPRECATED) || y->pref == 0;

	if (xg != yg)
		return xg;
	if (xd != yd)
		return !xd;
	if (xk != yk)
		return xk;
	if ((x->plen == 128) != (y->plen == 128))
		return x->plen == 128;
	if (x->pref != y->pref)
		return x->pref > y->pref;
	return memcmp(x->a, y->a, 16) < 0;
}

static int
v6get(const char *ifname, const struct ifpick *p, char *out, size_t outlen)
{
	struct cand c[MAXCAND];
	unsigned char keep[16];
	char buf[ADDRLEN], canon[ADDRLEN], priv[ADDRLEN] = "", dup[ADDRLEN] = "";
	int n, i, best = -1, bg = 0, bk = 0, g, k, fam, loop = 0, tentative = 0;
	int havekeep;
	unsigned idx;
	enum addrclass cl;

	if ((idx = linkindex(ifname)) == 0)
		return fail(F_LINK, "%s: the link is not present", ifname);
	if ((n = v6list(idx, c, MAXCAND)) == -1)
		return -1;
	havekeep = p->keep != NULL && inet_pton(AF_INET6, p->keep, keep) == 1;
	for (i = 0; i < n; i++) {
		loop |= IN6_IS_ADDR_LOOPBACK((const struct in6_addr *)c[i].a);
		if (inet_ntop(AF_INET6, c[i].a, buf, sizeof(buf)) == NULL)
			continue;
		cl = addr_class(buf, &fam, canon, sizeof(canon));
		if (cl != A_OK && cl != A_PRIVATE)
			continue;
		/* a failed DAD stays marked tentative too: checked first */
		if (c[i].flags & A6_DADFAILED) {
			snprintf(dup, sizeof(dup), "%s", canon);
			continue;
		}
		/* optimistic addresses (RFC 4429) may be used in DAD */
		if ((c[i].flags & A6_TENTATIVE) &&
		    !(c[i].flags & A6_OPTIMISTIC)) {
			tentative = 1;
			continue;
		}
		/* temporary (privacy) addresses are for going out, not for DNS */
		if (c[i].flags & A6_TEMPORARY)
			continue;
		if (cl == A_PRIVATE && !p->allowprivate) {
			if (priv[0] == '\0')
				snprintf(priv, sizeof(priv), "%s", canon);
			continue;
		}
		g = cl == A_OK;
		k = havekeep && memcmp(c[i].a, keep, p->keep64 ? 8 : 16) == 0;
		if (best == -1 || better(&c[i], g, k, &c[best], bg, bk)) {
			best = i;
			bg = g;
			bk = k;
		}
	}
	if (best != -1) {
		inet_ntop(AF_INET6, c[best].a, buf, sizeof(buf));
		addr_class(buf, &fam, out, outlen);
		if (p->verbose && ((c[best].flags & A6_DEPRECATED) ||
		    c[best].pref == 0))
			logv("%s: %s is deprecated: sent, as nothing better is "
			    "usable", ifname, out);
		return !bg;
	}
	if (loop)
		return fail(F_CONFIG, "%s: no usable IPv6 address", ifname);
	if (tentative)
		return fail(F_LINK, "%s: no usable IPv6 address yet (duplicate "
		    "address detection)", ifname);
	if (dup[0])
		return fail(F_LINKDUP, "%s: %s is a duplicate address (duplicate "
		    "address detection failed): no usable IPv6 address", ifname,
		    dup);
	if (priv[0])
		return fail(F_LINK, "%s: no usable IPv6 address yet (%s is "
		    "private: not published unless -o AllowPrivate=1 says so)",
		    ifname, priv);
	return fail(F_LINK, "%s: no usable IPv6 address yet", ifname);
}

/* name is ifname, or one of its IPv4 alias labels (wan0:1) */
static int
ifmatch(const char *name, const char *ifname)
{
	size_t len = strlen(ifname);

	return strncmp(name, ifname, len) == 0 && (name[len] == '\0' ||
	    name[len] == ':');
}

/* IPv4: the first address that is not loopback, public ones first. */
static int
v4get(const char *ifname, char *out, size_t outlen)
{
	struct ifaddrs *ifap, *ifa;
	char buf[ADDRLEN], canon[ADDRLEN];
	int exists = 0, loop = 0, got = -1, fam;
	enum addrclass c;
	const void *a;

	if (getifaddrs(&ifap) == -1)
		return fail(F_CONFIG, "getifaddrs:");
	for (ifa = ifap; ifa != NULL; ifa = ifa->ifa_next) {
		if (!ifmatch(ifa->ifa_name, ifname))
			continue;
		exists = 1;
		if (ifa->ifa_addr == NULL || ifa->ifa_addr->sa_family != AF_INET)
			continue;
		a = &((struct sockaddr_in *)(void *)ifa->ifa_addr)->sin_addr;
		loop |= *(const unsigned char *)a == 127;
		if (inet_ntop(AF_INET, a, buf, sizeof(buf)) == NULL)
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
	if (!exists && linkindex(ifname) == 0)
		return fail(F_LINK, "%s: the link is not present", ifname);
	if (got == -1 && loop)
		return fail(F_CONFIG, "%s: no usable IPv4 address", ifname);
	if (got == -1)
		return fail(F_LINK, "%s: no usable IPv4 address yet", ifname);
	return got;
}

int
ifaddr_get(const char *ifname, int family, const struct ifpick *p, char *out,
    size_t outlen)
{
	return family == AF_INET ? v4get(ifname, out, outlen) :
	    v6get(ifname, p, out, outlen);
}
