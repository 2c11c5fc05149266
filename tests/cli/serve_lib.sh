# What the tests of iss serve share (sourced after lib.sh by serve.sh,
# serve_limits.sh and staff.sh): starting iss serve in the background on a
# free port and stopping it, and reading iss.db with Python's sqlite3.
# SERVE_READY is the startup line to wait for (a grep pattern),
# SERVE_STOP_SIGNAL how the server is stopped (KILL, or TERM for a clean
# shutdown).
SPID=
PORT=
SERVE_READY=${SERVE_READY:-'^iss serve: listening on '}
SERVE_STOP_SIGNAL=${SERVE_STOP_SIGNAL:-KILL}
PY=/usr/bin/python3

stop_server()
{
    if [ -n "$SPID" ]; then
        kill -"$SERVE_STOP_SIGNAL" "$SPID" 2>/dev/null
        wait "$SPID" 2>/dev/null
        SPID=
    fi
}
trap 'stop_server; rm -rf "$TMP_ROOT"' EXIT
trap 'exit 1' INT TERM

sql() { $PY -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
[print('|'.join(str(x) for x in r)) for r in c.execute(sys.argv[2])]" "$@"; }

# alive PID: running (a child that exited stays a zombie until waited for).
alive()
{
    [ -r "/proc/$1/stat" ] && [ "$(cut -d' ' -f3 "/proc/$1/stat")" != Z ]
}

# start_server WS LOG [ARGS...]: iss serve in the background; waits (at most
# 20 s, polling) for its startup line. Sets SPID and PORT; 1 if it failed.
start_server()
{
    s_ws=$1
    s_log=$2
    shift 2
    : >"$s_log" # before the child opens it
    "$ISS" -C "$s_ws" serve "$@" 2>"$s_log" &
    SPID=$!
    i=0
    while [ $i -lt 200 ]; do
        if grep -q "$SERVE_READY" "$s_log"; then
            PORT=$(sed -n 's|^iss serve: listening on http://.*:\([0-9][0-9]*\)/feeds/ .*|\1|p' "$s_log")
            return 0
        fi
        alive "$SPID" || break
        sleep 0.1
        i=$((i + 1))
    done
    wait "$SPID" 2>/dev/null
    SPID=
    return 1
}
