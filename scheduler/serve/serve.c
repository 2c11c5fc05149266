/* iss - serving the feeds over HTTP with libmicrohttpd.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#define _XOPEN_SOURCE 700 /* strptime */
#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <sodium.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/team.h"
#include "iss/serve.h"
#include "staff_web.h"

#define TOKEN_LEN 40
#define MAX_TOKENS 100000
#define MAX_CLIENTS 4096
#define MAX_FEED_BYTES (16u << 20)
/* An IPv6 /48 (a site) may fail this many times the limit of one /64. */
#define SITE_FACTOR 4

struct client {
    char addr[64];
    int failures;
    time_t window_start;
    time_t blocked_until;
};

/* A connection, watched until it has sent a whole request: a client that
 * trickles its headers is cut off at the header deadline. */
struct watch {
    int fd;
    time_t since;             /* connected, or answered the last request */
    bool in_request;          /* headers complete, being answered */
    bool cut;
    struct watch *prev, *next;
};

struct server {
    char *feeds_dir;
    const struct iss_serve_opts *opts;
    pthread_mutex_t lock;
    /* the known tokens, from the feeds folder, refreshed when it changes */
    char (*tokens)[TOKEN_LEN];
    size_t n_tokens;
    struct timespec dir_mtime;
    time_t loaded_at; /* when the list was last read */
    bool loaded;
    struct client *clients;
    size_t n_clients;
    struct client overflow;   /* when every remembered client is locked */
    struct watch *watches;
    unsigned char proxies[8][16];
    int proxy_family[8];
    int n_proxies;
    struct staff_area *staff;
};

/* A request to the staff area: its form, read whole before it is
 * answered (at most MAX_FORM bytes). Other requests' state is NOT_STAFF. */
#define MAX_FORM 16384
#define NOT_STAFF ((void *)1)
struct staff_req {
    char body[MAX_FORM + 1];
    size_t len;
    bool too_big;
};

void iss_serve_opts_init(struct iss_serve_opts *o)
{
    memset(o, 0, sizeof *o);
    o->listen = "127.0.0.1:8080";
    o->threads = 2;
    o->max_failures = 20;
    o->failure_window = 600;
    o->header_timeout = 10;
    o->per_ip_connections = 64;
    o->connections = 1000;
    o->log = stderr;
    o->signin_failures_account = 5;
    o->signin_failures_address = 20;
    o->signin_window = 900;
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

bool iss_serve_parse_path(const char *path, char token[TOKEN_LEN + 1])
{
    size_t i;

    if (strncmp(path, "/feeds/", 7) != 0 ||
        strlen(path) != 7 + TOKEN_LEN + 4 ||
        strcmp(path + 7 + TOKEN_LEN, ".ics") != 0)
        return false;
    for (i = 0; i < TOKEN_LEN; i++) {
        if (!is_hex(path[7 + i]))
            return false;
        token[i] = path[7 + i];
    }
    token[TOKEN_LEN] = '\0';
    return true;
}

/* Reload the token list when the folder changed (a publish or rotation
 * renames files in or out). The folder's mtime comes from a coarse clock
 * (a few ms), so two renames in one tick leave it unchanged: the list is
 * read again until it has been read more than a second after the last
 * change. Caller holds the lock. */
static void refresh_tokens(struct server *s, time_t now)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    size_t n = 0;

    if (stat(s->feeds_dir, &st) != 0) {
        s->n_tokens = 0;
        s->loaded = false;
        return;
    }
    if (s->loaded && st.st_mtim.tv_sec == s->dir_mtime.tv_sec &&
        st.st_mtim.tv_nsec == s->dir_mtime.tv_nsec &&
        s->loaded_at > st.st_mtim.tv_sec + 1)
        return;
    d = opendir(s->feeds_dir);
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL && n < MAX_TOKENS) {
        size_t i;
        bool ok = strlen(e->d_name) == TOKEN_LEN + 4 &&
                  strcmp(e->d_name + TOKEN_LEN, ".ics") == 0;
        for (i = 0; ok && i < TOKEN_LEN; i++)
            ok = is_hex(e->d_name[i]);
        if (!ok)
            continue;
        if (n % 256 == 0) {
            char(*nt)[TOKEN_LEN] = realloc(s->tokens, (n + 256) * TOKEN_LEN);
            if (nt == NULL)
                break;
            s->tokens = nt;
        }
        memcpy(s->tokens[n++], e->d_name, TOKEN_LEN);
    }
    closedir(d);
    s->n_tokens = n;
    s->dir_mtime = st.st_mtim;
    s->loaded_at = now;
    s->loaded = true;
}

