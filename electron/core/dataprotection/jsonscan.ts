// Streaming JSON and JSON Lines: a byte-level tokenizer that keeps only the stack of open objects
// and arrays, so a 10 GB array of records scans in constant memory. Values are attributed to key
// paths ("customer.email", "items[].card"); records are the elements of a top-level array, the
// top-level object, or each line of a JSONL file.
import { B, F_AT, F_DIGIT, F_COLON, F_DOT, F_UPPER, featureTable } from './bytes';
import { DataFileError } from './errors';
import { textStart } from './textstart';
import { EntityMatcher, columnHints, HINT_DOB, HINT_PASSPORT } from './matcher';
import type { ChunkParser } from './reader';
import { FindingTally } from './tally';

/** Distinct key paths tracked; later new paths are pooled so memory stays bounded. */
const MAX_PATHS = 5000;
const MAX_DEPTH = 1000;
export const OTHER_PATHS = '(other keys)';
export const ROOT_VALUE = '(value)';

interface PathNode {
  path: string;
  col: number;
  hints: number;
  children: Map<string, PathNode> | null;
  items: PathNode | null;
  /**
   * The raw bytes of the keys met under this node and their nodes, in first-met order, and which
   * one to try first: records repeat their keys in the same order, so a key is usually found by
   * comparing bytes with the one that followed the previous key, without decoding it to a string.
   */
  keyBytes: Buffer[] | null;
  keyNodes: PathNode[] | null;
  nextKey: number;
  /** This node's index in its parent's keyBytes, or -1. */
  keySlot: number;
}

// What the tokenizer expects next.
const VALUE = 0;
const VALUE_OR_CLOSE = 1; // just after '['
const KEY_OR_CLOSE = 2; // just after '{'
const KEY = 3;
const COLON = 4;
const COMMA_OR_CLOSE = 5;
const TOP_END = 6; // a top-level value is complete

const OBJ = 1;
const ARR = 2;

const FEATURES = featureTable();

export class JsonScanner implements ChunkParser {
  readonly tally = new FindingTally();
  private readonly matcher = new EntityMatcher(this.tally);
  readonly columns: string[] = [];
  private nodes = 0;
  private readonly root: PathNode;
  private readonly other: PathNode;
  private readonly stackKind: number[] = [];
  private readonly stackNode: PathNode[] = [];
  private expect = VALUE;
  private valueNode: PathNode;
  private line = 1;
  private topValues = 0;
  private atFileStart = true;
  /** A part of a file that is not its last (scan-parts.ts): its end is not the document's end. */
  private openEnded = false;
  rows = 0;

  constructor(
    private readonly file: string,
    private readonly lines: boolean,
  ) {
    this.root = this.node('');
    this.other = this.node(OTHER_PATHS);
    this.other.items = this.other;
    this.valueNode = this.root;
  }

  private node(path: string): PathNode {
    this.nodes++;
    return { path, col: -1, hints: columnHints(path), children: null, items: null, keyBytes: null, keyNodes: null, nextKey: 0, keySlot: -1 };
  }

  private child(parent: PathNode, key: string): PathNode {
    if (parent === this.other) return parent;
    parent.children ??= new Map();
    let n = parent.children.get(key);
    if (!n) {
      n = this.nodes >= MAX_PATHS ? this.other : this.node(parent.path === '' ? key : `${parent.path}.${key}`);
      parent.children.set(key, n);
    }
    return n;
  }

