/* iss phases: an order's calendar by month.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "iss/band.h"

static void help(void)
{
    fputs("Usage: iss phases --band ID --start YYYY-MM-DD "
          "[--format text|json]\n"
          "Show the calendar of an order of band ID starting on a date:\n"
          "each month of the order with its dates, weekly hours and\n"
          "contacts per day, and where the band's ISS days end.\n"
          "The bands are the shipped ones and those in the workspace's\n"
          "bands/ folder (-C DIR).\n\n"
          "  --band ID        extended, high, medium, junior, ete, or a\n"
          "                   workspace band\n"
          "  --start DATE     the day the order takes effect\n"
          "  --format FORMAT  text (default) or json\n\n"
          "Exit status: 0 success, 1 failure inside iss, 2 bad input or "
          "usage.\n", stdout);
}

static void hours(int minutes, char *buf, size_t size)
{
    iss_hours_text(minutes, ISS_HOURS_NUMBER, buf, size);
}

static int print_json(const struct iss_band *b, iss_date start,
                      const struct iss_order_month *m, size_t n)
{
    cJSON *arr = cJSON_CreateArray(), *o;
    char d[ISS_DATE_BUFSZ];
    char *text;
    size_t i;

    if (arr == NULL)
        return ISS_EFAIL;
    for (i = 0; i < n; i++) {
        o = cJSON_CreateObject();
        if (o == NULL)
            goto nomem;
        cJSON_AddItemToArray(arr, o);
        cJSON_AddNumberToObject(o, "month", m[i].month);
        cJSON_AddStringToObject(o, "from", iss_date_format(m[i].from, d));
        cJSON_AddStringToObject(o, "to", iss_date_format(m[i].to, d));
        cJSON_AddNumberToObject(o, "weekly_hours",
                                m[i].phase ? m[i].phase->weekly_minutes / 60.0
                                           : 0);
        cJSON_AddNumberToObject(o, "contacts_per_day",
                                m[i].contacts_per_day);
        cJSON_AddNumberToObject(o, "weekend_contacts",
                                m[i].phase ? m[i].phase->weekend_contacts
                                           : 0);
        if (m[i].contacts_until != ISS_DATE_NONE)
            cJSON_AddStringToObject(o, "contacts_until",
                                    iss_date_format(m[i].contacts_until, d));
    }
    o = cJSON_CreateObject();
    if (o == NULL)
        goto nomem;
    cJSON_AddItemToArray(arr, o);
    cJSON_AddStringToObject(
        o, "iss_days_end",
        iss_date_format(iss_days_end(start, b->iss_days), d));
    text = cJSON_Print(arr);
    cJSON_Delete(arr);
    if (text == NULL)
        return ISS_EFAIL;
    printf("%s\n", text);
    free(text);
    return 0;
nomem:
    cJSON_Delete(arr);
    return ISS_EFAIL;
}

static void print_text(const struct iss_band *b, iss_date start,
                       const struct iss_order_month *m, size_t n)
{
    char d1[ISS_HDATE_BUFSZ], d2[ISS_HDATE_BUFSZ], h[16];
    iss_date iss_end = iss_days_end(start, b->iss_days);
    bool assumed_contacts = false;
    size_t i;

    printf("%s (%s), order starting %s\n", b->name, b->id,
           iss_date_human(start, d1));
    printf("Source: %s\n\n", b->source);
    printf("month  from             to               hours/week  "
           "contacts\n");
    for (i = 0; i < n; i++) {
        const struct iss_phase *ph = m[i].phase;
        char path[64];
        bool assumed = false;
        printf("%5d  %-15s  %-15s  %10s  ", m[i].month,
               iss_date_human(m[i].from, d1), iss_date_human(m[i].to, d2),
               (hours(ph ? ph->weekly_minutes : 0, h, sizeof h), h));
        if (ph != NULL) {
            snprintf(path, sizeof path, "phases[%d].contacts_per_day",
                     (int)(ph - b->phases));
            assumed = iss_band_assumed(b, path) && m[i].contacts_per_day;
        }
        if (m[i].contacts_per_day > 0) {
            printf("%d a day%s", m[i].contacts_per_day, assumed ? "*" : "");
            if (m[i].contacts_until != ISS_DATE_NONE)
                printf(" to %s", iss_date_human(m[i].contacts_until, d1));
        } else if (ph == NULL || ph->weekend_contacts == 0) {
            printf("-");
        }
        if (ph != NULL && ph->weekend_contacts > 0)
            printf("%s%d each weekend", m[i].contacts_per_day ? ", " : "",
                   ph->weekend_contacts);
        assumed_contacts |= assumed;
        printf("\n");
    }
    printf("\nISS days: %d, %s to %s", b->iss_days,
           iss_date_human(start, d1), iss_date_human(iss_end, d2));
    for (i = 0; i < n; i++) {
        if (iss_end >= m[i].from && iss_end <= m[i].to) {
            if (iss_end == m[i].to)
                printf(", the end of month %d.\n", m[i].month);
            else
                printf("; month %d ends %s, %d day%s later.\n", m[i].month,
                       iss_date_human(m[i].to, d1), (int)(m[i].to - iss_end),
                       m[i].to - iss_end == 1 ? "" : "s");
            break;
        }
    }
    if (i == n)
        printf(".\n");
    if (b->rules.contacts_within_iss_days_only)
        printf("Daily contacts apply while the ISS days last; weekends and "
               "bank holidays included%s.\n",
               b->rules.contacts_on_bank_holidays ? "" : " (not bank "
                                                         "holidays)");
    if (b->rules.curfew_counts_as_contact)
        printf("An electronically monitored curfew counts as one contact on "
               "the days it is in force.\n");
    if (b->rules.education_counts_max_minutes == ISS_EDUCATION_ALL)
        printf("Education hours count toward the weekly hours.\n");
    else if (b->rules.education_counts_max_minutes == 0)
        printf("Education does not count: the hours are in addition to "
               "it.\n");
    else
        printf("At most %s h of education a week count toward the "
               "hours.\n",
               (hours(b->rules.education_counts_max_minutes, h, sizeof h),
                h));
    if (assumed_contacts)
        printf("* assumed, not stated by the source (see the band file's "
               "assumptions)\n");
}

int cmd_phases(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"band", required_argument, NULL, 'b'},
        {"start", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *band_id = NULL, *format = "text";
    iss_date start = ISS_DATE_NONE;
    struct iss_problems probs;
    struct iss_error err = {0, ""};
    struct iss_band **bands = NULL;
    struct iss_order_month months[64];
    const struct iss_band *band = NULL;
    size_t n_bands = 0, n, i;
    int ch, rc;

    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (ch) {
        case 'b':
            band_id = optarg;
            break;
        case 's':
            if (cli_date_arg("phases", "--start", optarg, &start) != 0)
                return ISS_EINPUT;
            break;
        case 'f':
            format = optarg;
            break;
        case 'h':
            help();
            return 0;
        case ':':
        default:
            return cli_option_error("phases", ch, argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage("phases", "unexpected argument '%s'", argv[optind]);
    if (band_id == NULL)
        return cli_usage("phases", "--band is required");
    if (start == ISS_DATE_NONE)
        return cli_usage("phases", "--start is required");
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
        return cli_usage("phases", "--format: '%s'; text or json", format);
    iss_problems_init(&probs);
    rc = iss_bands_load(cli->dir, &bands, &n_bands, &probs, &err);
    if (rc == ISS_EFAIL) {
        iss_problems_clear(&probs);
        return cli_error(&err);
    }
    if (rc != 0) {
        cli_print_problems(&probs);
        iss_problems_clear(&probs);
        iss_bands_free(bands, n_bands);
        return ISS_EINPUT;
    }
    iss_problems_clear(&probs);
    for (i = 0; i < n_bands; i++)
        if (strcmp(bands[i]->id, band_id) == 0)
            band = bands[i];
    if (band == NULL) {
        fprintf(stderr, "iss: --band: '%s' is not a band; the bands are:",
                band_id);
        for (i = 0; i < n_bands; i++)
            fprintf(stderr, " %s", bands[i]->id);
        fputc('\n', stderr);
        iss_bands_free(bands, n_bands);
        return ISS_EINPUT;
    }
    n = iss_band_months(band, start, months, 64);
    if (n > 64)
        n = 64;
    if (strcmp(format, "json") == 0)
        rc = print_json(band, start, months, n);
    else
        print_text(band, start, months, n);
    iss_bands_free(bands, n_bands);
    if (rc != 0)
        fprintf(stderr, "iss: out of memory\n");
    return rc;
}
