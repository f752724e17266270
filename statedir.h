/* statedir.c: where the state lives, trusted only when it is ours */

/* The directory a path is in ("." for none); a static buffer. */
const char *statedir_of(const char *);
/* The state's directory: this user's or root's, not writable by others; -1 with fail(). */
int statedir_trust(const char *);
/* An open state file or lock (path for messages): the same rule; -1 with fail(). */
int statedir_ours(int, const char *);
/* Under the lock: remove the orphan temporary files (path.XXXXXX) of an interrupted save. */
void statedir_sweep(const char *);
