/** An amount in won as written in Korean notices: 1000000000 → '1,000,000,000'. Pure (no Intl in the sandbox's way). */
export function wonText(won: number): string {
  return String(won).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
