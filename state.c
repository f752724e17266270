/* The state file: what was registered, held off or stopped, between runs. */
#include <sys/socket.h>
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "ddnsup.h"
#include "util.h"
#include "http.h"
#include "hash.h"
#include "statedir.h"
#include "progress.h"
#include "state.h"

#define HEADER		"ddnsup-state 1"
#define STATEMAX	65536
#define LINEMAX		640

static int
isnumber(const char *s, long long *v)
{
	return num_parse(s, 0, 999999999999999999LL, v) == 0;
}

static int
ishex(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[len] == '\0';
}

static int
isword(const char *s, size_t max)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7f)
			return 0;
	return i > 0 && i < max;
}

/* An address field: "-", or a literal of the record's family. */
static int
isaddr(const char *s, char family)
{
	char canon[ADDRLEN];
	size_t i, start = 0;
	int fam, n = 0;

	if (strcmp(s, "-") == 0)
		return 1;
	if (strlen(s) >= ADDRLEN)
		return 0;
	for (i = 0;; i++) {
		if (s[i] != ',' && s[i] != '\0')
			continue;
		if (i - start >= ADDRLEN)
			return 0;
		memcpy(canon, s + start, i - start);
		canon[i - start] = '\0';
		if (addr_class(canon, &fam, canon, sizeof(canon)) == A_BAD ||
		    (family != '-' && (fam == AF_INET) != (family == '4')))
			return 0;
		n++;
		if (s[i] == '\0')
			break;
		start = i + 1;
	}
	return n <= (family == '-' ? 2 : 1);
}

static int
isstatus(long long v)
{
	return v == ST_OK || v == ST_USAGE || v == ST_NOHOST ||
	    v == ST_UNAVAILABLE || (v >= ST_TEMPFAIL && v <= ST_CONFIG);
}

struct staterec *
state_find(struct state *st, const char *name, char family)
{
	int i;

	for (i = 0; i < st->n; i++)
		if (strcasecmp(st->rec[i].name, name) == 0 &&
		    st->rec[i].family == family)
			return &st->rec[i];
	return NULL;
}

