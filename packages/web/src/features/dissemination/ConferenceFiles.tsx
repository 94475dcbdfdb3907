/**
 * Materials (tài liệu, before the conference), minutes (biên bản: the summary and its files, after
 * it) and photos (hình ảnh) of a conference. Everyone who may read the conference downloads them;
 * its organisers upload with the same uploader as task evidence and remove files, kind by kind.
 */
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { ConferenceDetail, FileInfo } from '@kycuong/domain';
import { Alert, Button, Card, Image, Input, List, Popconfirm, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError, apiUrl } from '../../api/client';
import { FilesInput } from '../tasks/inputs';
import { useUpdateConference } from './api';

type Kind = ConferenceDetail['files'][number]['kind'];

const KINDS: readonly { kind: Kind; field: 'materialFileIds' | 'minutesFileIds' | 'photoFileIds'; title: string; hint: string }[] = [
  {
    kind: 'material',
    field: 'materialFileIds',
    title: 'Tài liệu',
    hint: 'Đề cương, tài liệu phát cho người dự — nên đính kèm trước hội nghị.',
  },
  { kind: 'minutes', field: 'minutesFileIds', title: 'Biên bản', hint: 'Biên bản hội nghị (bản scan có chữ ký) — sau hội nghị.' },
  { kind: 'photo', field: 'photoFileIds', title: 'Hình ảnh', hint: 'Ảnh hội nghị — sau hội nghị.' },
];

const fileUrl = (c: ConferenceDetail, fileId: string) => apiUrl(`/api/v1/conferences/${c.id}/files/${fileId}`);

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

export function ConferenceFilesCard({ c }: { c: ConferenceDetail }) {
  return (
    <Card title="Tài liệu, biên bản, hình ảnh" style={{ marginTop: 16 }}>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {KINDS.map((k) => (
          <FilesSection key={k.kind} c={c} {...k}>
            {k.kind === 'minutes' && <MinutesText c={c} />}
          </FilesSection>
        ))}
      </Space>
    </Card>
  );
}

function FilesSection({
  c,
  kind,
  field,
  title,
  hint,
  children,
}: {
  c: ConferenceDetail;
  kind: Kind;
  field: (typeof KINDS)[number]['field'];
  title: string;
  hint: string;
  children?: ReactNode;
}) {
  const update = useUpdateConference(c.id);
  const [pending, setPending] = useState<FileInfo[]>([]);
  const files = c.files.filter((f) => f.kind === kind);
  const ids = files.map((f) => f.id);
  const save = (next: string[], after?: () => void) => update.mutate({ version: c.version, [field]: next }, { onSuccess: () => after?.() });
  const photos = kind === 'photo' ? files.filter((f) => f.mimeType.startsWith('image/')) : [];

  return (
    <section aria-label={title}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap style={{ marginBottom: 8 }}>
            {photos.map((f) => (
              <Image key={f.id} src={fileUrl(c, f.id)} alt={f.name} width={96} height={72} style={{ objectFit: 'cover' }} />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      <List
        size="small"
        dataSource={files}
        locale={{ emptyText: `Chưa có ${title.toLowerCase()}` }}
        renderItem={(f) => (
          <List.Item>
            {/* The remove button stays on the file's line, also on a phone. */}
            <div style={{ display: 'flex', alignItems: 'center', gap: 8, width: '100%' }}>
              <span style={{ flex: 1, minWidth: 0 }}>
                <a href={fileUrl(c, f.id)} className="kc-wrap" download={f.name}>
                  <DownloadOutlined /> {f.name}
                </a>{' '}
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  ({sizeText(f.size)})
                </Typography.Text>
              </span>
              {c.canManage && (
                <Popconfirm
                  title={`Gỡ "${f.name}" khỏi hội nghị?`}
                  okText="Gỡ"
                  cancelText="Hủy"
                  onConfirm={() => save(ids.filter((x) => x !== f.id))}
                >
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`Gỡ ${f.name}`} />
                </Popconfirm>
              )}
            </div>
          </List.Item>
        )}
      />
      {c.canManage && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Typography.Text type="secondary">{hint}</Typography.Text>
          <FilesInput value={pending} onChange={setPending} id={`conference-${kind}-files`} />
          {pending.length > 0 && (
            <Button
              type="primary"
              icon={<PaperClipOutlined />}
              loading={update.isPending}
              onClick={() =>
                save([...ids, ...pending.map((f) => f.id)], () => {
                  setPending([]);
                  update.reset();
                })
              }
            >
              Đính kèm {pending.length} tệp vào {title.toLowerCase()}
            </Button>
          )}
          {update.error && (
            <Alert
              type="error"
              showIcon
              message={update.error.message}
              description={
                update.error instanceof ApiError && update.error.fields.length
                  ? update.error.fields.map((f) => f.message).join('; ')
                  : undefined
              }
            />
          )}
        </Space>
      )}
    </section>
  );
}

/** The summary of the minutes: written by the organisers, read by everyone else. */
function MinutesText({ c }: { c: ConferenceDetail }) {
  const update = useUpdateConference(c.id);
  const [text, setText] = useState<string | null>(null);
  const value = text ?? c.minutes ?? '';
  if (!c.canManage)
    return (
      <Typography.Paragraph className="kc-wrap" style={{ whiteSpace: 'pre-wrap' }}>
        {c.minutes ?? 'Chưa có tóm tắt biên bản.'}
      </Typography.Paragraph>
    );
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 8 }}>
      <Input.TextArea
        rows={4}
        value={value}
        onChange={(e) => setText(e.target.value)}
        placeholder="Tóm tắt biên bản hội nghị"
        maxLength={20000}
        aria-label="Tóm tắt biên bản"
      />
      <Button
        onClick={() => update.mutate({ version: c.version, minutes: value || null }, { onSuccess: () => setText(null) })}
        loading={update.isPending}
        disabled={text === null}
      >
        Lưu tóm tắt biên bản
      </Button>
      {update.error && <Alert type="error" showIcon message={update.error.message} />}
    </Space>
  );
}
