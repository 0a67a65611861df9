import { GenericContainer } from 'testcontainers';

/** GenericContainer plus what its builders lack: an init process, a loopback-only port. */
export class LoadrigContainer extends GenericContainer {
  /**
   * Docker's init (tini) as PID 1: it forwards SIGTERM to the service, which then gets the
   * default action even when it installs no handler (a bare PID 1 ignores it and waits for the
   * stop grace's SIGKILL), and it reaps zombies.
   */
  withInit(): this {
    this.hostConfig.Init = true;
    return this;
  }

  withLoopbackPort(containerPort: number, hostPort: number): this {
    this.withExposedPorts({ container: containerPort, host: hostPort });
    this.hostConfig.PortBindings = {
      ...this.hostConfig.PortBindings,
      [`${containerPort}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }],
    };
    return this;
  }
}
