// The analyzers over a list of descriptors: read a document (whole, or as a stream), recognise its
// kind, hand it to that kind's descriptor, and wrap what comes back with file, kind and hash.
// Nothing here names a kind; registry.ts gives the list the app uses, a test can give its own.
import type {
  AnalysisResult,
  AnalyzedDocument,
  DocumentKind,
  RequirementControlLookup,
  ScannerFinding,
  ScannerImport,
  ScannerKind,
} from '../../../shared/analysis';
import type { Analysis } from './controls';
import type { AccountFacts, AnalyzeContext, Descriptor, DocumentContent } from './descriptor';
import { unknownKindHint } from './detect';
import { AnalyzerError } from './errors';
import { decodeUrlEncodedJson, parseJson, readText } from './input';
import { readStream } from './stream';
import { isRecord } from './shape';

export type AnalyzeInput = {
  /** File name or path, used in messages and kept in the result. */
  file: string;
  content: Uint8Array | string;
  /** Skip detection and read the document as this kind (the CLI's --kind). */
  kind?: DocumentKind;
  /** "Now" for age checks (access keys); defaults to the current time. */
  now?: Date;
  /** The catalog's requirement → controls mapping, for scanner imports. */
  requirementControls?: RequirementControlLookup;
  /** VPCs that must have an active flow log (ec2-flow-logs); without them (or a describe-vpcs document) only an empty list is flagged. */
  requiredVpcIds?: readonly string[];
};

/** A document read as a stream of chunks (a file's read stream), never whole in memory. */
export type AnalyzeStreamInput = Omit<AnalyzeInput, 'content'> & { chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array> };

/** One document of several analysed as one account: its result, or why it could not be read. */
export type AccountOutcome = { file: string; result: AnalysisResult; error?: undefined } | { file: string; result?: undefined; error: AnalyzerError };

type Read = { descriptor: Descriptor; content: DocumentContent; sha256: string };

export type Analyzers = ReturnType<typeof createAnalyzers>;

