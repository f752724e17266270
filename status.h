/* status.c: -S, the TR-181 Device.DynamicDNS status (needs conf.h, cli.h) */

/* The file's clients (or the command line's one), in instance order; -1 with fail(). */
int status_report(const struct instance *, int, const struct cli *);
