import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

/** One migration set for both dialects; the few type differences are branched on here and nowhere else. */
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_initial': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('customers')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('external_id', 'text', (c) => c.unique())
          .addColumn('name', 'text')
          .addColumn('email', 'text')
          .addColumn('attributes', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('conversations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
          .addColumn('customer_token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('owner', 'text', (c) => c.notNull())
          .addColumn('team', 'text')
          .addColumn('agent_id', 'text')
          .addColumn('last_seq', 'integer', (c) => c.notNull())
          .addColumn('pending', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('conversations_owner_team').on('conversations').columns(['owner', 'team']).execute();
        await db.schema.createIndex('conversations_agent').on('conversations').column('agent_id').execute();

        let events = db.schema.createTable('events');
        // On SQLite the rowid already grows with every insert (events are never deleted); AUTOINCREMENT would add a
        // write to sqlite_sequence on every append.
        events =
          dialect === 'postgres'
            ? events.addColumn('position', 'bigserial', (c) => c.primaryKey())
            : events.addColumn('position', 'integer', (c) => c.primaryKey());
        await events
          .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('client_message_id', 'text')
          .addColumn('at', 'text', (c) => c.notNull())
          .addUniqueConstraint('events_conversation_seq', ['conversation_id', 'seq'])
          .execute();
        // Partial: only customer messages sent with a clientMessageId touch this index.
        await db.schema
          .createIndex('events_client_message')
          .on('events')
          .columns(['conversation_id', 'client_message_id'])
          .unique()
          .where(sql.ref('client_message_id'), 'is not', null)
          .execute();

        await db.schema
          .createTable('teams')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('agents')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('teams', 'text', (c) => c.notNull())
          .addColumn('presence', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('agent_sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0002_articles': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('articles')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('tags', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        // Nodes pick up each other's edits by asking for articles changed since the newest they have.
        await db.schema.createIndex('articles_updated_at').on('articles').column('updated_at').execute();
      },
    },
    '0003_routing': {
      async up(db: Kysely<any>) {
        // One statement per column: SQLite adds one column per ALTER TABLE.
        const noneYet = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('[]');
        await db.schema.alterTable('agents').addColumn('skills', 'text', noneYet).execute();
        await db.schema.alterTable('agents').addColumn('languages', 'text', noneYet).execute();
        await db.schema.alterTable('agents').addColumn('capacity', 'integer', (c) => c.notNull().defaultTo(3)).execute();
        await db.schema.alterTable('agents').addColumn('presence_changed_at', 'text').execute();
        await db.schema.alterTable('teams').addColumn('skills', 'text', noneYet).execute();
        await db.schema.alterTable('teams').addColumn('languages', 'text', noneYet).execute();

        await db.schema
          .createTable('jobs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('run_at', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('locked_until', 'text')
          .addColumn('last_error', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        // Runners look for the earliest due jobs.
        await db.schema.createIndex('jobs_run_at').on('jobs').column('run_at').execute();
      },
    },
    '0004_webhooks': {
      async up(db: Kysely<any>) {
        const position = dialect === 'postgres' ? 'bigint' : 'integer';
        await db.schema
          .createTable('webhook_subscriptions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('events', 'text', (c) => c.notNull())
          .addColumn('secret', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('start_position', position, (c) => c.notNull())
          .execute();
        // No foreign key to the subscription: deleting one deletes its deliveries, and a delivery a fan-out wrote
        // meanwhile is dropped by its job.
        await db.schema
          .createTable('webhook_deliveries')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('subscription_id', 'text', (c) => c.notNull())
          .addColumn('event_position', position, (c) => c.notNull())
          .addColumn('event_type', 'text', (c) => c.notNull())
          .addColumn('conversation_id', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('last_status_code', 'integer')
          .addColumn('last_error', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_attempt_at', 'text')
          .addColumn('next_attempt_at', 'text')
          .addColumn('delivered_at', 'text')
          // One delivery per subscription and event, however often the fan-out runs: also the delivery log's index.
          .addUniqueConstraint('webhook_deliveries_subscription_event', ['subscription_id', 'event_position'])
          .execute();
        await db.schema
          .createTable('webhook_cursor')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('position', position, (c) => c.notNull())
          .execute();
      },
    },
    '0005_channel_keys': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('api_keys')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('channel', 'text')
          .addColumn('key_hash', 'text', (c) => c.notNull().unique())
          .addColumn('key_prefix', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_used_at', 'text')
          .addColumn('revoked_at', 'text')
          .execute();
        // The key on (channel, external user) is what makes two first messages at once end in one conversation.
        await db.schema
          .createTable('channel_identities')
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('external_user_id', 'text', (c) => c.notNull())
          .addColumn('conversation_id', 'text', (c) => c.notNull())
          .addColumn('claimed_at', 'text', (c) => c.notNull())
          .addColumn('started_at', 'text')
          .addPrimaryKeyConstraint('channel_identities_pk', ['channel', 'external_user_id'])
          .execute();
        await db.schema.createIndex('channel_identities_conversation').on('channel_identities').column('conversation_id').execute();
      },
    },
  };
}

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return { getMigrations: async () => migrations(dialect) };
}
