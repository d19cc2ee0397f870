/** Runs tasks with at most `concurrency` in flight; tasks not started by `deadline` are dropped. */
export async function runPool(tasks: readonly (() => Promise<void>)[], concurrency: number, deadline: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length && Date.now() < deadline) {
      const task = tasks[next++];
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
