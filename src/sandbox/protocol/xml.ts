import type { AwsError } from '../errors.js';
import type { Reply } from './reply.js';

const XML_TYPE = 'text/xml;charset=UTF-8';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** `<name>value</name>`, or nothing when the value is undefined (absent members stay absent). */
export function el(name: string, value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  return `<${name}>${typeof value === 'string' ? escapeXml(value) : String(value)}</${name}>`;
}

/** `<name>…children…</name>` with already-rendered children (an empty wrapper gives `[]`/`{}`). */
export function wrap(name: string, children: string): string {
  return children === '' ? `<${name}/>` : `<${name}>${children}</${name}>`;
}

/** awsQuery (STS) success: the payload must sit inside `<OpResult>` or the SDK returns nothing. */
export function queryReply(operation: string, result: string, requestId: string): Reply {
  return {
    status: 200,
    contentType: XML_TYPE,
    body:
      `<${operation}Response xmlns="${STS_NS}"><${operation}Result>${result}</${operation}Result>` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`,
  };
}

export function queryErrorReply(err: AwsError, requestId: string): Reply {
  const type = err.status >= 500 ? 'Receiver' : 'Sender';
  return {
    status: err.status,
    contentType: XML_TYPE,
    body:
      `<ErrorResponse xmlns="${STS_NS}"><Error>${el('Type', type)}${el('Code', err.awsCode)}` +
      `${el('Message', err.message)}</Error>${el('RequestId', requestId)}</ErrorResponse>`,
  };
}

/** ec2Query success: members directly under the root, no Result wrapper. */
export function ec2Reply(operation: string, members: string, requestId: string): Reply {
  return {
    status: 200,
    contentType: XML_TYPE,
    body:
      `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${EC2_NS}">` +
      `<requestId>${requestId}</requestId>${members}</${operation}Response>`,
  };
}

export function ec2ErrorReply(err: AwsError, requestId: string): Reply {
  return {
    status: err.status,
    contentType: XML_TYPE,
    body:
      `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>${el('Code', err.awsCode)}` +
      `${el('Message', err.message)}</Error></Errors>${el('RequestID', requestId)}</Response>`,
  };
}