/* Constant time in the token: every known token is compared in full,
 * whatever matched. */
static bool known_token(const struct server *s, const char *token)
{
    unsigned found = 0;
    size_t i, j;

    for (i = 0; i < s->n_tokens; i++) {
        unsigned diff = 0;
        for (j = 0; j < TOKEN_LEN; j++)
            diff |= (unsigned)(unsigned char)(s->tokens[i][j] ^ token[j]);
        found |= (unsigned)(diff == 0);
    }
    return found != 0;
}

/* The entry of a client. When the table is full, the entry forgotten is
 * the one with the fewest failures (the oldest of those) that is not
 * locked out: a locked-out client is never forgotten before its lock-out
 * ends, however many other addresses ask (an attacker cannot flush it).
 * When every entry is locked out, new clients share one entry. */
static struct client *client_of(struct server *s, const char *addr,
                                time_t now, const struct client *keep)
{
    size_t i, pick = SIZE_MAX;

    for (i = 0; i < s->n_clients; i++)
        if (strcmp(s->clients[i].addr, addr) == 0)
            return &s->clients[i];
    if (s->n_clients < MAX_CLIENTS) {
        i = s->n_clients++;
    } else {
        for (i = 0; i < s->n_clients; i++) {
            const struct client *c = &s->clients[i], *p;
            if (c->blocked_until > now || c == keep)
                continue;
            if (pick == SIZE_MAX) {
                pick = i;
                continue;
            }
            p = &s->clients[pick];
            if (c->failures < p->failures ||
                (c->failures == p->failures &&
                 c->window_start < p->window_start))
                pick = i;
        }
        if (pick == SIZE_MAX) {
            if (s->overflow.addr[0] == '\0') {
                snprintf(s->overflow.addr, sizeof s->overflow.addr,
                         "(others)");
                s->overflow.window_start = now;
            }
            return &s->overflow;
        }
        i = pick;
    }
    memset(&s->clients[i], 0, sizeof s->clients[i]);
    snprintf(s->clients[i].addr, sizeof s->clients[i].addr, "%s", addr);
    s->clients[i].window_start = now;
    return &s->clients[i];
}

/* Is the peer (family, 4 or 16 bytes) a proxy --trust-proxy named? An
 * IPv4-mapped IPv6 peer matches its IPv4 address. */
static bool trusted(const struct server *s, int family,
                    const unsigned char *a)
{
    static const unsigned char v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0,
                                               0, 0, 0xff, 0xff};
    int i;

    if (family == AF_INET6 && memcmp(a, v4mapped, 12) == 0) {
        family = AF_INET;
        a += 12;
    }
    for (i = 0; i < s->n_proxies; i++)
        if (s->proxy_family[i] == family &&
            memcmp(s->proxies[i], a, family == AF_INET ? 4 : 16) == 0)
            return true;
    return false;
}

/* The client's address (for the log) and the keys its failures count
 * under: the address, or for IPv6 its /64 (one subscriber's share) and
 * its /48 (the site: site[] is "" for IPv4). A peer --trust-proxy names
 * is the reverse proxy (docs/serve.md): the client is then the one its
 * X-Real-IP header names; any other peer's X-Real-IP is ignored. */
static bool client_addr(const struct server *s, struct MHD_Connection *c,
                        char *buf, size_t size, char *key, size_t key_size,
                        char *site, size_t site_size)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    const char *real;
    unsigned char a[16];
    int family = 0;
    bool proxy;

    snprintf(buf, size, "?");
    snprintf(key, key_size, "?");
    site[0] = '\0';
    (void)site_size;
    if (sa == NULL)
        return false;
    if (sa->sa_family == AF_INET) {
        family = AF_INET;
        memcpy(a, &((const struct sockaddr_in *)sa)->sin_addr, 4);
    } else if (sa->sa_family == AF_INET6) {
        family = AF_INET6;
        memcpy(a, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
    } else {
        return false;
    }
    proxy = trusted(s, family, a);
    real = proxy ? MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                               "X-Real-IP")
                 : NULL;
    if (real != NULL) {
        if (inet_pton(AF_INET, real, a) == 1)
            family = AF_INET;
        else if (inet_pton(AF_INET6, real, a) == 1)
            family = AF_INET6;
    }
    inet_ntop(family, a, buf, (socklen_t)size);
    if (family == AF_INET6) {
        char net[INET6_ADDRSTRLEN];
        memset(a + 8, 0, 8);
        inet_ntop(AF_INET6, a, key, (socklen_t)key_size);
        memset(a + 6, 0, 2);
        inet_ntop(AF_INET6, a, net, sizeof net);
        snprintf(site, site_size, "%s/48", net);
    } else {
        snprintf(key, key_size, "%s", buf);
    }
    return proxy;
}

