/*
 * The providers: one row of data each. A row says where the provider
 * listens, how it takes the two address families, what keeps a family
 * the request does not carry, how many names go in one request, and
 * the words of its own that stand for DynDNS2's. Adding a provider is
 * adding a row; README and ddnsup.1 name each row's source.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ddnsup.h"
#include "presets.h"

/* changeip: "200 Successful Update" (ddclient, OpenWrt ddns-scripts) */
static const struct answer changeip[] = {
	{ 200, "successful", R_UPDATED, ST_OK, "good", "updated", NULL },
	{ 401, NULL, R_FAILED, ST_NOPERM, "badauth",
	    "user name or password refused (HTTP 401)", NULL },
	{ 422, NULL, R_FAILED, ST_CONFIG, "badrequest",
	    "the provider refused the request (HTTP 422)", NULL },
	{ 0, NULL, R_FAILED, 0, NULL, NULL, NULL }
};

/* deSEC: HTTP statuses (desec-stack docs/dyndns/update-api.rst) */
static const struct answer desec[] = {
	{ 400, NULL, R_FAILED, ST_CONFIG, "badrequest",
	    "the provider refused the request (HTTP 400)", NULL },
	{ 401, NULL, R_FAILED, ST_NOPERM, "badauth",
	    "user name or token refused (HTTP 401)", NULL },
	{ 403, NULL, R_FAILED, ST_NOPERM, "http403",
	    "this account may not update the name (HTTP 403)", NULL },
	{ 0, NULL, R_FAILED, 0, NULL, NULL, NULL }
};

/* selfHOST: HTTP statuses ("API Update Schnittstelle Selfhost.de") */
static const struct answer selfhost[] = {
	{ 204, NULL, R_UNCHANGED, ST_OK, "nochg", "no change (HTTP 204)", NULL },
	{ 401, NULL, R_FAILED, ST_NOPERM, "badauth",
	    "account closed or not authorised (HTTP 401)", NULL },
	{ 409, NULL, R_FAILED, ST_CONFIG, "nohost",
	    "no zone in this account (HTTP 409)", NULL },
	{ 410, NULL, R_FAILED, ST_NOPERM, "badauth",
	    "account inactive (HTTP 410)", NULL },
	{ 411, NULL, R_FAILED, ST_CONFIG, "badip",
	    "the address is not valid (HTTP 411)", NULL },
	{ 412, NULL, R_FAILED, ST_CONFIG, "badip",
	    "a private address cannot be published (HTTP 412)", NULL },
	{ 0, NULL, R_FAILED, 0, NULL, NULL, NULL }
};

/* Infomaniak: its own words besides good and nochg (issue 13; ddclient) */
static const struct answer infomaniak[] = {
	{ 0, "successfully_changed", R_UPDATED, ST_OK, "good", "updated", NULL },
	{ 0, "no_change", R_UNCHANGED, ST_OK, "nochg", "no change", NULL },
	{ 0, "validation failed", R_FAILED, ST_CONFIG, "notfqdn",
	    "the provider found no valid host name", NULL },
	{ 0, NULL, R_FAILED, 0, NULL, NULL, NULL }
};

#define UPDATED(w)	{ 0, w, R_UPDATED, ST_OK, "good", "updated", NULL }
#define NOCHANGE(w)	{ 0, w, R_UNCHANGED, ST_OK, "nochg", "no change", NULL }
#define AUTH(h, w)	{ h, w, R_FAILED, ST_NOPERM, "badauth", \
			    "user name, password or token refused", NULL }
#define NOHOST(h, w)	{ h, w, R_FAILED, ST_CONFIG, "nohost", \
			    "no such host name in this account", NULL }
#define END		{ 0, NULL, R_FAILED, 0, NULL, NULL, NULL }

/* duckdns.org/spec.jsp: OK or KO */
static const struct answer duckdns[] = {
	UPDATED("OK"),
	{ 0, "KO", R_FAILED, ST_CONFIG, "KO",
	    "the provider refused the token or a domain (KO)", NULL },
	END
};

/* Namecheap: XML, <ErrCount>0</ErrCount> or the count and <Err1> */
static const struct answer namecheap[] = {
	UPDATED("<ErrCount>0</ErrCount>"),
	{ 0, "<ErrCount>", R_FAILED, ST_CONFIG, "error", NULL, "Err1" },
	END
};

