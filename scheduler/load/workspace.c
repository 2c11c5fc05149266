/* iss - a workspace: team.json, cases/, bands/, loaded and checked.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/json.h"
#include "iss/team.h"
#include "load.h"
#include "iss/workspace.h"

#ifndef ISS_DATADIR
#define ISS_DATADIR "/usr/local/share/iss"
#endif

static bool is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* True if dir holds bands/ and data/. */
static bool has_data(const char *dir)
{
    char a[PATH_MAX], b[PATH_MAX];

    snprintf(a, sizeof a, "%s/bands", dir);
    snprintf(b, sizeof b, "%s/data", dir);
    return is_dir(a) && is_dir(b);
}

/* Kept here, beside the loading of the shipped bands and holidays it
 * serves, and sharing is_dir/has_data (issue 16 asked whether it belongs
 * in util.c: it is about the workspace's data, not a general helper). */
const char *iss_datadir(void)
{
    static char found[PATH_MAX];
    const char *env = getenv("ISS_DATADIR");
    char exe[PATH_MAX];
    ssize_t n;

    if (env != NULL && env[0] != '\0')
        return env;
    if (found[0] != '\0')
        return found;
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        char *slash;
        exe[n] = '\0';
        slash = strrchr(exe, '/');
        if (slash != NULL) {
            *slash = '\0';
            if (has_data(exe)) {
                snprintf(found, sizeof found, "%s", exe);
                return found;
            }
            if (strlen(exe) + 16 < sizeof found) {
                snprintf(found, sizeof found, "%s/../share/iss", exe);
                if (has_data(found))
                    return found;
            }
        }
    }
    snprintf(found, sizeof found, "%s", ISS_DATADIR);
    return found;
}

/* ---- listing a folder ---- */

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.json names of a folder, sorted (hidden files skipped). Returns 0
 * (a missing folder gives none), or ISS_EFAIL. */
static int list_json(const char *dir, char ***names, size_t *n,
                     struct iss_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t cap = 0;

    *names = NULL;
    *n = 0;
    if (d == NULL) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        return iss_fail(err, ISS_EFAIL, "%s: cannot list: %s", dir,
                        strerror(errno));
    }
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 6 ||
            strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **nn = realloc(*names, ncap * sizeof *nn);
            if (nn == NULL)
                goto nomem;
            *names = nn;
            cap = ncap;
        }
        (*names)[*n] = strdup(e->d_name);
        if ((*names)[*n] == NULL)
            goto nomem;
        (*n)++;
    }
    closedir(d);
    if (*n > 1)
        qsort(*names, *n, sizeof **names, name_cmp);
    return 0;
nomem:
    closedir(d);
    while (*n > 0)
        free((*names)[--*n]);
    free(*names);
    *names = NULL;
    return iss_fail(err, ISS_EFAIL, "out of memory");
}

