/* iss - the workspace lock: flock on iss.lock, who holds it, waiting.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/team.h"
#include "iss/lock.h"

struct iss_lock {
    int fd;
};

/* What the holder wrote: "pid N\nsince UNIX\nCOMMAND\n". */
static void holder(int fd, char *buf, size_t size)
{
    char text[512], when[16] = "?", cmd[400] = "another iss command";
    long pid = 0;
    long long since = 0;
    ssize_t n = pread(fd, text, sizeof text - 1, 0);

    if (n > 0) {
        char *nl;
        text[n] = '\0';
        if (sscanf(text, "pid %ld\nsince %lld\n", &pid, &since) == 2 &&
            (nl = strchr(text, '\n')) != NULL &&
            (nl = strchr(nl + 1, '\n')) != NULL) {
            char *end = strchr(nl + 1, '\n');
            if (end != NULL && end > nl + 1) {
                time_t t = (time_t)since;
                struct tm tm;
                snprintf(cmd, sizeof cmd, "%.*s", (int)(end - nl - 1),
                         nl + 1);
                if (localtime_r(&t, &tm) != NULL)
                    strftime(when, sizeof when, "%H:%M:%S", &tm);
            } else {
                pid = 0;
            }
        }
    }
    if (pid > 0)
        snprintf(buf, size, "%s (pid %ld, since %s)", cmd, pid, when);
    else
        snprintf(buf, size, "another iss command (starting)");
}

int iss_lock_take(const char *dir, const char *command, double wait,
                  struct iss_lock **out, struct iss_error *err)
{
    char *path = iss_path_join(dir, "iss.lock");
    struct iss_lock *l;
    struct stat sb;
    struct timespec t0, now;
    char who[512], text[512];
    int fd, len;

    *out = NULL;
    if (path == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        int e = errno;
        int rc = iss_fail(
            err, ISS_EFAIL,
            "%s: cannot lock the workspace: %s%s", path, strerror(e),
            e == EROFS || e == EACCES || e == EPERM
                ? " (this command writes; the workspace is read-only "
                  "here: iss report and iss feeds still read it)"
                : e == ELOOP ? " (iss.lock is a symbolic link; remove it)"
                             : "");
        free(path);
        return rc;
    }
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        int rc = iss_fail(err, ISS_EINPUT, "%s: not a regular file; remove "
                                           "it", path);
        close(fd);
        free(path);
        return rc;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        double waited;
        if (errno == EINTR)
            continue;
        if (errno != EWOULDBLOCK) {
            int rc = iss_fail(err, ISS_EFAIL, "%s: cannot lock: %s", path,
                              strerror(errno));
            close(fd);
            free(path);
            return rc;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        waited = (double)(now.tv_sec - t0.tv_sec) +
                 (now.tv_nsec - t0.tv_nsec) / 1e9;
        if (wait == 0 || (wait > 0 && waited >= wait)) {
            int rc;
            holder(fd, who, sizeof who);
            if (wait == 0)
                rc = iss_fail(err, ISS_EFAIL,
                              "busy: %s holds this workspace; run this "
                              "again when it has finished, or add --wait "
                              "to wait for it", who);
            else
                rc = iss_fail(err, ISS_EFAIL,
                              "busy: %s still holds this workspace after "
                              "%.0f s of waiting", who, waited);
            close(fd);
            free(path);
            return rc;
        }
        {
            struct timespec pause = {0, 50 * 1000 * 1000};
            nanosleep(&pause, NULL);
        }
    }
    free(path);
    len = snprintf(text, sizeof text, "pid %ld\nsince %lld\n%s\n",
                   (long)getpid(), (long long)time(NULL), command);
    if (len < 0 || (size_t)len >= sizeof text)
        len = (int)strlen(text);
    /* Best effort: the lock is the flock, the text only says whose. */
    if (ftruncate(fd, 0) == 0 && pwrite(fd, text, (size_t)len, 0) < 0)
        (void)0;
    l = malloc(sizeof *l);
    if (l == NULL) {
        close(fd);
        return iss_fail(err, ISS_EFAIL, "out of memory");
    }
    l->fd = fd;
    *out = l;
    iss_pausepoint("holding the workspace lock");
    return 0;
}

void iss_lock_release(struct iss_lock *l)
{
    if (l == NULL)
        return;
    /* Say no one holds it before letting go. */
    if (ftruncate(l->fd, 0) != 0)
        (void)0;
    flock(l->fd, LOCK_UN);
    close(l->fd);
    free(l);
}