/* FreeDNS update.php: "Updated ...", "ERROR: Address ... has not changed." */
static const struct answer freedns[] = {
	UPDATED("Updated"),
	NOCHANGE("has not changed"),
	{ 0, "Unable to locate this record", R_FAILED, ST_CONFIG, "nohost",
	    "the key names no record", NULL },
	{ 0, "ERROR", R_FAILED, ST_CONFIG, "error",
	    "the provider refused the update", NULL },
	END
};

/* easyDNS (ddclient nic_easydns): NOERROR or OK; its error words */
static const struct answer easydns[] = {
	UPDATED("NOERROR"), UPDATED("OK"),
	AUTH(0, "NOACCESS"), AUTH(0, "NO_AUTH"),
	{ 0, "TOOSOON", R_FAILED, ST_TEMPFAIL, "toomanyrequests",
	    "updates too frequent; wait", NULL },
	{ 0, "TOO_FREQ", R_FAILED, ST_TEMPFAIL, "toomanyrequests",
	    "updates too frequent; wait", NULL },
	{ 0, "ILLEGAL INPUT", R_FAILED, ST_CONFIG, "badrequest",
	    "the provider refused the request as malformed", NULL },
	END
};

/* ZoneEdit: <SUCCESS CODE="200" ...>, <ERROR CODE="707" ...> is a repeat */
static const struct answer zoneedit[] = {
	UPDATED("<SUCCESS"),
	NOCHANGE("<ERROR CODE=\"707\""),
	{ 0, "<ERROR", R_FAILED, ST_CONFIG, "error",
	    "the provider refused the update", NULL },
	END
};

/* Njalla: JSON status and message */
static const struct answer njalla[] = {
	UPDATED("record updated"),
	AUTH(0, "invalid host or key"),
	END
};

/* Domeneshop: 204, 404 */
static const struct answer domeneshop[] = {
	{ 204, NULL, R_UPDATED, ST_OK, "good", "updated (HTTP 204)", NULL },
	AUTH(401, NULL),
	NOHOST(404, NULL),
	END
};

/* regfish: success|100|..., success|101| (no change), failed|401| */
static const struct answer regfish[] = {
	UPDATED("success|100|"),
	NOCHANGE("success|101|"),
	AUTH(0, "|401|"),
	NOHOST(0, "|402|"),
	{ 0, "failed|", R_FAILED, ST_CONFIG, "error",
	    "the provider refused the update", NULL },
	END
};

/* goIP: the body names the address it set */
static const struct answer goip[] = {
	UPDATED(ANS_ADDR),
	AUTH(0, "Zugriff verweigert"),
	END
};

/* freemyip, dondominio, giradns: OK or ERROR */
static const struct answer okerror[] = {
	UPDATED("OK"),
	{ 0, "ERROR", R_FAILED, ST_CONFIG, "error",
	    "the provider refused the update", NULL },
	END
};

/* Key-Systems (domaindiscount24): "code = 200" */
static const struct answer keysystems[] = {
	UPDATED("code = 200"),
	AUTH(0, "code = 531"),
	{ 0, "code =", R_FAILED, ST_CONFIG, "error",
	    "the provider refused the update", NULL },
	END
};

/* MyDNS.JP directip: the status only */
static const struct answer mydnsjp[] = {
	{ 200, NULL, R_UPDATED, ST_OK, "good", "updated (HTTP 200)", NULL },
	AUTH(401, NULL),
	END
};

/* dynv6 /api/update: "addresses updated", "addresses unchanged" */
static const struct answer dynv6[] = {
	UPDATED("updated"),
	NOCHANGE("unchanged"),
	AUTH(401, NULL),
	NOHOST(404, NULL),
	END
};

/* ddnss.de upd.php: "Updated N hostname", "No change" */
static const struct answer ddnss[] = {
	UPDATED("Updated"),
	NOCHANGE("No change"),
	AUTH(0, "badauth"),
	END
};

#define U	"/nic/update"

static const struct preset generic = {
	.name = "dyndns", .host = "members.dyndns.org", .path = U,
	.v6 = V6_COMBINED, .qname = "hostname", .p4 = "myip",
	.flags = PF_NOCHG
};

