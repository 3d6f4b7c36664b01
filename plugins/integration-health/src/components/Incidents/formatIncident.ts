/** "2026-11-19 08:30 UTC": a moment of an incident, to the minute. */
export const formatMinute = (iso: string) =>
  `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** "EUR 96,401.00": an amount of money, always with cents. */
export const formatMoney = (currency: string, amount: number) =>
  `${currency} ${amount.toLocaleString('en', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;
