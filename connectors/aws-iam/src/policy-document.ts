import { policyDocumentSchema, type PolicyDocument } from '@astrolabe/core';

/**
 * IAM returns policy documents URL-encoded (RFC 3986). Some IAM-compatible endpoints return them
 * as plain JSON, so a document that already looks like JSON is parsed as is.
 */
export function decodePolicyDocument(encoded: string): PolicyDocument {
  const trimmed = encoded.trim();
  const text = trimmed.startsWith('{') ? trimmed : decodeURIComponent(trimmed);
  return policyDocumentSchema.parse(JSON.parse(text));
}

export function decodeOptionalPolicyDocument(encoded: string | undefined): PolicyDocument | null {
  return encoded ? decodePolicyDocument(encoded) : null;
}