static int
parseline(struct state *st, char *line)
{
	char *f[14], *p;
	int n = 0;
	long long v[5];
	struct staterec *r;
	struct checkrec *c;

	for (p = line; n < 14; n++) {
		f[n] = p;
		if ((p = strchr(p, ' ')) == NULL) {
			n++;
			break;
		}
		*p++ = '\0';
	}
	if (n == 4 && strcmp(f[0], "pending") == 0) {
		/* a request about to leave: what a later save replaces */
		if (!validname(f[1], 0) || !isaddr(f[2], '-') ||
		    !isnumber(f[3], &v[0]))
			return fail(F_CONFIG, "bad pending record");
		return 0;
	}
	if (n == 2 && strcmp(f[0], "salt") == 0) {
		if (st->salt[0] != '\0' || strlen(f[1]) != FPHEX || !ishex(f[1], FPHEX))
			return fail(F_CONFIG, "bad salt");
		memcpy(st->salt, f[1], FPSIZE);
		return 0;
	}
	if (n == 5 && strcmp(f[0], "check") == 0) {
		if ((f[1][0] != '4' && f[1][0] != '6') || f[1][1] != '\0' ||
		    !isnumber(f[2], &v[0]) || !isaddr(f[3], f[1][0]) ||
		    strcmp(f[3], "-") == 0 || !isword(f[4], sizeof(c->url)))
			return fail(F_CONFIG, "bad check record");
		c = &st->check[f[1][0] == '6'];
		if (c->time != 0)
			return fail(F_CONFIG, "check record twice");
		c->time = v[0];
		c->family = f[1][0];
		snprintf(c->addr, sizeof(c->addr), "%s", f[3]);
		snprintf(c->url, sizeof(c->url), "%s", f[4]);
		return 0;
	}
	if (n == 4 && strcmp(f[0], "fails") == 0) {
		/* consecutive failures, for MaxRetries: after its name record */
		if ((r = state_find(st, f[1], f[2][0])) == NULL || f[2][1] != '\0' ||
		    !isnumber(f[3], &v[0]) || v[0] == 0 || r->fails != 0)
			return fail(F_CONFIG, "bad fails record");
		r->fails = v[0];
		return 0;
	}
	if ((n != 10 && n != 13) || strcmp(f[0], "name") != 0)
		return fail(F_CONFIG, "unknown record");
	/* a hold for a local failure: "local", the address and configuration it was for */
	if (n == 13 && (strcmp(f[10], "local") != 0 || !isaddr(f[11],
	    f[2][0]) || strlen(f[12]) != FPHEX ||
	    !ishex(f[12], FPHEX)))
		return fail(F_CONFIG, "bad name record");
	if (!validname(f[1], 0) || (f[2][0] != '4' && f[2][0] != '6' &&
	    f[2][0] != '-') || f[2][1] != '\0' || !isaddr(f[3], f[2][0]) ||
	    !isnumber(f[4], &v[0]) || !isword(f[5], sizeof(r->code)) ||
	    !isnumber(f[6], &v[1]) || !isstatus(v[1]) ||
	    !isnumber(f[7], &v[2]) || !isnumber(f[8], &v[3]) ||
	    (strcmp(f[9], "-") != 0 && (strlen(f[9]) != FPHEX ||
	    !ishex(f[9], FPHEX))))
		return fail(F_CONFIG, "bad name record");
	if (state_find(st, f[1], f[2][0]) != NULL)
		return fail(F_CONFIG, "%s recorded twice", f[1]);
	if (st->n == MAXRECS)
		return fail(F_CONFIG, "more than %d records", MAXRECS);
	r = &st->rec[st->n++];
	snprintf(r->name, sizeof(r->name), "%s", f[1]);
	r->family = f[2][0];
	snprintf(r->addr, sizeof(r->addr), "%s", f[3]);
	r->updated = v[0];
	snprintf(r->code, sizeof(r->code), "%s", f[5]);
	r->status = (int)v[1];
	r->hold = v[2];
	r->stop = v[3];
	snprintf(r->fp, sizeof(r->fp), "%s", f[9]);
	if (n == 13) {
		snprintf(r->lhold, sizeof(r->lhold), "%s", f[11]);
		snprintf(r->lfp, sizeof(r->lfp), "%s", f[12]);
	}
	return 0;
}

/* Parse a whole state file; -1 with the line and cause in lastfail. */
int
state_parse(struct state *st, const char *text, size_t len)
{
	char line[LINEMAX + 1];
	const char *p = text, *end = text + len, *nl;
	size_t l;
	int lineno;

	memset(st->rec, 0, sizeof(st->rec));
	memset(st->check, 0, sizeof(st->check));
	st->n = 0;
	st->salt[0] = '\0';
	for (lineno = 1; p < end; lineno++, p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return fail(F_CONFIG, "line %d: truncated", lineno);
		if ((l = (size_t)(nl - p)) > LINEMAX || memchr(p, '\0', l))
			return fail(F_CONFIG, "line %d: malformed", lineno);
		memcpy(line, p, l);
		line[l] = '\0';
		if (lineno == 1) {
			if (strcmp(line, HEADER) != 0)
				return fail(F_CONFIG, "not a version 1 state "
				    "file");
			continue;
		}
		if (parseline(st, line) == -1)
			return fail(F_CONFIG, "line %d: %s", lineno,
			    lastfail.msg);
	}
	if (lineno == 1)
		return fail(F_CONFIG, "empty");
	if (st->salt[0] == '\0')
		return fail(F_CONFIG, "no salt");
	return 0;
}