/*
 * The rows, by name. README and ddnsup.1 name
 * each row's source; a source that is not the provider's is marked so.
 */
#define DYN2	.qname = "hostname", .p4 = "myip"

static const struct preset presets[] = {
	/* help.dyn.com: perform-update (wildcard, mx, backmx), return-codes */
	{ .name = "dyn", .host = "members.dyndns.org", .path = U,
	    .v6 = V6_COMBINED, DYN2, .flags = PF_NOCHG },
	/* noip.com/integrate/request, /integrate/response */
	{ .name = "noip", .host = "dynupdate.no-ip.com", .path = U,
	    .v6 = V6_COMBINED, DYN2, .flags = PF_NOIPUA },
	/* ddclient nic_henet_update, OpenWrt he.net.json */
	{ .name = "he", .host = "dyn.dns.he.net", .path = U,
	    .v6 = V6_SEPARATE, DYN2, .flags = PF_ONE | PF_USERNAME },
	/* forums.he.net topic 1994 (HE staff) */
	{ .name = "tunnelbroker", .host = "ipv4.tunnelbroker.net", .path = U,
	    .v6 = V6_NONE, DYN2, .flags = PF_ONE },
	/* updates.dnsomatic.com/docs/api (wildcard, mx, backmx) */
	{ .name = "dnsomatic", .host = "updates.dnsomatic.com", .path = U,
	    .v6 = V6_NONE, DYN2, .flags = PF_NOCHG },
	/* dynu.com IP-Update-Protocol; ddclient nic_dynu_update */
	{ .name = "dynu", .host = "api.dynu.com", .path = U, .v6 = V6_PARAM,
	    DYN2, .p6 = "myipv6", .keep4 = "myip=no", .keep6 = "myipv6=no",
	    .flags = PF_ONE },
	/* ovh/docs web_cloud/domains/dns_dynhost guide (2025) */
	{ .name = "ovh", .host = "dns.eu.ovhapis.com", .path = U "?system=dyndns",
	    .v6 = V6_SEPARATE, DYN2, .flags = PF_ONE | PF_MYIP6 },
	/* STRATO FAQ; ddns-updater, inadyn */
	{ .name = "strato", .host = "dyndns.strato.com", .path = U,
	    .v6 = V6_COMBINED, DYN2 },
	/* ddclient nic_changeip_update, OpenWrt changeip.com.json: ip= */
	{ .name = "changeip", .host = "nic.changeip.com", .path = U,
	    .v6 = V6_NONE, .qname = "hostname", .p4 = "ip", .flags = PF_ONE,
	    .own = changeip },
	/* wiki.securepoint.de SPDyn/Parameter, SPDyn/Updatetoken */
	{ .name = "spdyn", .host = "update.spdyn.de", .path = U,
	    .v6 = V6_COMBINED, DYN2, .flags = PF_ONE | PF_USERNAME },
	/* nsupdate.info src/nsupdate/api/views.py */
	{ .name = "nsupdate.info", .host = "ipv4.nsupdate.info", .path = U,
	    .v6 = V6_HOSTS, .host6 = "ipv6.nsupdate.info", DYN2,
	    .flags = PF_ONE | PF_USERNAME },
	/* ddclient nic_inwx_examples (observed 2024) */
	{ .name = "inwx", .host = "dyndns.inwx.com", .path = U, .v6 = V6_PARAM,
	    .p4 = "myip", .p6 = "myipv6", .flags = PF_BOTH },
	/* joker.com FAQ; OpenWrt joker.com.json: credentials in the query */
	{ .name = "joker", .host = "svc.joker.com", .path = U,
	    .v6 = V6_SEPARATE, DYN2, .quser = "username", .qsecret = "password",
	    .flags = PF_ONE },
	/* desec-stack docs/dyndns/update-api.rst */
	{ .name = "desec", .host = "update.dedyn.io", .path = U,
	    .v6 = V6_PARAM, .qname = "hostname", .p4 = "myipv4", .p6 = "myipv6",
	    .keep4 = "myipv4=preserve", .keep6 = "myipv6=preserve",
	    .own = desec },
	/* ipv64.net/dyndns_updater_api: /nic/update preferred */
	{ .name = "ipv64", .host = "ipv64.net", .path = U, .v6 = V6_PARAM,
	    DYN2, .p6 = "myipv6" },
	/* OpenWrt loopia.se.json, inadyn, ddclient: XDynDNS.php */
	{ .name = "loopia", .host = "dns.loopia.se",
	    .path = "/XDynDNSServer/XDynDNS.php?system=custom",
	    .v6 = V6_SEPARATE, DYN2, .flags = PF_ONE },
	/* inadyn all-inkl.c, OpenWrt all-inkl.com.json (myip for IPv6 too) */
	{ .name = "allinkl", .host = "dyndns.kasserver.com", .path = "/",
	    .v6 = V6_SEPARATE, .p4 = "myip" },
	/* "API Update Schnittstelle Selfhost.de"; inadyn, OpenWrt */
	{ .name = "selfhost", .host = "carol.selfhost.de", .path = U,
	    .v6 = V6_SEPARATE, DYN2, .flags = PF_ONE, .own = selfhost },
	/* do.de/wiki/flexdns-ipv6: https://ddns.do.de/?myip= */
	{ .name = "dode", .host = "ddns.do.de", .path = "/", .v6 = V6_SEPARATE,
	    .p4 = "myip" },
	/* inadyn, OpenWrt dyndns.it.json */
	{ .name = "dyndnsit", .host = "update.dyndns.it",
	    .path = U "?system=dyndns", .v6 = V6_NONE, DYN2, .flags = PF_ONE },
	/* ddclient nic_ddnss_update, OpenWrt ddnss.de.json: upd.php */
	{ .name = "ddnss", .host = "ddnss.de", .path = "/upd.php",
	    .v6 = V6_SEPARATE, .qname = "host", .p4 = "ip", .p6 = "ip6",
	    .qsecret = "key", .flags = PF_ONE | PF_NOUSER, .own = ddnss },
	/* OpenWrt afraid.org-basicauth.json */
	{ .name = "afraid", .host = "freedns.afraid.org", .path = U,
	    .v6 = V6_SEPARATE, DYN2, .flags = PF_ONE },
	/* dynv6.com/docs/apis: the Update API (/nic/update is IPv4 only) */
	{ .name = "dynv6", .host = "dynv6.com", .path = "/api/update",
	    .v6 = V6_PARAM, .qname = "hostname", .p4 = "ipv4", .p6 = "ipv6",
	    .qsecret = "token", .flags = PF_ONE | PF_NOUSER, .own = dynv6 },
	/* ddclient nic_infomaniak (faq.infomaniak.com/2376) */
	{ .name = "infomaniak", .host = "infomaniak.com", .path = U,
	    .v6 = V6_SEPARATE, DYN2, .flags = PF_ONE, .own = infomaniak },
	/* pfSense, ddns-updater, OpenWrt opendns.com.json */
	{ .name = "opendns", .host = "updates.opendns.com", .path = U,
	    .v6 = V6_NONE, DYN2, .flags = PF_ONE },
	/* OpenWrt now-dns.com.json, ddns-updater */
	{ .name = "nowdns", .host = "now-dns.com", .path = "/update",
	    .v6 = V6_SEPARATE, DYN2, .flags = PF_ONE },
	/* dy.fi/page/specification */
	{ .name = "dyfi", .host = "www.dy.fi", .path = U, .v6 = V6_NONE,
	    .qname = "hostname", .flags = PF_SOURCE },
	/* inadyn, OpenWrt core-networks.de.json */
	{ .name = "corenetworks", .host = "dyndns.core-networks.de", .path = "/",
	    .v6 = V6_SEPARATE, DYN2, .keep4 = "keepipv4=1",
	    .keep6 = "keepipv6=1", .flags = PF_ONE },
	/* dyndns.variomedia.de: myip=v4,v6 */
	{ .name = "variomedia", .host = "dyndns.variomedia.de", .path = U,
	    .v6 = V6_COMBINED, DYN2, .flags = PF_ONE },
	/* OpenWrt hosting.de.json */
	{ .name = "hostingde", .host = "ddns.hosting.de", .path = U,
	    .v6 = V6_SEPARATE, DYN2, .flags = PF_ONE },
	/* simply.com/en/docs/api (api.simply.com); OpenWrt simply.com.json */
	{ .name = "simply", .host = "api.simply.com", .path = "/2/ddns/",
	    .v6 = V6_SEPARATE, DYN2, .flags = PF_ONE },
	/* duckdns.org/spec.jsp */
	{ .name = "duckdns", .host = "www.duckdns.org", .path = "/update",
	    .v6 = V6_PARAM, .qname = "domains", .zone = "duckdns.org",
	    .qsecret = "token", .p4 = "ip", .p6 = "ipv6", .flags = PF_NOUSER,
	    .own = duckdns },
	/* ddclient nic_namecheap, inadyn namecheap.c, OpenWrt */
	{ .name = "namecheap", .host = "dynamicdns.park-your-domain.com",
	    .path = "/update", .v6 = V6_NONE, .qname = "host",
	    .qzone = "domain", .qsecret = "password", .p4 = "ip",
	    .flags = PF_ONE | PF_NOUSER, .own = namecheap },
	/* inadyn freedns.c, OpenWrt afraid.org-keyauth.json: ?KEY&address= */
	{ .name = "freedns", .host = "freedns.afraid.org",
	    .path = "/dynamic/update.php", .v6 = V6_SEPARATE, .qsecret = "",
	    .p4 = "address", .flags = PF_NOUSER, .own = freedns },
	/* ddclient nic_easydns, OpenWrt easydns.com.json */
	{ .name = "easydns", .host = "api.cp.easydns.com",
	    .path = "/dyn/generic.php", .v6 = V6_SEPARATE, DYN2,
	    .flags = PF_ONE, .own = easydns },
	/* ddclient nic_zoneedit1, OpenWrt zoneedit.com.json */
	{ .name = "zoneedit", .host = "dynamic.zoneedit.com",
	    .path = "/auth/dynamic.html", .v6 = V6_NONE, .qname = "host",
	    .p4 = "dnsto", .flags = PF_ONE, .own = zoneedit },
	/* ddclient nic_njalla, OpenWrt njal.la.json */
	{ .name = "njalla", .host = "njal.la", .path = "/update/",
	    .v6 = V6_PARAM, .qname = "h", .qsecret = "k", .p4 = "a",
	    .p6 = "aaaa", .flags = PF_ONE | PF_NOUSER, .own = njalla },
	/* api.domeneshop.no/docs (dyndns); ddclient, inadyn */
	{ .name = "domeneshop", .host = "api.domeneshop.no",
	    .path = "/v0/dyndns/update", .v6 = V6_SEPARATE, DYN2,
	    .flags = PF_ONE, .own = domeneshop },
	/* regfish.de/domains/dyndns/dokumentation; ddclient, OpenWrt */
	{ .name = "regfish", .host = "dyndns.regfish.de", .path = "/?forcehost=1",
	    .v6 = V6_PARAM, .qname = "fqdn", .qsecret = "token", .p4 = "ipv4",
	    .p6 = "ipv6", .flags = PF_ONE | PF_NOUSER, .own = regfish },
	/* OpenWrt 3322.org.json */
	{ .name = "3322", .host = "members.3322.org",
	    .path = "/dyndns/update?system=dyndns", .v6 = V6_NONE, DYN2,
	    .flags = PF_ONE },
	/* OpenWrt schokokeks.org.json */
	{ .name = "schokokeks", .host = "dyndns.schokokeks.org", .path = U,
	    .v6 = V6_NONE, .p4 = "myip" },
	/* OpenWrt udmedia.de.json */
	{ .name = "udmedia", .host = "www.udmedia.de", .path = U,
	    .v6 = V6_SEPARATE, .p4 = "myip" },
	/* OpenWrt dnshome.de.json, inadyn dnshome.c */
	{ .name = "dnshome", .host = "www.dnshome.de", .path = "/dyndns.php",
	    .v6 = V6_SEPARATE, .qname = "hostname", .p4 = "ip", .p6 = "ip6",
	    .flags = PF_ONE | PF_USERNAME },
	/* OpenWrt twodns.de.json, inadyn twodns.c */
	{ .name = "twodns", .host = "update.twodns.de", .path = "/update",
	    .v6 = V6_NONE, .qname = "hostname", .p4 = "ip", .flags = PF_ONE },
	/* OpenWrt goip.de.json, inadyn goip.c */
	{ .name = "goip", .host = "www.goip.de", .path = "/setip",
	    .v6 = V6_SEPARATE, .qname = "subdomain", .quser = "username",
	    .qsecret = "password", .p4 = "ip", .p6 = "ip6", .flags = PF_ONE,
	    .own = goip },
	/* ddclient nic_freemyip, inadyn freemyip.c: the connection's address */
	{ .name = "freemyip", .host = "freemyip.com", .path = "/update",
	    .v6 = V6_NONE, .qname = "domain", .qsecret = "token",
	    .flags = PF_ONE | PF_NOUSER | PF_SOURCE, .own = okerror },
	/* OpenWrt myonlineportal.net.json, inadyn myonlineportal.c */
	{ .name = "myonlineportal", .host = "myonlineportal.net",
	    .path = "/updateddns", .v6 = V6_SEPARATE, .qname = "hostname",
	    .quser = "username", .qsecret = "password", .p4 = "ip", .p6 = "ip6",
	    .flags = PF_ONE },
	/* ddclient nic_dondominio, OpenWrt dondominio.com.json */
	{ .name = "dondominio", .host = "dondns.dondominio.com",
	    .path = "/plain/", .v6 = V6_NONE, .qname = "host", .quser = "user",
	    .qsecret = "password", .p4 = "ip", .flags = PF_ONE, .own = okerror },
	/* support.domaindiscount24.com "Dynamic DNS"; ddclient, inadyn */
	{ .name = "keysystems", .host = "dynamicdns.key-systems.net",
	    .path = "/update.php", .v6 = V6_NONE, .qname = "hostname",
	    .qsecret = "password", .p4 = "ip", .flags = PF_ONE | PF_NOUSER,
	    .own = keysystems },
	/* OpenWrt mydns.jp.json, inadyn mydns.c */
	{ .name = "mydnsjp", .host = "www.mydns.jp", .path = "/directip.html",
	    .v6 = V6_SEPARATE, .quser = "MID", .qsecret = "PWD",
	    .p4 = "IPV4ADDR", .p6 = "IPV6ADDR", .own = mydnsjp },
	/* OpenWrt ydns.io.json */
	{ .name = "ydns", .host = "ydns.io", .path = "/api/v1/update/",
	    .v6 = V6_SEPARATE, .qname = "host", .p4 = "ip", .flags = PF_ONE },
	/* OpenWrt eurodns.com.json */
	{ .name = "eurodns", .host = "update.eurodyndns.org", .path = "/update/",
	    .v6 = V6_SEPARATE, DYN2, .flags = PF_ONE },
	/* OpenWrt xlhost.de.json */
	{ .name = "xlhost", .host = "nsupdate.xlhost.de", .path = U,
	    .v6 = V6_NONE, DYN2, .flags = PF_ONE },
	/* OpenWrt oray.com.json */
	{ .name = "oray", .host = "ddns.oray.com", .path = "/ph/update",
	    .v6 = V6_NONE, DYN2, .flags = PF_ONE },
	/* nederhost.nl helpdesk: dynamische DNS-records gebruiken */
	{ .name = "nederhost", .host = "dyndns.nederhost.nl", .path = U,
	    .v6 = V6_NONE, DYN2 },
	/* inadyn giradns.c */
	{ .name = "giradns", .host = "homeserver.gira.de",
	    .path = "/hsdyndns.php", .v6 = V6_NONE, .quser = "u",
	    .qsecret = "p", .p4 = "ip", .own = okerror },
	{ .name = NULL }
};

const struct preset *
preset_all(void)
{
	return presets;
}

const struct preset *
preset_find(const char *name)
{
	const struct preset *p;

	for (p = presets; p->name != NULL; p++)
		if (strcasecmp(p->name, name) == 0)
			return p;
	return NULL;
}

const struct preset *
preset_row(const struct preset *p)
{
	return p != NULL ? p : &generic;
}

/*
 * The default User-Agent: Dyn's "company - model - build", or No-IP's
 * "Company NameOfProgram/OSVersion-ReleaseVersion contact".
 */
int
preset_agent(char *buf, size_t size, const struct preset *p,
    const char *sys, const char *machine)
{
	if (p != NULL && (p->flags & PF_NOIPUA))
		return snprintf(buf, size, "ddnsup ddnsup/%s-%s "
		    "ddnsup@example.invalid", sys, VERSION);
	return snprintf(buf, size, "ddnsup - %s %s - %s", sys, machine,
	    VERSION);
}
