/**
 * Checks an uploaded XML document before any parser builds a model of it: a size limit, a nesting-depth limit,
 * and no DTD at all (no DOCTYPE, no entity declarations), which closes entity expansion and external entities.
 * saxes is a streaming, non-validating parser that never resolves entities itself.
 */
import { SaxesParser } from 'saxes';
import { AppError } from '../shared/app-error';

export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 5 * 1024 * 1024, maxDepth: 64 };

export function assertSafeXml(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): void {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > limits.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The XML document is ${bytes} bytes; the limit is ${limits.maxBytes}.`);
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new AppError('XML_FORBIDDEN', 'DOCTYPE and ENTITY declarations are not allowed in BPMN and DMN uploads.');
  }
  const parser = new SaxesParser({ xmlns: false });
  let depth = 0;
  let failure: AppError | undefined;
  parser.on('opentag', (tag) => {
    depth += 1;
    if (depth > limits.maxDepth && !failure) {
      failure = new AppError(
        'XML_FORBIDDEN',
        `The XML nests deeper than ${limits.maxDepth} levels (at <${tag.name}>).`,
      );
    }
  });
  parser.on('closetag', () => {
    depth -= 1;
  });
  parser.on('doctype', () => {
    failure ??= new AppError('XML_FORBIDDEN', 'DOCTYPE declarations are not allowed in BPMN and DMN uploads.');
  });
  parser.on('error', (error) => {
    failure ??= new AppError('XML_MALFORMED', `The document is not well-formed XML: ${error.message}`);
  });
  parser.write(xml).close();
  if (failure) throw failure;
}
