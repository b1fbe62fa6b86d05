// Loaded first (`node --import ./bench/one-core.mjs`) to make the CLI believe it has one core, so the
// benchmark can time the same run without worker threads.
import os from 'node:os';

os.availableParallelism = () => 1;
