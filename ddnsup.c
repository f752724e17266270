/* ddnsup: one dynamic DNS update, single shot: options, output, exit status. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ddnsup.h"
#include "util.h"
#include "result.h"
#include "cert.h"
#include "http.h"
#include "conf.h"
#include "cli.h"
#include "presets.h"
#include "job.h"
#include "proto.h"
#include "rest.h"
#include "prepare.h"
#include "run.h"
#include "status.h"
#include "sandbox.h"

#if defined(__GNUC__) || defined(__clang__)
#define NORETURN	__attribute__((noreturn))
#else
#define NORETURN
#endif

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

/*
 * A hook runner may start us with 0, 1 or 2 closed: the first file or
 * socket would take its place, and log lines would go into the request.
 */
static void
stdfds(void)
{
	int fd;

	for (fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF &&
		    open("/dev/null", O_RDWR) != fd)
			/* stderr may be the one closed: nothing to say it on */
			_exit(ST_CONFIG);
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
	const struct protocol *const *pr;
	const struct preset *p;

	printf("ddnsup %s\nprotocols:", VERSION);
	for (pr = proto_all(); *pr != NULL; pr++)
		printf("%s%s", pr == proto_all() ? " " : ",", (*pr)->name);
	printf("\nschemes: http,https\npresets:");
	for (p = preset_all(); p->name != NULL; p++)
		printf("%s%s", p == preset_all() ? " " : ",", p->name);
	printf("\napis: %s\n", rest_names());
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
	/* the server as the TLS messages name it */
	srv = j->proto->where(j);
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

	results_fail(res, j->nnames, "-", 0);
	report(j, res, quiet);
	return status;
}

/* -n could not show an instance's requests: why, and the status a real run has. */
static int
nodry(void)
{
	int status = fail_status(lastfail.kind);
	const char *code = fail_code(lastfail.kind);

	logerr("-n: %s: nothing would be sent: a real run would exit %d (%s)",
	    lastfail.msg, status, code != NULL ? code : "local");
	return status;
}

/* One instance: its lines, and its status from its names' results. */
static int
runone(struct job *j, int dry, int quiet)
{
	int r = run_job(j, dry, res), status = ST_OK, i;

	if (dry)
		return r == 0 ? ST_OK : nodry();
	report(j, res, quiet);
	if (r == 1) {
		logerr("%s", lastfail.msg);
		status = fail_status(lastfail.kind);
	}
	for (i = 0; i < j->nnames; i++)
		status = worse(status, res[i].status);
	return status;
}

/* --help is -h, --version -V; other long options get a pointer, not getopt's "--" */
static void
longopts(int argc, char *argv[])
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0)
			help();
		if (strcmp(argv[i], "--version") == 0) {
			version();
			exit(ST_OK);
		}
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
		case 'a': r = cli_set(&c, K_ADDRESS, optarg, "-a"); break;
		case 'C': r = cli_set(&c, K_CACERT, optarg, "-C"); break;
		case 'c': r = cli_set(&c, K_STATE, optarg, "-c"); break;
		case 'E': c.optional = 1; break;
		case 'F': c.force = 1; break;
		case 'f': c.conffile = optarg; break;
		case 'h': help();
		case 'I': c.select = optarg; break;
		case 'i': r = cli_set(&c, K_LINK, optarg, "-i"); break;
		case 'k': r = cli_set(&c, K_PIN, optarg, "-k"); break;
		case 'l': log_open(); break;
		case 'n': *dry = 1; break;
		case 'o': r = cli_option(&c, optarg); break;
		case 'P': r = cli_set(&c, K_PROTO, optarg, "-P"); break;
		case 'p': r = cli_set(&c, K_SECRETFILE, optarg, "-p"); break;
		case 'q': *quiet = 1; break;
		case 'S': c.status = 1; break;
		case 's': r = cli_set(&c, K_SERVER, optarg, "-s"); break;
		case 'T': r = cli_set(&c, K_PERIOD, optarg, "-T"); break;
		case 't': r = cli_set(&c, K_TIMEOUT, optarg, "-t"); break;
		case 'u':
			r = cli_set(&c, K_USER, optarg, "-u");
			cli_set(&c, K_EMAIL, optarg, "-u");
			break;
		case 'v': c.verbose = 1; break;
		case 'V':
			version();
			exit(ST_OK);
		case 'w': r = cli_set(&c, K_ADDRESSURL, optarg, "-w"); break;
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

	stdfds();
	argv0 = "ddnsup";
	/* the secret is in memory from prepare_job on: never in a core */
	sandbox_early();
	longopts(argc, argv);
	options(argc, argv, &dry, &quiet);
	/* the command line's own mistakes, before any file is read */
	if (cli_check(&c) == -1)
		failed();
	if (c.conffile != NULL) {
		if ((n = conf_load(c.conffile, inst, MAXINST)) == -1)
			failed();
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
		if (prepare_job(&jobs[i], dry) == -1)
			break;
	/* /proc/PID/environ shows the process's own copy: blank it */
	if ((env = getenv("DDNSUP_PASSWORD")) != NULL)
		wipe(env, strlen(env));
	/* every file is read or known: restrict before the network */
	sandbox_enter(jobs, njobs);
	if (i < njobs)
		status = dry ? nodry() : notrun(&jobs[i], quiet);
	else
		for (i = 0; i < njobs; i++)
			status = worse(status, runone(&jobs[i], dry, quiet));
	for (i = 0; i < njobs; i++) {
		wipe(jobs[i].secret, sizeof(jobs[i].secret));
		wipe(jobs[i].tsigkey, sizeof(jobs[i].tsigkey));
	}
	if (fflush(stdout) == EOF)
		warn("standard output:");
	return status;
}
