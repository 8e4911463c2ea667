import { type EventPayload, type MoneyEmailDue } from '@vp/contracts';
import { type Language } from '@vp/kit';
import { type MailMessage } from '../mail';

export type MoneyEmailFacts = EventPayload<typeof MoneyEmailDue>;

/** What the job knows when it writes one money email. */
export interface MoneyEmailRecipient {
  to: string;
  displayName: string;
  language: Language;
  /** The tip's other side (creator or tipper), by handle; null if unknown here. */
  counterpartHandle: string | null;
}

const LOCALES: Record<Language, string> = { ja: 'ja-JP', en: 'en-US' };

/** Whole yen as the reader's language writes it (`￥1,980` / `¥1,980`). */
export const yenIn = (language: Language, amount: number) =>
  new Intl.NumberFormat(LOCALES[language], {
    style: 'currency',
    currency: 'JPY',
    maximumFractionDigits: 0,
  }).format(amount);

/** A day in Japan's time (the platform's home market), as the reader's language writes it. */
export const dayIn = (language: Language, iso: string | null) =>
  iso
    ? new Intl.DateTimeFormat(LOCALES[language], {
        dateStyle: 'long',
        timeZone: 'Asia/Tokyo',
      }).format(new Date(iso))
    : '—';

/**
 * The text of one money email in the recipient's language. Links go to the web app's account page
 * (billing, cancel, resume) or the studio's earnings; no amount is ever rounded (whole yen).
 */
export function moneyEmailMessage(
  facts: MoneyEmailFacts,
  recipient: MoneyEmailRecipient,
  links: { web: string },
): MailMessage {
  const { language } = recipient;
  const yen = yenIn(language, facts.amountJpy);
  const start = dayIn(language, facts.periodStart);
  const end = dayIn(language, facts.periodEnd);
  const plan = facts.planName ?? '';
  const who = recipient.counterpartHandle
    ? `@${recipient.counterpartHandle}`
    : language === 'ja'
      ? '退会したアカウント'
      : 'a deleted account';
  const account = `${links.web}/account`;
  const reference = facts.referenceId ?? '';
  const [subject, lines] =
    language === 'ja'
      ? japanese(facts.kind, { yen, start, end, plan, who, account, reference })
      : english(facts.kind, { yen, start, end, plan, who, account, reference });
  const greeting =
    language === 'ja' ? `${recipient.displayName} 様` : `Hello ${recipient.displayName},`;
  const footer =
    language === 'ja'
      ? 'このメールはお支払いと収益に関するお知らせです(配信停止はできません)。'
      : 'This email is about your payments and earnings, so it is sent whatever your notification settings.';
  return {
    to: recipient.to,
    subject,
    text: `${greeting}\n\n${lines.join('\n')}\n\n${footer}\n`,
  };
}

interface Parts {
  yen: string;
  start: string;
  end: string;
  plan: string;
  who: string;
  account: string;
  reference: string;
}

function japanese(kind: MoneyEmailFacts['kind'], p: Parts): [string, string[]] {
  switch (kind) {
    case 'PAYMENT_RECEIPT':
      return [
        `【領収書】${p.plan} ${p.yen}`,
        [
          'お支払いありがとうございます。',
          '',
          `プラン: ${p.plan}`,
          `金額: ${p.yen}(税込)`,
          `期間: ${p.start} 〜 ${p.end}`,
          `請求番号: ${p.reference}`,
          '',
          `ご請求の履歴: ${p.account}`,
        ],
      ];
    case 'PAYMENT_FAILED':
      return [
        `【お支払いエラー】${p.plan} ${p.yen} のお支払いができませんでした`,
        [
          `${p.plan} の ${p.yen} のお支払いができませんでした。`,
          '',
          'ご対応のお願い:',
          '1. カードの有効期限・利用限度額をご確認ください。',
          `2. 別のカードをご利用の場合は ${p.account} から登録し直してください。`,
          'カード会社は数日のうちに再度請求します。お支払いが確認できない場合、プランは無料プランに戻ります。',
        ],
      ];
    case 'RENEWAL_REMINDER':
      return [
        `【更新のお知らせ】${p.plan} は ${p.end} に更新されます`,
        [
          `${p.plan} は ${p.end} に自動更新され、${p.yen}(税込)が請求されます。`,
          '',
          `更新しない場合は、それまでに ${p.account} から解約してください。`,
        ],
      ];
    case 'CANCELLATION_CONFIRMED':
      return [
        `【解約完了】${p.plan} は ${p.end} まで利用できます`,
        [
          `${p.plan} の解約を受け付けました。今後の請求はありません。`,
          `${p.end} まで引き続きご利用いただけます。`,
          '',
          `気が変わった場合は、${p.end} までに ${p.account} から再開できます。`,
        ],
      ];
    case 'TIP_RECEIPT':
      return [
        `【領収書】${p.who} への投げ銭 ${p.yen}`,
        [
          `${p.who} に ${p.yen} の投げ銭を送りました。ありがとうございます。`,
          '',
          `金額: ${p.yen}(税込)`,
          `番号: ${p.reference}`,
        ],
      ];
    case 'TIP_RECEIVED':
      return [
        `${p.who} から ${p.yen} の投げ銭が届きました`,
        [
          `${p.who} から ${p.yen} の投げ銭が届きました。`,
          `手数料を引いた収益は ${p.end} から出金できます。`,
        ],
      ];
    case 'WITHDRAWAL_REQUESTED':
      return [
        `【出金申請】${p.yen} の出金を受け付けました`,
        [
          `${p.yen} の出金申請を受け付けました。`,
          '管理者の確認後に振り込みます。振り込みが完了したら改めてお知らせします。',
          `申請番号: ${p.reference}`,
        ],
      ];
    case 'WITHDRAWAL_PAID':
      return [
        `【出金完了】${p.yen} を振り込みました`,
        [`${p.yen} を登録口座へ振り込みました。`, `申請番号: ${p.reference}`],
      ];
    case 'WITHDRAWAL_FAILED':
      return [
        `【出金失敗】${p.yen} を振り込めませんでした`,
        [
          `${p.yen} の振り込みが失敗しました。金額は出金可能残高に戻っています。`,
          '出金先口座の情報をご確認のうえ、もう一度出金を申請してください。',
          `申請番号: ${p.reference}`,
        ],
      ];
  }
}

