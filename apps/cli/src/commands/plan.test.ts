import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCaseJson } from '@spinerecon/core';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../io.js';
import { captureIo } from '../test-support/captureIo.js';
import { PLAN_HELP, runPlan } from './plan.js';

const CASE_PATH = fileURLToPath(
  new URL('../../../../test/fixtures/cases/synthetic-adult-deformity.case.json', import.meta.url),
);
const DIR = mkdtempSync(join(tmpdir(), 'spinerecon-plan-'));

function planFile(name: string, plan: object): string {
  const path = join(DIR, name);
  writeFileSync(path, JSON.stringify({ format: 'spinerecon.plan/1', ...plan }));
  return path;
}

const PSO_PLAN = planFile('pso.json', {
  fusion: { upperInstrumentedVertebra: 'T10', lowerInstrumentedVertebra: 'S1', pelvicFixation: 'S2AI' },
  osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }],
  rods: [{ side: 'left', material: 'cobalt-chromium', diameterMm: 6, overhangMm: 5 }],
  riskFactors: { bmiKgM2: 28, osteoporosis: false },
});

async function run(args: string[]) {
  const captured = captureIo();
  const code = await runPlan(args, captured.io);
  return { code, output: JSON.parse(captured.stdout()) };
}

async function failure(args: string[]): Promise<string> {
  try {
    await runPlan(args, captureIo().io);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('spinerecon plan', () => {
  it('prints the predicted case, its measurements, targets, implants and risks', async () => {
    const { code, output } = await run([CASE_PATH, PSO_PLAN]);
    expect(code).toBe(0);
    expect(output.format).toBe('spinerecon.planResult/1');
    expect(parseCaseJson(JSON.stringify(output.predictedCase)).ok).toBe(true);
    expect(output.predicted.format).toBe('spinerecon.measurements/1');
    const before = output.preoperative.radiographs[0].values;
    const after = output.predicted.radiographs[0].values;
    expect(after.lumbarLordosisDeg - before.lumbarLordosisDeg).toBeCloseTo(30, 5);
    expect(after.pelvicIncidenceDeg).toBeCloseTo(before.pelvicIncidenceDeg, 5);
    expect(after.sagittalVerticalAxisMm).toBeLessThan(before.sagittalVerticalAxisMm);
    expect(Object.keys(output.targets.predicted)).toEqual(['srsSchwab', 'gapProportional', 'ageAdjusted']);
    expect(output.implants.rods[0].lengthMm).toBeGreaterThan(100);
    expect(output.risks.map((r: { complication: string }) => r.complication)).toContain('rod-fracture');
    expect(output.notes.join(' ')).toMatch(/coronal films are not part of the predicted case/);
    expect(output.statement).toMatch(/decision support/);
  });

  it('adds the published pelvic response with --pelvis compensating, and says when it does not apply', async () => {
    const { output } = await run([CASE_PATH, PSO_PLAN, '--pelvis', 'compensating']);
    expect(output.pelvis).toBe('compensating');
    expect(output.compensation).toMatchObject({ applied: false, citation: 'regional-correction-2022' });
    expect(output.compensation.reason).toMatch(/L4–S1/);
    const distal = planFile('distal.json', { osteotomies: [{ level: 'L4', grade: 3, angleDeg: 30 }] });
    const applied = (await run([CASE_PATH, distal, '--pelvis', 'compensating'])).output;
    expect(applied.compensation.applied).toBe(true);
    expect(applied.compensation.pelvicTiltChangeDeg).toBeCloseTo(-9, 5);
  });

  it('proposes plans with --auto, least invasive first, each with the targets it meets', async () => {
    const { code, output } = await run([CASE_PATH, '--auto', '--targets', 'srs-schwab']);
    expect(code).toBe(0);
    expect(output.format).toBe('spinerecon.autoPlan/1');
    expect(output.proposals.length).toBeGreaterThan(0);
    for (const proposal of output.proposals) {
      expect(proposal.plan.format).toBe('spinerecon.plan/1');
      expect(proposal.meets.length).toBeGreaterThan(0);
    }
  });

  it('names the file and the JSON path of a bad plan', async () => {
    const bad = planFile('bad.json', { osteotomies: [{ level: 'L3', grade: 9 }] });
    expect(await failure([CASE_PATH, bad])).toBe(
      `${bad}: $.osteotomies[0].grade: expected a Schwab grade 1–6`,
    );
  });

  it('says why a plan cannot be simulated on the case', async () => {
    const noAngle = planFile('grade1.json', { osteotomies: [{ level: 'L3', grade: 1 }] });
    expect(await failure([CASE_PATH, noAngle])).toMatch(
      /cannot simulate the plan on this case: .*give angleDeg/,
    );
  });

  it.each([
    [[CASE_PATH], 'give a plan file, or --auto'],
    [[CASE_PATH, PSO_PLAN, '--targets', 'gap-proportional'], '--targets is for --auto'],
    [[CASE_PATH, PSO_PLAN, '--pelvis', 'floating'], '--pelvis must be fixed or compensating'],
    [[CASE_PATH, PSO_PLAN, '--auto'], '--auto proposes plans: give no plan file'],
    [[CASE_PATH, join(DIR, 'missing.json')], 'cannot read'],
  ])('refuses %j with a usage error', async (args, message) => {
    expect(await failure(args)).toContain(message);
  });

  it('explains itself in PLAN_HELP', () => {
    expect(PLAN_HELP).toContain('Usage: spinerecon plan');
    expect(PLAN_HELP).toContain('--pelvis');
  });
});
