import type { Pass } from '../../integration/passes';

/** What the driver tells the harness, in config.json beside the harness's extension.js. */
export interface HarnessConfig {
  /** The compiled suite's entry (out/test/integration/index.js). */
  suite: string;
  /** Per workspace folder (absolute path): which pass to run there and where to write its result. */
  folders: Record<string, { pass: Pass; result: string }>;
}
