/** Won amounts in explanations: thousands grouped by hand, since the workflow sandbox's Intl is not relied on. */
export function formatWon(amount: number): string {
  return `${groupThousands(String(amount))}원`;
}

/**
 * An exact amount given in ten-thousandths of a won (the §2① rates are per ten thousand), with its decimals as far
 * as they go: 605,555,510 → '60,555.551원'.
 */
export function formatTenThousandthsOfWon(tenThousandths: number): string {
  const whole = Math.floor(tenThousandths / 10_000);
  const fraction = String(tenThousandths % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return `${groupThousands(String(whole))}${fraction ? `.${fraction}` : ''}원`;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
