import { useCallback, useEffect, useState } from 'react';
import { errorText } from './api/client.js';

/**
 * One page of a list the server pages: `load(params)` answers `{items, total}` and is called again
 * whenever `params` (page, size, filters; compared by value) change or `reload()` is called. A
 * failure keeps the rows shown and says why.
 */
export function usePagedList(load, params) {
  const key = JSON.stringify(params);
  const [state, setState] = useState({ items: null, total: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load(JSON.parse(key))
      .then((d) => { if (live) setState({ items: d?.items ?? [], total: d?.total ?? null, error: null }); })
      .catch((e) => { if (live) setState((s) => ({ ...s, error: errorText(e) })); });
    return () => { live = false; };
  }, [load, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** `value`, once it has stopped changing for `ms` (search boxes ask the server once per pause). */
export function useDebounced(value, ms = 300) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
