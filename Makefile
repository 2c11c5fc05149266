# iss - plans Intensive Supervision and Surveillance weeks.
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
#
#   make            build ./iss
#   make demo       install what is missing (Debian, as root), build, and
#                   run the main job on a copy of examples/
#   make check      install what is missing, build, run every test
#   make deps       install the missing Debian packages (root) or say which
#   make install    PREFIX=/usr/local DESTDIR=
#   make check VALGRIND=1 / make SANITIZE=1   leak and UB runs

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/iss
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=
PKG_CONFIG ?= pkg-config
GLPK_LIBS ?= -lglpk
CC ?= cc
VERSION = 0.1.0

# Debian packages: to build, to run, to test.
DEB_BUILD = gcc make libc6-dev pkg-config tzdata libglpk-dev libical-dev \
            libcjson-dev libsqlite3-dev libcsv-dev libmicrohttpd-dev \
            libsodium-dev
# The feed and letter tests read what iss writes with other programs:
# python3-icalendar, ical.js (node, npm), khal, Chromium; the report test
# validates against its JSON Schema; the benchmark compares with CBC; the
# fuzzers need clang and its runtimes (libFuzzer, ASan: libclang-rt-dev);
# the manual page is checked with groff and man (tests/cli/man.sh); the
# staff area is asked with curl (tests/cli/staff.sh); pmccabe measures the
# complexity of every function (tools/complexity.sh).
DEB_TEST = valgrind python3 glpk-utils time sqlite3 python3-jsonschema \
           python3-icalendar python3-recurring-ical-events khal \
           nodejs npm chromium coinor-cbc wrk clang libclang-rt-dev \
           groff-base man-db curl pmccabe
DEB_PACKAGES = $(DEB_BUILD) $(DEB_TEST)

# Recursive (=) so that nothing runs pkg-config before `make deps`.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcjson libical sqlite3 \
               libmicrohttpd libsodium 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs libcjson libical sqlite3 \
             libmicrohttpd libsodium 2>/dev/null || \
             echo -lcjson -lical -lsqlite3 -lmicrohttpd -lsodium)

WARN = -Wall -Wextra
OPT ?= -O2 -g
# The unit tests and fuzzers also see the folders' private headers.
PRIV_INC = -Ischeduler/engine -Ischeduler/load
ISS_CFLAGS = -std=c11 -D_DEFAULT_SOURCE $(WARN) $(OPT) -Iinclude $(PRIV_INC) \
             $(PKG_CFLAGS) -DISS_VERSION='"$(VERSION)"' \
             -DISS_DATADIR='"$(DATADIR)"' -MMD -MP
CSV_LIBS ?= -lcsv
ISS_LIBS = $(PKG_LIBS) $(GLPK_LIBS) $(CSV_LIBS) -lpthread -lm

SAN_FLAGS = -fsanitize=address,undefined,float-cast-overflow \
            -fno-omit-frame-pointer \
            -fno-sanitize-recover=undefined
ifeq ($(SANITIZE),1)
ISS_CFLAGS += $(SAN_FLAGS)
LDFLAGS += $(SAN_FLAGS)
endif

