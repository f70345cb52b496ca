export * from './app-process.js';
export * from './postgres-server.js';
export * from './redis-server.js';
export * from './redis-cluster.js';
export * from './streaming-replica.js';
export * from './pgbouncer.js';