/* Copy text for the log: printable ASCII only, at most size - 4 bytes,
 * and any run of 8 or more hex digits (a token, or a piece of one, on
 * any path) shown as [token]. */
static void log_safe(const char *in, char *out, size_t size)
{
    size_t i = 0, j = 0, room = size - 4; /* for "..." and the NUL */

    while (in[i] != '\0') {
        size_t run = 0;
        while (isxdigit((unsigned char)in[i + run]))
            run++;
        if (run >= 8) {
            if (j + 7 > room)
                break;
            memcpy(out + j, "[token]", 7);
            j += 7;
            i += run;
            continue;
        }
        if (run == 0)
            run = 1;
        if (j + run > room) /* never a piece of a hex run */
            break;
        for (; run > 0; run--, i++)
            out[j++] = (in[i] >= 0x21 && in[i] < 0x7f) ? in[i] : '?';
    }
    out[j] = '\0';
    if (in[i] != '\0')
        memcpy(out + j, "...", 4);
}

static void access_log(struct server *s, const char *addr,
                       const char *method, const char *path, int status,
                       size_t bytes)
{
    char when[32], shown[80], verb[24];
    time_t t = time(NULL);
    struct tm tm;

    if (s->opts->log == NULL)
        return;
    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    /* Never a token: anything under /feeds/ is shown as such, and a run
     * of hex digits anywhere else (a proxy's prefix, an absolute URL, a
     * token sent as the method) too. */
    if (strncmp(path, "/feeds/", 7) == 0)
        snprintf(shown, sizeof shown, "/feeds/[token]");
    else
        log_safe(path, shown, sizeof shown);
    log_safe(method, verb, sizeof verb);
    fprintf(s->opts->log, "%s %s %s %s %d %zu\n", when, addr, verb, shown,
            status, bytes);
    fflush(s->opts->log);
}