function english(kind: MoneyEmailFacts['kind'], p: Parts): [string, string[]] {
  switch (kind) {
    case 'PAYMENT_RECEIPT':
      return [
        `Receipt: ${p.plan}, ${p.yen}`,
        [
          'Thank you for your payment.',
          '',
          `Plan: ${p.plan}`,
          `Amount: ${p.yen} (tax included)`,
          `Period: ${p.start} – ${p.end}`,
          `Invoice: ${p.reference}`,
          '',
          `Your billing history: ${p.account}`,
        ],
      ];
    case 'PAYMENT_FAILED':
      return [
        `Your ${p.plan} payment of ${p.yen} failed`,
        [
          `We could not take your ${p.plan} payment of ${p.yen}.`,
          '',
          'What to do:',
          '1. Check that your card has not expired and has enough credit.',
          `2. To use another card, set it up again at ${p.account}.`,
          'The card will be tried again over the next few days. If it still cannot be paid, your plan goes back to Free.',
        ],
      ];
    case 'RENEWAL_REMINDER':
      return [
        `Your ${p.plan} renews on ${p.end}`,
        [
          `Your ${p.plan} renews automatically on ${p.end} for ${p.yen} (tax included).`,
          '',
          `If you do not want it to renew, cancel before then at ${p.account}.`,
        ],
      ];
    case 'CANCELLATION_CONFIRMED':
      return [
        `Your ${p.plan} is cancelled; you keep it until ${p.end}`,
        [
          `We cancelled your ${p.plan}. You will not be charged again.`,
          `You keep it until ${p.end}.`,
          '',
          `Changed your mind? Resume it before ${p.end} at ${p.account}.`,
        ],
      ];
    case 'TIP_RECEIPT':
      return [
        `Receipt: your ${p.yen} tip to ${p.who}`,
        [
          `You tipped ${p.who} ${p.yen}. Thank you.`,
          '',
          `Amount: ${p.yen} (tax included)`,
          `Reference: ${p.reference}`,
        ],
      ];
    case 'TIP_RECEIVED':
      return [
        `${p.who} tipped you ${p.yen}`,
        [
          `${p.who} tipped you ${p.yen}.`,
          `Your share (after the platform fee) can be withdrawn from ${p.end}.`,
        ],
      ];
    case 'WITHDRAWAL_REQUESTED':
      return [
        `We received your withdrawal request of ${p.yen}`,
        [
          `We received your request to withdraw ${p.yen}.`,
          'An admin reviews it, then we pay it out; we will email you when it is paid.',
          `Reference: ${p.reference}`,
        ],
      ];
    case 'WITHDRAWAL_PAID':
      return [
        `Your withdrawal of ${p.yen} was paid`,
        [`We paid ${p.yen} out to your bank account.`, `Reference: ${p.reference}`],
      ];
    case 'WITHDRAWAL_FAILED':
      return [
        `Your withdrawal of ${p.yen} could not be paid`,
        [
          `The payout of ${p.yen} failed. The amount is back in your available balance.`,
          'Check your payout account, then request the withdrawal again.',
          `Reference: ${p.reference}`,
        ],
      ];
  }
}
