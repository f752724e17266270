/* ddnsup: one dynamic DNS update, single shot: options, output, exit status. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "ddnsup.h"

static struct cli c;
static struct instance inst[MAXINST];
static struct job jobs[MAXINST];
static struct nameresult res[MAXNAMES];

static NORETURN void
fatal(int status, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	warn("%s", buf);
	exit(status);
}

static NORETURN void
usage(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(buf, sizeof(buf), fmt, ap);
		va_end(ap);
		warn("%s", buf);
	}
	fprintf(stderr, "usage: %s [-46FlnqSvV] [-f file [-I instance]] "
	    "[-P protocol] [-s server] [-u user]\n"
	    "              [-p secretfile] [-a address | -i interface | -w url] "
	    "[-C cafile]\n"
	    "              [-k pin] [-c statefile] [-T period] [-t seconds] "
	    "[-o key=value] name ...\n", argv0);
	exit(ST_USAGE);
}

/* A library call failed: its failure decides the status. */
static NORETURN void
failed(void)
{
	fatal(fail_status(lastfail.kind), "%s", lastfail.msg);
}

static void
version(void)
{
	const struct preset *p;

	printf("ddnsup %s\nprotocols: dyndns,tzo\nschemes: http,https\n"
	    "presets:", VERSION);
	for (p = preset_all(); p->name != NULL; p++)
		printf("%s%s", p == preset_all() ? " " : ",", p->name);
	printf("\n");
}

static void
report(const struct job *j, const struct nameresult *res, int quiet)
{
	static const char *const words[] = { "updated", "unchanged", "failed",
	    "held", "skipped" };
	char msg[1024], last[1024] = "";
	const char *srv;
	int i, same = 1;

	for (i = 0; i < j->nnames; i++)
		if (res[i].res != R_FAILED ||
		    strcmp(res[i].code, res[0].code) != 0 ||
		    strcmp(res[i].text, res[0].text) != 0)
			same = 0;
	/* the server as the TLS messages name it; TZO's has three ports */
	srv = j->proto == P_TZO ? j->srv.host : url_where(&j->srv);
	for (i = 0; i < j->nnames; i++) {
		if (res[i].res == R_HELD && j->verbose)
			logv("%s", res[i].text);
		if (res[i].res != R_FAILED)
			continue;
		if (res[i].local)
			snprintf(msg, sizeof(msg), "%s", res[i].text);
		else if (same)
			snprintf(msg, sizeof(msg), "%s: %s: %s", srv,
			    res[i].code, res[i].text);
		else
			snprintf(msg, sizeof(msg), "%s: %s: %s: %s", srv,
			    j->names[i], res[i].code, res[i].text);
		if (strcmp(msg, last) != 0)
			warn("%s", msg);
		snprintf(last, sizeof(last), "%s", msg);
	}
	for (i = 0; i < j->nnames; i++)
		if (!quiet || res[i].status != ST_OK)
			printf("%s %s %s %s\n", j->names[i], words[res[i].res],
			    res[i].addr, res[i].code);
}


/* Every name of a job that could not start fails for the same reason. */
static int
notrun(const struct job *j, int quiet)
{
	int status = fail_status(lastfail.kind);

	results_fail(res, j->nnames, "-");
	report(j, res, quiet);
	return status;
}

/* One instance: its lines, and its status from its names' results. */
static int
runone(struct job *j, int dry, int quiet)
{
	int r = run_job(j, dry, res), status = ST_OK, i;

	if (dry) {
		if (r == 0)
			return ST_OK;
		warn("%s", lastfail.msg);
		return fail_status(lastfail.kind);
	}
	report(j, res, quiet);
	if (r == 1) {
		warn("%s", lastfail.msg);
		status = fail_status(lastfail.kind);
	}
	for (i = 0; i < j->nnames; i++)
		status = worse(status, res[i].status);
	return status;
}