static enum MHD_Result reply(struct server *s, struct MHD_Connection *c,
                             const char *addr, const char *method,
                             const char *path, int status, const char *body)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ret;

    if (r == NULL)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, "Allow", "GET, HEAD");
    if (status == MHD_HTTP_TOO_MANY_REQUESTS)
        MHD_add_response_header(r, "Retry-After", "600");
    ret = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    access_log(s, addr, method, path, status, strlen(body));
    return ret;
}

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* The feed file as it is now: one open, so the old file or the new one. */
static enum MHD_Result serve_file(struct server *s, struct MHD_Connection *c,
                                  const char *addr, const char *method,
                                  const char *path, const char *token)
{
    char file[TOKEN_LEN + 8], *full, etag[48], lastmod[64];
    const char *inm, *ims;
    struct MHD_Response *r;
    struct stat st;
    unsigned char *buf = NULL;
    size_t got = 0;
    struct tm tm;
    int fd, status = MHD_HTTP_OK;
    enum MHD_Result ret;

    snprintf(file, sizeof file, "%.40s.ics", token);
    full = iss_path_join(s->feeds_dir, file);
    if (full == NULL)
        return MHD_NO;
    fd = open(full, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    free(full);
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        (size_t)st.st_size > MAX_FEED_BYTES) {
        if (fd >= 0)
            close(fd);
        return reply(s, c, addr, method, path, MHD_HTTP_NOT_FOUND,
                     "Not found\n");
    }
    buf = malloc((size_t)st.st_size + 1);
    while (buf != NULL && got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (buf == NULL || got != (size_t)st.st_size) {
        free(buf);
        return reply(s, c, addr, method, path,
                     MHD_HTTP_INTERNAL_SERVER_ERROR, "Try again\n");
    }
    snprintf(etag, sizeof etag, "\"%016llx-%llx\"",
             (unsigned long long)fnv1a(buf, got), (unsigned long long)got);
    gmtime_r(&st.st_mtime, &tm);
    strftime(lastmod, sizeof lastmod, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    ims = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                      "If-Modified-Since");
    if (inm != NULL) {
        if (strcmp(inm, "*") == 0 || strstr(inm, etag) != NULL)
            status = MHD_HTTP_NOT_MODIFIED;
    } else if (ims != NULL) {
        struct tm t2;
        memset(&t2, 0, sizeof t2);
        if (strptime(ims, "%a, %d %b %Y %H:%M:%S GMT", &t2) != NULL &&
            timegm(&t2) >= st.st_mtime)
            status = MHD_HTTP_NOT_MODIFIED;
    }
    /* A 304 is made from the whole file too: libmicrohttpd sends no body
     * with it, and its Content-Length is then the 200's, as RFC 9110 8.6
     * requires (an empty response would say Content-Length: 0). */
    r = MHD_create_response_from_buffer(got, buf, MHD_RESPMEM_MUST_FREE);
    if (r == NULL) {
        free(buf);
        return MHD_NO;
    }
    if (status == MHD_HTTP_NOT_MODIFIED || strcmp(method, "HEAD") == 0)
        got = 0; /* what the log counts: bytes of body sent */
    MHD_add_response_header(r, "Content-Type", "text/calendar; charset=utf-8");
    MHD_add_response_header(r, "ETag", etag);
    MHD_add_response_header(r, "Last-Modified", lastmod);
    MHD_add_response_header(r, "Cache-Control", "private, no-cache");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    ret = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    access_log(s, addr, method, path, status, got);
    return ret;
}

/* The first call of a request: the headers are complete; the header
 * deadline no longer applies to this request. A staff page gets room for
 * its form in *state. */
static enum MHD_Result first_call(struct server *s, struct MHD_Connection *c,
                                  const char *url, void **state)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

    if (ci != NULL && ci->socket_context != NULL) {
        pthread_mutex_lock(&s->lock);
        ((struct watch *)ci->socket_context)->in_request = true;
        pthread_mutex_unlock(&s->lock);
    }
    *state = NOT_STAFF;
    if (s->staff != NULL && staff_url(url)) {
        *state = calloc(1, sizeof(struct staff_req));
        if (*state == NULL)
            return MHD_NO;
    }
    return MHD_YES;
}

/* A piece of a request's body: a staff form's is kept, up to MAX_FORM; a
 * feed request's body is ignored. */
static void take_upload(void *state, const char *upload_data,
                        size_t *upload_data_size)
{
    if (state != NOT_STAFF) {
        struct staff_req *q = state;
        if (q->len + *upload_data_size > MAX_FORM) {
            q->too_big = true;
        } else {
            memcpy(q->body + q->len, upload_data, *upload_data_size);
            q->len += *upload_data_size;
        }
    }
    *upload_data_size = 0;
}

