import { readFile } from 'node:fs/promises';
import {
  autoPlan,
  parsePlanJson,
  PELVIS_MODES,
  planCase,
  TARGET_SET_NAMES,
  type PelvisMode,
  type SurgicalPlan,
  type TargetSetName,
} from '@spinerecon/core';
import { parseCaseInput } from '../caseInput.js';
import { EXIT_OK, UsageError, type CliIo } from '../io.js';

export const PLAN_HELP = `Usage: spinerecon plan <case.json | -> <plan.json> [--pelvis fixed|compensating]
       spinerecon plan <case.json | -> --auto [--targets srs-schwab|gap-proportional|age-adjusted]
                                              [--pelvis fixed|compensating]

Simulates a surgical plan (spinerecon.plan/1: fusion, osteotomies, cages, vertebral
body replacements, screws, rods, graft, risk factors) on the standing lateral film
of the case and prints a spinerecon.planResult/1 object: the predicted case
(spinerecon.case/1), its measurements (spinerecon.measurements/1), the alignment
targets before and after, implant sizing (screw checks, rod length, bends and a
1:1 template) and the published complication risks with their sources.

With --auto, searches plans (interbody cages, posterior column osteotomies,
pedicle subtraction osteotomies) for a target set and prints the few best,
least invasive first (spinerecon.autoPlan/1).

Options:
  -                  read the case from standard input
  --pelvis fixed     pelvis held fixed: exact rigid geometry (default)
  --pelvis compensating
                     plus the published pelvic tilt response to L4–S1 corrections
                     (prediction error not published; says so when it does not apply)
  --auto             propose plans instead of reading one
  --targets NAME     target set for --auto (default srs-schwab)
  --help             this text

Exit codes: 0 success; 2 bad input (the message names the file and the JSON path)
or a plan that cannot be simulated on this case (the message says why).
Decision support only: the surgeon decides.
`;

interface PlanArgs {
  readonly casePath: string;
  readonly planPath: string | undefined;
  readonly auto: boolean;
  readonly pelvis: PelvisMode;
  readonly targets: TargetSetName;
}

function oneOf<T extends string>(option: string, value: string | undefined, options: readonly T[]): T {
  if (value === undefined) throw new UsageError(`${option} needs a value (${options.join(' or ')})`);
  if (!(options as readonly string[]).includes(value)) {
    throw new UsageError(`${option} must be ${options.join(' or ')} (got '${value}')`);
  }
  return value as T;
}

function readArgs(args: readonly string[]): PlanArgs {
  const files: string[] = [];
  let auto = false;
  let pelvis: PelvisMode = 'fixed';
  let targets: TargetSetName | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--auto') auto = true;
    else if (arg === '--pelvis') pelvis = oneOf(arg, args[++i], PELVIS_MODES);
    else if (arg === '--targets') targets = oneOf(arg, args[++i], TARGET_SET_NAMES);
    else if (arg.startsWith('--')) throw new UsageError(`unknown option '${arg}' (see --help)`);
    else files.push(arg);
  }
  const [casePath, planPath, extra] = files;
  if (casePath === undefined) throw new UsageError('give a case file, or - for standard input (see --help)');
  if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
  if (auto && planPath !== undefined) throw new UsageError('--auto proposes plans: give no plan file');
  if (!auto && planPath === undefined) throw new UsageError('give a plan file, or --auto to propose plans');
  if (!auto && targets !== undefined) throw new UsageError('--targets is for --auto');
  return { casePath, planPath, auto, pelvis, targets: targets ?? 'srs-schwab' };
}

async function readPlan(path: string): Promise<SurgicalPlan> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read '${path}' (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const parsed = parsePlanJson(text);
  if (parsed.ok) return parsed.value;
  const [first] = parsed.errors;
  const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : '';
  throw new UsageError(`${path}: ${first ? `${first.path}: ${first.message}` : 'invalid plan'}${more}`);
}

export async function runPlan(args: readonly string[], io: CliIo): Promise<number> {
  const options = readArgs(args);
  const spineCase = await parseCaseInput(options.casePath, io);
  if (options.auto) {
    const proposals = autoPlan(spineCase, { targets: options.targets, pelvis: options.pelvis });
    io.stdout.write(`${JSON.stringify(proposals, null, 2)}\n`);
    return EXIT_OK;
  }
  const plan = await readPlan(options.planPath as string);
  const result = planCase(spineCase, plan, options.pelvis);
  if (!result.ok) throw new UsageError(`cannot simulate the plan on this case: ${result.reason}`);
  io.stdout.write(`${JSON.stringify(result.value, null, 2)}\n`);
  return EXIT_OK;
}
