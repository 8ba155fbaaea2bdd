import { describe, expect, it } from 'vitest';
import { customerFromCrm, isoFromCrmDate, segmentFromCode } from './mapping.ts';
import { planCrmPages } from './paging.ts';

describe('CRM mapping', () => {
  it('reads DD/MM/YYYY as an ISO date, and nothing else', () => {
    expect(isoFromCrmDate('07/03/1984')).toBe('1984-03-07');
    expect(isoFromCrmDate('29/02/2024')).toBe('2024-02-29');
    for (const bad of ['', null, undefined, '31/02/2020', '1984-03-07', '7/3/1984', '00/01/2000']) expect(isoFromCrmDate(bad)).toBeNull();
  });

  it('maps SEG_CODE to the segment enum, unknown codes to null', () => {
    expect(['PAR', 'PRO', 'ENT', 'par', 'XYZ', ''].map(segmentFromCode)).toEqual(['CONSUMER', 'PROFESSIONAL', 'ENTERPRISE', 'CONSUMER', null, null]);
  });

  it('turns a PAR row into an individual and blank columns into nulls', () => {
    const customer = customerFromCrm({
      CLI_ID: 100_001, CLI_NOM: 'Dupont', CLI_PRENOM: 'Léa', CLI_RAISON_SOC: '', CLI_MAIL: 'lea@example.org',
      CLI_TEL: '', CLI_DNAIS: '01/12/1990', CLI_DCRE: '15/06/2020', SEG_CODE: 'PAR', CLI_VILLE: ' ',
    });
    expect(customer).toEqual({
      id: '100001', displayName: 'Léa Dupont', segment: 'CONSUMER', customerSince: '2020-06-15', city: null,
      engagedParty: { kind: 'Individual', givenName: 'Léa', familyName: 'Dupont', birthDate: '1990-12-01' },
      contactMedia: [{ mediumType: 'EMAIL', value: 'lea@example.org' }],
    });
  });

  it('turns a PRO row into an organization named by its trading name', () => {
    const customer = customerFromCrm({
      CLI_ID: 7, CLI_NOM: 'GARAGE MARTIN SARL', CLI_PRENOM: '', CLI_RAISON_SOC: 'Garage Martin', CLI_MAIL: null,
      CLI_TEL: '+33 6 00 00 00 00', CLI_DNAIS: '', CLI_DCRE: '02/01/2010', SEG_CODE: 'PRO', CLI_VILLE: 'Lyon',
    });
    expect(customer.engagedParty).toEqual({ kind: 'Organization', name: 'GARAGE MARTIN SARL', tradingName: 'Garage Martin' });
    expect(customer.displayName).toBe('Garage Martin');
    expect(customer.contactMedia).toEqual([{ mediumType: 'PHONE', value: '+33 6 00 00 00 00' }]);
  });
});

describe('CRM page planning', () => {
  /** Every plan must cover exactly the window [offset, offset + first) with valid CRM pages. */
  const covered = (offset: number, first: number): number[] => {
    const plan = planCrmPages(offset, first, 100);
    expect(plan.size).toBeGreaterThanOrEqual(1);
    expect(plan.size).toBeLessThanOrEqual(100);
    const start = ((plan.pages[0] ?? 1) - 1) * plan.size + plan.skip;
    const end = (plan.pages.at(-1) ?? 1) * plan.size;
    expect(end - start).toBeGreaterThanOrEqual(first);
    return [start, plan.pages.length];
  };

  it('reads one page when the window fits one, even off a multiple of first', () => {
    expect(planCrmPages(20, 10, 100)).toEqual({ size: 10, pages: [3], skip: 0 });
    expect(planCrmPages(15, 10, 100)).toEqual({ size: 13, pages: [2], skip: 2 });
    expect(covered(15, 10)).toEqual([15, 1]);
  });

  it('reads two pages only when no page size can hold the window', () => {
    expect(planCrmPages(99, 100, 100)).toEqual({ size: 100, pages: [1, 2], skip: 99 });
  });

  it('covers every window of a range of offsets and sizes', () => {
    for (let offset = 0; offset < 260; offset += 7) for (const first of [1, 3, 10, 33, 50, 99, 100]) expect(covered(offset, first)[0]).toBe(offset);
    expect(planCrmPages(40, 0, 100)).toEqual({ size: 1, pages: [1], skip: 0 });
  });
});