/* A request to the staff area, with its form, answered by staff_web.c. */
static enum MHD_Result staff_reply(struct server *s,
                                   struct MHD_Connection *c,
                                   struct staff_req *q, const char *addr,
                                   const char *key, bool proxy,
                                   const char *method, const char *url)
{
    struct staff_request rq;
    const char *proto =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto");
    enum MHD_Result ret;
    int status = 0;
    size_t bytes = 0;

    if (q->too_big)
        return reply(s, c, addr, method, url, MHD_HTTP_CONTENT_TOO_LARGE,
                     "Form too large\n");
    if (memchr(q->body, '\0', q->len) != NULL)
        return reply(s, c, addr, method, url, MHD_HTTP_BAD_REQUEST,
                     "Bad form\n");
    q->body[q->len] = '\0';
    rq.addr = addr;
    rq.key = key;
    rq.https = proxy && proto != NULL && strcmp(proto, "https") == 0;
    rq.method = method;
    rq.url = url;
    rq.body = q->body;
    rq.body_len = q->len;
    ret = staff_handle(s->staff, c, &rq, &status, &bytes);
    access_log(s, addr, method, url, status, bytes);
    return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
                              const char *url, const char *method,
                              const char *version, const char *upload_data,
                              size_t *upload_data_size, void **state)
{
    struct server *s = cls;
    char addr[64], key[64], site[72], token[TOKEN_LEN + 1];
    bool well_formed, known, blocked, proxy;
    struct client *cl, *net = NULL;
    time_t now = time(NULL);

    (void)version;
    if (*state == NULL)
        return first_call(s, c, url, state);
    if (*upload_data_size != 0) {
        take_upload(*state, upload_data, upload_data_size);
        return MHD_YES;
    }
    proxy = client_addr(s, c, addr, sizeof addr, key, sizeof key, site,
                        sizeof site);
    if (*state != NOT_STAFF)
        return staff_reply(s, c, *state, addr, key, proxy, method, url);
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return reply(s, c, addr, method, url, MHD_HTTP_METHOD_NOT_ALLOWED,
                     "Method not allowed\n");
    well_formed = iss_serve_parse_path(url, token);
    if (!well_formed)
        memset(token, 'x', TOKEN_LEN); /* the same work as a wrong one */
    pthread_mutex_lock(&s->lock);
    cl = client_of(s, key, now, NULL);
    if (now - cl->window_start > s->opts->failure_window) {
        cl->window_start = now;
        cl->failures = 0;
    }
    /* IPv6: the /48 counts too, with SITE_FACTOR times the limit, so that
     * guesses spread over the /64s of one site are limited as well. */
    if (site[0] != '\0') {
        net = client_of(s, site, now, cl);
        if (net == cl)
            net = NULL;
        else if (now - net->window_start > s->opts->failure_window) {
            net->window_start = now;
            net->failures = 0;
        }
    }
    blocked = cl->blocked_until > now ||
              (net != NULL && net->blocked_until > now);
    refresh_tokens(s, now);
    known = known_token(s, token) && well_formed;
    if (!known && !blocked) {
        if (++cl->failures > s->opts->max_failures) {
            cl->blocked_until = now + s->opts->failure_window;
            blocked = true;
        }
        if (net != NULL &&
            ++net->failures > SITE_FACTOR * s->opts->max_failures) {
            net->blocked_until = now + s->opts->failure_window;
            blocked = true;
        }
    }
    pthread_mutex_unlock(&s->lock);
    if (blocked)
        return reply(s, c, addr, method, url, MHD_HTTP_TOO_MANY_REQUESTS,
                     "Too many requests\n");
    if (!known)
        return reply(s, c, addr, method, url, MHD_HTTP_NOT_FOUND,
                     "Not found\n");
    return serve_file(s, c, addr, method, url, token);
}

static int parse_listen(const char *listen, struct sockaddr_storage *ss,
                        struct iss_error *err)
{
    char host[128], *colon;
    const char *port;
    struct addrinfo hints, *res = NULL;
    int rc;

    if (listen[0] == '[') {
        const char *end = strchr(listen, ']');
        if (end == NULL || end[1] != ':' ||
            (size_t)(end - listen - 1) >= sizeof host)
            goto bad;
        memcpy(host, listen + 1, (size_t)(end - listen - 1));
        host[end - listen - 1] = '\0';
        port = end + 2;
    } else {
        snprintf(host, sizeof host, "%s", listen);
        colon = strrchr(host, ':');
        if (colon == NULL)
            goto bad;
        *colon = '\0';
        port = listen + (colon - host) + 1;
    }
    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0 || res == NULL)
        goto bad;
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    freeaddrinfo(res);
    return 0;
bad:
    return iss_fail(err, ISS_EINPUT,
                    "--listen: '%s': an address and port, e.g. "
                    "127.0.0.1:8080 or [::1]:8080", listen);
}

/* Connections come and go: watch each until its request is whole. */
static void on_connection(void *cls, struct MHD_Connection *c,
                          void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    struct server *s = cls;
    struct watch *w;

    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        w = calloc(1, sizeof *w);
        if (w == NULL || ci == NULL) {
            free(w);
            *socket_context = NULL;
            return;
        }
        w->fd = (int)ci->connect_fd;
        w->since = time(NULL);
        pthread_mutex_lock(&s->lock);
        w->next = s->watches;
        if (s->watches != NULL)
            s->watches->prev = w;
        s->watches = w;
        pthread_mutex_unlock(&s->lock);
        *socket_context = w;
        return;
    }
    w = *socket_context;
    if (w == NULL)
        return;
    pthread_mutex_lock(&s->lock);
    if (w->prev != NULL)
        w->prev->next = w->next;
    else
        s->watches = w->next;
    if (w->next != NULL)
        w->next->prev = w->prev;
    pthread_mutex_unlock(&s->lock);
    free(w);
    *socket_context = NULL;
}

