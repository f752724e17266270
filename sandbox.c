/* Least privilege after setup: no core dumps; seccomp-bpf and Landlock where the kernel has them. */
#define _GNU_SOURCE	/* O_PATH, syscall() */ /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): a feature test macro */
#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ddnsup.h"
#include "util.h"
#include "cert.h"
#include "http.h"
#include "conf.h"
#include "presets.h"
#include "job.h"
#include "proto.h"
#include "sandbox.h"

#if defined(__linux__) && defined(__has_include)
#if __has_include(<sys/prctl.h>)
#include <sys/prctl.h>
#endif
#if __has_include(<linux/seccomp.h>) && __has_include(<linux/filter.h>) && \
    __has_include(<linux/audit.h>) && __has_include(<sys/syscall.h>)
#define HAVE_SECCOMP
#endif
#if __has_include(<linux/landlock.h>) && __has_include(<sys/syscall.h>)
#define HAVE_LANDLOCK
#endif
#endif

#if defined(HAVE_SECCOMP) || defined(HAVE_LANDLOCK)
#include <sys/syscall.h>
#endif

/* sanitizers' runtimes ptrace, clone threads and read /proc at exit */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer) || __has_feature(leak_sanitizer)
#define SANITIZED
#endif
#endif

#define MAXPORTS	((4 + MAXCHECK) * MAXINST + 1)

static char said[160];		/* what is in force, for -v */

static void
say(const char *what)
{
	size_t n = strlen(said);

	snprintf(said + n, sizeof(said) - n, "%s%s", n > 0 ? ", " : "", what);
}

/* Before anything secret is read: no core dump, no ptrace by others. */
void
sandbox_early(void)
{
	struct rlimit rl;

	rl.rlim_cur = rl.rlim_max = 0;
	setrlimit(RLIMIT_CORE, &rl);
#ifdef PR_SET_DUMPABLE
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

#ifdef HAVE_LANDLOCK
#include <linux/landlock.h>

/* the kernel's ABI 4 and 6 layouts, which older headers lack */
struct llruleset {
	unsigned long long fs, net, scoped;
};
struct llport {
	unsigned long long access, port;
};

#define LL_TRUNCATE	(1ULL << 14)	/* ABI 3 */
#define LL_IOCTL_DEV	(1ULL << 15)	/* ABI 5 */
#define LL_BIND_TCP	(1ULL << 0)	/* ABI 4 */
#define LL_CONNECT_TCP	(1ULL << 1)
#define LL_RULE_PORT	2
#define LL_SCOPES	3ULL		/* ABI 6: abstract sockets, signals */
#define LL_FILE		(LANDLOCK_ACCESS_FS_EXECUTE | \
	LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE | \
	LL_TRUNCATE | LL_IOCTL_DEV)
#define LL_READ		LANDLOCK_ACCESS_FS_READ_FILE
#define LL_STATEDIR	(LANDLOCK_ACCESS_FS_READ_FILE | \
	LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_DIR | \
	LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_REMOVE_FILE | \
	LL_TRUNCATE)

/*
 * What the resolver child reads (glibc's getaddrinfo, its NSS modules
 * and their loader; musl's), and what the process reads afterwards.
 */
static const char *const readable[] = {
	"/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf",
	"/etc/host.conf", "/etc/gai.conf", "/etc/ld.so.cache",
	"/etc/ld.so.preload", "/etc/localtime", "/dev/urandom",
	"/lib", "/lib64", "/usr/lib", "/usr/lib64", "/usr/local/lib",
};

/* Out of descriptors or memory: a limit, said as such, never hidden behind another error. */
static int
scarce(int e)
{
	return e == EMFILE || e == ENFILE || e == ENOMEM;
}

/* Allow access beneath path (a file: its file rights only); a path that is not there is skipped. */
static int
llpath(int rs, const char *path, unsigned long long access,
    unsigned long long handled)
{
	struct landlock_path_beneath_attr pb;
	struct stat sb;
	int r;

	if ((pb.parent_fd = open(path, O_PATH | O_CLOEXEC)) == -1)
		/* a limit is no missing path: a ruleset without the state's
		   directory would fail the run with a false EACCES */
		return scarce(errno) ? -1 : 0;
	if (fstat(pb.parent_fd, &sb) == 0 && !S_ISDIR(sb.st_mode))
		access &= LL_FILE;
	pb.allowed_access = access & handled;
	r = (int)syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH,
	    &pb, 0);
	close(pb.parent_fd);
	return r;
}

