// Filling a text's {placeholders} (no DOM, so tests and models use it too), with the Korean particle
// written after a placeholder chosen for the value (josa.ts).
import { PARAM_WITH_PARTICLE, pickParticle, type WrittenParticle } from './josa';

export type Params = Record<string, string | number>;

export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(PARAM_WITH_PARTICLE, (whole, name: string, written: WrittenParticle | undefined) => {
    if (!(name in params)) return whole;
    const value = String(params[name]);
    return written ? `${value}${pickParticle(value, written)}` : value;
  });
}
