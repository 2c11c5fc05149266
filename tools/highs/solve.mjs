// make bench: solve one model file written by `iss plan --write-lp` (CPLEX
// LP format, GLPK's glp_write_lp) with HiGHS, the WebAssembly build of the
// npm package `highs` pinned in package-lock.json beside this file.
// Usage: node tools/highs/solve.mjs FILE.lp SECONDS
// Prints one JSON line: status, objective (best plan found, null if none),
// bound (best proven lower bound), gap (HiGHS's mip_gap, null if no plan),
// seconds (since this script started: loading HiGHS and reading the file
// included) and the HiGHS version. HiGHS's WebAssembly heap stops at 2 GiB: a solve that needs more
// ends with status "out of memory" (exit 0) rather than a crash, so that
// the benchmark's other rows still print. This build has no threads: HiGHS
// runs on one core, like CBC with threads 1. Set HIGHS_LOG=1 for HiGHS's log
// on standard error, HIGHS_RESERVE_MB=N to take N MiB of the heap first
// (HIGHS_RESERVE_MB=2045 shows the "out of memory" report).
// Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import loadHighs from "highs";

const [file, seconds] = process.argv.slice(2);
if (!file || !(Number(seconds) > 0)) {
    process.stderr.write("usage: node solve.mjs FILE.lp SECONDS (> 0)\n");
    process.exit(2);
}
const t0 = performance.now();
const version = JSON.parse(readFileSync(new URL(
    "node_modules/highs/package.json", import.meta.url))).version;

function report(fields) {
    process.stdout.write(JSON.stringify({
        status: "error", objective: null, bound: null, gap: null,
        seconds: (performance.now() - t0) / 1000, version, ...fields,
    }) + "\n");
}

// The heap's growth is watched at the one import that grows it: when
// malloc asks for more than the 2 GiB cap, the C++ code's std::bad_alloc
// ends in abort() ("Aborted()", no reason given), so the failed growth is
// what says that the memory ran out.
let heapRefused = 0;
function instantiateWasm(imports, receive) {
    for (const [k, f] of Object.entries(imports.a))
        if (typeof f === "function" && f.name === "_emscripten_resize_heap")
            imports.a[k] = (size) => {
                const ok = f(size);
                if (!ok) heapRefused = Math.max(heapRefused, size >>> 0);
                return ok;
            };
    WebAssembly.instantiate(readFileSync(new URL(
        "node_modules/highs/build/highs.wasm", import.meta.url)), imports)
        .then((r) => receive(r.instance));
    return {};
}

let highs;
try {
    highs = await loadHighs({ instantiateWasm });
} catch (e) {
    report({ status: "error", message: String(e) });
    process.exit(1);
}
// HIGHS_RESERVE_MB=N takes N MiB of the heap before the model is read, to
// check the "out of memory" report without a model of 2 GiB.
for (let left = Number(process.env.HIGHS_RESERVE_MB || 0); left > 0; left -= 16)
    if (!highs._malloc(Math.min(left, 16) << 20)) break;
heapRefused = 0;
// Names of the model status codes, as HiGHS's log spells them.
const names = {};
for (const [k, v] of Object.entries(highs.constants.modelStatus))
    names[v] = k;

let model;
try {
    model = highs.createModel({ format: "lp", data: readFileSync(file, "utf8") });
    model.options.set({
        output_flag: process.env.HIGHS_LOG === "1",
        time_limit: Number(seconds),
    });
    const log = process.env.HIGHS_LOG === "1";
    model.run(log ? {
        [highs.constants.callbackType.logging](event) {
            process.stderr.write(event.message);
        },
    } : undefined);
    const status = names[model.getModelStatus()] ?? String(model.getModelStatus());
    const info = (k) => {
        try { return Number(model.info.get(k)); } catch { return null; }
    };
    // primal_solution_status 2: a feasible plan is known.
    const feasible = info("primal_solution_status") === 2;
    const bound = info("mip_dual_bound");
    report({
        status,
        objective: feasible ? info("objective_function_value") : null,
        bound: Number.isFinite(bound) ? bound : null,
        gap: feasible ? info("mip_gap") : null,
        seconds: (performance.now() - t0) / 1000,
    });
} catch (e) {
    if (heapRefused) {
        report({
            status: "out of memory",
            message: "the WebAssembly heap (" + Math.floor(highs.memoryBytes / 1048576) +
                " MiB, at most 2048) could not grow to " +
                Math.ceil(heapRefused / 1048576) + " MiB",
        });
    } else {
        report({ status: "error", message: String(e.message || e) });
        process.exitCode = 1;
    }
} finally {
    try { model?.dispose(); } catch { /* the runtime aborted */ }
}
