import { bootstrap } from './bootstrap.js';

// Production entry point (`npm run start:prod`): configured by the environment only.
await bootstrap(Number(process.env.PORT || 3000));
