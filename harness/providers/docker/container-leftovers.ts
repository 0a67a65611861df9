/**
 * What `loadrig ps` and `loadrig clean` need from Docker, in one module the CLI imports only
 * when it looks at containers (dockerode is an optional package).
 */
export { assertDockerAvailable } from './docker-client.js';
export { isLeftover } from './leftovers.js';
export { listManagedContainers, removeContainers } from './remove-containers.js';
export type { ManagedContainer } from './remove-containers.js';
export { removeRunNetworks } from './run-network.js';
