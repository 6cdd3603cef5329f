import { Command } from 'commander';
import { registerEvalCommand } from '../evaluation/eval-command.ts';
import { registerKbCommand } from './kb-command.ts';
import { registerSimulateCommand } from './simulate-command.ts';
import { registerStartCommand } from './start-command.ts';

const program = new Command('baton').description('Baton: AI customer support that knows when to hand over to a person');
registerStartCommand(program);
registerKbCommand(program);
registerEvalCommand(program);
registerSimulateCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`baton: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