# The library, one folder per stage of the pipeline, lowest first
# (docs/internals.md); the command line is scheduler/cli/.
LIB_DIRS = base json calendar load plan engine store report publish serve
CLI_SRCS = $(wildcard scheduler/cli/*.c)
LIB_SRCS = $(foreach d, $(LIB_DIRS), $(wildcard scheduler/$(d)/*.c))
LIB_OBJS = $(LIB_SRCS:scheduler/%.c=build/obj/%.o)
CLI_OBJS = $(CLI_SRCS:scheduler/%.c=build/obj/%.o)
ASAN_OBJS = $(LIB_SRCS:scheduler/%.c=build/asan/%.o)
ASAN_CLI_OBJS = $(CLI_SRCS:scheduler/%.c=build/asan/%.o)

UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=build/tests/%)
UNIT_ASAN = $(UNIT_SRCS:tests/unit/%.c=build/tests/asan-%)
CLI_TESTS = $(filter-out %lib.sh, $(wildcard tests/cli/*.sh))
# Under AddressSanitizer + UBSan again: every script whose time goes into
# iss itself. Those whose time goes to Chromium, the four feed parsers,
# kill -9 and lock timing, or planning many generated weeks (plan, genws,
# rota, quality) run once, with ./iss: the iss code they reach (publish,
# letters, feeds, import, locks, the engine, rotas) runs under the
# sanitizers in the others (publish, compliance, report, files, stale_plan,
# staff...), in the unit tests (test_engine, test_rota) and the fuzzers.
# threads.sh preloads a shim, which ASan will not run after its runtime.
# ISS_TEST_SANITIZER=1 also thins publish.sh's kill loop. This keeps make
# check under 15 minutes on 2 cores (14 min 52 s before the last three were
# left out: measured on a clean clone; each script prints its seconds).
CLI_ASAN_SKIP = crash concurrency feeds letters compliance_letters \
                report_html quality serve_limits man plan genws rota threads
CLI_ASAN_TESTS = $(filter-out $(CLI_ASAN_SKIP:%=tests/cli/%.sh), $(CLI_TESTS))
# What the command-line tests use besides iss: the feed tests' libical
# reader and ical.js (defined before any rule names them as prerequisites).
CLI_AIDS = build/tests/icalcheck tests/icaljs/node_modules/.package-lock.json \
           build/tests/nothreads.so

ifeq ($(VALGRIND),1)
RUN_UNIT = valgrind -q --error-exitcode=99 --leak-check=full \
           --errors-for-leak-kinds=definite,indirect
else
RUN_UNIT =
endif

.PHONY: all check check-unit check-asan check-cli check-checker demo deps \
        install install-man uninstall clean bench bench-quality \
        check-complexity check-layers

all: iss build/genws

build/genws: tools/genws.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_DEFAULT_SOURCE $(WARN) $(OPT) $(CFLAGS) -o $@ \
	    tools/genws.c

iss: $(CLI_OBJS) build/libiss.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJS) build/libiss.a $(ISS_LIBS)

build/libiss.a: $(LIB_OBJS)
	ar rcs $@ $(LIB_OBJS)

build/obj/%.o: scheduler/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ISS_CFLAGS) $(CFLAGS) -c -o $@ $<

build/asan/%.o: scheduler/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ISS_CFLAGS) $(SAN_FLAGS) $(CFLAGS) -c -o $@ $<

build/asan/libiss.a: $(ASAN_OBJS)
	ar rcs $@ $(ASAN_OBJS)

build/iss-asan: $(ASAN_CLI_OBJS) build/asan/libiss.a
	$(CC) $(SAN_FLAGS) -o $@ $(ASAN_CLI_OBJS) build/asan/libiss.a $(ISS_LIBS)

build/tests/test_%: tests/unit/test_%.c build/libiss.a tests/unit/test.h
	@mkdir -p $(dir $@)
	$(CC) $(ISS_CFLAGS) $(CFLAGS) -DISS_TEST_SRCDIR='"$(CURDIR)"' \
	    $(PRIV_INC) -o $@ $< build/libiss.a $(ISS_LIBS)

build/tests/asan-test_%: tests/unit/test_%.c build/asan/libiss.a \
                         tests/unit/test.h
	@mkdir -p $(dir $@)
	$(CC) $(ISS_CFLAGS) $(SAN_FLAGS) $(CFLAGS) \
	    -DISS_TEST_SRCDIR='"$(CURDIR)"' $(PRIV_INC) -o $@ $< \
	    build/asan/libiss.a $(ISS_LIBS)

deps:
	@sh tools/deps.sh $(DEB_PACKAGES)

check: deps
	$(MAKE) all
	$(MAKE) check-layers check-complexity check-unit check-checker
	@# The sanitizer run and the plain run of the scripts side by side, one
	@# core each (each prints when it is done); this keeps make check under
	@# 15 minutes on 2 cores (16 min 47 s one after the other, measured on a
	@# clean clone at e3f3817).
	$(MAKE) -j2 --output-sync=target check-asan check-cli
	$(MAKE) check-fuzz

# The source tree's rules: private headers stay in their folder, no stage
# uses a later one, SQLite only in store/, libmicrohttpd only in serve/
# (tools/layers.py, docs/internals.md).
check-layers:
	@echo "== tools/layers.py"
	@/usr/bin/python3 tools/layers.py
	@echo "== tests/tools/test_layers.sh"
	@sh tests/tools/test_layers.sh

# No function over cyclomatic complexity 30 but those the allow-list names
# (tools/complexity.sh, tools/complexity-allow.txt).
check-complexity:
	@echo "== tools/complexity.sh"
	@sh tools/complexity.sh

# The independent plan checker's own tests (tests/checker).
check-checker:
	@echo "== tests/checker/test_check_plan.py"
	@/usr/bin/python3 tests/checker/test_check_plan.py

check-unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do \
	    echo "== $$t"; ISS_DATADIR=$(CURDIR) $(RUN_UNIT) $$t; done

check-asan: $(UNIT_ASAN) build/iss-asan build/genws $(CLI_AIDS)
	@set -e; for t in $(UNIT_ASAN); do \
	    echo "== $$t (AddressSanitizer + UBSan)"; \
	    ISS_DATADIR=$(CURDIR) ASAN_OPTIONS=detect_leaks=1 $$t; done
	@set -e; for t in $(CLI_ASAN_TESTS); do \
	    echo "== $$t (iss built with AddressSanitizer + UBSan)"; \
	    t0=$$(date +%s); \
	    ISS=$(CURDIR)/build/iss-asan ISS_DATADIR=$(CURDIR) \
	    ISS_TEST_SANITIZER=1 ASAN_OPTIONS=detect_leaks=1 sh $$t; \
	    echo "   ($$(($$(date +%s) - t0)) s)"; done

# The feed tests' own libical reader (tests/feeds/icalcheck.c), and
# ical.js at the version package-lock.json pins.
build/tests/icalcheck: tests/feeds/icalcheck.c
	@mkdir -p $(dir $@)
	$(CC) $(ISS_CFLAGS) $(CFLAGS) -o $@ $< $(PKG_LIBS)

# A shim for tests/cli/threads.sh: pthread_create always fails.
build/tests/nothreads.so: tests/shim/nothreads.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(OPT) $(CFLAGS) -shared -fPIC -o $@ $<

tests/icaljs/node_modules/.package-lock.json: tests/icaljs/package-lock.json
	npm ci --prefix tests/icaljs --no-audit --no-fund


check-cli: iss build/genws $(CLI_AIDS)
	@set -e; for t in $(CLI_TESTS); do \
	    echo "== $$t"; t0=$$(date +%s); ISS=$(CURDIR)/iss sh $$t; \
	    echo "   ($$(($$(date +%s) - t0)) s)"; done

demo: deps
	$(MAKE) all
	@rm -rf build/demo && mkdir -p build/demo && cp -R examples/. build/demo/
	@# iss plans and publishes nothing before "now": the example week is
	@# planned and published as on Friday 20 Nov 2026, before it starts.
	ISS_TODAY=2026-11-20 ./iss -C build/demo check
	ISS_TODAY=2026-11-20 ./iss -C build/demo phases --band extended \
	    --start 2025-10-31
	ISS_TODAY=2026-11-20 ./iss -C build/demo plan --week 2026-11-23
	ISS_TODAY=2026-11-20 ./iss -C build/demo publish --week 2026-11-23
	ISS_TODAY=2026-11-20 ./iss -C build/demo feeds
	@echo "Letters (open in a browser, print on A4):"
	@ls -1 build/demo/out/letters/*.html
	@# The example week is 23-29 Nov 2026: record it as from 30 Nov.
	/usr/bin/python3 tools/example-attendance.py \
	    build/demo/out/plan-2026-11-23.json build/demo/attendance.csv
	ISS_TODAY=2026-11-30 ISS_NOW=1796040000 ./iss -C build/demo \
	    attendance import build/demo/attendance.csv
	@echo "The Saturday of the week, as a tracking officer's list:"
	ISS_TODAY=2026-11-28 ./iss -C build/demo today
	ISS_TODAY=2026-11-30 ISS_NOW=1796040000 ./iss -C build/demo report \
	    --week 2026-11-23
	ISS_TODAY=2026-11-30 ISS_NOW=1796040000 ./iss -C build/demo report \
	    --week 2026-11-23 --format html > build/demo/out/report.html
	@echo "Report as a web page: build/demo/out/report.html"
	@echo "The staff area (phones): give a password with"
	@echo "  ./iss -C build/demo staff password S5"
	@echo "then run ./iss -C build/demo serve and open"
	@echo "  http://127.0.0.1:8080/staff/ (behind HTTPS: docs/staff.md)"

install: iss install-man
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/bands \
	    $(DESTDIR)$(DATADIR)/data
	install -m 755 iss $(DESTDIR)$(BINDIR)/iss
	install -m 644 bands/*.json $(DESTDIR)$(DATADIR)/bands/
	install -m 644 data/*.json $(DESTDIR)$(DATADIR)/data/

# The manual page (checked by tests/cli/man.sh: groff -ww, man --warnings).
install-man:
	install -d $(DESTDIR)$(MANDIR)/man1
	install -m 644 man/iss.1 $(DESTDIR)$(MANDIR)/man1/iss.1

# Benchmarks: sh tools/bench.sh prints seconds, objective, bound, gap, peak
# RSS and what is short for generated S, M and L workspaces, then solves
# each model iss wrote with CBC and HiGHS (the npm package pinned in
# tools/highs, installed here unless BENCH_NO_HIGHS is set).
bench: all $(if $(BENCH_NO_HIGHS),,tools/highs/node_modules/.package-lock.json)
	@sh tools/bench.sh

tools/highs/node_modules/.package-lock.json: tools/highs/package-lock.json
	npm ci --prefix tools/highs --no-audit --no-fund

# The quality benchmark (issue 13; not part of make check): iss against
# tools/baseline.py on the genws families x S, M, L x 5 seeds, judged by
# tests/checker/check_plan.py; appends its table to bench/quality.md.
# About an hour; QUICK=1 runs three families at S, two seeds (2 minutes).
bench-quality: all
	@/usr/bin/python3 tools/bench_quality.py $(if $(QUICK),--quick) \
	    --out bench/quality.md

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/iss $(DESTDIR)$(MANDIR)/man1/iss.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build iss

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(ASAN_OBJS:.o=.d) \
         $(ASAN_CLI_OBJS:.o=.d)

# More targets, one file per concern: check-load (mk/serve.mk),
# check-valgrind (mk/valgrind.mk), fuzz and check-fuzz (mk/fuzz.mk).
include $(wildcard mk/*.mk)