size_t
state_format(const struct state *st, char *buf, size_t size)
{
	size_t n;
	int i;
	const struct staterec *r;
	const struct checkrec *c;

	n = (size_t)snprintf(buf, size, "%s\nsalt %s\n", HEADER, st->salt);
	for (i = 0; i < 2 && n < size; i++) {
		c = &st->check[i];
		if (c->time != 0)
			n += (size_t)snprintf(buf + n, size - n,
			    "check %c %lld %s %s\n", c->family, c->time,
			    c->addr, c->url);
	}
	for (i = 0; i < st->n && n < size; i++) {
		r = &st->rec[i];
		n += (size_t)snprintf(buf + n, size - n,
		    "name %s %c %s %lld %s %d %lld %lld %s%s%s%s%s\n", r->name,
		    r->family, r->addr, r->updated, r->code, r->status, r->hold,
		    r->stop, r->fp, r->lhold[0] ? " local " : "", r->lhold,
		    r->lhold[0] ? " " : "", r->lhold[0] ? r->lfp : "");
		if (r->fails > 0 && n < size)
			n += (size_t)snprintf(buf + n, size - n,
			    "fails %s %c %lld\n", r->name, r->family, r->fails);
	}
	for (i = 0; i < st->npend && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "pending %s %s %lld\n",
		    st->pend[i], st->pendaddr, st->pendtime);
	return n < size ? n : 0;
}

static void
newsalt(struct state *st)
{
	unsigned char r[FPHEX / 2];
	int i;

	if (hash_random(r, sizeof(r)) == -1)
		for (i = 0; i < FPHEX / 2; i++)
			r[i] = (unsigned char)(time(NULL) >> (i % 4 * 8) ^ getpid());
	for (i = 0; i < FPHEX / 2; i++)
		snprintf(st->salt + 2 * (size_t)i, 3, "%02x", r[i]);
}

/* The kind of a file that is not a regular one, for a message. */
static const char *
kind(mode_t m)
{
	return S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" :
	    S_ISCHR(m) || S_ISBLK(m) ? "a device" : S_ISDIR(m) ? "a directory" :
	    "not a regular file";
}

/*
 * A state file or its lock, opened without following a symbolic link
 * and without waiting on a FIFO; anything but a regular file is
 * refused. -1 with lastfail, and errno ENOENT for a missing file.
 */
static int
openreg(const char *path, int flags, mode_t mode)
{
	struct stat sb;
	int fd, e;

	if ((fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK, mode)) == -1) {
		e = errno;
		if (e == ELOOP)
			fail(F_CONFIG, "%s: a symbolic link is refused", path);
		else
			fail(F_CONFIG, "%s:", path);
		errno = e;
		return -1;
	}
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	if (fstat(fd, &sb) == -1) {
		e = errno;
		close(fd);
		errno = e;
		return fail(F_CONFIG, "%s:", path);
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		fail(F_CONFIG, "%s: %s, not a regular file: unusable", path,
		    kind(sb.st_mode));
		errno = EINVAL;
		return -1;
	}
	return fd;
}

static int
lock(struct state *st, int waitms)
{
	char path[sizeof(st->path) + 8];
	struct flock fl;

	snprintf(path, sizeof(path), "%s.lock", st->path);
	/* another user's lock (or FIFO) would stop every run: refused */
	if ((st->lockfd = openreg(path, O_RDWR | O_CREAT, 0600)) == -1 ||
	    statedir_ours(st->lockfd, path) == -1)
		return -1;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	/* another run holds it: wait, but no longer than the deadline */
	while (fcntl(st->lockfd, F_SETLK, &fl) == -1) {
		if (errno != EACCES && errno != EAGAIN && errno != EINTR)
			return fail(F_CONFIG, "lock %s:", path);
		if ((waitms -= 20) < 0)
			return fail(F_TIMEOUT, "%s: still locked by another "
			    "run at the deadline", st->path);
		poll(NULL, 0, 20);
	}
	progress_open(st->lockfd);
	return 0;
}

