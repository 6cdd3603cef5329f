import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../config/config.ts';
import { PolicyFileError } from '../escalation/policy-file.ts';
import { WorkflowFileError } from '../routing/workflow-file.ts';
import { DEMO_AGENTS, DEMO_PASSWORD } from '../seed/demo-company.ts';
import { startService } from '../service.ts';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run the service: SQLite under --data, in-process bus and offline AI unless configured otherwise')
    .option('-p, --port <port>', 'HTTP port (env PORT; default 3000)')
    .option('-d, --data <dir>', 'data directory for the SQLite file (env BATON_DATA_DIR; default ./data)')
    .option('-c, --config <file>', 'YAML configuration file (env BATON_CONFIG)')
    .action(async (options: { port?: string; data?: string; config?: string }) => {
      let config;
      try {
        config = loadConfig({ file: options.config, overrides: { port: options.port, dataDir: options.data } });
      } catch (error) {
        if (error instanceof ConfigError) {
          console.error(`baton: ${error.message}`);
          process.exit(2);
        }
        throw error;
      }
      let running;
      try {
        running = await startService(config);
      } catch (error) {
        if (error instanceof PolicyFileError) {
          console.error(`baton: escalation policy ${error.message}`);
          process.exit(2);
        }
        if (error instanceof WorkflowFileError) {
          console.error(`baton: routing workflow ${error.message}`);
          process.exit(2);
        }
        throw error;
      }
      const lines = [
        `Baton is running at ${running.url}`,
        `  demo store: ${running.url}/   (the customer widget)`,
        `  console:    ${running.url}/console   (agents)`,
        `  API:        ${running.url}/api/v1   (docs: ${running.url}/docs)`,
        `  health:     ${running.url}/healthz`,
        `  store:      ${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`}; bus: ${config.redisUrl ? 'Redis' : 'in-process'}; AI: offline`,
      ];
      if (config.seedDemo) {
        lines.push(`  demo logins (password "${DEMO_PASSWORD}"):${running.seeded ? ' (seeded now)' : ''}`);
        for (const agent of DEMO_AGENTS) lines.push(`    ${agent.email.padEnd(24)} ${agent.role.padEnd(11)} ${agent.teams.join(', ')}`);
      }
      console.log(lines.join('\n'));
      const stop = async () => {
        await running.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
