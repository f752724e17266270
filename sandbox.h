/* sandbox.c: least privilege */

/* From the start: no core dumps (the secret will be in memory). */
void sandbox_early(void);
/* Once every input is read: no new privileges, Landlock, seccomp, where the kernel has them. */
void sandbox_enter(const struct job *, int);