/* A request answered: a next one on the same connection has the header
 * deadline again, from now. */
static void on_completed(void *cls, struct MHD_Connection *c, void **state,
                         enum MHD_RequestTerminationCode toe)
{
    struct server *s = cls;
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

    (void)toe;
    if (state != NULL && *state != NULL && *state != NOT_STAFF) {
        struct staff_req *q = *state;
        sodium_memzero(q, sizeof *q); /* a form may hold a password */
        free(q);
    }
    if (state != NULL)
        *state = NULL;
    if (ci == NULL || ci->socket_context == NULL)
        return;
    pthread_mutex_lock(&s->lock);
    ((struct watch *)ci->socket_context)->in_request = false;
    ((struct watch *)ci->socket_context)->since = time(NULL);
    pthread_mutex_unlock(&s->lock);
}

/* Cut off every connection that has not sent a whole request within the
 * header deadline (a slow client holding a connection slot): shutdown
 * makes libmicrohttpd see the end of it and close it. */
static void cut_slow(struct server *s)
{
    time_t now = time(NULL);
    struct watch *w;

    pthread_mutex_lock(&s->lock);
    for (w = s->watches; w != NULL; w = w->next)
        if (!w->in_request && !w->cut &&
            now - w->since >= s->opts->header_timeout) {
            shutdown(w->fd, SHUT_RDWR);
            w->cut = true;
        }
    pthread_mutex_unlock(&s->lock);
}

/* The feeds folder must be there and readable before "listening" is
 * said: a server that cannot read it answers 404 to everyone (and each
 * 404 counts toward a phone's lock-out). */
static int check_feeds_dir(const char *dir, struct iss_error *err)
{
    struct stat sb;
    DIR *d;

    if (lstat(dir, &sb) != 0)
        return errno == ENOENT
                   ? iss_fail(err, ISS_EFAIL,
                              "%s: %s; publish a week first (iss publish "
                              "--week DATE), then start iss serve",
                              dir, strerror(errno))
                   : iss_fail(err, ISS_EFAIL,
                              "%s: cannot read: %s; run iss serve as the "
                              "user that publishes (out/ is 0700)",
                              dir, strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return iss_fail(err, ISS_EFAIL, "%s: not a folder (%s)", dir,
                        S_ISLNK(sb.st_mode) ? "a symbolic link"
                                            : "a file");
    d = opendir(dir);
    if (d == NULL)
        return iss_fail(err, ISS_EFAIL,
                        "%s: cannot read: %s; run iss serve as the user "
                        "that publishes (the folder is 0700)",
                        dir, strerror(errno));
    closedir(d);
    return 0;
}

/* The --trust-proxy addresses, parsed. */
static int trusted_proxies(struct server *s, const struct iss_serve_opts *o,
                           struct iss_error *err)
{
    int i;

    for (i = 0; i < o->n_trust_proxy && i < 8; i++) {
        if (inet_pton(AF_INET, o->trust_proxy[i], s->proxies[i]) == 1)
            s->proxy_family[i] = AF_INET;
        else if (inet_pton(AF_INET6, o->trust_proxy[i], s->proxies[i]) == 1)
            s->proxy_family[i] = AF_INET6;
        else
            return iss_fail(err, ISS_EINPUT,
                            "--trust-proxy: '%s' is not an IPv4 or IPv6 "
                            "address", o->trust_proxy[i]);
        s->n_proxies++;
    }
    return 0;
}

/* No more connections than there are file descriptors for. */
static unsigned connection_limit(const struct iss_serve_opts *o)
{
    struct rlimit rl;
    unsigned conns = (unsigned)o->connections;

    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
        rl.rlim_cur < (rlim_t)conns + 64)
        conns = rl.rlim_cur > 128 ? (unsigned)(rl.rlim_cur - 64) : 64;
    return conns;
}

