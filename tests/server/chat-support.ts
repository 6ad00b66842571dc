/**
 * What the citizen assistant's tests share: a server whose notifications go to a log file (as with the
 * embedded database and no gateway), a conversation over HTTP, and the code read from that log.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ChatReply } from '../../src/domain/chat';
import { logFileProvider } from '../../server/notifications/providers';
import type { Db } from '../../server/store/db';
import { upsertRules } from '../../server/workflow/routing';
import { resetGrievances } from './harness';
import { workflowHarness, type WorkflowHarness } from './workflow-fixtures';

export interface ChatHarness {
  h: WorkflowHarness;
  log: string;
  /** One message of conversation `id`; its replies' texts joined, and the messages. */
  say(id: string, text: string, lang?: 'hi' | 'en'): Promise<{ all: string; messages: ChatReply['messages'] }>;
  /** The lines of the notifications log of kind otp. */
  otpLines(): { to: string; number: string | null; body: string }[];
  /** Waits for the `n`-th code (1-based) sent to `mobile` and returns it. */
  code(mobile: string, n?: number): Promise<string>;
  close(): Promise<void>;
}

export async function chatHarness(db: Db, options: { chat?: { perConversationPerMin?: number; perAddressPerMin?: number } } = {}): Promise<ChatHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'sampark-chat-'));
  const log = join(dir, 'notifications.log');
  const h = await workflowHarness(db, { at: () => new Date() }, ['l1', 'energy'], { notifyIntervalS: 3600, notifier: logFileProvider(log), chat: options.chat });
  await resetGrievances(db);
  await db.exec('DELETE FROM chat_conversations; DELETE FROM chat_handoffs');
  await upsertRules(db, [
    { id: 'phed-jaipur', department: 'phed', district: 'jaipur', levels: { L1: 'ae.phed.jaipur' } },
    { id: 'energy-jaipur', department: 'energy', district: 'jaipur', levels: { L1: 'ae.energy.jaipur' } },
  ], new Date());
  const otpLines = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; to: string; number: string | null; body: string }) : [])
    .filter((l) => l.kind === 'otp');
  return {
    h, log, otpLines,
    async say(id, text, lang = 'en') {
      const res = await h.server.post('/api/chat/messages', { conversationId: id, text, lang });
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(200);
      const { messages } = ChatReply.parse(body);
      return { all: messages.map((m) => m.text).join('\n'), messages };
    },
    async code(mobile, n = 1) {
      const to = (l: { to: string }) => l.to === `XXXXXX${mobile.slice(-4)}`;
      await expect.poll(() => otpLines().filter(to).length, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(n);
      return otpLines().filter(to)[n - 1].body.match(/(?<!\d)\d{6}(?!\d)/)![0];
    },
    async close() {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A 6-digit code that is not `code`. */
export const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