export function createAnalyzers(descriptors: readonly Descriptor[]) {
  const byKind = new Map<string, Descriptor>(descriptors.map((d) => [d.kind, d]));
  const kinds = descriptors.map((d) => d.kind);
  /** What any document may be, in words, for a refusal before the kind is known. */
  const EXPECTED_ANY = expectedAny(descriptors);

  const descriptorOf = (file: string, kind: string | undefined): Descriptor | undefined => {
    if (kind === undefined) return undefined;
    const found = byKind.get(kind);
    if (!found) throw new AnalyzerError('DOCUMENT_UNKNOWN_KIND', file, `"${String(kind)}" is not a document kind`, `one of ${kinds.join(', ')}`);
    return found;
  };
  const detectJson = (json: unknown): Descriptor | null => descriptors.find((d) => d.detectJson?.(json) === true) ?? null;
  const detectText = (text: string): Descriptor | null => descriptors.find((d) => d.detectText?.(text) === true) ?? null;

  /** The descriptor for this content: the one asked for, or the first whose shape fits. */
  const recognise = (file: string, content: DocumentContent, asked: Descriptor | undefined): Descriptor => {
    let descriptor = asked;
    if (!descriptor) {
      const detected = content.isJson ? detectJson(content.json) : detectText(content.text);
      if (!detected) {
        const hint = content.isJson ? unknownKindHint(content.json) : '';
        const problem = content.isJson
          ? `its JSON does not have the shape of any document the analyzers know${hint ? ` (${hint})` : ''}`
          : 'it is neither JSON nor a CSV the analyzers know (was the AWS CLI run with --output text or yaml? use --output json)';
        throw new AnalyzerError('DOCUMENT_UNKNOWN_KIND', file, problem, `${EXPECTED_ANY}; or choose the kind by hand`);
      }
      descriptor = detected;
    }
    if (!content.isJson && !descriptor.acceptsText) throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'it is not JSON', descriptor.expected);
    return descriptor;
  };

  const read = (input: AnalyzeInput): Read => {
    const asked = descriptorOf(input.file, input.kind);
    const expected = asked ? asked.expected : EXPECTED_ANY;
    const { text, sha256 } = readText(input.file, input.content, expected);
    const content = readContent(input.file, text, expected);
    return { descriptor: recognise(input.file, content, asked), content, sha256 };
  };

  const contextOf = (input: Omit<AnalyzeInput, 'content'>, descriptor: Descriptor, account: AccountFacts): AnalyzeContext => ({
    file: input.file,
    now: input.now ?? new Date(),
    requirementControls: input.requirementControls,
    requiredVpcIds: input.requiredVpcIds,
    account,
    evidences: descriptor.type === 'document' ? descriptor.evidences : [],
  });

  const analyzeRead = ({ descriptor, content, sha256 }: Read, input: Omit<AnalyzeInput, 'content'>, account: AccountFacts): AnalysisResult => {
    const ctx = contextOf(input, descriptor, account);
    return descriptor.type === 'scanner'
      ? scannerResult(input.file, descriptor.kind, sha256, descriptor.import(content, ctx), descriptor.morePages?.(isRecord(content.json) ? content.json : null) ?? null)
      : documentResult(input.file, descriptor.kind, sha256, descriptor.analyze(content, ctx));
  };

  /**
   * Analyse one document. Returns an AnalyzedDocument for AWS configuration output, a ScannerImport
   * for Prowler / Security Hub output. Throws AnalyzerError (never anything else for bad input) when
   * the file cannot be read, has no known shape, or does not fit the kind it was given.
   */
  function analyzeDocument(input: AnalyzeInput): AnalysisResult {
    return analyzeRead(read(input), input, {});
  }

  /**
   * Several documents of one account, analysed together: what one states about the account (the
   * VPCs of describe-vpcs) is known to the others (describe-flow-logs) whatever their order.
   * A document that cannot be read is reported in its place; the others are still analysed.
   */
  function analyzeAccount(inputs: readonly AnalyzeInput[]): AccountOutcome[] {
    const reads = inputs.map((input) => {
      try {
        return { input, read: read(input) };
      } catch (error) {
        if (error instanceof AnalyzerError) return { input, error };
        throw error;
      }
    });
    const account = accountFacts(reads.flatMap((r) => (r.read ? [r.read] : [])));
    return reads.map((r): AccountOutcome => {
      if (!r.read) return { file: r.input.file, error: r.error };
      try {
        return { file: r.input.file, result: analyzeRead(r.read, r.input, account) };
      } catch (error) {
        if (error instanceof AnalyzerError) return { file: r.input.file, error };
        throw error;
      }
    });
  }

  const accountFacts = (reads: readonly Read[]): AccountFacts => {
    const vpcIds = new Set<string>();
    let anyVpcs = false;
    for (const { descriptor, content } of reads) {
      if (descriptor.type !== 'document' || !descriptor.facts || !content.isJson) continue;
      const facts = descriptor.facts(content.json);
      if (facts.vpcIds) {
        anyVpcs = true;
        for (const id of facts.vpcIds) vpcIds.add(id);
      }
    }
    return anyVpcs ? { vpcIds: [...vpcIds].sort() } : {};
  };

  /**
   * Analyse one document read as a stream. A kind that streams (its descriptor has `stream`) gets
   * its big arrays item by item and never holds the whole document; any other JSON is rebuilt from
   * the stream and analysed as analyzeDocument would; CSV and other text is read whole.
   */
  async function analyzeDocumentStream(input: AnalyzeStreamInput): Promise<AnalysisResult> {
    const { file } = input;
    const asked = descriptorOf(file, input.kind);
    const expected = asked ? asked.expected : EXPECTED_ANY;
    type Open = { descriptor: Descriptor; item: (array: string, value: unknown, index: number) => void; end: (rest: Record<string, unknown> | null) => Analysis | ScannerFinding[] };
    const state: { open: Open | null } = { open: null };
    const take = (array: string, value: unknown, index: number): boolean => {
      if (!state.open) {
        const descriptor = streamingDescriptor(array, value, asked);
        if (!descriptor?.stream) return false;
        const sink = descriptor.stream.open(contextOf(input, descriptor, {}));
        state.open = { descriptor, item: (a, v, i) => sink.item(a, v, i), end: (rest) => sink.end(rest) };
      }
      if (!state.open.descriptor.stream?.arrays.includes(array)) return false;
      state.open.item(array, value, index);
      return true;
    };
    const streamed = await readStream(file, input.chunks, expected, take);
    if (streamed.type === 'bytes') return analyzeDocument({ ...input, content: streamed.bytes });
    const done = state.open;
    if (done) {
      const rest = Array.isArray(streamed.root) ? null : (streamed.root as Record<string, unknown>);
      const outcome = done.end(rest);
      return Array.isArray(outcome)
        ? scannerResult(file, done.descriptor.kind, streamed.sha256, outcome, done.descriptor.type === 'scanner' ? (done.descriptor.morePages?.(rest) ?? null) : null)
        : documentResult(file, done.descriptor.kind, streamed.sha256, outcome);
    }
    const content: DocumentContent = { json: streamed.root, isJson: true, text: '' };
    return analyzeRead({ descriptor: recognise(file, content, asked), content, sha256: streamed.sha256 }, input, {});
  }

  /** The streaming kind whose array this is: the one asked for, or the first whose shape fits its first item. */
  const streamingDescriptor = (array: string, first: unknown, asked: Descriptor | undefined): Descriptor | null => {
    if (asked) return asked.stream?.arrays.includes(array) ? asked : null;
    const sample = array === '' ? [first] : { [array]: [first] };
    return descriptors.find((d) => d.stream?.arrays.includes(array) && d.detectJson?.(sample) === true) ?? null;
  };

  return {
    descriptors,
    kinds,
    analyzeDocument,
    analyzeAccount,
    analyzeDocumentStream,
    detectJsonKind: (json: unknown): DocumentKind | null => (detectJson(json)?.kind as DocumentKind | undefined) ?? null,
    detectTextKind: (text: string): DocumentKind | null => (detectText(text)?.kind as DocumentKind | undefined) ?? null,
  };
}