static int
llport(int rs, const char *port, unsigned long long access)
{
	struct llport p;
	long long n;

	if (num_parse(port, 0, 65535, &n) == -1)
		return 0;
	p.access = access;
	p.port = (unsigned long long)n;
	return (int)syscall(SYS_landlock_add_rule, rs, LL_RULE_PORT, &p, 0);
}

/* The job's TCP ports: its protocol's, the check pages'. */
static int
ports(const struct job *j, const char **out)
{
	int n = j->proto->ports(j, out), k;

	for (k = 0; j->checkurl != NULL && k < j->nwurl; k++)
		out[n++] = j->wurl[k].port;
	return n;
}

static int
llrules(int rs, const struct job *jobs, int njobs, const struct llruleset *a)
{
	const char *port[MAXPORTS];
	char dir[sizeof(jobs->statepath)], *slash;
	size_t i;
	int k, n = 0;

	for (i = 0; i < sizeof(readable) / sizeof(readable[0]); i++)
		if (llpath(rs, readable[i], LL_READ, a->fs) == -1)
			return -1;
#ifdef SANITIZED
	/* LeakSanitizer lists /proc/self/task and reads the maps at exit */
	if (llpath(rs, "/proc", LL_READ | LANDLOCK_ACCESS_FS_READ_DIR,
	    a->fs) == -1)
		return -1;
#endif
	/* DNS over TCP, when a reply is truncated */
	port[n++] = "53";
	for (k = 0; k < njobs; k++) {
		if (jobs[k].cafile != NULL &&
		    llpath(rs, jobs[k].cafile, LL_READ, a->fs) == -1)
			return -1;
		if (jobs[k].statefile != NULL) {
			snprintf(dir, sizeof(dir), "%s", jobs[k].statefile);
			if ((slash = strrchr(dir, '/')) == NULL)
				snprintf(dir, sizeof(dir), ".");
			else
				slash[slash == dir] = '\0';
			if (llpath(rs, dir, LL_STATEDIR, a->fs) == -1)
				return -1;
		}
		n += ports(&jobs[k], port + n);
	}
	for (k = 0; a->net != 0 && k < n; k++)
		if (llport(rs, port[k], LL_CONNECT_TCP) == -1)
			return -1;
	/* a link's sockets bind its address on an ephemeral port (0) */
	for (k = 0; a->net != 0 && k < njobs; k++)
		if (jobs[k].link != NULL)
			return llport(rs, "0", LL_BIND_TCP) == -1 ? -1 : 0;
	return 0;
}

/* Returns the ABI in force, 0 where the kernel has no Landlock. */
static int
landlock(const struct job *jobs, int njobs)
{
	struct llruleset a;
	int abi, rs, r, e;

	abi = (int)syscall(SYS_landlock_create_ruleset, NULL, 0,
	    LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 1)
		return 0;
	memset(&a, 0, sizeof(a));
	a.fs = (1ULL << 13) - 1;
	if (abi >= 2)
		a.fs |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		a.fs |= LL_TRUNCATE;
	if (abi >= 5)
		a.fs |= LL_IOCTL_DEV;
	if (abi >= 4)
		a.net = LL_BIND_TCP | LL_CONNECT_TCP;
	if (abi >= 6)
		a.scoped = LL_SCOPES;
	rs = (int)syscall(SYS_landlock_create_ruleset, &a,
	    abi >= 6 ? sizeof(a) : abi >= 4 ? 2 * sizeof(a.fs) : sizeof(a.fs),
	    0);
	r = rs == -1 || llrules(rs, jobs, njobs, &a) == -1 ||
	    syscall(SYS_landlock_restrict_self, rs, 0) == -1;
	e = errno;
	if (rs != -1)
		close(rs);
	if (r && scarce(e))
		warn("sandbox: Landlock left out: %s", strerror(e));
	return r ? 0 : abi;
}
#endif

#ifdef HAVE_SECCOMP
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <stddef.h>