  /** The child for the unescaped key buf[s, e): as `child`, decoding the key only when the expected one is not there. */
  private childAt(parent: PathNode, buf: Buffer, s: number, e: number): PathNode {
    const keys = parent.keyBytes;
    if (keys !== null) {
      let k = parent.nextKey;
      if (k >= keys.length) k = 0;
      const key = keys[k]!;
      if (key.length === e - s) {
        let q = 0;
        while (q < key.length && key[q] === buf[s + q]) q++;
        if (q === key.length) {
          parent.nextKey = k + 1;
          return parent.keyNodes![k]!;
        }
      }
    }
    const node = this.child(parent, buf.toString('utf8', s, e));
    if (node === parent || node === this.other) return node;
    if (node.keySlot < 0) {
      parent.keyBytes ??= [];
      parent.keyNodes ??= [];
      node.keySlot = parent.keyBytes.length;
      parent.keyBytes.push(Buffer.from(buf.subarray(s, e)));
      parent.keyNodes.push(node);
    }
    parent.nextKey = node.keySlot + 1;
    return node;
  }

  private itemsOf(parent: PathNode): PathNode {
    // Elements of the top-level JSON array are the records: their paths start afresh.
    if (!this.lines && this.stackKind.length === 1 && parent === this.root) return this.root;
    if (!parent.items) parent.items = this.nodes >= MAX_PATHS ? this.other : this.node(`${parent.path}[]`);
    return parent.items;
  }

  /**
   * Reads a part of a file scanned on several cores (scan-parts.ts) that starts after a line
   * break: in a JSON file, just after the comma between two elements of the top-level array; in
   * JSON Lines, at the start of a line. `last` says whether the part ends where the file does.
   * Whether the part before really ended in that state is checked with `endState`.
   */
  resumeMidFile(last: boolean): void {
    this.atFileStart = false;
    this.openEnded = !last;
    if (!this.lines) {
      this.stackKind.push(ARR);
      this.stackNode.push(this.root);
      this.expect = VALUE;
      this.valueNode = this.root;
    }
  }

  /** A part that does not end where the file does (the first of several). */
  endsBeforeFile(): void {
    this.openEnded = true;
  }

  /** The state a part ends in, compared with the state the next part assumed (`resumeMidFile`). */
  endState(): string {
    return `${this.stackKind.join('')}:${this.expect === TOP_END && this.lines ? VALUE : this.expect}`;
  }

  /** The state `resumeMidFile` assumes. */
  static resumedState(lines: boolean): string {
    return lines ? `:${VALUE}` : `${ARR}:${VALUE}`;
  }

  /** Key-path nodes made so far: parts may be merged only while together they stay below the pooling limit. */
  get pathNodes(): number {
    return this.nodes;
  }

  static readonly MAX_PATHS = MAX_PATHS;

  tooLong(limit: number): Error {
    return new DataFileError('FIELD_TOO_LONG', this.file, this.line, `a single JSON value is longer than ${limit / 1048576} MB`);
  }

  private finish(): void {
    const open = this.stackKind.length > 0;
    if (!open && (this.expect === TOP_END || (this.lines && this.expect === VALUE && this.topValues > 0))) return;
    if (!open && this.topValues === 0 && this.expect === VALUE) {
      throw new DataFileError('FILE_EMPTY', this.file, undefined, 'the file holds no JSON value');
    }
    throw this.syntax(this.line, 'the file ends before the JSON is complete (a missing "}", "]" or value?)');
  }

