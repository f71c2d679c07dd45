/** The audit chain's serialisation and verifier, on chains built in memory (the database's chain: test/system). */
import { canonicalRow, GENESIS_HASH, rowHash, verifyChain, type ChainRow } from '../../engine/audit-chain';

function chain(length: number): ChainRow[] {
  const rows: ChainRow[] = [];
  for (let index = 0; index < length; index++) {
    const row: ChainRow = {
      id: String(index * 2 + 1),
      at: `2026-12-07T10:00:0${index % 10}.123Z`,
      actor: index % 3 === 0 ? null : `clerk${index}`,
      sourceAddress: '127.0.0.1',
      subject: null,
      action: 'task.completed',
      objectType: 'UserTask',
      objectId: `task-${index}`,
      outcome: 'success',
      details: `{"n": ${index}}`,
      prevHash: rows.at(-1)?.hash ?? GENESIS_HASH,
      hash: null,
    };
    rows.push({ ...row, hash: rowHash(row) });
  }
  return rows;
}

describe('canonicalRow', () => {
  it('prefixes each field with its UTF-8 length and writes null apart from the text "-"', () => {
    const [row] = chain(1);
    const serialised = canonicalRow({ ...row!, actor: null, sourceAddress: null, subject: '-', objectId: '민원|1' });
    expect(serialised).toContain('|-|-|1:-|');
    expect(serialised).toContain('|8:민원|1|');
  });

  it('does not let a separator inside a field pass for another split of the fields', () => {
    const [row] = chain(1);
    const one = { ...row!, action: 'a|b', objectType: 'c' };
    const other = { ...row!, action: 'a', objectType: 'b|c' };
    expect(rowHash(one)).not.toBe(rowHash(other));
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and names its head; an empty one is intact too', async () => {
    const rows = chain(5);
    await expect(verifyChain(rows)).resolves.toEqual({
      ok: true,
      checked: 5,
      head: { id: rows[4]!.id, hash: rows[4]!.hash },
    });
    await expect(verifyChain([])).resolves.toEqual({ ok: true, checked: 0 });
  });

  it('names the edited row, the row after a deleted one, and the first of two swapped rows', async () => {
    const rows = chain(6);
    const edited = rows.map((row, index) => (index === 2 ? { ...row, actor: 'someone-else' } : row));
    await expect(verifyChain(edited)).resolves.toMatchObject({ ok: false, checked: 3, firstBrokenId: rows[2]!.id });
    const deleted = rows.filter((_, index) => index !== 3);
    await expect(verifyChain(deleted)).resolves.toMatchObject({ ok: false, firstBrokenId: rows[4]!.id });
    const swapped = [rows[0]!, rows[3]!, rows[2]!, rows[1]!, rows[4]!, rows[5]!];
    await expect(verifyChain(swapped)).resolves.toMatchObject({ ok: false, firstBrokenId: rows[3]!.id });
  });

  it('refuses a first row that does not start at genesis, and a rehashed row the next one no longer follows', async () => {
    const rows = chain(3);
    await expect(verifyChain(rows.slice(1))).resolves.toMatchObject({ ok: false, firstBrokenId: rows[1]!.id });
    const forged = { ...rows[1]!, details: '{"n": 99}' };
    const rehashed = [rows[0]!, { ...forged, hash: rowHash(forged) }, rows[2]!];
    await expect(verifyChain(rehashed)).resolves.toMatchObject({ ok: false, firstBrokenId: rows[2]!.id });
  });

  it('walks an async stream of pages', async () => {
    const rows = chain(4);
    async function* stream() {
      for (const row of rows) yield await Promise.resolve(row);
    }
    await expect(verifyChain(stream())).resolves.toMatchObject({ ok: true, checked: 4 });
  });
});
