import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";

/**
 * The bench times CPU as an invocation's wall time less its waits. On two cores shared with
 * vitest, the fake Resend and V8's own helper threads, the Worker's thread was runnable but
 * waiting for a core for 3 to 8 ms of a 15 ms Free invocation, and that wait was counted as its
 * CPU. So workerd's main thread, which runs the Worker's JavaScript and local D1, gets the last
 * core to itself, and everything else of the bench keeps to the others. Linux only (taskset,
 * /proc); elsewhere nothing is pinned and `workerThread` says so.
 */
// All the machine's cores, not availableParallelism(): that counts only those this process may use, one once pinned.
const cores = cpus().length;
const lastCore = String(cores - 1);
const otherCores = cores > 2 ? `0-${cores - 2}` : "0";
/** The threads of workerd already given their cores, and whether this process keeps off the Worker's. */
const pinned = new Set<number>();
let selfPinned = false;

function taskset(args: string[]): boolean {
  return spawnSync("taskset", args, { stdio: "ignore" }).status === 0;
}

/** Keeps every thread of this process (vitest, or the bench with its fake Resend) off the Worker's core. */
export function keepOffWorkerCore(): boolean {
  return cores > 1 && taskset(["--all-tasks", "--pid", "--cpu-list", otherCores, String(process.pid)]);
}

/** The workerd processes on this machine, each with its parent. */
export function workerdProcesses(): { pid: number; ppid: number }[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((entry) => {
      const found = workerdProcess(Number(entry));
      return found ? [found] : [];
    });
}

function workerdProcess(pid: number): { pid: number; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const [, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return stat.includes("(workerd)") ? { pid, ppid: Number(ppid) } : undefined;
  } catch {
    // the process ended between listing and reading
    return undefined;
  }
}

/** The workerd that this process (vitest, hosting miniflare) started: looked for once, and again only when it is gone. */
let workerd: number | undefined;
function childWorkerd(): number | undefined {
  if (workerd !== undefined && workerdProcess(workerd)?.ppid === process.pid) return workerd;
  workerd = workerdProcesses().find(({ ppid }) => ppid === process.pid)?.pid;
  return workerd;
}

/** Gives workerd's main thread the last core and its other threads, new ones too, the rest. */
function pinWorkerd(pid: number): boolean {
  selfPinned ||= keepOffWorkerCore();
  for (const tid of readdirSync(`/proc/${pid}/task`).map(Number)) {
    if (pinned.has(tid)) continue;
    if (!taskset(["--pid", "--cpu-list", tid === pid ? lastCore : otherCores, String(tid)])) return false;
    pinned.add(tid);
  }
  return selfPinned;
}

/**
 * A service binding for the bench (vitest.bench.config.ts): pins workerd as above, and answers
 * how long its main thread has run and how long it has waited, runnable, for a core (the first
 * two fields of Linux's schedstat, in ns; a hypervisor's steal is in neither), so that
 * test/bench/measure.ts can show that no invocation's figure holds such a wait, and time a
 * replay's CPU to the nanosecond.
 */
export function workerThread(): Response {
  try {
    const pid = cores > 1 ? childWorkerd() : undefined;
    if (pid === undefined) return Response.json({ pinned: false, waitedNs: 0, ranNs: 0 });
    const pinnedNow = pinWorkerd(pid);
    const [ranNs, waitedNs] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ").map(Number);
    return Response.json({ pinned: pinnedNow, waitedNs, ranNs });
  } catch {
    return Response.json({ pinned: false, waitedNs: 0, ranNs: 0 });
  }
}
