/**
 * Runs tasks one at a time, in arrival order: two publishes to one registry never compose against the
 * same "current" state. (Registries sharing a Redis store also take the store's lock.)
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // The queue continues whatever the outcome; the caller still sees the task's own rejection.
    this.tail = result.catch(() => {});
    return result;
  }
}
