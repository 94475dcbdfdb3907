/** The header bell: unread notifications count, opening the inbox. */
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useUnreadCount } from './api';

export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  return (
    <Badge count={count} size="small" overflowCount={99} offset={[-4, 4]}>
      <Button
        type="text"
        aria-label={t('work.inbox.bell', { count })}
        data-testid="notification-bell"
        icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />}
        onClick={() => void navigate('/thong-bao')}
      />
    </Badge>
  );
}
