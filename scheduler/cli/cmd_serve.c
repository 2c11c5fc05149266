/* iss serve: the feeds over HTTP, for phones to subscribe to.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "iss/serve.h"

static void help(void)
{
    fputs("Usage: iss [-C DIR] serve [--listen ADDR:PORT] [--threads N]\n"
          "                 [--trust-proxy ADDR]... [--header-timeout S]\n"
          "Serve the workspace's calendar feeds (out/feeds) over HTTP: GET "
          "and\n"
          "HEAD /feeds/TOKEN.ics only, with ETag and Last-Modified. Put it\n"
          "behind an HTTPS reverse proxy to reach phones; give each child "
          "the\n"
          "address iss feeds --base-url prints. New files published are "
          "served\n"
          "at once. Stop with SIGTERM or Ctrl-C. An access log (without "
          "tokens)\n"
          "goes to stderr.\n"
          "Beside the feeds, /staff/ is the staff area: staff sign in "
          "with the\n"
          "password iss staff password ID set, see their day and week "
          "and\n"
          "record outcomes; managers see the report and close actions\n"
          "(docs/staff.md).\n\n"
          "  --listen ADDR:PORT  default 127.0.0.1:8080 (loopback only); "
          "[::1]:8080\n"
          "  --threads N         worker threads (default 2)\n"
          "  --trust-proxy ADDR  the reverse proxy's address (as iss serve "
          "sees\n"
          "                      it, e.g. 127.0.0.1): only its X-Real-IP "
          "header\n"
          "                      is believed (up to 8 times)\n"
          "  --header-timeout S  seconds a client has to send a whole "
          "request\n"
          "                      (default 10; slow clients are cut off)\n\n"
          "Exit status: 0 stopped cleanly, 1 failure inside iss, 2 bad "
          "input or usage.\n"
          "See docs/serve.md and docs/staff.md.\n", stdout);
}

int cmd_serve(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"listen", required_argument, NULL, 'l'},
        {"threads", required_argument, NULL, 't'},
        {"trust-proxy", required_argument, NULL, 'p'},
        {"header-timeout", required_argument, NULL, 'H'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    struct iss_serve_opts o;
    struct iss_error err = {0, ""};
    char *end;
    long v;
    int ch;

    iss_serve_opts_init(&o);
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (ch) {
        case 'l':
            o.listen = optarg;
            break;
        case 't':
            errno = 0;
            v = strtol(optarg, &end, 10);
            if (errno || *end || v < 1 || v > 64)
                return cli_usage("serve", "--threads: '%s'; 1 to 64",
                                 optarg);
            o.threads = (int)v;
            break;
        case 'p':
            if (o.n_trust_proxy >= 8)
                return cli_usage("serve", "--trust-proxy: at most 8");
            o.trust_proxy[o.n_trust_proxy++] = optarg;
            break;
        case 'H':
            errno = 0;
            v = strtol(optarg, &end, 10);
            if (errno || *end || v < 1 || v > 300)
                return cli_usage("serve", "--header-timeout: '%s'; seconds "
                                          "from 1 to 300", optarg);
            o.header_timeout = (int)v;
            break;
        case 'h':
            help();
            return 0;
        case ':':
        default:
            return cli_option_error("serve", ch, argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage("serve", "unexpected argument '%s'", argv[optind]);
    if (iss_serve(cli->dir, &o, &err) != 0)
        return cli_error(&err);
    return 0;
}
