/** Container healthcheck of the worker: exit 0 while its heartbeat is fresh (jobs/heartbeat.ts). */
import { parseConfig } from '../services/config.ts';
import { heartbeatProblem } from './heartbeat.ts';

const problem = heartbeatProblem(parseConfig(process.env).workerHeartbeatFile);
if (problem) console.error(`cityplan worker unhealthy: ${problem}`);
process.exit(problem ? 1 : 0);
