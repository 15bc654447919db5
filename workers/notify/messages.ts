/** The texts each channel sends, zh first then en, built from a request's subject and text. */
import type { NotificationRequest, Severity } from '../../definitions/incidents/model';
import type { Bilingual } from '../../definitions/rules/vocabulary';

export const SEVERITY_LABELS: Record<Severity, Bilingual> = {
  critical: { zh: '紧急', en: 'critical' },
  major: { zh: '严重', en: 'major' },
  minor: { zh: '一般', en: 'minor' },
  info: { zh: '提示', en: 'info' },
};

type Req = Pick<NotificationRequest, 'incident' | 'level' | 'subject' | 'text' | 'line' | 'severity'>;

function facts(r: Req): Bilingual {
  const sev = SEVERITY_LABELS[r.severity];
  return {
    zh: `事件：${r.incident}，级别：第 ${r.level} 级，产线：${r.line ?? '—'}，严重度：${sev.zh}`,
    en: `Incident: ${r.incident}  Level: ${r.level}  Line: ${r.line ?? '—'}  Severity: ${sev.en}`,
  };
}

export function mailSubject(r: Req): string {
  return `[${SEVERITY_LABELS[r.severity].zh}] ${r.subject.zh} | [${SEVERITY_LABELS[r.severity].en}] ${r.subject.en}`;
}

export function mailText(r: Req): string {
  const f = facts(r);
  return `${r.subject.zh}\n\n${r.text.zh}\n\n${f.zh}\n\n----------\n\n${r.subject.en}\n\n${r.text.en}\n\n${f.en}\n`;
}

/** At most this many characters of SMS text (long messages are segmented by the provider). */
export const SMS_MAX_CHARS = 500;

export function smsText(r: Req): string {
  const text = `【Taktflow】${r.subject.zh}：${r.text.zh}（${r.line ?? '—'}）\n${r.subject.en}: ${r.text.en} (${r.line ?? '-'})`;
  return text.length > SMS_MAX_CHARS ? `${text.slice(0, SMS_MAX_CHARS - 1)}…` : text;
}

export function markdown(r: Req): string {
  const f = facts(r);
  return `### ${r.subject.zh}\n${r.text.zh}\n\n> ${f.zh}\n\n### ${r.subject.en}\n${r.text.en}\n\n> ${f.en}`;
}

export function plainText(r: Req): string {
  return `${r.subject.zh}\n${r.text.zh}\n${facts(r).zh}\n\n${r.subject.en}\n${r.text.en}\n${facts(r).en}`;
}

/** What the andon board says aloud. */
export function speech(r: Req): Bilingual {
  const sev = SEVERITY_LABELS[r.severity];
  return {
    zh: `${r.line ?? ''}产线${sev.zh}异常，第${r.level}级：${r.subject.zh}。${r.text.zh}`,
    en: `Line ${r.line ?? ''}, ${sev.en} incident, level ${r.level}: ${r.subject.en}. ${r.text.en}`,
  };
}
