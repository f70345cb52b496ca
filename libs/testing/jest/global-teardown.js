import pg from 'pg';

export default async function globalTeardown() {
  const adminUrl = process.env.NEWSLEDGER_TEST_PG_ADMIN_URL;
  const template = process.env.NEWSLEDGER_TEST_PG_TEMPLATE;
  if (adminUrl && template) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  }
  await globalThis.__newsledgerEmbeddedPostgres?.stop();
}
