import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { Random } from './random.js';
import { badValues, EnumLiteral, MISSING, type BadValue } from './values.js';

export type Credential = 'apiKey' | 'clientToken' | 'none';

/** One generated operation, with everything needed to send it again by hand. */
export interface FuzzOperation {
  /** Where and what: `Mutation.createRoom input.maxParticipants = 2^31 (variable)`. */
  label: string;
  kind: 'query' | 'mutation' | 'subscription';
  /** The root field it calls, to read its result. */
  field: string;
  query: string;
  variables?: Record<string, unknown>;
  credential: Credential;
}

/** Real rows and credentials: the arguments that are not being fuzzed take these, so the bad one is what is judged. */
export interface Fixtures {
  roomId: string;
  sessionId: string;
  participantId: string;
  recordingId: string;
  compositionId: string;
  apiKeyId: string;
  transportId: string;
  accessToken: string;
  refreshToken: string;
}

class VariableRef {
  constructor(readonly name: string) {}
}

type Path = (string | number)[];

/** An inline GraphQL value. JSON's string escapes are GraphQL's, so strings print as JSON. */
export function literal(value: unknown): string {
  if (value instanceof EnumLiteral) return value.name;
  if (value instanceof VariableRef) return `$${value.name}`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== MISSING);
    return `{${entries.map(([k, v]) => `${k}: ${literal(v)}`).join(', ')}}`;
  }
  return value === null ? 'null' : typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** The same value as JSON variables carry it. */
function variableValue(value: unknown): unknown {
  if (value instanceof EnumLiteral) return value.name;
  if (Array.isArray(value)) return value.map(variableValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== MISSING)
        .map(([k, v]) => [k, variableValue(v)]),
    );
  }
  return value;
}

const ID_BY_FIELD: Record<string, keyof Fixtures> = {
  room: 'roomId',
  updateRoom: 'roomId',
  deleteRoom: 'roomId',
  roomSession: 'sessionId',
  participant: 'participantId',
  recording: 'recordingId',
  deleteRecording: 'recordingId',
  composition: 'compositionId',
  deleteComposition: 'compositionId',
  revokeApiKey: 'apiKeyId',
};

const ID_BY_NAME: Record<string, keyof Fixtures> = {
  roomId: 'roomId',
  sessionId: 'sessionId',
  participantId: 'participantId',
  transportId: 'transportId',
  ids: 'participantId',
  exclude: 'participantId',
  recipients: 'participantId',
};

const STRING_BY_NAME: Record<string, string | keyof Fixtures> = {
  refreshToken: 'refreshToken',
  token: 'accessToken',
  streamKey: 'self',
  payload: 'hello',
  name: 'fuzz',
  reconnectKey: 'key',
};