  feed(buf: Buffer, end: number, final: boolean): number {
    let i = 0;
    if (this.atFileStart) {
      this.atFileStart = false;
      i = textStart(buf, end, this.file);
    }
    while (i < end) {
      const c = buf[i]!;
      if (c === B.SPACE || c === B.TAB || c === B.CR) {
        i++;
        continue;
      }
      if (c === B.LF) {
        this.line++;
        if (this.lines && this.expect === TOP_END) this.expect = VALUE;
        i++;
        continue;
      }
      if (c === B.NUL) throw new DataFileError('BINARY_FILE', this.file, this.line, 'the file contains NUL bytes: it looks binary, not JSON');
      const start = i;
      switch (this.expect) {
        case VALUE:
        case VALUE_OR_CLOSE: {
          if (c === B.RBRACKET && this.expect === VALUE_OR_CLOSE) {
            i++;
            this.close();
            break;
          }
          if (c === B.LBRACE || c === B.LBRACKET) {
            if (this.stackKind.length >= MAX_DEPTH) throw this.syntax(this.line, `nesting deeper than ${MAX_DEPTH} levels`);
            const holder = this.valueNode;
            this.stackKind.push(c === B.LBRACE ? OBJ : ARR);
            this.stackNode.push(holder);
            if (c === B.LBRACE) this.expect = KEY_OR_CLOSE;
            else {
              this.expect = VALUE_OR_CLOSE;
              this.valueNode = this.itemsOf(holder);
            }
            i++;
            break;
          }
          let next: number;
          if (c === B.QUOTE) next = this.stringValue(buf, i, end, final, true);
          else if (c === B.HYPHEN || (c >= B.D0 && c <= B.D9)) next = this.numberValue(buf, i, end, final);
          else if (c === 116 || c === 102 || c === 110) next = this.literal(buf, i, end, final);
          else throw this.syntax(this.line, `unexpected "${printable(c)}" where a value should start`);
          if (next < 0) return start;
          i = next;
          this.afterValue();
          break;
        }
        case KEY_OR_CLOSE:
        case KEY: {
          if (c === B.RBRACE && this.expect === KEY_OR_CLOSE) {
            i++;
            this.close();
            break;
          }
          if (c !== B.QUOTE) throw this.syntax(this.line, 'expected a quoted key');
          const next = this.stringValue(buf, i, end, final, false);
          if (next < 0) return start;
          i = next;
          this.expect = COLON;
          break;
        }
        case COLON:
          if (c !== B.COLON) throw this.syntax(this.line, 'expected ":" after a key');
          i++;
          this.expect = VALUE;
          break;
        case COMMA_OR_CLOSE: {
          const kind = this.stackKind[this.stackKind.length - 1];
          if (c === B.COMMA) {
            i++;
            if (kind === OBJ) this.expect = KEY;
            else {
              this.expect = VALUE;
              this.valueNode = this.itemsOf(this.stackNode[this.stackNode.length - 1]!);
            }
          } else if ((c === B.RBRACE && kind === OBJ) || (c === B.RBRACKET && kind === ARR)) {
            i++;
            this.close();
          } else throw this.syntax(this.line, `expected "," or "${kind === OBJ ? '}' : ']'}"`);
          break;
        }
        default:
          throw this.syntax(
            this.line,
            this.lines
              ? 'a second JSON value on the same line; JSON Lines holds one value per line'
              : 'more JSON after the end of the document; is this JSON Lines (one value per line)?',
          );
      }
    }
    if (final && !this.openEnded) this.finish();
    return end;
  }

  private close(): void {
    const kind = this.stackKind.pop();
    this.valueNode = this.stackNode.pop()!;
    this.afterValue(kind === ARR);
  }

  private afterValue(wasArray = false): void {
    const depth = this.stackKind.length;
    if (depth === 0) {
      this.topValues++;
      // A JSON file's top-level array counted its elements as records already.
      if (this.lines || !wasArray) this.rows++;
      this.expect = TOP_END;
      return;
    }
    // An element of the top-level array of a JSON file is one record.
    if (!this.lines && depth === 1 && this.stackKind[0] === ARR) this.rows++;
    this.expect = COMMA_OR_CLOSE;
  }

