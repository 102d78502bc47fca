// `npm test`: the vitest projects (workerd and Node) and then the browser suites, the browser
// suites even when vitest failed, so one run reports every suite; exit 1 when any failed.
import { runSteps } from './steps';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

process.exitCode = await runSteps('npm test', [
  { name: 'vitest (workerd and Node suites)', command: npx, args: ['vitest', 'run'] },
  { name: 'browser suites', command: npx, args: ['tsx', 'test/browser/run.ts'] },
]);
