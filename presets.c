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
	{ 200, "successful", R_UPDATED, ST_OK, "good", "updated" },
	{ 401, NULL, R_FAILED, ST_NOPERM, "badauth",
	    "user name or password refused (HTTP 401)" },
	{ 422, NULL, R_FAILED, ST_CONFIG, "badrequest",
	    "the provider refused the request (HTTP 422)" },
	{ 0, NULL, R_FAILED, 0, NULL, NULL }
};

/* deSEC: HTTP statuses (desec-stack docs/dyndns/update-api.rst) */
static const struct answer desec[] = {
	{ 400, NULL, R_FAILED, ST_CONFIG, "badrequest",
	    "the provider refused the request (HTTP 400)" },
	{ 401, NULL, R_FAILED, ST_NOPERM, "badauth",
	    "user name or token refused (HTTP 401)" },
	{ 403, NULL, R_FAILED, ST_NOPERM, "http403",
	    "this account may not update the name (HTTP 403)" },
	{ 0, NULL, R_FAILED, 0, NULL, NULL }
};

/* selfHOST: HTTP statuses ("API Update Schnittstelle Selfhost.de") */
static const struct answer selfhost[] = {
	{ 204, NULL, R_UNCHANGED, ST_OK, "nochg", "no change (HTTP 204)" },
	{ 401, NULL, R_FAILED, ST_NOPERM, "badauth",
	    "account closed or not authorised (HTTP 401)" },
	{ 409, NULL, R_FAILED, ST_CONFIG, "nohost",
	    "no zone in this account (HTTP 409)" },
	{ 410, NULL, R_FAILED, ST_NOPERM, "badauth",
	    "account inactive (HTTP 410)" },
	{ 411, NULL, R_FAILED, ST_CONFIG, "badip",
	    "the address is not valid (HTTP 411)" },
	{ 412, NULL, R_FAILED, ST_CONFIG, "badip",
	    "a private address cannot be published (HTTP 412)" },
	{ 0, NULL, R_FAILED, 0, NULL, NULL }
};

/* Infomaniak: its own words besides good and nochg (issue 13; ddclient) */
static const struct answer infomaniak[] = {
	{ 0, "successfully_changed", R_UPDATED, ST_OK, "good", "updated" },
	{ 0, "no_change", R_UNCHANGED, ST_OK, "nochg", "no change" },
	{ 0, "validation failed", R_FAILED, ST_CONFIG, "notfqdn",
	    "the provider found no valid host name" },
	{ 0, NULL, R_FAILED, 0, NULL, NULL }
};

#define U	"/nic/update"
#define MY	"myip", NULL, NULL, NULL

static const struct preset generic = {
	"dyndns", "members.dyndns.org", U, V6_COMBINED, NULL, MY, 0, NULL
};

