/* ddnsup: one dynamic DNS update, single shot: options, output, exit status. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	logerr("%s", buf);
	exit(status);
}

static void
synopsis(FILE *fp)
{
	fprintf(fp, "usage: %s [-46EFhlnqSvV] [-f file [-I instance]] "
	    "[-P protocol] [-s server] [-u user]\n"
	    "              [-p secretfile] [-a address | -i interface | -w url] "
	    "[-C cafile]\n"
	    "              [-k pin] [-c statefile] [-T period] [-t seconds] "
	    "[-o key=value] name ...\n", argv0);
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
		logerr("%s", buf);
	}
	synopsis(stderr);
	exit(ST_USAGE);
}

/* -h: the synopsis and where the rest is, on standard output */
static NORETURN void
help(void)
{
	synopsis(stdout);
	printf("The manual, ddnsup(1), describes every option: man ddnsup\n");
	exit(ST_OK);
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

/*
 * An instance's lines on standard output (with -q only the failures),
 * then each distinct failure's cause: cron mail says what, then why.
 * With -l every update is a notice in syslog, also under -q.
 */
static void
report(const struct job *j, const struct nameresult *res, int quiet)
{
	static const char *const words[] = { "updated", "unchanged", "failed",
	    "held", "skipped" };
	char msg[1024], last[1024] = "";
	const char *srv;
	int i, same = 1;

	for (i = 0; i < j->nnames; i++) {
		if (!quiet || res[i].res == R_FAILED)
			printf("%s %s %s %s\n", j->names[i], words[res[i].res],
			    res[i].addr, res[i].code);
		if (res[i].res == R_UPDATED)
			lognotice("%s updated %s %s", j->names[i], res[i].addr,
			    res[i].code);
	}
	fflush(stdout);
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
			logerr("%s", msg);
		snprintf(last, sizeof(last), "%s", msg);
	}
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
		logerr("%s", lastfail.msg);
		return fail_status(lastfail.kind);
	}
	report(j, res, quiet);
	if (r == 1) {
		logerr("%s", lastfail.msg);
		status = fail_status(lastfail.kind);
	}
	for (i = 0; i < j->nnames; i++)
		status = worse(status, res[i].status);
	return status;
}

/* --help is -h; other long options get a pointer, not getopt's "--" */
static void
longopts(int argc, char *argv[])
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0)
			help();
		if (strncmp(argv[i], "--", 2) == 0)
			usage("%s: no long options: -h for the usage, -V for "
			    "the version, man ddnsup for the manual", argv[i]);
	}
}

static void
options(int argc, char *argv[], int *dry, int *quiet)
{
	int ch, r = 0;

	while ((ch = getopt(argc, argv,
	    "46a:C:c:EFf:hI:i:k:lno:P:p:qSs:T:t:u:vVw:")) != -1) {
		switch (ch) {
		case '4': c.four = 1; break;
		case '6': c.six = 1; break;
		case 'a': r = job_set(&c, K_ADDRESS, optarg, "-a"); break;
		case 'C': r = job_set(&c, K_CACERT, optarg, "-C"); break;
		case 'c': r = job_set(&c, K_STATE, optarg, "-c"); break;
		case 'E': c.optional = 1; break;
		case 'F': c.force = 1; break;
		case 'f': c.conffile = optarg; break;
		case 'h': help();
		case 'I': c.select = optarg; break;
		case 'i': r = job_set(&c, K_LINK, optarg, "-i"); break;
		case 'k': r = job_set(&c, K_PIN, optarg, "-k"); break;
		case 'l': log_open(); break;
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
	longopts(argc, argv);
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
	if (njobs == 0) {
		/* -E: an event on a link without an instance is no error */
		logdebug("%s: no enabled instance matches %s: nothing to do",
		    c.conffile, c.select);
		return ST_OK;
	}
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
