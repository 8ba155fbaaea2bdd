import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../config.ts';
import { compileRange, parseVersion, versionAllowed } from './client-versions.ts';

describe('client version ranges', () => {
  it('parses MAJOR[.MINOR[.PATCH]] with prerelease and build, and nothing else', () => {
    expect(parseVersion('2')).toEqual({ core: [2, 0, 0], prerelease: false });
    expect(parseVersion('2.1.3-rc.1+55')).toEqual({ core: [2, 1, 3], prerelease: true });
    for (const bad of ['', 'v2', '2.1.3.4', 'latest', '2..1', '-1']) expect(parseVersion(bad)).toBeNull();
  });

  it('matches prefixes, exact versions, comparisons and conjunctions', () => {
    const cases: [string, string[], string[]][] = [
      ['*', ['0.0.1', '9.9.9'], []],
      ['2.x', ['2.0.0', '2.9.14'], ['1.9.9', '3.0.0', '2.1.0-beta']],
      ['2', ['2.0.0', '2.5.1'], ['3.0.0']],
      ['2.1.x', ['2.1.0', '2.1.7'], ['2.2.0', '2.0.9']],
      ['2.1', ['2.1.9'], ['2.2.0']],
      ['2.1.0', ['2.1.0', '2.1.0+build'], ['2.1.1', '2.1.0-rc.1']],
      ['>=2.1.0', ['2.1.0', '10.0.0'], ['2.0.99', '2.1.0-rc.1']],
      ['>2', ['2.0.1'], ['2.0.0']],
      ['<3.0', ['2.99.99', '3.0.0-beta'], ['3.0.0']],
      ['<=2.4.1', ['2.4.1'], ['2.4.2']],
      ['>=1.4.0 <2', ['1.4.0', '1.99.0'], ['1.3.9', '2.0.0']],
    ];
    for (const [range, inside, outside] of cases) {
      for (const v of inside) expect(versionAllowed(v, [range]), `${v} in ${range}`).toBe(true);
      for (const v of outside) expect(versionAllowed(v, [range]), `${v} not in ${range}`).toBe(false);
    }
  });

  it('accepts a version matched by any entry of the list, never an unparseable one', () => {
    expect(versionAllowed('1.2.0', ['1.x', '>=2.1.0'])).toBe(true);
    expect(versionAllowed('2.0.0', ['1.x', '>=2.1.0'])).toBe(false);
    expect(versionAllowed('', ['*'])).toBe(false);
  });

  it('refuses invalid ranges so that the configuration can reject them', () => {
    for (const bad of ['', '=>2', '>= 2', '2.x.1', '~1.2', '^1.2.0', 'latest', '>=2 <']) expect(compileRange(bad), bad).toBeNull();
  });
});

describe('client versions in the configuration', () => {
  it('are optional, and refused at startup when not a valid range', () => {
    const config = loadGatewayConfig({ supergraphFile: 'x', clients: { app: { channel: 'mobile', versions: ['1.x', '>=2.1.0'] }, desk: { channel: 'agent' } } });
    expect(config.clients['app']?.versions).toEqual(['1.x', '>=2.1.0']);
    expect(config.clients['desk']?.versions).toBeUndefined();
    expect(() => loadGatewayConfig({ supergraphFile: 'x', clients: { app: { channel: 'mobile', versions: ['^2.1'] } } })).toThrow(/clients\.app\.versions\.0/);
    expect(() => loadGatewayConfig({ supergraphFile: 'x', clients: { app: { channel: 'mobile', versions: [] } } })).toThrow(/clients\.app\.versions/);
  });
});