/*
 * A first run: the state file's directory is created (mode 0700), but
 * only its last component, so that a mistyped path is not built.
 */
int
state_mkdir(const char *path)
{
	const char *dir = statedir_of(path);

	if (mkdir(dir, 0700) == 0 || errno == EEXIST)
		return 0;
	if (errno == ENOENT)
		return fail(F_CONFIG, "%s: the state file's directory %s is "
		    "missing, and so is its parent: create them", path, dir);
	return fail(F_CONFIG, "%s: the state file's directory %s is missing "
	    "and cannot be created:", path, dir);
}

/*
 * Lock the state (waiting at most waitms for another run), read it (a
 * missing file is an empty state, a corrupt one a warning and an empty
 * state), and check that its directory can be written, so that one that
 * cannot is found before anything is sent.
 */
int
state_open(struct state *st, const char *path, int waitms)
{
	static char buf[STATEMAX + 1];
	struct stat sb;
	size_t len;
	ssize_t n;
	int fd;

	memset(st, 0, sizeof(*st));
	st->lockfd = st->tmpfd = -1;
	if (strlen(path) >= sizeof(st->path))
		return fail(F_CONFIG, "%s: path too long", path);
	snprintf(st->path, sizeof(st->path), "%s", path);
	/* before the lock is created in it */
	if (statedir_trust(statedir_of(path)) == -1)
		return -1;
	if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		return fail(F_CONFIG, "%s: not a regular file%s", path,
		    S_ISLNK(sb.st_mode) ? " (a symbolic link is refused)" : "");
	if (lock(st, waitms) == -1)
		return -1;
	statedir_sweep(path);
	if ((fd = openreg(path, O_RDONLY, 0)) == -1) {
		if (errno != ENOENT)
			return -1;
	} else {
		if (statedir_ours(fd, path) == -1) {
			close(fd);
			return -1;
		}
		n = readall(fd, buf, sizeof(buf));
		close(fd);
		if (n == -1)
			return fail(F_CONFIG, "%s:", path);
		len = (size_t)n;
		if (len > STATEMAX || state_parse(st, buf, len) == -1) {
			warn("%s: corrupt state (%s): starting afresh", path,
			    len > STATEMAX ? "too large" : lastfail.msg);
			memset(st->rec, 0, sizeof(st->rec));
			memset(st->check, 0, sizeof(st->check));
			st->n = 0;
			st->salt[0] = '\0';
		}
	}
	if (st->salt[0] == '\0')
		newsalt(st);
	/* a check, not a file: a run that sends nothing writes nothing */
	if (access(statedir_of(path), W_OK) == -1)
		return fail(F_CONFIG, "cannot write the state next to %s:",
		    path);
	return 0;
}

/*
 * -S: read the state without the lock and without creating anything.
 * A state file is only ever replaced by rename(), so one read sees one
 * whole version. *busy: a run holds the lock now (*phase: where it is,
 * progress.h's word). A missing file is an empty state, a corrupt one a
 * warning and an empty state.
 */
int
state_peek(struct state *st, const char *path, int *busy, const char **phase)
{
	static char buf[STATEMAX + 1];
	char lockpath[sizeof(st->path) + 8];
	struct flock fl;
	ssize_t n;
	int fd;

	memset(st, 0, sizeof(*st));
	st->lockfd = st->tmpfd = -1;
	*busy = 0;
	*phase = NULL;
	snprintf(lockpath, sizeof(lockpath), "%s.lock", path);
	/* never blocks: a FIFO in place of either is reported, not waited on */
	if ((fd = openreg(lockpath, O_RDONLY, 0)) != -1) {
		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_RDLCK;
		fl.l_whence = SEEK_SET;
		*busy = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
		if (*busy)
			*phase = progress_read(fd);
		close(fd);
	} else if (errno != ENOENT)
		return -1;
	if ((fd = openreg(path, O_RDONLY, 0)) == -1)
		return errno == ENOENT ? 0 : -1;
	n = readall(fd, buf, sizeof(buf));
	close(fd);
	if (n == -1)
		return fail(F_CONFIG, "%s:", path);
	if (n > STATEMAX || state_parse(st, buf, (size_t)n) == -1) {
		warn("%s: corrupt state (%s): reported as never run", path,
		    n > STATEMAX ? "too large" : lastfail.msg);
		memset(st, 0, sizeof(*st));
		st->lockfd = st->tmpfd = -1;
	}
	return 0;
}

