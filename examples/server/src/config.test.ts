import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('has development defaults', () => {
    expect(loadConfig({})).toEqual({ NODE_ENV: 'development', PORT: 3001, HOST: '127.0.0.1' });
  });

  it('reads values from the environment', () => {
    expect(loadConfig({ PORT: '8080', HOST: '0.0.0.0' })).toMatchObject({
      PORT: 8080,
      HOST: '0.0.0.0',
    });
  });

  it('refuses bad values with a message naming each one', () => {
    expect(() => loadConfig({ PORT: 'eighty', NODE_ENV: 'staging' })).toThrow(
      /PORT[\s\S]*|NODE_ENV/,
    );
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});
