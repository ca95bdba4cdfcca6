import { Box, Link, List, ListItem, Paper, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { NOTICE_VERSION } from './notice.js';

function Section({ title, children }) {
  return (
    <Box component="section" sx={{ mt: 3 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>{title}</Typography>
      {children}
    </Box>
  );
}

function Items({ items }) {
  return (
    <List dense sx={{ listStyleType: 'disc', pl: 3 }}>
      {items.map((item) => <ListItem key={item} sx={{ display: 'list-item', pl: 0 }}>{item}</ListItem>)}
    </List>
  );
}

/**
 * What the practice keeps about the people who use it, for how long, and their rights under
 * Kenya's Data Protection Act. Public: read before registering (the registration links here).
 */
export default function PrivacyNoticePage() {
  return (
    <Box component="main" sx={{ minHeight: '100vh', p: 2, bgcolor: 'background.default' }}>
      <Paper sx={{ p: { xs: 3, sm: 4 }, maxWidth: 760, mx: 'auto' }} elevation={1}>
        <Typography variant="h4" component="h1">Privacy notice</Typography>
        <Typography color="text.secondary" data-testid="privacy-notice-version">Version {NOTICE_VERSION}</Typography>
        <Typography sx={{ mt: 2 }}>
          Smiling Steps Video is run by the practice for its own clients and psychologists, on its own servers.
          Your video calls go directly between you and your psychologist: they are never recorded and never pass
          through or stay on our servers.
        </Typography>
        <Section title="What we keep">
          <Items items={[
            'Your account: name, email address, phone number (stored encrypted, used for M-Pesa), password (only as a one-way hash) and, for psychologists, profile, photo, rates and working hours.',
            'Your sessions: date, type, price, status, payment and refund state, and call times (when a call started and ended, who joined). Never what was said or shown.',
            'Payments: amount, M-Pesa receipt number and status.',
            'The emails we send you (confirmations, reminders, receipts, account links).',
            'An audit trail of who accessed what and when, with the network address it came from.',
            'When you registered, that you accepted this notice and which version of it.',
          ]} />
        </Section>
        <Section title="How long we keep it">
          <Items items={[
            'Emails we sent: 30 days after they went out, then erased (failed ones keep no name, address or error text after 30 days).',
            'Call details (join and leave times, connection quality): 6 months.',
            'The audit trail: 6 years, as health records require.',
            'Your account, sessions and payments: while you have an account; sessions and payments are kept afterwards for the practice\'s clinical and accounting records, without your name, email or phone.',
            'Messages passed between our services (they can carry your name and email) are kept by the message broker for 7 days, undeliverable ones for 30 days.',
          ]} />
        </Section>
        <Section title="Your rights">
          <Items items={[
            'See your data: "Download my data" on your account page gives you everything we hold about you as one file.',
            'Erase your account: "Delete my account" on your account page (your password is asked). Your name, email, phone, photo and password are erased; upcoming sessions are cancelled and refunded as any cancellation; past sessions and payments stay without your name, email or phone. Or ask the practice to do it for you.',
            'Correct your data, or ask what we do with it: contact the practice.',
            'Complain to the Office of the Data Protection Commissioner (Kenya).',
          ]} />
        </Section>
        <Typography sx={{ mt: 3 }}>
          <Link component={RouterLink} to="/register">Create an account</Link>
          {' · '}
          <Link component={RouterLink} to="/login">Log in</Link>
        </Typography>
      </Paper>
    </Box>
  );
}