/* The address bound (port 0 picks a free one), not a token. */
static void log_listening(FILE *log, struct MHD_Daemon *d,
                          const struct sockaddr_storage *ss,
                          const char *feeds_dir)
{
    const union MHD_DaemonInfo *di =
        MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char host[INET6_ADDRSTRLEN] = "?";
    bool v6 = ss->ss_family == AF_INET6;
    unsigned port = di != NULL ? (unsigned)di->port : 0u;

    if (v6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ss)->sin6_addr,
                  host, sizeof host);
    else
        inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr, host,
                  sizeof host);
    fprintf(log, "iss serve: listening on http://%s%s%s:%u/feeds/ "
                 "for %s (stop with SIGTERM or Ctrl-C)\n",
            v6 ? "[" : "", host, v6 ? "]" : "", port, feeds_dir);
    fprintf(log, "iss serve: staff area on http://%s%s%s:%u/staff/ "
                 "(passwords: iss staff password ID)\n",
            v6 ? "[" : "", host, v6 ? "]" : "", port);
    fflush(log);
}

/* Stop accepting, let the requests under way finish (a feed is a few kB:
 * milliseconds), but wait no more than a second for them: an idle
 * keep-alive connection would hold the stop up for nothing. */
static void stop_daemon(struct MHD_Daemon *d)
{
    MHD_socket ls = MHD_quiesce_daemon(d);
    int waited;

    for (waited = 0; waited < 100; waited++) {
        const union MHD_DaemonInfo *di =
            MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        struct timespec ten_ms = {0, 10 * 1000 * 1000};
        if (di == NULL || di->num_connections == 0)
            break;
        nanosleep(&ten_ms, NULL);
    }
    MHD_stop_daemon(d);
    if (ls != MHD_INVALID_SOCKET)
        close(ls);
}

int iss_serve(const char *dir, const struct iss_serve_opts *o,
              struct iss_error *err)
{
    struct server s;
    struct sockaddr_storage ss;
    struct MHD_Daemon *d;
    sigset_t set;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC |
                     MHD_USE_EPOLL;
    char *out;
    unsigned conns;
    int rc, sig;

    memset(&s, 0, sizeof s);
    rc = parse_listen(o->listen, &ss, err);
    if (rc != 0)
        return rc;
    out = iss_path_join(dir, "out");
    s.feeds_dir = out ? iss_path_join(out, "feeds") : NULL;
    free(out);
    s.clients = calloc(MAX_CLIENTS, sizeof *s.clients);
    if (s.feeds_dir == NULL || s.clients == NULL) {
        free(s.feeds_dir);
        free(s.clients);
        return iss_fail(err, ISS_EFAIL, "out of memory");
    }
    s.opts = o;
    rc = trusted_proxies(&s, o, err);
    if (rc == 0)
        rc = check_feeds_dir(s.feeds_dir, err);
    if (rc != 0) {
        free(s.feeds_dir);
        free(s.clients);
        return rc;
    }
    s.staff = staff_area_new(dir, o);
    if (s.staff == NULL) {
        free(s.feeds_dir);
        free(s.clients);
        return iss_fail(err, ISS_EFAIL, "out of memory (or libsodium "
                                        "cannot start)");
    }
    pthread_mutex_init(&s.lock, NULL);
    conns = connection_limit(o);
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    /* Block the stop signals in every thread; the main one waits. */
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    d = MHD_start_daemon(
        flags, 0, NULL, NULL, handle, &s, MHD_OPTION_SOCK_ADDR, &ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(o->threads > 0 ? o->threads
                                                               : 1),
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->header_timeout,
        MHD_OPTION_CONNECTION_LIMIT, conns,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)o->per_ip_connections, MHD_OPTION_NOTIFY_CONNECTION,
        on_connection, &s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
        MHD_OPTION_END);
    if (d == NULL) {
        rc = iss_fail(err, ISS_EFAIL,
                      "cannot listen on %s (in use, or not an address of "
                      "this machine?)", o->listen);
        goto out;
    }
    if (o->log != NULL)
        log_listening(o->log, d, &ss, s.feeds_dir);
    /* Wait for SIGTERM or SIGINT; every second, cut off the connections
     * that missed the header deadline. */
    for (;;) {
        struct timespec second = {1, 0};
        sig = sigtimedwait(&set, NULL, &second);
        if (sig == SIGTERM || sig == SIGINT)
            break;
        cut_slow(&s);
    }
    stop_daemon(d);
    if (o->log != NULL) {
        fprintf(o->log, "iss serve: stopped (%s)\n",
                sig == SIGTERM ? "SIGTERM" : "SIGINT");
        fflush(o->log);
    }
    rc = 0;
out:
    pthread_mutex_destroy(&s.lock);
    staff_area_free(s.staff);
    free(s.tokens);
    free(s.clients);
    free(s.feeds_dir);
    return rc;
}
