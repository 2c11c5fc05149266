#!/bin/sh
# Tests of tools/genws.c, the generator of invented workspaces: the same
# seed gives the same files, and what it writes passes `iss check`.
set -u
. "$(dirname "$0")/lib.sh"

GENWS=${GENWS:-$SRC_DIR/build/genws}
if [ ! -x "$GENWS" ]; then
    GENWS=$TMP_ROOT/genws
    ${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -O2 -o "$GENWS" \
        "$SRC_DIR/tools/genws.c" || {
        printf 'FAIL: could not build tools/genws.c\n'
        exit 1
    }
fi

# gen NAME ARGS...: generate into $TMP_ROOT/NAME (output in $OUT/$ERR).
gen()
{
    name=$1
    shift
    run "$GENWS" "$@" "$TMP_ROOT/$name"
}

# The number of staff in a team.json (one "id": "S.." per staff member).
staff_count()
{
    grep -c '"id": "S[0-9]*"' "$1/team.json"
}

case_count()
{
    ls "$1/cases" | grep -c '\.json$'
}

# ---- determinism ----
gen s1a --size S --seed 1
expect_rc 0 "genws --size S --seed 1 succeeds"
check "[ ! -s \"$OUT\" ]" "nothing on stdout"
lines=$(wc -l <"$ERR")
check "[ $lines -eq 1 ]" "a one-line summary on stderr"
expect_err '^genws: 30 children, 15 staff, need ~[0-9]+ h, staff ~[0-9]+ h' \
    "the summary gives the counts and the hours estimate"
gen s1b --seed 1 --size S
diff -r "$TMP_ROOT/s1a" "$TMP_ROOT/s1b" >/dev/null 2>&1
check "[ $? -eq 0 ]" "the same seed gives identical files"
gen s2 --size S --seed 2
diff -r "$TMP_ROOT/s1a/cases" "$TMP_ROOT/s2/cases" >/dev/null 2>&1
check "[ $? -ne 0 ]" "another seed gives other cases"
cmp -s "$TMP_ROOT/s1a/team.json" "$TMP_ROOT/s2/team.json"
check "[ $? -ne 0 ]" "another seed gives another team"

# ---- sizes, counts, iss check ----
for size in S M; do
    case $size in
    S) nc=30 ns=15 ;;
    M) nc=80 ns=30 ;;
    esac
    for seed in 1 2 3 17; do
        gen "$size-$seed" --size "$size" --seed "$seed"
        expect_rc 0 "genws --size $size --seed $seed"
        ws=$TMP_ROOT/$size-$seed
        check "[ $(case_count "$ws") -eq $nc ]" \
            "size $size seed $seed: $nc case files"
        check "[ $(staff_count "$ws") -eq $ns ]" \
            "size $size seed $seed: $ns staff"
        run iss -C "$ws" check
        expect_rc 0 "size $size seed $seed passes iss check"
        expect_out "^ok: $nc cases, $ns staff" \
            "size $size seed $seed: iss counts $nc cases and $ns staff"
    done
