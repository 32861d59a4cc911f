import { describe, expect, it } from 'vitest';
import { mayWrite } from './permissions';

describe('what each role may change on the recovery pages (as the server decides)', () => {
  it('lets a therapist record the stay, the programme and sessions, and nothing else', () => {
    expect(mayWrite('therapist', 'rehab')).toBe(true);
    expect(mayWrite('therapist', 'operation')).toBe(false);
    expect(mayWrite('therapist', 'followup')).toBe(false);
    expect(mayWrite('therapist', 'imaging')).toBe(false);
  });

  it('lets the surgical team change everything and a researcher nothing', () => {
    for (const role of ['admin', 'surgeon', 'resident'])
      for (const what of ['operation', 'followup', 'rehab', 'imaging'] as const)
        expect(mayWrite(role, what)).toBe(true);
    for (const what of ['operation', 'followup', 'rehab', 'imaging'] as const)
      expect(mayWrite('researcher', what)).toBe(false);
  });
});
