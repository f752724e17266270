/* Where the state lives: its directory, file and lock trusted only when they are ours; orphan temporary files. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ddnsup.h"
#include "util.h"
#include "statedir.h"

#define PATHMAX	512
#ifndef S_ISVTX
#define S_ISVTX	01000	/* the sticky bit: XSI, not in plain POSIX's <sys/stat.h> */
#endif

const char *
statedir_of(const char *path)
{
	static char dir[PATHMAX];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	if ((slash = strrchr(dir, '/')) == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	return dir;
}

/*
 * As OpenSSH with its keys: what another user owns or can write could
 * say "registered" (nothing would be sent), hold the lock for good, or
 * be swapped under us. Root's own are trusted too (a system directory).
 */
static int
trusted(const struct stat *sb, const char *what, const char *path)
{
	if (sb->st_uid != geteuid() && sb->st_uid != 0)
		return fail(F_CONFIG, "%s%s: belongs to uid %ld, not to this "
		    "user (uid %ld) or root: refused", what, path,
		    (long)sb->st_uid, (long)geteuid());
	if (sb->st_mode & (S_IWGRP | S_IWOTH))
		return fail(F_CONFIG, "%s%s: others can write it%s: refused "
		    "(chmod go-w)", what, path, S_ISDIR(sb->st_mode) &&
		    (sb->st_mode & S_ISVTX) ? " (a shared directory such as "
		    "/tmp cannot hold the state)" : "");
	return 0;
}

int
statedir_trust(const char *dir)
{
	struct stat sb;

	if (stat(dir, &sb) == -1)
		return fail(F_CONFIG, "the state's directory %s:", dir);
	return trusted(&sb, "the state's directory ", dir);
}

int
statedir_ours(int fd, const char *path)
{
	struct stat sb;

	if (fstat(fd, &sb) == -1)
		return fail(F_CONFIG, "%s:", path);
	return trusted(&sb, "", path);
}

/* An orphan of state_save: base.XXXXXX (mkstemp's six), ours, a regular file. */
static int
orphan(int dfd, const char *name, const char *base)
{
	size_t bl = strlen(base), i;
	struct stat sb;
	char head[15];
	ssize_t n;
	int fd;

	if (strncmp(name, base, bl) != 0 || name[bl] != '.' ||
	    strlen(name + bl + 1) != 6)
		return 0;
	for (i = bl + 1; name[i] != '\0'; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9')))
			return 0;
	if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !S_ISREG(sb.st_mode) || sb.st_uid != geteuid() ||
	    (sb.st_mode & 07777) != 0600)
		return 0;
	/* empty (killed before the write), or the start of a state file */
	if (sb.st_size == 0)
		return 1;
	if ((fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)) == -1)
		return 0;
	n = readall(fd, head, sizeof(head));
	close(fd);
	return n > 0 && memcmp(head, "ddnsup-state 1\n", (size_t)n) == 0;
}

/*
 * Saves happen only under the lock, so what a save left behind before
 * this run took the lock is an orphan (a kill between mkstemp and
 * rename): removed, so that kills do not fill the directory.
 */
void
statedir_sweep(const char *path)
{
	const char *slash = strrchr(path, '/'), *base;
	struct dirent *e;
	DIR *d;

	base = slash != NULL ? slash + 1 : path;
	if ((d = opendir(statedir_of(path))) == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (orphan(dirfd(d), e->d_name, base))
			unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
}
