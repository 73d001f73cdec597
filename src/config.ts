import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** User configuration: `corridor.config.json` in the working directory, overridden by the environment. */
export interface CorridorConfig {
  /** Default theatre for place resolution: ISO alpha-2 countries or admin1 codes (`SY.04`). */
  focus: string[];
}

export const CONFIG_FILE = 'corridor.config.json';

/** Parses "IQ, SY,SY.04" into codes, rejecting anything that is not a country or admin1 code. */
export function parseFocusCodes(value: string): string[] {
  const codes = value.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean);
  const bad = codes.find((c) => !/^[A-Z]{2}(\.[A-Z0-9]{1,5})?$/.test(c));
  if (bad) throw new Error(`"${bad}" is not a country code (IQ) or admin1 code (SY.04)`);
  return codes;
}

export function loadConfig(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): CorridorConfig {
  const file = resolve(cwd, CONFIG_FILE);
  let focus: string[] = [];
  if (existsSync(file)) {
    let data: { focus?: unknown };
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as { focus?: unknown };
    } catch (error) {
      throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
    }
    if (data.focus !== undefined) {
      if (!Array.isArray(data.focus)) throw new Error(`${file}: "focus" must be a list of codes`);
      focus = parseFocusCodes(data.focus.join(','));
    }
  }
  if (env['CORRIDOR_FOCUS']) focus = parseFocusCodes(env['CORRIDOR_FOCUS']);
  return { focus };
}
