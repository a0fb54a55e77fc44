import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { ApiError, coreVersion, listWorkspaces, toApiError } from './api';

afterEach(() => clearMocks());

describe('api', () => {
  it('asks the core for its version', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return cmd === 'core_version' ? '1.2.3' : undefined;
    });
    await expect(coreVersion()).resolves.toBe('1.2.3');
    expect(calls).toEqual(['core_version']);
  });

  it('lists workspaces', async () => {
    const sample = { name: 'Acme (sample)', description: 'd', path: '/x', sample: true };
    mockIPC((cmd) => (cmd === 'list_workspaces' ? [sample] : undefined));
    await expect(listWorkspaces()).resolves.toEqual([sample]);
  });

  it('turns a command error into an ApiError with its code', async () => {
    mockIPC(() => {
      throw { code: 'sample_workspace_unreadable', message: 'cannot read /x/workspace.toml' };
    });
    const err = await listWorkspaces().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('sample_workspace_unreadable');
    expect((err as ApiError).message).toBe('cannot read /x/workspace.toml');
  });

  it('keeps unknown failures readable', () => {
    expect(toApiError('boom')).toMatchObject({ code: 'internal', message: 'boom' });
    expect(toApiError(new Error('bad'))).toMatchObject({ code: 'internal', message: 'bad' });
    const already = new ApiError('x', 'y');
    expect(toApiError(already)).toBe(already);
  });
});
