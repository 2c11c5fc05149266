# iss serve's load test (docs/serve.md). Included by the main Makefile.
#
#   make check-load   wrk against iss serve on loopback for 10 s (the run
#                     stays under 30 s): fails on any error or non-200,
#                     prints requests/s and the p99 latency
#
# It needs Debian's wrk (installed here if missing, as make deps does).

DEB_LOAD = wrk

.PHONY: check-load
check-load: iss
	@sh tools/deps.sh $(DEB_LOAD)
	@sh tools/load.sh