#if defined(__x86_64__) && !defined(__ILP32__)
#define ARCH	AUDIT_ARCH_X86_64
#elif defined(__i386__)
#define ARCH	AUDIT_ARCH_I386
#elif defined(__aarch64__) && defined(__AARCH64EB__)
#define ARCH	AUDIT_ARCH_AARCH64BE
#elif defined(__aarch64__)
#define ARCH	AUDIT_ARCH_AARCH64
#elif defined(__arm__) && defined(__ARMEB__)
#define ARCH	AUDIT_ARCH_ARMEB
#elif defined(__arm__)
#define ARCH	AUDIT_ARCH_ARM
#elif defined(__mips__) && _MIPS_SIM == _ABIO32 && defined(__MIPSEL__)
#define ARCH	AUDIT_ARCH_MIPSEL
#elif defined(__mips__) && _MIPS_SIM == _ABIO32
#define ARCH	AUDIT_ARCH_MIPS
#elif defined(__mips__) && _MIPS_SIM == _ABI64 && defined(__MIPSEL__)
#define ARCH	AUDIT_ARCH_MIPSEL64
#elif defined(__mips__) && _MIPS_SIM == _ABI64
#define ARCH	AUDIT_ARCH_MIPS64
#elif defined(__s390x__)
#define ARCH	AUDIT_ARCH_S390X
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ARCH	AUDIT_ARCH_PPC64LE
#elif defined(__powerpc64__)
#define ARCH	AUDIT_ARCH_PPC64
#elif defined(__riscv) && __riscv_xlen == 64
#define ARCH	AUDIT_ARCH_RISCV64
#endif

/* the low 32 bits of an argument */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define ARG(n)	(offsetof(struct seccomp_data, args[n]) + 4)
#else
#define ARG(n)	offsetof(struct seccomp_data, args[n])
#endif
/* s390's clone takes the stack first, the flags second */
#ifdef __s390__
#define CLONEFLAGS	1
#else
#define CLONEFLAGS	0
#endif
#define NEWNS	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | \
	CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET)

#ifdef ARCH
/*
 * What the rest of the run calls, in the variants libc may use on any
 * architecture: files under Landlock's rules, sockets, poll, time,
 * memory, the resolver child's fork, wait and kill, getrandom, exit.
 */
static const int allowed[] = {
#define A(name)	__NR_##name,
	A(read) A(write) A(readv) A(writev) A(close) A(lseek) A(fsync) A(exit)
	A(exit_group) A(brk) A(munmap) A(mremap) A(mprotect) A(madvise)
	A(pipe2) A(wait4) A(kill) A(tgkill) A(getpid) A(gettid) A(openat)
	A(fcntl) A(rt_sigaction) A(rt_sigprocmask) A(rt_sigreturn)
	A(restart_syscall) A(futex) A(set_robust_list) A(getuid) A(geteuid)
	A(getgid) A(getegid) A(uname) A(unlinkat) A(faccessat)
	A(pread64) A(clock_gettime) A(gettimeofday) A(clock_nanosleep)
	A(nanosleep) A(ppoll) A(getrandom) A(waitid)
#ifdef __NR_open
	A(open)
#endif
#ifdef __NR_stat
	A(stat)
#endif
#ifdef __NR_lstat
	A(lstat)
#endif
#ifdef __NR_fstat
	A(fstat)
#endif
#ifdef __NR_newfstatat
	A(newfstatat)
#endif
#ifdef __NR_fstatat64
	A(fstatat64)
#endif
#ifdef __NR_stat64
	A(stat64) A(lstat64) A(fstat64)
#endif
#ifdef __NR_statx
	A(statx)
#endif
#ifdef __NR__llseek
	A(_llseek)
#endif
#ifdef __NR_fcntl64
	A(fcntl64)
#endif
#ifdef __NR_access
	A(access)
#endif
#ifdef __NR_faccessat2
	A(faccessat2)
#endif
#ifdef __NR_rename
	A(rename)
#endif
#ifdef __NR_renameat
	A(renameat)
#endif
#ifdef __NR_renameat2
	A(renameat2)
#endif
#ifdef __NR_unlink
	A(unlink)
#endif
	/* the state's directory, swept of orphan temporary files */
	A(getdents64)
#ifdef __NR_getdents
	A(getdents)
#endif
#ifdef __NR_mmap
	A(mmap)
#endif
#ifdef __NR_mmap2
	A(mmap2)
#endif
#ifdef __NR_poll
	A(poll)
#endif
#ifdef __NR_ppoll_time64
	A(ppoll_time64)
#endif
#ifdef __NR_pselect6
	A(pselect6)
#endif
#ifdef __NR_clock_gettime64
	A(clock_gettime64) A(clock_nanosleep_time64) A(futex_time64)
#endif
#ifdef __NR_time
	A(time)
#endif
#ifdef __NR_pipe
	A(pipe)
#endif
#ifdef __NR_fork
	A(fork)
#endif
#ifdef __NR_waitpid
	A(waitpid)
#endif
#ifdef __NR_sigreturn
	A(sigreturn)
#endif
#ifdef __NR_rseq
	A(rseq)
#endif
#ifdef __NR_getuid32
	A(getuid32) A(geteuid32) A(getgid32) A(getegid32)
#endif
#ifdef __NR_socketcall
	A(socketcall)
#endif
#ifdef __NR_send
	A(send)
#endif
#ifdef __NR_recv
	A(recv)
#endif
	A(connect) A(getsockopt) A(setsockopt) A(getsockname) A(getpeername)
	A(bind) A(sendto) A(recvfrom) A(sendmsg) A(recvmsg) A(sendmmsg)
	A(recvmmsg) A(shutdown)
#undef A
};

