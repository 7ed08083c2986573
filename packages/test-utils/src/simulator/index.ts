/**
 * The simulator in a child process, for benchmarks: no backend test
 * utilities are loaded with it.
 *
 * @packageDocumentation
 */
export { forkSimulator, nextMessage, TS_EXEC_ARGV } from './forkSimulator';
export type {
  ForkSimulatorOptions,
  SimulatorProcess,
  SimulatorReady,
  SimulatorRequest,
} from './forkSimulator';
