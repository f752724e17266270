/*
 * timeit: run two commands alternately, N times each, and print the
 * median wall time, the median user+system CPU time and the peak RSS of
 * each, with B/A ratios. Alternating cancels the machine's drift.
 *
 * timeit N cmdA [args] -- cmdB [args]     (or one command alone)
 */
#define _DEFAULT_SOURCE
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXRUNS 1000

struct sample {
	double wall[MAXRUNS], cpu[MAXRUNS];
	long rss;
	int n, failed;
};

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(v[0]), cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void
once(char **argv, struct sample *s)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status, fd;
	pid_t pid;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == 0) {
		fd = open("/dev/null", O_RDWR);
		dup2(fd, 1);
		dup2(fd, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	wait4(pid, &status, 0, &ru);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		s->failed++;
	s->wall[s->n] = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	s->cpu[s->n] = ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 +
	    ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
	if (ru.ru_maxrss > s->rss)
		s->rss = ru.ru_maxrss;
	s->n++;
}

int
main(int argc, char *argv[])
{
	static struct sample a, b;
	char **cmdb = NULL;
	double wa, wb, ca, cb;
	int n, i;

	if (argc < 3 || (n = atoi(argv[1])) < 1 || n > MAXRUNS) {
		fprintf(stderr, "usage: timeit N cmd [args] [-- cmd [args]]\n");
		return 2;
	}
	for (i = 2; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			argv[i] = NULL;
			cmdb = argv + i + 1;
		}
	for (i = 0; i < n; i++) {
		once(argv + 2, &a);
		if (cmdb != NULL)
			once(cmdb, &b);
	}
	wa = median(a.wall, a.n);
	ca = median(a.cpu, a.n);
	printf("A: wall %.2f ms  cpu %.2f ms  peak RSS %ld KiB  (%d runs, %d failed)\n",
	    wa, ca, a.rss, a.n, a.failed);
	if (cmdb == NULL)
		return a.failed != 0;
	wb = median(b.wall, b.n);
	cb = median(b.cpu, b.n);
	printf("B: wall %.2f ms  cpu %.2f ms  peak RSS %ld KiB  (%d runs, %d failed)\n",
	    wb, cb, b.rss, b.n, b.failed);
	printf("A/B: wall %.2f  cpu %.2f  RSS %.2f\n", wa / wb, ca / cb,
	    (double)a.rss / (double)b.rss);
	return a.failed != 0 || b.failed != 0;
}