#define OP(c, k, t, f)	((struct sock_filter){ (c), (t), (f), (k) })
#define LD(off)		OP(BPF_LD | BPF_W | BPF_ABS, (off), 0, 0)
#define IS(k, yes, no)	OP(BPF_JMP | BPF_JEQ | BPF_K, (k), (yes), (no))
#define RET(k)		OP(BPF_RET | BPF_K, (k), 0, 0)
#define NR		offsetof(struct seccomp_data, nr)
#define EPERM_		(SECCOMP_RET_ERRNO | EPERM)

/*
 * Append a check of one argument: allow nr when (arg & mask) == want,
 * else EPERM; other numbers go on to the next instruction.
 */
static size_t
argrule(struct sock_filter *f, size_t n, int nr, int arg, unsigned mask,
    unsigned want)
{
	struct sock_filter r[] = {
		IS((unsigned)nr, 0, 5),
		LD(ARG(arg)),
		OP(BPF_ALU | BPF_AND | BPF_K, mask, 0, 0),
		IS(want, 0, 1),
		RET(SECCOMP_RET_ALLOW),
		RET(EPERM_),
	};

	memcpy(f + n, r, sizeof(r));
	return n + sizeof(r) / sizeof(r[0]);
}

static int
filter(void)
{
	static const unsigned domains[] = { AF_UNIX, AF_INET, AF_INET6,
	    AF_NETLINK };
	struct sock_filter f[2 * (sizeof(allowed) / sizeof(allowed[0])) + 40];
	struct sock_fprog prog;
	size_t n = 0, i;

	f[n++] = LD(offsetof(struct seccomp_data, arch));
	f[n++] = IS(ARCH, 1, 0);
	f[n++] = RET(SECCOMP_RET_KILL_PROCESS);
	f[n++] = LD(NR);
#ifdef __x86_64__
	/* x32's numbers on the x86-64 entry */
	f[n++] = OP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1);
	f[n++] = RET(SECCOMP_RET_KILL_PROCESS);
#endif
	f[n++] = IS(__NR_execve, 0, 1);
	f[n++] = RET(SECCOMP_RET_KILL_PROCESS);
#ifdef __NR_execveat
	f[n++] = IS(__NR_execveat, 0, 1);
	f[n++] = RET(SECCOMP_RET_KILL_PROCESS);
#endif
#ifdef __NR_clone3
	/* its flags are out of reach: libc falls back to clone */
	f[n++] = IS(__NR_clone3, 0, 1);
	f[n++] = RET(SECCOMP_RET_ERRNO | ENOSYS);
#endif
	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
		f[n++] = IS((unsigned)allowed[i], 0, 1);
		f[n++] = RET(SECCOMP_RET_ALLOW);
	}
	/* socket: the Internet, local (syslog, NSS) and netlink (getaddrinfo) */
	f[n++] = IS(__NR_socket, 0, 2 * (sizeof(domains) / sizeof(domains[0])) + 2);
	f[n++] = LD(ARG(0));
	for (i = 0; i < sizeof(domains) / sizeof(domains[0]); i++) {
		f[n++] = IS(domains[i], 0, 1);
		f[n++] = RET(SECCOMP_RET_ALLOW);
	}
	f[n++] = RET(EPERM_);
	/* clone: a fork, never into new namespaces */
	n = argrule(f, n, __NR_clone, CLONEFLAGS, NEWNS, 0);
	/* ioctl: isatty's TCGETS only */
	n = argrule(f, n, __NR_ioctl, 1, 0xffffffffu, TCGETS);
	f[n++] = RET(EPERM_);
	prog.len = (unsigned short)n;
	prog.filter = f;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) == 0;
}
#endif
#endif

