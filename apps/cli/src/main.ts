import { runAasce, AASCE_HELP } from './commands/aasce.js';
import { BACKUP_HELP, RESTORE_HELP, runBackup, runRestore } from './commands/backup.js';
import { runClassify, CLASSIFY_HELP } from './commands/classify.js';
import { runMeasure, MEASURE_HELP } from './commands/measure.js';
import { PLAN_HELP, runPlan } from './commands/plan.js';
import { EXIT_BAD_INPUT, EXIT_OK, UsageError, type CliIo } from './io.js';

interface Command {
  readonly summary: string;
  readonly help: string;
  readonly run: (args: readonly string[], io: CliIo) => Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  measure: { summary: 'measure every spine parameter of a case file', help: MEASURE_HELP, run: runMeasure },
  classify: {
    summary: 'classify the deformity, check alignment targets, summarise the indication',
    help: CLASSIFY_HELP,
    run: runClassify,
  },
  plan: { summary: 'simulate a surgical plan, or propose plans (--auto)', help: PLAN_HELP, run: runPlan },
  aasce: {
    summary: 'reproduce the AASCE 2019 challenge Cobb angles from its landmark files',
    help: AASCE_HELP,
    run: runAasce,
  },
  backup: {
    summary: "copy the server's database and images into a folder (online, while it runs)",
    help: BACKUP_HELP,
    run: (args, io) => runBackup(args, io),
  },
  restore: {
    summary: 'replace the server database with a backup (servers stopped)',
    help: RESTORE_HELP,
    run: (args, io) => runRestore(args, io),
  },
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: spinerecon <command> [options]',
    '',
    'SpineRecon measures spinal alignment from landmarks placed on radiographs.',
    'Decision support only: the surgeon decides.',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `spinerecon <command> --help` for the options of a command.',
    '',
  ].join('\n');
}

/** Runs the command line `args` (without the node and script names) and returns the exit code. */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainHelp());
    return name === undefined ? EXIT_BAD_INPUT : EXIT_OK;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr.write(
      `spinerecon: unknown command '${name}' (commands: ${Object.keys(COMMANDS).join(', ')})\n`,
    );
    return EXIT_BAD_INPUT;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`spinerecon ${name}: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}
