/**
 * A real SMPP server on loopback (the smpp package in server mode, port 0): accepts
 * bind_transceiver with the configured credentials, records every submit_sm with its text decoded
 * (UCS2 and the message_payload TLV included) and answers submit_sm_resp with a message id.
 */
import type { AddressInfo } from 'node:net';
import * as smpp from 'smpp';

export interface ReceivedSms {
  systemId: string;
  to: string;
  dataCoding: number;
  text: string;
  messageId: string;
}

export interface SmppPeer {
  url: string;
  messages: ReceivedSms[];
  binds: number;
  stop(): Promise<void>;
}

const textOf = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  const message = (value as { message?: unknown }).message;
  return typeof message === 'string' ? message : Buffer.isBuffer(message) ? message.toString('latin1') : '';
};

export async function startSmppPeer(credentials = { systemId: 'taktflow', password: 'secret' }): Promise<SmppPeer> {
  const messages: ReceivedSms[] = [];
  const state = { binds: 0, next: 1 };
  const server = smpp.createServer((session) => {
    let systemId = '';
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: smpp.PDU) => {
      state.binds += 1;
      if (pdu.system_id !== credentials.systemId || pdu.password !== credentials.password) {
        session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
        session.close();
        return;
      }
      systemId = String(pdu.system_id);
      session.send(pdu.response());
    });
    session.on('submit_sm', (pdu: smpp.PDU) => {
      const messageId = `M${state.next++}`;
      const text = textOf(pdu.message_payload) || textOf(pdu.short_message);
      messages.push({ systemId, to: String(pdu.destination_addr), dataCoding: Number(pdu.data_coding), text, messageId });
      session.send(pdu.response({ message_id: messageId }));
    });
    session.on('unbind', (pdu: smpp.PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smpp://${credentials.systemId}:${credentials.password}@127.0.0.1:${port}`,
    messages,
    get binds() {
      return state.binds;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of [...server.sessions]) s.destroy();
        server.close(() => resolve());
      }),
  };
}
