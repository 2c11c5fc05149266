/* genws - generate an invented, valid iss workspace for tests and
 * benchmarks, deterministically from a seed.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 *   genws [--children N] [--staff M] [--seed S] [--week YYYY-MM-DD]
 *         [--size S|M|L] [--rotas] OUTDIR
 *
 * Standalone: only the C library. Everyone in the output is invented and
 * has a first name only. docs/genws.md describes what is generated and in
 * which proportions.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

typedef int32_t date_t; /* days since 1970-01-01 */

/* ------------------------------------------------------------------ */
/* The random numbers: splitmix64, one independent stream per purpose, so
 * that the output is the same on every machine and changing one child does
 * not shift the numbers of the others. */

typedef struct {
    uint64_t s;
} rng_t;

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t g_seed;

static rng_t rng_for(uint64_t stream)
{
    rng_t r;
    uint64_t t = stream * 0xD1B54A32D192ED03ULL + 0x632BE59BD9B4E019ULL;

    r.s = g_seed ^ splitmix(&t);
    (void)splitmix(&r.s);
    return r;
}

/* A number in [0, n), n >= 1, without modulo bias. */
static uint32_t rnd(rng_t *r, uint32_t n)
{
    uint64_t lim, x;

    if (n <= 1)
        return 0;
    lim = UINT64_MAX - UINT64_MAX % n;
    do
        x = splitmix(&r->s);
    while (x >= lim);
    return (uint32_t)(x % n);
}

static int rnd_range(rng_t *r, int lo, int hi)
{
    return hi <= lo ? lo : lo + (int)rnd(r, (uint32_t)(hi - lo + 1));
}

/* true with probability permille / 1000 */
static bool chance(rng_t *r, int permille)
{
    return (int)rnd(r, 1000) < permille;
}

