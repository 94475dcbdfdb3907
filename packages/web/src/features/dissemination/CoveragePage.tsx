/**
 * Coverage of a document (/quan-triet/ket-qua?documentId=&orgId=): expected, attended and
 * acknowledged people of a unit with the percentage leaders report ("100% đảng viên được quán
 * triệt"), per unit below it (click to go down the tree), who is missing, and the XLSX export.
 */
import { ArrowUpOutlined, DownloadOutlined } from '@ant-design/icons';
import type { Coverage, MissingPerson } from '@kycuong/domain';
import { Button, Card, Col, Empty, Progress, Result, Row, Select, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { apiUrl } from '../../api/client';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useDebounced } from '../../components/useDebounced';
import { useIsPhone } from '../../components/useIsPhone';
import { useCoverage, useDocumentOptions, useMissing } from './api';
import { percentColor } from './labels';
import './dissemination.css';

type Unit = Coverage['units'][number];

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

export default function CoveragePage() {
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const documentId = params.get('documentId') ?? undefined;
  const orgId = params.get('orgId') ?? undefined;
  const [search, setSearch] = useState('');
  const docs = useDocumentOptions(useDebounced(search, 300));
  const cov = useCoverage(documentId, orgId);
  const [page, setPage] = useState(1);
  const missing = useMissing(documentId, cov.data?.org.id ?? orgId, page);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v) next.set(k, v);
      else next.delete(k);
    setParams(next, { replace: false });
    setPage(1);
  };
  const c = cov.data;

  const columns: TableColumnsType<Unit> = [
    {
      title: 'Đơn vị',
      dataIndex: 'orgName',
      render: (name: string, u) => (
        <Button
          type="link"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}
          onClick={() => set({ orgId: u.orgId })}
        >
          {name}
        </Button>
      ),
    },
    { title: phone ? 'Phải QT' : 'Phải quán triệt', dataIndex: 'expected', width: phone ? 70 : 130, align: 'right' },
    ...(phone
      ? []
      : ([
          { title: 'Đã dự', dataIndex: 'attended', width: 90, align: 'right' },
          { title: 'Tỷ lệ dự', dataIndex: 'attendedPercent', width: 100, align: 'right', render: pct },
          { title: 'Đã quán triệt', dataIndex: 'acknowledged', width: 120, align: 'right' },
        ] as TableColumnsType<Unit>)),
    {
      title: phone ? 'Tỷ lệ' : 'Tỷ lệ quán triệt',
      dataIndex: 'acknowledgedPercent',
      width: phone ? 90 : 180,
      render: (v: number | null) =>
        v === null ? (
          '—'
        ) : phone ? (
          <span style={{ color: percentColor(v) }}>{v}%</span>
        ) : (
          <Progress percent={v} size="small" strokeColor={percentColor(v)} format={() => `${v}%`} />
        ),
    },
  ];

  return (
    <div className="kc-dissemination">
      <PageHeader
        title="Kết quả quán triệt"
        extra={
          documentId &&
          c && (
            <Button icon={<DownloadOutlined />} href={apiUrl(`/api/v1/documents/${documentId}/coverage.xlsx`, { orgId: c.org.id })}>
              Xuất Excel
            </Button>
          )
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <div className="kc-filters" style={{ marginBottom: 0 }}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            style={{ width: '100%', flexGrow: 4 }}
            placeholder="Chọn văn bản"
            value={documentId}
            onChange={(v: string) => set({ documentId: v })}
            options={(docs.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.number ?? 'Chưa có số'} — ${d.title}` }))}
            aria-label="Văn bản"
          />
          <div style={{ flexGrow: 3 }}>
            <OrgTreeSelect
              value={c?.org.id ?? orgId ?? null}
              onChange={(v) => set({ orgId: v ?? undefined })}
              placeholder="Đơn vị"
              allowClear={false}
            />
          </div>
        </div>
      </Card>
      {!documentId ? (
        <Card>
          <Empty description="Chọn văn bản để xem kết quả quán triệt" />
        </Card>
      ) : cov.error ? (
        <Result status="404" title="Không xem được kết quả" subTitle={cov.error.message} />
      ) : !c ? null : (
        <>
          <Card
            title={
              <span className="kc-wrap">
                {c.documentNumber} — {c.org.name}
              </span>
            }
            extra={
              c.org.parentId && (
                <Button size="small" icon={<ArrowUpOutlined />} onClick={() => set({ orgId: c.org.parentId! })}>
                  Cấp trên
                </Button>
              )
            }
          >
            {/* The document's full name: the picker above cuts it on a phone. */}
            <Typography.Paragraph type="secondary" className="kc-wrap">
              {c.documentTitle}
            </Typography.Paragraph>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Statistic title="Phải quán triệt" value={c.totals.expected} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title="Đã dự hội nghị"
                  value={c.totals.attended}
                  suffix={c.totals.attendedPercent !== null ? `(${c.totals.attendedPercent}%)` : ''}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="Đã quán triệt" value={c.totals.acknowledged} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title="Tỷ lệ quán triệt"
                  value={pct(c.totals.acknowledgedPercent)}
                  valueStyle={{ color: percentColor(c.totals.acknowledgedPercent) }}
                  aria-label="Tỷ lệ quán triệt"
                />
              </Col>
            </Row>
            {c.totals.acknowledgedPercent === 100 && (
              <Tag color="green" style={{ marginTop: 12 }}>
                100% được quán triệt
              </Tag>
            )}
          </Card>
          <Card title="Theo đơn vị trực thuộc" style={{ marginTop: 16 }}>
            <Table<Unit>
              rowKey="orgId"
              size="small"
              columns={columns}
              dataSource={c.units}
              pagination={false}
              locale={{ emptyText: 'Không có đơn vị trực thuộc' }}
              summary={() =>
                c.direct.expected > 0 ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <Typography.Text type="secondary">Trực tiếp tại {c.org.name}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      {c.direct.expected}
                    </Table.Summary.Cell>
                    {!phone && (
                      <>
                        <Table.Summary.Cell index={2} align="right">
                          {c.direct.attended}
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={3} align="right">
                          {pct(c.direct.attendedPercent)}
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={4} align="right">
                          {c.direct.acknowledged}
                        </Table.Summary.Cell>
                      </>
                    )}
                    <Table.Summary.Cell index={5}>{pct(c.direct.acknowledgedPercent)}</Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
          </Card>
          <Card title={`Chưa quán triệt (${missing.data?.total ?? 0})`} style={{ marginTop: 16 }}>
            <Table<MissingPerson>
              rowKey="personId"
              size="small"
              dataSource={missing.data?.items ?? []}
              loading={missing.isLoading}
              locale={{ emptyText: 'Tất cả đã quán triệt' }}
              pagination={{ current: page, pageSize: 20, total: missing.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
              columns={[
                {
                  title: 'Họ và tên',
                  dataIndex: 'fullName',
                  render: (n: string, m: MissingPerson) => (
                    <div className="kc-wrap">
                      {n}
                      {phone && (
                        <div>
                          <Typography.Text type="secondary">{m.orgName}</Typography.Text>
                        </div>
                      )}
                    </div>
                  ),
                },
                ...(phone ? [] : [{ title: 'Đơn vị', dataIndex: 'orgName' }]),
                {
                  title: 'Tình trạng',
                  key: 'state',
                  width: phone ? 110 : 180,
                  render: (_: unknown, m: MissingPerson) =>
                    m.catchUpTaskId ? (
                      <Link to={`/cong-viec/${m.catchUpTaskId}`}>
                        <Tag color="orange">Đang học bù</Tag>
                      </Link>
                    ) : m.attended ? (
                      <Tag>Có mặt, chưa xác nhận</Tag>
                    ) : (
                      <Tag>Chưa dự</Tag>
                    ),
                },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
