/*
 * spawn: tiny launcher used by bench/run.py (compiled on the fly, static).
 *
 *   spawn STATUS_FD PROGRAM [ARGS...]
 *
 * Forks; the child writes "exec <t>" to STATUS_FD (t = CLOCK_MONOTONIC in
 * seconds, the same clock as Python's time.perf_counter() on Linux) and
 * execs PROGRAM with stdin/stdout/stderr inherited.  The parent writes
 * "pid <pid>", waits for the child with wait4() and writes
 * "exit <wait status> <ru_maxrss KiB> <t>" before exiting.
 *
 * Why a launcher: Linux carries the RSS high-water mark of the image a
 * process exec()s away from into its ru_maxrss, so a tool forked straight
 * from the Python harness would report at least Python's RSS (~15 MB).
 * Forked from this ~1 MB static program, ru_maxrss is the tool's own peak.
 * The launcher ignores SIGINT; run.py sends SIGINT to the tool's pid only.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void say(int fd, const char *msg)
{
	size_t len = strlen(msg);
	while (len) {
		ssize_t n = write(fd, msg, len);
		if (n <= 0)
			return;
		msg += n;
		len -= n;
	}
}

int main(int argc, char **argv)
{
	char line[128];
	if (argc < 3) {
		fprintf(stderr, "usage: spawn STATUS_FD PROGRAM [ARGS...]\n");
		return 2;
	}
	int sfd = atoi(argv[1]);
	signal(SIGINT, SIG_IGN);

	pid_t pid = fork();
	if (pid < 0) {
		perror("spawn: fork");
		return 2;
	}
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		snprintf(line, sizeof line, "exec %.9f\n", now());
		say(sfd, line);
		close(sfd);
		execvp(argv[2], argv + 2);
		perror("spawn: exec");
		_exit(127);
	}
	snprintf(line, sizeof line, "pid %d\n", (int)pid);
	say(sfd, line);

	int status;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0)
		;
	snprintf(line, sizeof line, "exit %d %ld %.9f\n", status, ru.ru_maxrss, now());
	say(sfd, line);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
