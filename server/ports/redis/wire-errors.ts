import { serialize } from 'node:v8';
import { ERROR_CLASSES_BY_NAME } from '../../shared/errors.js';
import { NodeUnreachableError, RemoteCallError, UnknownRpcMethodError } from '../node-rpc.js';

/** An error as it crosses between nodes: what a caller needs to rethrow it. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  /** The error's own fields (`field`, `problems`, `roomId`, `reason`, …), each structured-cloneable. */
  fields: Record<string, unknown>;
}

const CLASSES: Readonly<Record<string, abstract new (...args: never[]) => Error>> = { ...ERROR_CLASSES_BY_NAME, UnknownRpcMethodError, NodeUnreachableError };

/** The error a handler threw, as plain data. Fields that cannot be serialized are left out. */
export function errorToWire(err: unknown): WireError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err)) {
    if (k === 'name' || k === 'message' || k === 'stack' || k === 'cause') continue;
    try {
      serialize(v);
      fields[k] = v;
    } catch {
      // a function, a socket: not the caller's business
    }
  }
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  return { name: err.name, message: err.message, ...(code !== undefined && { code }), fields };
}

/**
 * The error to throw on the caller's node: an instance of the same class when the class is one of
 * ours (server/shared/errors.ts, and the RPC's own), with the same fields; a {@link RemoteCallError}
 * otherwise. Its stack is the caller's.
 */
export function errorFromWire(wire: WireError): Error {
  const cls = Object.hasOwn(CLASSES, wire.name) ? CLASSES[wire.name] : undefined;
  if (!cls) {
    const { code: _code, ...extensions } = wire.fields;
    return new RemoteCallError(wire.name, wire.message, wire.code, extensions);
  }
  const err = Object.create(cls.prototype) as Error;
  Object.defineProperty(err, 'message', { value: wire.message, writable: true, configurable: true, enumerable: false });
  Object.assign(err, wire.fields, { name: wire.name });
  Error.captureStackTrace(err, errorFromWire);
  return err;
}
