/** The reaper of this process's child process groups (see group-reaper.mjs). */
export interface GroupReaper {
  /** Hands it a process group: a child spawned with `detached: true` leads one whose id is its pid. */
  add(pgid: number): void;
  /** Lets it go (it kills what is left of the groups); resolves once it has exited. */
  close(): Promise<void>;
}

/** Starts a process that SIGKILLs the groups it is given once this process dies, however it dies. */
export function startGroupReaper(): GroupReaper;
