/**
 * A loader that runs `load` once and hands every caller the same promise. A
 * failure is handled here, so a caller that only warms the cache (`void
 * loader()`) leaves no unhandled rejection, while one that awaits still gets the
 * error; the call after a failure runs `load` again.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    if (!loading) (loading = load()).catch(() => (loading = undefined));
    return loading;
  };
}
