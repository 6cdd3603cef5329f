import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { systemClock } from '../clock.ts';
import { ConfigError, loadConfig } from '../config/config.ts';
import { ARTICLE_FILE_EXTENSIONS, readArticleDirectory } from '../knowledge/article-files.ts';
import { openStore } from '../store/sql/open-store.ts';

export function registerKbCommand(program: Command): void {
  const kb = program.command('kb').description('the knowledge base: help-centre articles the AI answers from');

  kb.command('import')
    .description(`import every article file (${ARTICLE_FILE_EXTENSIONS.join(', ')}) in DIR and below into the store; ids already there are replaced`)
    .argument('<dir>', 'directory of Markdown (YAML front matter), HTML and JSON FAQ files')
    .option('-d, --data <dir>', 'data directory for the SQLite file (env BATON_DATA_DIR; default ./data)')
    .option('-c, --config <file>', 'YAML configuration file (env BATON_CONFIG)')
    .action(async (dir: string, options: { data?: string; config?: string }) => {
      let config;
      try {
        config = loadConfig({ file: options.config, overrides: { dataDir: options.data } });
      } catch (error) {
        if (error instanceof ConfigError) {
          console.error(`baton: ${error.message}`);
          process.exit(2);
        }
        throw error;
      }
      if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
        console.error(`baton: kb import: ${dir} is not a directory`);
        process.exit(1);
      }

      const { articles, problems, files } = readArticleDirectory(dir);
      const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, systemClock);
      const counts = { created: 0, updated: 0, unchanged: 0 };
      try {
        await store.migrate();
        for (const { article } of articles) counts[(await store.upsertArticle(article)).write]++;
      } finally {
        await store.close();
      }

      const lines = [
        `imported ${counts.created}, updated ${counts.updated}, unchanged ${counts.unchanged}, rejected ${problems.length} ` +
          `(${files} file${files === 1 ? '' : 's'} in ${dir}; store: ${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`})`,
        ...problems.map((p) => `  rejected ${p.file}: ${p.reason}`),
      ];
      if (counts.created + counts.updated > 0) lines.push('A running Baton indexes the changes within 30 seconds.');
      console.log(lines.join('\n'));
    });
}
