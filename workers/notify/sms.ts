/**
 * SMS: the text (zh then en) to every recipient with a phone number, through the configured
 * provider: SMPP (`submit_sm`, UCS2), Aliyun SMS or Twilio (sms-http.ts). Without a provider the
 * channel is skipped ("no SMS provider configured"), which does not fall back.
 */
import * as smpp from 'smpp';
import type { NotifyConfig, SmsConfig } from './config';
import type { ChannelSender, Outcome } from './deliver';
import { smsText } from './messages';
import { sendAliyun, sendTwilio } from './sms-http';

export const NO_SMS_PROVIDER = 'no SMS provider configured';

/** Data coding of UCS2 (UTF-16BE) in SMPP. */
const UCS2 = 0x08;
/** Bytes that fit in short_message; longer texts go in the message_payload TLV. */
const SHORT_MESSAGE_BYTES = 140;

function ucs2(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return le.swap16();
}

/** Binds to the SMSC of `cfg.url`, submits one `submit_sm` per phone, unbinds. */
export async function sendSmpp(cfg: Extract<SmsConfig, { provider: 'smpp' }>, phones: string[], text: string, timeoutMs: number): Promise<Outcome> {
  const u = new URL(cfg.url);
  const session = smpp.connect({ host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : 2775 });
  let timer: NodeJS.Timeout | undefined;
  const broken = new Promise<never>((_, reject) => {
    session.once('error', (e: Error) => reject(new Error(`SMPP connection failed: ${e.message}`)));
    session.once('close', () => reject(new Error('SMPP connection closed')));
    timer = setTimeout(() => reject(new Error(`SMPP: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  broken.catch(() => undefined);
  const call = (fn: (cb: (pdu: smpp.PDU) => void) => void): Promise<smpp.PDU> => Promise.race([new Promise<smpp.PDU>((resolve) => fn(resolve)), broken]);
  try {
    const bound = await call((cb) => session.bind_transceiver({ system_id: decodeURIComponent(u.username), password: decodeURIComponent(u.password) }, cb));
    if (bound.command_status !== 0) return { status: 'failed', reply: `SMPP bind refused (command_status ${bound.command_status})`, retry: false };
    const body = ucs2(text);
    const message = body.length <= SHORT_MESSAGE_BYTES ? { short_message: body } : { short_message: Buffer.alloc(0), message_payload: body };
    const sent: string[] = [];
    const refused: string[] = [];
    for (const phone of phones) {
      const resp = await call((cb) =>
        session.submit_sm({ source_addr: cfg.sourceAddr ?? '', destination_addr: phone.replace(/[ -]/g, ''), data_coding: UCS2, registered_delivery: 0, ...message }, cb),
      );
      if (resp.command_status === 0) sent.push(`${phone}→${String(resp.message_id)}`);
      else refused.push(`${phone}: command_status ${resp.command_status}`);
    }
    await call((cb) => session.unbind({}, cb)).catch(() => undefined);
    const reply = `SMPP ${[...sent, ...refused].join('; ')}`;
    return sent.length > 0 ? { status: 'sent', reply } : { status: 'failed', reply, retry: true };
  } catch (e) {
    return { status: 'failed', reply: (e as Error).message, retry: true };
  } finally {
    clearTimeout(timer);
    session.removeAllListeners('close');
    session.on('error', () => undefined);
    session.destroy();
  }
}

export function smsSender(config: NotifyConfig): ChannelSender {
  return async (req): Promise<Outcome> => {
    const sms = config.sms;
    if (!sms) return { status: 'skipped', reply: NO_SMS_PROVIDER };
    const phones = [...new Set(req.recipients.map((r) => r.phone).filter((p): p is string => !!p))];
    if (phones.length === 0) return { status: 'skipped', reply: 'no recipient with a phone number' };
    const text = smsText(req);
    switch (sms.provider) {
      case 'smpp':
        return sendSmpp(sms, phones, text, config.timeoutMs);
      case 'aliyun':
        return sendAliyun(sms, phones, req, config.timeoutMs);
      case 'twilio':
        return sendTwilio(sms, phones, text, config.timeoutMs);
    }
  };
}
