// What the analyzers know about one kind of document, in one object: how to recognise it, how to
// read it (whole or as a stream), which controls a clean one demonstrates, which other documents a
// control also needs, and what to tell a person who dropped the wrong file. A new kind is one file
// in kinds/ and one line in registry.ts (and its name in shared/analysis.ts's DOCUMENT_KINDS).
import type { RequirementControlLookup, ScannerFinding } from '../../../shared/analysis';
import type { Analysis } from './controls';
import type { JsonRecord } from './shape';

/** A document once read: its JSON, or (for the CSV kinds) its text. */
export type DocumentContent = { json: unknown; isJson: true; text: string } | { json: undefined; isJson: false; text: string };

/**
 * Facts that one document states about the whole account and another one needs: the VPCs that
 * describe-vpcs lists are the ones describe-flow-logs must cover. Gathered from every document
 * analysed together before any of them is analysed.
 */
export type AccountFacts = { vpcIds?: readonly string[] };

export type AnalyzeContext = {
  file: string;
  /** "Now" for age checks. */
  now: Date;
  requirementControls?: RequirementControlLookup;
  /** VPCs given by hand (`cwb analyze --vpc`); they win over those of a describe-vpcs document. */
  requiredVpcIds?: readonly string[];
  /** What the other documents analysed with this one say about the account. */
  account: AccountFacts;
  /** The descriptor's own `evidences`, which an analyzer may narrow for one document. */
  evidences: readonly string[];
};

/**
 * Streaming of a large document: its big arrays are handed over item by item and dropped after,
 * so the whole document is never in memory. `arrays` names them: `''` for a top-level array, or
 * keys of the top-level object. A stream is recognised by the first of these arrays that begins.
 */
export type StreamSpec<R> = {
  arrays: readonly string[];
  open(ctx: AnalyzeContext): StreamSink<R>;
};

export type StreamSink<R> = {
  /** One item of the array `array` ('' for a top-level array), in document order. */
  item(array: string, value: unknown, index: number): void;
  /** The document is over; `rest` holds its other top-level fields (null for a top-level array). */
  end(rest: JsonRecord | null): R;
};

type Common<K extends string> = {
  kind: K;
  /** The command a person runs to get it, for "also export …" notes. */
  command: string;
  /** The expected shape in words, for refusals. */
  expected: string;
  /** Is this JSON (already parsed) a document of this kind? Asked in registry order. */
  detectJson?: (root: unknown) => boolean;
  /** Is this non-JSON text (a CSV) a document of this kind? */
  detectText?: (text: string) => boolean;
  /** The kind is read from text that is not JSON (a CSV). */
  acceptsText?: boolean;
};

export type ConfigurationDescriptor<K extends string = string> = Common<K> & {
  type: 'document';
  /**
   * Controls a clean document of this kind fully demonstrates for the resources it lists. Kept
   * narrow on purpose: a control with a part the document cannot show is left out.
   */
  evidences: readonly string[];
  /** Controls whose question needs this kind together with others (each names itself here). */
  requiredFor?: readonly string[];
  /** Facts this document states about the account, for the other documents analysed with it. */
  facts?: (root: unknown) => AccountFacts;
  analyze(content: DocumentContent, ctx: AnalyzeContext): Analysis;
  stream?: StreamSpec<Analysis>;
};

export type ScannerDescriptor<K extends string = string> = Common<K> & {
  type: 'scanner';
  import(content: DocumentContent, ctx: AnalyzeContext): ScannerFinding[];
  stream?: StreamSpec<ScannerFinding[]>;
  /**
   * A sentence when the document is one page of several (its top-level fields say so), else null:
   * findings on other pages were not read, so no count of them is the whole.
   */
  morePages?(top: JsonRecord | null): string | null;
};

export type Descriptor<K extends string = string> = ConfigurationDescriptor<K> | ScannerDescriptor<K>;
