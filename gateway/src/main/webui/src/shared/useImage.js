import { useEffect, useState } from 'react';
import { imageUrl } from './api/client.js';

/** An object URL of the signed-in-only image at `path` (null while loading, when none, or on failure); released when it changes. */
export function useImage(path) {
  const [src, setSrc] = useState(null);
  useEffect(() => {
    if (!path) { setSrc(null); return undefined; }
    let live = true;
    let url = null;
    imageUrl(path).then((u) => { url = u; if (live) setSrc(u); else URL.revokeObjectURL(u); }).catch(() => { if (live) setSrc(null); });
    return () => { live = false; if (url) URL.revokeObjectURL(url); };
  }, [path]);
  return src;
}