static void free_names(char **names, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* ---- bands ---- */

/* Load the bands of one folder into the list, replacing those with the
 * same id. */
static int load_band_dir(const char *dir, const char *display_dir,
                         struct iss_band ***bands, size_t *n,
                         struct iss_problems *probs, struct iss_error *err)
{
    char **names = NULL;
    size_t count = 0, i, j;
    int rc = list_json(dir, &names, &count, err), result = 0;

    if (rc != 0)
        return rc;
    for (i = 0; i < count; i++) {
        char *path = iss_path_join(dir, names[i]);
        char display[PATH_MAX];
        struct iss_band *b = NULL, **nb;
        size_t base = strlen(names[i]) - 5;

        if (path == NULL) {
            result = iss_fail(err, ISS_EFAIL, "out of memory");
            break;
        }
        snprintf(display, sizeof display, "%s/%s", display_dir, names[i]);
        rc = iss_band_load(path, display, &b, probs, err);
        free(path);
        if (rc == ISS_EFAIL) {
            result = rc;
            break;
        }
        if (rc != 0) {
            result = ISS_EINPUT;
            continue;
        }
        if (strlen(b->id) != base || strncmp(b->id, names[i], base) != 0) {
            iss_problem(probs, "%s: id: \"%s\": the file is named %s; a band "
                               "file is named after its id",
                        display, b->id, names[i]);
            iss_band_free(b);
            result = ISS_EINPUT;
            continue;
        }
        for (j = 0; j < *n; j++)
            if (strcmp((*bands)[j]->id, b->id) == 0)
                break;
        if (j < *n) {
            iss_band_free((*bands)[j]);
            (*bands)[j] = b;
            continue;
        }
        nb = realloc(*bands, (*n + 1) * sizeof *nb);
        if (nb == NULL) {
            iss_band_free(b);
            result = iss_fail(err, ISS_EFAIL, "out of memory");
            break;
        }
        *bands = nb;
        (*bands)[(*n)++] = b;
    }
    free_names(names, count);
    return result;
}

int iss_bands_load(const char *dir, struct iss_band ***bands, size_t *n,
                   struct iss_problems *probs, struct iss_error *err)
{
    char *shipped = iss_path_join(iss_datadir(), "bands");
    char *local = dir != NULL ? iss_path_join(dir, "bands") : NULL;
    int rc, rc2 = 0;

    *bands = NULL;
    *n = 0;
    if (shipped == NULL || (dir != NULL && local == NULL)) {
        free(shipped);
        free(local);
        return iss_fail(err, ISS_EFAIL, "out of memory");
    }
    rc = load_band_dir(shipped, shipped, bands, n, probs, err);
    if (rc != ISS_EFAIL && *n == 0)
        rc = iss_fail(err, ISS_EFAIL,
                      "no band files in %s (set ISS_DATADIR to the folder "
                      "holding bands/ and data/)", shipped);
    if (rc != ISS_EFAIL && local != NULL)
        rc2 = load_band_dir(local, "bands", bands, n, probs, err);
    free(shipped);
    free(local);
    if (rc == ISS_EFAIL || rc2 == ISS_EFAIL) {
        iss_bands_free(*bands, *n);
        *bands = NULL;
        *n = 0;
        return ISS_EFAIL;
    }
    return rc != 0 ? rc : rc2;
}

void iss_bands_free(struct iss_band **bands, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        iss_band_free(bands[i]);
    free(bands);
}

/* ---- the workspace ---- */

void iss_workspace_free(struct iss_workspace *ws)
{
    if (ws == NULL)
        return;
    iss_bands_free(ws->bands, ws->n_bands);
    iss_holidays_free(ws->holidays);
    iss_arena_free(ws->arena);
    free(ws->dir);
    free(ws);
}

int iss_workspace_case_index(const struct iss_workspace *ws, const char *id)
{
    size_t i;

    for (i = 0; i < ws->n_cases; i++)
        if (strcmp(ws->cases[i].id, id) == 0)
            return (int)i;
    return -1;
}

int iss_workspace_band_index(const struct iss_workspace *ws, const char *id)
{
    size_t i;

    for (i = 0; i < ws->n_bands; i++)
        if (strcmp(ws->bands[i]->id, id) == 0)
            return (int)i;
    return -1;
}

/* Parse one JSON file of the workspace; NULL (with the problem recorded)
 * when it cannot be read or parsed. */
static cJSON *read_json(struct jctx *c, const char *path,
                        struct iss_error *err, int *rc)
{
    char *text;
    size_t len;
    cJSON *root;
    struct iss_error e2 = {0, ""};

    *rc = iss_read_file(path, ISS_MAX_INPUT_BYTES, &text, &len, &e2);
    if (*rc != 0) {
        if (*rc == ISS_EINPUT) {
            /* Too large or a folder: an input problem of that file. */
            const char *m = strstr(e2.msg, ": ");
            iss_problem(c->probs, "%s: %s", c->file, m ? m + 2 : e2.msg);
            c->problems++;
        } else {
            iss_fail(err, *rc, "%s", e2.msg);
        }
        return NULL;
    }
    root = jparse(c, text, len);
    free(text);
    if (root == NULL)
        *rc = ISS_EINPUT;
    return root;
}

static int load_cases(struct iss_workspace *ws, struct iss_problems *probs,
                      struct iss_error *err)
{
    char *dir = iss_path_join(ws->dir, "cases");
    char **names = NULL;
    size_t count = 0, i;
    int rc, result = 0;

    if (dir == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    rc = list_json(dir, &names, &count, err);
    if (rc != 0) {
        free(dir);
        return rc;
    }
    ws->cases = iss_arena_calloc(ws->arena, count + 1, sizeof *ws->cases);
    if (ws->cases == NULL) {
        result = iss_fail(err, ISS_EFAIL, "out of memory");
        goto out;
    }
    for (i = 0; i < count; i++) {
        char display[PATH_MAX], id[PATH_MAX];
        char *path = iss_path_join(dir, names[i]);
        struct jctx c = {NULL, probs, ws->arena, 0};
        cJSON *root;
        size_t j;

        if (path == NULL) {
            result = iss_fail(err, ISS_EFAIL, "out of memory");
            goto out;
        }
        snprintf(display, sizeof display, "cases/%s", names[i]);
        snprintf(id, sizeof id, "%.*s", (int)(strlen(names[i]) - 5),
                 names[i]);
        c.file = display;
        root = read_json(&c, path, err, &rc);
        free(path);
        if (rc == ISS_EFAIL) {
            result = rc;
            goto out;
        }
        if (root == NULL) {
            result = ISS_EINPUT;
            continue;
        }
        rc = iss_case_from_json(&c, root, &ws->team, ws->bands, ws->n_bands,
                                ws->holidays, id, &ws->cases[ws->n_cases]);
        cJSON_Delete(root);
        if (rc == ISS_EFAIL) {
            result = iss_fail(err, ISS_EFAIL, "out of memory");
            goto out;
        }
        if (rc != 0) {
            result = ISS_EINPUT;
            continue;
        }
        for (j = 0; j < ws->n_cases; j++)
            if (strcmp(ws->cases[j].id, ws->cases[ws->n_cases].id) == 0)
                break;
        if (j < ws->n_cases) {
            iss_problem(probs, "%s: id: \"%s\": %s has the same id",
                        display, ws->cases[j].id, ws->cases[j].file);
            result = ISS_EINPUT;
            continue;
        }
        ws->n_cases++;
    }
out:
    free_names(names, count);
    free(dir);
    return result;
}

/* Pins of different cases must not clash on a staff member (with the
 * travel time between), and pins alone must fit each staff member's daily
 * and weekly hours: no plan could honour them otherwise. */
static int check_pins_across(struct iss_workspace *ws,
                             struct iss_problems *probs)
{
    const struct iss_team *t = &ws->team;
    int travel = t->policy.travel_minutes_between_sessions, problems = 0;
    size_t a, b, i, j;
    char d[ISS_HDATE_BUFSZ], t1[6], t2[6], t3[6], t4[6];

    for (a = 0; a < ws->n_cases; a++) {
        const struct iss_case *ca = &ws->cases[a];
        for (i = 0; i < ca->n_pins; i++) {
            const struct iss_pin *pa = &ca->pins[i];
            int sa, minutes_day = 0;
            for (sa = 0; sa < pa->n_staff; sa++) {
                int s = pa->staff[sa];
                const struct iss_staff *st = &t->staff[s];
                minutes_day = 0;
                for (b = 0; b < ws->n_cases; b++) {
                    const struct iss_case *cb = &ws->cases[b];
                    for (j = 0; j < cb->n_pins; j++) {
                        const struct iss_pin *pb = &cb->pins[j];
                        int sb;
                        bool has = false;
                        if (pb->date != pa->date)
                            continue;
                        for (sb = 0; sb < pb->n_staff; sb++)
                            if (pb->staff[sb] == s)
                                has = true;
                        if (!has)
                            continue;
                        minutes_day += pb->time.end - pb->time.start;
                        if (b <= a)
                            continue;
                        if (pb->time.start < pa->time.end + travel &&
                            pa->time.start < pb->time.end + travel) {
                            iss_problem(
                                probs,
                                "%s: pinned[%zu]: %s %s-%s with \"%s\" "
                                "clashes with %s pinned[%zu] (%s-%s): one "
                                "person cannot be in both (%d min travel "
                                "between children)",
                                ca->file, i, iss_date_human(pa->date, d),
                                iss_clock_format(pa->time.start, t1),
                                iss_clock_format(pa->time.end, t2), st->id,
                                cb->file, j,
                                iss_clock_format(pb->time.start, t3),
                                iss_clock_format(pb->time.end, t4), travel);
                            problems++;
                        }
                    }
                }
                if (st->max_minutes_day != ISS_NO_LIMIT &&
                    minutes_day > st->max_minutes_day) {
                    iss_problem(probs,
                                "%s: pinned[%zu]: pins give \"%s\" %d min "
                                "on %s, over their max_hours_per_day",
                                ca->file, i, st->id, minutes_day,
                                iss_date_human(pa->date, d));
                    problems++;
                }
            }
        }
    }
    return problems;
}

/* rota.csv, when the workspace has one: after team.json (it names its
 * staff), before the cases (pins are checked against the rota). */
static int load_rota_csv(struct iss_workspace *ws, struct iss_problems *probs,
                         struct iss_error *err)
{
    char *path = iss_path_join(ws->dir, "rota.csv"), *text = NULL;
    size_t len;
    int rc;

    if (path == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    if (access(path, F_OK) != 0) {
        free(path);
        return 0;
    }
    ws->has_rota_csv = true;
    rc = iss_read_file(path, ISS_MAX_INPUT_BYTES, &text, &len, err);
    free(path);
    if (rc != 0)
        return rc;
    rc = iss_rota_csv_apply(&ws->team, ws->arena, text, len, "rota.csv",
                            &ws->n_rota_rows, probs, err);
    free(text);
    return rc;
}

int iss_workspace_load(const char *dir, struct iss_workspace **out,
                       struct iss_problems *probs, struct iss_error *err)
{
    struct iss_workspace *ws;
    struct jctx c;
    char *path = NULL, *hpath = NULL;
    cJSON *root;
    int rc, result = 0;
    size_t i;

    *out = NULL;
    ws = calloc(1, sizeof *ws);
    if (ws == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    ws->dir = strdup(dir);
    ws->arena = iss_arena_new();
    ws->holidays = iss_holidays_new();
    path = iss_path_join(dir, "team.json");
    hpath = iss_path_join(iss_datadir(), "data/bank-holidays-ew.json");
    if (ws->dir == NULL || ws->arena == NULL || ws->holidays == NULL ||
        path == NULL || hpath == NULL) {
        result = iss_fail(err, ISS_EFAIL, "out of memory");
        goto fail;
    }
    if (!is_dir(dir)) {
        result = iss_fail(err, ISS_EINPUT, "%s: no such folder", dir);
        goto fail;
    }
    if (access(path, F_OK) != 0) {
        result = iss_fail(err, ISS_EINPUT,
                          "%s: no team.json here; is this a workspace? "
                          "(run iss in one, or give -C DIR)", dir);
        goto fail;
    }
    rc = iss_holidays_load(ws->holidays, hpath, hpath, probs, err);
    if (rc != 0) {
        result = rc == ISS_EFAIL ? rc : ISS_EFAIL;
        iss_fail(err, ISS_EFAIL, "%s: the shipped bank holiday file has "
                                 "problems", hpath);
        goto fail;
    }
    rc = iss_bands_load(dir, &ws->bands, &ws->n_bands, probs, err);
    if (rc == ISS_EFAIL) {
        result = rc;
        goto fail;
    }
    if (rc != 0)
        result = ISS_EINPUT;
    c.file = "team.json";
    c.probs = probs;
    c.arena = ws->arena;
    c.problems = 0;
    root = read_json(&c, path, err, &rc);
    if (rc == ISS_EFAIL) {
        result = rc;
        goto fail;
    }
    if (root == NULL) {
        /* Without a team the cases cannot be checked. */
        result = ISS_EINPUT;
        goto fail;
    }
    rc = iss_team_from_json(&c, root, &ws->team);
    cJSON_Delete(root);
    if (rc == ISS_EFAIL) {
        result = iss_fail(err, ISS_EFAIL, "out of memory");
        goto fail;
    }
    if (rc != 0)
        result = ISS_EINPUT;
    for (i = 0; i < ws->team.n_extra_holidays; i++)
        iss_holidays_add(ws->holidays, ws->team.extra_holidays[i],
                         "Local holiday (team.json)");
    rc = load_rota_csv(ws, probs, err);
    if (rc == ISS_EFAIL) {
        result = rc;
        goto fail;
    }
    if (rc != 0)
        result = ISS_EINPUT;
    rc = load_cases(ws, probs, err);
    if (rc == ISS_EFAIL) {
        result = rc;
        goto fail;
    }
    if (rc != 0)
        result = ISS_EINPUT;
    else if (check_pins_across(ws, probs) > 0)
        result = ISS_EINPUT;
    if (result != 0)
        goto fail;
    free(path);
    free(hpath);
    *out = ws;
    return 0;
fail:
    free(path);
    free(hpath);
    iss_workspace_free(ws);
    return result;
}

int iss_check_team_text(const char *text, size_t len,
                        struct iss_problems *probs)
{
    struct iss_arena *arena = iss_arena_new();
    struct jctx c = {"team.json", probs, arena, 0};
    struct iss_team team;
    cJSON *root;
    int rc;

    if (arena == NULL)
        return ISS_EFAIL;
    root = jparse(&c, text, len);
    if (root == NULL) {
        iss_arena_free(arena);
        return ISS_EINPUT;
    }
    rc = iss_team_from_json(&c, root, &team);
    cJSON_Delete(root);
    iss_arena_free(arena);
    return rc;
}

int iss_check_case_text(const struct iss_workspace *ws, const char *text,
                        size_t len, const char *display,
                        struct iss_problems *probs)
{
    struct iss_arena *arena = iss_arena_new();
    struct jctx c = {display, probs, arena, 0};
    struct iss_case k;
    cJSON *root;
    int rc;

    if (arena == NULL)
        return ISS_EFAIL;
    root = jparse(&c, text, len);
    if (root == NULL) {
        iss_arena_free(arena);
        return ISS_EINPUT;
    }
    rc = iss_case_from_json(&c, root, &ws->team, ws->bands, ws->n_bands,
                            ws->holidays, NULL, &k);
    cJSON_Delete(root);
    iss_arena_free(arena);
    return rc;
}
