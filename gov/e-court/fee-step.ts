/** One step of a fee's computation, as data and as a Korean sentence that cites its article. */
export interface FeeStep {
  fee: 'stampFee' | 'serviceFee';
  /** The provision the step applies, e.g. '민사소송 등 인지법 §2①'. */
  article: string;
  /** The amount after the step, in won (the §2① figure may have decimals; every later one is whole). */
  amount: number;
  text: string;
}
