/*
 * A run's phase for -S, in the lock the run holds on the state's lock
 * file: nothing is written there (on a tmpfs a byte would cost a page
 * per client, and a full file system must still take the state). The
 * run's write lock covers the whole file; Authenticating makes byte
 * PHASEBYTE's lock a read lock, Connecting a write lock again. -S asks
 * F_GETLK whether a read lock on that byte would be refused, only while
 * a run holds the lock, and never waits.
 */
#include <fcntl.h>
#include <string.h>

#include "progress.h"

#define PHASEBYTE	1

static int lockfd = -1;

/* A lock of type on the phase byte; the run holds the file, so it never waits. */
static void
phasebyte(short type)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = PHASEBYTE;
	fl.l_len = 1;
	(void)fcntl(lockfd, F_SETLK, &fl);
}

void
progress_open(int fd)
{
	lockfd = fd;
	progress_set(PHASE_CONNECTING);
}

void
progress_set(const char *phase)
{
	if (lockfd == -1)
		return;
	phasebyte(strcmp(phase, PHASE_AUTHENTICATING) == 0 ? F_RDLCK :
	    F_WRLCK);
}

const char *
progress_read(int fd)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_RDLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = PHASEBYTE;
	fl.l_len = 1;
	/* the run's read lock there lets a reader in: Authenticating */
	if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type == F_UNLCK)
		return PHASE_AUTHENTICATING;
	return PHASE_CONNECTING;
}
