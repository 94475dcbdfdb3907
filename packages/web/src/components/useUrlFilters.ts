import { useSearchParams } from 'react-router';

/**
 * A list page's filters live in the URL (shareable, back-button friendly). `update` writes a patch
 * of them — an empty or undefined value removes the key — and any filter change goes back to page 1
 * unless `keepPage` (paging itself).
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const update = (patch: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: true });
  };
  return { params, setParams, update };
}
