// Zip bombs built in the test, never committed: a deflate stream of zeros is made once for 1 MiB
// and repeated (sync-flushed blocks may be concatenated), so a few hundred KB inflate to hundreds
// of MB in milliseconds. The headers state the true sizes unless told to lie.
import { constants, crc32, deflateRawSync } from 'node:zlib';

export type BombEntry = { name: string; mib: number; claimedBytes?: number } | { name: string; data: Buffer };

const ZERO_MIB = Buffer.alloc(1024 * 1024);
const SEGMENT = deflateRawSync(ZERO_MIB, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);
const CRC_ONE_MIB = crc32(ZERO_MIB);

function u16(n: number): Buffer { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; }
function u32(n: number): Buffer { const b = Buffer.alloc(4); b.writeUInt32LE(n >>> 0); return b; }

export function zipBomb(entries: BombEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    let data: Buffer;
    let method: number;
    let size: number;
    let crc: number;
    if ('data' in e) {
      data = e.data;
      method = 0;
      size = e.data.length;
      crc = crc32(e.data);
    } else {
      data = Buffer.concat([...Array.from({ length: e.mib }, () => SEGMENT), FINAL_EMPTY_BLOCK]);
      method = 8;
      size = e.claimedBytes ?? e.mib * 1024 * 1024;
      crc = 0;
      for (let i = 0; i < e.mib; i++) crc = crc32(ZERO_MIB, crc);
      void CRC_ONE_MIB;
    }
    const common = [u16(20), u16(0x0800), u16(method), u16(0), u16(0x21), u32(crc), u32(data.length), u32(size), u16(name.length), u16(0)];
    const local = Buffer.concat([u32(0x04034b50), ...common, name, data]);
    central.push(Buffer.concat([u32(0x02014b50), u16(20), ...common, u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(cd.length), u32(offset), u16(0)]);
  return Buffer.concat([...locals, cd, end]);
}