static const struct preset presets[] = {
	/* help.dyn.com: perform-update, return-codes */
	{ "dyn", "members.dyndns.org", U, V6_COMBINED, NULL, MY, 0, NULL },
	/* noip.com/integrate/request, /integrate/response */
	{ "noip", "dynupdate.no-ip.com", U, V6_COMBINED, NULL, MY, PF_NOIPUA,
	    NULL },
	/* ddclient nic_henet_update, OpenWrt he.net.json */
	{ "he", "dyn.dns.he.net", U, V6_SEPARATE, NULL, MY,
	    PF_ONE | PF_USERNAME, NULL },
	/* forums.he.net topic 1994 (HE staff) */
	{ "tunnelbroker", "ipv4.tunnelbroker.net", U, V6_NONE, NULL, MY,
	    PF_ONE, NULL },
	/* updates.dnsomatic.com/docs/api */
	{ "dnsomatic", "updates.dnsomatic.com", U, V6_NONE, NULL, MY, 0, NULL },
	/* dynu.com IP-Update-Protocol; ddclient nic_dynu_update */
	{ "dynu", "api.dynu.com", U, V6_PARAM, NULL, "myip", "myipv6",
	    "myip=no", "myipv6=no", PF_ONE, NULL },
	/* ovh/docs web_cloud/domains/dns_dynhost guide (2025) */
	{ "ovh", "dns.eu.ovhapis.com", U "?system=dyndns", V6_SEPARATE, NULL,
	    MY, PF_ONE | PF_MYIP6, NULL },
	/* STRATO FAQ; ddns-updater, inadyn */
	{ "strato", "dyndns.strato.com", U, V6_COMBINED, NULL, MY, 0, NULL },
	/* ddclient, inadyn, OpenWrt ddns-scripts */
	{ "changeip", "nic.changeip.com", U, V6_NONE, NULL, MY, PF_ONE,
	    changeip },
	/* wiki.securepoint.de SPDyn/Parameter, SPDyn/Updatetoken */
	{ "spdyn", "update.spdyn.de", U, V6_COMBINED, NULL, MY,
	    PF_ONE | PF_USERNAME, NULL },
	/* nsupdate.info src/nsupdate/api/views.py */
	{ "nsupdate.info", "ipv4.nsupdate.info", U, V6_HOSTS,
	    "ipv6.nsupdate.info", MY, PF_ONE | PF_USERNAME, NULL },
	/* ddclient nic_inwx_examples (observed 2024) */
	{ "inwx", "dyndns.inwx.com", U, V6_PARAM, NULL, "myip", "myipv6",
	    NULL, NULL, PF_BOTH | PF_BOUND, NULL },
	/* ddclient examples, OpenWrt joker.com.json */
	{ "joker", "svc.joker.com", U, V6_SEPARATE, NULL, MY, PF_ONE, NULL },
	/* desec-stack docs/dyndns/update-api.rst */
	{ "desec", "update.dedyn.io", U, V6_PARAM, NULL, "myipv4", "myipv6",
	    "myipv4=preserve", "myipv6=preserve", 0, desec },
	/* ipv64.net/dyndns_updater_api */
	{ "ipv64", "ipv64.net", U, V6_PARAM, NULL, "myip", "myipv6", NULL,
	    NULL, 0, NULL },
	/* OPNsense dyndns2, pfSense dyndns.class */
	{ "loopia", "dyndns.loopia.se", U, V6_NONE, NULL, MY, PF_ONE, NULL },
	/* inadyn, OpenWrt, pfSense (dyndns.kasserver.com) */
	{ "allinkl", "dyndns.kasserver.com", "/", V6_NONE, NULL, MY, PF_BOUND,
	    NULL },
	/* "API Update Schnittstelle Selfhost.de" */
	{ "selfhost", "carol.selfhost.de", U, V6_NONE, NULL, MY, PF_ONE,
	    selfhost },
	/* do.de wiki FlexDNS - Entwickler; inadyn */
	{ "dode", "ddns.do.de", U, V6_SEPARATE, NULL, MY, PF_ONE, NULL },
	/* inadyn, OpenWrt dyndns.it.json */
	{ "dyndnsit", "update.dyndns.it", U "?system=dyndns", V6_NONE, NULL,
	    MY, PF_ONE, NULL },
	/* ddclient examples (dyndns2 on ddnss.de) */
	{ "ddnss", "ddnss.de", U, V6_SEPARATE, NULL, MY, PF_ONE, NULL },
	/* OpenWrt afraid.org-basicauth.json */
	{ "afraid", "freedns.afraid.org", U, V6_SEPARATE, NULL, MY, PF_ONE,
	    NULL },
	/* dynv6.com/docs/apis: /nic/update is IPv4 only */
	{ "dynv6", "dynv6.com", U, V6_NONE, NULL, MY, PF_ONE, NULL },
	/* ddclient nic_infomaniak (faq.infomaniak.com/2376) */
	{ "infomaniak", "infomaniak.com", U, V6_SEPARATE, NULL, MY, PF_ONE,
	    infomaniak },
	/* pfSense, ddns-updater, OpenWrt opendns.com.json */
	{ "opendns", "updates.opendns.com", U, V6_NONE, NULL, MY, PF_ONE,
	    NULL },
	/* OpenWrt now-dns.com.json, ddns-updater */
	{ "nowdns", "now-dns.com", "/update", V6_SEPARATE, NULL, MY, PF_ONE,
	    NULL },
	/* dy.fi/page/specification */
	{ "dyfi", "www.dy.fi", U, V6_NONE, NULL, MY, PF_SOURCE, NULL },
	/* inadyn, OpenWrt core-networks.de.json */
	{ "corenetworks", "dyndns.core-networks.de", "/", V6_SEPARATE, NULL,
	    "myip", NULL, "keepipv4=1", "keepipv6=1", PF_ONE, NULL },
	/* dyndns.variomedia.de */
	{ "variomedia", "dyndns.variomedia.de", U, V6_COMBINED, NULL, MY,
	    PF_ONE, NULL },
	/* OpenWrt hosting.de.json */
	{ "hostingde", "ddns.hosting.de", U, V6_SEPARATE, NULL, MY, PF_ONE,
	    NULL },
	/* inadyn commit d03018d (by Simply.com), ddclient */
	{ "simply", "ddns.simply.com", U, V6_SEPARATE, NULL, MY, PF_ONE, NULL },
	{ NULL, NULL, NULL, V6_COMBINED, NULL, NULL, NULL, NULL, NULL, 0, NULL }
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
