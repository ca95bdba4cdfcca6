import { useState } from 'react';
import { Box, Stack, Tab, Tabs, Typography } from '@mui/material';
import SessionsTab from './SessionsTab.jsx';
import AuditTab from './AuditTab.jsx';
import FailedNotificationsTab from './FailedNotificationsTab.jsx';
import RefundsTab from './RefundsTab.jsx';
import UsersTab from './UsersTab.jsx';

const TABS = [
  { id: 'sessions', label: 'Sessions', Component: SessionsTab },
  { id: 'refunds', label: 'Refunds', Component: RefundsTab },
  { id: 'audit', label: 'Audit log', Component: AuditTab },
  { id: 'failed', label: 'Failed notifications', Component: FailedNotificationsTab },
  { id: 'users', label: 'Users', Component: UsersTab },
];

export default function AdminDashboard() {
  const [tab, setTab] = useState(0);
  const { Component } = TABS[tab];
  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">Administration</Typography>
      <Typography variant="body2" color="text.secondary">Admins see session metadata only; therapy calls are private to their participants.</Typography>
      <Tabs value={tab} onChange={(_, v) => setTab(v)} variant="scrollable" allowScrollButtonsMobile aria-label="Admin sections">
        {TABS.map((t, i) => (
          <Tab key={t.id} label={t.label} id={`admin-tab-${t.id}`} aria-controls={`admin-panel-${t.id}`} data-testid={`admin-tab-${t.id}`} value={i} />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`admin-panel-${TABS[tab].id}`} aria-labelledby={`admin-tab-${TABS[tab].id}`}>
        <Component />
      </Box>
    </Stack>
  );
}