  /** Reads a string at buf[i]; a key sets up the next value's path, a value is inspected. */
  private stringValue(buf: Buffer, i: number, end: number, final: boolean, isValue: boolean): number {
    let j = i + 1;
    let escaped = false;
    let features = 0;
    let digits = 0;
    // The hot loop, as in the CSV reader: lower-case letters take two comparisons and digits
    // three, without a table lookup; the reader's 0 sentinel at buf[end] stands in for a bounds test.
    for (;;) {
      const c = buf[j]!;
      if (c >= 58 /* ':' */) {
        if (c <= 90 /* 'Z' */) features |= FEATURES[c]!;
        else if (c === 92 /* '\\' */) {
          escaped = true;
          j += 2;
          if (j >= end) {
            if (!final) return -1;
            throw this.syntax(this.line, 'a string is never closed');
          }
          continue;
        }
      } else if (c >= 48 /* '0' */) digits++;
      else if (c === 34 /* '"' */) break;
      else if (c < 0x20) {
        if (j >= end) {
          if (!final) return -1;
          throw this.syntax(this.line, 'a string is never closed');
        }
        throw this.syntax(this.line, c === B.NUL ? 'NUL byte inside a string' : 'a line break inside a string');
      } else features |= FEATURES[c]!;
      j++;
    }
    if (digits > 0) features |= F_DIGIT;
    if (j >= end) {
      if (!final) return -1;
      throw this.syntax(this.line, 'a string is never closed');
    }
    if (isValue) {
      const node = this.valueNode;
      if (escaped) {
        const text = this.decode(buf, i, j + 1);
        const bytes = Buffer.from(text, 'utf8');
        this.inspect(node, bytes, 0, bytes.length, 0xff, bytes.length);
      } else if (digits >= 4 || features & (F_AT | F_COLON) || (features & F_UPPER && j - i > 15) || node.hints & (HINT_DOB | HINT_PASSPORT)) {
        this.inspect(node, buf, i + 1, j, features, digits);
      } else this.column(node);
    } else {
      const parent = this.stackNode[this.stackNode.length - 1]!;
      this.valueNode = escaped ? this.child(parent, this.decode(buf, i, j + 1)) : this.childAt(parent, buf, i + 1, j);
    }
    return j + 1;
  }

  private decode(buf: Buffer, s: number, e: number): string {
    try {
      return JSON.parse(buf.toString('utf8', s, e)) as string;
    } catch {
      throw this.syntax(this.line, 'a string has an invalid escape sequence');
    }
  }

  private numberValue(buf: Buffer, i: number, end: number, final: boolean): number {
    let j = i + 1;
    let digits = buf[i] === B.HYPHEN ? 0 : 1;
    while (j < end) {
      const c = buf[j]!;
      if (c >= B.D0 && c <= B.D9) digits++;
      else if (c !== B.DOT && c !== 101 && c !== 69 && c !== B.PLUS && c !== B.HYPHEN) break;
      j++;
    }
    if (j >= end && !final) return -1;
    if (digits === 0) throw this.syntax(this.line, 'a number without digits');
    if (digits >= 4) this.inspect(this.valueNode, buf, i, j, F_DOT, digits);
    else this.column(this.valueNode);
    return j;
  }

  private literal(buf: Buffer, i: number, end: number, final: boolean): number {
    const word = buf[i] === 116 ? 'true' : buf[i] === 102 ? 'false' : 'null';
    if (i + word.length > end) {
      if (!final) return -1;
      throw this.syntax(this.line, `expected "${word}"`);
    }
    if (buf.toString('latin1', i, i + word.length) !== word) throw this.syntax(this.line, `expected "${word}"`);
    this.column(this.valueNode);
    return i + word.length;
  }

  private column(node: PathNode): number {
    if (node.col < 0) {
      node.col = this.columns.length;
      this.columns.push(node.path === '' ? ROOT_VALUE : node.path);
      this.tally.ensureColumns(this.columns.length);
    }
    return node.col;
  }

  private inspect(node: PathNode, buf: Buffer, s: number, e: number, features: number, digits: number): void {
    this.tally.setColumn(this.column(node));
    this.matcher.inspect(buf, s, e, features, digits, node.hints);
  }

  private syntax(line: number, problem: string): DataFileError {
    return new DataFileError('JSON_SYNTAX', this.file, line, `not valid ${this.lines ? 'JSON Lines' : 'JSON'}: ${problem}`);
  }
}

function printable(c: number): string {
  return c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`;
}