done
bands=$(cat "$TMP_ROOT"/M-1/cases/*.json | grep -o '"band": "[a-z]*"' |
    sort -u | wc -l)
check "[ $bands -eq 5 ]" "size M holds all five bands"
for b in high medium extended ete junior; do
    check "grep -q '\"band\": \"$b\"' \"$TMP_ROOT\"/M-2/cases/*.json" \
        "size M seed 2 has a $b case"
done

# Names are one word: first names only, never a surname.
check "! grep -Eq '\"(name|feed_name)\": \"[^\"]* ' \"$TMP_ROOT\"/S-*/team.json \"$TMP_ROOT\"/S-*/cases/*.json \"$TMP_ROOT\"/M-*/team.json \"$TMP_ROOT\"/M-*/cases/*.json" \
    "every name and feed_name is one word"
check "! grep -q '\"surname\\|\"last_name' \"$TMP_ROOT\"/M-1/cases/*.json" \
    "no surname fields"

# Every order is in force from the week before the target week to four
# weeks after it: iss check lists each order's ISO weeks.
gen wk --size M --seed 5 --week 2026-11-23
run iss -C "$TMP_ROOT/wk" check
expect_rc 0 "--week 2026-11-23 passes iss check"
bad=$(tr ' ' '\n' <"$OUT" | grep '\.\.' | tr -d ',' |
    awk -F'\\.\\.' '$1 > "2026-W47" || $2 < "2026-W52"' | wc -l)
check "[ $bad -eq 0 ]" "every order covers weeks 2026-W47..2026-W52"

# ---- explicit counts, odd sizes, other weeks ----
gen odd --children 7 --staff 5 --seed 9
expect_rc 0 "--children 7 --staff 5"
check "[ $(case_count "$TMP_ROOT/odd") -eq 7 ]" "7 case files"
check "[ $(staff_count "$TMP_ROOT/odd") -eq 5 ]" "5 staff"
run iss -C "$TMP_ROOT/odd" check
expect_rc 0 "7 x 5 passes iss check"
gen tiny --children 1 --staff 3 --seed 4
run iss -C "$TMP_ROOT/tiny" check
expect_rc 0 "1 x 3 passes iss check"
gen over --size S --children 12 --seed 3
check "[ $(case_count "$TMP_ROOT/over") -eq 12 ]" \
    "--children overrides --size"
for week in 2026-03-23 2026-10-19 2026-12-21; do
    for size in S M; do
        gen "w$week$size" --size "$size" --seed 11 --week "$week"
        expect_err "week $week" "the summary names the week $week"
        run iss -C "$TMP_ROOT/w$week$size" check
        expect_rc 0 "size $size for the week of $week passes iss check"
    done
done
# ---- families and knobs ----
for fam in tight specialist rota stepdown constrained services; do
    gen "fam$fam" --family "$fam" --size S --seed 5 --week 2026-10-19
    expect_rc 0 "family $fam is written"
    run iss -C "$TMP_ROOT/fam$fam" check
    expect_rc 0 "family $fam passes iss check"
done
check "grep -q 'family services' '$TMP_ROOT/famservices/team.json'" \
    "x-generated names the family"
grep -Fq '"roles": ["reparation_worker"]' "$TMP_ROOT/famspecialist/team.json" &&
    pass || fail "specialist: restorative only by reparation workers"
for role in ete_worker family_worker reparation_worker; do
    grep -Eq '"roles": \[[^]]*"'$role'"[^]]*\],$' \
        "$TMP_ROOT/famspecialist/team.json" &&
        pass || fail "specialist: some staff member is a $role"
done
grep -q session_types "$TMP_ROOT/s1a/team.json" &&
    fail "the default family leaves session_types out" || pass
gen tightS --family tight --size S --seed 2
expect_err '(6[5-9]|7[0-5])%' "tight: the need is about 70% of staff hours"
gen capk --size S --seed 2 --capacity 80 --midweek 50
expect_err '(7[5-9]|8[0-5])%' "--capacity 80 gives about 80%"
run iss -C "$TMP_ROOT/capk" check
expect_rc 0 "--capacity 80 --midweek 50 passes iss check"
gen knobbad --size S --capacity 99
expect_rc 2 "--capacity beyond 95 is a usage error"
gen knobbad2 --size S --family nosuch
expect_rc 2 "an unknown family is a usage error"
gen knobbad3 --size S --leave-days 3-1
expect_rc 2 "--leave-days B < A is a usage error"
gen thu --size S --seed 1 --week 2026-11-26
expect_err 'week 2026-11-23' "a date inside a week means its Monday"

# ---- --rotas: some staff on rota cycles and dated swaps ----
gen rotas1 --size M --seed 3 --rotas
expect_rc 0 "--rotas writes a workspace"
gen rotas2 --size M --seed 3 --rotas
check "diff -r '$TMP_ROOT/rotas1' '$TMP_ROOT/rotas2' >/dev/null" \
    "the same seed with --rotas gives identical files"
check "grep -q '\"weeks\": \\[' '$TMP_ROOT/rotas1/team.json' && \
grep -q '\"off\": true' '$TMP_ROOT/rotas1/team.json'" \
    "--rotas writes cycles and dated days off"
check "! grep -q '\"rota\"' '$TMP_ROOT/s1a/team.json'" "without --rotas there is no rota"
for seed in 1 2; do
    gen "rotasS$seed" --size S --seed "$seed" --rotas
    run iss -C "$TMP_ROOT/rotasS$seed" check
    expect_rc 0 "size S seed $seed with --rotas passes iss check"
    expect_out 'rotas: S' "and iss check names who is on a rota"
done
gen bad4 --rotas=yes
expect_rc 2 "--rotas takes no value"

# ---- usage and folders ----
run "$GENWS" --help
expect_rc 0 "--help exits 0"
expect_out '^Usage: genws' "--help prints usage"
gen bad1 --size X
expect_rc 2 "a bad --size is a usage error"
gen bad2 --staff 2
expect_rc 2 "fewer than 3 staff is a usage error"
gen bad3 --week 2026-02-30
expect_rc 2 "a date that does not exist is a usage error"
run "$GENWS" --size S
expect_rc 2 "OUTDIR is required"
gen s1a --size S --seed 1
expect_rc 1 "a folder that is not empty is refused"
expect_err 'not empty' "says the folder is not empty"
mkdir -p "$TMP_ROOT/emptydir"
gen emptydir --size S
expect_rc 0 "an empty folder is fine"

finish
