# iss - libFuzzer harnesses (tests/fuzz, docs/fuzzing.md).
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
#
#   make fuzz         each harness for FUZZ_TIME seconds (default 600)
#   make check-fuzz   each harness for FUZZ_SMOKE seconds (default 15)
#   make build/fuzz/fuzz_case   one harness; run it by hand (docs/fuzzing.md)
#
# Included by the main Makefile; until then: make -f Makefile -f mk/fuzz.mk
# fuzz. Needs Debian's clang (libFuzzer ships with it). The library is
# compiled again with clang into build/fuzz/obj, instrumented for coverage
# (fuzzer-no-link) and AddressSanitizer + UBSan; a crash, leak, UBSan report,
# timeout or out-of-memory stops the run and makes the target fail.

FUZZ_CC ?= clang
FUZZ_TIME ?= 600
FUZZ_SMOKE ?= 15
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
           -fno-omit-frame-pointer
FUZZ_NAMES = team case band attendance rota

FUZZ_LIB_SRCS = $(LIB_SRCS)
FUZZ_LIB_OBJS = $(FUZZ_LIB_SRCS:scheduler/%.c=build/fuzz/obj/%.o)
FUZZ_BINS = $(FUZZ_NAMES:%=build/fuzz/fuzz_%)

.PHONY: fuzz check-fuzz fuzz-build

build/fuzz/obj/%.o: scheduler/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ISS_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
	    $(CFLAGS) -c -o $@ $<

build/fuzz/libiss.a: $(FUZZ_LIB_OBJS)
	@rm -f $@
	ar rcs $@ $(FUZZ_LIB_OBJS)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h build/fuzz/libiss.a
	$(FUZZ_CC) $(ISS_CFLAGS) $(PRIV_INC) $(FUZZ_SAN) -fsanitize=fuzzer $(CFLAGS) \
	    -DISS_TEST_SRCDIR='"$(CURDIR)"' -o $@ $< build/fuzz/libiss.a \
	    $(ISS_LIBS)

fuzz-build: $(FUZZ_BINS)

# One harness at a time (the machine is shared): tests/fuzz/run.sh prints
# the figures and, on a crash, where the input was saved.
fuzz: $(FUZZ_BINS)
	@set -e; for n in $(FUZZ_NAMES); do \
	    sh tests/fuzz/run.sh $$n $(FUZZ_TIME); done

check-fuzz: $(FUZZ_BINS)
	@set -e; for n in $(FUZZ_NAMES); do \
	    sh tests/fuzz/run.sh $$n $(FUZZ_SMOKE); done

-include $(FUZZ_LIB_OBJS:.o=.d) $(FUZZ_BINS:=.d)
