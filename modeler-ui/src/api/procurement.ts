/**
 * The procurement e-bid (processes/procurement-bidding/README.md): bid announcements, sealed bids and objections.
 * A bid's price, bond and picks are null until the bidding is opened, for every role.
 */
import { request } from './http';

export type BiddingState = 'OPEN' | 'CLOSED' | 'OPENED' | 'AWARDED' | 'CONTRACTED' | 'FAILED';

export interface Bidding {
  id: string;
  processInstanceId: string;
  noticeNumber: string;
  round: number;
  title: string;
  kind: 'goods' | 'services' | 'works';
  estimatedPrice: number;
  basePrice: number;
  state: BiddingState;
  announcedBy: string;
  announcedAt: string;
  bidDeadline: string;
  openingAt: string;
  period: { announceBy: string; days: number; explanation: { text: string[] } };
  pricesCommitment: string;
  openedAt: string | null;
  opening: {
    preliminaryPrices: number[];
    referencePrice: number | null;
    averaged: number[];
    explanation: string[];
  } | null;
  awardedAt: string | null;
  objectionsCloseAt: string | null;
  objectionsClosedAt: string | null;
  contractedAt: string | null;
}

export interface Bid {
  id: string;
  bidder: string;
  submittedAt: string;
  commitment: string;
  sealed: boolean;
  state: string;
  price: number | null;
  bond: number | null;
  picks: number[] | null;
  rank: number | null;
  reviewScore: number | null;
}

export interface Objection {
  id: string;
  bidder: string;
  text: string;
  submittedAt: string;
  answer: string | null;
}

export interface BiddingDetail extends Bidding {
  bids: Bid[];
  objections: Objection[];
}

const one = (id: string) => `/api/procurement/biddings/${encodeURIComponent(id)}`;

export function list(signal?: AbortSignal): Promise<{ items: Bidding[] }> {
  return request('GET', '/api/procurement/biddings', signal ? { signal } : {});
}

export function get(id: string, signal?: AbortSignal): Promise<BiddingDetail> {
  return request('GET', one(id), signal ? { signal } : {});
}

export function submitBid(id: string, bid: { price: number; bond: number; picks: [number, number] }): Promise<Bid> {
  return request('POST', `${one(id)}/bids`, { body: bid });
}

export function object(id: string, text: string): Promise<Objection> {
  return request('POST', `${one(id)}/objections`, { body: { text } });
}

/** Starts a procurement-bidding instance: its first task, the draft of the notice, goes to the contract officers. */
export function announce(): Promise<{ id: string }> {
  return request('POST', '/api/process-instances', { body: { processId: 'procurement-bidding' } });
}
