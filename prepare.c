/* A checked job's local inputs: the secret (read once), the links' presence, the CA bundle. */
#include <sys/stat.h>
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ddnsup.h"
#include "util.h"
#include "result.h"
#include "ifaddr.h"
#include "cert.h"
#include "http.h"
#include "hash.h"
#include "conf.h"
#include "presets.h"
#include "job.h"
#include "proto.h"
#include "state.h"
#include "prepare.h"

/* -p: read once, whatever the number of instances that use it */
static char clisecret[MAXSECRET];
static size_t clisecretlen;
static int clisecretread;

/* NULL when the secret is text, else what it holds that is not (the configuration file's rule). */
static const char *
nottext(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == '\0')
			return "a NUL byte";
		else if ((unsigned char)s[i] < ' ' && s[i] != '\t')
			return "a control character";
	return NULL;
}

/*
 * The first line of a file ("-": standard input), at most MAXSECRET - 1
 * bytes. Messages name the file only once it has been read: a password
 * given to -p by mistake would be printed.
 */
static int
readsecret(const char *what, const char *path, char *out, size_t *outlen)
{
	char buf[MAXSECRET + 2] = "";
	const char *bad;
	struct stat sb;
	size_t len = 0;
	ssize_t n = 0;
	char *nl;
	int fd;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1)
		return fail(F_CONFIG, "%s: cannot open the secret file:", what);
	if (fd != STDIN_FILENO && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (sb.st_mode & (S_IRGRP | S_IROTH)))
		warn("%s: the secret file is readable by others", what);
	while (len < sizeof(buf) && memchr(buf, '\n', len) == NULL) {
		n = read(fd, buf + len, sizeof(buf) - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	if (n == -1)
		return fail(F_CONFIG, "%s: cannot read the secret file:", what);
	if ((nl = memchr(buf, '\n', len)) != NULL)
		len = (size_t)(nl - buf);
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	if (len >= MAXSECRET) {
		wipe(buf, sizeof(buf));
		return fail(F_CONFIG, "%s: secret longer than %d bytes",
		    what, MAXSECRET - 1);
	}
	if ((bad = nottext(buf, len)) != NULL) {
		wipe(buf, sizeof(buf));
		return fail(F_CONFIG, "%s %s: the secret holds %s: refused", what,
		    strcmp(path, "-") == 0 ? "(standard input)" : path, bad);
	}
	memcpy(out, buf, len);
	*outlen = len;
	wipe(buf, sizeof(buf));
	if (len == 0)
		return fail(F_CONFIG, "%s: empty secret", what);
	return 0;
}

/* The secret: -p's file (read once), the file's Password or KeyProvided, or the environment. */
int
prepare_secret(struct job *j)
{
	const struct setting *s = j->secretfrom;
	const char *env = getenv("DDNSUP_PASSWORD"), *what;
	char label[256];

	if (s != NULL && j->secretfile) {
		/* the path is named by its key, never itself (as with -p) */
		if (s->opt != NULL)
			snprintf(label, sizeof(label), "%s PasswordFile", s->opt);
		else
			snprintf(label, sizeof(label), "%s:%d: %s", s->file,
			    s->line, s->name ? s->name : "PasswordFile");
		if (readsecret(label, s->v, j->secret, &j->secretlen) == -1)
			return -1;
	} else if (s != NULL && s->opt != NULL) {
		if (!clisecretread && readsecret("-p", s->v, clisecret,
		    &clisecretlen) == -1)
			return -1;
		clisecretread = 1;
		memcpy(j->secret, clisecret, clisecretlen);
		j->secretlen = clisecretlen;
	} else if (s != NULL) {
		j->secretlen = strlen(s->v);
		memcpy(j->secret, s->v, j->secretlen);
		/* the file's copy is not needed again */
		wipe((char *)s->v, j->secretlen);
	} else {
		if (env == NULL)
			return fail(F_USAGE, "no password: give -p file or set "
			    "DDNSUP_PASSWORD");
		if (strlen(env) >= MAXSECRET)
			return fail(F_CONFIG, "DDNSUP_PASSWORD: longer than %d "
			    "bytes", MAXSECRET - 1);
		if ((what = nottext(env, strlen(env))) != NULL)
			return fail(F_CONFIG, "DDNSUP_PASSWORD: the secret holds "
			    "%s: refused", what);
		j->secretlen = strlen(env);
		memcpy(j->secret, env, j->secretlen);
	}
	return 0;
}

/* The CA bundle a handshake will need is there and readable. */
static int
cabundle(struct job *j)
{
	/* the anchors are decoded only when a handshake needs them */
	if (prepare_cafile(j) == 0)
		return 0;
	if (j->cafile == NULL)
		return fail(F_CONFIG, "no CA bundle found: give -C file");
	if (access(j->cafile, R_OK) == -1)
		return fail(F_CONFIG, "%s: %s", j->cafile, strerror(errno));
	return 0;
}

/*
 * The local part, once every instance has been checked: the secret,
 * the interfaces' names, the CA bundle. Returns -1 with lastfail.
 * With dry (-n) only what keeps every request from being shown fails;
 * the rest is a warning naming the status a real run would have had
 * (the links are left to the run, which shows their addresses unknown).
 */
int
prepare_job(struct job *j, int dry)
{
	/* the links themselves may come late (ppp0): looked up in the run */
	if (j->link != NULL && !ifaddr_name(j->link))
		return fail(F_CONFIG, "%s: not an interface name", j->link);
	if (j->prefixif != NULL && !ifaddr_name(j->prefixif))
		return fail(F_CONFIG, "%s: not an interface name", j->prefixif);
	if (prepare_secret(j) == -1) {
		if (!dry)
			return -1;
		fail_dry();
	}
	/* a first run: before the sandbox, which allows only existing paths */
	if (j->statefile != NULL && state_mkdir(j->statefile) == -1) {
		if (!dry)
			return -1;
		fail_dry();
		j->statefile = NULL;
	}
	if (j->proto->prepare(j) == -1)
		return -1;
	if (cabundle(j) == -1) {
		if (!dry)
			return -1;
		fail_dry();
		j->cafile = NULL;
	}
	return 0;
}

/* The CA file a job uses (NULL when none is found); 0 when it needs none. */
int
prepare_cafile(struct job *j)
{
	int i, tls = j->proto->needca != NULL && j->proto->needca(j);

	for (i = 0; j->checkurl != NULL && i < j->nwurl; i++)
		tls |= j->wurl[i].tls;
	if (tls) {
		if (j->cafile == NULL)
			j->cafile = cert_cafile();
		return 1;
	}
	j->cafile = NULL;
	return 0;
}

