// Trunk post-build hook: the documents the app links to, served beside it.
// docs/supported-options.md goes out as supported-options.txt, so that any
// static host shows it as text (a .md file is often offered as a download).
// They are fetched only when a link is followed: not part of the first load.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';

await copyFile('docs/supported-options.md', join(process.env.TRUNK_STAGING_DIR, 'supported-options.txt'));
