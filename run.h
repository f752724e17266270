/* run.c: one instance's run, calling its protocol without knowing which */

/*
 * One instance's update (dry: -n, show what would be sent), every name's
 * result in res. 0; 1 when the state could not be saved; -1 when a local
 * failure stopped the run before any request (res then holds it).
 */
int run_job(struct job *, int, struct nameresult *);