#ifdef SANDBOX_SELFTEST
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static void
probe(const char *what, int r, int err)
{
	fprintf(stderr, "sandboxtest: %s: %s\n", what, r != -1 ? "allowed" :
	    strerror(err));
}

/*
 * The test build only (test/sandboxtest): what the restricted process
 * can still do, tried once the restrictions are in force (dumpable is
 * read before: the filter refuses prctl).
 */
static void
selftest(int dumpable)
{
	const char *file = getenv("DDNSUP_SELFTEST_FILE");
	const char *port = getenv("DDNSUP_SELFTEST_PORT");
	struct sockaddr_in sin;
	long long n = 0;
	int fd, st;
	pid_t pid;

	fprintf(stderr, "sandboxtest: dumpable: %d\n", dumpable);
	fflush(NULL);
	if ((pid = fork()) == 0) {
		execl("/bin/sh", "sh", "-c", "exit 0", (char *)NULL);
		_exit(errno & 0xff);
	}
	if (pid == -1 || waitpid(pid, &st, 0) == -1)
		probe("fork", -1, errno);
	else if (WIFSIGNALED(st))
		fprintf(stderr, "sandboxtest: execve /bin/sh: killed by signal "
		    "%d\n", WTERMSIG(st));
	else
		probe("execve /bin/sh", WEXITSTATUS(st) ? -1 : 0,
		    WEXITSTATUS(st));
	if (file != NULL) {
		fd = open(file, O_RDONLY);
		probe("open", fd, errno);
		if (fd != -1)
			close(fd);
	}
	if (port != NULL && num_parse(port, 1, 65535, &n) == 0) {
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_port = htons((unsigned short)n);
		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
			probe("socket", -1, errno);
		else {
			probe("connect", connect(fd, (struct sockaddr *)&sin,
			    sizeof(sin)), errno);
			close(fd);
		}
	}
}
#endif

#if defined(HAVE_SECCOMP) || defined(HAVE_LANDLOCK)
/*
 * Valgrind makes the program's system calls and many of its own, and
 * warns of those it does not know (Landlock's): it runs without either.
 */
static int
valgrind(void)
{
	const char *p = getenv("LD_PRELOAD");

	return p != NULL && strstr(p, "vgpreload") != NULL;
}
#endif

static void
restrictall(const struct job *jobs, int njobs)
{
#ifdef PR_SET_NO_NEW_PRIVS
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0)
		say("no new privileges");
#endif
#if defined(HAVE_SECCOMP) || defined(HAVE_LANDLOCK)
	if (valgrind()) {
		say("no landlock or seccomp under valgrind");
		return;
	}
#endif
#ifdef HAVE_LANDLOCK
	{
		char buf[64];
		int abi;

		if ((abi = landlock(jobs, njobs)) > 0) {
			snprintf(buf, sizeof(buf), "landlock %d (files%s)", abi,
			    abi >= 4 ? ", TCP ports" : "");
			say(buf);
		}
	}
#else
	(void)jobs;
	(void)njobs;
#endif
#if defined(HAVE_SECCOMP) && defined(ARCH) && !defined(SANITIZED)
	if (filter())
		say("seccomp");
#elif defined(SANITIZED)
	say("no seccomp in a sanitizer build");
#endif
}

/*
 * Once every input is read or known, before the first byte from the
 * network: no new privileges; Landlock: read the CA files, resolver
 * and library files, write only in the state files' directories,
 * connect only to the run's TCP ports; seccomp: only the system calls
 * the rest of the run makes. Each where the system has it, silently.
 */
void
sandbox_enter(const struct job *jobs, int njobs)
{
	int k, on = 1, verbose = 0;
#if defined(SANDBOX_SELFTEST) && defined(PR_GET_DUMPABLE)
	int dumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
#elif defined(SANDBOX_SELFTEST)
	int dumpable = -1;
#endif

	for (k = 0; k < njobs; k++) {
		on &= jobs[k].sandbox;
		verbose |= jobs[k].verbose;
	}
	said[0] = '\0';
	if (on)
		restrictall(jobs, njobs);
	else
		say("off (Sandbox = 0)");
	if (verbose)
		logv("sandbox: %s", said[0] != '\0' ? said : "none on this "
		    "system");
#ifdef SANDBOX_SELFTEST
	selftest(dumpable);
#endif
}
