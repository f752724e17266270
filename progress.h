/* progress.c: a run's phase, in its lock on the state's lock file, for a concurrent -S */

/* TR-181's Client.{i}.Status while a run holds the lock */
#define PHASE_CONNECTING	"Connecting"
#define PHASE_AUTHENTICATING	"Authenticating"

/* From now on phases go to fd, the state's lock file this run holds locked whole. */
void progress_open(int);
/* Publish a phase (one of the PHASE_ words); nothing without a lock file. */
void progress_set(const char *);
/* The phase of the run that holds fd's lock (PHASE_CONNECTING when unsure). */
const char *progress_read(int);
