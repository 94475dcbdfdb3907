/**
 * The page a phone opens from the conference QR code (/diem-danh/:token): after sign-in (the app
 * brings the user back here), it checks the person in once and says so plainly — or why not.
 */
import { CheckCircleTwoTone } from '@ant-design/icons';
import { Button, Card, Result, Spin } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useSelfCheckIn } from './api';
import { timeDmy } from './labels';

export default function CheckinPage() {
  const { token = '' } = useParams();
  const checkIn = useSelfCheckIn();
  const sent = useRef(false);
  useEffect(() => {
    // One scan, one request (React may run effects twice in development).
    if (sent.current) return;
    sent.current = true;
    checkIn.mutate(token);
  }, [checkIn, token]);

  const r = checkIn.data;
  return (
    <Card style={{ maxWidth: 560, margin: '0 auto' }}>
      {checkIn.isPending && (
        <Spin tip="Đang điểm danh…">
          <div style={{ height: 120 }} />
        </Spin>
      )}
      {r && (
        <Result
          icon={<CheckCircleTwoTone twoToneColor="#52c41a" />}
          title={r.alreadyCheckedIn ? 'Bạn đã được điểm danh trước đó' : 'Điểm danh thành công'}
          subTitle={`${r.conferenceTitle} — có mặt lúc ${timeDmy(r.attendedAt)}. Việc dự hội nghị được ghi nhận là đã quán triệt văn bản ${r.documentNumber ?? ''}.`}
          extra={
            <Link to={`/quan-triet/${r.conferenceId}`}>
              <Button type="primary">Xem hội nghị</Button>
            </Link>
          }
        />
      )}
      {checkIn.error && (
        <Result
          status="warning"
          title="Chưa điểm danh được"
          subTitle={checkIn.error instanceof ApiError && checkIn.error.fields[0] ? checkIn.error.fields[0].message : checkIn.error.message}
          extra={<Link to="/quan-triet/cua-toi">Văn bản cần quán triệt của tôi</Link>}
        />
      )}
    </Card>
  );
}