/** A valid value for an argument or input field that is not the one being fuzzed. */
function baseValue(fx: Fixtures, field: string, name: string, type: GraphQLInputType): unknown {
  const t = getNullableType(type);
  if (isListType(t)) return [baseValue(fx, field, name, t.ofType)];
  if (isInputObjectType(t)) {
    const required = Object.values(t.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return Object.fromEntries(required.map((f) => [f.name, baseValue(fx, field, f.name, f.type)]));
  }
  const named = getNamedType(t);
  switch (named.name) {
    case 'ID': {
      const key = name === 'id' ? ID_BY_FIELD[field] : ID_BY_NAME[name];
      return key ? fx[key] : '01900000-0000-7000-8000-000000000000';
    }
    case 'String': {
      const s = STRING_BY_NAME[name] ?? 'fuzz';
      return s in fx ? fx[s as keyof Fixtures] : s;
    }
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'JSON':
      return {};
    case 'Date':
      return '2026-01-01';
    default:
      return isEnumType(named) ? new EnumLiteral(named.getValues()[0]!.name) : 'fuzz';
  }
}

interface Site {
  path: Path;
  type: GraphQLInputType;
  name: string;
}

/** Every argument and input field of a field, down into input objects and lists. */
function sitesOf(args: readonly GraphQLArgument[]): Site[] {
  const out: Site[] = [];
  const walk = (path: Path, name: string, type: GraphQLInputType, depth: number) => {
    out.push({ path, type, name });
    if (depth >= 4) return;
    const t = getNullableType(type);
    if (isListType(t)) walk([...path, 0], name, t.ofType, depth + 1);
    else if (isInputObjectType(t)) for (const f of Object.values(t.getFields())) walk([...path, f.name], f.name, f.type, depth + 1);
  };
  for (const a of args) walk([a.name], a.name, a.type, 0);
  return out;
}

/** Sets `value` at `path` in a copy of the arguments, filling in the parents with base values. */
function place(fx: Fixtures, field: string, args: Record<string, unknown>, site: Site, value: unknown, fieldArgs: readonly GraphQLArgument[]) {
  const root = structuredCloneKeepingLiterals(args);
  let node: any = root;
  let type: GraphQLInputType = fieldArgs.find((a) => a.name === site.path[0])!.type;
  for (let i = 0; i < site.path.length - 1; i++) {
    const key = site.path[i]!;
    if (node[key] == null || typeof node[key] !== 'object') node[key] = baseValue(fx, field, String(key), type);
    node = node[key];
    const t = getNullableType(type);
    const next = site.path[i + 1]!;
    type = isListType(t) ? t.ofType : isInputObjectType(t) ? t.getFields()[next as string]!.type : type;
  }
  node[site.path.at(-1)!] = value;
  return root;
}

function structuredCloneKeepingLiterals<T>(value: T): T {
  if (Array.isArray(value)) return value.map(structuredCloneKeepingLiterals) as T;
  if (value !== null && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredCloneKeepingLiterals(v)])) as T;
  }
  return value;
}

/** What to ask for: the type's plain fields, and what a refusal says. */
export function selection(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  const parts = ['__typename'];
  if (isObjectType(named) || isInterfaceType(named)) {
    for (const f of Object.values(named.getFields())) {
      if (isLeafType(getNamedType(f.type)) && !f.args.some((a) => isNonNullType(a.type))) parts.push(f.name);
    }
  }
  if (isUnionType(named) && named.getTypes().some((t) => t.getInterfaces().some((i) => i.name === 'UserError'))) {
    parts.push('... on UserError { code field message }');
  }
  return `{ ${parts.join(' ')} }`;
}

interface Target {
  kind: FuzzOperation['kind'];
  /** `Query.room`, `Room.sessions`... */
  coordinate: string;
  field: GraphQLField<unknown, unknown>;
  /** Opens and closes the selections that lead to a nested field from the root. */
  around: [string, string];
  rootField: string;
}

/** The root fields, and every field with arguments that a query reaches (a room's sessions...). */
function targets(schema: GraphQLSchema, fx: Fixtures): Target[] {
  const out: Target[] = [];
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  for (const [kind, root] of roots) {
    for (const field of Object.values(root!.getFields())) out.push({ kind, coordinate: `${root!.name}.${field.name}`, field, around: ['', ''], rootField: field.name });
  }
  // Breadth first from the query root, so each type is reached by its shortest path.
  const reached = new Map<string, { around: [string, string]; rootField: string }>();
  const queue: { type: GraphQLObjectType; around: [string, string]; rootField: string }[] = [];
  const enqueue = (type: GraphQLOutputType, around: [string, string], rootField: string) => {
    const named = getNamedType(type);
    if (!isObjectType(named) || reached.has(named.name)) return;
    reached.set(named.name, { around, rootField });
    queue.push({ type: named, around, rootField });
  };
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const call = `${field.name}${argsLiteral(fx, field.name, field.args)}`;
    enqueue(field.type, [`${call} { `, ' }'], field.name);
  }
  while (queue.length) {
    const { type, around, rootField } = queue.shift()!;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length && !isLeafType(getNamedType(field.type))) {
        out.push({ kind: 'query', coordinate: `${type.name}.${field.name}`, field, around, rootField });
      }
      if (!field.args.some((a) => isNonNullType(a.type))) enqueue(field.type, [`${around[0]}${field.name} { `, ` }${around[1]}`], rootField);
    }
  }
  return out;
}

function argsLiteral(fx: Fixtures, field: string, args: readonly GraphQLArgument[]): string {
  const required = args.filter((a) => isNonNullType(a.type));
  if (!required.length) return '';
  return `(${required.map((a) => `${a.name}: ${literal(baseValue(fx, field, a.name, a.type))}`).join(', ')})`;
}

