// The only place in the UI that calls Tauri's `invoke`. Every command is typed here;
// pages and components call these functions and never `invoke` directly.
import { invoke } from '@tauri-apps/api/core';

/** One row of the home screen's workspaces list (Rust: `WorkspaceEntry`). */
export interface WorkspaceEntry {
  name: string;
  description: string;
  path: string;
  sample: boolean;
}

/** An error from a command, as the shell sends it: `{code, message}`. */
export class ApiError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

function isCommandError(value: unknown): value is { code: string; message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** Turns whatever a failed `invoke` rejected with into an `ApiError`. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isCommandError(err)) return new ApiError(err.code, err.message);
  if (err instanceof Error) return new ApiError('internal', err.message);
  return new ApiError('internal', String(err));
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw toApiError(err);
  }
}

/** The version of the Lead Audit core library, as the core reports it. */
export function coreVersion(): Promise<string> {
  return call<string>('core_version');
}

/** The workspaces the home screen lists. */
export function listWorkspaces(): Promise<WorkspaceEntry[]> {
  return call<WorkspaceEntry[]>('list_workspaces');
}
