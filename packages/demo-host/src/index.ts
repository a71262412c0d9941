/**
 * Public entry of the demo host: create a host, listen, close.
 */
export { createHost } from './server.ts';
export type { Host, HostOptions } from './server.ts';
export type { SimulationOptions } from './simulator.ts';
