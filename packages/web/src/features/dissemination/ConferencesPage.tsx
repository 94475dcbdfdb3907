/**
 * Dissemination conferences (/quan-triet): those of the user's units and those the user is
 * expected at, with attendance and acknowledgement at a glance; leaders schedule new ones here.
 */
import { BarChartOutlined, BookOutlined, PlusOutlined } from '@ant-design/icons';
import type { ConferenceSummary } from '@kycuong/domain';
import { Button, Card, Progress, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { can } from '../../app/access';
import { PageHeader } from '../../components/PageHeader';
import { useIsPhone } from '../../components/useIsPhone';
import { useCurrentUser } from '../auth/api';
import { useConferences } from './api';
import { ConferenceCreateModal } from './ConferenceCreateModal';
import { dmy, formatLabel } from './labels';
import './dissemination.css';

export default function ConferencesPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const documentId = params.get('documentId') ?? undefined;
  const list = useConferences({ documentId, page, pageSize: 20 });
  const [creating, setCreating] = useState(params.get('new') === '1');

  const columns: TableColumnsType<ConferenceSummary> = [
    {
      title: 'Hội nghị',
      key: 'title',
      render: (_, c) => (
        <div className="kc-wrap">
          <Link to={`/quan-triet/${c.id}`}>{c.title}</Link>
          <div>
            <Typography.Text type="secondary">
              {c.documentNumber ?? ''} · {c.orgName}
            </Typography.Text>
          </div>
          {phone && (
            <Typography.Text type="secondary">
              {dmy(c.heldOn)} · đã quán triệt {c.acknowledged}/{c.expected}
            </Typography.Text>
          )}
        </div>
      ),
    },
    ...(phone
      ? []
      : ([
          { title: 'Ngày', dataIndex: 'heldOn', width: 110, render: (d: string, c) => `${dmy(d)}${c.startTime ? ` ${c.startTime}` : ''}` },
          { title: 'Hình thức', dataIndex: 'format', width: 130, render: (f: ConferenceSummary['format']) => formatLabel(f) },
          {
            title: 'Có mặt',
            key: 'attended',
            width: 110,
            render: (_, c) => `${c.attended}/${c.expected}`,
          },
          {
            title: 'Đã quán triệt',
            key: 'ack',
            width: 170,
            render: (_, c) => (
              <Progress
                percent={c.expected ? Math.round((c.acknowledged * 100) / c.expected) : 0}
                size="small"
                format={() => `${c.acknowledged}/${c.expected}`}
              />
            ),
          },
          {
            title: 'Trạng thái',
            dataIndex: 'status',
            width: 120,
            render: (s: ConferenceSummary['status']) =>
              s === 'closed' ? <Tag>Đã kết thúc</Tag> : <Tag color="processing">Sắp diễn ra / đang họp</Tag>,
          },
        ] as TableColumnsType<ConferenceSummary>)),
  ];

  return (
    <div className="kc-dissemination">
      <PageHeader
        title="Hội nghị quán triệt"
        extra={
          <>
            <Button icon={<BookOutlined />} onClick={() => void navigate('/quan-triet/cua-toi')}>
              Văn bản cần quán triệt của tôi
            </Button>
            {can(me, 'task.read') && (
              <Button
                icon={<BarChartOutlined />}
                onClick={() => void navigate(`/quan-triet/ket-qua${documentId ? `?documentId=${documentId}` : ''}`)}
              >
                Kết quả quán triệt
              </Button>
            )}
            {can(me, 'document.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                Lên lịch hội nghị
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Table<ConferenceSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          locale={{ emptyText: 'Chưa có hội nghị quán triệt nào' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) =>
              setParams((prev) => {
                const next = new URLSearchParams(prev);
                next.set('page', String(p));
                return next;
              }),
          }}
        />
      </Card>
      <ConferenceCreateModal
        open={creating}
        documentId={documentId}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          void navigate(`/quan-triet/${c.id}`);
        }}
      />
    </div>
  );
}
