// Writes docs/schemas/events.schema.json from the zod schema of the NDJSON events (src/ci/ndjson-schema.ts).
import { writeFileSync } from 'node:fs';
import { eventsJsonSchema } from '../src/ci/ndjson-schema.js';

const target = new URL('../docs/schemas/events.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(eventsJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
