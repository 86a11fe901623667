// Operations on a settled set (one kept in a cache, which visits only its words that are not zero)
// give what the same operations give on a plain copy of it (which visits every word).
import { describe, expect, it } from 'vitest';
import { borrowSet, expansionSet, lentSets, meets, namesOf, returnSets, subtractInto, unionInto, unionIntersectionInto } from '../../../electron/core/analyzers/action-sets';

const PATTERNS = ['s3:GetObject', 's3:Get*', 'iam:PassRole', 'iam:*', 'kms:Decrypt', 'ec2:Describe*', 'sagemaker:Delete*', '*', 'logs:Put*', 'lambda:UpdateFunctionCode', 'nosuch:Thing'];
const plain = (set: Uint32Array) => Uint32Array.from(set);

describe('action sets', () => {
  it('give the same results through the words a settled set names as through every word', () => {
    const mark = lentSets();
    try {
      for (const a of PATTERNS) {
        for (const b of PATTERNS) {
          for (const c of [null, 's3:*', 'iam:Pass*']) {
            const [sa, sb, sc] = [expansionSet(a), expansionSet(b), c ? expansionSet(c) : null];
            const [pa, pb, pc] = [plain(sa), plain(sb), sc ? plain(sc) : null];
            const base = expansionSet('iam:Get*');
            const fast = borrowSet();
            const slow = borrowSet();
            unionInto(fast, base);
            unionInto(slow, plain(base));
            unionIntersectionInto(fast, sa, sb, sc);
            unionIntersectionInto(slow, pa, pb, pc);
            expect(namesOf(fast), `${a} ∩ ${b} ∩ ${c}`).toEqual(namesOf(slow));
            subtractInto(fast, sb);
            subtractInto(slow, pb);
            expect(namesOf(fast), `minus ${b}`).toEqual(namesOf(slow));
            unionInto(fast, sa);
            unionInto(slow, pa);
            expect(namesOf(fast), `plus ${a}`).toEqual(namesOf(slow));
            expect(meets(sa, sb, sc, null), `${a} meets ${b}`).toBe(meets(pa, pb, pc, null));
            expect(meets(sa, sb, null, base)).toBe(meets(pa, pb, null, plain(base)));
          }
        }
      }
      // and the sets are what the patterns say
      expect(namesOf(expansionSet('iam:PassRole'))).toEqual(['iam:PassRole']);
      expect(namesOf(expansionSet('nosuch:Thing'))).toEqual([]);
    } finally {
      returnSets(mark);
    }
  });
});