static int
syncdir(const char *path)
{
	int fd, r;

	if ((fd = open(statedir_of(path), O_RDONLY)) == -1)
		return -1;
	r = fsync(fd);
	close(fd);
	return r;
}

/* Write to the temporary file, sync, rename over the old file, sync. */
int
state_save(struct state *st)
{
	static char buf[STATEMAX];
	size_t len, off = 0;
	ssize_t n;

	if ((len = state_format(st, buf, sizeof(buf))) == 0)
		return fail(F_CONFIG, "%s: state too large", st->path);
	snprintf(st->tmp, sizeof(st->tmp), "%s.XXXXXX", st->path);
	if ((st->tmpfd = mkstemp(st->tmp)) == -1) {
		st->tmp[0] = '\0';
		return fail(F_CONFIG, "%s: cannot write the state (the old "
		    "one is kept):", st->path);
	}
	while (off < len) {
		n = write(st->tmpfd, buf + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			goto bad;
		off += (size_t)n;
	}
	if (fsync(st->tmpfd) == -1 || close(st->tmpfd) == -1) {
		st->tmpfd = -1;
		goto bad;
	}
	st->tmpfd = -1;
	if (rename(st->tmp, st->path) == -1)
		goto bad;
	st->tmp[0] = '\0';
	if (syncdir(st->path) == -1)
		return fail(F_CONFIG, "%s: sync of its directory:", st->path);
	return 0;
bad:
	n = errno;
	state_close(st);
	errno = (int)n;
	return fail(F_CONFIG, "%s: cannot write the state (the old one is "
	    "kept):", st->path);
}

/*
 * Before a request leaves: the state with the names about to be sent,
 * written as any save is. A state that cannot be written now could not
 * record the outcome either: nothing is sent, and a full disk never
 * turns into a request on every run.
 */
int
state_pending(struct state *st, const char *const *names, int n,
    const char *addrs, long long now)
{
	int r, e;

	st->pend = names;
	st->npend = n;
	snprintf(st->pendaddr, sizeof(st->pendaddr), "%s", addrs);
	st->pendtime = now;
	errno = 0;
	r = state_save(st);
	e = errno;
	st->npend = 0;
	if (r == 0)
		return 0;
	if (e == 0)
		return fail(F_CONFIG, "%s: nothing is sent: %s",
		    statedir_of(st->path), lastfail.msg);
	return fail(F_CONFIG, "%s: the state cannot be written there, so "
	    "nothing is sent: %s", statedir_of(st->path), strerror(e));
}

void
state_close(struct state *st)
{
	if (st->tmpfd != -1)
		close(st->tmpfd);
	st->tmpfd = -1;
	if (st->tmp[0] != '\0')
		unlink(st->tmp);
	st->tmp[0] = '\0';
	if (st->lockfd != -1) {
		progress_open(-1);
		close(st->lockfd);
	}
	st->lockfd = -1;
}

/* Added when there is none; NULL when the state is full. */
struct staterec *
state_get(struct state *st, const char *name, char family)
{
	struct staterec *r = state_find(st, name, family);

	if (r != NULL || st->n == MAXRECS)
		return r;
	r = &st->rec[st->n++];
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->family = family;
	snprintf(r->addr, sizeof(r->addr), "-");
	snprintf(r->fp, sizeof(r->fp), "-");
	return r;
}