type Encoding = 'literal' | 'argument variable' | 'field variable';

function operation(target: Target, fx: Fixtures, site: Site, bad: BadValue, encoding: Encoding, credential: Credential): FuzzOperation {
  const { field } = target;
  const base = Object.fromEntries(field.args.filter((a) => isNonNullType(a.type)).map((a) => [a.name, baseValue(fx, field.name, a.name, a.type)]));
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  let value: unknown = bad.value;
  if (encoding === 'field variable') {
    definitions.push(`$v: ${String(site.type)}`);
    if (bad.value !== MISSING) variables.v = variableValue(bad.value);
    value = new VariableRef('v');
  }
  const args = place(fx, field.name, base, site, value, field.args);
  const printed = Object.entries(args).map(([name, v]) => {
    if (encoding === 'argument variable' && name === site.path[0]) {
      definitions.push(`$a: ${String(field.args.find((a) => a.name === name)!.type)}`);
      if (v !== MISSING) variables.a = variableValue(v);
      return `${name}: $a`;
    }
    return v === MISSING ? '' : `${name}: ${literal(v)}`;
  });
  const argText = printed.filter(Boolean).join(', ');
  const call = `${field.name}${argText ? `(${argText})` : ''} ${selection(field.type)}`;
  const defs = definitions.length ? `(${definitions.join(', ')})` : '';
  return {
    label: `${target.coordinate} ${site.path.join('.')} = ${bad.label} (${encoding}, ${credential})`,
    kind: target.kind,
    field: target.rootField,
    query: `${target.kind} Fuzz${defs} { ${target.around[0]}${call}${target.around[1]} }`,
    variables: definitions.length ? variables : undefined,
    credential,
  };
}

const CREDENTIALS: Credential[] = ['apiKey', 'clientToken', 'none'];

/** The credentials a root field takes, from the auth scopes Pothos records on it (none: anyone). */
function accepted(schema: GraphQLSchema, target: Target): Credential[] {
  const roots = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() };
  const root = roots[target.kind]!.getFields()[target.rootField]!;
  const scopes = (root.extensions as { pothosOptions?: { authScopes?: Record<string, boolean> } }).pothosOptions?.authScopes;
  return scopes ? CREDENTIALS.filter((c) => scopes[c]) : CREDENTIALS;
}

/**
 * Every argument and input field of every root field (and of every field with arguments that a
 * query reaches), with every bad value its type calls for, each sent once: the encoding (inline
 * or variable) and credential are drawn from `random`.
 */
export function generateOperations(schema: GraphQLSchema, fx: Fixtures, random: Random): FuzzOperation[] {
  const out: FuzzOperation[] = [];
  for (const target of targets(schema, fx)) {
    // Mostly a credential the field takes, so that the bad value reaches its resolver; the rest
    // exercise the refusals of the wrong credential and of none.
    const right = accepted(schema, target);
    const credential = () => random.pick(random.chance(0.75) ? right : CREDENTIALS);
    // A nested field (a room's sessions) takes the same arguments as its root list: a third of the values will do.
    const nested = target.around[0] !== '';
    for (const site of sitesOf(target.field.args)) {
      const t = getNullableType(site.type);
      const element = () => (isListType(t) ? baseValue(fx, target.field.name, site.name, t.ofType) : null);
      for (const bad of badValues(site.type, site.name, element)) {
        if (nested && !random.chance(1 / 3)) continue;
        const encodings: Encoding[] = site.path.length > 1 ? ['literal', 'argument variable', 'field variable'] : ['literal', 'argument variable'];
        out.push(operation(target, fx, site, bad, random.pick(encodings), credential()));
      }
    }
    // An argument the field does not have.
    const call = `${target.field.name}(nope: 1) ${selection(target.field.type)}`;
    out.push({
      label: `${target.coordinate} unknown argument`,
      kind: target.kind,
      field: target.rootField,
      query: `${target.kind} { ${target.around[0]}${call}${target.around[1]} }`,
      credential: credential(),
    });
  }
  return out;
}
