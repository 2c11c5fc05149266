/* iss - a test aid (tests/cli/threads.sh): loaded with LD_PRELOAD, every
 * pthread_create fails with EAGAIN, as under a container's limit on
 * tasks, so the pricing's fallback (the caller prices what a thread could
 * not) is what runs. Each refusal appends a line to the file named by
 * NOTHREADS_LOG, if set, so the test knows the fallback was taken.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
                   void *(*start)(void *), void *arg)
{
    const char *log = getenv("NOTHREADS_LOG");

    (void)thread;
    (void)attr;
    (void)start;
    (void)arg;
    if (log != NULL) {
        FILE *f = fopen(log, "a");
        if (f != NULL) {
            fputs("refused\n", f);
            fclose(f);
        }
    }
    return EAGAIN;
}
