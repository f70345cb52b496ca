export * from './test-app.js';
export * from './test-database.js';
export * from './test-environment.js';
export * from './eventually.js';
export * from './processes/index.js';
export * from './webhook-receiver.js';
