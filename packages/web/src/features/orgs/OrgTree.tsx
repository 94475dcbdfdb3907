/** The org tree, loaded branch by branch; the selected org's ancestors are opened for it. */
import type { Org } from '@kycuong/domain';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Empty, Space, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../../api/client';
import { PageSpinner } from '../../components/Results';
import { useLabels } from '../../components/labels';
import { fetchOrgChildren, orgKeys, useOrgRoots } from './api';

interface Props {
  selectedId?: string;
  /** Ids from the root down to the selected org's parent: opened when the page starts there. */
  ancestorIds: readonly string[];
  includeInactive: boolean;
  onSelect: (org: Org) => void;
}

export function OrgTree({ selectedId, ancestorIds, includeInactive, onSelect }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const qc = useQueryClient();
  const roots = useOrgRoots(includeInactive);
  const [opened, setOpened] = useState<string[]>([]);
  const [expanded, setExpanded] = useState<React.Key[]>([]);

  // Children come from the query cache so a change elsewhere (add, move, rename) shows up here.
  const children = useQueries({
    queries: opened.map((id) => ({
      queryKey: orgKeys.children(id, includeInactive),
      queryFn: async () =>
        (
          await data(
            api.GET('/api/v1/orgs', {
              params: { query: { parentId: id, includeInactive: includeInactive ? 'true' : 'false', pageSize: 1000 } },
            }),
          )
        ).items,
    })),
  });
  const childrenOf = useMemo(() => {
    const map = new Map<string, Org[]>();
    opened.forEach((id, i) => {
      const d = children[i]?.data;
      if (d) map.set(id, d);
    });
    return map;
  }, [opened, children]);

  const ancestorsKey = ancestorIds.join('/');
  useEffect(() => {
    if (ancestorIds.length === 0) return;
    setOpened((prev) => [...new Set([...prev, ...ancestorIds])]);
    setExpanded((prev) => [...new Set([...prev, ...ancestorIds])]);
    // Keyed on the joined path so a new array with the same ids does not re-run it.
  }, [ancestorsKey]);

  const treeData = useMemo(() => {
    const build = (o: Org): TreeDataNode => {
      const kids = childrenOf.get(o.id);
      return {
        key: o.id,
        isLeaf: o.childCount === 0,
        title: (
          <Space size={4} wrap>
            <span className="kc-wrap">{o.name}</span>
            <Tag style={{ marginInlineEnd: 0 }}>{labels.kind(o.kind)}</Tag>
            {!o.active && <Tag color="default">{t('common.inactive')}</Tag>}
          </Space>
        ),
        ...(kids ? { children: kids.map(build) } : {}),
      };
    };
    return (roots.data ?? []).map(build);
  }, [roots.data, childrenOf, labels, t]);

  const orgById = useMemo(() => {
    const map = new Map<string, Org>();
    for (const o of roots.data ?? []) map.set(o.id, o);
    for (const kids of childrenOf.values()) for (const o of kids) map.set(o.id, o);
    return map;
  }, [roots.data, childrenOf]);

  if (roots.isPending) return <PageSpinner />;
  if (roots.isError) return <Typography.Text type="danger">{roots.error.message}</Typography.Text>;
  if (treeData.length === 0) return <Empty description={t('orgs.empty')} />;

  return (
    <Tree
      blockNode
      showLine
      treeData={treeData}
      selectedKeys={selectedId ? [selectedId] : []}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys)}
      loadData={async (node) => {
        const id = String(node.key);
        await fetchOrgChildren(qc, id, includeInactive);
        setOpened((prev) => (prev.includes(id) ? prev : [...prev, id]));
      }}
      onSelect={(_keys, info) => {
        const org = orgById.get(String(info.node.key));
        if (org) onSelect(org);
      }}
    />
  );
}