function expectedAny(descriptors: readonly Descriptor[]): string {
  const aws = descriptors.filter((d) => d.command.startsWith('aws ')).map((d) => d.command.replace(/ --.*$/, ''));
  const others = descriptors.filter((d) => !d.command.startsWith('aws ')).map((d) => d.command);
  const csv = descriptors.filter((d) => d.acceptsText && d.command.startsWith('aws ')).map((d) => d.command.replace(/ --.*$/, ''));
  return `the JSON printed by a supported AWS CLI command (${aws.join(', ')})${csv.length ? `, the CSV of ${csv.join(', ')}` : ''}${others.length ? `, or the output of ${others.join(', ')}` : ''}`;
}

/** JSON when it looks like JSON (or URL-encoded JSON, as IAM prints policies); otherwise text for the CSV kinds. */
function readContent(file: string, text: string, expected: string): DocumentContent {
  const trimmed = text.trimStart();
  const urlDecoded = decodeUrlEncodedJson(trimmed);
  if (urlDecoded !== null) return { json: parseJson(file, urlDecoded, expected, 'the URL-decoded text'), isJson: true, text };
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return { json: parseJson(file, text, expected), isJson: true, text };
  return { json: undefined, isJson: false, text };
}

function documentResult(file: string, kind: string, sha256: string, analysis: Analysis): AnalyzedDocument {
  // A policy AWS would refuse is not what runs in the account: it cannot vouch for a control.
  const unfit = analysis.findings.some((f) => f.code === 'IAM_MALFORMED' && f.severity !== 'low' && f.severity !== 'info');
  return {
    type: 'document',
    file,
    kind: kind as DocumentKind, // the registry's kinds are DocumentKinds (registry.test.ts); a test registry may add its own
    sha256,
    subject: analysis.subject,
    findings: analysis.findings,
    evidences: unfit ? [] : analysis.evidences,
  };
}

function scannerResult(file: string, kind: string, sha256: string, findings: ScannerFinding[], partial: string | null): ScannerImport {
  const mapped = findings.filter((f) => f.mapped).length;
  return {
    type: 'scanner',
    file,
    kind: kind as ScannerKind,
    sha256,
    findings,
    ...(partial ? { partial } : {}),
    counts: {
      total: findings.length,
      failed: findings.filter((f) => f.status === 'fail').length,
      mapped,
      unmapped: findings.length - mapped,
    },
  };
}
