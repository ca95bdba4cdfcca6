import { useEffect, useRef, useState } from 'react';
import { Box, IconButton, List, ListItem, Stack, TextField, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import SendIcon from '@mui/icons-material/Send';

export default function ChatPanel({ messages, onSend, onClose, disabled }) {
  const [text, setText] = useState('');
  const listRef = useRef(null);
  const inputRef = useRef(null);

  useEffect(() => { inputRef.current?.focus(); }, []);
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length]);

  const submit = (e) => {
    e.preventDefault();
    if (onSend(text)) setText('');
  };

  return (
    <Box component="aside" aria-label="Chat" data-testid="chat-panel"
      sx={{ display: 'flex', flexDirection: 'column', height: '100%', bgcolor: 'background.paper', color: 'text.primary' }}>
      <Stack direction="row" sx={{ alignItems: 'center', px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Typography variant="subtitle1" component="h2" sx={{ flexGrow: 1, fontWeight: 700 }}>Chat</Typography>
        <IconButton onClick={onClose} aria-label="Close chat" data-testid="chat-close"><CloseIcon /></IconButton>
      </Stack>
      <List ref={listRef} sx={{ flexGrow: 1, overflowY: 'auto', px: 1 }} aria-live="polite" data-testid="chat-messages">
        {messages.length === 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>Messages are visible to everyone in this call and are not stored.</Typography>
        )}
        {messages.map((m) => (
          <ListItem key={m.id} data-testid="chat-message" data-mine={m.mine ? 'true' : 'false'}
            sx={{ flexDirection: 'column', alignItems: m.mine ? 'flex-end' : 'flex-start', py: 0.5 }}>
            <Typography variant="caption" color="text.secondary">
              {m.mine ? 'You' : m.name} · {new Date(m.at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}
            </Typography>
            <Box sx={{ bgcolor: m.mine ? 'primary.main' : 'grey.200', color: m.mine ? 'primary.contrastText' : 'text.primary',
              px: 1.5, py: 0.75, borderRadius: 2, maxWidth: '85%', wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}>
              {m.text}
            </Box>
          </ListItem>
        ))}
      </List>
      <Box component="form" onSubmit={submit} sx={{ display: 'flex', gap: 1, p: 1, borderTop: 1, borderColor: 'divider' }}>
        <TextField inputRef={inputRef} size="small" fullWidth placeholder="Type a message" value={text} disabled={disabled}
          onChange={(e) => setText(e.target.value)}
          slotProps={{ htmlInput: { maxLength: 2000, 'aria-label': 'Chat message', 'data-testid': 'chat-input' } }} />
        <IconButton type="submit" color="primary" aria-label="Send message" disabled={disabled || !text.trim()} data-testid="chat-send">
          <SendIcon />
        </IconButton>
      </Box>
    </Box>
  );
}