static void
options(int argc, char *argv[], int *dry, int *quiet)
{
	int ch, r = 0;

	while ((ch = getopt(argc, argv,
	    "46a:C:c:Ff:I:i:k:lno:P:p:qSs:T:t:u:vVw:")) != -1) {
		switch (ch) {
		case '4': c.four = 1; break;
		case '6': c.six = 1; break;
		case 'a': r = job_set(&c, K_ADDRESS, optarg, "-a"); break;
		case 'C': r = job_set(&c, K_CACERT, optarg, "-C"); break;
		case 'c': r = job_set(&c, K_STATE, optarg, "-c"); break;
		case 'F': c.force = 1; break;
		case 'f': c.conffile = optarg; break;
		case 'I': c.select = optarg; break;
		case 'i': r = job_set(&c, K_LINK, optarg, "-i"); break;
		case 'k': r = job_set(&c, K_PIN, optarg, "-k"); break;
		case 'l':
			uselog = 1;
			openlog("ddnsup", LOG_PID, LOG_DAEMON);
			break;
		case 'n': *dry = 1; break;
		case 'o': r = job_option(&c, optarg); break;
		case 'P': r = job_set(&c, K_PROTO, optarg, "-P"); break;
		case 'p': r = job_set(&c, K_SECRETFILE, optarg, "-p"); break;
		case 'q': *quiet = 1; break;
		case 'S': c.status = 1; break;
		case 's': r = job_set(&c, K_SERVER, optarg, "-s"); break;
		case 'T': r = job_set(&c, K_PERIOD, optarg, "-T"); break;
		case 't': r = job_set(&c, K_TIMEOUT, optarg, "-t"); break;
		case 'u':
			r = job_set(&c, K_USER, optarg, "-u");
			job_set(&c, K_EMAIL, optarg, "-u");
			break;
		case 'v': c.verbose = 1; break;
		case 'V':
			version();
			exit(ST_OK);
		case 'w': r = job_set(&c, K_ADDRESSURL, optarg, "-w"); break;
		default:
			usage(NULL);
		}
		if (r == -1)
			usage("%s", lastfail.msg);
	}
	c.names = argv + optind;
	c.nnames = argc - optind;
}

int
main(int argc, char *argv[])
{
	int dry = 0, quiet = 0, n = 1, njobs, i, status = ST_OK;
	char *env;

	argv0 = "ddnsup";
	/* the secret is in memory from job_prepare on: never in a core */
	sandbox_early();
	options(argc, argv, &dry, &quiet);
	/* the command line's own mistakes, before any file is read */
	if (job_checkcli(&c) == -1)
		failed();
	if (c.conffile != NULL) {
		if ((n = conf_load(c.conffile, inst, MAXINST)) < 0)
			fatal(n == -1 ? ST_CONFIG : ST_USAGE, "%s",
			    lastfail.msg);
		if (n == 0)
			fatal(ST_USAGE, "%s: no instance", c.conffile);
	}
	/* -S: the TR-181 status; nothing is sent or written */
	if (c.status) {
		if (status_report(inst, n, &c) == -1)
			failed();
		if (fflush(stdout) == EOF)
			fatal(ST_CONFIG, "standard output:");
		return ST_OK;
	}
	/* every instance is checked before anything is read or sent */
	if ((njobs = job_select(jobs, inst, n, &c)) == -1)
		failed();
	for (i = 0; i < njobs; i++)
		if (job_prepare(&jobs[i]) == -1)
			break;
	/* /proc/PID/environ shows the process's own copy: blank it */
	if ((env = getenv("DDNSUP_PASSWORD")) != NULL)
		wipe(env, strlen(env));
	/* every file is read or known: restrict before the network */
	sandbox_enter(jobs, njobs);
	if (i < njobs)
		status = notrun(&jobs[i], quiet);
	else
		for (i = 0; i < njobs; i++)
			status = worse(status, runone(&jobs[i], dry, quiet));
	for (i = 0; i < njobs; i++)
		wipe(jobs[i].secret, sizeof(jobs[i].secret));
	if (fflush(stdout) == EOF)
		warn("standard output:");
	return status;
}
