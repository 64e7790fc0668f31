import { createApp } from './app';
import { handleQueue, handleScheduled } from './jobs';

const app = createApp();

export default {
  fetch: app.fetch,
  queue: handleQueue,
  scheduled: handleScheduled,
} satisfies ExportedHandler<Env>;
