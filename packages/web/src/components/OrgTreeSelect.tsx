/**
 * Picks an org inside the user's visible tree. Children load lazily as branches open, and
 * typing searches the whole visible tree on the server (accent-insensitive), so a city-sized tree
 * is never loaded at once.
 */
import type { Org } from '@kycuong/domain';
import { useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { fetchOrgChildren, useOrg, useOrgRoots, useOrgSearch } from '../features/orgs/api';
import { useDebounced } from './useDebounced';

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  /** Orgs that may not be picked (e.g. the org being moved). */
  disabledIds?: readonly string[];
  style?: React.CSSProperties;
  id?: string;
}

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
  disabled?: boolean;
}

const toNode = (o: Org, pId: string | null, disabledIds: readonly string[] = []): Node => ({
  id: o.id,
  pId,
  value: o.id,
  title: o.name,
  isLeaf: o.childCount === 0,
  disabled: disabledIds.includes(o.id),
});

export function OrgTreeSelect({ value, onChange, placeholder, allowClear = true, disabled, disabledIds = [], style, id }: Props) {
  const qc = useQueryClient();
  const roots = useOrgRoots();
  const [loaded, setLoaded] = useState<Record<string, Org[]>>({});
  const [search, setSearch] = useState('');
  const term = useDebounced(search, 300);
  const found = useOrgSearch(term);
  // The selected org may sit deep in a branch not opened yet: fetch it to show its name.
  const selected = useOrg(value ?? undefined);

  const treeData = useMemo(() => {
    if (term && found.data) return found.data.items.map((o) => ({ ...toNode(o, null, disabledIds), isLeaf: true }));
    const nodes: Node[] = (roots.data ?? []).map((o) => toNode(o, null, disabledIds));
    for (const [parent, kids] of Object.entries(loaded)) nodes.push(...kids.map((o) => toNode(o, parent, disabledIds)));
    const s = selected.data;
    if (s && !nodes.some((n) => n.id === s.id)) nodes.push({ ...toNode(s, null, disabledIds), isLeaf: true });
    return nodes;
  }, [term, found.data, roots.data, loaded, selected.data, disabledIds]);

  return (
    <TreeSelect
      id={id}
      style={{ width: '100%', ...style }}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      treeDataSimpleMode
      treeData={treeData}
      loadData={async (node) => {
        const key = String(node.value);
        if (loaded[key]) return;
        const kids = await fetchOrgChildren(qc, key);
        setLoaded((prev) => ({ ...prev, [key]: kids }));
      }}
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false }}
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      loading={roots.isPending || found.isFetching}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)' } } }}
    />
  );
}