static int pick_weighted(rng_t *r, const int *w, int n)
{
    int total = 0, i, x;

    for (i = 0; i < n; i++)
        total += w[i];
    x = (int)rnd(r, (uint32_t)total);
    for (i = 0; i < n; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return n - 1;
}

static void shuffle_int(rng_t *r, int *a, int n)
{
    int i;

    for (i = n - 1; i > 0; i--) {
        int j = (int)rnd(r, (uint32_t)(i + 1)), t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

/* ------------------------------------------------------------------ */
/* Dates (proleptic Gregorian, days from 1970-01-01). */

static date_t days_from_civil(int y, int m, int d)
{
    int64_t yy = y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return (date_t)(era * 146097 + doe - 719468);
}

static void civil_from_days(date_t days, int *y, int *m, int *d)
{
    int64_t z = (int64_t)days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int mm = (int)(mp < 10 ? mp + 3 : mp - 9);

    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = mm;
    *y = (int)(yoe + era * 400 + (mm <= 2));
}

/* 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday). */
static int weekday(date_t d)
{
    int w = (int)((d + 3) % 7);

    return w < 0 ? w + 7 : w;
}

static int days_in_month(int y, int m)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dim[m - 1];
}

/* d + n calendar months, clamped to the month's end (31 Oct + 1 = 30 Nov). */
static date_t add_months(date_t d, int n)
{
    int y, m, dd, t;

    civil_from_days(d, &y, &m, &dd);
    t = y * 12 + (m - 1) + n;
    y = t >= 0 ? t / 12 : -((-t + 11) / 12);
    m = t - y * 12 + 1;
    if (dd > days_in_month(y, m))
        dd = days_in_month(y, m);
    return days_from_civil(y, m, dd);
}

static int age_on(date_t dob, date_t on)
{
    int by, bm, bd, y, m, d, age;

    civil_from_days(dob, &by, &bm, &bd);
    civil_from_days(on, &y, &m, &d);
    age = y - by;
    if (m < bm || (m == bm && d < bd))
        age--;
    return age;
}

static date_t easter_sunday(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;

    return days_from_civil(y, month, day);
}

/* England and Wales bank holidays by rule (the one-off moves are ignored:
 * this only keeps invented appointments off holidays). */
static bool bank_holiday(date_t dt)
{
    int y, m, d, wd = weekday(dt);
    date_t easter;

    civil_from_days(dt, &y, &m, &d);
    easter = easter_sunday(y);
    if (dt == easter - 2 || dt == easter + 1)
        return true;
    switch (m) {
    case 1:
        return (d == 1 && wd < 5) || (wd == 0 && (d == 2 || d == 3));
    case 5:
        return wd == 0 && (d <= 7 || d >= 25);
    case 8:
        return wd == 0 && d >= 25;
    case 12:
        return ((d == 25 || d == 26) && wd < 5) ||
               ((d == 27 || d == 28) && wd <= 1);
    default:
        return false;
    }
}

static const char *fmt_date(date_t d, char *buf)
{
    int y, m, dd;

    civil_from_days(d, &y, &m, &dd);
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
             (unsigned)m % 100u, (unsigned)dd % 100u);
    return buf;
}

static int parse_date(const char *s, date_t *out)
{
    int y, m, d, i;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    y = atoi(s);
    m = atoi(s + 5);
    d = atoi(s + 8);
    if (y < 1990 || y > 2150 || m < 1 || m > 12 || d < 1 ||
        d > days_in_month(y, m))
        return -1;
    *out = days_from_civil(y, m, d);
    return 0;
}

/* The first date on or after d that is weekday wd. */
static date_t next_weekday(date_t d, int wd)
{
    while (weekday(d) != wd)
        d++;
    return d;
}

/* ------------------------------------------------------------------ */
/* Invented names: common first names, one word, ASCII. */

static const char *const staff_names[] = {
    "Amira",    "Ben",     "Chloe",  "Dan",     "Femi",    "Grace",
    "Isla",     "Jonah",   "Kemi",   "Leon",    "Aisha",   "Callum",
    "Deepa",    "Eleanor", "Farah",  "Gareth",  "Hannah",  "Imran",
    "Jasmine",  "Kieran",  "Laura",  "Marcus",  "Nadia",   "Owen",
    "Priya",    "Rhys",    "Sophie", "Tariq",   "Usha",    "Victoria",
    "Wes",      "Yasmin",  "Zain",   "Abigail", "Bilal",   "Ciara",
    "Declan",   "Emma",    "Fraser", "Gemma",   "Hamza",   "Ines",
    "Jack",     "Kerry",   "Lewis",  "Maryam",  "Niall",   "Olivia",
    "Patrick",  "Rachel",  "Sanjay", "Tom",     "Vanessa", "Will",
    "Adele",    "Bethan",  "Carl",   "Donna",   "Ewan",    "Fiona",
    "Graham",   "Helen",   "Ian",    "Joanne",  "Karl",    "Lorna",
    "Mohammed", "Nicola",  "Paul",   "Ruth",    "Simon",   "Tanya",
    "Yusuf",    "Zoe",     "Anita",  "Connor",  "Dylan",   "Erin",
    "Hassan",   "Megan"};
#define N_STAFF_NAMES ((int)(sizeof staff_names / sizeof staff_names[0]))

static const char *const child_names[] = {
    "Jay",     "Kai",     "Riley",  "Leah",    "Tyler",   "Mia",    "Ethan",
    "Zara",    "Jordan",  "Aaron",  "Bailey",  "Caleb",   "Demi",   "Eden",
    "Finley",  "Georgia", "Harvey", "Isaac",   "Jade",    "Kian",   "Lacey",
    "Mason",   "Nathan",  "Ollie",  "Paige",   "Reece",   "Skye",   "Taylor",
    "Tia",     "Vinnie",  "Amir",   "Brandon", "Cody",    "Darius", "Ellie",
    "Frankie", "Gabriel", "Hayden", "Ibrahim", "Jamal",   "Keira",  "Liam",
    "Maddie",  "Noah",    "Oscar",  "Poppy",   "Ruby",    "Sami",   "Theo",
    "Tyrese",  "Alfie",   "Blake",  "Casey",   "Dominic", "Evie",   "Freddie",
    "Harley",  "Idris",   "Jayden", "Kayla",   "Logan",   "Marley", "Nia",
    "Omar",    "Phoebe",  "Quinn",  "Rory",    "Shay",    "Troy",   "Amber",
    "Billy",   "Charlie", "Dexter", "Ebony",   "Felix",   "Gracie", "Hugo",
    "Jenson",  "Kyle",    "Lily",   "Milo",    "Nico",    "Olly",   "Rosie",
    "Sonny",   "Tommy",   "Aliyah", "Bobby",   "Corey",   "Danny",  "Ezra",
    "Faith",   "Junior",  "Kacey",  "Layla",   "Malik",   "Reuben", "Saffron",
    "Toby",    "Zac"};
#define N_CHILD_NAMES ((int)(sizeof child_names / sizeof child_names[0]))

static const char *const towns[] = {
    "Northmere",  "Ashcombe Vale", "Brackenford",  "Oakhollow",
    "Harrowdale", "Stonebury",     "Wyvern Cross", "Elderfield",
    "Greywater",  "Fernbrook",     "Kestrel Bay",  "Thornbury Vale"};
#define N_TOWNS ((int)(sizeof towns / sizeof towns[0]))

/* ------------------------------------------------------------------ */
/* Bands: the shipped bands/ files, for the capacity estimate only. */

enum { B_HIGH, B_MEDIUM, B_EXTENDED, B_ETE, B_JUNIOR, N_BANDS };
static const char *const band_ids[N_BANDS] = {"high", "medium", "extended",
                                              "ete", "junior"};
static const int band_share[N_BANDS] = {35, 20, 15, 15, 15};

struct phase {
    int m_from, m_to, week_min, per_day, weekend;
};
struct bandinfo {
    int iss_days, edu_cap; /* edu_cap minutes a week; -1 = all count */
    bool curfew_counts;
    int n;
    struct phase ph[3];
};
static const struct bandinfo bands[N_BANDS] = {
    [B_HIGH] = {91, -1, true, 2, {{1, 3, 1500, 2, 0}, {4, 6, 300, 0, 1}}},
    [B_MEDIUM] = {91,
                  -1,
                  true,
                  3,
                  {{1, 2, 1200, 2, 0}, {3, 3, 600, 2, 0}, {4, 6, 300, 0, 1}}},
    [B_EXTENDED] = {180,
                    -1,
                    true,
                    3,
                    {{1, 4, 1500, 2, 0},
                     {5, 6, 900, 2, 0},
                     {7, 12, 300, 0, 1}}},
    [B_ETE] = {91, 0, false, 2, {{1, 3, 420, 1, 0}, {4, 6, 180, 0, 1}}},
    [B_JUNIOR] = {91, 450, false, 2, {{1, 3, 750, 1, 0}, {4, 6, 300, 0, 1}}},
};

/* ------------------------------------------------------------------ */
/* The team. */

enum { R_TRACKER = 1, R_CM = 2, R_ETE = 4, R_FAMILY = 8, R_REPAR = 16 };
static const char *const role_names[] = {"tracker", "case_manager",
                                         "ete_worker", "family_worker",
                                         "reparation_worker"};

#define MAX_LEAVE 3

struct staff {
    char id[16];
    const char *name;
    unsigned roles;
    bool has[7];
    int a[7], b[7];        /* one availability window per weekday, minutes */
    int max_week, max_day; /* minutes */
    int n_leave;
    date_t leave_from[MAX_LEAVE], leave_to[MAX_LEAVE];
    bool no_bh;
    int kw_load;
    int order; /* a random key for tie-breaks */
};

static struct staff *staff;
static int n_staff;
static date_t W;   /* the Monday of the target week */
static int T_need; /* trackers on duty at once, 09:00-20:00, every day */

#define DAY_FROM (9 * 60)
#define DAY_TO (20 * 60)

/* The shape knobs (docs/genws.md, "Families and knobs"). -1 = as genws
 * always did; every other value draws from its own random streams, so the
 * default output does not change. */
static struct knobs {
    int capacity;     /* need as % of staff hours; 0 = as before */
    int spec_pct;     /* % of the team who are specialists */
    int spec_only;    /* 1: ete, restorative, family only by specialists */
    int rota_pct;     /* % of weekday trackers on rota shifts */
    int leave_pct;    /* % of staff with leave in the target week */
    int leave_min, leave_max; /* its length in days */
    int midweek_pct;  /* % of orders starting Tue-Thu of the target week */
    int stepdown_pct; /* % of children in a step-down month */
    int double_pct;   /* % double-staffed */
    int distinct_pct; /* % with max_distinct */
    int commit_pct;   /* % with a weekly family contact */
} kn = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
static const char *family = "default";
static char knob_args[512]; /* the knobs given, for x-generated */

/* Named families: combinations of the knobs (docs/genws.md). */
static const struct famdef {
    const char *name;
    struct knobs k;
} families[] = {
    /* capacity spec spec_only rota leave lmin lmax midweek stepdown
     * double distinct commit */
    {"default", {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1}},
    {"tight", {70, -1, -1, -1, 10, 1, 3, 10, 40, -1, -1, -1}},
    {"specialist", {-1, 20, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1}},
    {"rota", {-1, -1, -1, 60, 10, 1, 3, -1, -1, -1, -1, -1}},
    {"stepdown", {-1, -1, -1, -1, -1, -1, -1, 15, 70, -1, -1, 60}},
    {"constrained", {-1, -1, -1, -1, -1, -1, -1, -1, -1, 10, 50, 60}},
    {"services", {70, 20, 1, 60, 10, 1, 3, 10, 50, 5, 30, 40}},
};
#define N_FAMILIES ((int)(sizeof families / sizeof families[0]))

static int hm(int h, int m)
{
    return h * 60 + m;
}

static void set_day(struct staff *s, int wd, int a, int b)
{
    s->has[wd] = true;
    s->a[wd] = a;
    s->b[wd] = b;
}

static int n_days(const struct staff *s, bool weekdays_only)
{
    int d, n = 0;

    for (d = 0; d < (weekdays_only ? 5 : 7); d++)
        n += s->has[d];
    return n;
}

static bool on_leave(const struct staff *s, date_t d)
{
    int i;

    for (i = 0; i < s->n_leave; i++)
        if (d >= s->leave_from[i] && d <= s->leave_to[i])
            return true;
    return false;
}

static bool leave_overlaps(const struct staff *s, date_t from, date_t to)
{
    int i;

    for (i = 0; i < s->n_leave; i++)
        if (s->leave_from[i] <= to && from <= s->leave_to[i])
            return true;
    return false;
}

static bool works(const struct staff *s, date_t d)
{
    return s->has[weekday(d)] && !on_leave(s, d) &&
           !(s->no_bh && bank_holiday(d));
}

/* The first short slot of tracker cover on days [from, to]: returns true
 * and the day and quarter hour when fewer than T_need trackers are on
 * duty. */
static bool cover_short(date_t from, date_t to, date_t *day, int *slot)
{
    date_t d;
    int t, i, n;

    for (d = from; d <= to; d++) {
        int wd = weekday(d);
        for (t = DAY_FROM; t < DAY_TO; t += 15) {
            n = 0;
            for (i = 0; i < n_staff && n < T_need; i++) {
                const struct staff *s = &staff[i];
                if ((s->roles & R_TRACKER) && s->has[wd] && s->a[wd] <= t &&
                    s->b[wd] >= t + 15 && works(s, d))
                    n++;
            }
            if (n < T_need) {
                *day = d;
                *slot = t;
                return true;
            }
        }
    }
    return false;
}

/* Trackers covering 09:00-12:00 (morning) or 17:00-20:00 (evening) on a
 * weekday. */
static int count_cover(int wd, bool evening)
{
    int i, n = 0;

    for (i = 0; i < n_staff; i++) {
        const struct staff *s = &staff[i];
        if (!(s->roles & R_TRACKER) || !s->has[wd])
            continue;
        if (evening ? (s->a[wd] <= hm(17, 0) && s->b[wd] >= hm(20, 0))
                    : (s->a[wd] <= hm(9, 0) && s->b[wd] >= hm(12, 0)))
            n++;
    }
    return n;
}

static int deficit(bool evening)
{
    int d, n = 0;

    for (d = 0; d < 5; d++) {
        int c = count_cover(d, evening);
        if (c < T_need)
            n += T_need - c;
    }
    return n;
}

/* The k weekdays with the most need of morning or evening cover. */
static void neediest_days(rng_t *r, bool evening, int k, int *out)
{
    int d, j, key[5], def[5], idx[5] = {0, 1, 2, 3, 4};

    for (d = 0; d < 5; d++) {
        def[d] = T_need - count_cover(d, evening);
        key[d] = (int)rnd(r, 1000);
    }
    for (d = 1; d < 5; d++)
        for (j = d; j > 0; j--) {
            int x = idx[j - 1], y = idx[j];
            if (def[y] > def[x] || (def[y] == def[x] && key[y] < key[x])) {
                idx[j - 1] = y;
                idx[j] = x;
            }
        }
    for (d = 0; d < k; d++)
        out[d] = idx[d];
}

enum { SH_FULL, SH_EARLY, SH_LATE12, SH_LATE13, SH_TEN };

static void shift_times(int sh, int *a, int *b)
{
    switch (sh) {
    case SH_EARLY:
        *a = hm(8, 0), *b = hm(16, 0);
        break;
    case SH_LATE12:
        *a = hm(12, 0), *b = hm(20, 0);
        break;
    case SH_LATE13:
        *a = hm(13, 0), *b = hm(21, 0);
        break;
    case SH_TEN:
        *a = hm(10, 0), *b = hm(18, 0);
        break;
    default:
        *a = hm(9, 0), *b = hm(17, 0);
    }
}

static int morning_shift(rng_t *r)
{
    return chance(r, 650) ? SH_FULL : SH_EARLY;
}

static int evening_shift(rng_t *r)
{
    return chance(r, 650) ? SH_LATE12 : SH_LATE13;
}

static void pattern_weekdays(struct staff *s, int sh, const int *days, int k)
{
    int a, b, i;

    shift_times(sh, &a, &b);
    for (i = 0; i < k; i++)
        set_day(s, days[i], a, b);
}

/* A weekend worker: Saturday and Sunday 09:00-20:00 plus weekday shifts
 * where cover is short. */
static void pattern_weekend(rng_t *r, struct staff *s, bool part_time)
{
    int days[5], k = part_time ? 1 : 3;
    bool evening = deficit(true) >= deficit(false);

    set_day(s, 5, DAY_FROM, DAY_TO);
    set_day(s, 6, DAY_FROM, DAY_TO);
    neediest_days(r, evening, k, days);
    pattern_weekdays(s, evening ? evening_shift(r) : morning_shift(r), days,
                     k);
    s->max_day = 600;
    s->max_week = part_time ? (chance(r, 500) ? 28 * 60 : 30 * 60) : 37 * 60;
}

/* A case manager who works Saturday and Sunday 10:00-18:00 and three
 * weekday afternoons and evenings. */
static void pattern_weekend_cm(rng_t *r, struct staff *s)
{
    int days[5] = {0, 1, 2, 3, 4};

    shuffle_int(r, days, 5);
    pattern_weekdays(s, SH_LATE12, days, 3);
    set_day(s, 5, hm(10, 0), hm(18, 0));
    set_day(s, 6, hm(10, 0), hm(18, 0));
    s->max_week = 37 * 60;
    s->max_day = 600;
}

static void pattern_full(struct staff *s, int sh, rng_t *r)
{
    static const int all[5] = {0, 1, 2, 3, 4};

    pattern_weekdays(s, sh, all, 5);
    s->max_week = 37 * 60;
    s->max_day = chance(r, 750) ? 540 : 600;
}

static void pattern_part(rng_t *r, struct staff *s, int sh, bool by_need,
                         bool evening)
{
    int days[5] = {0, 1, 2, 3, 4};
    static const int hours[] = {22 * 60, 22 * 60 + 30, 24 * 60};

    if (by_need) {
        neediest_days(r, evening, 3, days);
    } else {
        shuffle_int(r, days, 5);
    }
    pattern_weekdays(s, sh, days, 3);
    s->max_week = hours[rnd(r, 3)];
    s->max_day = 540;
}

/* A part-time reparation worker with a Saturday project. */
static void pattern_reparation(rng_t *r, struct staff *s)
{
    int d1 = rnd_range(r, 0, 2), d2 = d1 + 2;

    set_day(s, d1, hm(10, 0), hm(18, 0));
    set_day(s, d2, hm(10, 0), hm(18, 0));
    set_day(s, 5, hm(10, 0), hm(16, 0));
    s->max_week = 22 * 60;
    s->max_day = 540;
}

static int staff_week_minutes(const struct staff *s)
{
    int d, total = 0;

    for (d = 0; d < 7; d++) {
        int m;
        if (!s->has[d] || !works(s, W + d))
            continue;
        m = s->b[d] - s->a[d];
        total += m < s->max_day ? m : s->max_day;
    }
    return total < s->max_week ? total : s->max_week;
}

/* Case manager and specialist minutes when children in full-time
 * education are free: weekdays 15:15-19:00, and weekends. */
static int staff_peak_minutes(const struct staff *s)
{
    int d, total = 0;

    if (!(s->roles & (R_CM | R_ETE | R_FAMILY | R_REPAR)))
        return 0;
    for (d = 0; d < 7; d++) {
        int a, b;
        if (!s->has[d] || !works(s, W + d))
            continue;
        a = s->a[d];
        b = s->b[d];
        if (d < 5) {
            a = a > hm(15, 15) ? a : hm(15, 15);
            b = b < hm(19, 0) ? b : hm(19, 0);
        } else if (b - a > s->max_day) {
            b = a + s->max_day;
        }
        if (b > a)
            total += b - a;
    }
    return total;
}

static const char *team_warning;

static void make_team(int children)
{
    rng_t r = rng_for(1);
    int M = n_staff, i, k, n_spec, K, n_cm_only, n_both, base, kreq, n_we;
    int *role, *perm, *trk, n_trk = 0, nm = 0, *names;
    int quota, added;
    date_t day, h_from = W - 7, h_to = W + 34;
    int slot, iter;

    T_need = (children + 9) / 10 + 1;
    n_spec = M >= 10 ? (M * 10 + 50) / 100 : (M >= 7 ? 1 : 0);
    base = (70 * M + 50) / 100;
    if (kn.spec_pct >= 0) {
        n_spec = (M * kn.spec_pct + 50) / 100;
        base = (M * (80 - kn.spec_pct) + 50) / 100;
    }
    if (kn.spec_only == 1 && n_spec < 3)
        n_spec = 3;
    kreq = (24 * T_need + 9) / 10 + 1;
    K = base > kreq ? base : kreq;
    if (K < 3)
        K = 3;
    if (K > M)
        K = M;
    if (kn.spec_only == 1 && K > M - n_spec - 2)
        K = M - n_spec - 2;
    if (K > M - n_spec)
        n_spec = M - K;
    n_cm_only = M - n_spec - K;
    n_both = (25 * M + 50) / 100;
    if ((45 * M + 50) / 100 - n_cm_only > n_both)
        n_both = (45 * M + 50) / 100 - n_cm_only;
    if (n_cm_only + n_both < 2)
        n_both = 2 - n_cm_only;
    if (n_both > K)
        n_both = K;

    role = calloc((size_t)M, sizeof *role);
    perm = calloc((size_t)M, sizeof *perm);
    trk = calloc((size_t)M, sizeof *trk);
    names = calloc((size_t)N_STAFF_NAMES, sizeof *names);
    if (!role || !perm || !trk || !names) {
        fprintf(stderr, "genws: out of memory\n");
        exit(1);
    }
    k = 0;
    for (i = 0; i < n_both; i++)
        role[k++] = R_TRACKER | R_CM;
    for (i = 0; i < K - n_both; i++)
        role[k++] = R_TRACKER;
    for (i = 0; i < n_cm_only; i++)
        role[k++] = R_CM;
    {
        int first = (int)rnd(&r, 3);
        for (i = 0; i < n_spec; i++) {
            static const int spec[3] = {R_ETE, R_FAMILY, R_REPAR};
            role[k++] = spec[(first + i) % 3];
        }
    }
    shuffle_int(&r, role, M);
    for (i = 0; i < N_STAFF_NAMES; i++)
        names[i] = i;
    for (i = 0; i < M; i++) {
        struct staff *s = &staff[i];
        if (nm % N_STAFF_NAMES == 0)
            shuffle_int(&r, names, N_STAFF_NAMES);
        snprintf(s->id, sizeof s->id, "S%d", i + 1);
        s->name = staff_names[names[nm++ % N_STAFF_NAMES]];
        s->roles = (unsigned)role[i];
        s->order = (int)rnd(&r, 1000000);
        perm[i] = i;
    }
    shuffle_int(&r, perm, M);
    for (i = 0; i < M; i++)
        if (staff[perm[i]].roles & R_TRACKER)
            trk[n_trk++] = perm[i];

    /* Weekend cover: T_need + 1 trackers (or a quarter of the team, if
     * more), among them a case manager when one is a tracker. */
    n_we = T_need + 1;
    if ((25 * M + 50) / 100 > n_we)
        n_we = (25 * M + 50) / 100;
    if (n_we > n_trk)
        n_we = n_trk;
    for (i = 0; i < n_trk; i++)
        if (staff[trk[i]].roles & R_CM) {
            int t = trk[i];
            memmove(trk + 1, trk, (size_t)i * sizeof *trk);
            trk[0] = t;
            break;
        }
    for (i = 0; i < n_we; i++)
        pattern_weekend(&r, &staff[trk[i]], chance(&r, 150));
    for (i = n_we; i < n_trk; i++) {
        struct staff *s = &staff[trk[i]];
        int dm = deficit(false), de = deficit(true);
        if (dm + de > 0) {
            /* Trackers who are also case managers take the evenings
             * first: children at school are free after 15:10. */
            bool evening = (s->roles & R_CM) ? de > 0 : dm == 0;
            int sh = evening ? evening_shift(&r) : morning_shift(&r);
            if (chance(&r, 150))
                pattern_part(&r, s, sh, true, evening);
            else
                pattern_full(s, sh, &r);
        } else {
            static const int w[] = {35, 15, 30, 20};
            switch (pick_weighted(&r, w, 4)) {
            case 0:
                pattern_full(s, SH_FULL, &r);
                break;
            case 1:
                pattern_full(s, SH_EARLY, &r);
                break;
            case 2:
                pattern_full(s, evening_shift(&r), &r);
                break;
            default:
                pattern_part(&r, s,
                             chance(&r, 500) ? SH_FULL : evening_shift(&r),
                             false, false);
            }
        }
    }
    /* Rota shifts (--rota): a share of the weekday trackers work a rota
     * instead, a different shift on different days of the whole week
     * (early 08:00-16:00, day 09:00-17:00, late 13:00-21:00), 4-5 days, or
     * 2-3 days for part-timers (40% of them). The repair below restores
     * the cover. */
    if (kn.rota_pct > 0) {
        rng_t rr = rng_for(0x80001);
        for (i = n_we; i < n_trk; i++) {
            struct staff *s = &staff[trk[i]];
            int days[7] = {0, 1, 2, 3, 4, 5, 6}, nd, d;
            bool part;
            if (!chance(&rr, kn.rota_pct * 10))
                continue;
            part = chance(&rr, 400);
            nd = part ? rnd_range(&rr, 2, 3) : rnd_range(&rr, 4, 5);
            memset(s->has, 0, sizeof s->has);
            shuffle_int(&rr, days, 7);
            for (d = 0; d < nd; d++) {
                static const int w[] = {30, 30, 40};
                int a, b, x = pick_weighted(&rr, w, 3);
                shift_times(x == 0 ? SH_EARLY : x == 1 ? SH_FULL : SH_LATE13,
                            &a, &b);
                set_day(s, days[d], a, b);
            }
            s->max_day = 540;
            s->max_week = part ? nd * 8 * 60 : 37 * 60;
        }
    }
    /* Case managers and specialists who are not trackers. */
    for (i = 0; i < M; i++) {
        struct staff *s = &staff[perm[i]];
        if (s->roles & R_TRACKER)
            continue;
        if (s->roles & R_REPAR && chance(&r, 500)) {
            pattern_reparation(&r, s);
        } else if (s->roles & R_CM) {
            /* Case managers mostly work into the evening, when children
             * are out of school; some cover weekends. */
            static const int w[] = {15, 25, 5, 30, 15, 10};
            switch (pick_weighted(&r, w, 6)) {
            case 0:
                pattern_full(s, SH_FULL, &r);
                break;
            case 1:
                pattern_full(s, SH_TEN, &r);
                break;
            case 2:
                pattern_full(s, SH_EARLY, &r);
                break;
            case 3:
                pattern_full(s, SH_LATE12, &r);
                break;
            case 4:
                pattern_part(&r, s, chance(&r, 500) ? SH_TEN : SH_LATE12,
                             false, false);
                break;
            default:
                pattern_weekend_cm(&r, s);
            }
        } else {
            static const int w[] = {25, 35, 15, 25};
            switch (pick_weighted(&r, w, 4)) {
            case 0:
                pattern_full(s, SH_FULL, &r);
                break;
            case 1:
                pattern_full(s, SH_TEN, &r);
                break;
            case 2:
                pattern_full(s, SH_LATE12, &r);
                break;
            default:
                pattern_part(&r, s, SH_TEN, false, false);
            }
        }
    }
    /* At least one case manager works weekends. */
    for (i = 0; i < M; i++)
        if ((staff[i].roles & R_CM) && staff[i].has[5] && staff[i].has[6])
            break;
    if (i == M) {
        for (i = 0; i < M; i++) {
            struct staff *s = &staff[perm[i]];
            if ((s->roles & R_CM) && !(s->roles & R_TRACKER)) {
                set_day(s, 5, DAY_FROM, DAY_TO);
                set_day(s, 6, DAY_FROM, DAY_TO);
                s->max_day = 600;
                break;
            }
        }
        if (i == M)
            for (i = 0; i < M; i++) {
                struct staff *s = &staff[perm[i]];
                if (s->roles & R_CM) {
                    set_day(s, 5, DAY_FROM, DAY_TO);
                    set_day(s, 6, DAY_FROM, DAY_TO);
                    s->max_day = 600;
                    break;
                }
            }
    }

    /* Repair: wherever fewer than T_need trackers are on duty, add a shift
     * to the tracker with the fewest days (up to 5, then 6, then 7), or
     * widen a shift to 09:00-20:00, or make a non-tracker a tracker. */
    for (iter = 0; iter < 100000 && cover_short(W, W + 6, &day, &slot);
         iter++) {
        int wd = weekday(day), best = -1, cls, limit;
        for (cls = 0; cls < 4 && best < 0; cls++) {
            for (i = 0; i < M; i++) {
                struct staff *s = &staff[i];
                int nd = n_days(s, false);
                if (!(s->roles & R_TRACKER))
                    continue;
                if (cls == 1) {
                    if (!s->has[wd] ||
                        (s->a[wd] <= slot && s->b[wd] >= slot + 15))
                        continue;
                } else {
                    limit = cls == 0 ? 5 : cls == 2 ? 6 : 7;
                    if (s->has[wd] || nd >= limit)
                        continue;
                }
                if (best < 0 || nd < n_days(&staff[best], false) ||
                    (nd == n_days(&staff[best], false) &&
                     s->order < staff[best].order))
                    best = i;
            }
            if (best >= 0) {
                struct staff *s = &staff[best];
                if (cls == 1) {
                    if (s->a[wd] > DAY_FROM)
                        s->a[wd] = DAY_FROM;
                    if (s->b[wd] < DAY_TO)
                        s->b[wd] = DAY_TO;
                } else if (wd >= 5) {
                    set_day(s, wd, DAY_FROM, DAY_TO);
                } else if (slot < hm(17, 0)) {
                    set_day(s, wd, hm(9, 0), hm(17, 0));
                } else {
                    set_day(s, wd, hm(12, 0), hm(20, 0));
                }
            }
        }
        if (best < 0) {
            for (i = 0; i < M; i++)
                if (!(staff[perm[i]].roles & R_TRACKER) &&
                    (staff[perm[i]].roles & R_CM))
                    break;
            if (i == M)
                for (i = 0; i < M; i++)
                    if (!(staff[perm[i]].roles & R_TRACKER))
                        break;
            if (i == M) {
                team_warning = "too few staff for the tracker cover";
                break;
            }
            staff[perm[i]].roles |= R_TRACKER;
        }
    }

    /* Leave overlapping the target week (about 10% of staff, 2-5 days),
     * kept only where the tracker cover still holds. */
    quota = (M * (kn.leave_pct >= 0 ? kn.leave_pct : 10) + 50) / 100;
    added = 0;
    for (i = 0; i < M && added < quota; i++) {
        struct staff *s = &staff[perm[(i + 3) % M]];
        int len = rnd_range(&r, kn.leave_min >= 0 ? kn.leave_min : 2,
                            kn.leave_max >= 0 ? kn.leave_max : 5),
            off = rnd_range(&r, -(len - 1), 6);
        s->leave_from[s->n_leave] = W + off;
        s->leave_to[s->n_leave] = W + off + len - 1;
        s->n_leave++;
        /* Only a tracker's leave can break the cover, on its own days. */
        if ((s->roles & R_TRACKER) &&
            cover_short(W + off, W + off + len - 1, &day, &slot))
            s->n_leave--;
        else
            added++;
    }
    /* Later leave for about 15% (outside the weeks around the target). */
    for (i = 0; i < M; i++) {
        struct staff *s = &staff[i];
        if (chance(&r, 150) && s->n_leave < MAX_LEAVE) {
            date_t from = next_weekday(W + 7 * rnd_range(&r, 6, 20), 0) +
                          rnd_range(&r, 0, 2);
            s->leave_from[s->n_leave] = from;
            s->leave_to[s->n_leave] = from + rnd_range(&r, 4, 11);
            s->n_leave++;
        }
    }
    /* One or two people do not work bank holidays: non-trackers first. */
    quota = M < 20 ? 1 : 2;
    added = 0;
    for (k = 0; k < 2 && added < quota; k++)
        for (i = 0; i < M && added < quota; i++) {
            struct staff *s = &staff[perm[(i + 7) % M]];
            if (((s->roles & R_TRACKER) != 0) != (k == 1) || s->no_bh ||
                (s->has[5] && s->has[6]))
                continue;
            s->no_bh = true;
            if (s->roles & R_TRACKER) {
                date_t x, y;
                for (x = h_from; x <= h_to && s->no_bh; x++)
                    if (bank_holiday(x) && cover_short(x, x, &y, &slot))
                        s->no_bh = false;
            }
            if (s->no_bh)
                added++;
        }
    if (!team_warning && cover_short(h_from, h_to, &day, &slot))
        team_warning = "too few staff for the tracker cover";
    free(role);
    free(perm);
    free(trk);
    free(names);
}

/* ------------------------------------------------------------------ */
/* The cases. */

enum { ED_SCHOOL, ED_COLLEGE, ED_WORK, ED_NEET, N_ED };

#define DATE_NONE INT32_MIN
#define MAX_EXCEPT 3

struct entry {
    const char *what;
    unsigned days;  /* bit 0 = Monday */
    int start, end; /* minutes; end < start runs past midnight */
    date_t from, to, date;
    int n_except;
    date_t ex_from[MAX_EXCEPT], ex_to[MAX_EXCEPT];
    bool em;
};

static const char *const session_types[] = {
    "ete", "restorative", "offending_behaviour", "family", "interpersonal"};

struct kase {
    char id[16];
    const char *name;
    int band, ed, light, age;
    bool reduced;
    date_t dob, start, end, conviction;
    int n_curfew, n_edu, n_com;
    bool curfew_from;
    struct entry curfew[2], edu[1], com[3];
    bool ds;
    int n_ws, ws_type[2], ws_count[2];
    int kw, avoid, max_distinct, n_only, only[8];
    bool pin;
    date_t pin_date;
    int pin_start, pin_staff;
    int need; /* estimated staff minutes in the target week */
    int peak; /* of which case manager minutes after school or weekends */
    bool intensive; /* daily contacts in the target week */
};

static struct kase *cases;
static int n_cases;

/* School holidays in England, approximately: half-terms, Christmas,
 * Easter, summer. */
struct range {
    date_t from, to;
};

static int school_holidays(int year, struct range *out)
{
    int n = 0;
    date_t d, e;

    /* February half-term: the week of the third Monday. */
    d = next_weekday(days_from_civil(year, 2, 15), 0);
    out[n++] = (struct range){d - 2, d + 6};
    /* Easter: the Saturday before Good Friday to the Sunday after Easter
     * Monday. */
    e = easter_sunday(year);
    out[n++] = (struct range){e - 8, e + 7};
    /* May half-term: the week of the last Monday in May. */
    d = next_weekday(days_from_civil(year, 5, 25), 0);
    out[n++] = (struct range){d - 2, d + 6};
    /* Summer. */
    d = next_weekday(days_from_civil(year, 7, 18), 5);
    e = next_weekday(days_from_civil(year, 8, 30), 6);
    out[n++] = (struct range){d, e};
    /* October half-term: the week of the last Monday in October. */
    d = next_weekday(days_from_civil(year, 10, 25), 0);
    out[n++] = (struct range){d - 2, d + 6};
    /* Christmas: the Saturday on or before 22 Dec, for 16 days. */
    d = days_from_civil(year, 12, 22);
    while (weekday(d) != 5)
        d--;
    out[n++] = (struct range){d, d + 15};
    return n;
}

/* The school holiday before the target week and the one after it (never
 * one that touches the target week), where they fall in the order. */
static void add_term_breaks(struct entry *e, const struct kase *k)
{
    struct range h[24];
    int n = 0, y, m, d, i;
    int prev = -1, next = -1;

    civil_from_days(W, &y, &m, &d);
    n += school_holidays(y - 1, h + n);
    n += school_holidays(y, h + n);
    n += school_holidays(y + 1, h + n);
    for (i = 0; i < n; i++) {
        if (h[i].from <= W + 6 && W <= h[i].to)
            continue;
        if (h[i].to < W && (prev < 0 || h[i].to > h[prev].to))
            prev = i;
        if (h[i].from > W + 6 && (next < 0 || h[i].from < h[next].from))
            next = i;
    }
    e->n_except = 0;
    if (prev >= 0 && h[prev].to >= k->start) {
        e->ex_from[e->n_except] = h[prev].from;
        e->ex_to[e->n_except++] = h[prev].to;
    }
    if (next >= 0 && h[next].from <= k->end) {
        e->ex_from[e->n_except] = h[next].from;
        e->ex_to[e->n_except++] = h[next].to;
    }
}

static void entry_init(struct entry *e, const char *what, unsigned days,
                       int start, int end)
{
    memset(e, 0, sizeof *e);
    e->what = what;
    e->days = days;
    e->start = start;
    e->end = end;
    e->from = e->to = e->date = DATE_NONE;
}

static bool entry_on(const struct entry *e, date_t d)
{
    int i;

    if (e->date != DATE_NONE) {
        if (d != e->date)
            return false;
    } else {
        if (!(e->days & (1u << weekday(d))))
            return false;
        if (e->from != DATE_NONE && d < e->from)
            return false;
        if (e->to != DATE_NONE && d > e->to)
            return false;
    }
    for (i = 0; i < e->n_except; i++)
        if (d >= e->ex_from[i] && d <= e->ex_to[i])
            return false;
    return true;
}

static bool active(const struct kase *k, date_t d)
{
    return d >= k->start && d <= k->end;
}

static bool curfew_on(const struct kase *k, const struct entry *e, date_t d)
{
    return active(k, d) && entry_on(e, d);
}

static bool em_curfew_on(const struct kase *k, date_t d)
{
    int i;

    for (i = 0; i < k->n_curfew; i++) {
        const struct entry *e = &k->curfew[i];
        if (!e->em)
            continue;
        if (curfew_on(k, e, d) ||
            (e->end < e->start && active(k, d) && curfew_on(k, e, d - 1)))
            return true;
    }
    return false;
}

static int month_of_order(const struct kase *k, date_t d)
{
    int n = 1;

    while (n < 40 && add_months(k->start, n) <= d)
        n++;
    return n;
}

static const struct phase *phase_on(const struct kase *k, date_t d)
{
    const struct bandinfo *b = &bands[k->band];
    int m = month_of_order(k, d), i;

    for (i = 0; i < b->n; i++)
        if (m >= b->ph[i].m_from && m <= b->ph[i].m_to)
            return &b->ph[i];
    return NULL;
}

/* Staff minutes the case needs in the target week (docs/genws.md). */
static int case_need(struct kase *k)
{
    const struct bandinfo *b = &bands[k->band];
    long req7 = 0;
    int edu = 0, contacts2 = 0, weekend = 0, n_ses = 0, ses, need, i, d;
    bool intensive = false;

    for (d = 0; d < 7; d++) {
        date_t day = W + d;
        const struct phase *p = active(k, day) ? phase_on(k, day) : NULL;
        if (p == NULL)
            continue;
        req7 += p->week_min;
        if (day <= k->start + b->iss_days - 1) {
            int c = p->per_day;
            if (c > 0)
                intensive = true;
            if (c > 0 && b->curfew_counts && em_curfew_on(k, day))
                c--;
            contacts2 += c * 45; /* 22.5 minutes a contact */
        } else if (p->weekend && d == 5) {
            weekend = 30;
        }
        for (i = 0; i < k->n_edu; i++)
            if (entry_on(&k->edu[i], day))
                edu += k->edu[i].end - k->edu[i].start;
    }
    if (b->edu_cap >= 0 && edu > b->edu_cap)
        edu = b->edu_cap;
    need = (int)((req7 + 6) / 7) - edu;
    if (need < 0)
        need = 0;
    /* Sessions with a case manager (or specialist): in a week with daily
     * contacts one of each of the five core elements, and the
     * weekly_sessions. */
    for (i = 0; i < k->n_ws; i++)
        n_ses += intensive ? k->ws_count[i] - 1 : k->ws_count[i];
    if (intensive)
        n_ses += 5;
    ses = 60 * n_ses;
    if (ses > need)
        need = ses;
    /* Those in full-time education, college or work have them after
     * 15:00 on weekdays or at weekends (with travel between sessions). */
    k->peak = (k->ed == ED_SCHOOL && !k->reduced) || k->ed == ED_COLLEGE ||
                      k->ed == ED_WORK
                  ? ses * 5 / 4
                  : 0;
    k->intensive = intensive;
    need += contacts2 / 2 + weekend;
    if (k->ds) {
        k->peak *= 2;
        need *= 2;
    }
    return need;
}

static int curfew_start(int which, int *end)
{
    static const int starts[] = {19 * 60, 20 * 60, 21 * 60, 19 * 60 + 30};
    static const int ends[] = {7 * 60, 7 * 60, 6 * 60, 7 * 60};

    *end = ends[which];
    return starts[which];
}

/* The heavy choices of a case: band phase, education, order, curfew,
 * commitments, weekly sessions. light 1 puts the order in a step-down
 * month; light 2 also finds the child a school or college place. */
static void make_core(struct kase *k, int idx, int ed, bool ds_ok)
{
    rng_t r = rng_for(0x10000u + (uint64_t)idx * 4 + (uint64_t)k->light);
    int lo, hi, dd, len, i, c, band = k->band;
    date_t min_end = W + 34, day;
    static const int days_weekdays = 0x1f;

    k->ed = ed;
    if (k->light >= 2 && ed == ED_NEET)
        k->ed = band == B_JUNIOR ? ED_SCHOOL : ED_COLLEGE;
    /* Age at conviction. */
    if (band == B_JUNIOR) {
        static const int w[] = {15, 35, 50};
        k->age = 10 + pick_weighted(&r, w, 3);
    } else if (k->ed == ED_SCHOOL) {
        static const int w[] = {20, 40, 40};
        k->age = 14 + pick_weighted(&r, w, 3);
    } else if (k->ed == ED_NEET) {
        static const int w[] = {10, 30, 30, 30};
        k->age = 14 + pick_weighted(&r, w, 4);
    } else {
        k->age = chance(&r, k->ed == ED_WORK ? 400 : 550) ? 16 : 17;
    }
    /* Where in the order the target week falls. */
    if (band == B_EXTENDED) {
        lo = 28, hi = 300;
        if (k->light >= 1 || (k->ed == ED_NEET && chance(&r, 700)))
            lo = 186;
        else if (k->ed == ED_NEET)
            hi = 178;
    } else {
        lo = 28, hi = 182;
        if (k->light >= 1 || (k->ed == ED_NEET && chance(&r, 700)))
            lo = 95;
        else if (k->ed == ED_NEET)
            hi = 84;
    }
    if (kn.stepdown_pct >= 0 && k->light == 0) {
        /* --stepdown: the phase mix by share, whatever the education. */
        rng_t pr = rng_for(0x50000u + (uint64_t)idx);
        bool sd = chance(&pr, kn.stepdown_pct * 10);
        lo = sd ? (band == B_EXTENDED ? 186 : 95) : 28;
        hi = sd ? (band == B_EXTENDED ? 300 : 182)
                : (band == B_EXTENDED ? 178 : 84);
    }
    dd = rnd_range(&r, lo, hi);
    if (kn.midweek_pct > 0 && k->light == 0) {
        /* --midweek: the order starts on Tuesday-Thursday of the target
         * week (the first days of the week are before it). */
        rng_t mr = rng_for(0x58000u + (uint64_t)idx);
        if (chance(&mr, kn.midweek_pct * 10))
            dd = -rnd_range(&mr, 1, 3);
    }
    k->start = W - dd;
    k->conviction = k->start - (chance(&r, 400) ? 0 : rnd_range(&r, 1, 20));
    /* Date of birth: exactly k->age at conviction. */
    k->dob = add_months(k->conviction, -12 * k->age) - rnd_range(&r, 0, 364);
    while (age_on(k->dob, k->conviction) > k->age)
        k->dob++;
    while (age_on(k->dob, k->conviction) < k->age)
        k->dob--;
    /* Order length: extended 12 months; others 6-12, long enough to run
     * through the weeks after the target week. */
    if (band == B_EXTENDED) {
        len = 12;
    } else {
        static const int w[] = {35, 5, 10, 20, 0, 0, 30};
        len = 6 + pick_weighted(&r, w, 7);
    }
    while (len < 12 && add_months(k->start, len) - 1 < min_end)
        len++;
    k->end = add_months(k->start, len) - 1;
    if (k->end < k->start + bands[band].iss_days - 1)
        k->end = k->start + bands[band].iss_days - 1;

    /* Education. */
    k->n_edu = 0;
    k->reduced = false;
    if (k->ed == ED_SCHOOL) {
        struct entry *e = &k->edu[k->n_edu++];
        k->reduced = chance(&r, band == B_JUNIOR ? 150 : 80);
        if (k->reduced) {
            entry_init(e, "school (reduced timetable)", days_weekdays,
                       hm(9, 0), chance(&r, 500) ? hm(12, 0) : hm(13, 0));
        } else {
            static const int w[] = {50, 35, 15};
            static const int st[] = {8 * 60 + 40, 8 * 60 + 50, 8 * 60 + 45};
            int j = pick_weighted(&r, w, 3);
            entry_init(e, "school", days_weekdays, st[j], st[j] + 390);
        }
        add_term_breaks(e, k);
    } else if (k->ed == ED_COLLEGE) {
        struct entry *e = &k->edu[k->n_edu++];
        int days[5] = {0, 1, 2, 3, 4}, n = rnd_range(&r, 2, 4);
        unsigned mask = 0;
        static const int w[] = {60, 25, 15};
        static const int st[] = {9 * 60, 9 * 60 + 30, 10 * 60};
        static const int en[] = {16 * 60, 15 * 60 + 30, 16 * 60};
        int j = pick_weighted(&r, w, 3);
        shuffle_int(&r, days, 5);
        for (i = 0; i < n; i++)
            mask |= 1u << days[i];
        entry_init(e, "college", mask, st[j], en[j]);
        add_term_breaks(e, k);
    } else if (k->ed == ED_WORK) {
        struct entry *e = &k->edu[k->n_edu++];
        int y, m, d2;
        date_t from;
        entry_init(e, "work", days_weekdays, hm(8, 0), hm(16, 30));
        /* A Christmas shutdown, if it is not in the target week. */
        civil_from_days(W, &y, &m, &d2);
        from = days_from_civil(y, 12, 24);
        if (from + 8 < W)
            from = days_from_civil(y + 1, 12, 24);
        if (!(from <= W + 6 && W <= from + 8) && from <= k->end &&
            from + 8 >= k->start) {
            e->ex_from[0] = from;
            e->ex_to[0] = from + 8;
            e->n_except = 1;
        }
    }

    /* Curfew: about 70%, 60% of those electronically monitored, always
     * ending within 12 months of its first day. */
    k->n_curfew = 0;
    if (chance(&r, 700)) {
        static const int w[] = {35, 25, 15, 15, 10};
        /* Those who work until 16:30 get a later curfew, so that two
         * contacts two hours apart fit in after work. */
        static const int w_work[] = {0, 45, 35, 0, 20};
        int which = pick_weighted(&r, k->ed == ED_WORK ? w_work : w, 5), s, e;
        date_t to, cap = add_months(k->start, 12) - 2;
        bool em = chance(&r, 600);
        for (c = 3; c < 12 && add_months(k->start, c) - 1 < min_end; c++)
            ;
        c += rnd_range(&r, 0, 3);
        to = add_months(k->start, c > 12 ? 12 : c) - 1;
        if (to > cap)
            to = cap;
        if (to > k->end)
            to = k->end;
        k->curfew_from = chance(&r, 400);
        if (which < 4) {
            struct entry *x = &k->curfew[k->n_curfew++];
            s = curfew_start(which, &e);
            entry_init(x, "curfew", 0x7f, s, e);
            x->em = em;
            x->to = to;
            if (k->curfew_from)
                x->from = k->start;
        } else {
            struct entry *x = &k->curfew[k->n_curfew++];
            /* Later on Friday and Saturday nights. */
            entry_init(x, "curfew", 0x4f, hm(20, 0), hm(7, 0));
            x->em = em;
            x->to = to;
            x = &k->curfew[k->n_curfew++];
            entry_init(x, "curfew", 0x30, hm(22, 0), hm(7, 0));
            x->em = em;
            x->to = to;
            if (k->curfew_from)
                k->curfew[0].from = k->curfew[1].from = k->start;
        }
    }

    /* Commitments. */
    k->n_com = 0;
    rng_t cr = rng_for(0x60000u + (uint64_t)idx * 4 + (uint64_t)k->light);
    bool fam = chance(&r, 300), appt;
    if (kn.commit_pct >= 0)
        fam = chance(&cr, kn.commit_pct * 10);
    if (fam) {
        static const int w[] = {30, 20, 20, 15, 15};
        static const int dy[] = {5, 6, 2, 5, 3};
        static const int st[] = {10 * 60, 14 * 60, 17 * 60, 13 * 60, 17 * 60};
        static const int en[] = {12 * 60, 16 * 60, 18 * 60, 15 * 60, 18 * 60};
        int j = pick_weighted(&r, w, 5);
        entry_init(&k->com[k->n_com++], "family contact", 1u << dy[j], st[j],
                   en[j]);
    }
    if (chance(&r, 50)) {
        bool friday_free = k->ed == ED_NEET || (k->ed == ED_COLLEGE &&
                                                !(k->edu[0].days & (1u << 4)));
        if (friday_free)
            entry_init(&k->com[k->n_com++], "Friday prayers", 1u << 4,
                       hm(12, 30), hm(14, 0));
        else
            entry_init(&k->com[k->n_com++], "church", 1u << 6, hm(10, 0),
                       hm(11, 30));
    }
    appt = chance(&r, 100);
    if (kn.commit_pct >= 0)
        appt = chance(&cr, kn.commit_pct * 10 / 2);
    if (appt) {
        static const char *const what[] = {"CAMHS", "social worker", "GP"};
        const char *w = what[rnd(&r, 3)];
        int s = k->ed == ED_WORK ? hm(17, 0) : hm(16, 0), tries;
        for (tries = 0; tries < 10; tries++) {
            bool clash = false;
            day = W + rnd_range(&r, 0, 4);
            if (bank_holiday(day))
                continue;
            /* Leave room for contacts: not straight after college. */
            if (k->ed == ED_COLLEGE && entry_on(&k->edu[0], day))
                continue;
            for (i = 0; i < k->n_com; i++)
                if (entry_on(&k->com[i], day) && k->com[i].start < s + 60 &&
                    s < k->com[i].end)
                    clash = true;
            if (clash)
                continue;
            entry_init(&k->com[k->n_com], w, 0, s, s + 60);
            k->com[k->n_com++].date = day;
            break;
        }
    }

    /* Double-staffed (about 3%, in teams of 15 or more). */
    k->ds = ds_ok && chance(&r, 30);
    if (kn.double_pct >= 0)
        k->ds = ds_ok && chance(&cr, kn.double_pct * 10);
    /* Weekly sessions (about 30%). */
    k->n_ws = 0;
    if (chance(&r, 300)) {
        int t[5] = {0, 1, 2, 3, 4};
        k->n_ws = chance(&r, 700) ? 1 : 2;
        shuffle_int(&r, t, 5);
        for (i = 0; i < k->n_ws; i++) {
            k->ws_type[i] = t[i];
            k->ws_count[i] = chance(&r, 700) ? 1 : 2;
        }
    }
    k->need = case_need(k);
}

/* Shares of n split by weights, largest remainder first. */
static void allocate(int n, const int *w, int m, int *out)
{
    int i, total = 0, given = 0, rem[8];

    for (i = 0; i < m; i++)
        total += w[i];
    for (i = 0; i < m; i++) {
        out[i] = n * w[i] / total;
        rem[i] = n * w[i] % total;
        given += out[i];
    }
    while (given < n) {
        int best = 0;
        for (i = 1; i < m; i++)
            if (rem[i] > rem[best])
                best = i;
        out[best]++;
        rem[best] = -1;
        given++;
    }
}

static bool is_cm(int s)
{
    return (staff[s].roles & R_CM) != 0;
}

static bool is_tracker(int s)
{
    return (staff[s].roles & R_TRACKER) != 0;
}

static bool in_only(const struct kase *k, int s)
{
    int i;

    for (i = 0; i < k->n_only; i++)
        if (k->only[i] == s)
            return true;
    return false;
}

static bool permitted(const struct kase *k, int s)
{
    return (k->n_only == 0 || in_only(k, s)) && k->avoid != s;
}

static bool free_in_week(int s)
{
    return !leave_overlaps(&staff[s], W, W + 6);
}

/* A random staff member matching pred, or -1. */
static int pick_staff(rng_t *r, bool (*pred)(int, const struct kase *),
                      const struct kase *k)
{
    int i, n = 0, *c = calloc((size_t)n_staff, sizeof *c), s = -1;

    if (c == NULL)
        return -1;
    for (i = 0; i < n_staff; i++)
        if (pred(i, k))
            c[n++] = i;
    if (n > 0)
        s = c[rnd(r, (uint32_t)n)];
    free(c);
    return s;
}

static bool p_weekend_tracker(int s, const struct kase *k)
{
    return is_tracker(s) && staff[s].has[5] && staff[s].has[6] &&
           free_in_week(s) && !in_only(k, s);
}

static bool p_evening_tracker(int s, const struct kase *k)
{
    int d;

    if (!is_tracker(s) || !free_in_week(s) || in_only(k, s))
        return false;
    for (d = 0; d < 5; d++)
        if (!staff[s].has[d] || staff[s].a[d] > hm(17, 0) ||
            staff[s].b[d] < hm(19, 0))
            return false;
    return true;
}

static bool p_tracker(int s, const struct kase *k)
{
    return is_tracker(s) && free_in_week(s) && !in_only(k, s);
}

static bool p_cm(int s, const struct kase *k)
{
    return is_cm(s) && free_in_week(s) && !in_only(k, s);
}

static bool p_any_useful(int s, const struct kase *k)
{
    return (is_cm(s) || is_tracker(s)) && !in_only(k, s);
}

/* A key worker: usually a case manager, sometimes a tracker, who works at
 * least three weekdays; the less loaded of two random candidates. */
static int pick_key_worker(rng_t *r, bool cm)
{
    int i, n = 0, *c = calloc((size_t)n_staff, sizeof *c), a, b, s;

    if (c == NULL)
        return -1;
    for (i = 0; i < n_staff; i++) {
        bool role = cm ? is_cm(i) : (is_tracker(i) && !is_cm(i));
        if (role && n_days(&staff[i], true) >= 3)
            c[n++] = i;
    }
    if (n == 0 && !cm) {
        free(c);
        return pick_key_worker(r, true);
    }
    if (n == 0) {
        free(c);
        return -1;
    }
    a = c[rnd(r, (uint32_t)n)];
    b = c[rnd(r, (uint32_t)n)];
    s = staff[b].kw_load < staff[a].kw_load ? b : a;
    staff[s].kw_load++;
    free(c);
    return s;
}

static void add_only(struct kase *k, int s)
{
    if (s >= 0 && !in_only(k, s) && k->n_only < 8)
        k->only[k->n_only++] = s;
}

/* The only list holds the key worker, 2 trackers, a case manager, and
 * someone working each weekend day. */
static bool only_ok(const struct kase *k)
{
    int i, trk = 0, cm = 0, sat = 0, sun = 0;

    if (k->kw < 0 || !in_only(k, k->kw))
        return false;
    for (i = 0; i < k->n_only; i++) {
        const struct staff *s = &staff[k->only[i]];
        trk += is_tracker(k->only[i]);
        cm += is_cm(k->only[i]);
        if (free_in_week(k->only[i])) {
            sat += s->has[5];
            sun += s->has[6];
        }
    }
    return trk >= 2 && cm >= 1 && sat > 0 && sun > 0;
}

static void make_prefs(struct kase *k, int idx)
{
    rng_t r = rng_for(0x20000u + (uint64_t)idx);
    int i, n_trk;

    k->kw = -1;
    k->avoid = -1;
    k->max_distinct = 0;
    k->n_only = 0;
    if (chance(&r, 700))
        k->kw = pick_key_worker(&r, chance(&r, 750));
    /* An only list (about 10%, teams of 8 or more): the key worker, a
     * weekend tracker, a tracker who works weekday evenings, and 0-2
     * more; at least 2 trackers and 1 case manager. */
    if (n_staff >= 8 && !k->ds && chance(&r, 100)) {
        int size = rnd_range(&r, 3, 5);
        if (k->kw < 0 || !is_cm(k->kw)) {
            if (k->kw >= 0)
                staff[k->kw].kw_load--;
            k->kw = pick_key_worker(&r, true);
        }
        add_only(k, k->kw);
        if (k->kw >= 0 && !(staff[k->kw].has[5] && staff[k->kw].has[6] &&
                            is_tracker(k->kw) && free_in_week(k->kw)))
            add_only(k, pick_staff(&r, p_weekend_tracker, k));
        add_only(k, pick_staff(&r, p_evening_tracker, k));
        for (;;) {
            for (n_trk = 0, i = 0; i < k->n_only; i++)
                n_trk += is_tracker(k->only[i]);
            if (n_trk >= 2)
                break;
            i = pick_staff(&r, p_tracker, k);
            if (i < 0)
                break;
            add_only(k, i);
        }
        for (n_trk = 0, i = 0; i < k->n_only; i++)
            n_trk += is_cm(k->only[i]);
        if (n_trk == 0)
            add_only(k, pick_staff(&r, p_cm, k));
        while (k->n_only < size) {
            i = pick_staff(&r, p_any_useful, k);
            if (i < 0)
                break;
            add_only(k, i);
        }
        if (!only_ok(k))
            k->n_only = 0;
    }
    /* An avoid list of one (about 10%, teams of 6 or more). */
    if (k->n_only == 0 && n_staff >= 6 && chance(&r, 110)) {
        int s = (int)rnd(&r, (uint32_t)n_staff);
        if (s == k->kw)
            s = (s + 1) % n_staff;
        k->avoid = s;
    }
    /* At most 4-6 different staff in a week (about 20%); 5-6 in a week
     * with daily contacts or when double-staffed, as those need trackers
     * every day and case managers for the core elements. */
    bool md = chance(&r, 200);
    if (kn.distinct_pct >= 0) {
        rng_t dr = rng_for(0x68000u + (uint64_t)idx);
        md = chance(&dr, kn.distinct_pct * 10);
    }
    if (k->n_only == 0 && md)
        k->max_distinct = rnd_range(&r, k->intensive || k->ds ? 5 : 4, 6);
}

/* Pins: staff id, date, start; for clash checks across cases. */
struct pinrec {
    int staff;
    date_t date;
    int start;
};
static struct pinrec *pins;
static int n_pins;

static bool child_free(const struct kase *k, date_t d, int s, int e)
{
    int i;

    if (s < hm(8, 0) || e > hm(21, 0) || !active(k, d))
        return false;
    for (i = 0; i < k->n_edu; i++)
        if (entry_on(&k->edu[i], d) && k->edu[i].start < e &&
            s < k->edu[i].end)
            return false;
    for (i = 0; i < k->n_com; i++)
        if (entry_on(&k->com[i], d) && k->com[i].start < e &&
            s < k->com[i].end)
            return false;
    for (i = 0; i < k->n_curfew; i++) {
        const struct entry *c = &k->curfew[i];
        bool night = c->end < c->start;
        if (curfew_on(k, c, d) && c->start - 20 < e &&
            s < (night ? 1440 : c->end))
            return false;
        if (night && curfew_on(k, c, d - 1) && s < c->end)
            return false;
    }
    return true;
}

static bool staff_pin_free(int st, date_t d, int s, int e)
{
    int i;

    for (i = 0; i < n_pins; i++)
        if (pins[i].staff == st && pins[i].date == d &&
            pins[i].start < e + 15 && s < pins[i].start + 60 + 15)
            return false;
    return true;
}

/* A 60-minute offending behaviour session with the key worker (or another
 * case manager), at a time the child is free and inside the worker's
 * hours, on a day they are at work. */
static void make_pin(struct kase *k, int idx)
{
    rng_t r = rng_for(0x30000u + (uint64_t)idx);
    int *cand = calloc((size_t)n_staff, sizeof *cand), n = 0, i, j, d;
    int days[7] = {0, 1, 2, 3, 4, 5, 6};

    k->pin = false;
    if (cand == NULL)
        return;
    if (k->kw >= 0 && is_cm(k->kw) && permitted(k, k->kw))
        cand[n++] = k->kw;
    {
        int start = n;
        for (i = 0; i < n_staff; i++)
            if (is_cm(i) && permitted(k, i) && i != k->kw)
                cand[n++] = i;
        shuffle_int(&r, cand + start, n - start);
    }
    shuffle_int(&r, days, 7);
    for (i = 0; i < n && !k->pin; i++) {
        const struct staff *s = &staff[cand[i]];
        for (j = 0; j < 7 && !k->pin; j++) {
            date_t day = W + days[j];
            int wd = days[j], t, ok[64], m = 0;
            if (!s->has[wd] || !works(s, day) || bank_holiday(day))
                continue;
            for (t = s->a[wd]; t + 60 <= s->b[wd] && m < 64; t += 15)
                if (t % 15 == 0 && child_free(k, day, t, t + 60) &&
                    staff_pin_free(cand[i], day, t, t + 60))
                    ok[m++] = t;
            if (m > 0) {
                d = ok[rnd(&r, (uint32_t)m)];
                k->pin = true;
                k->pin_date = day;
                k->pin_start = d;
                k->pin_staff = cand[i];
                pins[n_pins++] = (struct pinrec){cand[i], day, d};
            }
        }
    }
    free(cand);
}

static void make_cases(int *need_total, int *staff_total)
{
    rng_t r = rng_for(2);
    int N = n_cases, i, j, counts[N_BANDS], *band_of, *perm, *ed_of, *names;
    int total = 0, st = 0, iter, peak = 0, peak_sup = 0;
    bool ds_ok = n_staff >= 15;

    band_of = calloc((size_t)N + 1, sizeof *band_of);
    ed_of = calloc((size_t)N + 1, sizeof *ed_of);
    perm = calloc((size_t)N + 1, sizeof *perm);
    names = calloc((size_t)N_CHILD_NAMES, sizeof *names);
    pins = calloc((size_t)N + 1, sizeof *pins);
    if (!band_of || !ed_of || !perm || !names || !pins) {
        fprintf(stderr, "genws: out of memory\n");
        exit(1);
    }
    /* Bands: 35% high, 20% medium, 15% extended, 15% ete, 15% junior. */
    allocate(N, band_share, N_BANDS, counts);
    for (i = 0, j = 0; j < N_BANDS; j++) {
        int c;
        for (c = 0; c < counts[j]; c++)
            band_of[i++] = j;
    }
    shuffle_int(&r, band_of, N);
    /* Education by band, so that overall about 55% are at school, 15% at
     * college, 10% in work and 20% not in education. */
    {
        static const int w_ete[N_ED] = {10, 35, 55, 0};
        static const int w_junior[N_ED] = {100, 0, 0, 0};
        static const int w_other[N_ED] = {55, 14, 3, 28};
        int g;
        for (g = 0; g < 3; g++) {
            const int *w = g == 0 ? w_ete : g == 1 ? w_junior : w_other;
            int n = 0, share[N_ED], e, c;
            for (i = 0; i < N; i++) {
                bool in =
                    g == 0   ? band_of[i] == B_ETE
                    : g == 1 ? band_of[i] == B_JUNIOR
                             : (band_of[i] != B_ETE && band_of[i] != B_JUNIOR);
                if (in)
                    perm[n++] = i;
            }
            allocate(n, w, N_ED, share);
            shuffle_int(&r, perm, n);
            for (e = 0, j = 0; e < N_ED; e++)
                for (c = 0; c < share[e]; c++)
                    ed_of[perm[j++]] = e;
        }
    }
    for (i = 0; i < N_CHILD_NAMES; i++)
        names[i] = i;
    for (i = 0; i < N; i++) {
        struct kase *k = &cases[i];
        if (i % N_CHILD_NAMES == 0)
            shuffle_int(&r, names, N_CHILD_NAMES);
        snprintf(k->id, sizeof k->id, "C%03d", i + 1);
        k->name = child_names[names[i % N_CHILD_NAMES]];
        k->band = band_of[i];
        k->light = 0;
        make_core(k, i, ed_of[i], ds_ok);
    }
    for (i = 0; i < n_staff; i++) {
        st += staff_week_minutes(&staff[i]);
        peak_sup += staff_peak_minutes(&staff[i]);
    }
    /* Keep the need at most 65% of the staff's hours, and the case
     * manager sessions of children in full-time education at most 60% of
     * the case manager time after 15:15 and at weekends: move the
     * neediest children into step-down, then into school or college. */
    for (iter = 0; iter < 2 * N + 2; iter++) {
        int best = -1, best_peak = -1;
        bool over, peak_over;
        total = 0;
        peak = 0;
        for (i = 0; i < N; i++) {
            total += cases[i].need;
            peak += cases[i].peak;
            if (cases[i].light >= 2)
                continue;
            if (best < 0 || cases[i].need > cases[best].need)
                best = i;
            if (cases[i].peak > 0 && cases[i].light == 0 &&
                (best_peak < 0 || cases[i].peak > cases[best_peak].peak))
                best_peak = i;
        }
        over = (long)total * 100 >
               (long)st * (kn.capacity > 0 ? kn.capacity : 65);
        peak_over = (long)peak * 100 > (long)peak_sup * 60;
        if (!over && peak_over && best_peak >= 0)
            best = best_peak;
        if ((!over && !peak_over) || best < 0 || (!over && best_peak < 0))
            break;
        cases[best].light++;
        make_core(&cases[best], best, ed_of[best], ds_ok);
    }
    total = 0;
    for (i = 0; i < N; i++)
        total += cases[i].need;
    if (kn.capacity > 0 && (long)total * 100 < (long)st * kn.capacity) {
        /* --capacity: cut everyone's weekly hours in proportion (to the
         * half hour, at least 8 h) so that the need is that share of the
         * staff hours. */
        long want = (long)total * 100 / kn.capacity, before = st;
        st = 0;
        for (i = 0; i < n_staff; i++) {
            struct staff *s = &staff[i];
            long m = (long)staff_week_minutes(s) * want / before;
            m = m / 30 * 30;
            if (m < 8 * 60)
                m = 8 * 60;
            if (m < s->max_week)
                s->max_week = (int)m;
            st += staff_week_minutes(s);
        }
    }
    for (i = 0; i < N; i++)
        make_prefs(&cases[i], i);
    for (i = 0; i < N; i++) {
        rng_t pr = rng_for(0x40000u + (uint64_t)i);
        if (!cases[i].ds && chance(&pr, 50))
            make_pin(&cases[i], i);
    }
    *need_total = total;
    *staff_total = st;
    free(band_of);
    free(ed_of);
    free(perm);
    free(names);
}

/* ------------------------------------------------------------------ */
/* Writing. */

static void put_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void put_hours(FILE *f, int minutes)
{
    if (minutes % 60 == 0)
        fprintf(f, "%d", minutes / 60);
    else
        fprintf(f, "%d.%d", minutes / 60, (minutes % 60) * 10 / 60);
}

static const char *fmt_clock(int m, char *buf)
{
    unsigned h = ((unsigned)m / 60u) % 25u, mm = (unsigned)m % 60u;

    snprintf(buf, 6, "%02u:%02u", h, mm);
    return buf;
}

static const char *const wd_names[7] = {"mon", "tue", "wed", "thu",
                                        "fri", "sat", "sun"};

static void put_days(FILE *f, unsigned mask)
{
    int d, n = 0;

    if (mask == 0x7f) {
        fputs("\"daily\"", f);
        return;
    }
    fputc('[', f);
    for (d = 0; d < 7; d++)
        if (mask & (1u << d))
            fprintf(f, "%s\"%s\"", n++ ? ", " : "", wd_names[d]);
    fputc(']', f);
}

static void put_range(FILE *f, date_t from, date_t to)
{
    char a[11], b[11];

    fprintf(f, "{ \"from\": \"%s\", \"to\": \"%s\" }", fmt_date(from, a),
            fmt_date(to, b));
}

static void put_entry(FILE *f, const struct entry *e, bool curfew,
                      const char *indent)
{
    char a[6], b[6], d[11];
    int i;

    fputs("{ ", f);
    if (!curfew) {
        fputs("\"what\": ", f);
        put_str(f, e->what);
        fputs(", ", f);
    }
    if (e->date != DATE_NONE)
        fprintf(f, "\"date\": \"%s\", ", fmt_date(e->date, d));
    else {
        fputs("\"days\": ", f);
        put_days(f, e->days);
        fputs(", ", f);
    }
    fprintf(f, "\"time\": \"%s-%s\"", fmt_clock(e->start, a),
            fmt_clock(e->end, b));
    if (curfew)
        fprintf(f, ", \"electronic_monitoring\": %s",
                e->em ? "true" : "false");
    if (e->from != DATE_NONE || e->to != DATE_NONE)
        fprintf(f, ",\n%s  ", indent);
    if (e->from != DATE_NONE) {
        fprintf(f, "\"from\": \"%s\"", fmt_date(e->from, d));
        if (e->to != DATE_NONE)
            fputs(", ", f);
    }
    if (e->to != DATE_NONE)
        fprintf(f, "\"to\": \"%s\"", fmt_date(e->to, d));
    if (e->n_except > 0) {
        fprintf(f, ",\n%s  \"except\": [ ", indent);
        for (i = 0; i < e->n_except; i++) {
            if (i)
                fputs(", ", f);
            put_range(f, e->ex_from[i], e->ex_to[i]);
        }
        fputs(" ]", f);
    }
    fputs(" }", f);
}

static int close_file(FILE *f, const char *path)
{
    if (ferror(f) || fclose(f) != 0) {
        fprintf(stderr, "genws: %s: could not write: %s\n", path,
                strerror(errno));
        return -1;
    }
    return 0;
}

/* --rotas: staff member i's hours as a rota instead of "availability"
 * (docs/genws.md, "Rotas"). About a quarter of the staff get a cycle of 2
 * or 3 weeks anchored up to 3 weeks before or 1 after the target week:
 * week 1 is their pattern, each later week adds one day they do not work
 * (a window copied from a day they do), so no day loses hours and the
 * tracker cover holds. About a third of those who are not trackers swap a
 * day of the target week by dated entries: a working weekday off, and
 * Saturday 10:00-16:00 worked. Writes ",\n      \"rota\": {...}" or,
 * for everyone else, the usual availability; its own random stream. */
static bool g_rotas;

static void put_availability_or_rota(FILE *f, const struct staff *s, int i)
{
    rng_t r = rng_for(0x50000u + (uint64_t)i);
    char a[6], b[6], dd[11];
    int d, w, n_weeks, nr, src = -1, extra[3] = {-1, -1, -1};
    bool cycle = g_rotas && chance(&r, 250);
    bool swap = g_rotas && !(s->roles & R_TRACKER) && chance(&r, 330);
    date_t off = 0, anchor;

    n_weeks = 2 + (int)rnd(&r, 2);
    anchor = W + 7 * rnd_range(&r, -3, 1);
    for (d = 0; d < 7; d++)
        if (s->has[d] && src < 0)
            src = d;
    if (src < 0)
        cycle = swap = false;
    for (w = 1, d = (int)rnd(&r, 7), nr = 0; cycle && w < n_weeks && nr < 7;
         nr++, d = (d + 1) % 7)
        if (!s->has[d])
            extra[w++] = d;
    for (d = 0; swap && d < 5 && off == 0; d++)
        if (s->has[d] && !bank_holiday(W + d) && !on_leave(s, W + d))
            off = W + d;
    swap = swap && off != 0 && !s->has[5] && !on_leave(s, W + 5);
    if (!cycle)
        n_weeks = 1;
    fputs(cycle ? ",\n      \"rota\": { \"start\": \""
                : ",\n      \"availability\": {", f);
    if (cycle)
        fprintf(f, "%s\", \"weeks\": [", fmt_date(anchor, dd));
    for (w = 0; w < n_weeks; w++) {
        if (cycle)
            fputs(w ? ", {" : " {", f);
        for (d = 0, nr = 0; d < 7; d++) {
            int x = s->has[d] ? d : (d == extra[w] ? src : -1);
            if (x >= 0)
                fprintf(f, "%s \"%s\": [\"%s-%s\"]", nr++ ? "," : "",
                        wd_names[d], fmt_clock(s->a[x], a),
                        fmt_clock(s->b[x], b));
        }
        fputs(nr ? " }" : "}", f);
    }
    if (cycle)
        fputs(" ]", f);
    if (swap) {
        if (!cycle)
            fputs(",\n      \"rota\": {", f);
        else
            fputs(",\n        ", f);
        fprintf(f, " \"dates\": [ { \"date\": \"%s\", \"off\": true },",
                fmt_date(off, dd));
        fprintf(f, " { \"date\": \"%s\", \"time\": [\"10:00-16:00\"] } ]",
                fmt_date(W + 5, dd));
    }
    if (cycle || swap)
        fputs(" }", f);
}

static int write_team(const char *dir, int children, const char *town)
{
    char path[4096], w[11];
    FILE *f;
    int i, d, r, nr;

    snprintf(path, sizeof path, "%s/team.json", dir);
    f = fopen(path, "w");
    if (f == NULL) {
        fprintf(stderr, "genws: %s: %s\n", path, strerror(errno));
        return -1;
    }
    fprintf(f, "{\n  \"service\": ");
    {
        char svc[128];
        snprintf(svc, sizeof svc, "%s Youth Justice Service", town);
        put_str(f, svc);
    }
    fprintf(f,
            ",\n  \"x-generated\": \"genws --seed %llu --children %d "
            "--staff %d --week %s%s%s%s: an invented team, first names "
            "only\",\n",
            (unsigned long long)g_seed, children, n_staff, fmt_date(W, w),
            strcmp(family, "default") != 0 ? " --family " : "",
            strcmp(family, "default") != 0 ? family : "", knob_args);
    fprintf(f, "  \"planning_day\": { \"earliest\": \"08:00\", "
               "\"latest\": \"21:00\" },\n  \"staff\": [\n");
    for (i = 0; i < n_staff; i++) {
        const struct staff *s = &staff[i];
        fprintf(f, "    { \"id\": \"%s\", \"name\": ", s->id);
        put_str(f, s->name);
        fputs(", \"roles\": [", f);
        for (r = 0, nr = 0; r < 5; r++)
            if (s->roles & (1u << r))
                fprintf(f, "%s\"%s\"", nr++ ? ", " : "", role_names[r]);
        fputs("],\n      \"max_hours_per_week\": ", f);
        put_hours(f, s->max_week);
        fputs(", \"max_hours_per_day\": ", f);
        put_hours(f, s->max_day);
        put_availability_or_rota(f, s, i);
        if (s->n_leave > 0) {
            fputs(",\n      \"leave\": [ ", f);
            for (d = 0; d < s->n_leave; d++) {
                if (d)
                    fputs(", ", f);
                put_range(f, s->leave_from[d], s->leave_to[d]);
            }
            fputs(" ]", f);
        }
        if (s->no_bh)
            fputs(",\n      \"bank_holidays\": false", f);
        fprintf(f, " }%s\n", i + 1 < n_staff ? "," : "");
    }
    fputs("  ],\n", f);
    if (kn.spec_only == 1)
        /* The defaults of docs/files.md, but ete, restorative and family
         * only by their specialists. */
        fputs("  \"session_types\": [\n"
              "    { \"id\": \"ete\", \"name\": \"ETE session\", "
              "\"element\": \"ete\", \"minutes\": [60, 90, 120], "
              "\"roles\": [\"ete_worker\"] },\n"
              "    { \"id\": \"restorative\", \"name\": \"Reparation\", "
              "\"element\": \"restorative\", \"minutes\": [60, 120, 180], "
              "\"roles\": [\"reparation_worker\"], \"child_title\": "
              "\"Activity\" },\n"
              "    { \"id\": \"offending_behaviour\", \"name\": "
              "\"Offending behaviour\", \"element\": "
              "\"offending_behaviour\", \"minutes\": [60, 90], "
              "\"roles\": [\"case_manager\"] },\n"
              "    { \"id\": \"family\", \"name\": \"Family work\", "
              "\"element\": \"family\", \"minutes\": [60, 90], "
              "\"roles\": [\"family_worker\"], \"child_title\": "
              "\"Meeting\" },\n"
              "    { \"id\": \"interpersonal\", \"name\": "
              "\"Interpersonal skills\", \"element\": \"interpersonal\", "
              "\"minutes\": [60, 90], \"roles\": [\"case_manager\"], "
              "\"child_title\": \"Session\" },\n"
              "    { \"id\": \"tracking\", \"name\": \"Tracking\", "
              "\"element\": \"surveillance\", \"minutes\": [15, 30], "
              "\"roles\": [\"tracker\"], \"child_title\": "
              "\"Check-in\" }\n"
              "  ],\n",
              f);
    fputs("  \"policy\": {\n"
          "    \"warnings_before_breach\": 2,\n"
          "    \"breach_within_working_days\": 5,\n"
          "    \"follow_up_within_working_days\": 1,\n"
          "    \"christmas_eve_working\": true,\n"
          "    \"travel_minutes_before_curfew\": 20,\n"
          "    \"travel_minutes_between_sessions\": 15,\n"
          "    \"contact_gap_minutes\": 120,\n"
          "    \"max_child_minutes_per_day\": 360\n"
          "  }\n"
          "}\n",
          f);
    return close_file(f, path);
}

static int write_case(const char *dir, const struct kase *k)
{
    char path[4096], a[11], b[11], c[11], t1[6], t2[6];
    FILE *f;
    int i;

    snprintf(path, sizeof path, "%s/cases/%s.json", dir, k->id);
    f = fopen(path, "w");
    if (f == NULL) {
        fprintf(stderr, "genws: %s: %s\n", path, strerror(errno));
        return -1;
    }
    fprintf(f, "{\n  \"id\": \"%s\",\n  \"feed_name\": ", k->id);
    put_str(f, k->name);
    fprintf(f, ",\n  \"date_of_birth\": \"%s\",\n  \"band\": \"%s\",\n",
            fmt_date(k->dob, a), band_ids[k->band]);
    fprintf(f,
            "  \"order\": { \"start\": \"%s\", \"end\": \"%s\", "
            "\"conviction\": \"%s\" }",
            fmt_date(k->start, a), fmt_date(k->end, b),
            fmt_date(k->conviction, c));
    if (k->n_curfew > 0) {
        fputs(",\n  \"curfew\": [\n", f);
        for (i = 0; i < k->n_curfew; i++) {
            fputs("    ", f);
            put_entry(f, &k->curfew[i], true, "    ");
            fputs(i + 1 < k->n_curfew ? ",\n" : "\n", f);
        }
        fputs("  ]", f);
    }
    if (k->n_edu > 0) {
        fputs(",\n  \"education\": [\n", f);
        for (i = 0; i < k->n_edu; i++) {
            fputs("    ", f);
            put_entry(f, &k->edu[i], false, "    ");
            fputs(i + 1 < k->n_edu ? ",\n" : "\n", f);
        }
        fputs("  ]", f);
    }
    if (k->n_com > 0) {
        fputs(",\n  \"commitments\": [\n", f);
        for (i = 0; i < k->n_com; i++) {
            fputs("    ", f);
            put_entry(f, &k->com[i], false, "    ");
            fputs(i + 1 < k->n_com ? ",\n" : "\n", f);
        }
        fputs("  ]", f);
    }
    if (k->kw >= 0 || k->n_only > 0 || k->avoid >= 0 || k->max_distinct) {
        int n = 0;
        fputs(",\n  \"staff\": {", f);
        if (k->kw >= 0)
            fprintf(f, "%s \"key_worker\": \"%s\"", n++ ? "," : "",
                    staff[k->kw].id);
        if (k->n_only > 0) {
            fprintf(f, "%s \"only\": [", n++ ? "," : "");
            for (i = 0; i < k->n_only; i++)
                fprintf(f, "%s\"%s\"", i ? ", " : "", staff[k->only[i]].id);
            fputc(']', f);
        }
        if (k->avoid >= 0)
            fprintf(f, "%s \"avoid\": [\"%s\"]", n++ ? "," : "",
                    staff[k->avoid].id);
        if (k->max_distinct)
            fprintf(f, "%s \"max_distinct\": %d", n++ ? "," : "",
                    k->max_distinct);
        fputs(" }", f);
    }
    if (k->ds)
        fputs(",\n  \"double_staffed\": true", f);
    if (k->n_ws > 0) {
        fputs(",\n  \"weekly_sessions\": [", f);
        for (i = 0; i < k->n_ws; i++)
            fprintf(f, "%s { \"type\": \"%s\", \"count\": %d }", i ? "," : "",
                    session_types[k->ws_type[i]], k->ws_count[i]);
        fputs(" ]", f);
    }
    if (k->pin)
        fprintf(f,
                ",\n  \"pinned\": [ { \"date\": \"%s\", \"time\": "
                "\"%s-%s\", \"type\": \"offending_behaviour\", "
                "\"staff\": [\"%s\"] } ]",
                fmt_date(k->pin_date, a), fmt_clock(k->pin_start, t1),
                fmt_clock(k->pin_start + 60, t2), staff[k->pin_staff].id);
    fputs("\n}\n", f);
    return close_file(f, path);
}

/* ------------------------------------------------------------------ */

static void usage(FILE *f)
{
    fputs("Usage: genws [--children N] [--staff M] [--seed S] "
          "[--week YYYY-MM-DD]\n"
          "             [--size S|M|L] [--rotas] OUTDIR\n"
          "Write an invented, valid iss workspace (team.json, cases/) to "
          "OUTDIR,\n"
          "which must not exist or be empty. The same options give the "
          "same files.\n"
          "  --size S|M|L   30 children x 15 staff, 80 x 30, 150 x 60 "
          "(default M)\n"
          "  --children N   number of cases, 0-9999 (overrides --size)\n"
          "  --staff M      number of staff, 3-2000 (overrides --size)\n"
          "  --seed S       any unsigned 64-bit number (default 1)\n"
          "  --week DATE    the week to plan (its Monday; default "
          "2026-11-23)\n"
          "  --rotas        put some staff on rotas (cycles, dated swaps)\n"
          "  --family NAME  default, tight, specialist, rota, stepdown,\n"
          "                 constrained or services (a set of the knobs "
          "below)\n"
          "Knobs (percentages 0-100; each overrides the family's):\n"
          "  --capacity P       need about P% of the staff hours (10-95)\n"
          "  --specialists P    P% of the team are specialists\n"
          "  --specialist-only  ete, restorative, family only by "
          "specialists\n"
          "  --rota P           P% of weekday trackers on rota shifts\n"
          "  --leave P          P% of staff on leave in the target week\n"
          "  --leave-days A-B   that leave lasts A-B days (1-7)\n"
          "  --midweek P        P% of orders start Tue-Thu of the week\n"
          "  --stepdown P       P% of children in a step-down month\n"
          "  --double P         P% double-staffed (teams of 15+)\n"
          "  --max-distinct P   P% with a max_distinct\n"
          "  --commitments P    P% with a weekly family contact (P/2% an\n"
          "                     appointment in the week)\n"
          "Exit status: 0 written, 1 could not write, 2 bad usage.\n",
          f);
}

static int bad_usage(const char *fmt, const char *arg)
{
    fputs("genws: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'genws --help'.\n", stderr);
    return 2;
}

static bool parse_num(const char *s, unsigned long long max,
                      unsigned long long *out)
{
    char *end;
    unsigned long long v;

    if (s == NULL || *s == '\0' || *s == '-' || *s == '+')
        return false;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0' || v > max)
        return false;
    *out = v;
    return true;
}

static int make_outdir(const char *dir)
{
    char path[4096];
    DIR *dp;
    struct dirent *de;

    if (mkdir(dir, 0777) != 0) {
        if (errno != EEXIST) {
            fprintf(stderr, "genws: %s: %s\n", dir, strerror(errno));
            return -1;
        }
        dp = opendir(dir);
        if (dp == NULL) {
            fprintf(stderr, "genws: %s: %s\n", dir, strerror(errno));
            return -1;
        }
        while ((de = readdir(dp)) != NULL)
            if (strcmp(de->d_name, ".") != 0 &&
                strcmp(de->d_name, "..") != 0) {
                closedir(dp);
                fprintf(stderr,
                        "genws: %s: not empty; give a new or "
                        "empty folder\n",
                        dir);
                return -1;
            }
        closedir(dp);
    }
    if (strlen(dir) > 4000) {
        fprintf(stderr, "genws: %s: path too long\n", dir);
        return -1;
    }
    snprintf(path, sizeof path, "%s/cases", dir);
    if (mkdir(path, 0777) != 0) {
        fprintf(stderr, "genws: %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int *knob_slot(struct knobs *k, const char *opt)
{
    static const struct {
        const char *opt;
        size_t off;
    } t[] = {{"--capacity", offsetof(struct knobs, capacity)},
             {"--specialists", offsetof(struct knobs, spec_pct)},
             {"--rota", offsetof(struct knobs, rota_pct)},
             {"--leave", offsetof(struct knobs, leave_pct)},
             {"--midweek", offsetof(struct knobs, midweek_pct)},
             {"--stepdown", offsetof(struct knobs, stepdown_pct)},
             {"--double", offsetof(struct knobs, double_pct)},
             {"--max-distinct", offsetof(struct knobs, distinct_pct)},
             {"--commitments", offsetof(struct knobs, commit_pct)}};
    size_t i;

    for (i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcmp(opt, t[i].opt) == 0)
            return (int *)((char *)k + t[i].off);
    return NULL;
}

static void knob_add(const char *opt, const char *val)
{
    size_t n = strlen(knob_args);

    snprintf(knob_args + n, sizeof knob_args - n, " %s%s%s", opt,
             val ? " " : "", val ? val : "");
}

int main(int argc, char **argv)
{
    struct knobs ex = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
    unsigned long long v;
    int children = -1, nstaff = -1, size_c = 80, size_s = 30, i;
    int need = 0, avail = 0;
    const char *out = NULL;
    char wbuf[11];
    date_t week;

    if (parse_date("2026-11-23", &week) != 0)
        return 1;
    g_seed = 1;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *val = NULL;
        char opt[32];
        const char *eq;

        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (a[0] == '-' && a[1] != '-' && a[1] != '\0')
            return bad_usage("'%s' is not an option", a);
        if (strncmp(a, "--", 2) != 0 || strcmp(a, "--") == 0) {
            if (strcmp(a, "--") == 0 && i + 1 < argc)
                a = argv[++i];
            if (out != NULL)
                return bad_usage("one OUTDIR only (also got '%s')", a);
            out = a;
            continue;
        }
        eq = strchr(a, '=');
        if (eq != NULL) {
            snprintf(opt, sizeof opt, "%.*s", (int)(eq - a), a);
            val = eq + 1;
        } else {
            snprintf(opt, sizeof opt, "%s", a);
            if (i + 1 < argc)
                val = argv[++i];
        }
        if (strcmp(opt, "--children") == 0) {
            if (!parse_num(val, 9999, &v))
                return bad_usage("--children: '%s': give 0-9999",
                                 val ? val : "");
            children = (int)v;
        } else if (strcmp(opt, "--staff") == 0) {
            if (!parse_num(val, 2000, &v) || v < 3)
                return bad_usage("--staff: '%s': give 3-2000 (a team needs "
                                 "3 trackers and 2 case managers)",
                                 val ? val : "");
            nstaff = (int)v;
        } else if (strcmp(opt, "--seed") == 0) {
            if (!parse_num(val, UINT64_MAX, &v))
                return bad_usage("--seed: '%s': give an unsigned number",
                                 val ? val : "");
            g_seed = (uint64_t)v;
        } else if (strcmp(opt, "--week") == 0) {
            if (val == NULL || parse_date(val, &week) != 0)
                return bad_usage("--week: '%s': give a date YYYY-MM-DD "
                                 "(1990-2150)",
                                 val ? val : "");
        } else if (strcmp(opt, "--rotas") == 0) {
            if (eq != NULL)
                return bad_usage("--rotas: '%s': it takes no value", val);
            g_rotas = true;
            if (val != NULL)
                i--; /* a flag: the next word is not its value */
        } else if (strcmp(opt, "--size") == 0) {
            if (val != NULL && strcmp(val, "S") == 0)
                size_c = 30, size_s = 15;
            else if (val != NULL && strcmp(val, "M") == 0)
                size_c = 80, size_s = 30;
            else if (val != NULL && strcmp(val, "L") == 0)
                size_c = 150, size_s = 60;
            else
                return bad_usage("--size: '%s': give S, M or L",
                                 val ? val : "");
        } else if (strcmp(opt, "--family") == 0) {
            int f;
            for (f = 0; f < N_FAMILIES; f++)
                if (val != NULL && strcmp(val, families[f].name) == 0)
                    break;
            if (f == N_FAMILIES)
                return bad_usage("--family: '%s': give default, tight, "
                                 "specialist, rota, stepdown, constrained "
                                 "or services",
                                 val ? val : "");
            family = families[f].name;
        } else if (strcmp(opt, "--specialist-only") == 0) {
            if (eq == NULL && val != NULL)
                i--; /* a flag: the next word is not its value */
            ex.spec_only = 1;
            knob_add(opt, NULL);
        } else if (strcmp(opt, "--leave-days") == 0) {
            unsigned long long lo2, hi2;
            char buf[16];
            const char *dash = val ? strchr(val, '-') : NULL;
            if (dash == NULL || dash - val > 2 || strlen(dash + 1) > 2)
                return bad_usage("--leave-days: '%s': give A-B, "
                                 "1 <= A <= B <= 7",
                                 val ? val : "");
            snprintf(buf, sizeof buf, "%.*s", (int)(dash - val), val);
            if (!parse_num(buf, 7, &lo2) || !parse_num(dash + 1, 7, &hi2) ||
                lo2 < 1 || hi2 < lo2)
                return bad_usage("--leave-days: '%s': give A-B, "
                                 "1 <= A <= B <= 7",
                                 val);
            ex.leave_min = (int)lo2;
            ex.leave_max = (int)hi2;
            knob_add(opt, val);
        } else {
            int *slot = knob_slot(&ex, opt);
            if (slot == NULL)
                return bad_usage("'%s' is not an option", opt);
            if (!parse_num(val, 100, &v) ||
                (slot == &ex.capacity && (v < 10 || v > 95)))
                return bad_usage(slot == &ex.capacity
                                     ? "--capacity: '%s': give 10-95"
                                     : "a percentage: '%s': give 0-100",
                                 val ? val : "");
            *slot = (int)v;
            knob_add(opt, val);
        }
    }
    {
        /* The family's knobs, then those given. */
        int f, j;
        int *dst = &kn.capacity, *e = &ex.capacity;
        const int *fd;
        for (f = 0; strcmp(families[f].name, family) != 0; f++)
            ;
        fd = &families[f].k.capacity;
        for (j = 0; j < (int)(sizeof kn / sizeof kn.capacity); j++)
            dst[j] = e[j] >= 0 ? e[j] : fd[j];
        /* The rota family also writes rota cycles and dated swaps
         * (team.json "rota"), so the quality benchmark plans with them. */
        if (strcmp(family, "rota") == 0)
            g_rotas = true;
    }
    if (out == NULL)
        return bad_usage("%sgive the folder to write (OUTDIR)", "");
    if (children < 0)
        children = size_c;
    if (nstaff < 0)
        nstaff = size_s;
    W = week - weekday(week); /* the Monday of the week */

    n_staff = nstaff;
    n_cases = children;
    staff = calloc((size_t)n_staff, sizeof *staff);
    cases = calloc((size_t)n_cases + 1, sizeof *cases);
    if (staff == NULL || cases == NULL) {
        fprintf(stderr, "genws: out of memory\n");
        return 1;
    }
    make_team(children);
    make_cases(&need, &avail);
    if (make_outdir(out) != 0)
        return 1;
    {
        rng_t r = rng_for(3);
        if (write_team(out, children, towns[rnd(&r, N_TOWNS)]) != 0)
            return 1;
    }
    for (i = 0; i < n_cases; i++)
        if (write_case(out, &cases[i]) != 0)
            return 1;
    fprintf(stderr,
            "genws: %d children, %d staff, need ~%d h, staff ~%d h "
            "(%d%%), week %s%s%s%s\n",
            children, n_staff, (need + 30) / 60, (avail + 30) / 60,
            avail > 0 ? (int)((long)need * 100 / avail) : 0, fmt_date(W, wbuf),
            team_warning ? "; warning: " : "",
            team_warning ? team_warning : "",
            avail > 0 && kn.capacity <= 0 && (long)need * 100 > (long)avail * 70
                ? "; warning: need over 70% of staff hours"
                : "");
    free(staff);
    free(cases);
    free(pins);
    return 0;
}
