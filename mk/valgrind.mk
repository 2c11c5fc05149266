# make check-valgrind: the unit tests and the command-line tests with iss
# under valgrind (Debian package valgrind); zero errors, zero definite or
# indirect leaks. Included by the main Makefile (include mk/*.mk).
#
# The command-line tests call $(ISS) = build/iss-valgrind, a wrapper that
# execs valgrind on ./iss. valgrind writes to build/valgrind/ (one log per
# process), not to stderr, so the tests' checks of what iss prints are not
# disturbed, and an error is found even where a test ignores iss's exit
# status: the rule fails when any log is not empty. --error-exitcode=99
# also makes a run with errors fail; exit statuses of runs without errors
# are iss's own (0, 1, 2), which the tests check as usual.
#
#   make check-valgrind
#   make check-valgrind VALGRIND_CLI=tests/cli/publish.sh   (some tests)
#   make check-valgrind VALGRIND_CRASH_RUNS=8  (crash.sh runs; default 4)

# Wherever the main Makefile includes this file, its own first target stays
# the default goal, and the prerequisites it defines (UNIT_BINS, CLI_AIDS)
# are named only in recipes, which make expands after reading everything.
VALGRIND_SAVED_GOAL := $(.DEFAULT_GOAL)

VALGRIND_OPTS = -q --error-exitcode=99 --leak-check=full \
                --errors-for-leak-kinds=definite,indirect \
                --show-leak-kinds=definite,indirect
VALGRIND_LOGS = build/valgrind
VALGRIND_CLI ?= $(CLI_TESTS)
VALGRIND_CRASH_RUNS ?= 4

.PHONY: check-valgrind check-valgrind-unit check-valgrind-cli \
        check-valgrind-plan

build/iss-valgrind: mk/valgrind.mk
	@mkdir -p $(dir $@) $(VALGRIND_LOGS)
	@printf '%s\n' '#!/bin/sh' \
	    '# iss under valgrind, for make check-valgrind (mk/valgrind.mk).' \
	    'exec valgrind $(VALGRIND_OPTS) --log-file=$(CURDIR)/$(VALGRIND_LOGS)/iss.%p.log $(CURDIR)/iss "$$@"' \
	    >$@.tmp
	@chmod 755 $@.tmp
	@mv $@.tmp $@

check-valgrind: check-valgrind-unit check-valgrind-cli check-valgrind-plan

# Issue 7: no leaks when planning the S workload (30 children x 15 staff).
check-valgrind-plan:
	@$(MAKE) --no-print-directory iss build/genws
	@rm -rf build/valgrind-S && build/genws --size S --seed 1 \
	    build/valgrind-S 2>/dev/null
	@echo "== iss plan on the S workload (valgrind)"
	ISS_DATADIR=$(CURDIR) valgrind $(VALGRIND_OPTS) ./iss -C build/valgrind-S \
	    plan --week 2026-11-23 --quiet

check-valgrind-unit:
	@$(MAKE) --no-print-directory $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do \
	    echo "== $$t (valgrind)"; \
	    ISS_DATADIR=$(CURDIR) valgrind $(VALGRIND_OPTS) $$t; done

# Each test runs on; the logs are judged at the end.
check-valgrind-cli: build/iss-valgrind
	@$(MAKE) --no-print-directory iss build/genws $(CLI_AIDS)
	@rm -rf $(VALGRIND_LOGS) && mkdir -p $(VALGRIND_LOGS)
	@failed=0; for t in $(VALGRIND_CLI); do \
	    echo "== $$t (iss under valgrind)"; start=$$(date +%s); \
	    ISS=$(CURDIR)/build/iss-valgrind ISS_DATADIR=$(CURDIR) \
	    ISS_CRASH_RUNS=$(VALGRIND_CRASH_RUNS) ISS_CRASH_CHILDREN=6 \
	    sh $$t || failed=1; \
	    echo "   $$(($$(date +%s) - start)) s"; done; \
	n=$$(ls $(VALGRIND_LOGS) | wc -l); \
	bad=$$(find $(VALGRIND_LOGS) -type f -size +0 | sort); \
	if [ -n "$$bad" ]; then \
	    for f in $$bad; do echo "== $$f"; cat "$$f"; done; \
	    echo "valgrind: errors or leaks in $$(echo $$bad | wc -w) of $$n runs of iss"; \
	    exit 1; fi; \
	echo "valgrind: $$n runs of iss, no errors, no leaks"; \
	exit $$failed

.DEFAULT_GOAL := $(VALGRIND_SAVED_GOAL)
