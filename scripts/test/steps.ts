// Runs test steps one after another, every one even when an earlier one fails, and prints one
// summary: each step's result and time, then a closing line. The exit code is 1 when any failed.
import { spawn } from 'node:child_process';

export type Step = { name: string; command: string; args: string[]; env?: Record<string, string> };

function run(step: Step): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { stdio: 'inherit', env: { ...process.env, ...step.env } });
    child.on('error', (err) => {
      console.error(`${step.name}: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function runSteps(title: string, steps: Step[]): Promise<number> {
  const results: { name: string; code: number; ms: number }[] = [];
  for (const step of steps) {
    console.log(`\n== ${title}: ${step.name}`);
    const started = Date.now();
    const code = await run(step);
    results.push({ name: step.name, code, ms: Date.now() - started });
  }
  const failed = results.filter((r) => r.code !== 0);
  console.log(`\n== ${title}: summary`);
  for (const r of results) console.log(`${r.code === 0 ? '✓' : '✗'} ${r.name} (${Math.round(r.ms / 1000)} s)${r.code === 0 ? '' : ` — exit ${r.code}`}`);
  console.log(
    failed.length === 0
      ? `${title}: all ${results.length} passed`
      : `${title}: ${failed.length} of ${results.length} failed (${failed.map((r) => r.name).join(', ')})`,
  );
  return failed.length === 0 ? 0 : 1;
}
