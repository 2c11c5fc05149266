/* iss - small utilities: an arena, reading files, paths.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "iss/base.h"
#include "iss/error.h"

/* The arena is a list of blocks; big requests get a block of their own. */
struct arena_block {
    struct arena_block *next;
    size_t used;
    size_t size;
    max_align_t data[];
};

struct iss_arena {
    struct arena_block *head;
};

#define ARENA_BLOCK (64u * 1024u)

struct iss_arena *iss_arena_new(void)
{
    return calloc(1, sizeof(struct iss_arena));
}

void iss_arena_free(struct iss_arena *a)
{
    struct arena_block *b, *next;

    if (a == NULL)
        return;
    for (b = a->head; b != NULL; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

void *iss_arena_alloc(struct iss_arena *a, size_t size)
{
    const size_t align = sizeof(max_align_t);
    struct arena_block *b;
    size_t need = (size + align - 1) / align * align;
    void *p;

    if (size == 0)
        need = align;
    if (need < size)
        return NULL;
    b = a->head;
    if (b == NULL || b->size - b->used < need) {
        size_t bsize = need > ARENA_BLOCK ? need : ARENA_BLOCK;
        struct arena_block *nb = malloc(sizeof *nb + bsize);
        if (nb == NULL)
            return NULL;
        nb->used = 0;
        nb->size = bsize;
        if (b != NULL && need > ARENA_BLOCK) {
            /* Keep the current block for small allocations. */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    p = (char *)b->data + b->used;
    b->used += need;
    memset(p, 0, size);
    return p;
}

void *iss_arena_calloc(struct iss_arena *a, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    return iss_arena_alloc(a, n * size);
}

char *iss_arena_strdup(struct iss_arena *a, const char *s)
{
    size_t len = strlen(s);
    char *p = iss_arena_alloc(a, len + 1);

    if (p != NULL)
        memcpy(p, s, len + 1);
    return p;
}

int iss_read_file(const char *path, size_t max_bytes, char **text,
                  size_t *len, struct iss_error *err)
{
    FILE *f;
    struct stat st;
    int fd;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int rc = ISS_EFAIL;

    *text = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO with no writer must not hang; only a
     * regular file is read (not a FIFO, a device or a socket). */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return iss_fail(err, errno == ENOENT ? ISS_EINPUT : ISS_EFAIL,
                        "%s: cannot open: %s", path, strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        bool dir = S_ISDIR(st.st_mode);
        close(fd);
        return dir ? iss_fail(err, ISS_EINPUT, "%s: is a folder, not a file",
                              path)
                   : iss_fail(err, ISS_EINPUT,
                              "%s: not a regular file (a FIFO, device or "
                              "socket); iss reads only ordinary files",
                              path);
    }
    f = fdopen(fd, "rb");
    if (f == NULL) {
        close(fd);
        return iss_fail(err, ISS_EFAIL, "%s: cannot open: %s", path,
                        strerror(errno));
    }
    for (;;) {
        size_t got;
        if (cap - n < 4096) {
            size_t ncap = cap ? cap * 2 : 8192;
            char *nbuf;
            if (ncap > max_bytes + 4096)
                ncap = max_bytes + 4096;
            if (ncap <= cap) {
                rc = iss_fail(err, ISS_EINPUT,
                              "%s: larger than %zu bytes; is this the "
                              "right file?", path, max_bytes);
                goto out;
            }
            nbuf = realloc(buf, ncap + 1);
            if (nbuf == NULL) {
                rc = iss_fail(err, ISS_EFAIL, "%s: out of memory", path);
                goto out;
            }
            buf = nbuf;
            cap = ncap;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                rc = iss_fail(err, ISS_EFAIL, "%s: cannot read: %s", path,
                              strerror(errno));
                goto out;
            }
            break;
        }
        if (n > max_bytes) {
            rc = iss_fail(err, ISS_EINPUT,
                          "%s: larger than %zu bytes; is this the right "
                          "file?", path, max_bytes);
            goto out;
        }
    }
    if (buf == NULL) {
        buf = malloc(1);
        if (buf == NULL) {
            rc = iss_fail(err, ISS_EFAIL, "%s: out of memory", path);
            goto out;
        }
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    buf = NULL;
    rc = 0;
out:
    free(buf);
    fclose(f);
    return rc;
}

/* Make a rename in path's folder survive a power cut: fsync the folder.
 * Best effort: the file is in place already, and some file systems refuse
 * fsync on a folder, so an error here is not the caller's. path is
 * scratch (cut at its last '/'). */
static void sync_dir_of(char *path)
{
    char *slash = strrchr(path, '/');
    int dfd;

    if (slash == path)
        slash[1] = '\0';
    else if (slash != NULL)
        *slash = '\0';
    dfd = open(slash != NULL ? path : ".", O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
}

int iss_write_file_atomic(const char *path, const char *data, size_t len,
                          int mode, struct iss_error *err)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    int fd = -1, rc = 0;
    size_t done = 0;

    if (tmp == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    snprintf(tmp, plen + 16, "%s.tmpXXXXXX", path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        rc = iss_fail(err, ISS_EFAIL, "%s: cannot create: %s", tmp,
                      strerror(errno));
        free(tmp);
        return rc;
    }
    if (fchmod(fd, (mode_t)mode) != 0) {
        rc = iss_fail(err, ISS_EFAIL, "%s: chmod: %s", tmp, strerror(errno));
        goto fail;
    }
    iss_crashpoint("before writing a file");
    while (done < len) {
        size_t chunk = len - done > 4096 ? 4096 : len - done;
        ssize_t n = write(fd, data + done, chunk);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = iss_fail(err, ISS_EFAIL, "%s: write: %s", tmp,
                          strerror(errno));
            goto fail;
        }
        done += (size_t)n;
        if (done < len)
            iss_crashpoint("half way through writing a file");
    }
    if (fsync(fd) != 0) {
        rc = iss_fail(err, ISS_EFAIL, "%s: fsync: %s", tmp, strerror(errno));
        goto fail;
    }
    if (close(fd) != 0) {
        fd = -1;
        rc = iss_fail(err, ISS_EFAIL, "%s: close: %s", tmp, strerror(errno));
        goto fail;
    }
    fd = -1;
    iss_crashpoint("before renaming a file into place");
    if (rename(tmp, path) != 0) {
        rc = iss_fail(err, ISS_EFAIL, "%s: rename: %s", path,
                      strerror(errno));
        goto fail;
    }
    sync_dir_of(tmp);
    free(tmp);
    return 0;
fail:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return rc;
}

char *iss_path_join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    char *p = malloc(dl + nl + 2);

    if (p == NULL)
        return NULL;
    memcpy(p, dir, dl);
    if (dl > 0 && dir[dl - 1] != '/')
        p[dl++] = '/';
    memcpy(p + dl, name, nl + 1);
    return p;
}

/* Tests only: ISS_CRASH_AT=N kills the process (SIGKILL) at its N-th crash
 * point; ISS_CRASH_TRACE=1 names each point on stderr as it passes
 * ("iss: crash point N: WHERE"), so that a test can choose N. */
void iss_pausepoint(const char *where)
{
    static int done;
    const char *at = getenv("ISS_PAUSE_AT");
    const char *file = getenv("ISS_PAUSE_FILE");
    int fd, i;

    if (done || at == NULL || at[0] == '\0' || file == NULL ||
        strstr(where, at) == NULL)
        return;
    done = 1;
    fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    if (write(fd, where, strlen(where)) < 0)
        (void)0;
    close(fd);
    for (i = 0; i < 600 * 50 && access(file, F_OK) == 0; i++) {
        struct timespec t = {0, 20 * 1000 * 1000};
        nanosleep(&t, NULL);
    }
}

void iss_crashpoint(const char *where)
{
    static long count, at = -1;
    static int trace;

    iss_pausepoint(where);
    if (at == -1) {
        const char *env = getenv("ISS_CRASH_AT");
        at = env != NULL ? strtol(env, NULL, 10) : 0;
        if (at < 0)
            at = 0;
        env = getenv("ISS_CRASH_TRACE");
        trace = env != NULL && env[0] != '\0' && strcmp(env, "0") != 0;
    }
    if (at == 0 && !trace)
        return;
    count++;
    if (trace)
        fprintf(stderr, "iss: crash point %ld: %s\n", count, where);
    if (count == at)
        raise(SIGKILL);
}

/* ---- text ---- */

size_t iss_utf8_cut(char *s, size_t max)
{
    size_t len = strlen(s), at, need;
    unsigned char c;

    if (len <= max)
        return len;
    /* Back to the start of the character holding byte max. */
    at = max;
    while (at > 0 && max - at < 3 && ((unsigned char)s[at] & 0xc0) == 0x80)
        at--;
    c = (unsigned char)s[at];
    need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    if (at + need > max)
        s[at] = '\0';
    else
        s[max] = '\0';
    return strlen(s);
}

size_t iss_utf8_trim(char *s)
{
    size_t len = strlen(s), at = len, need;
    unsigned char c;

    while (at > 0 && len - at < 3 && ((unsigned char)s[at - 1] & 0xc0) == 0x80)
        at--;
    if (at == 0)
        return len;
    c = (unsigned char)s[at - 1];
    if (c < 0xc0)
        return len;
    need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    if (len - (at - 1) < need)
        s[at - 1] = '\0';
    return strlen(s);
}

int iss_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (size == 0)
        return 0;
    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    /* Cut short: what was kept is a prefix of the whole, which may end
     * inside a character. */
    if (n >= 0 && (size_t)n >= size)
        iss_utf8_trim(buf);
    return n;
}

char *iss_aprintf(const char *fmt, ...)
{
    va_list ap;
    int n;
    char *s;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    s = malloc((size_t)n + 1);
    if (s == NULL)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

void *iss_grow(void *p, size_t *cap, size_t elem)
{
    size_t ncap = *cap ? *cap * 2 : 16;
    void *np;

    if (elem == 0 || ncap < *cap || ncap > SIZE_MAX / elem)
        return NULL;
    np = realloc(p, ncap * elem);
    if (np != NULL)
        *cap = ncap;
    return np;
}
