/** `--name value`, `--name=value` and bare `--flag`, checked against the names a command knows. */
export function parseArgs(argv: readonly string[], known: readonly string[], flags: readonly string[] = []): Map<string, string> {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || (!known.includes(m[1]) && !flags.includes(m[1]))) throw new Error(`unknown argument "${argv[i]}"`);
    if (flags.includes(m[1])) values.set(m[1], m[2] ?? 'true');
    else if (m[2] !== undefined) values.set(m[1], m[2]);
    else if (i + 1 < argv.length) values.set(m[1], argv[++i]);
    else throw new Error(`--${m[1]} needs a value`);
  }
  return values;
}

/** A whole number from `min` on, or the default. */
export function intArg(values: Map<string, string>, name: string, fallback: number, min = 1): number {
  const raw = values.get(name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return Number(raw);
}
