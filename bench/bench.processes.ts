import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

/**
 * The servers under test run as child processes of the bench, so that their memory is theirs alone:
 * our service (dist/src/main.js) and the peer (dist/bench/peer-server.js).
 */

export interface ServerProcess {
  name: string;
  pid: number;
  url: string;
  /** The last lines it printed, for error messages. */
  tail(): string;
  /** How it ended ("exited (1)", "exited (SIGKILL)"), or undefined while it runs. */
  exitInfo(): string | undefined;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 90_000;

export async function startServer(
  name: string,
  script: string,
  port: number,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited: string | undefined;
  child.once("exit", (code, signal) => {
    exited = `exited (${code ?? signal})`;
  });

  const url = `http://127.0.0.1:${port}/graphql`;
  const server: ServerProcess = {
    name,
    pid: child.pid ?? -1,
    url,
    tail: () => lines.slice(-10).join("\n"),
    exitInfo: () => exited,
    stop: () => stopChild(child),
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited) throw new Error(`${name} ${exited} before it was ready:\n${server.tail()}`);
    if (await answers(url)) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(
        `${name} did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s:\n${server.tail()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    return response.status === 200;
  } catch {
    return false;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Resident memory of a process in MiB from /proc/<pid>/status (Linux). */
export function readMemory(pid: number): { rssMiB: number; peakMiB: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rssMiB: kib("VmRSS") / 1024, peakMiB: kib("VmHWM") / 1024 };
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat (Linux). */
export function readCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at ") "; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * (1000 / CLOCK_TICKS) : undefined;
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on every Linux platform Node runs on. */
const CLOCK_TICKS = 100;

/**
 * What a server process used during a stretch of work: its peak resident memory (resets the kernel's
 * high-water mark with clear_refs 5 at the start, polls VmRSS meanwhile, takes the larger of both at
 * the end) and the CPU time it spent.
 */
export class ProcessProbe {
  private timer: NodeJS.Timeout | undefined;
  private peak = 0;
  private cpuAtStart: number | undefined;

  constructor(private readonly pid: number) {}

  start(): void {
    this.cpuAtStart = readCpuMs(this.pid);
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, "5");
    } catch {
      // Not permitted or not Linux: the polled maximum still holds.
    }
    this.peak = readMemory(this.pid)?.rssMiB ?? 0;
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, readMemory(this.pid)?.rssMiB ?? 0);
    }, 100);
  }

  /** Peak RSS in MiB and CPU ms since start(). */
  stop(): { peakMiB: number; cpuMs: number | undefined } {
    if (this.timer) clearInterval(this.timer);
    const last = readMemory(this.pid);
    const cpu = readCpuMs(this.pid);
    return {
      peakMiB: Math.max(this.peak, last?.peakMiB ?? 0, last?.rssMiB ?? 0),
      cpuMs: cpu !== undefined && this.cpuAtStart !== undefined ? cpu - this.cpuAtStart : undefined,
    };
  }
}
